package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestAccLibraryTrackResource_savesPlansNothingMoreImportsAndRemoves(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	config := provider + libraryTrackConfig("B08DL2BXQC")

	// mustHaveMadeNoWrites is run before a step, to assert that the steps
	// since the last ResetCounts (plans, refreshes, imports) wrote nothing.
	mustHaveMadeNoWrites := func() {
		if err := checkNoWrites(em); err != nil {
			t.Error(err)
		}
		em.ResetCounts()
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("track_id"), knownvalue.StringExact("B08DL2BXQC")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("isrc"), knownvalue.StringExact("GBCFB2000356")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("url"),
						knownvalue.StringExact("https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 1)
					},
				),
			},
			{
				// The same configuration again: nothing to do, nothing
				// written, and nothing read but the listing of the library.
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return checkNoWrites(em) },
					func(*terraform.State) error { return checkOnlyListingRead(em) },
				),
			},
			{
				// The listing fills in title, isrc and url: the import
				// equals the state the save wrote, attribute for attribute.
				PreConfig:         mustHaveMadeNoWrites,
				ResourceName:      libraryTrackAddress,
				ImportState:       true,
				ImportStateId:     "B08DL2BXQC",
				ImportStateVerify: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("import produced %d resources, want 1", len(states))
					}
					want := map[string]string{
						"title": "Kane Train",
						"isrc":  "GBCFB2000356",
						"url":   "https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC",
					}
					for name, value := range want {
						if got := states[0].Attributes[name]; got != value {
							return fmt.Errorf("imported %s = %q, want %q", name, got, value)
						}
					}
					return checkOnlyListingRead(em)
				},
			},
			{
				PreConfig:       mustHaveMadeNoWrites,
				ResourceName:    libraryTrackAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
						plancheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("track_id"), knownvalue.StringExact("B08DL2BXQC")),
						plancheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
						plancheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("isrc"), knownvalue.StringExact("GBCFB2000356")),
					},
				},
			},
			{
				// Imports wrote nothing either; the track is still saved.
				PreConfig: mustHaveMadeNoWrites,
				Config:    config,
				Check:     checkLibrary(em, "B08DL2BXQC"),
			},
		},
	})
}

func TestAccLibraryTrackResource_keepsConfiguredIDWhenAPIAnswersAnother(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// The reference asks for B097S29G3W and is answered B097S185X9.
				Config: provider + libraryTrackConfig("B097S29G3W"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B097S29G3W")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("track_id"), knownvalue.StringExact("B097S29G3W")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Something To Believe In")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("isrc"), knownvalue.StringExact("USATO2100125")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("url"),
						knownvalue.StringExact("https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9")),
				},
				Check: checkLibrary(em, "B097S29G3W"),
			},
		},
	})
}

func TestAccLibraryTrackResource_changingTrackIDReplacesTheTrack(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: provider + libraryTrackConfig("B08DL2BXQC"),
				Check:  checkLibrary(em, "B08DL2BXQC"),
			},
			{
				Config: provider + libraryTrackConfig("B07QXMFJ4W"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(libraryTrackAddress, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectUnknownValue(libraryTrackAddress, tfjsonpath.New("title")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B07QXMFJ4W")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Harbour Lights")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B07QXMFJ4W"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodDelete, libraryPath("B08DL2BXQC"), 1)
					},
				),
			},
		},
	})
}

func TestAccLibraryTrackResource_rejectsMalformedTrackIDsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"b08dl2bxqc", "B08DL2BXQ", "B08DL2BXQC1", "../../me/x", ""} {
		t.Run(fmt.Sprintf("%q", id), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      provider + libraryTrackConfig(id),
					ExpectError: errorText("must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

func TestAccLibraryTrackResource_importRejectsMalformedID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        provider + libraryTrackConfig("B08DL2BXQC"),
			ResourceName:  libraryTrackAddress,
			ImportState:   true,
			ImportStateId: "b08dl2bxqc",
			ExpectError:   errorText(`The import id must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC; got "b08dl2bxqc".`),
		}},
	})
	expectNoRequests(t, em)
}

