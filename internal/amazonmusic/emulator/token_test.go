package emulator_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// defaultTokenForm is a valid refresh request with the default credentials.
func defaultTokenForm() url.Values {
	return url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {emulator.DefaultRefreshToken},
		"client_id":     {emulator.DefaultClientID},
		"client_secret": {emulator.DefaultClientSecret},
	}
}

// postToken sends form to the token endpoint, without any API credentials.
func postToken(t *testing.T, srv *httptest.Server, form url.Values) answer {
	t.Helper()
	return sendToken(t, srv, http.MethodPost, "application/x-www-form-urlencoded", form.Encode())
}

// sendToken sends body to the token endpoint with method and content type.
func sendToken(t *testing.T, srv *httptest.Server, method, contentType, body string) answer {
	t.Helper()
	return sendWithBody(t, srv, method, emulator.TokenPath, body, func(r *http.Request) {
		if contentType != "" {
			r.Header.Set("Content-Type", contentType)
		}
	})
}

// sendWithBody sends one request with body after prepare has set its
// headers.
func sendWithBody(t *testing.T, srv *httptest.Server, method, path, body string, prepare func(*http.Request)) answer {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatalf("building %s %s: %v", method, path, err)
	}
	prepare(req)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer of %s %s: %v", method, path, err)
	}
	return answer{status: resp.StatusCode, header: resp.Header, body: b}
}

// tokenAnswer is the token endpoint's answer, every field checked.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
}

// mustToken checks that a is a successful token answer and returns it.
func mustToken(t *testing.T, a answer) tokenAnswer {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if cc := a.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	dec := json.NewDecoder(strings.NewReader(string(a.body)))
	dec.DisallowUnknownFields()
	var tok tokenAnswer
	if err := dec.Decode(&tok); err != nil {
		t.Fatalf("token answer %s: %v", a.body, err)
	}
	if !strings.HasPrefix(tok.AccessToken, "Atza|") || len(tok.AccessToken) < 20 {
		t.Errorf("access_token = %q, want Atza|<random>", tok.AccessToken)
	}
	if !strings.HasPrefix(tok.RefreshToken, "Atzr|") {
		t.Errorf("refresh_token = %q, want Atzr|...", tok.RefreshToken)
	}
	if tok.TokenType != "bearer" {
		t.Errorf("token_type = %q, want bearer", tok.TokenType)
	}
	return tok
}

// mustOAuthError checks that a is status with an OAuth error body with code,
// and that its description repeats none of the given values.
func mustOAuthError(t *testing.T, a answer, status int, code string, notRepeated ...string) {
	t.Helper()
	if a.status != status {
		t.Fatalf("status = %d, want %d (body %s)", a.status, status, a.body)
	}
	var body map[string]string
	if err := json.Unmarshal(a.body, &body); err != nil {
		t.Fatalf("error body %s is not an OAuth error: %v", a.body, err)
	}
	if body["error"] != code || body["error_description"] == "" || len(body) != 2 {
		t.Errorf("error body = %s, want exactly error %q and an error_description", a.body, code)
	}
	for _, s := range notRepeated {
		if s != "" && strings.Contains(string(a.body), s) {
			t.Errorf("error body %s repeats %q", a.body, s)
		}
	}
}

// withBearer sends the default API key and token as bearer token.
func withBearer(token string) func(*http.Request) {
	return func(r *http.Request) {
		r.Header.Set("x-api-key", emulator.DefaultAPIKey)
		r.Header.Set("Authorization", "Bearer "+token)
	}
}

