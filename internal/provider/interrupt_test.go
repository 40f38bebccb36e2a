package provider

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// TestAccLibraryTrackResource_interruptEndsALongRetryAfterWaitAtOnce
// interrupts `terraform apply` (as Ctrl-C does) while the provider waits out
// a Retry-After of 30 seconds: Terraform asks the provider to stop, the
// wait ends, and the apply fails within a second or two, without another
// request and without the track in the state.
func TestAccLibraryTrackResource_interruptEndsALongRetryAfterWaitAtOnce(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()

	em, url := startEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusTooManyRequests, RetryAfter: "30", Times: 10})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)),
		emulatorProviderBlock(url)+libraryTrackConfig("B08DL2BXQC"))

	apply := cli.start("apply", "-auto-approve", "-input=false")
	// Wait for the 429, then give the provider a moment to start waiting.
	waitUntil(t, 30*time.Second, "the apply's request", func() bool {
		return em.Count(http.MethodPut, libraryPath("B08DL2BXQC")) > 0
	})
	time.Sleep(300 * time.Millisecond)

	interrupted := time.Now()
	apply.signal(syscall.SIGINT)
	output, err := apply.wait(30 * time.Second)
	elapsed := time.Since(interrupted)
	t.Logf("terraform apply exited %v after the interrupt", elapsed.Round(time.Millisecond))

	if err == nil {
		t.Errorf("the interrupted apply succeeded:\n%s", output)
	}
	if elapsed > 3*time.Second {
		t.Errorf("terraform apply exited %v after the interrupt, want within a second or two, not after the 30s Retry-After", elapsed)
	}
	if !strings.Contains(output, "Interrupted before 1 track was saved") || !strings.Contains(output, "B08DL2BXQC") {
		t.Errorf("output does not report the canceled save of the track:\n%s", output)
	}
	if n := em.Count(http.MethodPut, libraryPath("B08DL2BXQC")); n != 1 {
		t.Errorf("emulator received %d PUT requests, want 1: no retry after the interrupt", n)
	}
	if em.InLibrary("B08DL2BXQC") {
		t.Error("the track was saved")
	}
	if keys := cli.state().libraryTrackKeys("test"); len(keys) != 0 {
		t.Errorf("the state holds the track that was not saved: %v", keys)
	}
}

// The tests below interrupt runs of many tracks, as Ctrl-C in a terminal
// does (SIGINT to the process group of Terraform and the provider), or kill
// them: whatever was saved is recorded, the interrupted run ends within a
// few seconds without a flood of diagnostics, and the next run converges
// without removing anything the configuration wants.

const (
	// interruptTracks is how many tracks the interrupted runs save.
	interruptTracks = 200
	// interruptAfterTracks is how many tracks the library holds (or has
	// lost, for a destroy) when the run is interrupted.
	interruptAfterTracks = 30
	// interruptExitLimit is how long an interrupted run may take to exit:
	// the writes on the wire finish, no new one starts.
	interruptExitLimit = 5 * time.Second
	// maxInterruptDiagnosticLines bounds the lines an interrupted run
	// prints after the interrupt: a few diagnostics, not one per track.
	maxInterruptDiagnosticLines = 60
	// maxWritesAfterInterrupt bounds the writes sent after the interrupt,
	// in the time Terraform takes to pass it on to the provider: a run
	// that went on would send over a hundred.
	maxWritesAfterInterrupt = 40
)

// interrupt waits until cond holds, then sends sig to the process group of
// run and waits for it to end. It returns run's output, fails the test
// unless run failed within interruptExitLimit, and logs how long it took.
// It also fails the test when run sent more than maxWritesAfterInterrupt
// requests with method (the writes of the run) to em after the signal.
func interrupt(t *testing.T, run *terraformProcess, sig syscall.Signal, em *emulator.Emulator, method, what string, cond func() bool) string {
	t.Helper()
	command := run.cmd.Args[2]
	waitUntil(t, 60*time.Second, what, cond)
	before := em.CountMethod(method)
	sent := time.Now()
	run.signal(sig)
	output, err := run.wait(30 * time.Second)
	elapsed := time.Since(sent)
	after := em.CountMethod(method)
	t.Logf("terraform %s exited %v after %s, having sent %d %s requests before it and %d after",
		command, elapsed.Round(time.Millisecond), signalName(sig), before, method, after-before)
	if err == nil {
		t.Errorf("the interrupted terraform %s succeeded:\n%s", command, output)
	}
	if elapsed > interruptExitLimit {
		t.Errorf("terraform %s exited %v after %s, want within %v", command, elapsed.Round(time.Millisecond), signalName(sig), interruptExitLimit)
	}
	if after-before > maxWritesAfterInterrupt {
		t.Errorf("terraform %s sent %d %s requests after %s, want at most %d: no new write once interrupted",
			command, after-before, method, signalName(sig), maxWritesAfterInterrupt)
	}
	return output
}

