package provider

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The tests below apply configurations while the emulator answers with the
// faults of a real service: transient ones are survived, malformed answers
// and refusals fail the resource they concern, and nothing is saved twice
// or lost.

// checkStateTracks checks that the state holds exactly the instances of
// libraryTracksConfig whose indexes are given, each with its track id.
func checkStateTracks(ids []string, indexes ...int) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		var got []string
		for key := range s.RootModule().Resources {
			if strings.HasPrefix(key, libraryTrackAddress+".") {
				got = append(got, key)
			}
		}
		want := make([]string, len(indexes))
		for i, index := range indexes {
			want[i] = fmt.Sprintf("%s.%d", libraryTrackAddress, index)
			r := s.RootModule().Resources[want[i]]
			if r != nil && r.Primary.Attributes["track_id"] != ids[index] {
				return fmt.Errorf("%s has track_id %q, want %q", want[i], r.Primary.Attributes["track_id"], ids[index])
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			return fmt.Errorf("state holds %v, want exactly %v", got, want)
		}
		return nil
	}
}

func TestAccLibraryTrackResource_survivesEveryTransientFault(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(8)
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: len(ids)})
	config := provider + libraryTracksConfig(ids)

	// The PUT of each track meets one kind of fault, in a burst.
	putFaults := func() []emulator.Fault {
		httpDate := time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
		return []emulator.Fault{
			{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 2},
			{Status: http.StatusTooManyRequests, RetryAfter: httpDate, Times: 2},
			{Status: http.StatusTooManyRequests, Times: 2},
			{Status: http.StatusInternalServerError, Times: 2},
			{Status: http.StatusBadGateway, Times: 2},
			{Status: http.StatusServiceUnavailable, Times: 2},
			{Status: http.StatusGatewayTimeout, Times: 2},
			{Status: http.StatusOK, Body: emulator.FaultBodyCutOff, Times: 2},
		}
	}
	deleteFaults := []emulator.Fault{
		{Status: http.StatusTooManyRequests, RetryAfter: "0"},
		{Status: http.StatusBadGateway},
		{Status: http.StatusServiceUnavailable, Body: emulator.FaultBodyEmpty},
		{Status: http.StatusOK, Body: emulator.FaultBodyCutOff},
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					for i, f := range putFaults() {
						f.Method, f.PathPrefix = http.MethodPut, libraryPath(ids[i])
						em.InjectFaults(f)
					}
				},
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					checkStateTracks(ids, 0, 1, 2, 3, 4, 5, 6, 7),
					func(*terraform.State) error {
						want := make(map[string]int, len(ids))
						for _, id := range ids {
							want[id] = 3 // a burst of two faults, then the save
						}
						return expectRequestsPerTrack(em, http.MethodPut, want)
					},
					func(*terraform.State) error {
						if n := em.PendingFaults(); n != 0 {
							return fmt.Errorf("%d faults were not met", n)
						}
						return nil
					},
				),
			},
			{
				PreConfig: func() {
					for i, f := range deleteFaults {
						f.Method, f.PathPrefix = http.MethodDelete, libraryPath(ids[i])
						em.InjectFaults(f)
					}
				},
				Config:  config,
				Destroy: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em),
					func(*terraform.State) error {
						want := make(map[string]int, len(ids))
						for i, id := range ids {
							want[id] = 1
							if i < len(deleteFaults) {
								want[id] = 2
							}
						}
						return expectRequestsPerTrack(em, http.MethodDelete, want)
					},
				),
			},
		},
	})
	t.Logf("faults injected and survived: %d %v", em.FaultsInjected(), em.InjectedFaults())
}

func TestAccLibraryTrackResource_malformedSaveAnswerFailsOnlyThatTrack(t *testing.T) {
	tests := []struct {
		body emulator.FaultBody
		want string
	}{
		{emulator.FaultBodyHTML, "invalid JSON body (text/html): invalid character '<'"},
		{emulator.FaultBodyTruncatedJSON, "invalid JSON body (application/json): unexpected EOF"},
		{emulator.FaultBodyEmpty, "empty body (no content type)"},
		{emulator.FaultBodyWrongTypes, "invalid JSON body (application/json): json: cannot unmarshal bool into Go struct field"},
		{emulator.FaultBodyOversized, "the response body exceeds 16 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.body.String(), func(t *testing.T) {
			t.Parallel()
			ids := generatedTrackIDs(3)
			bad := ids[1]
			em, provider := testAccEmulator(t, emulator.Options{CatalogSize: len(ids)})
			config := provider + libraryTracksConfig(ids)

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkLibraryEmpty(em),
				Steps: []resource.TestStep{
					{
						PreConfig: func() {
							em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(bad), Status: http.StatusOK, Body: tt.body})
						},
						Config: config,
						ExpectError: errorText("Unable to save track "+bad+" to the library",
							"unexpected response from PUT "+libraryPath(bad)+": "+tt.want),
					},
					{
						// The track that failed is not in the state; the others are.
						RefreshState:       true,
						ExpectNonEmptyPlan: true,
						Check: resource.ComposeAggregateTestCheckFunc(
							checkStateTracks(ids, 0, 2),
							checkLibrary(em, ids[0], ids[2]),
						),
					},
					{
						Config: config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction(trackAddress(0), plancheck.ResourceActionNoop),
								plancheck.ExpectResourceAction(trackAddress(1), plancheck.ResourceActionCreate),
								plancheck.ExpectResourceAction(trackAddress(2), plancheck.ResourceActionNoop),
							},
						},
						Check: resource.ComposeAggregateTestCheckFunc(
							checkLibrary(em, ids...),
							func(*terraform.State) error {
								// The malformed answer was not retried.
								return expectRequestsPerTrack(em, http.MethodPut, map[string]int{ids[0]: 1, bad: 2, ids[2]: 1})
							},
						),
					},
				},
			})
		})
	}
}

