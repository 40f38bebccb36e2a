package provider

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const libraryTrackAddress = "amazonmusic_library_track.test"

// libraryListingPath is the API path of the listing of the library.
const libraryListingPath = "/v1/me/library/tracks"

// libraryPath is the API path of a track in the library.
func libraryPath(trackID string) string {
	return "/v1/me/library/tracks/" + trackID
}

// checkLibraryEmpty is a CheckDestroy that asks the emulator, not the state,
// whether any track is left in the library.
func checkLibraryEmpty(em *emulator.Emulator) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ids := em.Library(); len(ids) != 0 {
			return fmt.Errorf("library still holds %v after destroy", ids)
		}
		return nil
	}
}

// checkLibrary checks that the emulator's library holds exactly the tracks
// of ids (one track each, saved by that id or the id the API answers for
// it).
func checkLibrary(em *emulator.Emulator, ids ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := em.Library()
		missing := slices.DeleteFunc(slices.Clone(ids), em.InLibrary)
		if len(missing) > 0 || len(got) != len(ids) {
			return fmt.Errorf("library holds %v, want the tracks of %v", got, slices.Sorted(slices.Values(ids)))
		}
		return nil
	}
}

// checkOnlyListingRead fails when the emulator received any request but
// those for the listing of the library.
func checkOnlyListingRead(em *emulator.Emulator) error {
	if total, listing := em.Total(), em.Count(http.MethodGet, libraryListingPath); total != listing {
		return fmt.Errorf("emulator received %d requests, %d of them for the listing of the library; want only those", total, listing)
	}
	return nil
}

// checkNoWrites fails when the emulator received any PUT or DELETE.
func checkNoWrites(em *emulator.Emulator) error {
	if puts, deletes := em.CountMethod(http.MethodPut), em.CountMethod(http.MethodDelete); puts+deletes != 0 {
		return fmt.Errorf("emulator received %d PUT and %d DELETE requests, want none", puts, deletes)
	}
	return nil
}

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
	fromEnv := providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)

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
