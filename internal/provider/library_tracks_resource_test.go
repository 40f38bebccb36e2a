package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const bulkTracksAddress = "amazonmusic_library_tracks.test"

// bulkTracksConfig renders amazonmusic_library_tracks.test listing ids, with
// extra lines (such as "max_concurrency = 4") in its body.
func bulkTracksConfig(ids []string, extra ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	var body strings.Builder
	for _, line := range extra {
		body.WriteString("  " + line + "\n")
	}
	return fmt.Sprintf(`
resource "amazonmusic_library_tracks" "test" {
  track_ids = [%s]
%s}
`, strings.Join(quoted, ", "), body.String())
}

// bulkProviderBlock renders a provider block for the emulator at url with
// extra arguments (name, HCL value).
func bulkProviderBlock(url string, extra ...[2]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"amazonmusic\" {\n  base_url = %q\n  api_key = %q\n  access_token = %q\n",
		url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
	for _, kv := range extra {
		fmt.Fprintf(&b, "  %s = %s\n", kv[0], kv[1])
	}
	b.WriteString("}\n")
	return b.String()
}

// trackIDsExact checks a set of exactly ids.
func trackIDsExact(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return knownvalue.SetExact(checks)
}

// emulatorTrack checks an element of tracks against what the emulator
// answers for id; attributes it leaves out must be null.
func emulatorTrack(em *emulator.Emulator, id string) knownvalue.Check {
	t, ok := em.Track(id)
	if !ok {
		panic("emulator does not know track " + id)
	}
	value := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"saved_track_id": knownvalue.StringExact(t.ID),
		"title":          value(t.Title),
		"isrc":           value(t.ISRC),
		"url":            value(t.URL),
	})
}

// bulkStateChecks checks that amazonmusic_library_tracks.test holds exactly
// ids, each with the emulator's track.
func bulkStateChecks(em *emulator.Emulator, ids ...string) []statecheck.StateCheck {
	tracks := make(map[string]knownvalue.Check, len(ids))
	for _, id := range ids {
		tracks[id] = emulatorTrack(em, id)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("id"), knownvalue.StringExact("library")),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_ids"), trackIDsExact(ids...)),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.MapExact(tracks)),
	}
}

// checkWrites checks that, since the last ResetCounts, the emulator received
// exactly one PUT for each id of puts and one DELETE for each id of
// deletes, and no other PUT or DELETE.
func checkWrites(em *emulator.Emulator, puts, deletes []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var errs []string
		for method, ids := range map[string][]string{http.MethodPut: puts, http.MethodDelete: deletes} {
			for _, id := range ids {
				if err := expectRequests(em, method, libraryPath(id), 1); err != nil {
					errs = append(errs, err.Error())
				}
			}
			if got := em.CountMethod(method); got != len(ids) {
				errs = append(errs, fmt.Sprintf("emulator received %d %s requests, want %d: %v", got, method, len(ids), ids))
			}
		}
		if len(errs) > 0 {
			slices.Sort(errs)
			return fmt.Errorf("%s", strings.Join(errs, "\n"))
		}
		return nil
	}
}

// checkStateTrackIDs checks the track_ids of amazonmusic_library_tracks.test
// in the state, for steps without ConfigStateChecks (refresh-only steps).
func checkStateTrackIDs(ids ...string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		r := s.RootModule().Resources[bulkTracksAddress]
		if r == nil {
			return fmt.Errorf("%s is not in the state", bulkTracksAddress)
		}
		var got []string
		for key, value := range r.Primary.Attributes {
			if strings.HasPrefix(key, "track_ids.") && key != "track_ids.#" {
				got = append(got, value)
			}
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(ids))
		if !slices.Equal(got, want) {
			return fmt.Errorf("state's track_ids = %v, want %v", got, want)
		}
		return nil
	}
}

