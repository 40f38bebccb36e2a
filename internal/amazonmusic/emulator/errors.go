package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Codes of the error bodies the emulator answers with.
const (
	// CodeMissingAPIKey (403): the request has no x-api-key header.
	CodeMissingAPIKey = "MISSING_API_KEY"
	// CodeInvalidAPIKey (403): the x-api-key header is not the accepted one.
	CodeInvalidAPIKey = "INVALID_API_KEY"
	// CodeMissingAccessToken (401): no Authorization header, or one that is
	// not "Bearer <token>".
	CodeMissingAccessToken = "MISSING_ACCESS_TOKEN"
	// CodeInvalidAccessToken (401): the bearer token is not the accepted one
	// (the API's answer to an expired token).
	CodeInvalidAccessToken = "INVALID_ACCESS_TOKEN"
	// CodeInvalidParameter (400): a query parameter (limit, cursor) is invalid.
	CodeInvalidParameter = "INVALID_PARAMETER"
	// CodeNotFound (404): unknown catalog id or unknown path.
	CodeNotFound = "NOT_FOUND"
	// CodeMethodNotAllowed (405): the path does not support the method.
	CodeMethodNotAllowed = "METHOD_NOT_ALLOWED"
	// CodeThrottled (429): answered by a Fault with Status 429, and to the
	// requests beyond Options.RateLimit.
	CodeThrottled = "THROTTLED"
	// CodeServiceUnavailable (503): the context of a read ended while the
	// emulator was waiting (latency or a fault's delay); a write waits in
	// full.
	CodeServiceUnavailable = "SERVICE_UNAVAILABLE"
)

// errorBody is the API's error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Status  string `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// writeError answers status with the API's JSON error body.
func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, errorBody{Error: errorDetail{
		Status:  strconv.Itoa(status),
		Code:    code,
		Message: message,
	}})
}

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Every answer is built from the emulator's own types: this is a bug.
		panic("emulator: encoding an answer: " + err.Error())
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeNoEndpoint answers 404 for a path that names no endpoint.
func writeNoEndpoint(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, CodeNotFound, "no endpoint at "+quote(r.URL.Path))
}

// writeMethodNotAllowed answers 405 and lists the allowed methods in the
// Allow header and the message. With none, the Allow header is empty, as
// for an endpoint the API does not have (see Options.CreatePlaylistStatus).
func writeMethodNotAllowed(w http.ResponseWriter, r *http.Request, allowed ...string) {
	w.Header().Set("Allow", strings.Join(allowed, ", "))
	message := "method " + quote(r.Method) + " is not allowed on " + quote(r.URL.Path)
	if len(allowed) > 0 {
		message += "; allowed: " + strings.Join(allowed, ", ")
	}
	writeError(w, http.StatusMethodNotAllowed, CodeMethodNotAllowed, message)
}

// writeCanceled answers a read whose context ended while the emulator was
// waiting. A client that gave up never reads it; a server shutting down
// hands it to the client still waiting.
func writeCanceled(w http.ResponseWriter) {
	writeError(w, http.StatusServiceUnavailable, CodeServiceUnavailable,
		"the request ended before the emulator answered")
}

// maxQuoted bounds how much of a client-supplied value goes into a message.
const maxQuoted = 64

// quote returns s quoted for a message, shortened when long.
func quote(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}