// signalName names sig as a shell does.
func signalName(sig syscall.Signal) string {
	if sig == syscall.SIGKILL {
		return "SIGKILL"
	}
	return "SIGINT"
}

// checkInterruptOutput fails the test when the output of an interrupted
// run reports canceled contexts, or prints more than a few diagnostics
// after Terraform received the interrupt: at most maxDiagnostics, in at
// most maxInterruptDiagnosticLines lines. Terraform's own "execution
// halted" errors (one for each resource instance it did not get to) and
// its progress lines are not counted.
func checkInterruptOutput(t *testing.T, output string, maxDiagnostics int) {
	t.Helper()
	if strings.Contains(strings.ToLower(output), "context canceled") {
		t.Errorf("the output reports canceled contexts:\n%s", output)
	}
	_, after, ok := strings.Cut(output, "Interrupt received.")
	if !ok {
		t.Errorf("Terraform did not receive the interrupt:\n%s", output)
		return
	}
	var lines []string
	diagnostics, halted := 0, 0
	for _, line := range strings.Split(after, "\n") {
		switch {
		case strings.TrimSpace(line) == "" || terraformProgress.MatchString(line):
		case strings.TrimSpace(line) == "Error: execution halted":
			halted++
		default:
			lines = append(lines, line)
			if isDiagnosticLine(line) {
				diagnostics++
			}
		}
	}
	t.Logf("after the interrupt: %d diagnostics in %d lines, and %d of Terraform's \"execution halted\"",
		diagnostics, len(lines), halted)
	if diagnostics > maxDiagnostics || len(lines) > maxInterruptDiagnosticLines {
		t.Errorf("after the interrupt, the output holds %d diagnostics in %d lines, want at most %d in %d lines:\n%s",
			diagnostics, len(lines), maxDiagnostics, maxInterruptDiagnosticLines, after)
	}
}

// terraformProgress matches the lines of Terraform's output that report
// the progress of a resource's change.
var terraformProgress = regexp.MustCompile(`^\S+: (Creating|Creation complete|Still creating|Modifying|Modifications complete|Still modifying|Destroying|Destruction complete|Still destroying)`)

// isDiagnosticLine reports whether line starts a diagnostic of Terraform's
// output without colors.
func isDiagnosticLine(line string) bool {
	return strings.HasPrefix(line, "Error: ") || strings.HasPrefix(line, "Warning: ")
}

// bulkTrackIDs returns the ids amazonmusic_library_tracks.test records in s,
// from track_ids or track_id_map, whichever form it was written in, sorted;
// nil when s does not hold the resource.
func (s stateFile) bulkTrackIDs() []string {
	var ids []string
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type != "amazonmusic_library_tracks" || r.Name != "test" {
			continue
		}
		for _, inst := range r.Instances {
			if list, ok := inst.Attributes["track_ids"].([]any); ok {
				for _, id := range list {
					ids = append(ids, fmt.Sprint(id))
				}
			}
			if m, ok := inst.Attributes["track_id_map"].(map[string]any); ok {
				for key := range m {
					ids = append(ids, key)
				}
			}
		}
	}
	slices.Sort(ids)
	return ids
}

// libraryTrackIDs returns the track_id of every instance of
// amazonmusic_library_track.name in s, sorted.
func (s stateFile) libraryTrackIDs(name string) []string {
	var ids []string
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type != "amazonmusic_library_track" || r.Name != name {
			continue
		}
		for _, inst := range r.Instances {
			ids = append(ids, fmt.Sprint(inst.Attributes["track_id"]))
		}
	}
	slices.Sort(ids)
	return ids
}