func TestAccLibraryTrackResource_unknownTrackFailsApplyNamingTheID(t *testing.T) {
	t.Parallel()
	// Generated catalog ids are "B0" and 8 digits: ZZZZZZZZZZ is in no catalog.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config:      provider + libraryTrackConfig("ZZZZZZZZZZ"),
			ExpectError: errorText("Unable to save track ZZZZZZZZZZ to the library"),
		}},
	})
	if err := expectRequests(em, http.MethodPut, libraryPath("ZZZZZZZZZZ"), 1); err != nil {
		t.Error(err, "(a 404 is not retried)")
	}
}

func TestAccLibraryTrackResource_savesThroughThrottlingAndUnavailability(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(
		emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(""), Status: http.StatusTooManyRequests, RetryAfter: "1"},
		emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(""), Status: http.StatusServiceUnavailable},
	)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config: provider + libraryTrackConfig("B08DL2BXQC"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				checkLibrary(em, "B08DL2BXQC"),
				func(*terraform.State) error {
					// 429, then 503, then the save.
					return expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 3)
				},
			),
		}},
	})
}

func TestAccLibraryTrackResource_deleteAnswered404CountsAsDone(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	config := provider + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if n := em.PendingFaults(); n != 0 {
				return fmt.Errorf("the 404 fault was not consumed (%d pending)", n)
			}
			return expectRequests(em, http.MethodDelete, libraryPath("B08DL2BXQC"), 1)
		},
		Steps: []resource.TestStep{
			{Config: config},
			{
				// The final destroy is answered 404, as for a track the API
				// no longer knows.
				PreConfig: func() {
					em.InjectFaults(emulator.Fault{Method: http.MethodDelete, Status: http.StatusNotFound})
				},
				Config: config,
			},
		},
	})
}

func TestAccLibraryTrackResource_trackRemovedOutsideTerraformIsSavedAgain(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	config := provider + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{Config: config},
			{
				// Another app removes the track: the refresh sees it gone,
				// the plan saves it again, and the apply does.
				PreConfig: func() {
					em.RemoveFromLibrary("B08DL2BXQC")
					em.ResetCounts()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(libraryTrackAddress, plancheck.ResourceActionCreate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 1)
					},
					func(*terraform.State) error {
						if n := em.CountMethod(http.MethodDelete); n != 0 {
							return fmt.Errorf("emulator received %d DELETE requests, want none", n)
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccLibraryTrackResource_withoutDriftDetectionRefreshMakesNoRequest(t *testing.T) {
	em, url := startEmulator(t, emulator.Options{})
	inBlock := `provider "amazonmusic" {
  base_url        = "` + url + `"
  api_key         = "` + emulator.DefaultAPIKey + `"
  access_token    = "` + emulator.DefaultAccessToken + `"
  drift_detection = false
}
`
	fromEnv := emulatorProviderBlock(url)

	for _, tt := range []struct {
		name, provider, env string
	}{
		{"in the provider block", inBlock, "true"}, // the block wins over the environment
		{"from the environment", fromEnv, "false"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvDriftDetection, tt.env)
			config := tt.provider + libraryTrackConfig("B08DL2BXQC")
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkLibraryEmpty(em),
				Steps: []resource.TestStep{
					{Config: config},
					{
						// Without the listing, the removal goes unseen: the
						// plan stays empty and no request is made to find out.
						PreConfig: func() {
							em.RemoveFromLibrary("B08DL2BXQC")
							em.ResetCounts()
						},
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: func(*terraform.State) error {
							if n := em.Total(); n != 0 {
								return fmt.Errorf("emulator received %d requests during plan and refresh, want none", n)
							}
							return nil
						},
					},
					{
						// An import keeps only the id: nothing is read.
						PreConfig:     em.ResetCounts,
						ResourceName:  libraryTrackAddress,
						ImportState:   true,
						ImportStateId: "B08DL2BXQC",
						ImportStateCheck: func(states []*terraform.InstanceState) error {
							if len(states) != 1 || states[0].Attributes["track_id"] != "B08DL2BXQC" {
								return fmt.Errorf("import produced %v, want track B08DL2BXQC", states)
							}
							for _, name := range []string{"title", "isrc", "url"} {
								if v, ok := states[0].Attributes[name]; ok {
									return fmt.Errorf("imported %s = %q, want null", name, v)
								}
							}
							if n := em.Total(); n != 0 {
								return fmt.Errorf("emulator received %d requests during the import, want none", n)
							}
							return nil
						},
					},
				},
			})
		})
	}
}