func TestAccLibraryTracksResource_createsUpdatesImportsAndDestroysOnlyItsTracks(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	provider := bulkProviderBlock(url)
	// Saved by another app of the user: the resource does not list it and
	// never touches it.
	const outOfBand = "B09HN3RPLM"
	em.AddToLibrary(outOfBand)

	// B097S29G3W is answered as B097S185X9: the configured id is the key.
	first := []string{"B08DL2BXQC", "B097S29G3W", "B07QXMFJ4W", "B0C1KZ5T8P"}
	added := []string{"B0B6T4GQ2S", "B00LIVE7QX"} // the latter has no ISRC
	removed := []string{"B07QXMFJ4W", "B0C1KZ5T8P"}
	second := []string{"B08DL2BXQC", "B097S29G3W", "B0B6T4GQ2S", "B00LIVE7QX"}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := checkLibrary(em, outOfBand)(s); err != nil {
				return fmt.Errorf("after destroy: %w", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksConfig(first),
				ConfigStateChecks: bulkStateChecks(em, first...),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, append([]string{outOfBand}, first...)...),
					checkWrites(em, first, nil),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksConfig(first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				// Two ids in, two out, in one step.
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksConfig(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						// The tracks kept are known; only those to save are not.
						plancheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey("B08DL2BXQC"), emulatorTrack(em, "B08DL2BXQC")),
						plancheck.ExpectUnknownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey("B0B6T4GQ2S")),
					},
				},
				ConfigStateChecks: bulkStateChecks(em, second...),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, append([]string{outOfBand}, second...)...),
					checkWrites(em, added, removed),
				),
			},
			{
				PreConfig:         em.ResetCounts,
				ResourceName:      bulkTracksAddress,
				ImportState:       true,
				ImportStateId:     " B0B6T4GQ2S,B08DL2BXQC , B00LIVE7QX,B097S29G3W,B08DL2BXQC",
				ImportStateVerify: true,
			},
			{
				// The import wrote nothing.
				Config: provider + bulkTracksConfig(second),
				Check:  checkWrites(em, nil, nil),
			},
		},
	})
}

func TestAccLibraryTracksResource_failedTracksAreReportedAndTheNextApplyDoesOnlyThem(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(10)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids)})
	provider := bulkProviderBlock(url)

	before := ids[:4]
	after := slices.Concat(ids[:1], ids[2:]) // drops ids[1], adds ids[4:]
	failSave := []string{ids[5], ids[7]}
	failRemove := ids[1]

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: provider + bulkTracksConfig(before),
				Check:  checkLibrary(em, before...),
			},
			{
				PreConfig: func() {
					em.ResetCounts()
					for _, id := range failSave {
						em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(id), Status: http.StatusUnprocessableEntity})
					}
					em.InjectFaults(emulator.Fault{Method: http.MethodDelete, PathPrefix: libraryPath(failRemove), Status: http.StatusUnprocessableEntity})
				},
				Config: provider + bulkTracksConfig(after),
				ExpectError: regexp.MustCompile(`(?s)Unable to remove track B000000001 from the library.*?HTTP\s+422.*?` +
					`Unable to save track B000000005 to the library.*?HTTP\s+422.*?` +
					`Unable to save track B000000007 to the library.*?HTTP\s+422`),
			},
			{
				// The state holds what the library holds: the saves that
				// worked, and the track that could not be removed.
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkStateTrackIDs(ids[0], ids[1], ids[2], ids[3], ids[4], ids[6], ids[8], ids[9]),
					checkLibrary(em, ids[0], ids[1], ids[2], ids[3], ids[4], ids[6], ids[8], ids[9]),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksConfig(after),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: bulkStateChecks(em, after...),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, after...),
					// Only what failed is sent again.
					checkWrites(em, failSave, []string{failRemove}),
				),
			},
		},
	})
}

func TestAccLibraryTracksResource_firstApplyWithFailuresKeepsTheSavedTracksTaintedThenConverges(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(5)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids)})
	config := bulkProviderBlock(url) + bulkTracksConfig(ids)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(ids[3]), Status: http.StatusUnprocessableEntity})
				},
				Config:      config,
				ExpectError: regexp.MustCompile(`Unable to save track B000000003 to the library`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkStateTrackIDs(ids[0], ids[1], ids[2], ids[4]),
					func(s *terraform.State) error {
						if !s.RootModule().Resources[bulkTracksAddress].Primary.Tainted {
							return fmt.Errorf("%s is not tainted after a first apply that failed in part", bulkTracksAddress)
						}
						return nil
					},
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: bulkStateChecks(em, ids...),
				Check:             checkLibrary(em, ids...),
			},
		},
	})
}

func TestAccLibraryTracksResource_firstApplyWhereEverySaveFailsCreatesNothing(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	config := bulkProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC", "B07QXMFJ4W"})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusForbidden, Code: "INSUFFICIENT_SCOPE", Times: 1})
				},
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)Amazon Music refused the API key or the token's scope.*?Saving track ` +
					`B07QXMFJ4W\s+did\s+not\s+succeed.*?INSUFFICIENT_SCOPE.*?No\s+request\s+was\s+sent\s+for\s+1\s+more:\s+B08DL2BXQC`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionCreate)},
				},
				Check: checkLibrary(em, "B08DL2BXQC", "B07QXMFJ4W"),
			},
		},
	})
}

