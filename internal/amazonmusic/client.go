// Package amazonmusic is a client for the Amazon Music Web API v1.
//
// It holds authentication, retries and pagination, and knows nothing about
// Terraform: it could be published on its own.
//
// Each API resource has a file of its own with its calls, their inputs and
// their pages: library.go (saving a track to the library, removing it, and
// listing the saved tracks), catalog.go (reading a catalog track),
// playlists.go (creating, reading, updating, deleting and listing
// playlists) and playlist_tracks.go (adding tracks to a playlist and
// listing them). access_token.go hands out the access token the client
// sends. Around them: client.go (Config and NewClient), models.go (the
// shapes of the API's answers), track_id.go and trackurl.go (track ids and
// the Amazon Music URLs that name them), pages.go (paged listings),
// request.go (sending a call), transport.go, retry.go, answer.go,
// pacing.go, write.go and unreachable.go (its attempts, retries, pace,
// writes cut short and an API that does not answer), lwa.go (tokens from
// Login with Amazon), errors.go and shape.go (what the errors say).
package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"
)

// DefaultBaseURL is the production endpoint of the API. Paths start with /v1.
const DefaultBaseURL = "https://api.music.amazon.dev"

// DefaultTokenURL is the token endpoint of Login with Amazon, where a refresh
// token is exchanged for an access token.
const DefaultTokenURL = "https://api.amazon.com/auth/o2/token"

// Page size bounds of the API's paged endpoints.
const (
	MinPageSize     = 1
	MaxPageSize     = 100
	DefaultPageSize = 100
)

// DefaultMaxRetries is how many times a retryable request is repeated after
// its first attempt when Config.MaxRetries is not set.
const DefaultMaxRetries = 4

// Defaults of the Config fields that are left at their zero value.
const (
	DefaultRetryWaitMin = 1 * time.Second
	DefaultRetryWaitMax = 30 * time.Second
	DefaultUserAgent    = "terraform-provider-amazonmusic"
	// DefaultTimeout bounds one HTTP attempt (connection, headers and body)
	// of the client NewClient builds when Config.HTTPClient is nil and
	// Config.Timeout is zero.
	DefaultTimeout = 30 * time.Second
	// DefaultWriteGrace is how long a write whose attempt is on the wire
	// may go on after its caller's context is done, when Config.WriteGrace
	// is zero.
	DefaultWriteGrace = 5 * time.Second
)

// apiPrefix starts the path of every endpoint.
const apiPrefix = "/v1"

// Logger receives the client's diagnostic messages, each with the context
// of the call it concerns (for a token request, of the call that started
// it), whose values, such as the caller's log fields, it may use. Key-value
// pairs never carry credentials.
type Logger interface {
	Warn(ctx context.Context, msg string, keysAndValues ...interface{})
	Info(ctx context.Context, msg string, keysAndValues ...interface{})
	Debug(ctx context.Context, msg string, keysAndValues ...interface{})
}

