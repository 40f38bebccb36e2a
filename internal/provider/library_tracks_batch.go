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
	if len(jobs) == 0 {
		return outcomes
	}
	outcomes[0] = runTrackJob(ctx, data, jobs[0])
	var g errgroup.Group
	g.SetLimit(max(limit, 1))
	for i := 1; i < len(jobs); i++ {
		g.Go(func() error {
			outcomes[i] = runTrackJob(ctx, data, jobs[i])
			return nil
		})
	}
	_ = g.Wait() // the jobs report through outcomes
	return outcomes
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
		case ids.Equal(path.Root("track_ids")):
			at = ids.AtSetValue(types.StringValue(o.id))
		case ids.Equal(path.Root("track_id_map")):
			at = ids.AtMapKey(o.id)
		}
		add(at, "Unable to "+o.change.verb()+" track "+o.id+" "+o.change.place(),
			o.change.gerund()+" track "+o.id+" did not succeed: "+o.err.Error()+".")
	}
	if rest := failed[len(individual):]; len(rest) > 0 {
		var b strings.Builder
		for _, o := range rest {
			b.WriteString("\n- " + o.change.gerund() + " track " + o.id + " did not succeed: " + o.err.Error())
		}
		add(ids, "Unable to save or remove "+strconv.Itoa(len(rest))+" more tracks", "These did not succeed either:"+b.String())
	}
}

// sharedCauseWords returns the summary and detail of the diagnostic of
// failures of a shared cause c.
func sharedCauseWords(c failureCause, failed []trackOutcome) (summary, detail string) {
	ids := make([]string, len(failed))
	for i, o := range failed {
		ids[i] = o.id
	}
	what := countTracks(len(failed)) + " " + wereOrWas(len(failed)) + " " + participle(failed)
	switch c {
	case causeOutcomeUnknown:
		return "Unknown whether " + what,
			"The answers of the API were lost (the connection broke, or the run was interrupted) while it handled " +
				"these requests, which it may or may not have applied: " + shortIDList(ids) + ". The state records " +
				"these tracks as possibly saved: the next plan checks them, and destroy removes them."
	case causeInterrupted:
		return "Interrupted before " + what,
			"The run was interrupted before these tracks were " + participle(failed) + "; the API applied no " +
				"request for them: " + shortIDList(ids) + "."
	}
	// A cause that halts the run's writes: at most one write of the
	// resource met it, whose error says the most; the others were not sent.
	var halted *haltedError
	if met := slices.IndexFunc(failed, func(o trackOutcome) bool { return !errors.As(o.err, &halted) }); met >= 0 {
		o := failed[met]
		detail = o.change.gerund() + " track " + o.id + " did not succeed: " + o.err.Error() + "."
		if others := slices.Delete(slices.Clone(ids), met, met+1); len(others) > 0 {
			detail += " No request was sent for " + strconv.Itoa(len(others)) + " more: " + shortIDList(others) + "."
		}
	} else {
		errors.As(failed[0].err, &halted)
		detail = "No request was sent for " + countTracks(len(ids)) + " (" + shortIDList(ids) + "): an earlier request " +
			"of this run failed: " + briefError(halted.err) + "."
	}
	if advice := causeAdvice(c); advice != "" {
		detail += " " + advice
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
	if c == removeChange {
		return "remove"
	}
	return "save"
}

func (c trackChange) gerund() string {
	if c == removeChange {
		return "Removing"
	}
	return "Saving"
}

func (c trackChange) place() string {
	if c == removeChange {
		return "from the library"
	}
	return "to the library"
}
