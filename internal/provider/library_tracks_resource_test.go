package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

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
	provider := emulatorProviderBlock(url)
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
	provider := emulatorProviderBlock(url)

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
	config := emulatorProviderBlock(url) + bulkTracksConfig(ids)

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
	config := emulatorProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC", "B07QXMFJ4W"})

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
				Config: emulatorProviderBlock(url) + bulkTracksConfig(ids),
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
	config := emulatorProviderBlock(url) + bulkTracksConfig(ids)

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
	provider := emulatorProviderBlock(url, [2]string{"max_concurrency", strconv.Itoa(providerLimit)})

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
	provider := emulatorProviderBlock(url)

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
			config: emulatorProviderBlock(url, [2]string{"max_concurrency", "65"}) + bulkTracksConfig([]string{"B08DL2BXQC"}),
			want:   errorText("max_concurrency", "between 1 and 64"),
		},
		{
			name:   "provider max_requests_per_second 0",
			config: emulatorProviderBlock(url, [2]string{"max_requests_per_second", "0"}) + bulkTracksConfig([]string{"B08DL2BXQC"}),
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
	config := emulatorProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC"})

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
	provider := emulatorProviderBlock(url, [2]string{"max_requests_per_second", strconv.Itoa(rate)})

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
				Config: emulatorProviderBlock(url) + bulkTracksConfig(ids[:8]),
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
				Config: emulatorProviderBlock(url, [2]string{"max_concurrency", "4"}, [2]string{"max_requests_per_second", "1000"},
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
						Config:      emulatorProviderBlock(url) + bulkTracksConfig([]string{"B08DL2BXQC"}),
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
			provider: func(url string) string { return emulatorProviderBlock(url, [2]string{"drift_detection", "false"}) },
			opts:     emulator.Options{CatalogSize: len(ids)},
		},
		{
			name:     "listing answered 404",
			provider: func(url string) string { return emulatorProviderBlock(url) },
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

// trackIDMapExact checks a track_id_map of exactly ids.
func trackIDMapExact(ids ...string) knownvalue.Check {
	elems := make(map[string]knownvalue.Check, len(ids))
	for _, id := range ids {
		elems[id] = knownvalue.StringExact(id)
	}
	return knownvalue.MapExact(elems)
}

// bulkMapStateChecks checks that amazonmusic_library_tracks.test lists
// exactly ids in track_id_map, without track_ids nor tracks.
func bulkMapStateChecks(ids ...string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("id"), knownvalue.StringExact("library")),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_id_map"), trackIDMapExact(ids...)),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_ids"), knownvalue.Null()),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.Null()),
	}
}

// expectMapChanges is a plan check: the update of
// amazonmusic_library_tracks.test adds exactly added to track_id_map and
// takes exactly removed out of it.
type expectMapChanges struct {
	added, removed []string
}

func (c expectMapChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != bulkTracksAddress {
			continue
		}
		keys := func(v any) map[string]bool {
			set := map[string]bool{}
			if obj, ok := v.(map[string]any); ok {
				if m, ok := obj["track_id_map"].(map[string]any); ok {
					for id := range m {
						set[id] = true
					}
				}
			}
			return set
		}
		before, after := keys(rc.Change.Before), keys(rc.Change.After)
		var added, removed []string
		for id := range after {
			if !before[id] {
				added = append(added, id)
			}
		}
		for id := range before {
			if !after[id] {
				removed = append(removed, id)
			}
		}
		slices.Sort(added)
		slices.Sort(removed)
		if !slices.Equal(added, slices.Sorted(slices.Values(c.added))) ||
			!slices.Equal(removed, slices.Sorted(slices.Values(c.removed))) {
			resp.Error = fmt.Errorf("the plan adds %v and removes %v, want %v and %v", added, removed, c.added, c.removed)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan does not change %s", bulkTracksAddress)
}

// checkOnlyListing checks that, since the last ResetCounts, the emulator
// received exactly pages requests for the listing of the library and no
// other request.
func checkOnlyListing(em *emulator.Emulator, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := expectRequests(em, http.MethodGet, "/v1/me/library/tracks", pages); err != nil {
			return err
		}
		if n := em.Total(); n != pages {
			return fmt.Errorf("emulator received %d requests, want only the %d pages of the listing", n, pages)
		}
		return nil
	}
}

