package amazonmusic_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Credentials of fake token endpoints that are not the emulator.
const (
	testClientID     = "amzn1.application-oa2-client.test"
	testClientSecret = "test-client-secret-0123456789"
	testRefreshToken = "Atzr|test-refresh-token-0123456789"
)

// newRefreshingClient starts an emulator with opts and returns a client of
// it that obtains its access tokens from the emulator's token endpoint with
// the emulator's default refresh credentials (or opts' ones).
func newRefreshingClient(t *testing.T, opts emulator.Options, configure ...func(*amazonmusic.Config)) (*amazonmusic.Client, *emulator.Emulator) {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)

	cfg := amazonmusic.Config{
		BaseURL:      srv.URL,
		APIKey:       emulator.DefaultAPIKey,
		ClientID:     cmpOr(opts.ClientID, emulator.DefaultClientID),
		ClientSecret: cmpOr(opts.ClientSecret, emulator.DefaultClientSecret),
		RefreshToken: cmpOr(opts.RefreshToken, emulator.DefaultRefreshToken),
		TokenURL:     srv.URL + emulator.TokenPath,
	}
	fastRetries(&cfg)
	for _, f := range configure {
		f(&cfg)
	}
	client, err := amazonmusic.NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client, emu
}

// cmpOr returns a unless it is empty, else b.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// tokenRequests is how many token requests emu received.
func tokenRequests(emu *emulator.Emulator) int {
	return emu.Count(http.MethodPost, emulator.TokenPath)
}

// saveTracks saves TrackID(from)..TrackID(to-1) in parallel and fails the
// test on any error.
func saveTracks(t *testing.T, client *amazonmusic.Client, from, to int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, to-from)
	for i := from; i < to; i++ {
		wg.Go(func() {
			if _, err := client.SaveTrack(t.Context(), emulator.TrackID(i)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("SaveTrack: %v", err)
	}
}

func TestRefreshFlowObtainsOneAccessTokenAndReusesIt(t *testing.T) {
	client, emu := newRefreshingClient(t, emulator.Options{CatalogSize: 3})
	for i := range 3 {
		if _, err := client.SaveTrack(t.Context(), emulator.TrackID(i)); err != nil {
			t.Fatalf("SaveTrack: %v", err)
		}
	}
	if got := tokenRequests(emu); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
	if got := len(emu.Library()); got != 3 {
		t.Errorf("library holds %d tracks, want 3", got)
	}
}

func TestParallelCallsCauseOneRefreshNotAStampede(t *testing.T) {
	const n = 40
	// The latency keeps the token request in flight while every call
	// arrives.
	client, emu := newRefreshingClient(t, emulator.Options{CatalogSize: n, Latency: 50 * time.Millisecond})

	saveTracks(t, client, 0, n)
	if got := tokenRequests(emu); got != 1 {
		t.Errorf("token requests after %d parallel first calls = %d, want 1", n, got)
	}

	// Every call now presents an expired token, is refused, and needs a
	// new one: still one refresh for all of them.
	emu.ExpireAccessTokens()
	saveTracks(t, client, 0, n)
	if got := tokenRequests(emu); got != 2 {
		t.Errorf("token requests after %d parallel calls refused with the same token = %d, want 2", n, got)
	}
	// Each call of the second round was sent twice: refused, then repeated.
	if got := emu.CountMethod(http.MethodPut); got != 3*n {
		t.Errorf("PUT requests = %d, want %d", got, 3*n)
	}
}

func TestAccessTokenIsRefreshedBeforeItExpires(t *testing.T) {
	// expires_in 1: the client replaces the token after 750 ms, before
	// the emulator stops accepting it after one second.
	client, emu := newRefreshingClient(t, emulator.Options{TokenLifetime: time.Second})

	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	time.Sleep(800 * time.Millisecond)
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack after 800 ms: %v", err)
	}
	if got := tokenRequests(emu); got != 2 {
		t.Errorf("token requests = %d, want 2 (a new token before the first expired)", got)
	}
	// No request was refused and repeated.
	if got := emu.Count(http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"); got != 2 {
		t.Errorf("PUT requests = %d, want 2", got)
	}
}

func TestRefusedAccessTokenIsRefreshedOnceAndTheRequestRepeatedOnce(t *testing.T) {
	client, emu := newRefreshingClient(t, emulator.Options{})
	const path = "/v1/me/library/tracks/B08DL2BXQC"

	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	emu.ExpireAccessTokens()
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack with an expired token: %v", err)
	}
	if got := tokenRequests(emu); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
	if got := emu.Count(http.MethodPut, path); got != 3 {
		t.Errorf("PUT requests = %d, want 3 (the refused one repeated once)", got)
	}

	// A 401 that persists is final after one repetition.
	emu.ResetCounts()
	emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusUnauthorized, Times: 10})
	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized {
		t.Fatalf("SaveTrack error = %v, want an APIError with status 401", err)
	}
	if apiErr.Attempts != 2 {
		t.Errorf("APIError.Attempts = %d, want 2", apiErr.Attempts)
	}
	if !strings.Contains(err.Error(), "just obtained with the refresh token") || strings.Contains(err.Error(), "about an hour") {
		t.Errorf("SaveTrack error = %q, want the hint of refreshed tokens, not of static ones", err)
	}
	if got := emu.Count(http.MethodPut, path); got != 2 {
		t.Errorf("PUT requests = %d, want 2: one repetition, not one per attempt", got)
	}
	if got := tokenRequests(emu); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
}