// TestAccLibraryTrackResource_expiredAccessTokenSaysHowToKeepTokensValid
// saves a track with a static access token the API no longer accepts: the
// error names the 401 and says that access tokens expire after about an
// hour and how a refresh token avoids it, without the token itself.
func TestAccLibraryTrackResource_expiredAccessTokenSaysHowToKeepTokensValid(t *testing.T) {
	t.Parallel()
	const expired = "Atza|an-access-token-that-expired"
	em, url := startEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(url, emulator.DefaultAPIKey, expired) + libraryTrackConfig("B08DL2BXQC"),
			ExpectError: errorText("Amazon Music refused the access token", "Saving track B08DL2BXQC did not succeed",
				"HTTP 401 INVALID_ACCESS_TOKEN",
				"Access tokens expire after about an hour", "or a refresh token with its client id and secret"),
		}},
	})
	if em.InLibrary("B08DL2BXQC") {
		t.Error("the track was saved with a refused token")
	}
}

// TestAccLibraryTrackResource_catalogRefusedAfterImportWarnsOnceAndLeavesNull
// imports two library tracks whose listing lacks the isrc, against an API
// that refuses the catalog read with 403 (a token without the
// music::catalog scope): the apply succeeds with a single warning, and the
// isrc stays null beside the title and url the listing gives.
func TestAccLibraryTrackResource_catalogRefusedAfterImportWarnsOnceAndLeavesNull(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	em.AddToLibrary("B00LIVE7QX") // no isrc in the listing nor the catalog
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/tracks/", Status: http.StatusForbidden,
		Code: "INSUFFICIENT_SCOPE", Times: 100})
	config := emulatorProviderBlock(url)
	for _, name := range []string{"a", "b"} {
		config += `
import {
  to = amazonmusic_library_track.` + name + `
  id = "B00LIVE7QX"
}

resource "amazonmusic_library_track" "` + name + `" {
  track_id = "B00LIVE7QX"
}
`
	}
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	out := cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	// Terraform folds warnings of the same summary into one, adding "(and
	// N more similar warnings elsewhere)": neither may appear.
	if n := strings.Count(out, "Warning: Track details left null"); n != 1 || strings.Contains(out, "more similar warning") {
		t.Errorf("the apply warned %d times (similar warnings folded: %t), want once:\n%s", n, strings.Contains(out, "more similar warning"), out)
	}
	if !strings.Contains(out, "music::catalog") || !strings.Contains(out, "HTTP 403") {
		t.Errorf("the warning names neither the scope nor the answer:\n%s", out)
	}
	if n := em.Count(http.MethodGet, "/v1/tracks/B00LIVE7QX"); n != 2 {
		t.Errorf("GET /v1/tracks/B00LIVE7QX sent %d times, want 2: once per imported track, never retried", n)
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	state := cli.state()
	found := 0
	for _, r := range state.Resources {
		if r.Type != "amazonmusic_library_track" {
			continue
		}
		for _, inst := range r.Instances {
			found++
			attrs := inst.Attributes
			if attrs["isrc"] != nil || attrs["title"] != "Untitled (Live)" ||
				attrs["url"] != "https://music.amazon.com/albums/B00LIVE2AL/?trackAsin=B00LIVE7QX" {
				t.Errorf("%s: isrc %v, title %v, url %v; want null, and the listing's title and url", r.Name, attrs["isrc"], attrs["title"], attrs["url"])
			}
		}
	}
	if found != 2 {
		t.Errorf("the state holds %d library tracks, want the 2 imported", found)
	}
}

// The tests below check drift detection: how refreshing library tracks reads
// the listing of the library, and what it costs in requests.