// missingFrom returns the ids of want that have (sorted) does not hold.
func missingFrom(have, want []string) []string {
	var missing []string
	for _, id := range want {
		if _, found := slices.BinarySearch(have, id); !found {
			missing = append(missing, id)
		}
	}
	return missing
}

// checkResumed checks the writes of the apply that resumed an interrupted
// one, since the emulator's last ResetCounts: no removal, one save for each
// id of want that the library did not hold before (saved, sorted), and
// the library holding every id of want.
func checkResumed(t *testing.T, em *emulator.Emulator, saved, want []string) {
	t.Helper()
	if n := em.CountMethod(http.MethodDelete); n != 0 {
		t.Errorf("the apply that resumed sent %d DELETE requests, want none", n)
	}
	missing := missingFrom(saved, want)
	if n := em.CountMethod(http.MethodPut); n != len(missing) {
		t.Errorf("the apply that resumed sent %d PUT requests, want %d: one for each track not saved yet", n, len(missing))
	}
	if err := expectRequestsPerTrack(em, http.MethodPut, countEach(missing)); err != nil {
		t.Error(err)
	}
	if lost := missingFrom(em.Library(), want); len(lost) > 0 {
		t.Errorf("after the apply that resumed, the library lacks %d tracks: %v", len(lost), lost)
	}
}

// countEach maps each of ids to 1.
func countEach(ids []string) map[string]int {
	m := make(map[string]int, len(ids))
	for _, id := range ids {
		m[id] = 1
	}
	return m
}

// checkNoChanges fails the test unless a plan of cli finds nothing to do.
func checkNoChanges(t *testing.T, cli *terraformCLI) {
	t.Helper()
	if out, err := cli.run(nil, "plan", "-detailed-exitcode", "-input=false"); err != nil {
		t.Errorf("plan after the apply that resumed found changes or failed (%v):\n%s", err, out)
	}
}

// TestAccLibraryTracksResource_createInterruptedRecordsEveryTrackAndTheNextApplyRemovesNothing
// interrupts the create of amazonmusic_library_tracks with 200 tracks,
// once 30 are saved, in both forms of its ids, with the unconfirmed tracks
// checked by the refresh (drift detection on) or saved again by the plan
// (drift detection off, or -refresh=false). The run ends within a few
// seconds with a few diagnostics and no "context canceled"; the state
// records every planned track, so that nothing saved is left out of it;
// the next apply removes nothing and saves only the missing tracks, after
// which a plan finds nothing to do; a smaller configuration and destroy
// then empty the library.
func TestAccLibraryTracksResource_createInterruptedRecordsEveryTrackAndTheNextApplyRemovesNothing(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	plugins := buildProvider(t, repositoryRoot(t))
	ids := generatedTrackIDs(interruptTracks)

	for _, tc := range []struct {
		name        string
		config      func([]string, ...string) string
		provider    [][2]string
		resumeArgs  []string
		resaveNamed bool // the resuming plan warns of the tracks not known to be saved
	}{
		{name: "track_ids", config: bulkTracksConfig},
		{name: "track_id_map,drift_detection=false", config: bulkTracksMapConfig,
			provider: [][2]string{{"drift_detection", "false"}}, resaveNamed: true},
		{name: "track_id_map,-refresh=false", config: bulkTracksMapConfig,
			resumeArgs: []string{"-refresh=false"}, resaveNamed: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{CatalogSize: interruptTracks, Latency: 100 * time.Millisecond})
			provider := emulatorProviderBlock(url, tc.provider...)
			cli := newTerraformCLI(t, plugins, provider+tc.config(ids, "max_concurrency = 4"))

			apply := cli.start("apply", "-auto-approve", "-input=false")
			output := interrupt(t, apply, syscall.SIGINT, em, http.MethodPut, "the first saves", func() bool {
				return len(em.Library()) >= interruptAfterTracks
			})
			checkInterruptOutput(t, output, 2)
			saved := settledLibrary(t, em)
			t.Logf("%d tracks saved before the interrupt", len(saved))
			if want := fmt.Sprintf("Warning: Interrupted before %d tracks were saved", len(ids)-len(saved)); !strings.Contains(output, want) {
				t.Errorf("the output does not warn %q:\n%s", want, output)
			}
			if got := cli.state().bulkTrackIDs(); !slices.Equal(got, ids) {
				t.Errorf("the state records %d tracks (%d saved ones missing: %v), want all %d planned",
					len(got), len(missingFrom(got, saved)), missingFrom(got, saved), len(ids))
			}

			em.SetLatency(0)
			em.ResetCounts()
			resumed := cli.mustRun(nil, append([]string{"apply", "-auto-approve", "-input=false"}, tc.resumeArgs...)...)
			if got := strings.Contains(resumed, "Tracks not known to be saved"); got != tc.resaveNamed {
				t.Errorf("the apply that resumed warns of tracks not known to be saved: %v, want %v:\n%s", got, tc.resaveNamed, resumed)
			}
			checkResumed(t, em, saved, ids)
			checkNoChanges(t, cli)

			kept := ids[:40]
			cli.writeConfig(provider + tc.config(kept, "max_concurrency = 4"))
			em.ResetCounts()
			cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
			if got := em.Library(); !slices.Equal(got, kept) {
				t.Errorf("after the smaller configuration, the library holds %d tracks, want the %d configured", len(got), len(kept))
			}
			cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
			if got := em.Library(); len(got) != 0 {
				t.Errorf("after destroy, the library holds %v, want it empty", got)
			}
		})
	}
}

