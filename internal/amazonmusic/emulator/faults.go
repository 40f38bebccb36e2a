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
// errors.
//
// Status is 400 to 599, or 0: a Fault with Status 0 and a Delay answers
// normally after the delay, a slow request rather than a failed one.
type Fault struct {
	Method     string        // match only this method ("" for any)
	PathPrefix string        // match only paths with this prefix ("" for any)
	Status     int           // status to answer with (429, 500, 503, ...)
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
)

// InjectFaults queues faults; each matching request consumes one. A request
// is matched against the queue in order and takes the first fault whose
// Method and PathPrefix fit; that fault leaves the queue after Times
// requests (Times below 1 counts as 1). It panics on a Status that is
// neither 0 nor in 400..599.
func (e *Emulator) InjectFaults(faults ...Fault) {
	for _, f := range faults {
		if f.Status != 0 && (f.Status < 400 || f.Status > 599) {
			panic(fmt.Sprintf("emulator: fault status %d is not 0 nor in 400..599", f.Status))
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

// writeFault answers f.
func writeFault(w http.ResponseWriter, f Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	body := f.Body
	if body == FaultBodyDefault {
		body = FaultBodyJSON
		if f.Status == http.StatusBadGateway || f.Status == http.StatusGatewayTimeout {
			body = FaultBodyHTML
		}
	}
	switch body {
	case FaultBodyHTML:
		page := gatewayPage(f.Status)
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(page))
	case FaultBodyEmpty:
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(f.Status)
	default:
		code := f.Code
		if code == "" {
			code = faultCode(f.Status)
		}
		writeError(w, f.Status, code, faultMessage(f.Status))
	}
}

// faultCode is the default error code of a fault's status.
func faultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return CodeThrottled
	case http.StatusUnauthorized:
		return CodeInvalidAccessToken
	}
	text := http.StatusText(status)
	if text == "" {
		return "ERROR"
	}
	var b strings.Builder
	for _, c := range strings.ToUpper(text) {
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '-':
			b.WriteByte('_')
		}
	}
	return b.String()
}

// faultMessage is the message of a fault's JSON body.
func faultMessage(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Rate exceeded"
	case http.StatusUnauthorized:
		return "the access token is invalid or has expired"
	}
	if text := http.StatusText(status); text != "" {
		return text
	}
	return "HTTP status " + strconv.Itoa(status)
}

// gatewayPage is the HTML page a gateway answers a failure with.
func gatewayPage(status int) string {
	title := strconv.Itoa(status)
	if text := http.StatusText(status); text != "" {
		title += " " + text
	}
	return "<html>\r\n<head><title>" + title + "</title></head>\r\n" +
		"<body>\r\n<center><h1>" + title + "</h1></center>\r\n" +
		"</body>\r\n</html>\r\n"
}
