package provider

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// failureCause is why a write failed, as the diagnostics group failures:
// the causes but causeOther are shared by every write of a run, and are
// reported once per resource rather than once per track.
type failureCause int

const (
	// causeOther is a failure of its own, such as the API refusing an id.
	causeOther failureCause = iota
	// causeOutcomeUnknown is a write the API may have applied: the answer
	// was lost (connection lost, or the run interrupted past the grace
	// the client gives a write on the wire).
	causeOutcomeUnknown
	// causeInterrupted is a write not sent because the run was
	// interrupted.
	causeInterrupted
	// causeUnauthorized is a 401 that a new access token could not cure.
	causeUnauthorized
	// causeForbidden is a 403: the API key, or the token's scope.
	causeForbidden
	// causeUnreachable is the API not answering at all.
	causeUnreachable
)

// causeOf returns the cause of a failed write's error.
func causeOf(err error) failureCause {
	switch {
	case errors.Is(err, amazonmusic.ErrOutcomeUnknown):
		return causeOutcomeUnknown
	case errors.Is(err, amazonmusic.ErrUnauthorized):
		return causeUnauthorized
	case errors.Is(err, amazonmusic.ErrForbidden):
		return causeForbidden
	case errors.Is(err, amazonmusic.ErrUnreachable):
		return causeUnreachable
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return causeInterrupted
	}
	return causeOther
}

// halts reports whether a failure of this cause ends the run's writes:
// every later write would fail the same way.
func (c failureCause) halts() bool {
	return c == causeUnauthorized || c == causeForbidden || c == causeUnreachable
}

// writeHalt ends the provider's writes for the rest of its run once one
// failed for a cause every write shares (see failureCause.halts): later
// writes fail at once with a *haltedError, without a request, so that
// refused credentials or an API gone away cost one request, not one per
// track. It is safe for concurrent use.
type writeHalt struct {
	first atomic.Pointer[haltedError]
}

// check returns the error a write must fail with before sending anything:
// ctx's when it is done, else a *haltedError once the writes halted, else
// nil.
func (h *writeHalt) check(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if halted := h.first.Load(); halted != nil {
		return halted
	}
	return nil
}

// observe halts the writes when err is the first failure that calls for
// it, and returns err as the write should report it: a write that met the
// same cause afterwards (it was in flight meanwhile) reports it briefly, as
// a *repeatedError, so that its advice is given once.
func (h *writeHalt) observe(err error) error {
	if err == nil {
		return nil
	}
	var halted *haltedError
	if errors.As(err, &halted) || !causeOf(err).halts() {
		return err
	}
	if h.first.CompareAndSwap(nil, &haltedError{err: err}) {
		return err
	}
	return &repeatedError{err: err}
}

// repeatedError is a failure the run met before, given without the advice
// its first error gave.
type repeatedError struct {
	err error
}

func (e *repeatedError) Error() string {
	return briefError(e.err) + " (as for an earlier request of this run)"
}

func (e *repeatedError) Unwrap() error { return e.err }

// haltedError is a write not sent because an earlier write of the run
// failed for a cause every write shares. It matches (errors.Is) what that
// write's error matches, so that both are reported as one cause.
type haltedError struct {
	err error
}

func (e *haltedError) Error() string {
	return "not sent: an earlier request of this run failed: " + briefError(e.err)
}

func (e *haltedError) Unwrap() error { return e.err }

// briefError is err without the advice an *amazonmusic.APIError may carry,
// which the error that met the failure first gives in full.
func briefError(err error) string {
	var apiErr *amazonmusic.APIError
	if errors.As(err, &apiErr) && apiErr.Hint != "" {
		brief := *apiErr
		brief.Hint = ""
		return brief.Error()
	}
	return err.Error()
}

// causeSummary is the summary of a diagnostic for failures of a shared
// cause, and causeAdvice what to do about it; both empty for causeOther.
func causeSummary(c failureCause) string {
	switch c {
	case causeOutcomeUnknown:
		return "Outcome unknown"
	case causeInterrupted:
		return "Interrupted"
	case causeUnauthorized:
		return "Amazon Music refused the access token"
	case causeForbidden:
		return "Amazon Music refused the API key or the token's scope"
	case causeUnreachable:
		return "The Amazon Music API is unreachable"
	}
	return ""
}

// forbiddenAdvice says what to check when the API answers 403 to the
// provider's requests.
const forbiddenAdvice = "Check api_key (" + EnvAPIKey + "): it must be the ID of a security profile that Amazon Music " +
	"enabled; and check that the access token was issued for that security profile with the music::library scope"

// causeAdvice says what to do about failures of cause c: empty when the
// error itself says it (a 401 carries the client's advice) or there is
// nothing to do.
func causeAdvice(c failureCause) string {
	switch c {
	case causeForbidden:
		return forbiddenAdvice + "."
	case causeUnreachable:
		return "Check base_url (" + EnvBaseURL + "), the network and any proxy between this machine and the API."
	}
	return ""
}

// maxListedIDs is how many ids a diagnostic names before it counts the
// rest.
const maxListedIDs = 5

// shortIDList names the first ids and counts the others:
// "B000000001, B000000002, B000000003 and 12 more".
func shortIDList(ids []string) string {
	if len(ids) <= maxListedIDs {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[:maxListedIDs], ", ") + " and " + strconv.Itoa(len(ids)-maxListedIDs) + " more"
}

// countTracks formats n tracks: "1 track", "12 tracks".
func countTracks(n int) string {
	if n == 1 {
		return "1 track"
	}
	return strconv.Itoa(n) + " tracks"
}