func TestTokenEndpointIssuesFreshAccessTokensTheAPIAccepts(t *testing.T) {
	e, srv := start(t, emulator.Options{})

	first := mustToken(t, postToken(t, srv, defaultTokenForm()))
	second := mustToken(t, postToken(t, srv, defaultTokenForm()))
	if first.AccessToken == second.AccessToken {
		t.Errorf("two refreshes answered the same access token %q", first.AccessToken)
	}
	if first.RefreshToken != emulator.DefaultRefreshToken {
		t.Errorf("refresh_token = %q, want the one presented (no rotation by default)", first.RefreshToken)
	}
	if first.ExpiresIn != int64(emulator.DefaultTokenLifetime/time.Second) {
		t.Errorf("expires_in = %d, want %d", first.ExpiresIn, int64(emulator.DefaultTokenLifetime/time.Second))
	}
	for _, tok := range []string{first.AccessToken, second.AccessToken, emulator.DefaultAccessToken} {
		if a := sendWith(t, srv, http.MethodGet, "/v1/me/playlists", withBearer(tok)); a.status != http.StatusOK {
			t.Errorf("GET /v1/me/playlists with an accepted token: status %d (body %s)", a.status, a.body)
		}
	}
	if got := e.Count(http.MethodPost, emulator.TokenPath); got != 2 {
		t.Errorf("Count(POST, TokenPath) = %d, want 2", got)
	}
}

func TestTokenEndpointNeedsNoAPICredentials(t *testing.T) {
	_, srv := start(t, emulator.Options{})
	// postToken sends neither x-api-key nor Authorization.
	mustToken(t, postToken(t, srv, defaultTokenForm()))
}

func TestIssuedAccessTokensExpireAfterTheirLifetime(t *testing.T) {
	e, srv := start(t, emulator.Options{TokenLifetime: 300 * time.Millisecond})
	tok := mustToken(t, postToken(t, srv, defaultTokenForm()))
	if tok.ExpiresIn != 1 {
		t.Errorf("expires_in = %d for a 300 ms lifetime, want 1 (whole seconds, at least 1)", tok.ExpiresIn)
	}
	if a := sendWith(t, srv, http.MethodGet, "/v1/me/playlists", withBearer(tok.AccessToken)); a.status != http.StatusOK {
		t.Fatalf("fresh token: status %d, want 200 (body %s)", a.status, a.body)
	}

	time.Sleep(400 * time.Millisecond)
	a := sendWith(t, srv, http.MethodGet, "/v1/me/playlists", withBearer(tok.AccessToken))
	if e := mustAPIError(t, a, http.StatusUnauthorized); e.Code != emulator.CodeInvalidAccessToken {
		t.Errorf("expired token: code %q, want %s", e.Code, emulator.CodeInvalidAccessToken)
	}
	// The static token does not expire.
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status != http.StatusOK {
		t.Errorf("static token: status %d, want 200", a.status)
	}

	fresh := mustToken(t, postToken(t, srv, defaultTokenForm()))
	e.ExpireAccessTokens()
	a = sendWith(t, srv, http.MethodGet, "/v1/me/playlists", withBearer(fresh.AccessToken))
	if e := mustAPIError(t, a, http.StatusUnauthorized); e.Code != emulator.CodeInvalidAccessToken {
		t.Errorf("token expired by ExpireAccessTokens: code %q, want %s", e.Code, emulator.CodeInvalidAccessToken)
	}
}

func TestExpiresInIsTheLifetimeInWholeSecondsRoundedDown(t *testing.T) {
	for lifetime, want := range map[time.Duration]int64{
		time.Millisecond:        1,
		1500 * time.Millisecond: 1,
		2 * time.Second:         2,
		90 * time.Minute:        5400,
	} {
		_, srv := start(t, emulator.Options{TokenLifetime: lifetime})
		if got := mustToken(t, postToken(t, srv, defaultTokenForm())).ExpiresIn; got != want {
			t.Errorf("lifetime %s: expires_in = %d, want %d", lifetime, got, want)
		}
	}
}

func TestRotatedRefreshTokenReplacesThePresentedOne(t *testing.T) {
	_, srv := start(t, emulator.Options{RotateRefreshTokens: true})
	first := mustToken(t, postToken(t, srv, defaultTokenForm()))
	if first.RefreshToken == emulator.DefaultRefreshToken {
		t.Fatalf("refresh_token = the one presented, want a new one with RotateRefreshTokens")
	}

	mustOAuthError(t, postToken(t, srv, defaultTokenForm()), http.StatusBadRequest, emulator.OAuthInvalidGrant,
		emulator.DefaultRefreshToken)

	form := defaultTokenForm()
	form.Set("refresh_token", first.RefreshToken)
	second := mustToken(t, postToken(t, srv, form))
	if second.RefreshToken == first.RefreshToken {
		t.Errorf("second refresh answered the refresh token it was given, want a new one")
	}
}

