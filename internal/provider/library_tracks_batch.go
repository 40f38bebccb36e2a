package provider

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"golang.org/x/sync/errgroup"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackChange is one save or removal of a bulk apply.
type trackChange int

const (
	saveChange trackChange = iota
	removeChange
	// resolveChange is the search of an ISRC's tracks, whose failures
	// amazonmusic_tracks_by_isrc reports as the bulk apply does.
	resolveChange
)

// trackJob is one track to save or remove.
type trackJob struct {
	id string
	// savedID is, for a removal, the id the API answered when saving id;
	// empty when unknown.
	savedID string
	change  trackChange
}

// trackOutcome is what became of a trackJob.
type trackOutcome struct {
	trackJob
	// track is what the API answered for a save; nil when it answered no
	// track, and for removals.
	track *amazonmusic.Track
	err   error
}

// done reports whether the job did what it was asked: a removal of a track
// the API does not know (404) counts as done.
func (o trackOutcome) done() bool {
	return o.err == nil || (o.change == removeChange && errors.Is(o.err, amazonmusic.ErrNotFound))
}

// unknown reports whether the API may have applied the job although it
// failed: its answer was lost.
func (o trackOutcome) unknown() bool {
	return !o.done() && errors.Is(o.err, amazonmusic.ErrOutcomeUnknown)
}

// runTrackJobs saves and removes tracks through data with at most limit
// requests in flight, and returns the outcomes in the order of jobs. The
// first job runs alone, so that credentials the API refuses cost one
// request rather than one per request in flight. Once ctx is done, or the
// provider's writes halted (see writeHalt), the jobs left fail without a
// request; the requests on the wire finish (see amazonmusic.Config's
// WriteGrace).
func runTrackJobs(ctx context.Context, data *providerData, jobs []trackJob, limit int) []trackOutcome {
	outcomes := make([]trackOutcome, len(jobs))
	runEach(len(jobs), limit, func(i int) {
		outcomes[i] = runTrackJob(ctx, data, jobs[i])
	})
	return outcomes
}

// runEach calls do with 0 to n-1, at most limit calls at once, and returns
// when every call returned. The call with 0 runs alone first, so that
// credentials the API refuses cost one request rather than one per request
// in flight.
func runEach(n, limit int, do func(i int)) {
	if n == 0 {
		return
	}
	do(0)
	var g errgroup.Group
	g.SetLimit(max(limit, 1))
	for i := 1; i < n; i++ {
		g.Go(func() error {
			do(i)
			return nil
		})
	}
	_ = g.Wait() // the calls report through what do sets
}

// runTrackJob saves or removes one track.
func runTrackJob(ctx context.Context, data *providerData, job trackJob) trackOutcome {
	outcome := trackOutcome{trackJob: job}
	switch job.change {
	case saveChange:
		var result *amazonmusic.TrackSaveResult
		result, outcome.err = data.saveTrack(ctx, job.id)
		if result != nil {
			outcome.track = result.Track
		}
	case removeChange:
		outcome.err = data.removeTrack(ctx, job.id, job.savedID)
	}
	return outcome
}

// trackFailures are the failed outcomes of a bulk apply, by cause, each
// sorted by id.
type trackFailures map[failureCause][]trackOutcome

// failuresOf returns the failed outcomes among outcomes.
func failuresOf(outcomes []trackOutcome) trackFailures {
	f := trackFailures{}
	for _, o := range outcomes {
		if !o.done() {
			c := causeOf(o.err)
			f[c] = append(f[c], o)
		}
	}
	for _, failed := range f {
		slices.SortFunc(failed, func(a, b trackOutcome) int { return strings.Compare(a.id, b.id) })
	}
	return f
}

// interruptedOnly reports whether every failure came from the run being
// interrupted: a write not sent, or one whose answer the interrupt lost.
func (f trackFailures) interruptedOnly() bool {
	for _, failed := range f {
		for _, o := range failed {
			if !errors.Is(o.err, context.Canceled) && !errors.Is(o.err, context.DeadlineExceeded) {
				return false
			}
		}
	}
	return true
}

// maxFailureDiagnostics bounds the diagnostics that name one failed track
// each; the failures beyond are listed together in one more diagnostic.
const maxFailureDiagnostics = 10

