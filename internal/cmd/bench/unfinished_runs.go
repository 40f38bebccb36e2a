//go:build linux

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Targets of case 7.
const (
	// maxInterruptExit bounds the time from Ctrl-C to Terraform's exit:
	// the writes on the wire finish within a short grace, no new one
	// starts.
	maxInterruptExit = 2 * time.Second
	// maxOutageExit bounds the time from the API going away to
	// Terraform's exit, at the provider's default max_retries (4): the
	// first request to exhaust its retries halts every other write.
	maxOutageExit = time.Minute
)

// Sizes and bounds of case 7.
const (
	// unfinishedShare is the part of the ids saved when the run is
	// interrupted or the API goes away: 1/unfinishedShare.
	unfinishedShare = 5
	// minUnfinishedTracks makes a fifth of the ids at least one track.
	minUnfinishedTracks = unfinishedShare
	// minUnfinishedWrites is the least time the apply's writes take at the
	// provider's default max_concurrency (defaultMaxConcurrency): at small
	// sizes the API answers more slowly than the settings' latency, so that
	// the run is still writing when it is stopped.
	minUnfinishedWrites   = 4 * time.Second
	defaultMaxConcurrency = 8
	// unfinishedSavesWait bounds the wait for a fifth of the ids to be
	// saved, and unfinishedExitWait the wait for Terraform to exit once
	// stopped, after which it is killed.
	unfinishedSavesWait = 5 * time.Minute
	unfinishedExitWait  = 5 * time.Minute
)

// unfinishedRun is what one repetition of case 7 measured.
type unfinishedRun struct {
	// interruptExit is the time from SIGINT to Terraform's exit; the
	// library held atInterrupt tracks when the signal was sent and
	// afterInterrupt once Terraform had exited and the API was idle.
	interruptExit               time.Duration
	atInterrupt, afterInterrupt int
	// resume is the apply of the same configuration after the interrupt,
	// which sent resumePUTs.
	resume     tfResult
	resumePUTs int
	// outageExit is the time from the API going down to Terraform's exit;
	// the library held atOutage tracks then and afterOutage once the API
	// had finished the writes it received.
	outageExit            time.Duration
	atOutage, afterOutage int
}

// unfinishedLatency is the API's latency in case 7 for n ids: the
// settings' latency, or more when the writes of n ids would otherwise take
// less than minUnfinishedWrites.
func unfinishedLatency(n int, latency time.Duration) time.Duration {
	return max(latency, minUnfinishedWrites*defaultMaxConcurrency/time.Duration(n))
}

// unfinishedRunsCase is case 7: one amazonmusic_library_tracks holding U ids
// in track_id_map, applied against an API with latency and stopped once a
// fifth are saved, by Ctrl-C (then applied again), and by the API going
// away.
func (b *bench) unfinishedRunsCase(ctx context.Context, rep *report) error {
	n := b.s.unfinishedTracks
	latency := unfinishedLatency(n, b.s.latency)
	caseName := fmt.Sprintf("7. unfinished runs: %d ids in one `amazonmusic_library_tracks` (`track_id_map`), API latency %s", n, latency)
	if !b.features.bulkMap {
		rep.figures = append(rep.figures, figure{
			caseName: caseName, what: "exit after Ctrl-C; exit after the API goes away",
			measured: "not available: the provider has no `track_id_map`",
		})
		return nil
	}
	var runs []unfinishedRun
	for i := 1; i <= b.s.reps; i++ {
		var run unfinishedRun
		b.logf("case 7, Ctrl-C, repetition %d of %d", i, b.s.reps)
		if err := b.interruptedApply(ctx, rep, caseName, i, latency, &run); err != nil {
			return err
		}
		b.logf("case 7, the API going away, repetition %d of %d", i, b.s.reps)
		if err := b.outageApply(ctx, rep, caseName, latency, &run); err != nil {
			return err
		}
		runs = append(runs, run)
	}
	rep.figures = append(rep.figures, unfinishedFigures(caseName, runs)...)
	return nil
}