func TestAccLibraryTrackResource_partialFailureKeepsWhatWasSavedAndFinishesNextTime(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(10)
	failing := []int{2, 5, 8}
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: len(ids)})
	config := provider + libraryTracksConfig(ids)

	var saved []int
	for i := range ids {
		if !slices.Contains(failing, i) {
			saved = append(saved, i)
		}
	}
	idsAt := func(indexes []int) []string {
		out := make([]string, len(indexes))
		for i, index := range indexes {
			out[i] = ids[index]
		}
		return out
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					for _, i := range failing {
						em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(ids[i]), Status: http.StatusUnprocessableEntity})
					}
				},
				Config: config,
				// Three errors, one for each refused track.
				ExpectError: regexp.MustCompile(`(?s)(Unable to save track B00000000[258] to the library.*?HTTP\s+422\s+UNPROCESSABLE_ENTITY.*?){3}`),
			},
			{
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					checkStateTracks(ids, saved...),
					checkLibrary(em, idsAt(saved)...),
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: func() []plancheck.PlanCheck {
						var checks []plancheck.PlanCheck
						for i := range ids {
							action := plancheck.ResourceActionNoop
							if slices.Contains(failing, i) {
								action = plancheck.ResourceActionCreate
							}
							checks = append(checks, plancheck.ExpectResourceAction(trackAddress(i), action))
						}
						return checks
					}(),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					checkStateTracks(ids, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
					func(*terraform.State) error {
						// Each saved track was sent once; each refused one
						// twice, once refused and once saved.
						want := make(map[string]int, len(ids))
						for i, id := range ids {
							want[id] = 1
							if slices.Contains(failing, i) {
								want[id] = 2
							}
						}
						if err := expectRequestsPerTrack(em, http.MethodPut, want); err != nil {
							return err
						}
						if saves := em.CountMethod(http.MethodPut) - em.FaultsInjected(); saves != len(ids) {
							return fmt.Errorf("%d successful saves, want exactly %d", saves, len(ids))
						}
						return nil
					},
				),
			},
		},
	})
}

func TestAccPlaylistsDataSource_malformedPagesFailTheReadClearly(t *testing.T) {
	t.Run("cursor that repeats", func(t *testing.T) {
		t.Parallel()
		var requests atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			w.Header().Set("Content-Type", "application/json")
			// Every page points to a next page at the same cursor.
			fmt.Fprint(w, `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true},"edges":[{"cursor":"0:loop","node":{"id":"loop"}}]}}}}`)
		}))
		t.Cleanup(srv.Close)

		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: providerBlock(srv.URL, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + playlistsConfig,
				ExpectError: errorText("Unable to read playlists",
					`GET /v1/me/playlists: page 2: the API returned a page cursor that was already used ("0:loop")`),
			}},
		})
		if n := requests.Load(); n != 2 {
			t.Errorf("server received %d requests, want 2: the walk stops at the repeated cursor", n)
		}
	})
	t.Run("truncated page", func(t *testing.T) {
		t.Parallel()
		em, provider := testAccEmulator(t, emulator.Options{Playlists: 12, PageCap: 5})
		// The first page is answered normally, the second is cut short.
		em.InjectFaults(emulator.Fault{Method: http.MethodGet}, emulator.Fault{Method: http.MethodGet, Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON})

		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				Config: provider + playlistsConfig,
				ExpectError: errorText("Unable to read playlists",
					"unexpected response from GET /v1/me/playlists: invalid JSON body (application/json): unexpected EOF"),
			}},
		})
		if err := expectRequests(em, http.MethodGet, playlistsPath, 2); err != nil {
			t.Error(err)
		}
	})
}