// report adds the diagnostics of the failures to diags, as warnings when
// warn: one for each cause shared by many tracks, naming a few and
// counting the others, and one for each other failure, pointing at its id
// in ids (the path of track_ids or track_id_map, or of the one track_id),
// up to maxFailureDiagnostics. next, what the state holds and what the next run
// does, ends the first diagnostic.
func (f trackFailures) report(diags *diag.Diagnostics, ids path.Path, next string, warn bool) {
	add := func(at path.Path, summary, detail string) {
		if next != "" {
			detail += "\n\n" + next
			next = ""
		}
		if warn {
			diags.AddAttributeWarning(at, summary, detail)
		} else {
			diags.AddAttributeError(at, summary, detail)
		}
	}
	for _, c := range []failureCause{causeUnauthorized, causeForbidden, causeUnreachable, causeInterrupted, causeOutcomeUnknown} {
		if failed := f[c]; len(failed) > 0 {
			summary, detail := sharedCauseWords(c, failed)
			add(ids, summary, detail)
		}
	}

	failed := f[causeOther]
	individual := failed
	if len(failed) > maxFailureDiagnostics {
		individual = failed[:maxFailureDiagnostics-1]
	}
	for _, o := range individual {
		at := ids
		switch {
		case ids.Equal(path.Root("track_ids")), ids.Equal(path.Root("isrcs")):
			at = ids.AtSetValue(types.StringValue(o.id))
		case ids.Equal(path.Root("track_id_map")):
			at = ids.AtMapKey(o.id)
		}
		add(at, strings.TrimSpace("Unable to "+o.change.verb()+" "+o.change.noun()+" "+o.id+" "+o.change.place()),
			o.change.gerund()+" "+o.change.noun()+" "+o.id+" did not succeed: "+o.err.Error()+".")
	}
	if rest := failed[len(individual):]; len(rest) > 0 {
		var b strings.Builder
		for _, o := range rest {
			b.WriteString("\n- " + o.change.gerund() + " " + o.change.noun() + " " + o.id + " did not succeed: " + o.err.Error())
		}
		summary := "Unable to save or remove " + strconv.Itoa(len(rest)) + " more tracks"
		if rest[0].change == resolveChange {
			summary = "Unable to resolve " + strconv.Itoa(len(rest)) + " more ISRCs"
		}
		add(ids, summary, "These did not succeed either:"+b.String())
	}
}

// sharedCauseWords returns the summary and detail of the diagnostic of
// failures of a shared cause c.
func sharedCauseWords(c failureCause, failed []trackOutcome) (summary, detail string) {
	ids := make([]string, len(failed))
	for i, o := range failed {
		ids[i] = o.id
	}
	what := countOf(failed) + " " + wereOrWas(len(failed)) + " " + participle(failed)
	switch c {
	case causeOutcomeUnknown:
		return "Unknown whether " + what,
			"The answers of the API were lost (the connection broke, or the run was interrupted) while it handled " +
				"these requests, which it may or may not have applied: " + shortIDList(ids) + ". The state records " +
				"these tracks as possibly saved: the next plan checks them, and destroy removes them."
	case causeInterrupted:
		return "Interrupted before " + what,
			"The run was interrupted before these " + failed[0].change.noun() + "s were " + participle(failed) +
				"; the API applied no request for them: " + shortIDList(ids) + "."
	}
	// A cause that halts the run's writes: at most one write of the
	// resource met it, whose error says the most; the others were not sent.
	var halted *haltedError
	if met := slices.IndexFunc(failed, func(o trackOutcome) bool { return !errors.As(o.err, &halted) }); met >= 0 {
		o := failed[met]
		detail = o.change.gerund() + " " + o.change.noun() + " " + o.id + " did not succeed: " + o.err.Error() + "."
		if others := slices.Delete(slices.Clone(ids), met, met+1); len(others) > 0 {
			detail += " No request was sent for " + strconv.Itoa(len(others)) + " more: " + shortIDList(others) + "."
		}
	} else {
		errors.As(failed[0].err, &halted)
		detail = "No request was sent for " + countOf(failed) + " (" + shortIDList(ids) + "): an earlier request " +
			"of this run failed: " + briefError(halted.err) + "."
	}
	advice := causeAdvice(c)
	if c == causeForbidden && failed[0].change == resolveChange {
		advice = scopeHint(failed[0].err, scopeCatalog)
	}
	if advice != "" {
		detail += " " + strings.TrimSpace(advice)
	}
	return causeSummary(c), detail
}

// wereOrWas is the past of "to be" for n tracks.
func wereOrWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// participle says what the failed changes would have done: "saved",
// "removed", or "saved or removed" when they mix.
func participle(failed []trackOutcome) string {
	if failed[0].change == resolveChange {
		return "resolved"
	}
	saves, removals := false, false
	for _, o := range failed {
		saves = saves || o.change == saveChange
		removals = removals || o.change == removeChange
	}
	switch {
	case saves && removals:
		return "saved or removed"
	case removals:
		return "removed"
	}
	return "saved"
}

// verb, gerund and place word a change in diagnostics.
func (c trackChange) verb() string {
	switch c {
	case removeChange:
		return "remove"
	case resolveChange:
		return "resolve"
	}
	return "save"
}

func (c trackChange) gerund() string {
	switch c {
	case removeChange:
		return "Removing"
	case resolveChange:
		return "Resolving"
	}
	return "Saving"
}

func (c trackChange) place() string {
	switch c {
	case removeChange:
		return "from the library"
	case resolveChange:
		return ""
	}
	return "to the library"
}

// noun names what a job of change c is about: an ISRC for a resolution, a
// track otherwise.
func (c trackChange) noun() string {
	if c == resolveChange {
		return "ISRC"
	}
	return "track"
}

// countOf counts the failures with their noun: "1 track", "12 ISRCs".
func countOf(failed []trackOutcome) string {
	if len(failed) > 0 && failed[0].change == resolveChange {
		if len(failed) == 1 {
			return "1 ISRC"
		}
		return strconv.Itoa(len(failed)) + " ISRCs"
	}
	return countTracks(len(failed))
}