// TestAccLibraryTrackResource_planOverManyTracksReadsTheListingOncePerPage
// plans 60 tracks (count) against a server that answers at most 7 tracks a
// page: the refresh of all 60 sends ceil(60/7) = 9 requests, all for the
// listing, and writes nothing. Three tracks removed outside Terraform make a
// plan with 3 to add, at the same cost. Without drift detection the plan
// sends nothing.
func TestAccLibraryTrackResource_planOverManyTracksReadsTheListingOncePerPage(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const tracks, pageCap = 60, 7
	wantPages := (tracks + pageCap - 1) / pageCap

	em, url := startEmulator(t, emulator.Options{CatalogSize: tracks, PageCap: pageCap})
	ids := generatedTrackIDs(tracks)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)),
		emulatorProviderBlock(url)+libraryTracksConfig(ids))

	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if got := em.Library(); !slices.Equal(got, ids) {
		t.Fatalf("library after apply holds %d tracks, want the %d configured", len(got), len(ids))
	}

	checkPlanRequests := func(what string) {
		t.Helper()
		listing := em.Count(http.MethodGet, libraryListingPath)
		if listing != wantPages || em.Total() != listing {
			t.Errorf("%s: %d requests, %d of them for the listing; want exactly the %d pages of the listing (%d tracks, %d a page)",
				what, em.Total(), listing, wantPages, tracks, pageCap)
		}
		cursors := em.LibraryCursors()
		distinct := len(slices.Compact(slices.Sorted(slices.Values(cursors))))
		if len(cursors) != wantPages || cursors[0] != "" || distinct != wantPages {
			t.Errorf("%s: %d cursors sent, %d distinct, want one walk of %d distinct pages from the first", what, len(cursors), distinct, wantPages)
		}
		t.Logf("%s: %d tracks, page cap %d: %d GET %s, %d requests in all", what, tracks, pageCap, listing, libraryListingPath, em.Total())
	}

	em.ResetCounts()
	if code, out := planExitCode(t, cli); code != 0 {
		t.Errorf("the plan after apply is not empty:\n%s", out)
	}
	checkPlanRequests("plan with no drift")

	em.ResetCounts()
	if code, out := planExitCode(t, cli, EnvDriftDetection+"=false"); code != 0 {
		t.Errorf("the plan without drift detection is not empty:\n%s", out)
	}
	if n := em.Total(); n != 0 {
		t.Errorf("the plan without drift detection sent %d requests, want none", n)
	}

	removed := []string{ids[0], ids[29], ids[59]}
	em.RemoveFromLibrary(removed...)
	em.ResetCounts()
	code, out := planExitCode(t, cli)
	if code != 2 || !strings.Contains(out, "Plan: 3 to add, 0 to change, 0 to destroy.") {
		t.Errorf("the plan after 3 tracks were removed outside Terraform does not add them (exit %d):\n%s", code, out)
	}
	for _, i := range []int{0, 29, 59} {
		if want := trackAddress(i) + " will be created"; !strings.Contains(out, want) {
			t.Errorf("the plan does not say %q:\n%s", want, out)
		}
	}
	checkPlanRequests("plan with 3 tracks removed")

	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if got := em.Library(); !slices.Equal(got, ids) {
		t.Errorf("library after the second apply holds %d tracks, want the %d configured", len(got), len(ids))
	}
	for _, id := range removed {
		if err := expectRequests(em, http.MethodPut, libraryPath(id), 1); err != nil {
			t.Error(err)
		}
	}
	if n := em.CountMethod(http.MethodPut); n != len(removed) {
		t.Errorf("the second apply sent %d PUT requests, want %d: only the removed tracks", n, len(removed))
	}
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if got := em.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v", got)
	}
}

// TestAccLibraryTrackResource_listingFailureFailsTheRefreshClearly answers
// the listing with a truncated page: the refresh of every track fails
// naming the track and the listing's answer, after a single request.
func TestAccLibraryTrackResource_listingFailureFailsTheRefreshClearly(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{CatalogSize: 3})
	ids := generatedTrackIDs(3)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), emulatorProviderBlock(url)+libraryTracksConfig(ids))
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")

	em.ResetCounts()
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: libraryListingPath, Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON})
	out, err := cli.run(nil, "plan", "-input=false")
	if err == nil {
		t.Fatalf("the plan succeeded on a truncated listing:\n%s", out)
	}
	for _, id := range ids {
		want := errorText("Error: Unable to refresh library track "+id,
			"could not list the tracks saved in the library",
			"unexpected response from GET "+libraryListingPath+": invalid JSON body (application/json): unexpected EOF",
			"set drift_detection = false")
		if !want.MatchString(out) {
			t.Errorf("the output does not report the refresh of %s failing as %s:\n%s", id, want, out)
		}
	}
	if err := expectRequests(em, http.MethodGet, libraryListingPath, 1); err != nil {
		t.Error(err, "(a failed walk is not repeated for every track)")
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
}

