package amazonmusic_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

func TestAPIErrorFormatsItsParts(t *testing.T) {
	tests := []struct {
		err  amazonmusic.APIError
		want string
	}{
		{
			err:  amazonmusic.APIError{StatusCode: 404, Code: "NOT_FOUND", Message: "Track not found", Method: "PUT", Path: "/v1/me/library/tracks/B000000000", Attempts: 1},
			want: "PUT /v1/me/library/tracks/B000000000: HTTP 404 NOT_FOUND: Track not found",
		},
		{
			err:  amazonmusic.APIError{StatusCode: 502, Message: "Bad Gateway (text/html): 502 Bad Gateway", Method: "GET", Path: "/v1/me/playlists", Attempts: 5},
			want: "GET /v1/me/playlists: HTTP 502: Bad Gateway (text/html): 502 Bad Gateway (after 5 attempts)",
		},
		{
			err:  amazonmusic.APIError{StatusCode: 403, Code: "FORBIDDEN", Method: "GET", Path: "/v1/me/playlists"},
			want: "GET /v1/me/playlists: HTTP 403 FORBIDDEN",
		},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestAPIErrorIsNotFoundOnlyFor404(t *testing.T) {
	for status, want := range map[int]bool{404: true, 400: false, 403: false, 410: false, 500: false} {
		err := fmt.Errorf("wrapped: %w", &amazonmusic.APIError{StatusCode: status})
		if got := errors.Is(err, amazonmusic.ErrNotFound); got != want {
			t.Errorf("errors.Is(HTTP %d, ErrNotFound) = %t, want %t", status, got, want)
		}
	}
	if errors.Is(&amazonmusic.APIError{StatusCode: 404}, amazonmusic.ErrCursorLoop) {
		t.Error("a 404 matches ErrCursorLoop")
	}
}

func TestAPIErrorMatchesTheSentinelOfItsStatusOnly(t *testing.T) {
	sentinels := map[error]int{
		amazonmusic.ErrUnauthorized:     http.StatusUnauthorized,
		amazonmusic.ErrForbidden:        http.StatusForbidden,
		amazonmusic.ErrNotFound:         http.StatusNotFound,
		amazonmusic.ErrMethodNotAllowed: http.StatusMethodNotAllowed,
	}
	for _, status := range []int{400, 401, 403, 404, 405, 409, 429, 500} {
		err := fmt.Errorf("wrapped: %w", &amazonmusic.APIError{StatusCode: status})
		for sentinel, sentinelStatus := range sentinels {
			if got, want := errors.Is(err, sentinel), status == sentinelStatus; got != want {
				t.Errorf("errors.Is(HTTP %d, %v) = %t, want %t", status, sentinel, got, want)
			}
		}
	}
	for _, other := range []error{amazonmusic.ErrCursorLoop, amazonmusic.ErrUnreachable, amazonmusic.ErrOutcomeUnknown, errors.New("forbidden")} {
		if errors.Is(&amazonmusic.APIError{StatusCode: 403}, other) {
			t.Errorf("a 403 matches %v", other)
		}
	}
}

func TestAnswersOfTheAPIMatchTheirSentinels(t *testing.T) {
	for _, tt := range []struct {
		status   int
		sentinel error
	}{
		{http.StatusUnauthorized, amazonmusic.ErrUnauthorized},
		{http.StatusForbidden, amazonmusic.ErrForbidden},
		{http.StatusNotFound, amazonmusic.ErrNotFound},
		{http.StatusMethodNotAllowed, amazonmusic.ErrMethodNotAllowed},
	} {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				writeBody(w, tt.status, "application/json", fmt.Sprintf(`{"error":{"status":"%d","code":"X","message":"refused"}}`, tt.status))
			})
			_, err := client.LibraryTracksPage(t.Context(), 10, "")
			if !errors.Is(err, tt.sentinel) {
				t.Errorf("err = %v, want one matching %v", err, tt.sentinel)
			}
		})
	}
}