// TestAccLibraryTrackResource_countCreateInterruptedLeavesNoSavedTrackOutOfTheState
// interrupts the apply of 200 amazonmusic_library_track instances (count)
// once 30 are saved: the run ends within a few seconds with a few
// diagnostics and no "context canceled", every saved track is in the
// state, the next apply removes nothing and saves only the missing tracks,
// and a smaller count and destroy then empty the library.
func TestAccLibraryTrackResource_countCreateInterruptedLeavesNoSavedTrackOutOfTheState(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	ids := generatedTrackIDs(interruptTracks)
	em, url := startEmulator(t, emulator.Options{CatalogSize: interruptTracks, Latency: 300 * time.Millisecond})
	provider := emulatorProviderBlock(url)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), provider+libraryTracksConfig(ids))

	apply := cli.start("apply", "-auto-approve", "-input=false")
	output := interrupt(t, apply, syscall.SIGINT, em, http.MethodPut, "the first saves", func() bool {
		return len(em.Library()) >= interruptAfterTracks
	})
	checkInterruptOutput(t, output, 2)
	saved := settledLibrary(t, em)
	t.Logf("%d tracks saved before the interrupt", len(saved))
	recorded := cli.state().libraryTrackIDs("test")
	if orphans := missingFrom(recorded, saved); len(orphans) > 0 {
		t.Errorf("%d saved tracks are not in the state: %v", len(orphans), orphans)
	}

	em.SetLatency(0)
	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	checkResumed(t, em, saved, ids)
	checkNoChanges(t, cli)

	kept := ids[:40]
	cli.writeConfig(provider + libraryTracksConfig(kept))
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if got := em.Library(); !slices.Equal(got, kept) {
		t.Errorf("after the smaller count, the library holds %d tracks, want the %d configured", len(got), len(kept))
	}
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if got := em.Library(); len(got) != 0 {
		t.Errorf("after destroy, the library holds %v, want it empty", got)
	}
}