// interruptedApply interrupts the apply as Ctrl-C does once a fifth of the
// ids are saved, checks that the state records every track saved, and
// applies the same configuration again: it must save exactly the tracks
// missing and remove none.
func (b *bench) interruptedApply(ctx context.Context, rep *report, caseName string, repetition int, latency time.Duration, run *unfinishedRun) error {
	n := b.s.unfinishedTracks
	ids := trackIDs(n)
	return withAPI(emulator.Options{CatalogSize: n, Latency: latency}, func(a *api) error {
		dir, err := b.config("unfinished-interrupt", bulkMapConfig(a.url, ids, 0))
		if err != nil {
			return err
		}
		res, exitErr, stopped, err := b.stopApplyAt(ctx, dir, a.Emulator, (*tfProcess).interrupt)
		if err != nil {
			return fmt.Errorf("%s, Ctrl-C: %w", caseName, err)
		}
		if exitErr == nil {
			return fmt.Errorf("%s: the apply succeeded although interrupted after %d of %d tracks:\n%s", caseName, stopped.held, n, tail(res.stdout, res.stderr))
		}
		run.interruptExit, run.atInterrupt = stopped.exit, stopped.held
		saved := idleLibrary(a.Emulator)
		run.afterInterrupt = len(saved)
		if err := checkNoOrphan(rep, caseName, "Ctrl-C", dir, saved); err != nil {
			return err
		}

		a.reset()
		if run.resume, err = b.tf.run(ctx, dir, applyArgs); err != nil {
			return fmt.Errorf("%s, the apply after Ctrl-C: %w", caseName, err)
		}
		missing := missingFrom(saved, ids)
		run.resumePUTs = a.CountMethod(http.MethodPut)
		check(rep, caseName, fmt.Sprintf("apply after Ctrl-C (repetition %d): PUT /v1/me/library/tracks/{id}, one for each track missing", repetition),
			run.resumePUTs, len(missing))
		check(rep, caseName, "apply after Ctrl-C: PUT of a track saved before", putsTo(a.Emulator, saved), 0)
		check(rep, caseName, "apply after Ctrl-C: DELETE", a.CountMethod(http.MethodDelete), 0)
		check(rep, caseName, "tracks in the library after the apply after Ctrl-C", len(a.Library()), n)
		b.logf("Ctrl-C at %d tracks saved: Terraform exited %s later, %d saved; the next apply: %s, %d PUT, %d DELETE, %d GET",
			run.atInterrupt, seconds(run.interruptExit), run.afterInterrupt, seconds(run.resume.wall), run.resumePUTs,
			a.CountMethod(http.MethodDelete), a.CountMethod(http.MethodGet))
		return nil
	})
}