func TestErrorBodiesBecomeReadableMessages(t *testing.T) {
	gatewayPage := "<html>\r\n<head><title>502 Bad Gateway</title><style>body { color: red; }</style>" +
		"<script>var secretSauce = 1;</script></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n" +
		"<!-- upstream 10.0.0.1 --><hr><center>nginx &amp; friends</center>\r\n</body>\r\n</html>\r\n"
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		wantCode    string
		wantMessage string
	}{
		{
			name: "API error JSON", status: 403, contentType: "application/json",
			body:     `{"error":{"status":"403","code":"INSUFFICIENT_SCOPE","message":"the token lacks music::library"}}`,
			wantCode: "INSUFFICIENT_SCOPE", wantMessage: "the token lacks music::library",
		},
		{
			name: "API error JSON with numeric status and extra fields", status: 422, contentType: "application/json; charset=utf-8",
			body:     `{"error":{"status":422,"code":"UNPROCESSABLE","message":"nope","details":[{"field":"id"}]},"requestId":"r-1"}`,
			wantCode: "UNPROCESSABLE", wantMessage: "nope",
		},
		{
			name: "gateway JSON", status: 403, contentType: "application/json",
			body:        `{"message":"Forbidden"}`,
			wantMessage: "Forbidden",
		},
		{
			name: "HTML gateway page", status: 502, contentType: "text/html",
			body:        gatewayPage,
			wantMessage: "Bad Gateway (text/html): 502 Bad Gateway 502 Bad Gateway nginx & friends",
		},
		{
			name: "HTML without content type", status: 504,
			body:        "<html><body><h1>504 Gateway Time-out</h1>\n\n\tThe server didn't respond in time.</body></html>",
			wantMessage: "Gateway Timeout (no content type): 504 Gateway Time-out The server didn't respond in time.",
		},
		{
			name: "empty body", status: 503, contentType: "application/json",
			wantMessage: "Service Unavailable (empty body)",
		},
		{
			name: "blank body", status: 500,
			body:        " \r\n ",
			wantMessage: "Internal Server Error (empty body)",
		},
		{
			name: "truncated JSON", status: 500, contentType: "application/json",
			body:        `{"error":{"status":"500","code":"INTER`,
			wantMessage: `Internal Server Error (application/json): {"error":{"status":"500","code":"INTER`,
		},
		{
			name: "JSON of another shape", status: 400, contentType: "application/json",
			body:        `{"errors":[{"msg":"bad limit"}]}`,
			wantMessage: `Bad Request (application/json): {"errors":[{"msg":"bad limit"}]}`,
		},
		{
			name: "JSON error object without code or message", status: 400, contentType: "application/json",
			body:        `{"error":{"status":"400"}}`,
			wantMessage: `Bad Request (application/json): {"error":{"status":"400"}}`,
		},
		{
			name: "plain text with control characters", status: 429, contentType: "text/plain",
			body:        "slow\x00 down\x1b[31m now\n",
			wantMessage: "Too Many Requests (text/plain): slow down [31m now",
		},
		{
			name: "binary", status: 500, contentType: "application/octet-stream",
			body:        "\xff\xfe\x00\x01",
			wantMessage: "Internal Server Error (application/octet-stream, no printable text)",
		},
		{
			name: "unknown status", status: 499, contentType: "text/plain",
			body:        "client closed request",
			wantMessage: "HTTP status 499 (text/plain): client closed request",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeBody(w, tt.status, tt.contentType, tt.body)
			}, func(cfg *amazonmusic.Config) { cfg.MaxRetries = 0 })

			_, err := client.PlaylistsPage(t.Context(), 10, "")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Code != tt.wantCode || apiErr.Message != tt.wantMessage {
				t.Errorf("APIError = HTTP %d, code %q, message %q\nwant HTTP %d, code %q, message %q",
					apiErr.StatusCode, apiErr.Code, apiErr.Message, tt.status, tt.wantCode, tt.wantMessage)
			}
			if apiErr.Method != http.MethodGet || apiErr.Path != "/v1/me/playlists" {
				t.Errorf("APIError names %s %s, want GET /v1/me/playlists (without query)", apiErr.Method, apiErr.Path)
			}
			if strings.Contains(err.Error(), "secretSauce") || strings.Contains(err.Error(), "10.0.0.1") {
				t.Errorf("error %q shows a script or comment of the page", err)
			}
			if rec.count() != 1 {
				t.Errorf("server received %d requests, want 1", rec.count())
			}
		})
	}
}

func TestLongErrorBodyIsCutToAShortPrintableExcerpt(t *testing.T) {
	body := "<html><body>" + strings.Repeat("Something went wrong.\n ", 5000) + "</body></html>"
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeBody(w, http.StatusBadGateway, "text/html; charset=utf-8", body)
	}, func(cfg *amazonmusic.Config) { cfg.MaxRetries = 0 })

	_, err := client.PlaylistsPage(t.Context(), 10, "")
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	excerpt, ok := strings.CutPrefix(apiErr.Message, "Bad Gateway (text/html): ")
	if !ok {
		t.Fatalf("Message = %q, want status text and content type first", apiErr.Message)
	}
	if n := utf8.RuneCountInString(excerpt); n > 203 || !strings.HasSuffix(excerpt, "...") {
		t.Errorf("excerpt has %d runes (%q), want at most 200 and a final ...", n, excerpt)
	}
	if !strings.HasPrefix(excerpt, "Something went wrong. Something went wrong.") {
		t.Errorf("excerpt = %q, want the page's text with white space collapsed", excerpt)
	}
	for _, r := range apiErr.Message {
		if !unicode.IsPrint(r) {
			t.Errorf("Message holds the unprintable %U", r)
		}
	}
}