// Config configures a Client.
type Config struct {
	// BaseURL of the API without the /v1 prefix; DefaultBaseURL when empty.
	// It must be an absolute http or https URL without query or fragment; a
	// path prefix and a trailing slash are allowed.
	BaseURL string
	// APIKey is sent as x-api-key (the security profile ID).
	APIKey string
	// AccessToken is sent as "Authorization: Bearer". Set either it (a
	// static token, used as long as the client lives) or RefreshToken with
	// ClientID and ClientSecret, not both.
	AccessToken string
	// RefreshToken (Atzr|...), ClientID and ClientSecret make the client get
	// its access tokens itself from Login with Amazon: it asks TokenURL for
	// one before the first request, asks again before the token expires, and
	// on a 401 answer asks once for a new token and repeats the request. A
	// refresh token that the token endpoint rotates is used from then on.
	// When a refresh fails while the current token is still valid, the
	// client logs a warning and keeps that token until it expires.
	RefreshToken string
	ClientID     string
	ClientSecret string
	// TokenURL is the token endpoint used with RefreshToken;
	// DefaultTokenURL when empty. It must be an absolute http or https URL
	// without user information, query or fragment. Requests to it use
	// HTTPClient's transport and timeout (or Timeout) and MaxRetries, and
	// never follow redirects.
	TokenURL string
	// MaxRetries bounds the retries of a request answered 429 or 5xx, or lost
	// to a network error. Negative means DefaultMaxRetries; 0 disables retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the backoff between attempts
	// (defaults DefaultRetryWaitMin and DefaultRetryWaitMax when zero). A
	// Retry-After header is honoured as sent, up to MaxRetryAfter.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// UserAgent is sent on every request; DefaultUserAgent when empty.
	UserAgent string
	// HTTPClient is the transport to use; when nil, a pooled client with a
	// Timeout per attempt and TLS 1.2 or newer. The client is copied, never
	// modified: its CheckRedirect is wrapped so that credentials are not
	// sent to another host.
	HTTPClient *http.Client
	// Timeout bounds one attempt (connection, headers and body) of the
	// client built when HTTPClient is nil, to the API and to TokenURL
	// alike; DefaultTimeout when zero. It must not be negative. With
	// HTTPClient set, that client's own Timeout applies and this one is
	// not used. An attempt that times out is retried like any other
	// network error; when the last one does, the call fails with an
	// *UnreachableError.
	Timeout time.Duration
	// WriteGrace is how long a write (PUT, POST, DELETE or PATCH) whose
	// attempt is on the wire may go on after the caller's context is done,
	// so that the client learns what the API did rather than cut the
	// request off with its outcome unknown; DefaultWriteGrace when zero, no
	// grace when negative. The answer that arrives within it is returned as
	// if the context were live. No attempt starts after the context is
	// done, whatever the method, and a read on the wire stops at once.
	WriteGrace time.Duration
	// Logger receives retry and request messages; silent when nil.
	Logger Logger
	// MaxRequestsPerSecond caps the rate at which the client sends requests
	// (attempts, retries included), shared by every call of the client
	// whatever its goroutine. 0 means no cap. Either way a call answered
	// 429 waits out the answer's Retry-After before its next attempt,
	// without holding the other calls (see newPacer). It must not be
	// negative.
	MaxRequestsPerSecond float64
}

// Client talks to the Amazon Music Web API. It is safe for concurrent use.
type Client struct {
	// baseURL is the API root without trailing slash, e.g.
	// "https://api.music.amazon.dev".
	baseURL string
	apiKey  string
	// tokens yields the bearer token of every attempt: a static token, or
	// one obtained and refreshed through Login with Amazon.
	tokens    tokenSource
	userAgent string
	logger    Logger
	http      *retryablehttp.Client
	// pacer spaces the attempts of every call at
	// Config.MaxRequestsPerSecond; nil when there is no limit.
	pacer *rate.Limiter
	// host is the host and port of baseURL, which an UnreachableError
	// names.
	host string
	// writeGrace is Config.WriteGrace with its default applied; 0 means
	// no grace.
	writeGrace time.Duration
}

// NewClient checks cfg and returns a client.
func NewClient(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := checkCredentials(cfg); err != nil {
		return nil, err
	}

	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}
	if !validHeaderValue(userAgent) {
		return nil, errors.New("amazonmusic: the user agent contains control characters")
	}
	if !(cfg.MaxRequestsPerSecond >= 0) { // NaN too
		return nil, errors.New("amazonmusic: the maximum number of requests per second must not be negative")
	}
	if cfg.Timeout < 0 {
		return nil, errors.New("amazonmusic: the timeout must not be negative")
	}

	c := &Client{
		baseURL:    base,
		apiKey:     cfg.APIKey,
		tokens:     staticToken(cfg.AccessToken),
		userAgent:  userAgent,
		logger:     cfg.Logger,
		host:       hostPort(base),
		writeGrace: writeGrace(cfg.WriteGrace),
	}
	if usesRefreshFlow(cfg) {
		tokenURL, err := parseEndpointURL(cfg.TokenURL, DefaultTokenURL, "token URL")
		if err != nil {
			return nil, err
		}
		c.tokens = newLWATokens(cfg, tokenURL, newTokenHTTPClient(cfg))
	}
	c.pacer = newPacer(cfg)
	c.http = c.newRetryableClient(cfg)
	return c, nil
}