// outageApply takes the API down (listener and connections closed, new
// connections refused) once a fifth of the ids are saved: the apply must
// fail, naming the API's host, with every track saved in the state.
func (b *bench) outageApply(ctx context.Context, rep *report, caseName string, latency time.Duration, run *unfinishedRun) error {
	n := b.s.unfinishedTracks
	ids := trackIDs(n)
	em := emulator.New(emulator.Options{CatalogSize: n, Latency: latency})
	srv, err := emulator.NewServer(em)
	if err != nil {
		return err
	}
	// Close waits for the writes the API received: the library is final.
	defer srv.Close()
	dir, err := b.config("unfinished-outage", bulkMapConfig(srv.URL(), ids, 0))
	if err != nil {
		return err
	}
	res, exitErr, stopped, err := b.stopApplyAt(ctx, dir, em, func(*tfProcess) error {
		srv.Down()
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s, API down: %w", caseName, err)
	}
	if exitErr == nil {
		return fmt.Errorf("%s: the apply succeeded although the API went down after %d of %d tracks:\n%s", caseName, stopped.held, n, tail(res.stdout, res.stderr))
	}
	srv.Close()
	run.outageExit, run.atOutage = stopped.exit, stopped.held
	saved := em.Library()
	run.afterOutage = len(saved)
	if err := checkNoOrphan(rep, caseName, "API down", dir, saved); err != nil {
		return err
	}
	host := strings.TrimPrefix(srv.URL(), "http://")
	if !strings.Contains(res.stdout+res.stderr, host) {
		return fmt.Errorf("%s: the apply that failed with the API down does not name its host %s:\n%s", caseName, host, tail(res.stdout, res.stderr))
	}
	b.logf("API down at %d tracks saved: Terraform failed %s later, naming %s; %d saved", run.atOutage, seconds(run.outageExit), host, run.afterOutage)
	return nil
}

// stopOutcome says when and how far a run was stopped: the library held held
// tracks, and Terraform exited exit after the stop.
type stopOutcome struct {
	held int
	exit time.Duration
}

// stopApplyAt starts the apply in dir, waits until em's library holds a
// fifth of the ids, calls stop, and waits for Terraform to exit. It
// returns the run and its exit error, as tfProcess.end does, and when it
// was stopped; err is a run the harness could not stop as asked.
func (b *bench) stopApplyAt(ctx context.Context, dir string, em *emulator.Emulator,
	stop func(*tfProcess) error) (res tfResult, exitErr error, s stopOutcome, err error) {
	p, err := b.tf.start(ctx, dir, applyArgs)
	if err != nil {
		return res, nil, s, err
	}
	if s.held, err = awaitSaved(ctx, p, em, b.s.unfinishedTracks/unfinishedShare); err != nil {
		p.kill()
		return res, nil, s, err
	}
	stoppedAt := time.Now()
	if err := stop(p); err != nil {
		p.kill()
		return res, nil, s, err
	}
	if err := p.exitWithin(unfinishedExitWait); err != nil {
		return res, nil, s, err
	}
	s.exit = p.exited.Sub(stoppedAt)
	res, exitErr, err = p.end()
	return res, exitErr, s, err
}

// awaitSaved polls em's library while p runs until it holds at least want
// tracks, and returns how many it holds. It fails when p exits first,
// after unfinishedSavesWait, or when ctx ends.
func awaitSaved(ctx context.Context, p *tfProcess, em *emulator.Emulator, want int) (int, error) {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	deadline := time.NewTimer(unfinishedSavesWait)
	defer deadline.Stop()
	for {
		n := len(em.Library())
		if n >= want {
			return n, nil
		}
		select {
		case <-p.done:
			return n, fmt.Errorf("%s exited before %d tracks were saved (%d were)", p.what, want, n)
		case <-deadline.C:
			return n, fmt.Errorf("%d tracks were saved after %s, want %d", n, unfinishedSavesWait, want)
		case <-ctx.Done():
			return n, ctx.Err()
		case <-tick.C:
		}
	}
}

// idleLibrary waits (a few seconds at most) until em serves no request,
// so that every write it received is applied, and returns its library.
func idleLibrary(em *emulator.Emulator) []string {
	for deadline := time.Now().Add(10 * time.Second); em.InFlight() > 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	return em.Library()
}

// checkNoOrphan checks that the state in dir records every track of saved
// (sorted), those the library held after the run stopped by how.
func checkNoOrphan(rep *report, caseName, how, dir string, saved []string) error {
	recorded, err := stateTrackIDs(dir)
	if err != nil {
		return fmt.Errorf("%s, %s: %w", caseName, how, err)
	}
	check(rep, caseName, how+": tracks in the library missing from the state", len(missingFrom(recorded, saved)), 0)
	return nil
}

// stateTrackIDs returns the keys of track_id_map of bulkMapAddress in the
// state file of dir, sorted; none when the state does not hold it.
func stateTrackIDs(dir string) ([]string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var state struct {
		Resources []struct {
			Mode      string `json:"mode"`
			Type      string `json:"type"`
			Name      string `json:"name"`
			Instances []struct {
				Attributes struct {
					TrackIDMap map[string]string `json:"track_id_map"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "terraform.tfstate"), err)
	}
	typ, name, _ := strings.Cut(bulkMapAddress, ".")
	var ids []string
	for _, r := range state.Resources {
		if r.Mode != "managed" || r.Type != typ || r.Name != name {
			continue
		}
		for _, inst := range r.Instances {
			for id := range inst.Attributes.TrackIDMap {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// missingFrom returns the ids of want that have (sorted) lacks.
func missingFrom(have, want []string) []string {
	var missing []string
	for _, id := range want {
		if _, found := slices.BinarySearch(have, id); !found {
			missing = append(missing, id)
		}
	}
	return missing
}

// putsTo counts the PUT requests em received for the tracks of ids.
func putsTo(em *emulator.Emulator, ids []string) int {
	n := 0
	for _, id := range ids {
		n += em.Count(http.MethodPut, "/v1/me/library/tracks/"+id)
	}
	return n
}

// unfinishedFigures are case 7's lines of the report: the medians over the
// repetitions.
func unfinishedFigures(caseName string, runs []unfinishedRun) []figure {
	duration := func(f func(unfinishedRun) time.Duration) time.Duration {
		ds := make([]time.Duration, len(runs))
		for i, r := range runs {
			ds[i] = f(r)
		}
		return medianDuration(ds)
	}
	count := func(f func(unfinishedRun) int) float64 {
		xs := make([]float64, len(runs))
		for i, r := range runs {
			xs[i] = float64(f(r))
		}
		return median(xs)
	}
	interrupt := duration(func(r unfinishedRun) time.Duration { return r.interruptExit })
	outage := duration(func(r unfinishedRun) time.Duration { return r.outageExit })
	return []figure{
		{
			caseName: caseName,
			what:     "Ctrl-C (SIGINT to Terraform's process group) once a fifth are saved: from the signal to Terraform's exit",
			measured: "**" + seconds(interrupt) + "**",
			target:   "≤ " + seconds(maxInterruptExit),
			met:      metIf(interrupt <= maxInterruptExit),
		},
		{
			caseName: caseName,
			what:     "Ctrl-C: tracks saved at the signal; at the exit (each in the state); the next apply's PUTs (one per track missing, no DELETE) and time",
			measured: fmt.Sprintf("%.0f; %.0f; %.0f in %s",
				count(func(r unfinishedRun) int { return r.atInterrupt }), count(func(r unfinishedRun) int { return r.afterInterrupt }),
				count(func(r unfinishedRun) int { return r.resumePUTs }), seconds(duration(func(r unfinishedRun) time.Duration { return r.resume.wall }))),
		},
		{
			caseName: caseName,
			what:     "the API going away once a fifth are saved (listener and connections closed, new connections refused), default `max_retries` (4): from the outage to Terraform's exit, failed, naming the host",
			measured: "**" + seconds(outage) + "**",
			target:   "≤ " + seconds(maxOutageExit),
			met:      metIf(outage <= maxOutageExit),
		},
		{
			caseName: caseName,
			what:     "the API going away: tracks saved at the outage; at the exit (each in the state)",
			measured: fmt.Sprintf("%.0f; %.0f",
				count(func(r unfinishedRun) int { return r.atOutage }), count(func(r unfinishedRun) int { return r.afterOutage })),
		},
	}
}
