package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The tests below check drift detection: how refreshing library tracks reads
// the listing of the library, and what it costs in requests.

// planExitCode runs `terraform plan -detailed-exitcode` in cli with the
// extra environment env and returns its exit code (0: no changes, 2:
// changes) and output. Any other outcome fails the test.
func planExitCode(t *testing.T, cli *terraformCLI, env ...string) (int, string) {
	t.Helper()
	out, err := cli.run(env, "plan", "-detailed-exitcode", "-input=false")
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return 2, out
	}
	t.Fatalf("terraform plan failed: %v\n%s", err, out)
	return 0, ""
}

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
		providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)+libraryTracksConfig(ids))

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
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)+libraryTracksConfig(ids))
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
	config := providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + libraryTrackConfig("B08DL2BXQC")

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
