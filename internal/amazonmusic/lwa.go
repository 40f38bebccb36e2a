package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// Timing of access tokens obtained from Login with Amazon.
const (
	// maxRefreshMargin bounds how long before its expiry an access token is
	// replaced: a token of one hour is replaced five minutes early.
	maxRefreshMargin = 5 * time.Minute
	// maxTokenRequestTime bounds one exchange with the token endpoint,
	// retries included, whoever waits for it.
	maxTokenRequestTime = 5 * time.Minute
	// refreshRetryInterval is how long a token that is still valid is kept
	// after a failed refresh before the client asks again (never past the
	// token's expiry).
	refreshRetryInterval = time.Minute
)

// tokenSource yields the access token of each attempt.
type tokenSource interface {
	// token returns the access token to send now.
	token(ctx context.Context) (string, error)
	// invalidate tells that the API refused token. It reports whether a
	// request is worth repeating: whether a later call to token can return
	// another token.
	invalidate(token string) bool
	// refusedHint is the next step after the API refused a token for good
	// (a final 401).
	refusedHint() string
}

// staticToken is an access token given in Config: it never changes.
type staticToken string

func (s staticToken) token(context.Context) (string, error) { return string(s), nil }

func (s staticToken) invalidate(string) bool { return false }

func (s staticToken) refusedHint() string {
	return "Access tokens expire after about an hour: use a fresh one, or a refresh token with its client id and " +
		"secret, so that new access tokens are obtained as they expire"
}

// lwaTokens obtains access tokens from Login with Amazon with a refresh
// token and keeps the current one until shortly before it expires. It is
// safe for concurrent use: callers that need a new token while one is being
// requested wait for that request, so that any number of parallel calls
// cause one exchange with the token endpoint.
type lwaTokens struct {
	conf   oauth2.Config
	http   *http.Client // for the token endpoint
	logger Logger
	now    func() time.Time

	mu sync.Mutex
	// secrets are removed from every error message: the client secret and
	// each refresh token ever used.
	secrets      []string
	refreshToken string
	access       string
	expiry       time.Time // when access expires; zero: unknown
	refreshAt    time.Time // when to replace access; zero: only on a 401
	inflight     *tokenRequest
}

// tokenRequest is one exchange with the token endpoint that callers wait for.
type tokenRequest struct {
	done   chan struct{}
	token  string
	expiry time.Time // zero: unknown
	err    error
}

// newLWATokens returns the token source of cfg's refresh settings, asking
// tokenURL through hc.
func newLWATokens(cfg Config, tokenURL string, hc *http.Client) *lwaTokens {
	return &lwaTokens{
		conf: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			// Login with Amazon takes the client credentials as form
			// fields; naming the style avoids oauth2's probing, which would
			// send them twice.
			Endpoint: oauth2.Endpoint{TokenURL: tokenURL, AuthStyle: oauth2.AuthStyleInParams},
		},
		http:         hc,
		logger:       cfg.Logger,
		now:          time.Now,
		secrets:      []string{cfg.ClientSecret, cfg.RefreshToken},
		refreshToken: cfg.RefreshToken,
	}
}

// newTokenHTTPClient returns the client for the token endpoint: cfg's
// transport and timeout (or the package's defaults), cfg's retries of 429,
// 5xx and network errors, and no redirects, which would carry the client
// secret elsewhere.
func newTokenHTTPClient(cfg Config) *http.Client {
	noRedirects := func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	hc := newHTTPClient(cfg)
	hc.CheckRedirect = noRedirects
	// The retrying client is wrapped in an http.Client of its own, which
	// would follow the redirect that hc handed back.
	client := newRetryPolicyClient(cfg, hc).StandardClient()
	client.CheckRedirect = noRedirects
	return client
}

// token returns the current access token, or a new one when there is none
// or it is about to expire.
func (s *lwaTokens) token(ctx context.Context) (string, error) {
	token, _, err := s.tokenWithExpiry(ctx)
	return token, err
}

// tokenWithExpiry is token that also returns when the token expires (zero
// when the token endpoint did not say).
func (s *lwaTokens) tokenWithExpiry(ctx context.Context) (string, time.Time, error) {
	s.mu.Lock()
	if s.access != "" && (s.refreshAt.IsZero() || s.now().Before(s.refreshAt)) {
		token, expiry := s.access, s.expiry
		s.mu.Unlock()
		return token, expiry, nil
	}
	req := s.inflight
	if req == nil {
		req = &tokenRequest{done: make(chan struct{})}
		s.inflight = req
		// The exchange is shared by every caller that waits for it, so no
		// caller's cancellation ends it; maxTokenRequestTime does. It logs
		// with this caller's context.
		go s.requestToken(context.WithoutCancel(ctx), req)
	}
	s.mu.Unlock()

	select {
	case <-req.done:
		return req.token, req.expiry, req.err
	case <-ctx.Done():
		return "", time.Time{}, ctx.Err()
	}
}