func TestStaticTokenRefusedIsFinal(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusUnauthorized})
	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnauthorized || apiErr.Code != emulator.CodeInvalidAccessToken {
		t.Fatalf("SaveTrack error = %v, want an APIError 401 INVALID_ACCESS_TOKEN", err)
	}
	if !strings.HasSuffix(err.Error(), ". Access tokens expire after about an hour: use a fresh one, or a refresh token "+
		"with its client id and secret, so that new access tokens are obtained as they expire") {
		t.Errorf("SaveTrack error = %q, want it to end with how to keep access tokens valid", err)
	}
	if got := emu.CountMethod(http.MethodPut); got != 1 {
		t.Errorf("PUT requests = %d, want 1", got)
	}
	if got := tokenRequests(emu); got != 0 {
		t.Errorf("token requests = %d, want 0 with a static token", got)
	}
}

func TestRotatedRefreshTokenIsUsedForTheNextRefresh(t *testing.T) {
	// The emulator refuses a refresh token once it has rotated it.
	client, emu := newRefreshingClient(t, emulator.Options{RotateRefreshTokens: true})
	for round := 1; round <= 3; round++ {
		if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
			t.Fatalf("round %d: SaveTrack: %v", round, err)
		}
		if got := tokenRequests(emu); got != round {
			t.Fatalf("round %d: token requests = %d, want %d", round, got, round)
		}
		emu.ExpireAccessTokens()
	}
}