func TestAccLibraryTracksResource_mapFormCreatesUpdatesSwitchesFormAndDestroys(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(12)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids)})
	provider := emulatorProviderBlock(url)
	first, second := ids[:8], ids[2:]
	added, removed := ids[8:], ids[:2]

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksMapConfig(first),
				ConfigStateChecks: bulkMapStateChecks(first...),
				Check:             resource.ComposeAggregateTestCheckFunc(checkLibrary(em, first...), checkWrites(em, first, nil)),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						expectMapChanges{added: added, removed: removed},
						plancheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.Null()),
					},
				},
				ConfigStateChecks: bulkMapStateChecks(second...),
				Check:             resource.ComposeAggregateTestCheckFunc(checkLibrary(em, second...), checkWrites(em, added, removed)),
			},
			{
				// Labels are the user's: changing them sends nothing.
				PreConfig: em.ResetCounts,
				Config: provider + strings.Replace(bulkTracksMapConfig(second),
					`id => id`, `id => "track ${id}"`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_id_map").AtMapKey(second[0]),
						knownvalue.StringExact("track "+second[0])),
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				// Details on: no request; the next refresh fills them.
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second, "track_details = true"),
				Check:     checkWrites(em, nil, nil),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second, "track_details = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(second[0]), emulatorTrack(em, second[0])),
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(added[0]), emulatorTrack(em, added[0])),
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				// From the map to the set and back: the same tracks, no
				// request.
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksConfig(second),
				ConfigStateChecks: bulkStateChecks(em, second...),
				Check:             checkWrites(em, nil, nil),
			},
			{
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksMapConfig(second),
				ConfigStateChecks: bulkMapStateChecks(second...),
				Check:             resource.ComposeAggregateTestCheckFunc(checkLibrary(em, second...), checkWrites(em, nil, nil)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importOfTheWholeLibraryOverCappedPages(t *testing.T) {
	t.Parallel()
	const saved, pageCap = 300, 40
	ids := generatedTrackIDs(saved + 5)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), PageCap: pageCap})
	for _, id := range ids[:saved] {
		em.AddToLibrary(id)
	}
	provider := emulatorProviderBlock(url)
	// The configuration drops five saved tracks and adds five.
	configured := ids[5:]
	added, removed := ids[saved:], ids[:5]

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig:          em.ResetCounts,
				Config:             provider + bulkTracksMapConfig(configured),
				ResourceName:       bulkTracksAddress,
				ImportState:        true,
				ImportStateId:      "*",
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d resources, want 1", len(states))
					}
					var got []string
					for key := range states[0].Attributes {
						if id, ok := strings.CutPrefix(key, "track_id_map."); ok && id != "%" {
							got = append(got, id)
						}
					}
					slices.Sort(got)
					if !slices.Equal(got, ids[:saved]) {
						return fmt.Errorf("imported %d ids (%v), want the %d of the library", len(got), got, saved)
					}
					// One walk of the listing, for the import and the
					// refresh after it; nothing written.
					return checkOnlyListing(em, (saved+pageCap-1)/pageCap)(nil)
				},
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(configured),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						expectMapChanges{added: added, removed: removed},
					},
				},
				ConfigStateChecks: bulkMapStateChecks(configured...),
				Check:             resource.ComposeAggregateTestCheckFunc(checkLibrary(em, configured...), checkWrites(em, added, removed)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importBlockAdoptsTheWholeLibraryWithoutWrites(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(30)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), PageCap: 7})
	for _, id := range ids {
		em.AddToLibrary(id)
	}
	config := emulatorProviderBlock(url) + bulkTracksMapConfig(ids) + `
import {
  to = amazonmusic_library_tracks.test
  id = "*"
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: bulkMapStateChecks(ids...),
				Check:             resource.ComposeAggregateTestCheckFunc(checkLibrary(em, ids...), checkWrites(em, nil, nil)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importOfTheWholeLibraryFailsClearlyWithoutTheListing(t *testing.T) {
	t.Parallel()
	for _, drift := range []string{"true", "false"} {
		t.Run("drift_detection="+drift, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{LibraryListingStatus: http.StatusNotFound})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:        emulatorProviderBlock(url, [2]string{"drift_detection", drift}) + bulkTracksMapConfig([]string{"B08DL2BXQC"}),
						ResourceName:  bulkTracksAddress,
						ImportState:   true,
						ImportStateId: "*",
						ExpectError:   errorText("The library listing is not available for this account", "does not offer", "by their catalog ids"),
					},
				},
			})
			if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 0 {
				t.Errorf("emulator received %d writes, want none", n)
			}
		})
	}
}

func TestAccLibraryTracksResource_mapFormRejectsBadIDsAndFormsAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	provider := emulatorProviderBlock(url)
	tests := []struct {
		name   string
		config string
		want   *regexp.Regexp
	}{
		{
			name:   "lowercase id in the map",
			config: bulkTracksMapConfig([]string{"B08DL2BXQC", "b07qxmfj4w"}),
			want:   errorText(`Invalid track id "b07qxmfj4w"`, `write "B07QXMFJ4W", or wrap a value that comes in lowercase in upper()`),
		},
		{
			name:   "lowercase id in the set",
			config: bulkTracksConfig([]string{"b07qxmfj4w"}),
			want:   errorText(`Invalid track id "b07qxmfj4w"`, `in upper()`),
		},
		{
			name:   "short id in the map",
			config: bulkTracksMapConfig([]string{"B08DL2BXQ"}),
			want:   errorText(`Invalid track id "B08DL2BXQ"`, "must be an Amazon Music catalog id"),
		},
		{
			name:   "both forms",
			config: bulkTracksMapConfig([]string{"B08DL2BXQC"}, `track_ids = ["B08DL2BXQC"]`),
			want:   regexp.MustCompile(`Invalid Attribute Combination[\s\S]*track_ids`),
		},
		{
			name:   "neither form",
			config: "resource \"amazonmusic_library_tracks\" \"test\" {\n  max_concurrency = 4\n}\n",
			want:   errorText("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [track_ids,track_id_map]"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: provider + tt.config, PlanOnly: true, ExpectError: tt.want},
				},
			})
		})
	}
	expectNoRequests(t, em)
}

// TestLibraryTracksResource_upgradesTheStateOfTrackIDs checks that the state
// of a resource written before track_id_map and track_details existed reads
// as the same track_ids, with the new attributes null.
func TestLibraryTracksResource_upgradesTheStateOfTrackIDs(t *testing.T) {
	t.Parallel()
	s, err := testAccProtoV6ProviderFactories["amazonmusic"]()
	if err != nil {
		t.Fatal(err)
	}
	old := `{"id":"library","max_concurrency":4,"track_ids":["B08DL2BXQC","B097S29G3W"],` +
		`"tracks":{"B08DL2BXQC":{"title":"Kane Train","isrc":"USUM72012345","url":"https://music.amazon.com/tracks/B08DL2BXQC"},` +
		`"B097S29G3W":{"title":"Something To Believe In","isrc":null,"url":null}}}`
	resp, err := s.UpgradeResourceState(t.Context(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "amazonmusic_library_tracks",
		Version:  0,
		RawState: &tfprotov6.RawState{JSON: []byte(old)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %+v", resp.Diagnostics)
	}
	var schemaResp fwresource.SchemaResponse
	NewLibraryTracksResource().Schema(t.Context(), fwresource.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(t.Context())
	value, err := resp.UpgradedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := value.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"track_id_map", "track_details"} {
		if !attrs[name].IsNull() {
			t.Errorf("%s = %v, want null", name, attrs[name])
		}
	}
	var ids []tftypes.Value
	if err := attrs["track_ids"].As(&ids); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range ids {
		var id string
		if err := v.As(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	slices.Sort(got)
	if want := []string{"B08DL2BXQC", "B097S29G3W"}; !slices.Equal(got, want) {
		t.Errorf("track_ids = %v, want %v", got, want)
	}
	var tracks map[string]tftypes.Value
	if err := attrs["tracks"].As(&tracks); err != nil || len(tracks) != 2 {
		t.Errorf("tracks = %v (%v), want the two tracks kept", attrs["tracks"], err)
	}
}

// savedTrackIDsExact checks the saved_track_ids of
// amazonmusic_library_tracks.test: the answered id of each of ids that
// the emulator answers under another id, and nothing else.
func savedTrackIDsExact(em *emulator.Emulator, ids ...string) statecheck.StateCheck {
	elems := map[string]knownvalue.Check{}
	for _, id := range ids {
		if answered := answeredID(em, id); answered != id {
			elems[id] = knownvalue.StringExact(answered)
		}
	}
	return statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("saved_track_ids"), knownvalue.MapExact(elems))
}

func TestAccLibraryTracksResource_mapFormKeepsAliasedTracksUnderBothListingNamings(t *testing.T) {
	t.Parallel()
	for names, naming := range map[emulator.ListingNaming]string{
		emulator.ListingNamesAnsweredID: "listing names the answered id",
		emulator.ListingNamesSentID:     "listing names the id sent",
	} {
		t.Run(naming, func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, aliasingOptions(names))
			config := provider + bulkTracksMapConfig(aliasedIDs)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkAliasedIDsDestroyed(em),
				Steps: []resource.TestStep{
					{
						PreConfig:         em.ResetCounts,
						Config:            config,
						ConfigStateChecks: []statecheck.StateCheck{savedTrackIDsExact(em, aliasedIDs...)},
						Check: resource.ComposeAggregateTestCheckFunc(
							checkWrites(em, aliasedIDs, nil),
							checkLibrary(em, aliasedIDs...),
							checkListingNames(em, names),
						),
					},
					{
						// Found under whichever id the listing names them
						// by, from the listing alone.
						PreConfig: em.ResetCounts,
						Config:    config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: resource.ComposeAggregateTestCheckFunc(checkWrites(em, nil, nil),
							func(*terraform.State) error { return checkOnlyListingRead(em) }),
					},
					{
						PreConfig: func() {
							em.RemoveFromLibrary(aliasedIDs[0])
							em.ResetCounts()
						},
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{expectMapChanges{added: aliasedIDs[:1]}},
						},
						ConfigStateChecks: []statecheck.StateCheck{savedTrackIDsExact(em, aliasedIDs...)},
						Check: resource.ComposeAggregateTestCheckFunc(
							checkWrites(em, aliasedIDs[:1], nil),
							checkLibrary(em, aliasedIDs...),
						),
					},
				},
			})
		})
	}
}

func TestTrackChangesSavesTheAddedAndRemovesTheDropped(t *testing.T) {
	t.Parallel()
	want := []string{"B000000001", "B000000002", "B000000004"}
	have := []string{"B000000000", "B000000001", "B000000003", "B000000004"}
	answered := map[string]string{"B000000003": "B100000003"}
	got := trackChanges(want, have, func(id string) string { return answered[id] }, nil)
	wantJobs := []trackJob{
		{id: "B000000002", change: saveChange},
		{id: "B000000000", change: removeChange},
		{id: "B000000003", savedID: "B100000003", change: removeChange},
	}
	if !slices.Equal(got, wantJobs) {
		t.Errorf("trackChanges = %+v, want %+v", got, wantJobs)
	}
	if got := trackChanges(want, want, func(string) string { return "" }, nil); len(got) != 0 {
		t.Errorf("trackChanges of equal lists = %+v, want none", got)
	}
}

// BenchmarkTrackChanges finds the changes of an update of
// amazonmusic_library_tracks whose ids are half kept, a quarter added and a
// quarter removed, at 1,000 and 10,000 ids: the time grows with the number
// of ids.
func BenchmarkTrackChanges(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		ids := make([]string, n+n/4)
		for i := range ids {
			ids[i] = fmt.Sprintf("B%09d", i)
		}
		have, want := ids[:n], ids[n/4:]
		b.Run(fmt.Sprintf("ids=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if jobs := trackChanges(want, have, func(string) string { return "" }, nil); len(jobs) != n/2 {
					b.Fatalf("%d changes, want %d", len(jobs), n/2)
				}
			}
		})
	}
}

// sameRecordingWarning is the summary of the warning of ids that are the
// same recording.
const sameRecordingWarning = "Warning: Tracks that are the same recording"

// checkOneSameRecordingWarning fails the test unless out warns once, naming
// the ISRC and its ids.
func checkOneSameRecordingWarning(t *testing.T, what, out, isrc string, ids ...string) {
	t.Helper()
	if n := strings.Count(out, sameRecordingWarning); n != 1 {
		t.Errorf("%s warns %d times that tracks are the same recording, want once:\n%s", what, n, out)
	}
	if want := errorText("1 recording is planned under more than one track id, by ISRC: " +
		isrc + " (" + strings.Join(ids, ", ") + ")"); !want.MatchString(out) {
		t.Errorf("%s does not name %s and its ids %v:\n%s", what, isrc, ids, out)
	}
}

// TestAccLibraryTracksResource_warnsOfIDsThatAreTheSameRecording plans ids
// of which two share an ISRC (emulator.Options.SharedISRCEvery): the plan
// warns once when the ISRCs are known, from a search of the same run or
// from the state's track details, and costs no request to know them.
func TestAccLibraryTracksResource_warnsOfIDsThatAreTheSameRecording(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	pluginDir := buildProvider(t, repositoryRoot(t))
	ids := generatedTrackIDs(3) // tracks 0 and 1 share an ISRC

	t.Run("found by a search", func(t *testing.T) {
		t.Parallel()
		em, url := startEmulator(t, emulator.Options{CatalogSize: 20, SharedISRCEvery: 10})
		cli := newTerraformCLI(t, pluginDir, emulatorProviderBlock(url)+fmt.Sprintf(`