func TestAccLibraryTracksResource_manyFailuresAreAllNamed(t *testing.T) {
	t.Parallel()
	// Twelve unknown catalog ids: more than one diagnostic each can hold.
	ids := generatedTrackIDs(12)
	em, url := startEmulator(t, emulator.Options{})

	var want []string
	for _, id := range ids {
		want = append(want, regexp.QuoteMeta(id))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: bulkProviderBlock(url) + bulkTracksConfig(ids),
				ExpectError: regexp.MustCompile(`(?s)` + strings.Join(want[:9], `.*?HTTP\s+404.*?`) +
					`.*?Unable to save or remove 3 more tracks.*?` + strings.Join(want[9:], `.*?HTTP\s+404.*?`)),
			},
		},
	})
	if got := em.CountMethod(http.MethodPut); got != len(ids) {
		t.Errorf("emulator received %d PUT requests, want %d: one per track, 404 is not retried", got, len(ids))
	}
}

func TestAccLibraryTracksResource_tracksRemovedOutsideTerraformAreSavedAgain(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(6)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids)})
	config := bulkProviderBlock(url) + bulkTracksConfig(ids)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					em.RemoveFromLibrary(ids[1], ids[4])
					em.ResetCounts()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(ids[1])),
						plancheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(ids[0]), emulatorTrack(em, ids[0])),
					},
				},
				ConfigStateChecks: bulkStateChecks(em, ids...),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					checkWrites(em, []string{ids[1], ids[4]}, nil),
				),
			},
		},
	})
}

func TestAccLibraryTracksResource_keepsInFlightRequestsWithinMaxConcurrency(t *testing.T) {
	t.Parallel()
	const providerLimit, resourceLimit = 3, 6
	ids := generatedTrackIDs(60)
	// With this latency every request is in flight long enough for the
	// others of its batch to start.
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), Latency: 50 * time.Millisecond})
	provider := bulkProviderBlock(url, [2]string{"max_concurrency", strconv.Itoa(providerLimit)})

	checkMaxInFlight := func(limit int, above int) resource.TestCheckFunc {
		return func(*terraform.State) error {
			got := em.MaxInFlight()
			if got > limit || got <= above {
				return fmt.Errorf("emulator saw at most %d requests in flight, want more than %d and at most %d", got, above, limit)
			}
			return nil
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// The provider's max_concurrency.
				Config: provider + bulkTracksConfig(ids[:30]),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids[:30]...),
					checkMaxInFlight(providerLimit, 1),
				),
			},
			{
				// The resource's own, which wins.
				PreConfig: em.ResetMaxInFlight,
				Config:    provider + bulkTracksConfig(ids, "max_concurrency = "+strconv.Itoa(resourceLimit)),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					checkMaxInFlight(resourceLimit, providerLimit),
				),
			},
		},
	})
}

func TestAccLibraryTracksResource_rejectsBadSettingsAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	provider := bulkProviderBlock(url)

	tests := []struct {
		name   string
		config string
		want   *regexp.Regexp
	}{
		{
			name:   "malformed track ids",
			config: provider + bulkTracksConfig([]string{"B08DL2BXQC", "b08dl2bxqc", "B08DL2BXQ"}),
			want:   errorText("must be an Amazon Music catalog id", "b08dl2bxqc"),
		},
		{
			name:   "null track id",
			config: provider + "resource \"amazonmusic_library_tracks\" \"test\" {\n  track_ids = [\"B08DL2BXQC\", null]\n}\n",
			want:   errorText("track_ids", "null value"),
		},
		{
			name:   "resource max_concurrency 0",
			config: provider + bulkTracksConfig([]string{"B08DL2BXQC"}, "max_concurrency = 0"),
			want:   errorText("max_concurrency", "between 1 and 64"),
		},
		{
			name:   "provider max_concurrency 65",
			config: bulkProviderBlock(url, [2]string{"max_concurrency", "65"}) + bulkTracksConfig([]string{"B08DL2BXQC"}),
			want:   errorText("max_concurrency", "between 1 and 64"),
		},
		{
			name:   "provider max_requests_per_second 0",
			config: bulkProviderBlock(url, [2]string{"max_requests_per_second", "0"}) + bulkTracksConfig([]string{"B08DL2BXQC"}),
			want:   errorText("max_requests_per_second", "must be greater than 0"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: tt.config, PlanOnly: true, ExpectError: tt.want},
				},
			})
		})
	}
	expectNoRequests(t, em)
}

func TestAccLibraryTracksResource_importRejectsMalformedIDs(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	config := bulkProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC"})

	for _, importID := range []string{"B08DL2BXQC,not-an-id", " , ", "B08DL2BXQC;B07QXMFJ4W"} {
		t.Run(strconv.Quote(importID), func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:        config,
						ResourceName:  bulkTracksAddress,
						ImportState:   true,
						ImportStateId: importID,
						ExpectError:   errorText("Invalid import id", "comma-separated list of catalog track ids"),
					},
				},
			})
		})
	}
	if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 0 {
		t.Errorf("emulator received %d writes, want none", n)
	}
}

