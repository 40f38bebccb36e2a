package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The acceptance tests of writes that fail: for a cause every write of the
// run shares (refused credentials, the API gone away), which halts the
// provider's writes, or for one id the API refuses. They drive the
// Terraform CLI, whose output, exit status and taint they check.

// refusedTrackID is a well-formed catalog id that the emulator's catalog
// does not hold: saving it is answered 404.
const refusedTrackID = "B0NOTREAL1"

// wrongAPIKey is a well-formed API key that the emulator refuses (403).
const wrongAPIKey = "amzn1.application.0123456789abcdef0123456789abcdef"

// accessTokenAdvice begins the advice that the error met by a refused
// static access token carries.
const accessTokenAdvice = "Access tokens expire after about an hour"

// newWriteFailuresCLI builds the provider and returns a Terraform working
// directory with config (see newTerraformCLI).
func newWriteFailuresCLI(t *testing.T, config string) *terraformCLI {
	t.Helper()
	return newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)
}

// rewriteConfig replaces the configuration of cli's working directory with
// config, after the required_providers block.
func rewriteConfig(t *testing.T, cli *terraformCLI, config string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(cli.dir, "main.tf"), []byte(requiredProvidersBlock+config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// applyMustFail runs terraform apply, fails the test when it succeeds, and
// returns its output.
func applyMustFail(t *testing.T, cli *terraformCLI) string {
	t.Helper()
	out, err := cli.run(nil, "apply", "-auto-approve", "-input=false")
	if err == nil {
		t.Fatalf("terraform apply succeeded, want it to fail:\n%s", out)
	}
	return out
}

// expectEmptyPlan fails the test unless terraform plan finds nothing to
// change.
func expectEmptyPlan(t *testing.T, cli *terraformCLI) {
	t.Helper()
	if out, err := cli.run(nil, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Errorf("terraform plan is not empty (%v):\n%s", err, out)
	}
}

// flatOutput is out with each run of white space as one space, so that a
// phrase matches whatever line wrapping Terraform applied.
func flatOutput(out string) string {
	return strings.Join(strings.Fields(out), " ")
}

// countInOutput counts the occurrences of phrase in out, line wrapping
// aside.
func countInOutput(out, phrase string) int {
	return strings.Count(flatOutput(out), flatOutput(phrase))
}

// expectOutput fails the test unless out holds every phrase, line wrapping
// aside.
func expectOutput(t *testing.T, out string, phrases ...string) {
	t.Helper()
	for _, phrase := range phrases {
		if countInOutput(out, phrase) == 0 {
			t.Errorf("output does not hold %q:\n%s", phrase, out)
		}
	}
}

// expectErrors fails the test unless out reports exactly n errors.
func expectErrors(t *testing.T, out string, n int) {
	t.Helper()
	if got := strings.Count(out, "Error: "); got != n {
		t.Errorf("output reports %d errors, want %d:\n%s", got, n, out)
	}
}

// diagnosticLines counts the lines of out from its first error on.
func diagnosticLines(out string) int {
	at := strings.Index(out, "Error: ")
	if at < 0 {
		return 0
	}
	return strings.Count(strings.TrimRight(out[at:], "\n"), "\n") + 1
}

// expectWrites fails the test unless em received puts PUT and no DELETE
// requests since it was made or last ResetCounts.
func expectWrites(t *testing.T, em *emulator.Emulator, puts int) {
	t.Helper()
	gotPuts, gotDeletes := em.CountMethod(http.MethodPut), em.CountMethod(http.MethodDelete)
	if gotPuts != puts || gotDeletes != 0 {
		t.Errorf("emulator received %d PUT and %d DELETE requests, want %d and 0", gotPuts, gotDeletes, puts)
	}
}

// expectLibrary fails the test unless em's library holds exactly ids.
func expectLibrary(t *testing.T, em *emulator.Emulator, ids []string) {
	t.Helper()
	got, want := slices.Sorted(slices.Values(em.Library())), slices.Sorted(slices.Values(ids))
	if !slices.Equal(got, want) {
		t.Errorf("library holds %d tracks, want exactly %d: %s", len(got), len(want), shortIDList(got))
	}
}

// bulkTracksState is amazonmusic_library_tracks.test as the state records
// it.
type bulkTracksState struct {
	found    bool
	tainted  bool
	trackIDs []string // sorted
}

// readBulkTracksState reads amazonmusic_library_tracks.test from the state of
// cli's working directory; found is false when the state, or the resource in
// it, does not exist.
func readBulkTracksState(t *testing.T, cli *terraformCLI) bulkTracksState {
	t.Helper()
	raw, err := os.ReadFile(cli.statePath())
	if errors.Is(err, os.ErrNotExist) {
		return bulkTracksState{}
	}
	if err != nil {
		t.Fatalf("reading the state: %v", err)
	}
	var s struct {
		Resources []struct {
			Mode, Type, Name string
			Instances        []struct {
				Status     string `json:"status"`
				Attributes struct {
					TrackIDs []string `json:"track_ids"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("the state is not the expected JSON: %v", err)
	}
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type+"."+r.Name != bulkTracksAddress || len(r.Instances) == 0 {
			continue
		}
		inst := r.Instances[0]
		return bulkTracksState{found: true, tainted: inst.Status == "tainted", trackIDs: slices.Sorted(slices.Values(inst.Attributes.TrackIDs))}
	}
	return bulkTracksState{}
}

// expectBulkState fails the test unless the state records
// amazonmusic_library_tracks.test with exactly ids, tainted or not.
func expectBulkState(t *testing.T, cli *terraformCLI, ids []string, tainted bool) {
	t.Helper()
	got := readBulkTracksState(t, cli)
	want := slices.Sorted(slices.Values(ids))
	switch {
	case !got.found:
		t.Errorf("the state does not hold %s, want it with %d tracks", bulkTracksAddress, len(ids))
	case !slices.Equal(got.trackIDs, want):
		t.Errorf("the state's track_ids hold %d tracks, want exactly %d: %s", len(got.trackIDs), len(want), shortIDList(got.trackIDs))
	case got.tainted != tainted:
		t.Errorf("%s tainted = %v in the state, want %v", bulkTracksAddress, got.tainted, tainted)
	}
}

// expectNothingInState fails the test when the state of cli's working
// directory records any resource instance.
func expectNothingInState(t *testing.T, cli *terraformCLI) {
	t.Helper()
	if _, err := os.Stat(cli.statePath()); errors.Is(err, os.ErrNotExist) {
		return
	}
	for _, r := range cli.state().Resources {
		if len(r.Instances) > 0 {
			t.Errorf("the state records %d instances of %s.%s, want none", len(r.Instances), r.Type, r.Name)
		}
	}
}

// TestAccLibraryTracksResource_wrongAPIKeyCostsOneRequestAndOneError applies
// 300 tracks with an API key the API refuses (403): the first save, run
// alone, is the only request; the apply fails with one short error that
// names api_key and its environment variable and counts the tracks not
// sent; nothing is saved nor recorded.
func TestAccLibraryTracksResource_wrongAPIKeyCostsOneRequestAndOneError(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n = 300
	em, url := startEmulator(t, emulator.Options{CatalogSize: n})
	cli := newWriteFailuresCLI(t, providerBlock(url, wrongAPIKey, emulator.DefaultAccessToken)+bulkTracksConfig(generatedTrackIDs(n)))

	out := applyMustFail(t, cli)
	t.Logf("%d PUT requests; %d lines of diagnostics", em.CountMethod(http.MethodPut), diagnosticLines(out))

	expectWrites(t, em, 1)
	expectErrors(t, out, 1)
	expectOutput(t, out, "Amazon Music refused the API key or the token's scope", "HTTP 403",
		"No request was sent for 299 more", "and 294 more", "Check api_key ("+EnvAPIKey+")")
	if lines := diagnosticLines(out); lines > 20 {
		t.Errorf("the diagnostics take %d lines, want at most 20:\n%s", lines, out)
	}
	expectNothingInState(t, cli)
	expectLibrary(t, em, nil)
}

// TestAccLibraryTracksResource_expiredAccessTokenCostsOneRequestAndAdvisesOnce
// applies 300 tracks with a static access token the API no longer accepts
// (401): one request, one error, and the advice about expiring tokens given
// once.
func TestAccLibraryTracksResource_expiredAccessTokenCostsOneRequestAndAdvisesOnce(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n = 300
	em, url := startEmulator(t, emulator.Options{CatalogSize: n})
	em.SetAccessToken("Atza|a-newer-access-token")
	cli := newWriteFailuresCLI(t, emulatorProviderBlock(url)+bulkTracksConfig(generatedTrackIDs(n)))

	out := applyMustFail(t, cli)
	t.Logf("%d PUT requests; %d lines of diagnostics", em.CountMethod(http.MethodPut), diagnosticLines(out))

	expectWrites(t, em, 1)
	expectErrors(t, out, 1)
	expectOutput(t, out, "Amazon Music refused the access token", "HTTP 401", "No request was sent for 299 more")
	if got := countInOutput(out, accessTokenAdvice); got != 1 {
		t.Errorf("the output gives the advice %q %d times, want once:\n%s", accessTokenAdvice, got, out)
	}
	expectNothingInState(t, cli)
	expectLibrary(t, em, nil)
}

// TestAccLibraryTrackResource_expiredAccessTokenStopsTheOtherResourcesWithoutRequests
// applies 50 amazonmusic_library_track resources (for_each) with a static
// access token the API no longer accepts. Every resource fails, but only
// the saves Terraform started before the first 401 came back reach the API
// (at most its 10 parallel operations, and a margin); the error of the
// first gives the advice about expiring tokens, once, and the others say
// that no request was sent, or that their request met the same refusal.
func TestAccLibraryTrackResource_expiredAccessTokenStopsTheOtherResourcesWithoutRequests(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n, maxPuts = 50, 11
	em, url := startEmulator(t, emulator.Options{CatalogSize: n})
	em.SetAccessToken("Atza|a-newer-access-token")
	cli := newWriteFailuresCLI(t, emulatorProviderBlock(url)+forEachTracksConfig(generatedTrackIDs(n)))

	out := applyMustFail(t, cli)
	puts := em.CountMethod(http.MethodPut)
	t.Logf("%d PUT requests for %d resources", puts, n)

	if puts < 1 || puts > maxPuts {
		t.Errorf("emulator received %d PUT requests, want 1 to %d", puts, maxPuts)
	}
	expectErrors(t, out, n)
	if got := countInOutput(out, "Error: Amazon Music refused the access token"); got != n {
		t.Errorf("%d errors say that Amazon Music refused the access token, want all %d", got, n)
	}
	if got := countInOutput(out, accessTokenAdvice); got != 1 {
		t.Errorf("the output gives the advice %q %d times, want once", accessTokenAdvice, got)
	}
	if got := countInOutput(out, "as for an earlier request of this run"); got != puts-1 {
		t.Errorf("%d errors say their request met an earlier refusal, want %d (one per request but the first)", got, puts-1)
	}
	if got := countInOutput(out, "No request was sent"); got != n-puts {
		t.Errorf("%d errors say that no request was sent, want %d (one per resource not sent)", got, n-puts)
	}
	expectNothingInState(t, cli)
	expectLibrary(t, em, nil)
}

// TestAccLibraryTracksResource_refusedIDOnCreateTaintsAndUntaintResumesWithoutRemovals
// creates 50 tracks, one of which the API refuses (404). The apply fails
// saying that Terraform taints the resource and that terraform untaint
// spares the saved tracks; the state holds the 49 saved, tainted. After
// terraform untaint and the id taken out of the configuration, the next
// apply sends no request at all and the plan after it is empty.
func TestAccLibraryTracksResource_refusedIDOnCreateTaintsAndUntaintResumesWithoutRemovals(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n = 49
	em, url := startEmulator(t, emulator.Options{CatalogSize: n})
	ids := generatedTrackIDs(n)
	cli := newWriteFailuresCLI(t, emulatorProviderBlock(url)+bulkTracksConfig(append(slices.Clone(ids), refusedTrackID)))

	out := applyMustFail(t, cli)
	expectErrors(t, out, 1)
	expectOutput(t, out, "Unable to save track "+refusedTrackID+" to the library", "HTTP 404",
		"The state keeps the 49 tracks saved or possibly saved", "Terraform marks this resource tainted",
		"the next apply would remove them and save every track again", "terraform untaint",
		"the next apply saves only the missing tracks")
	expectBulkState(t, cli, ids, true)
	expectLibrary(t, em, ids)

	cli.mustRun(nil, "untaint", bulkTracksAddress)
	rewriteConfig(t, cli, emulatorProviderBlock(url)+bulkTracksConfig(ids))
	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectWrites(t, em, 0)
	expectBulkState(t, cli, ids, false)
	expectLibrary(t, em, ids)
	expectEmptyPlan(t, cli)
}

// TestAccLibraryTracksResource_refusedIDOnUpdateKeepsTheSavedTracksUntainted
// adds to 49 saved tracks one that the API refuses (an injected 422, not
// retried). The apply fails without tainting the resource, whose state
// still holds the 49; with the id taken out of the configuration, the plan
// is empty and the apply sends nothing.
func TestAccLibraryTracksResource_refusedIDOnUpdateKeepsTheSavedTracksUntainted(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n = 49
	em, url := startEmulator(t, emulator.Options{CatalogSize: n + 1})
	ids, refused := generatedTrackIDs(n), emulator.TrackID(n)
	cli := newWriteFailuresCLI(t, emulatorProviderBlock(url)+bulkTracksConfig(ids))
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")

	em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: libraryPath(refused),
		Status: http.StatusUnprocessableEntity, Times: 5})
	rewriteConfig(t, cli, emulatorProviderBlock(url)+bulkTracksConfig(append(slices.Clone(ids), refused)))
	em.ResetCounts()
	out := applyMustFail(t, cli)
	expectWrites(t, em, 1)
	expectErrors(t, out, 1)
	expectOutput(t, out, "Unable to save track "+refused+" to the library", "HTTP 422")
	if countInOutput(out, "untaint") > 0 || countInOutput(out, "tainted") > 0 {
		t.Errorf("the failed update speaks of taint:\n%s", out)
	}
	expectBulkState(t, cli, ids, false)
	expectLibrary(t, em, ids)

	rewriteConfig(t, cli, emulatorProviderBlock(url)+bulkTracksConfig(ids))
	em.ResetCounts()
	expectEmptyPlan(t, cli)
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	expectWrites(t, em, 0)
	expectBulkState(t, cli, ids, false)
}

// TestAccLibraryTracksResource_unreachableAPIFailsFastAndResumesWithoutRemovals
// takes the API down (connections closed, then refused) while an apply
// saves 300 tracks, 50 ms a request, with max_retries 2. The apply gives
// up within a minute, saying the API is unreachable at its host and port,
// one error per cause; every track the API saved is in the state (no
// orphan), which is tainted. With the API back and the resource untainted,
// the next apply saves only the tracks missing from the library, removes
// none, and converges.
func TestAccLibraryTracksResource_unreachableAPIFailsFastAndResumesWithoutRemovals(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n, savedBeforeOutage = 300, 30
	em := emulator.New(emulator.Options{CatalogSize: n, Latency: 50 * time.Millisecond})
	srv, err := emulator.NewServer(em)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	ids := generatedTrackIDs(n)
	config := emulatorProviderBlock(srv.URL(), [2]string{"max_retries", "2"}) + bulkTracksConfig(ids)
	cli := newWriteFailuresCLI(t, config)

	apply := cli.start("apply", "-auto-approve", "-input=false")
	waitUntil(t, 2*time.Minute, fmt.Sprintf("%d tracks saved", savedBeforeOutage), func() bool {
		return len(em.Library()) >= savedBeforeOutage
	})
	srv.Down()
	down := time.Now()
	out, err := apply.wait(2 * time.Minute)
	failedAfter := time.Since(down)
	if err == nil {
		t.Fatalf("terraform apply succeeded while the API was down:\n%s", out)
	}

	saved := em.Library()
	state := readBulkTracksState(t, cli)
	t.Logf("the apply failed %v after the API went down; the library holds %d tracks, the state %d (tainted %v); %d PUT requests",
		failedAfter.Round(time.Millisecond), len(saved), len(state.trackIDs), state.tainted, em.CountMethod(http.MethodPut))
	if failedAfter > time.Minute {
		t.Errorf("the apply failed %v after the API went down, want within a minute", failedAfter)
	}
	expectOutput(t, out, "The Amazon Music API is unreachable", strings.TrimPrefix(srv.URL(), "http://"), "base_url")
	// One error per cause: the API unreachable, and the saves on the wire
	// when it went down, whose answers were lost.
	if unreachable, unknown := countInOutput(out, "Error: The Amazon Music API is unreachable"),
		countInOutput(out, "Error: Unknown whether"); unreachable != 1 || unknown > 1 {
		t.Errorf("the output reports the API unreachable %d times and unknown outcomes %d times, want once and at most once:\n%s",
			unreachable, unknown, out)
	} else {
		expectErrors(t, out, unreachable+unknown)
	}
	if orphans := slices.DeleteFunc(slices.Clone(saved), func(id string) bool {
		_, found := slices.BinarySearch(state.trackIDs, id)
		return found
	}); len(orphans) > 0 {
		t.Errorf("%d tracks saved are not in the state: %s", len(orphans), shortIDList(orphans))
	}
	if !state.found || !state.tainted {
		t.Fatalf("the state does not hold %s tainted after its create failed (found %v, tainted %v)", bulkTracksAddress, state.found, state.tainted)
	}

	if err := srv.Up(); err != nil {
		t.Fatal(err)
	}
	cli.mustRun(nil, "untaint", bulkTracksAddress)
	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	// The refresh drops the tracks recorded as possibly saved that the API
	// did not save; the apply saves every track missing from the library.
	expectWrites(t, em, n-len(saved))
	expectLibrary(t, em, ids)
	expectBulkState(t, cli, ids, false)
	expectEmptyPlan(t, cli)
}

// TestAccProvider_badRequestTimeoutFailsAtPlanTimeWithoutRequests sets
// request_timeout outside its bounds, or not a duration, in the provider
// block or in AMAZON_MUSIC_REQUEST_TIMEOUT: terraform plan fails, naming
// the attribute or the variable and what it must be, without a request.
func TestAccProvider_badRequestTimeoutFailsAtPlanTimeWithoutRequests(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	pluginDir := buildProvider(t, repositoryRoot(t))
	for _, tc := range []struct {
		name       string
		configured string // HCL value of request_timeout, none when empty
		env        string // value of AMAZON_MUSIC_REQUEST_TIMEOUT, none when empty
		want       []string
	}{
		{name: "zero", configured: `"0s"`, want: []string{"request_timeout", "must be a duration from 1s to 10m0s", `got: "0s"`}},
		{name: "words", configured: `"forever"`, want: []string{"request_timeout", "must be a duration from 1s to 10m0s", `got: "forever"`}},
		{name: "environment", env: "forever", want: []string{"Invalid Amazon Music request timeout",
			"The " + EnvRequestTimeout + " environment variable must be a duration from 1s to 10m0s", `got "forever"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{})
			var extra [][2]string
			var env []string
			if tc.configured != "" {
				extra = append(extra, [2]string{"request_timeout", tc.configured})
			}
			if tc.env != "" {
				env = append(env, EnvRequestTimeout+"="+tc.env)
			}
			cli := newTerraformCLI(t, pluginDir, emulatorProviderBlock(url, extra...)+libraryTrackConfig("B08DL2BXQC"), env...)
			if tc.configured != "" {
				if out, err := cli.run(nil, "validate"); err == nil {
					t.Errorf("terraform validate succeeded:\n%s", out)
				}
			}
			out, err := cli.run(nil, "plan", "-input=false")
			if err == nil {
				t.Fatalf("terraform plan succeeded:\n%s", out)
			}
			expectErrors(t, out, 1)
			expectOutput(t, out, tc.want...)
			expectNoRequests(t, em)
		})
	}
}
