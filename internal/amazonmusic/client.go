// Package amazonmusic is a client for the Amazon Music Web API v1.
//
// It holds authentication, retries and pagination, and knows nothing about
// Terraform: it could be published on its own.
package amazonmusic

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/oauth2"
)

// DefaultBaseURL is the production endpoint of the API. Paths start with /v1.
const DefaultBaseURL = "https://api.music.amazon.dev"

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
	// of the client NewClient builds when Config.HTTPClient is nil.
	DefaultTimeout = 60 * time.Second
)

// apiPrefix starts the path of every endpoint.
const apiPrefix = "/v1"

// Logger receives the client's diagnostic messages. Key-value pairs never
// carry credentials. It matches go-retryablehttp's LeveledLogger.
type Logger interface {
	Error(msg string, keysAndValues ...interface{})
	Info(msg string, keysAndValues ...interface{})
	Debug(msg string, keysAndValues ...interface{})
	Warn(msg string, keysAndValues ...interface{})
}

// Config configures a Client.
type Config struct {
	// BaseURL of the API without the /v1 prefix; DefaultBaseURL when empty.
	// It must be an absolute http or https URL without query or fragment; a
	// path prefix and a trailing slash are allowed.
	BaseURL string
	// APIKey is sent as x-api-key (the security profile ID).
	APIKey string
	// AccessToken is sent as "Authorization: Bearer".
	AccessToken string
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
	// DefaultTimeout per attempt and TLS 1.2 or newer. The client is copied,
	// never modified: its CheckRedirect is wrapped so that credentials are not
	// sent to another host.
	HTTPClient *http.Client
	// Logger receives retry and request messages; silent when nil.
	Logger Logger
}

// Client talks to the Amazon Music Web API. It is safe for concurrent use.
type Client struct {
	// baseURL is the API root without trailing slash, e.g.
	// "https://api.music.amazon.dev".
	baseURL string
	apiKey  string
	// tokens yields the bearer token of every attempt. It is a static source
	// today; a refreshing source can take its place without other changes.
	tokens    oauth2.TokenSource
	userAgent string
	logger    Logger
	http      *retryablehttp.Client
}

// NewClient checks cfg and returns a client.
func NewClient(cfg Config) (*Client, error) {
	base, err := parseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if err := checkCredentials(cfg.APIKey, cfg.AccessToken); err != nil {
		return nil, err
	}

	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}
	if !validHeaderValue(userAgent) {
		return nil, errors.New("amazonmusic: the user agent contains control characters")
	}

	c := &Client{
		baseURL:   base,
		apiKey:    cfg.APIKey,
		tokens:    oauth2.StaticTokenSource(&oauth2.Token{AccessToken: cfg.AccessToken, TokenType: "Bearer"}),
		userAgent: userAgent,
		logger:    cfg.Logger,
	}
	c.http = c.newRetryableClient(cfg)
	return c, nil
}

// parseBaseURL checks raw (DefaultBaseURL when empty) and returns it without
// trailing slashes. Errors never repeat the URL, which might hold a password.
func parseBaseURL(raw string) (string, error) {
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(raw)
	if err != nil {
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return "", fmt.Errorf("amazonmusic: invalid base URL: %w", err)
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", errors.New("amazonmusic: invalid base URL: it must be an absolute http or https URL")
	case u.Host == "":
		return "", errors.New("amazonmusic: invalid base URL: it has no host")
	case u.User != nil:
		return "", errors.New("amazonmusic: invalid base URL: it must not contain user information")
	case u.RawQuery != "" || u.ForceQuery:
		return "", errors.New("amazonmusic: invalid base URL: it must not contain a query")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", errors.New("amazonmusic: invalid base URL: it must not contain a fragment")
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// checkCredentials reports every missing or malformed credential without
// ever repeating its value.
func checkCredentials(apiKey, accessToken string) error {
	var errs []error
	for _, cred := range []struct{ name, value string }{
		{"API key", apiKey},
		{"access token", accessToken},
	} {
		switch {
		case strings.TrimSpace(cred.value) == "":
			errs = append(errs, fmt.Errorf("amazonmusic: an %s is required", cred.name))
		case !validHeaderValue(cred.value):
			errs = append(errs, fmt.Errorf("amazonmusic: the %s contains control characters", cred.name))
		}
	}
	return errors.Join(errs...)
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
