package amazonmusic

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"sync"
	"time"
)

// A write (PUT, POST, DELETE or PATCH) changes the API's state: cut off on
// the wire, it may or may not have been applied, and its caller cannot
// tell which. When the caller's context is done, the client therefore lets
// a write's attempt that is on the wire finish, for up to
// Config.WriteGrace, and hands back its answer as if the context were live;
// a call that still could not learn what the API did fails with an error
// matching ErrOutcomeUnknown. A read on the wire stops at once: it changes
// nothing. Whatever the method, no attempt starts once the caller's
// context is done, and a wait for a retry or for a turn ends at once.
//
// The requests of a write run on a context detached from the caller's but
// holding its values. A writeGuard follows the current attempt through
// retryablehttp's hooks and net/http's connection trace, and cancels that
// context when the caller's is done: at once when no request is on the
// wire, after the grace when one is being sent or awaits its answer, and
// once the answer is read in full when it has arrived.

// ErrOutcomeUnknown matches (errors.Is) the error of a write call (PUT,
// POST, DELETE or PATCH) that failed after one of its attempts may have
// reached the API without a definite answer: the connection broke or timed
// out after the request was sent, or the grace after the caller's
// cancellation ended first. The API may have applied the request: read
// the resource before repeating it. The error matches the causes of the
// final failure too, such as context.Canceled or ErrUnreachable, and
// errors.As finds its *APIError when the last attempt was answered.
var ErrOutcomeUnknown = errors.New("outcome unknown: the API may have applied the request")

// isWrite reports whether a request of method changes the API's state.
func isWrite(method string) bool {
	switch method {
	case http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch:
		return true
	}
	return false
}

// attemptPhase is where the current attempt of a write stands, as the
// cancellation of its caller sees it.
type attemptPhase int

const (
	// phaseIdle: no attempt is under way (before the first, between two,
	// after the last), or the attempt began on a context already
	// cancelled, which sends nothing.
	phaseIdle attemptPhase = iota
	// phaseStarting: the attempt was handed to the http.Client, which has
	// not said yet that it looks for a connection. A transport that does
	// not report its connections stays here until the answer, and counts
	// as sending.
	phaseStarting
	// phaseConnecting: the transport looks for a connection; nothing is
	// sent yet.
	phaseConnecting
	// phaseSending: the transport has a connection: the request is being
	// sent or awaits its answer.
	phaseSending
	// phaseReading: the answer's headers arrived; its body is being read.
	phaseReading
)

// writeGuard carries one write call through the end of its caller's
// context. It is safe for concurrent use: the caller's cancellation, the
// grace timer and the transport's trace run on their own goroutines.
type writeGuard struct {
	cl     *call
	logger Logger
	grace  time.Duration
	// cancel ends the detached context the call's requests run on.
	cancel context.CancelFunc
	// stopWatch stops watching the caller's context.
	stopWatch func() bool

	mu    sync.Mutex
	phase attemptPhase
	// callerDone is set once the caller's context is done.
	callerDone bool
	// released is set when the call has returned.
	released bool
	// graceTimer cancels the requests when the grace ends; nil when it
	// is not running.
	graceTimer *time.Timer
	// unknown is set once an attempt may have reached the API without a
	// definite answer.
	unknown bool
}

// newWriteGuard returns the context the requests of the write cl run on,
// detached from cl.caller but holding its values, and the guard that
// cancels it. cl.caller must not be done yet. The guard's release must be
// called when the call returns.
func newWriteGuard(cl *call, grace time.Duration, logger Logger) (context.Context, *writeGuard) {
	detached, cancel := context.WithCancel(context.WithoutCancel(cl.caller))
	g := &writeGuard{cl: cl, logger: logger, grace: grace, cancel: cancel}
	ctx := httptrace.WithClientTrace(detached, &httptrace.ClientTrace{
		GetConn: g.connecting,
		GotConn: g.connected,
	})
	g.stopWatch = context.AfterFunc(cl.caller, g.callerEnded)
	return ctx, g
}

// release ends the guard when the call returns: it stops watching the
// caller's context and cancels the requests' context, whose answers were
// read in full.
func (g *writeGuard) release() {
	g.stopWatch()
	g.mu.Lock()
	g.released = true
	g.stopGrace()
	g.mu.Unlock()
	g.cancel()
}

// callerEnded runs once the caller's context is done. It cancels the
// requests at once when none is on the wire, after the grace when one is
// being sent or awaits its answer, and leaves an answer being read to
// attemptEnded.
func (g *writeGuard) callerEnded() {
	g.mu.Lock()
	if g.released {
		g.mu.Unlock()
		return
	}
	g.callerDone = true
	graceStarted := false
	switch g.phase {
	case phaseStarting, phaseSending:
		if g.grace > 0 {
			g.graceTimer = time.AfterFunc(g.grace, g.cancel)
			graceStarted = true
		} else {
			g.cancel()
		}
	case phaseReading:
		// The answer has arrived: attemptEnded cancels once it is read.
	default:
		g.cancel()
	}
	g.mu.Unlock()

	if graceStarted && g.logger != nil {
		g.logger.Info(g.cl.caller, "the call was canceled while its write was on the wire; letting the write finish",
			"method", g.cl.method, "path", g.cl.path, "grace", g.grace.String())
	}
}

// attemptStarting marks the start of an attempt (retryablehttp's
// RequestLogHook). An attempt that starts once the caller's context is
// done stays idle: its context is cancelled, and it fails before sending
// anything.
func (g *writeGuard) attemptStarting() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.callerDone {
		g.phase = phaseStarting
	}
}