func TestTokenEndpointFailuresNameTheOAuthErrorWithoutSecrets(t *testing.T) {
	const wrongSecret = "wrong-client-secret-0123456789"
	const wrongRefresh = "Atzr|wrong-refresh-token-0123456789"
	tests := []struct {
		name       string
		configure  func(*amazonmusic.Config)
		faults     []emulator.Fault
		wantStatus int
		wantCode   string
		want       []string
	}{
		{
			name:       "wrong client secret",
			configure:  func(cfg *amazonmusic.Config) { cfg.ClientSecret = wrongSecret },
			wantStatus: http.StatusUnauthorized, wantCode: "invalid_client",
			want: []string{"HTTP 401 invalid_client: Client authentication failed", "check the client ID and client secret"},
		},
		{
			name:       "unknown refresh token",
			configure:  func(cfg *amazonmusic.Config) { cfg.RefreshToken = wrongRefresh },
			wantStatus: http.StatusBadRequest, wantCode: "invalid_grant",
			want: []string{"HTTP 400 invalid_grant", "obtain a new one"},
		},
		{
			name:       "service unavailable",
			faults:     []emulator.Fault{{PathPrefix: emulator.TokenPath, Status: http.StatusServiceUnavailable, Times: 5}},
			wantStatus: http.StatusServiceUnavailable,
			want:       []string{"HTTP 503: Service Unavailable (application/json body, not an OAuth error)"},
		},
		{
			name:       "gateway page",
			faults:     []emulator.Fault{{PathPrefix: emulator.TokenPath, Status: http.StatusBadGateway, Times: 5}},
			wantStatus: http.StatusBadGateway,
			want:       []string{"HTTP 502: Bad Gateway (text/html body, not an OAuth error)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger := &captureLogger{}
			client, emu := newRefreshingClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) {
				cfg.Logger = logger
				if tt.configure != nil {
					tt.configure(cfg)
				}
			})
			emu.InjectFaults(tt.faults...)

			_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			if err == nil {
				t.Fatal("SaveTrack succeeded, want an error")
			}
			var tokenErr *amazonmusic.TokenError
			if !errors.As(err, &tokenErr) {
				t.Fatalf("error %q is not a *TokenError", err)
			}
			if tokenErr.StatusCode != tt.wantStatus || tokenErr.Code != tt.wantCode {
				t.Errorf("TokenError status %d code %q, want %d %q", tokenErr.StatusCode, tokenErr.Code, tt.wantStatus, tt.wantCode)
			}
			for _, w := range append([]string{"PUT /v1/me/library/tracks/B08DL2BXQC: obtaining an access token: the Login with Amazon token endpoint answered"}, tt.want...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			secrets := []string{wrongSecret, wrongRefresh, emulator.DefaultClientSecret, emulator.DefaultRefreshToken}
			assertNoSecret(t, "error", err.Error(), secrets...)
			for _, e := range logger.all() {
				assertNoSecret(t, "log entry", fmt.Sprint(e.msg, e.kv), secrets...)
			}
			if got := emu.CountMethod(http.MethodPut); got != 0 {
				t.Errorf("PUT requests = %d, want 0 without an access token", got)
			}
		})
	}
}

func TestTokenEndpointFailuresAreRetriedLikeAPIFailures(t *testing.T) {
	client, emu := newRefreshingClient(t, emulator.Options{})
	emu.InjectFaults(
		emulator.Fault{PathPrefix: emulator.TokenPath, Status: http.StatusTooManyRequests, RetryAfter: "0"},
		emulator.Fault{PathPrefix: emulator.TokenPath, Status: http.StatusServiceUnavailable},
	)
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got := tokenRequests(emu); got != 3 {
		t.Errorf("token requests = %d, want 3 (two retried failures)", got)
	}
}

// echoingTokenServer is a token endpoint that quotes the request's form in
// its answers, as a careless server might, answering with status and
// content type.
func echoingTokenServer(t *testing.T, status int, contentType string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Errorf("token request form: %v", err)
		}
		raw := r.PostForm.Encode()
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		switch contentType {
		case "application/json":
			fmt.Fprintf(w, `{"error":"invalid_grant","error_description":"rejected %s (secret %s, token %s)"}`,
				raw, r.PostForm.Get("client_secret"), r.PostForm.Get("refresh_token"))
		default:
			fmt.Fprint(w, raw)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTokenErrorsNeverQuoteSecretsTheServerEchoes(t *testing.T) {
	tests := []struct {
		name        string
		status      int
		contentType string
		want        string
	}{
		{"OAuth error quoting the form", http.StatusBadRequest, "application/json", "invalid_grant: rejected"},
		{"plain text error body", http.StatusInternalServerError, "text/plain", "HTTP 500: Internal Server Error (text/plain body, not an OAuth error)"},
		{"HTML error body", http.StatusForbidden, "text/html", "HTTP 403: Forbidden (text/html body, not an OAuth error)"},
		{"200 that is not JSON", http.StatusOK, "text/html", "unexpected answer from the Login with Amazon token endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tokenSrv := echoingTokenServer(t, tt.status, tt.contentType)
			client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, playlistsJSON(false, ""))
			}, func(cfg *amazonmusic.Config) {
				cfg.AccessToken = ""
				cfg.ClientID = testClientID
				cfg.ClientSecret = testClientSecret
				cfg.RefreshToken = testRefreshToken
				cfg.TokenURL = tokenSrv.URL
				cfg.MaxRetries = 0
			})
			_, err := client.PlaylistsPage(t.Context(), 10, "")
			if err == nil {
				t.Fatal("PlaylistsPage succeeded, want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			assertNoSecret(t, "error", err.Error(), testClientSecret, testRefreshToken, url.QueryEscape(testRefreshToken))
			if rec.count() != 0 {
				t.Errorf("the API received %d requests, want none", rec.count())
			}
		})
	}
}