// TestAccLibraryTrackResource_convergesUnderRandomFaults applies and destroys
// 200 tracks while a tenth of all requests, drawn with a fixed seed, are
// answered 429 (with Retry-After 0, 1 or none) or 500, 502, 503 or 504. A
// single apply converges: the library equals the configuration, every track
// was saved exactly once, the state holds every track, and the next plan is
// empty after reading the listing of the library once, through its faults;
// the destroy removes every track exactly once.
func TestAccLibraryTrackResource_convergesUnderRandomFaults(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const tracks, rate, seed = 200, 0.1, 20261125

	em, url := startEmulator(t, emulator.Options{CatalogSize: tracks, FaultRate: rate, FaultSeed: seed})
	ids := generatedTrackIDs(tracks)
	config := fmt.Sprintf(`provider "amazonmusic" {
  base_url     = %q
  api_key      = %q
  access_token = %q
  max_retries  = 8
}
`, url, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + forEachTracksConfig(ids)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	began := time.Now()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	applied := time.Since(began)
	applyFaults := em.FaultsInjected()

	if got := em.Library(); !slices.Equal(got, ids) {
		t.Errorf("library after apply holds %d tracks, want exactly the %d configured", len(got), len(ids))
	}
	if saves := em.CountMethod(http.MethodPut) - applyFaults; saves != tracks || em.Total() != em.CountMethod(http.MethodPut) {
		t.Errorf("%d successful saves in %d requests (%d PUT), want exactly %d: each track once", saves, em.Total(), em.CountMethod(http.MethodPut), tracks)
	}
	for _, id := range ids {
		if em.Count(http.MethodPut, libraryPath(id)) == 0 {
			t.Errorf("track %s was never sent", id)
		}
	}
	keys := cli.state().libraryTrackKeys("all")
	slices.Sort(keys)
	if !slices.Equal(keys, ids) {
		t.Errorf("state holds %d instances, want exactly the %d configured", len(keys), len(ids))
	}

	em.ResetCounts()
	faultsBeforePlan := em.FaultsInjected()
	out, err := cli.run(nil, "plan", "-detailed-exitcode", "-input=false")
	var exit *exec.ExitError
	if err != nil {
		if errors.As(err, &exit) && exit.ExitCode() == 2 {
			t.Errorf("the plan after apply is not empty:\n%s", out)
		} else {
			t.Errorf("terraform plan failed: %v\n%s", err, out)
		}
	}
	// One walk of the listing, 100 tracks a page, whatever the faults.
	planFaults := em.FaultsInjected() - faultsBeforePlan
	if listing := em.Count(http.MethodGet, libraryListingPath); em.Total() != listing || listing-planFaults != tracks/100 {
		t.Errorf("the plan sent %d requests, %d of them for the listing with %d faults; want only the listing, %d pages answered",
			em.Total(), listing, planFaults, tracks/100)
	}

	began = time.Now()
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	destroyed := time.Since(began)
	destroyFaults := em.FaultsInjected() - applyFaults

	if got := em.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v, want it empty", got)
	}
	if removals := em.CountMethod(http.MethodDelete) - em.FaultsInjectedFor(http.MethodDelete); removals != tracks {
		t.Errorf("%d successful removals, want exactly %d", removals, tracks)
	}
	if len(cli.state().libraryTrackKeys("all")) != 0 {
		t.Error("the state still holds tracks after destroy")
	}
	if applyFaults == 0 || destroyFaults == 0 {
		t.Errorf("%d faults during apply and %d during destroy, want some in each at rate %v", applyFaults, destroyFaults, rate)
	}
	t.Logf("%d tracks at fault rate %v, seed %d: %d faults injected and survived during apply (%v), %d during destroy (%v); by kind: %v",
		tracks, rate, seed, applyFaults, applied.Round(time.Millisecond), destroyFaults, destroyed.Round(time.Millisecond), em.InjectedFaults())
}

// libraryTracksCounted renders one amazonmusic_library_track per id, as
// amazonmusic_library_track.each[<index>].
func libraryTracksCounted(ids []string) string {
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_track" "each" {
  count    = length(local.track_ids)
  track_id = local.track_ids[count.index]
}
`, `"`+strings.Join(ids, `", "`)+`"`)
}

func TestAccLibraryTrackResource_everyRequestRefusedTwiceSavesEachTrackOnce(t *testing.T) {
	t.Parallel()
	const tracks = 20
	ids := make([]string, tracks)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	// A limit per request rather than per account: the first two attempts
	// of every distinct request are refused with Retry-After 1.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: tracks, RefuseEachRequest: 2, RefusalRetryAfter: "1"})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			checkLibraryEmpty(em),
			func(*terraform.State) error {
				for _, id := range ids {
					if got := em.Count(http.MethodDelete, libraryPath(id)); got != 3 {
						return fmt.Errorf("DELETE %s sent %d times, want 3: two refusals, then one answered", id, got)
					}
				}
				return nil
			},
		),
		Steps: []resource.TestStep{{
			Config: provider + libraryTracksCounted(ids),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkLibrary(em, ids...),
				func(*terraform.State) error {
					for _, id := range ids {
						sent, refused := em.Count(http.MethodPut, libraryPath(id)), em.Refused(http.MethodPut, libraryPath(id))
						if sent != 3 || refused != 2 {
							return fmt.Errorf("PUT %s sent %d times, %d refused; want 3 and 2: exactly one answered", id, sent, refused)
						}
					}
					return nil
				},
			),
		}},
	})
}
