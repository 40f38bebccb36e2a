package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is an answer injected in place of the normal one. Faults stand in
// for the gateway in front of the API: they are applied before credentials
// are checked.
//
// The answer's body depends on Body. By default it is the API's JSON error
// body, with code THROTTLED for 429, INVALID_ACCESS_TOKEN for 401 and the
// status text in upper snake case otherwise (INTERNAL_SERVER_ERROR,
// SERVICE_UNAVAILABLE, ...); 502 and 504 answer a gateway's HTML page
// instead (Content-Type text/html), to exercise the handling of non-JSON
// errors. The other FaultBody kinds answer malformed bodies.
//
// Status is 400 to 599; or 200 with a malformed Body (any kind but
// FaultBodyDefault and FaultBodyJSON), a success the client cannot use; or
// 0: a Fault with Status 0 and a Delay answers normally after the delay, a
// slow request rather than a failed one. A fault answered in place of the
// endpoint leaves the library as it was, whatever its status.
type Fault struct {
	Method     string        // match only this method ("" for any)
	PathPrefix string        // match only paths with this prefix ("" for any)
	Status     int           // status to answer with (429, 500, 503, 200, ...)
	RetryAfter string        // Retry-After header value, none when empty
	Delay      time.Duration // wait before answering
	Times      int           // how many matching requests get the fault (>=1)

	// Code replaces the default error code of a JSON body (for example
	// "INSUFFICIENT_SCOPE" with Status 403).
	Code string
	// Body chooses the kind of body; FaultBodyDefault when zero.
	Body FaultBody
}

// FaultBody is the kind of body a Fault answers with.
type FaultBody int

const (
	// FaultBodyDefault is HTML for 502 and 504 and JSON for other statuses.
	FaultBodyDefault FaultBody = iota
	// FaultBodyJSON is the API's error body
	// {"error":{"status":"...","code":"...","message":"..."}}.
	FaultBodyJSON
	// FaultBodyHTML is a gateway's HTML error page (Content-Type text/html).
	FaultBodyHTML
	// FaultBodyEmpty is no body at all.
	FaultBodyEmpty
	// FaultBodyTruncatedJSON is the first half of a JSON body, sent whole
	// (Content-Length matches): the JSON ends too early. The JSON is the
	// API's error body for an error status, and for 200 an answer of the
	// endpoint's shape.
	FaultBodyTruncatedJSON
	// FaultBodyWrongTypes is well-formed JSON of the expected shape whose
	// values have the wrong types (a number or a boolean where a string
	// belongs, a string where a boolean belongs, an object where a list
	// belongs).
	FaultBodyWrongTypes
	// FaultBodyOversized is a well-formed JSON body of OversizedBodyBytes,
	// larger than any client should accept.
	FaultBodyOversized
	// FaultBodyCutOff announces a JSON body in Content-Length, sends its
	// first half and closes the connection: the client reads an unexpected
	// end of the body, as when a connection is lost mid-answer.
	FaultBodyCutOff
)

// OversizedBodyBytes is the length of a FaultBodyOversized body: 32 MiB.
const OversizedBodyBytes = 32 << 20

// String names the kind of body, as in "truncated JSON".
func (b FaultBody) String() string {
	switch b {
	case FaultBodyDefault:
		return "default"
	case FaultBodyJSON:
		return "JSON"
	case FaultBodyHTML:
		return "HTML"
	case FaultBodyEmpty:
		return "empty"
	case FaultBodyTruncatedJSON:
		return "truncated JSON"
	case FaultBodyWrongTypes:
		return "wrong types"
	case FaultBodyOversized:
		return "oversized"
	case FaultBodyCutOff:
		return "cut off"
	}
	return "FaultBody(" + strconv.Itoa(int(b)) + ")"
}

// malformed reports whether b is a kind that a 200 answer may carry.
func (b FaultBody) malformed() bool {
	return b >= FaultBodyHTML && b <= FaultBodyCutOff
}

// InjectFaults queues faults; each matching request consumes one. A request
// is matched against the queue in order and takes the first fault whose
// Method and PathPrefix fit; that fault leaves the queue after Times
// requests (Times below 1 counts as 1). It panics on a Status that is
// neither 0, 200 nor in 400..599, on a 200 without a malformed Body, and on
// an unknown Body.
func (e *Emulator) InjectFaults(faults ...Fault) {
	for _, f := range faults {
		switch {
		case f.Status != 0 && f.Status != http.StatusOK && (f.Status < 400 || f.Status > 599):
			panic(fmt.Sprintf("emulator: fault status %d is not 0, 200 nor in 400..599", f.Status))
		case f.Body != FaultBodyDefault && f.Body != FaultBodyJSON && !f.Body.malformed():
			panic(fmt.Sprintf("emulator: unknown fault body %v", f.Body))
		case f.Status == http.StatusOK && !f.Body.malformed():
			panic("emulator: a fault with status 200 needs a malformed Body, such as FaultBodyTruncatedJSON")
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, f := range faults {
		f.Times = max(f.Times, 1)
		f.Delay = max(f.Delay, 0)
		e.faults = append(e.faults, f)
	}
}

// ClearFaults drops every queued fault.
func (e *Emulator) ClearFaults() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.faults = nil
}

// PendingFaults returns how many requests the queued faults will still
// answer (the sum of their remaining Times).
func (e *Emulator) PendingFaults() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, f := range e.faults {
		n += f.Times
	}
	return n
}

// takeFault consumes one use of the first queued fault matching r.
func (e *Emulator) takeFault(r *http.Request) (Fault, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range e.faults {
		f := &e.faults[i]
		if f.Method != "" && f.Method != r.Method {
			continue
		}
		if !strings.HasPrefix(r.URL.Path, f.PathPrefix) {
			continue
		}
		taken := *f
		f.Times--
		if f.Times == 0 {
			e.faults = append(e.faults[:i], e.faults[i+1:]...)
		}
		return taken, true
	}
	return Fault{}, false
}