// TestAccLibraryTracksResource_destroyInterruptedKeepsEveryTrackStillSaved
// interrupts the destroy of amazonmusic_library_tracks with 200 tracks
// once 30 are removed: the run ends within a few seconds with a few
// diagnostics and no "context canceled", the state holds exactly the
// tracks still saved, and a second destroy removes only those and empties
// the library.
func TestAccLibraryTracksResource_destroyInterruptedKeepsEveryTrackStillSaved(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	ids := generatedTrackIDs(interruptTracks)
	em, url := startEmulator(t, emulator.Options{CatalogSize: interruptTracks})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), emulatorProviderBlock(url)+bulkTracksConfig(ids, "max_concurrency = 4"))
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")

	em.SetLatency(100 * time.Millisecond)
	destroy := cli.start("destroy", "-auto-approve", "-input=false")
	output := interrupt(t, destroy, syscall.SIGINT, em, http.MethodDelete, "the first removals", func() bool {
		return len(em.Library()) <= interruptTracks-interruptAfterTracks
	})
	checkInterruptOutput(t, output, 2)
	left := settledLibrary(t, em)
	if want := fmt.Sprintf("Error: Interrupted before %d tracks were removed", len(left)); !strings.Contains(output, want) {
		t.Errorf("the output does not report %q:\n%s", want, output)
	}
	t.Logf("%d tracks left in the library after the interrupt", len(left))
	recorded := cli.state().bulkTrackIDs()
	if orphans := missingFrom(recorded, left); len(orphans) > 0 {
		t.Errorf("%d tracks still saved are not in the state: %v", len(orphans), orphans)
	}
	if removed := missingFrom(left, recorded); len(removed) > 0 {
		t.Errorf("the state still holds %d removed tracks: %v", len(removed), removed)
	}

	em.SetLatency(0)
	em.ResetCounts()
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if n := em.CountMethod(http.MethodDelete); n != len(left) {
		t.Errorf("the second destroy sent %d DELETE requests, want %d: one for each track left", n, len(left))
	}
	if got := em.Library(); len(got) != 0 {
		t.Errorf("after the second destroy, the library holds %v, want it empty", got)
	}
}

// TestAccLibraryTracksResource_applyKilledIsRecoveredByImportingTheWholeLibrary
// kills Terraform and the provider (SIGKILL, as a CI runner cancelling its
// job does) in the middle of the create of amazonmusic_library_tracks (map
// form) with 200 tracks, so that the state may not record it. Importing
// "*" adopts exactly the tracks saved; the next apply saves only the
// missing ones without removing any, after which a plan finds nothing to
// do, and destroy empties the library.
func TestAccLibraryTracksResource_applyKilledIsRecoveredByImportingTheWholeLibrary(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	ids := generatedTrackIDs(interruptTracks)
	em, url := startEmulator(t, emulator.Options{CatalogSize: interruptTracks, Latency: 100 * time.Millisecond})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), emulatorProviderBlock(url)+bulkTracksMapConfig(ids, "max_concurrency = 4"))

	apply := cli.start("apply", "-auto-approve", "-input=false")
	interrupt(t, apply, syscall.SIGKILL, em, http.MethodPut, "the first saves", func() bool {
		return len(em.Library()) >= interruptAfterTracks
	})
	saved := settledLibrary(t, em)
	t.Logf("%d tracks saved before the kill", len(saved))
	if raw, err := os.ReadFile(cli.statePath()); err == nil && len(raw) > 0 && len(cli.state().bulkTrackIDs()) > 0 {
		// Terraform persisted the state during the apply: forget it, as
		// the import is what this test checks.
		t.Log("the killed apply left the resource in the state; removing it before the import")
		cli.mustRun(nil, "state", "rm", bulkTracksAddress)
	}

	em.SetLatency(0)
	em.ResetCounts()
	cli.mustRun(nil, "import", "-input=false", bulkTracksAddress, importAllID)
	if got := cli.state().bulkTrackIDs(); !slices.Equal(got, saved) {
		t.Errorf("the import recorded %d tracks (%d saved ones missing: %v), want the %d of the library",
			len(got), len(missingFrom(got, saved)), missingFrom(got, saved), len(saved))
	}
	if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 0 {
		t.Errorf("the import sent %d writes, want none", n)
	}

	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	checkResumed(t, em, saved, ids)
	checkNoChanges(t, cli)
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if got := em.Library(); len(got) != 0 {
		t.Errorf("after destroy, the library holds %v, want it empty", got)
	}
}

// settledLibrary waits until the emulator handles no request, as it
// completes the writes it received even when their client is gone, and
// returns the library then.
func settledLibrary(t *testing.T, em *emulator.Emulator) []string {
	t.Helper()
	waitUntil(t, 10*time.Second, "the requests in flight to end", func() bool { return em.InFlight() == 0 })
	return em.Library()
}