// listingWithoutMetadata serves em, but strips every field but the id from
// the nodes of the listing of the library, as a listing of bare ids would.
func listingWithoutMetadata(t *testing.T, em *emulator.Emulator) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != libraryListingPath {
			em.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		em.ServeHTTP(rec, r)
		var page struct {
			Data struct {
				User struct {
					ID     string `json:"id"`
					Tracks struct {
						PageInfo  json.RawMessage `json:"pageInfo"`
						EdgeCount int             `json:"edgeCount"`
						Edges     []struct {
							Cursor string `json:"cursor"`
							Node   struct {
								ID string `json:"id"`
							} `json:"node"`
						} `json:"edges"`
					} `json:"tracks"`
				} `json:"user"`
			} `json:"data"`
		}
		// Decoding into nodes that hold only an id drops every other field.
		if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &page) != nil {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestAccLibraryTrackResource_importReadsTheCatalogWhenTheListingLacksMetadata(t *testing.T) {
	t.Parallel()
	em := emulator.New(emulator.Options{})
	url := listingWithoutMetadata(t, em)
	config := emulatorProviderBlock(url) + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// The state keeps what the save answered: refreshes need no
				// catalog read.
				Config: config,
				Check: func(*terraform.State) error {
					return expectRequests(em, http.MethodGet, "/v1/tracks/B08DL2BXQC", 0)
				},
			},
			{
				PreConfig:         em.ResetCounts,
				ResourceName:      libraryTrackAddress,
				ImportState:       true,
				ImportStateId:     "B08DL2BXQC",
				ImportStateVerify: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 || states[0].Attributes["title"] != "Kane Train" || states[0].Attributes["isrc"] != "GBCFB2000356" {
						return fmt.Errorf("import produced %v, want Kane Train from the catalog", states)
					}
					if err := expectRequests(em, http.MethodGet, "/v1/tracks/B08DL2BXQC", 1); err != nil {
						return err
					}
					return checkNoWrites(em)
				},
			},
		},
	})
}

func TestAccLibraryTrackResource_importOfATrackNotInTheLibraryFails(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        provider + libraryTrackConfig("B07QXMFJ4W"),
			ResourceName:  libraryTrackAddress,
			ImportState:   true,
			ImportStateId: "B07QXMFJ4W",
			ExpectError:   errorText("Cannot import non-existent remote object"),
		}},
	})
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	if got := em.Library(); !slices.Equal(got, []string{"B08DL2BXQC"}) {
		t.Errorf("library holds %v, want only B08DL2BXQC", got)
	}
}

// identityVersionChecks skip a test below Terraform 1.12, the first to
// know resource identities.
var identityVersionChecks = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_12_0),
}

// expectTrackIdentity checks the identity of the amazonmusic_library_track
// at address in the state.
func expectTrackIdentity(address, trackID string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
		"track_id": knownvalue.StringExact(trackID),
	})
}

// importByIdentityConfig renders an import block of the track trackID into
// amazonmusic_library_track.test by its identity.
func importByIdentityConfig(trackID string) string {
	return fmt.Sprintf(`
import {
  to       = amazonmusic_library_track.test
  identity = { track_id = %q }
}
`, trackID)
}

// planCheckFunc is a plan check written as a function.
type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

func TestAccLibraryTrackResource_importByIdentityWritesNothingAndRecordsTheIdentity(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	em.ResetCounts()
	config := provider + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// The import block names the track by its identity: the
				// apply imports it from the listing and writes nothing.
				Config: config + importByIdentityConfig("B08DL2BXQC"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(libraryTrackAddress, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC"),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return checkNoWrites(em) },
					func(*terraform.State) error { return checkOnlyListingRead(em) },
					checkLibrary(em, "B08DL2BXQC"),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC")},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return checkNoWrites(em) },
					func(*terraform.State) error { return checkOnlyListingRead(em) },
				),
			},
			{
				// The testing framework's own round trip: an import block
				// with the identity of the state plans a no-op import
				// with that identity.
				PreConfig:       em.ResetCounts,
				ResourceName:    libraryTrackAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{planCheckFunc(func() error { return checkNoWrites(em) })},
				},
			},
		},
	})
}