func TestTokenEndpointRejectsBadRequestsWithOAuthErrors(t *testing.T) {
	const wrongSecret = "wrong-secret-0123456789"
	const unknownRefresh = "Atzr|unknown-refresh-0123456789"
	_, srv := start(t, emulator.Options{ClientID: "custom-client", ClientSecret: "custom-secret", RefreshToken: "Atzr|custom"})
	valid := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {"Atzr|custom"},
		"client_id":     {"custom-client"},
		"client_secret": {"custom-secret"},
	}
	with := func(key, value string) url.Values {
		form := url.Values{}
		for k, v := range valid {
			form[k] = v
		}
		if value == "" {
			form.Del(key)
		} else {
			form.Set(key, value)
		}
		return form
	}

	mustToken(t, postToken(t, srv, valid))
	tests := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"wrong client secret", with("client_secret", wrongSecret), http.StatusUnauthorized, emulator.OAuthInvalidClient},
		{"default client secret", with("client_secret", emulator.DefaultClientSecret), http.StatusUnauthorized, emulator.OAuthInvalidClient},
		{"no client secret", with("client_secret", ""), http.StatusUnauthorized, emulator.OAuthInvalidClient},
		{"wrong client id", with("client_id", emulator.DefaultClientID), http.StatusUnauthorized, emulator.OAuthInvalidClient},
		{"unknown refresh token", with("refresh_token", unknownRefresh), http.StatusBadRequest, emulator.OAuthInvalidGrant},
		{"no refresh token", with("refresh_token", ""), http.StatusBadRequest, emulator.OAuthInvalidRequest},
		{"no grant type", with("grant_type", ""), http.StatusBadRequest, emulator.OAuthInvalidRequest},
		{"other grant type", with("grant_type", "client_credentials"), http.StatusBadRequest, emulator.OAuthUnsupportedGrantType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mustOAuthError(t, postToken(t, srv, tt.form), tt.status, tt.code, wrongSecret, unknownRefresh, "custom-secret")
		})
	}

	t.Run("credentials in the query string", func(t *testing.T) {
		a := sendWithBody(t, srv, http.MethodPost, emulator.TokenPath+"?"+valid.Encode(), "", func(r *http.Request) {
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		})
		mustOAuthError(t, a, http.StatusBadRequest, emulator.OAuthInvalidRequest)
	})
	t.Run("JSON body", func(t *testing.T) {
		mustOAuthError(t, sendToken(t, srv, http.MethodPost, "application/json", `{"grant_type":"refresh_token"}`),
			http.StatusBadRequest, emulator.OAuthInvalidRequest)
	})
	t.Run("GET", func(t *testing.T) {
		a := sendToken(t, srv, http.MethodGet, "", "")
		mustOAuthError(t, a, http.StatusMethodNotAllowed, emulator.OAuthInvalidRequest)
		if allow := a.header.Get("Allow"); allow != http.MethodPost {
			t.Errorf("Allow = %q, want POST", allow)
		}
	})
}

func TestTokenEndpointTakesQueuedFaultsButNoRandomOnes(t *testing.T) {
	e, srv := start(t, emulator.Options{FaultRate: 1, FaultSeed: 1})
	// Every API request fails at rate 1; the token endpoint still answers.
	mustToken(t, postToken(t, srv, defaultTokenForm()))

	e.InjectFaults(emulator.Fault{PathPrefix: emulator.TokenPath, Status: http.StatusServiceUnavailable})
	if a := postToken(t, srv, defaultTokenForm()); a.status != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want the queued 503", a.status)
	}
	mustToken(t, postToken(t, srv, defaultTokenForm()))
	if got := e.Count(http.MethodPost, emulator.TokenPath); got != 3 {
		t.Errorf("Count(POST, TokenPath) = %d, want 3 (faults included)", got)
	}
}
