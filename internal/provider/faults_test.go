package provider

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
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

// generatedTrackIDs returns the catalog ids emulator.TrackID(0) to
// emulator.TrackID(n-1).
func generatedTrackIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

// libraryTracksConfig renders amazonmusic_library_track.test with one
// instance per id, amazonmusic_library_track.test[i] saving ids[i].
func libraryTracksConfig(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_track" "test" {
  count    = length(local.track_ids)
  track_id = local.track_ids[count.index]
}
`, strings.Join(quoted, ", "))
}

// trackAddress is the address of instance i of libraryTracksConfig.
func trackAddress(i int) string {
	return fmt.Sprintf("%s[%d]", libraryTrackAddress, i)
}

// expectRequestsPerTrack returns an error unless the emulator received
// want[id] requests with method for each track id of want.
func expectRequestsPerTrack(em *emulator.Emulator, method string, want map[string]int) error {
	var errs []string
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if err := expectRequests(em, method, libraryPath(id), want[id]); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

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
