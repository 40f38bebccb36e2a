package emulator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// longWait is a latency or delay no test waits out: long enough that an
// emulator ignoring cancellation fails the test's own 5 s deadline, short
// enough that such a broken emulator does not hang the test binary.
const longWait = 30 * time.Second

// answer is one response read in full.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// start serves a new emulator on a loopback test server.
func start(t *testing.T, opts emulator.Options) (*emulator.Emulator, *httptest.Server) {
	t.Helper()
	e := emulator.New(opts)
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return e, srv
}

// withDefaultCredentials sets the credentials the emulator accepts by default.
func withDefaultCredentials(r *http.Request) {
	r.Header.Set("x-api-key", emulator.DefaultAPIKey)
	r.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
}

// send sends one request with the default credentials.
func send(t *testing.T, srv *httptest.Server, method, path string) answer {
	t.Helper()
	return sendWith(t, srv, method, path, withDefaultCredentials)
}

// sendWith sends one request after prepare has set its headers.
func sendWith(t *testing.T, srv *httptest.Server, method, path string, prepare func(*http.Request)) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, nil)
	if err != nil {
		t.Fatalf("building %s %s: %v", method, path, err)
	}
	if prepare != nil {
		prepare(req)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer of %s %s: %v", method, path, err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: body}
}

// apiError is the error body as the API documents it.
type apiError struct {
	Status  string
	Code    string
	Message string
}