func TestTokenRequestCarriesTheFormFieldsAndFollowsNoRedirect(t *testing.T) {
	var (
		mu        sync.Mutex
		got       []*http.Request
		form      url.Values
		elsewhere int
	)
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		elsewhere++
		mu.Unlock()
		writeJSON(w, `{"access_token":"Atza|elsewhere","token_type":"bearer","expires_in":3600}`)
	}))
	t.Cleanup(other.Close)
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		got = append(got, r)
		form = r.PostForm
		mu.Unlock()
		http.Redirect(w, r, other.URL, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(tokenSrv.Close)

	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, playlistsJSON(false, ""))
	}, func(cfg *amazonmusic.Config) {
		cfg.AccessToken = ""
		cfg.ClientID = testClientID
		cfg.ClientSecret = testClientSecret
		cfg.RefreshToken = testRefreshToken
		cfg.TokenURL = tokenSrv.URL + "/auth/o2/token"
	})
	_, err := client.PlaylistsPage(t.Context(), 10, "")
	var tokenErr *amazonmusic.TokenError
	if !errors.As(err, &tokenErr) || tokenErr.StatusCode != http.StatusTemporaryRedirect {
		t.Fatalf("error = %v, want a TokenError with status 307", err)
	}

	mu.Lock()
	defer mu.Unlock()
	if elsewhere != 0 {
		t.Errorf("the redirect target received %d requests, want none", elsewhere)
	}
	if len(got) != 1 {
		t.Fatalf("token endpoint received %d requests, want 1 (a 3xx is not retried)", len(got))
	}
	r := got[0]
	if r.Method != http.MethodPost || r.URL.Path != "/auth/o2/token" {
		t.Errorf("token request %s %s, want POST /auth/o2/token", r.Method, r.URL.Path)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", ct)
	}
	if r.Header.Get("Authorization") != "" || r.Header.Get("X-Api-Key") != "" {
		t.Errorf("token request carries API credentials or basic auth")
	}
	want := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {testRefreshToken},
		"client_id":     {testClientID},
		"client_secret": {testClientSecret},
	}
	if form.Encode() != want.Encode() {
		t.Errorf("token request form has fields %v, want exactly grant_type, refresh_token, client_id and client_secret", keys(form))
	}
}

// keys lists the keys of a form, never its values.
func keys(v url.Values) []string {
	out := make([]string, 0, len(v))
	for k := range v {
		out = append(out, k)
	}
	return out
}

func TestCallerGivingUpDoesNotCancelTheSharedRefresh(t *testing.T) {
	client, emu := newRefreshingClient(t, emulator.Options{})
	// The token request takes 300 ms.
	emu.InjectFaults(emulator.Fault{PathPrefix: emulator.TokenPath, Delay: 300 * time.Millisecond})

	impatient, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	var impatientErr, patientErr error
	wg.Go(func() { _, impatientErr = client.SaveTrack(impatient, "B08DL2BXQC") })
	wg.Go(func() {
		time.Sleep(10 * time.Millisecond) // join the refresh in flight
		_, patientErr = client.SaveTrack(t.Context(), "B097S29G3W")
	})
	wg.Wait()

	if !errors.Is(impatientErr, context.DeadlineExceeded) {
		t.Errorf("impatient call error = %v, want its deadline", impatientErr)
	}
	if patientErr != nil {
		t.Errorf("patient call: %v", patientErr)
	}
	if got := tokenRequests(emu); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}
}