// connecting is the trace's GetConn: the transport looks for a connection,
// and has sent nothing yet. When the caller's context is done, the
// requests are cancelled at once, grace or not. The next hop of a
// redirect keeps the phase of the first.
func (g *writeGuard) connecting(string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.phase != phaseStarting {
		return
	}
	g.phase = phaseConnecting
	if g.callerDone {
		g.stopGrace()
		g.cancel()
	}
}

// connected is the trace's GotConn: the request is about to be sent.
func (g *writeGuard) connected(httptrace.GotConnInfo) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.phase == phaseStarting || g.phase == phaseConnecting {
		g.phase = phaseSending
	}
}

// answered marks the arrival of an answer's headers: the grace stops, so
// that the body can be read (within the http.Client's Timeout).
func (g *writeGuard) answered() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopGrace()
	if g.phase != phaseIdle {
		g.phase = phaseReading
	}
}

// attemptEnded marks the end of an attempt whose answer, if any, is read
// in full. lost tells that the attempt failed without a definite answer;
// if it had begun to send, the call's outcome is unknown. Once the
// caller's context is done, the requests are cancelled.
func (g *writeGuard) attemptEnded(lost bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if lost && g.phase != phaseIdle && g.phase != phaseConnecting {
		g.unknown = true
	}
	g.phase = phaseIdle
	g.stopGrace()
	if g.callerDone {
		g.cancel()
	}
}

// outcomeUnknown reports whether an attempt of the call may have reached
// the API without a definite answer.
func (g *writeGuard) outcomeUnknown() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.unknown
}

// stopGrace stops the grace timer. g.mu must be held.
func (g *writeGuard) stopGrace() {
	if g.graceTimer != nil {
		g.graceTimer.Stop()
		g.graceTimer = nil
	}
}

// checkFunc is a retryablehttp.CheckRetry.
type checkFunc = func(ctx context.Context, resp *http.Response, err error) (bool, error)

// settleWrites returns a retryablehttp.CheckRetry that applies check to
// each attempt and, for a write, keeps its guard up to date: the answer's
// headers end the grace, the answer is read in full before the attempt
// counts as over, and an attempt lost after it began to send makes the
// outcome unknown; a POST so lost is not repeated. Once the caller's
// context is done, a write is not retried: an answer is handed back as it
// is, whatever its status, and an attempt without one ends the call with
// the context's error.
func settleWrites(check checkFunc) checkFunc {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		cl := callFrom(ctx)
		if cl == nil || cl.write == nil {
			return check(ctx, resp, err)
		}
		g := cl.write
		answered := err == nil && resp != nil
		if answered {
			g.answered()
		}
		// check reads the body of a success; the body of any other
		// answer is read here, while the request's context is live.
		retry, checkErr := check(ctx, resp, err)
		if answered && checkErr == nil && !successStatus(resp.StatusCode) {
			bufferErrorBody(resp)
		}
		lost := (err != nil || checkErr != nil) && !nothingSent(err)
		g.attemptEnded(lost)
		if lost && cl.method == http.MethodPost {
			// A POST creates: repeated after an attempt that may have
			// reached the API, it could create twice.
			return false, errors.Join(err, checkErr)
		}

		if callerErr := cl.caller.Err(); callerErr != nil {
			if answered && checkErr == nil {
				return false, nil
			}
			return false, callerErr
		}
		return retry, checkErr
	}
}

// successStatus reports whether status is in the 2xx range.
func successStatus(status int) bool {
	return status >= 200 && status <= 299
}

// nothingSent reports whether err, the failure of an attempt, shows that
// the request never left: the connection could not be made (a dial error:
// refused, no route, unknown host) or the attempt failed before sending
// for a reason no retry cures (an untrusted certificate, a malformed
// request: see permanentNetError).
func nothingSent(err error) bool {
	if err == nil {
		return false
	}
	var opErr *net.OpError
	return (errors.As(err, &opErr) && opErr.Op == "dial") || permanentNetError(err)
}

// bufferErrorBody replaces the body of resp, an answer that is not a
// success, with its first maxErrorBodyBytes (all that an APIError keeps),
// so that it survives the cancellation of the request. A failure to read
// is met again after the bytes that were read.
func bufferErrorBody(resp *http.Response) {
	if resp.Body == nil || resp.Body == http.NoBody {
		return
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	resp.Body.Close()
	resp.Body = &bufferedBody{r: bytes.NewReader(body), err: err}
}

// bufferedBody is a body read in advance: its bytes, then the error that
// ended the reading, or io.EOF.
type bufferedBody struct {
	r   *bytes.Reader
	err error
}

func (b *bufferedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF && b.err != nil {
		return n, b.err
	}
	return n, err
}

func (b *bufferedBody) Close() error { return nil }

// outcomeUnknownError is the failure of a write call one of whose attempts
// may have reached the API without a definite answer. It matches
// ErrOutcomeUnknown, and through Unwrap the failure's own causes.
type outcomeUnknownError struct {
	err error
}

// Error formats the error as the failure followed by
// "(outcome unknown: the API may have applied the request)".
func (e *outcomeUnknownError) Error() string {
	return e.err.Error() + " (" + ErrOutcomeUnknown.Error() + ")"
}

func (e *outcomeUnknownError) Unwrap() error { return e.err }

// Is reports whether target is ErrOutcomeUnknown.
func (e *outcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }
