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

// runTrackJobs saves and removes tracks through data with at most limit
// requests in flight, and returns the outcomes in the order of jobs. Every
// job runs, whatever the others' outcome; once ctx is done the jobs left
// fail at once with its error.
func runTrackJobs(ctx context.Context, data *providerData, jobs []trackJob, limit int) []trackOutcome {
	outcomes := make([]trackOutcome, len(jobs))
	var g errgroup.Group
	g.SetLimit(max(limit, 1))
	for i, job := range jobs {
		g.Go(func() error {
			outcome := trackOutcome{trackJob: job}
			var result *amazonmusic.TrackSaveResult
			switch job.change {
			case saveChange:
				result, outcome.err = data.saveTrack(ctx, job.id)
				if result != nil {
					outcome.track = result.Track
				}
			case removeChange:
				_, outcome.err = data.removeTrack(ctx, job.id, job.savedID)
			}
			outcomes[i] = outcome
			return nil
		})
	}
	_ = g.Wait() // the jobs report through outcomes
	return outcomes
}

// maxFailureDiagnostics bounds the diagnostics that name one failed track
// each; the failures beyond are listed together in one more diagnostic.
const maxFailureDiagnostics = 10

// addFailureDiagnostics reports every failed outcome, with its reason, on
// diags: one error per track, pointing at its id in track_ids, up to
// maxFailureDiagnostics, and the rest in one error that lists them. after
// tells what became of the tracks done meanwhile.
func addFailureDiagnostics(diags *diag.Diagnostics, outcomes []trackOutcome, after string) {
	var failed []trackOutcome
	for _, o := range outcomes {
		if !o.done() {
			failed = append(failed, o)
		}
	}
	slices.SortFunc(failed, func(a, b trackOutcome) int { return strings.Compare(a.id, b.id) })

	individual := failed
	if len(failed) > maxFailureDiagnostics {
		individual = failed[:maxFailureDiagnostics-1]
	}
	for _, o := range individual {
		summary, action := failureWords(o)
		diags.AddAttributeError(path.Root("track_ids").AtSetValue(types.StringValue(o.id)),
			summary, action+" did not succeed: "+o.err.Error()+". "+after)
	}
	rest := failed[len(individual):]
	if len(rest) == 0 {
		return
	}
	var b strings.Builder
	for _, o := range rest {
		_, action := failureWords(o)
		b.WriteString("\n- ")
		b.WriteString(action)
		b.WriteString(" did not succeed: ")
		b.WriteString(o.err.Error())
	}
	diags.AddAttributeError(path.Root("track_ids"),
		"Unable to save or remove "+strconv.Itoa(len(rest))+" more tracks",
		"These did not succeed either:"+b.String()+"\n\n"+after)
}

// failureWords returns the summary of a failed outcome's diagnostic and
// the action that failed, both naming the track. The failure may be the
// API's answer or the network's.
func failureWords(o trackOutcome) (summary, action string) {
	if o.change == removeChange {
		return "Unable to remove track " + o.id + " from the library", "Removing track " + o.id
	}
	return "Unable to save track " + o.id + " to the library", "Saving track " + o.id
}