// invalidate drops token when it is still the current one, so that the next
// call to token asks for a new one. A token that was already replaced is
// left alone: parallel calls refused with the same token cause one exchange.
func (s *lwaTokens) invalidate(token string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if token != "" && token == s.access {
		s.access = ""
		s.expiry = time.Time{}
		s.refreshAt = time.Time{}
	}
	return true
}

func (s *lwaTokens) refusedHint() string {
	return "The API refused an access token just obtained with the refresh token: check that the refresh token " +
		"and the client id belong to the security profile whose id is the api key"
}

// requestToken exchanges the refresh token for an access token and hands the
// result to every caller waiting for req. logCtx is the context of its log
// lines.
func (s *lwaTokens) requestToken(logCtx context.Context, req *tokenRequest) {
	ctx, cancel := context.WithTimeout(context.Background(), maxTokenRequestTime)
	defer cancel()
	ctx = context.WithValue(ctx, oauth2.HTTPClient, s.http)

	s.mu.Lock()
	refreshToken := s.refreshToken
	s.mu.Unlock()

	if s.logger != nil {
		s.logger.Debug(logCtx, "requesting an access token from Login with Amazon", "token_url", s.conf.Endpoint.TokenURL)
	}
	began := s.now()
	// A token with no access token is never valid: the source refreshes at
	// once, with ctx.
	tok, err := s.conf.TokenSource(ctx, &oauth2.Token{RefreshToken: refreshToken}).Token()
	if err == nil && !validHeaderValue(tok.AccessToken) {
		err = errors.New("its access token holds characters that cannot be sent in a header")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer close(req.done)
	s.inflight = nil
	if err != nil {
		s.refreshFailed(logCtx, req, s.tokenError(err))
		return
	}

	rotated := tok.RefreshToken != "" && tok.RefreshToken != s.refreshToken
	if rotated {
		s.refreshToken = tok.RefreshToken
		s.addSecret(tok.RefreshToken)
	}
	lifetime := tokenLifetime(tok, s.now())
	s.access = tok.AccessToken
	s.expiry = time.Time{}
	if lifetime > 0 {
		// Counted from the request, the expiry errs on the early side.
		s.expiry = began.Add(lifetime)
	}
	s.refreshAt = refreshTime(began, lifetime)
	req.token = tok.AccessToken
	req.expiry = s.expiry
	if s.logger != nil {
		s.logger.Info(logCtx, "obtained an access token from Login with Amazon",
			"expires_in", tok.ExpiresIn, "refresh_token_rotated", rotated)
	}
}

// refreshFailed hands err to the callers waiting for req, unless the
// current access token is still valid: then they get that token, and the
// client asks again after refreshRetryInterval, or at its expiry if that
// comes first. Either way the failure is logged as a warning. s.mu must be
// held.
func (s *lwaTokens) refreshFailed(logCtx context.Context, req *tokenRequest, err error) {
	now := s.now()
	if s.access == "" || s.expiry.IsZero() || !now.Before(s.expiry) {
		req.err = err
		if s.logger != nil {
			s.logger.Warn(logCtx, "requesting an access token from Login with Amazon failed", "error", err.Error())
		}
		return
	}
	s.refreshAt = now.Add(refreshRetryInterval)
	if s.refreshAt.After(s.expiry) {
		s.refreshAt = s.expiry
	}
	req.token, req.expiry = s.access, s.expiry
	if s.logger != nil {
		s.logger.Warn(logCtx, "refreshing the access token with Login with Amazon failed; the current token, still valid, is used until it expires",
			"error", err.Error(), "expires_in", s.expiry.Sub(now).Round(time.Second).String(),
			"next_try_in", s.refreshAt.Sub(now).Round(time.Second).String())
	}
}

// tokenLifetime is how long tok lives from now by its expires_in, or by its
// expiry when the answer was not JSON; 0 when unknown.
func tokenLifetime(tok *oauth2.Token, now time.Time) time.Duration {
	const maxSeconds = int64(1<<63-1) / int64(time.Second)
	switch {
	case tok.ExpiresIn > maxSeconds:
		return time.Duration(maxSeconds) * time.Second
	case tok.ExpiresIn > 0:
		return time.Duration(tok.ExpiresIn) * time.Second
	case !tok.Expiry.IsZero():
		return max(tok.Expiry.Sub(now), 0)
	}
	return 0
}

// refreshTime is when a token requested at began that lives lifetime is
// replaced: a quarter of its lifetime early, at most maxRefreshMargin. A
// token of unknown lifetime (0) is replaced only when the API refuses it
// (zero time).
func refreshTime(began time.Time, lifetime time.Duration) time.Time {
	if lifetime <= 0 {
		return time.Time{}
	}
	return began.Add(lifetime - min(lifetime/4, maxRefreshMargin))
}

// addSecret adds a secret to redact. s.mu must be held.
func (s *lwaTokens) addSecret(secret string) {
	s.secrets = append(s.secrets, secret)
}

// redact removes every known secret from text, as it is and URL-encoded.
// s.mu must be held.
func (s *lwaTokens) redact(text string) string {
	for _, secret := range s.secrets {
		if secret == "" {
			continue
		}
		text = strings.ReplaceAll(text, secret, "[redacted]")
		if escaped := url.QueryEscape(secret); escaped != secret {
			text = strings.ReplaceAll(text, escaped, "[redacted]")
		}
	}
	return text
}

// tokenError turns an error of the oauth2 package into one that names the
// OAuth error code and description, or the status and kind of body, and
// never repeats a secret: the answer's body is never quoted, as it could
// echo what the request sent. s.mu must be held.
func (s *lwaTokens) tokenError(err error) error {
	var (
		retrieveErr *oauth2.RetrieveError
		urlErr      *url.Error
	)
	switch {
	case errors.As(err, &retrieveErr):
		te := &TokenError{
			Code:        sanitize(s.redact(retrieveErr.ErrorCode), maxCodeRunes),
			Description: sanitize(s.redact(retrieveErr.ErrorDescription), maxMessageRunes),
		}
		if resp := retrieveErr.Response; resp != nil {
			te.StatusCode = resp.StatusCode
			if te.Code == "" {
				te.Description = bodyKind(resp.StatusCode, resp.Header.Get("Content-Type"), len(retrieveErr.Body))
			}
		}
		return te
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("the Login with Amazon token endpoint did not answer within %s", maxTokenRequestTime)
	case errors.As(err, &urlErr):
		// The URL is the token endpoint's, which holds no credentials.
		return fmt.Errorf("POST %s: %s", s.conf.Endpoint.TokenURL, sanitize(s.redact(urlErr.Err.Error()), maxMessageRunes))
	}
	msg := strings.TrimPrefix(err.Error(), "oauth2: ")
	return fmt.Errorf("unexpected answer from the Login with Amazon token endpoint: %s", sanitize(s.redact(msg), maxMessageRunes))
}

// bodyKind describes, without quoting it, the body of an answer that is not
// an OAuth error: "Bad Gateway (text/html body)".
func bodyKind(status int, contentType string, size int) string {
	text := http.StatusText(status)
	if text == "" {
		text = "HTTP status " + strconv.Itoa(status)
	}
	if size == 0 {
		return text + " (empty body)"
	}
	return text + " (" + describeContentType(contentType) + " body, not an OAuth error)"
}

// TokenError is an answer of the Login with Amazon token endpoint that
// issued no access token.
type TokenError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the OAuth 2.0 error code, such as "invalid_client" or
	// "invalid_grant"; empty when the answer had none.
	Code string
	// Description is the answer's error_description, or a description of
	// its status and body when it had no error code. Credentials are
	// removed from it.
	Description string
}

// Error formats the error as "the Login with Amazon token endpoint answered
// HTTP 400 invalid_grant: <description>", with a hint for the usual codes.
func (e *TokenError) Error() string {
	var b strings.Builder
	b.WriteString("the Login with Amazon token endpoint answered HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Code != "" {
		b.WriteByte(' ')
		b.WriteString(e.Code)
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(e.Description)
	}
	switch e.Code {
	case "invalid_client", "unauthorized_client":
		b.WriteString(" (check the client ID and client secret of the security profile)")
	case "invalid_grant":
		b.WriteString(" (the refresh token is invalid, expired or revoked, or was issued to another client: obtain a new one)")
	}
	return b.String()
}