func TestNewClientChecksTheChoiceOfCredentials(t *testing.T) {
	tests := []struct {
		name string
		cfg  amazonmusic.Config
		want []string
	}{
		{
			name: "access token and refresh token",
			cfg:  amazonmusic.Config{AccessToken: testAccessToken, RefreshToken: testRefreshToken, ClientID: testClientID, ClientSecret: testClientSecret},
			want: []string{"set either an access token or a refresh token with a client ID and client secret, not both"},
		},
		{
			name: "access token and client secret",
			cfg:  amazonmusic.Config{AccessToken: testAccessToken, ClientSecret: testClientSecret},
			want: []string{"not both"},
		},
		{
			name: "refresh token alone",
			cfg:  amazonmusic.Config{RefreshToken: testRefreshToken},
			want: []string{"a client ID is required", "a client secret is required"},
		},
		{
			name: "client credentials without refresh token",
			cfg:  amazonmusic.Config{ClientID: testClientID, ClientSecret: testClientSecret},
			want: []string{"a refresh token is required"},
		},
		{
			name: "token URL with a static token",
			cfg:  amazonmusic.Config{AccessToken: testAccessToken, TokenURL: "https://api.amazon.com/auth/o2/token"},
			want: []string{"a token URL is only used with a refresh token"},
		},
		{
			name: "nothing",
			cfg:  amazonmusic.Config{},
			want: []string{"an access token is required, or a refresh token with a client ID and client secret"},
		},
		{
			name: "control characters in the client secret",
			cfg:  amazonmusic.Config{RefreshToken: testRefreshToken, ClientID: testClientID, ClientSecret: testClientSecret + "\n"},
			want: []string{"the client secret contains control characters"},
		},
		{
			name: "token URL with user information",
			cfg:  amazonmusic.Config{RefreshToken: testRefreshToken, ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: "https://id:hunter2@api.amazon.com/auth/o2/token"},
			want: []string{"invalid token URL: it must not contain user information"},
		},
		{
			name: "token URL that is not absolute",
			cfg:  amazonmusic.Config{RefreshToken: testRefreshToken, ClientID: testClientID, ClientSecret: testClientSecret, TokenURL: "/auth/o2/token"},
			want: []string{"invalid token URL: it must be an absolute http or https URL"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.APIKey = testAPIKey
			_, err := amazonmusic.NewClient(tt.cfg)
			if err == nil {
				t.Fatal("NewClient succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			assertNoSecret(t, "error", err.Error(), testAccessToken, testRefreshToken, testClientSecret, "hunter2")
		})
	}
}

func TestRefreshFlowLogsNoSecret(t *testing.T) {
	logger := &captureLogger{}
	client, emu := newRefreshingClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) { cfg.Logger = logger })
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	emu.ExpireAccessTokens()
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if n := len(logger.withMessage("obtained an access token from Login with Amazon")); n != 2 {
		t.Errorf("%d messages about obtained tokens, want 2", n)
	}
	if n := len(logger.withMessage("the API refused the access token; repeating the request once with a new one")); n != 1 {
		t.Errorf("%d messages about a refused token, want 1", n)
	}
	for _, e := range logger.all() {
		text := fmt.Sprint(e.msg, e.kv)
		assertNoSecret(t, "log entry", text, emulator.DefaultClientSecret, emulator.DefaultRefreshToken, emulator.DefaultAPIKey)
		if strings.Contains(text, "Atza|") {
			t.Errorf("log entry holds an access token: %s", text)
		}
	}
}