data "amazonmusic_search_tracks" "test" {
  isrc = %q
}

resource "amazonmusic_library_tracks" "test" {
  track_ids = concat(data.amazonmusic_search_tracks.test.tracks[*].id, [%q])
}
`, em.ISRC(0), ids[2]))
		code, out := planExitCode(t, cli)
		if code != 2 {
			t.Fatalf("the plan plans no change:\n%s", out)
		}
		checkOneSameRecordingWarning(t, "the plan", out, em.ISRC(0), ids[0], ids[1])
		if n, searches := em.Total(), em.Count(http.MethodPost, searchPath); n != 1 || searches != 1 {
			t.Errorf("the plan sent %d requests, %d of them searches, want the one search", n, searches)
		}
	})

	t.Run("from the state", func(t *testing.T) {
		t.Parallel()
		em, url := startEmulator(t, emulator.Options{CatalogSize: 20, SharedISRCEvery: 10})
		cli := newTerraformCLI(t, pluginDir, emulatorProviderBlock(url)+bulkTracksConfig(ids))
		out := cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
		if strings.Contains(out, sameRecordingWarning) {
			t.Errorf("the first apply warns, though nothing told it the ISRCs:\n%s", out)
		}
		if got := em.CountMethod(http.MethodPut); got != len(ids) || em.Total() != got {
			t.Errorf("the apply sent %d requests, %d of them saves, want only the %d saves", em.Total(), got, len(ids))
		}

		em.ResetCounts()
		code, out := planExitCode(t, cli)
		if code != 0 {
			t.Errorf("the plan after apply is not empty:\n%s", out)
		}
		checkOneSameRecordingWarning(t, "the plan", out, em.ISRC(0), ids[0], ids[1])
		if n, listing := em.Total(), em.Count(http.MethodGet, libraryListingPath); n != listing {
			t.Errorf("the plan sent %d requests, %d of them for the listing of the library, want only those", n, listing)
		}
	})
}