func TestAccProvider_maxRequestsPerSecondPacesTheSaves(t *testing.T) {
	t.Parallel()
	// A quarter of the server's rate, so that requests the machine delays
	// on their way still reach it far enough apart.
	const rate = 5
	ids := generatedTrackIDs(8)
	// The server takes one request per 50 ms at most: without pacing, eight
	// parallel saves are throttled.
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), RateLimit: 20, RateBurst: 1})
	provider := bulkProviderBlock(url, [2]string{"max_requests_per_second", strconv.Itoa(rate)})

	var began time.Time
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() { began = time.Now() },
				Config:    provider + bulkTracksConfig(ids),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					func(*terraform.State) error {
						if n := em.Throttled(); n != 0 {
							return fmt.Errorf("the server throttled %d requests, want none at %d a second", n, rate)
						}
						// Eight saves at 5 a second: the last goes 1.4 s
						// after the first.
						if elapsed, least := time.Since(began), time.Duration(len(ids)-1)*time.Second/rate; elapsed < least {
							return fmt.Errorf("the apply took %v, want at least %v", elapsed, least)
						}
						return checkWrites(em, ids, nil)(nil)
					},
				),
			},
		},
	})
}

func TestAccProvider_pacingSettingsComeFromTheEnvironmentUnlessConfigured(t *testing.T) {
	ids := generatedTrackIDs(12)
	// One request per 50 ms at most, each taking 50 ms.
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), Latency: 50 * time.Millisecond, RateLimit: 20, RateBurst: 1})
	t.Setenv(EnvMaxRequestsPerSecond, "5")
	t.Setenv(EnvMaxConcurrency, "2")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: bulkProviderBlock(url) + bulkTracksConfig(ids[:8]),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids[:8]...),
					func(*terraform.State) error {
						if n := em.Throttled(); n != 0 {
							return fmt.Errorf("the server throttled %d requests, want none at %s=5", n, EnvMaxRequestsPerSecond)
						}
						if n := em.MaxInFlight(); n > 2 {
							return fmt.Errorf("%d requests in flight at once, want at most %s=2", n, EnvMaxConcurrency)
						}
						return nil
					},
				),
			},
			{
				// The provider block wins: four in flight, and no pacing,
				// so the server throttles. Retries are raised so that this
				// step and the destroy after it outlast the throttling.
				PreConfig: em.ResetMaxInFlight,
				Config: bulkProviderBlock(url, [2]string{"max_concurrency", "4"}, [2]string{"max_requests_per_second", "1000"},
					[2]string{"max_retries", "12"}) + bulkTracksConfig(ids),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					func(*terraform.State) error {
						if n := em.MaxInFlight(); n <= 2 || n > 4 {
							return fmt.Errorf("%d requests in flight at once, want 3 or 4 (max_concurrency = 4)", n)
						}
						if em.Throttled() == 0 {
							return fmt.Errorf("the server throttled nothing: max_requests_per_second = 1000 was not used")
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccProvider_badPacingSettingsInTheEnvironmentFailNamingTheVariable(t *testing.T) {
	em, url := startEmulator(t, emulator.Options{})
	for _, tt := range []struct{ name, value string }{
		{EnvMaxRequestsPerSecond, "0"},
		{EnvMaxRequestsPerSecond, "fast"},
		{EnvMaxConcurrency, "65"},
	} {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			t.Setenv(tt.name, tt.value)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      bulkProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC"}),
						ExpectError: errorText("The " + tt.name + " environment variable must be"),
					},
				},
			})
		})
	}
	if n := em.CountMethod(http.MethodPut); n != 0 {
		t.Errorf("emulator received %d saves, want none", n)
	}
}

func TestAccLibraryTracksResource_keepsTheStateWithoutTheListing(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(3)
	for _, tt := range []struct {
		name     string
		provider func(url string) string
		opts     emulator.Options
	}{
		{
			name:     "drift detection off",
			provider: func(url string) string { return bulkProviderBlock(url, [2]string{"drift_detection", "false"}) },
			opts:     emulator.Options{CatalogSize: len(ids)},
		},
		{
			name:     "listing answered 404",
			provider: func(url string) string { return bulkProviderBlock(url) },
			opts:     emulator.Options{CatalogSize: len(ids), LibraryListingStatus: http.StatusNotFound},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, tt.opts)
			config := tt.provider(url) + bulkTracksConfig(ids)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: config, ConfigStateChecks: bulkStateChecks(em, ids...)},
					{
						// Removed outside Terraform, unnoticed: the state
						// stays as it was and nothing is written.
						PreConfig: func() {
							em.RemoveFromLibrary(ids[0])
							em.ResetCounts()
						},
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: bulkStateChecks(em, ids...),
						Check:             checkWrites(em, nil, nil),
					},
				},
			})
		})
	}
}