func TestAccLibraryTrackResource_importByIdentityRejectsMalformedID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		Steps: []resource.TestStep{
			{
				Config:      provider + libraryTrackConfig("B08DL2BXQC") + importByIdentityConfig("not-a-track"),
				ExpectError: errorText("The track_id of the import identity must be an Amazon Music catalog id", `got "not-a-track"`),
			},
		},
	})
	expectNoRequests(t, em)
}

func TestAccLibraryTrackResource_saveAndImportByIDRecordTheIdentity(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	em.ResetCounts()
	const saved, imported = "amazonmusic_library_track.saved", "amazonmusic_library_track.imported"
	// B07QXMFJ4W is saved by the apply, B08DL2BXQC imported by its id.
	config := provider + `
resource "amazonmusic_library_track" "saved" {
  track_id = "B07QXMFJ4W"
}

resource "amazonmusic_library_track" "imported" {
  track_id = "B08DL2BXQC"
}
`
	importByID := `
import {
  to = amazonmusic_library_track.imported
  id = "B08DL2BXQC"
}
`

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: config + importByID,
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrackIdentity(saved, "B07QXMFJ4W"),
					expectTrackIdentity(imported, "B08DL2BXQC"),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC", "B07QXMFJ4W"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B07QXMFJ4W"), 1)
					},
					func(*terraform.State) error {
						if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 1 {
							return fmt.Errorf("emulator received %d PUT and DELETE requests, want only the save of B07QXMFJ4W", n)
						}
						return nil
					},
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// withoutIdentityServer serves the provider as it was before its resources
// had identities: it knows no identity schema and answers no identity, which
// is all that the addition of identities changed in what the provider says
// to Terraform. Terraform then writes the state such a provider leaves.
type withoutIdentityServer struct {
	tfprotov6.ProviderServer
}

func (s withoutIdentityServer) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (s withoutIdentityServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.PlannedIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		for _, r := range resp.ImportedResources {
			r.Identity = nil
		}
	}
	return resp, err
}

// expectNoIdentity checks that the resource at address has no identity in
// the state.
type expectNoIdentity string

func (address expectNoIdentity) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == string(address) {
			if len(r.IdentityValues) != 0 {
				resp.Error = fmt.Errorf("%s has the identity %v in the state, want none", address, r.IdentityValues)
			}
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the state", address)
}

// State written before amazonmusic_library_track had an identity upgrades
// silently: the first refresh records the identity, the plan is empty and
// nothing is requested but the listing that refreshes the track anyway
// (nothing at all with drift detection off).
func TestAccLibraryTrackResource_stateWithoutIdentityUpgradesSilently(t *testing.T) {
	t.Parallel()
	for name, driftDetection := range map[string]bool{"drift detection on": true, "drift detection off": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{})
			config := emulatorProviderBlock(url, [2]string{"drift_detection", fmt.Sprint(driftDetection)}) +
				libraryTrackConfig("B08DL2BXQC")
			checkRequests := func(*terraform.State) error { return checkOnlyListingRead(em) }
			if !driftDetection {
				checkRequests = func(*terraform.State) error {
					if n := em.Total(); n != 0 {
						return fmt.Errorf("emulator received %d requests, want none", n)
					}
					return nil
				}
			}

			resource.Test(t, resource.TestCase{
				TerraformVersionChecks: identityVersionChecks,
				CheckDestroy:           checkLibraryEmpty(em),
				Steps: []resource.TestStep{
					{
						ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
							"amazonmusic": func() (tfprotov6.ProviderServer, error) {
								s, err := testAccProtoV6ProviderFactories["amazonmusic"]()
								return withoutIdentityServer{s}, err
							},
						},
						Config:            config,
						ConfigStateChecks: []statecheck.StateCheck{expectNoIdentity(libraryTrackAddress)},
					},
					{
						PreConfig:                em.ResetCounts,
						ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
						Config:                   config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC")},
						Check: resource.ComposeAggregateTestCheckFunc(
							func(*terraform.State) error { return checkNoWrites(em) },
							checkRequests,
						),
					},
				},
			})
		})
	}
}