// mustAPIError checks that a is status with exactly the API's error body,
// {"error":{"status":"<status>","code":"...","message":"..."}}, and returns
// the error.
func mustAPIError(t *testing.T, a answer, status int) apiError {
	t.Helper()
	if a.status != status {
		t.Fatalf("status = %d, want %d (body %s)", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body map[string]map[string]any
	if err := json.Unmarshal(a.body, &body); err != nil {
		t.Fatalf("error body %s is not the API's error JSON: %v", a.body, err)
	}
	if len(body) != 1 || body["error"] == nil {
		t.Fatalf("error body %s must hold exactly the key \"error\"", a.body)
	}
	detail := body["error"]
	var e apiError
	for key, dst := range map[string]*string{"status": &e.Status, "code": &e.Code, "message": &e.Message} {
		s, ok := detail[key].(string)
		if !ok || s == "" {
			t.Fatalf("error body %s: %q must be a non-empty string", a.body, key)
		}
		*dst = s
	}
	if len(detail) != 3 {
		t.Errorf("error body %s has keys beyond status, code and message", a.body)
	}
	if want := fmt.Sprint(status); e.Status != want {
		t.Errorf("error status = %q, want %q", e.Status, want)
	}
	return e
}

// assertJSONEqual compares two JSON documents semantically.
func assertJSONEqual(t *testing.T, got, want []byte) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("answer %s is not JSON: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("expected document is not JSON: %v", err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("answer differs from the expected document\n got: %s\nwant: %s", got, want)
	}
}

// readTestdata returns a file of testdata/.
func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCredentialsAreCheckedOnEveryPathWithClearErrors(t *testing.T) {
	const (
		wrongKey   = "not-the-api-key-f00d"
		wrongToken = "Atza|not-the-token-beef"
	)
	tests := []struct {
		name       string
		apiKey     string
		auth       string
		wantStatus int
		wantCode   string
	}{
		{"no api key", "", "Bearer " + emulator.DefaultAccessToken, 403, emulator.CodeMissingAPIKey},
		{"wrong api key", wrongKey, "Bearer " + emulator.DefaultAccessToken, 403, emulator.CodeInvalidAPIKey},
		{"api key checked before token", wrongKey, "", 403, emulator.CodeInvalidAPIKey},
		{"no authorization", emulator.DefaultAPIKey, "", 401, emulator.CodeMissingAccessToken},
		{"basic scheme", emulator.DefaultAPIKey, "Basic " + wrongToken, 401, emulator.CodeMissingAccessToken},
		{"bearer without token", emulator.DefaultAPIKey, "Bearer ", 401, emulator.CodeMissingAccessToken},
		{"token without scheme", emulator.DefaultAPIKey, wrongToken, 401, emulator.CodeMissingAccessToken},
		{"wrong token", emulator.DefaultAPIKey, "Bearer " + wrongToken, 401, emulator.CodeInvalidAccessToken},
	}
	paths := []struct{ method, path string }{
		{http.MethodGet, "/v1/me/playlists"},
		{http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"},
		{http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC"},
		{http.MethodGet, "/v1/me/library/tracks"},
		{http.MethodGet, "/v1/tracks/B08DL2BXQC"},
		{http.MethodGet, "/v1/unknown"},
	}
	e, srv := start(t, emulator.Options{Playlists: 2})
	for _, tt := range tests {
		for _, p := range paths {
			t.Run(tt.name+" "+p.method+" "+p.path, func(t *testing.T) {
				a := sendWith(t, srv, p.method, p.path, func(r *http.Request) {
					if tt.apiKey != "" {
						r.Header.Set("x-api-key", tt.apiKey)
					}
					if tt.auth != "" {
						r.Header.Set("Authorization", tt.auth)
					}
				})
				got := mustAPIError(t, a, tt.wantStatus)
				if got.Code != tt.wantCode {
					t.Errorf("code = %q, want %q", got.Code, tt.wantCode)
				}
				for _, secret := range []string{wrongKey, wrongToken, emulator.DefaultAPIKey, emulator.DefaultAccessToken} {
					if strings.Contains(string(a.body), secret) {
						t.Errorf("error body repeats a credential: %s", a.body)
					}
				}
			})
		}
	}
	if lib := e.Library(); len(lib) != 0 {
		t.Errorf("rejected requests changed the library: %v", lib)
	}
}

func TestCustomCredentialsReplaceTheDefaults(t *testing.T) {
	_, srv := start(t, emulator.Options{APIKey: "custom-key", AccessToken: "custom-token"})

	defaults := send(t, srv, http.MethodGet, "/v1/me/playlists")
	if got := mustAPIError(t, defaults, 403); got.Code != emulator.CodeInvalidAPIKey {
		t.Errorf("default api key: code = %q, want %q", got.Code, emulator.CodeInvalidAPIKey)
	}
	custom := sendWith(t, srv, http.MethodGet, "/v1/me/playlists", func(r *http.Request) {
		r.Header.Set("x-api-key", "custom-key")
		r.Header.Set("Authorization", "bearer custom-token")
	})
	if custom.status != http.StatusOK {
		t.Errorf("custom credentials: status = %d, want 200 (body %s)", custom.status, custom.body)
	}
}

func TestSetAccessTokenExpiresThePreviousToken(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.SetAccessToken("Atza|rotated")

	old := send(t, srv, http.MethodGet, "/v1/me/playlists")
	if got := mustAPIError(t, old, 401); got.Code != emulator.CodeInvalidAccessToken {
		t.Errorf("old token: code = %q, want %q", got.Code, emulator.CodeInvalidAccessToken)
	}
	rotated := sendWith(t, srv, http.MethodGet, "/v1/me/playlists", func(r *http.Request) {
		r.Header.Set("x-api-key", emulator.DefaultAPIKey)
		r.Header.Set("Authorization", "Bearer Atza|rotated")
	})
	if rotated.status != http.StatusOK {
		t.Errorf("new token: status = %d, want 200", rotated.status)
	}
}

func TestLatencyEndsWhenTheRequestContextIsDone(t *testing.T) {
	e := emulator.New(emulator.Options{Latency: longWait})
	rec := serveCanceled(t, e, "latency")
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503", rec.Code)
	}
	if e.Total() != 1 {
		t.Errorf("Total() = %d, want 1: a canceled request is still counted", e.Total())
	}
}

func TestSetLatencyChangesTheWaitOfLaterRequests(t *testing.T) {
	e, srv := start(t, emulator.Options{Latency: longWait})

	// Latency is gone: the request must be answered long before longWait.
	e.SetLatency(0)
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/me/playlists", nil)
	if err != nil {
		t.Fatal(err)
	}
	withDefaultCredentials(req)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("request after SetLatency(0): %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("status after SetLatency(0) = %d, want 200", resp.StatusCode)
	}

	const latency = 150 * time.Millisecond
	e.SetLatency(latency)
	began := time.Now()
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status != http.StatusOK {
		t.Errorf("status = %d, want 200", a.status)
	}
	if elapsed := time.Since(began); elapsed < latency {
		t.Errorf("answered after %v, want at least %v", elapsed, latency)
	}
}

// serveCanceled sends e a playlists request whose context ends while e
// waits (its latency or a fault's delay, named by what), and fails t unless
// e answers within five seconds.
func serveCanceled(t *testing.T, e *emulator.Emulator, what string) *httptest.ResponseRecorder {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/v1/me/playlists", nil)
	withDefaultCredentials(req)
	rec := httptest.NewRecorder()

	done := make(chan struct{})
	go func() {
		defer close(done)
		e.ServeHTTP(rec, req)
	}()
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatalf("ServeHTTP still waits its %s after the request's context ended", what)
	}
	return rec
}
