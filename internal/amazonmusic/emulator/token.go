package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"mime"
	"net/http"
	"sync"
	"time"
)

// TokenPath is the path of the token endpoint of Login with Amazon, served
// beside the API (in production it is https://api.amazon.com/auth/o2/token).
// It needs no x-api-key or bearer token. A request is a POST with the form
// fields grant_type=refresh_token, refresh_token, client_id and
// client_secret; the answer is
//
//	{"access_token":"Atza|...","refresh_token":"Atzr|...","token_type":"bearer","expires_in":3600}
//
// or an OAuth 2.0 error {"error":"invalid_grant","error_description":"..."}:
// 401 invalid_client for a wrong client ID or secret, 400 invalid_grant for
// an unknown refresh token, 400 invalid_request or unsupported_grant_type
// for a malformed request. Its requests are counted like any other
// (Count("POST", TokenPath)), wait the same latency and take queued faults
// whose PathPrefix matches it, but no random ones.
const TokenPath = "/auth/o2/token"

// Default Login with Amazon credentials the token endpoint accepts when
// Options leaves them empty, and the default lifetime of its access tokens.
const (
	DefaultClientID      = "amzn1.application-oa2-client.emulator-lwa"
	DefaultClientSecret  = "emulator-client-secret"
	DefaultRefreshToken  = "Atzr|emulator-refresh-token"
	DefaultTokenLifetime = time.Hour
)

// OAuth 2.0 error codes of the token endpoint (RFC 6749, section 5.2).
const (
	OAuthInvalidRequest       = "invalid_request"
	OAuthInvalidClient        = "invalid_client"
	OAuthInvalidGrant         = "invalid_grant"
	OAuthUnsupportedGrantType = "unsupported_grant_type"
)

// maxTokenRequestBytes bounds the form a token request may send.
const maxTokenRequestBytes = 64 << 10

// tokenEndpoint is the state of the token endpoint: the refresh tokens it
// accepts and the access tokens it issued.
type tokenEndpoint struct {
	clientID     string
	clientSecret string
	lifetime     time.Duration
	rotate       bool

	mu            sync.Mutex
	refreshTokens map[string]struct{}
	issued        map[string]time.Time // access token -> expiry
}

// newTokenEndpoint returns the token endpoint configured by opts.
func newTokenEndpoint(opts Options) *tokenEndpoint {
	t := &tokenEndpoint{
		clientID:      opts.ClientID,
		clientSecret:  opts.ClientSecret,
		lifetime:      opts.TokenLifetime,
		rotate:        opts.RotateRefreshTokens,
		refreshTokens: make(map[string]struct{}),
		issued:        make(map[string]time.Time),
	}
	if t.clientID == "" {
		t.clientID = DefaultClientID
	}
	if t.clientSecret == "" {
		t.clientSecret = DefaultClientSecret
	}
	if t.lifetime <= 0 {
		t.lifetime = DefaultTokenLifetime
	}
	refresh := opts.RefreshToken
	if refresh == "" {
		refresh = DefaultRefreshToken
	}
	t.refreshTokens[refresh] = struct{}{}
	return t
}

// tokenAnswer is the token endpoint's successful answer.
type tokenAnswer struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int64  `json:"expires_in"`
}

// oauthError is the token endpoint's error answer.
type oauthError struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// serve answers one token request. Messages never repeat what the request
// presented.
func (t *tokenEndpoint) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeOAuthError(w, http.StatusMethodNotAllowed, OAuthInvalidRequest,
			"the token endpoint accepts only POST")
		return
	}
	if media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); media != "application/x-www-form-urlencoded" {
		writeOAuthError(w, http.StatusBadRequest, OAuthInvalidRequest,
			"the request body must be application/x-www-form-urlencoded")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequestBytes)
	if err := r.ParseForm(); err != nil {
		writeOAuthError(w, http.StatusBadRequest, OAuthInvalidRequest,
			"the request body is not a valid form")
		return
	}
	form := r.PostForm // credentials in the query string do not count

	switch grant := form.Get("grant_type"); grant {
	case "refresh_token":
	case "":
		writeOAuthError(w, http.StatusBadRequest, OAuthInvalidRequest,
			"the grant_type parameter is missing")
		return
	default:
		writeOAuthError(w, http.StatusBadRequest, OAuthUnsupportedGrantType,
			"the grant type "+quote(grant)+" is not supported; use refresh_token")
		return
	}
	if !equalSecret(form.Get("client_id"), t.clientID) || !equalSecret(form.Get("client_secret"), t.clientSecret) {
		writeOAuthError(w, http.StatusUnauthorized, OAuthInvalidClient,
			"Client authentication failed: unknown client_id or wrong client_secret")
		return
	}
	refresh := form.Get("refresh_token")
	if refresh == "" {
		writeOAuthError(w, http.StatusBadRequest, OAuthInvalidRequest,
			"the refresh_token parameter is missing")
		return
	}

	answer, ok := t.exchange(refresh, time.Now())
	if !ok {
		writeOAuthError(w, http.StatusBadRequest, OAuthInvalidGrant,
			"The request has an invalid grant parameter: refresh_token")
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

// exchange issues an access token for refresh, rotating refresh when asked
// to. ok is false when refresh is not accepted.
func (t *tokenEndpoint) exchange(refresh string, now time.Time) (answer tokenAnswer, ok bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, ok := t.refreshTokens[refresh]; !ok {
		return tokenAnswer{}, false
	}
	for token, expiry := range t.issued {
		if !now.Before(expiry) {
			delete(t.issued, token)
		}
	}
	access := "Atza|" + randomToken()
	t.issued[access] = now.Add(t.lifetime)
	if t.rotate {
		delete(t.refreshTokens, refresh)
		refresh = "Atzr|" + randomToken()
		t.refreshTokens[refresh] = struct{}{}
	}
	return tokenAnswer{
		AccessToken:  access,
		RefreshToken: refresh,
		TokenType:    "bearer",
		ExpiresIn:    max(int64(t.lifetime/time.Second), 1),
	}, true
}

// accepts reports whether token was issued by the token endpoint and has not
// expired.
func (t *tokenEndpoint) accepts(token string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	expiry, ok := t.issued[token]
	return ok && time.Now().Before(expiry)
}

// expireAll makes every issued access token expired.
func (t *tokenEndpoint) expireAll() {
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.issued)
}

// ExpireAccessTokens makes every access token the token endpoint issued
// expire now: requests that present one are answered 401
// INVALID_ACCESS_TOKEN, as they would be once its lifetime passed. The
// static access token (Options.AccessToken) is not affected.
func (e *Emulator) ExpireAccessTokens() {
	e.tokens.expireAll()
}

// randomToken returns 32 random bytes in unpadded base64url.
func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return base64.RawURLEncoding.EncodeToString(b)
}

// writeOAuthError answers status with an OAuth 2.0 error body.
func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, oauthError{Error: code, Description: description})
}
