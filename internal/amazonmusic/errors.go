package amazonmusic

import (
	"encoding/json"
	"errors"
	"html"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinels of the API's answers, matched with errors.Is against an
// *APIError of that status wherever it is wrapped.
var (
	// ErrNotFound matches an APIError with HTTP status 404.
	ErrNotFound = errors.New("not found")
	// ErrUnauthorized matches an APIError with HTTP status 401: the API
	// refused the access token (missing, expired or revoked) or the API key.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrForbidden matches an APIError with HTTP status 403: the
	// credentials are valid but lack the right, such as a scope, to do
	// the request.
	ErrForbidden = errors.New("forbidden")
	// ErrMethodNotAllowed matches an APIError with HTTP status 405: the
	// endpoint exists but does not take the request's method, as when an
	// account's API lacks an endpoint the client assumes.
	ErrMethodNotAllowed = errors.New("method not allowed")
)

// ErrCursorLoop is returned when a paged listing hands back a cursor that was
// already used.
var ErrCursorLoop = errors.New("the API returned a page cursor that was already used")

// ShapeError is a successful answer of a paged listing that lacks the
// collection the client expects, such as an answer in the Web API V2's shape
// ({"items": [...], "nextToken": "..."}) where V1's data.user.<key> was
// expected.
type ShapeError struct {
	// Method and Path of the request (path without query).
	Method string
	Path   string
	// Missing is the JSON path the answer lacks, such as "data.user" or
	// "data.user.tracks.pageInfo.hasNextPage".
	Missing string
}

// Error formats the error as
// "unexpected response from GET /v1/me/library/tracks: no data.user".
func (e *ShapeError) Error() string {
	return "unexpected response from " + e.Method + " " + e.Path + ": no " + e.Missing
}

// APIError is an answer of the API with a status of 400 or above.
type APIError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code and Message come from the error body
	// {"error": {"status": "403", "code": "...", "message": "..."}}; for a
	// body that is not such JSON, Code is empty and Message describes the
	// body (its content type and a short, printable excerpt).
	Code    string
	Message string
	// Method and Path of the request that failed (path without query).
	Method string
	Path   string
	// Attempts is how many times the request was sent (more than one when
	// the answer was retried).
	Attempts int
	// Hint is the next step the client suggests, for a 401 the way to keep
	// access tokens valid; empty when it has none.
	Hint string
}

// Error formats the error as
// "PUT /v1/me/library/tracks/B000000000: HTTP 404 NOT_FOUND: Track not found".
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteByte(' ')
		b.WriteString(e.Code)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Attempts > 1 {
		b.WriteString(" (after ")
		b.WriteString(plural(e.Attempts, "attempt"))
		b.WriteByte(')')
	}
	if e.Hint != "" {
		b.WriteString(". ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Is reports whether target is the sentinel of the error's status:
// ErrNotFound for 404, ErrUnauthorized for 401, ErrForbidden for 403 and
// ErrMethodNotAllowed for 405.
func (e *APIError) Is(target error) bool {
	// A switch, not a map: target may be of a type that cannot be hashed.
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrMethodNotAllowed:
		return e.StatusCode == http.StatusMethodNotAllowed
	}
	return false
}

// Bounds of what an APIError keeps of an error body.
const (
	maxErrorBodyBytes = 64 << 10
	maxExcerptRunes   = 200
	maxMessageRunes   = 1000
	maxCodeRunes      = 100
)

// newAPIError builds the APIError of resp, reading at most maxErrorBodyBytes
// of its body.
func newAPIError(resp *http.Response, method, path string, attempts int) *APIError {
	body, readErr := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
	code, message := parseErrorBody(resp.StatusCode, resp.Header.Get("Content-Type"), body)
	if readErr != nil && code == "" {
		message += " (reading the body failed: " + sanitize(readErr.Error(), maxExcerptRunes) + ")"
	}
	return &APIError{
		StatusCode: resp.StatusCode,
		Code:       code,
		Message:    message,
		Method:     method,
		Path:       path,
		Attempts:   attempts,
	}
}

// errorBody is the API's error shape. The top-level message is what an API
// gateway in front of the service answers on its own ({"message":"Forbidden"}).
type errorBody struct {
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Message string `json:"message"`
}

// parseErrorBody returns the code and message of an error answer. A body of
// the API's error shape gives its code and message; any other body gives a
// description: status text, content type and a short printable excerpt.
func parseErrorBody(status int, contentType string, body []byte) (code, message string) {
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		if eb.Error != nil {
			code, message = sanitize(eb.Error.Code, maxCodeRunes), sanitize(eb.Error.Message, maxMessageRunes)
		} else {
			message = sanitize(eb.Message, maxMessageRunes)
		}
		// A code or message with no printable text says nothing: describe
		// the body instead.
		if code != "" || message != "" {
			return code, message
		}
	}
	return "", describeBody(status, contentType, body)
}

// describeBody summarises a body that is not the API's error JSON, e.g.
// "Bad Gateway (text/html): 502 Bad Gateway nginx".
func describeBody(status int, contentType string, body []byte) string {
	text := http.StatusText(status)
	if text == "" {
		text = "HTTP status " + strconv.Itoa(status)
	}
	if len(strings.TrimSpace(string(body))) == 0 {
		return text + " (empty body)"
	}
	excerpt := bodyExcerpt(contentType, body)
	if excerpt == "" {
		return text + " (" + describeContentType(contentType) + ", no printable text)"
	}
	return text + " (" + describeContentType(contentType) + "): " + excerpt
}

// describeContentType names a Content-Type for a message, without parameters.
func describeContentType(contentType string) string {
	if contentType == "" {
		return "no content type"
	}
	if media, _, err := mime.ParseMediaType(contentType); err == nil {
		contentType = media
	}
	return sanitize(contentType, 60)
}

var (
	htmlHiddenRE = regexp.MustCompile(`(?is)<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->`)
	htmlTagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
)

// bodyExcerpt returns the start of body as one line of printable text; HTML
// loses its tags, scripts and styles.
func bodyExcerpt(contentType string, body []byte) string {
	text := string(body)
	if looksLikeHTML(contentType, text) {
		text = htmlHiddenRE.ReplaceAllString(text, " ")
		text = htmlTagRE.ReplaceAllString(text, " ")
		text = html.UnescapeString(text)
	}
	return sanitize(text, maxExcerptRunes)
}

// looksLikeHTML reports whether a body is HTML by its type or first byte.
func looksLikeHTML(contentType, body string) bool {
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	return strings.HasPrefix(strings.TrimSpace(body), "<")
}

// sanitize makes s one line of printable text: invalid UTF-8 and control
// characters become spaces, runs of white space collapse, and text beyond
// maxRunes is cut with "...".
func sanitize(s string, maxRunes int) string {
	var b strings.Builder
	b.Grow(min(len(s), 4*maxRunes+3))
	n := 0
	space := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if (r == utf8.RuneError && size <= 1) || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = n > 0
			continue
		}
		if n == maxRunes {
			b.WriteString("...")
			return b.String()
		}
		if space {
			if n+1 == maxRunes {
				b.WriteString("...")
				return b.String()
			}
			b.WriteByte(' ')
			n++
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