// parseBaseURL checks raw (DefaultBaseURL when empty) and returns it without
// trailing slashes. Errors never repeat the URL, which might hold a password.
func parseBaseURL(raw string) (string, error) {
	return parseEndpointURL(raw, DefaultBaseURL, "base URL")
}

// parseEndpointURL checks raw (def when empty), an absolute http or https URL
// without user information, query or fragment, and returns it without
// trailing slashes. name says which URL it is in errors, which never repeat
// the URL.
func parseEndpointURL(raw, def, name string) (string, error) {
	if raw == "" {
		raw = def
	}
	u, err := url.Parse(raw)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return "", fmt.Errorf("amazonmusic: invalid %s: %w", name, err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("amazonmusic: invalid %s: it must be an absolute http or https URL", name)
	case u.Host == "":
		return "", fmt.Errorf("amazonmusic: invalid %s: it has no host", name)
	case u.User != nil:
		return "", fmt.Errorf("amazonmusic: invalid %s: it must not contain user information", name)
	case u.RawQuery != "" || u.ForceQuery:
		return "", fmt.Errorf("amazonmusic: invalid %s: it must not contain a query", name)
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", fmt.Errorf("amazonmusic: invalid %s: it must not contain a fragment", name)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// hostPort returns the host and port of base, a URL parseBaseURL accepted,
// with the scheme's default port when it names none: "api.music.amazon.dev:443".
func hostPort(base string) string {
	u, err := url.Parse(base)
	if err != nil { // not expected: parseBaseURL parsed it
		return ""
	}
	port := u.Port()
	if port == "" {
		port = "443"
		if u.Scheme == "http" {
			port = "80"
		}
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// writeGrace returns the grace of a write on the wire for the setting
// grace: DefaultWriteGrace when zero, none (0) when negative.
func writeGrace(grace time.Duration) time.Duration {
	switch {
	case grace == 0:
		return DefaultWriteGrace
	case grace < 0:
		return 0
	}
	return grace
}

// usesRefreshFlow reports whether cfg asks for access tokens from Login with
// Amazon rather than a static one: any of its refresh settings is set.
func usesRefreshFlow(cfg Config) bool {
	return cfg.RefreshToken != "" || cfg.ClientID != "" || cfg.ClientSecret != ""
}

// checkCredentials reports every missing, conflicting or malformed credential
// without ever repeating its value. A client has an API key and either an
// access token or the three refresh settings.
func checkCredentials(cfg Config) error {
	errs := []error{checkCredential("an API key", cfg.APIKey)}
	switch {
	case usesRefreshFlow(cfg) && cfg.AccessToken != "":
		errs = append(errs, errors.New("amazonmusic: set either an access token or a refresh token with a client ID and client secret, not both"))
	case usesRefreshFlow(cfg):
		errs = append(errs,
			checkCredential("a refresh token", cfg.RefreshToken),
			checkCredential("a client ID", cfg.ClientID),
			checkCredential("a client secret", cfg.ClientSecret))
	case cfg.TokenURL != "":
		errs = append(errs, errors.New("amazonmusic: a token URL is only used with a refresh token"))
	case strings.TrimSpace(cfg.AccessToken) == "":
		errs = append(errs, errors.New("amazonmusic: an access token is required, or a refresh token with a client ID and client secret"))
	default:
		errs = append(errs, checkCredential("an access token", cfg.AccessToken))
	}
	return errors.Join(errs...)
}

// checkCredential reports a blank value, or one that cannot be sent in a
// header or form, naming it as name ("an API key") and never repeating it.
func checkCredential(name, value string) error {
	switch {
	case strings.TrimSpace(value) == "":
		return fmt.Errorf("amazonmusic: %s is required", name)
	case !validHeaderValue(value):
		_, what, _ := strings.Cut(name, " ")
		return fmt.Errorf("amazonmusic: the %s contains control characters", what)
	}
	return nil
}

// validHeaderValue reports whether v can be sent as an HTTP header value.
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if b := v[i]; (b < ' ' && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}
