package amazonmusic

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net/http"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
)

// maxRedirects bounds the redirects one attempt follows, as net/http does.
const maxRedirects = 10

// errTooManyRedirects stops a redirect chain; it is not retried.
var errTooManyRedirects = fmt.Errorf("stopped after %d redirects", maxRedirects)

// credentialHeaders are the headers that authenticate a request. They are
// only sent to the scheme and host of the first request.
var credentialHeaders = []string{"Authorization", "X-Api-Key"}

// newRetryableClient builds the retrying HTTP client of c from cfg.
func (c *Client) newRetryableClient(cfg Config) *retryablehttp.Client {
	rc := newRetryPolicyClient(cfg, newHTTPClient(cfg))
	rc.RequestLogHook = c.beforeAttempt
	rc.ResponseLogHook = c.afterAttempt
	rc.PrepareRetry = c.prepareAttempt
	rc.CheckRetry = c.observeThen(settleWrites(rc.CheckRetry))
	rc.ErrorHandler = c.giveUp
	return rc
}

// newRetryPolicyClient returns a retrying client sending through hc with the
// retry settings of cfg and the package's retry policy, and no hooks.
func newRetryPolicyClient(cfg Config, hc *http.Client) *retryablehttp.Client {
	maxRetries := cfg.MaxRetries
	if maxRetries < 0 {
		maxRetries = DefaultMaxRetries
	}
	waitMin, waitMax := cfg.RetryWaitMin, cfg.RetryWaitMax
	if waitMin <= 0 {
		waitMin = DefaultRetryWaitMin
	}
	if waitMax <= 0 {
		waitMax = DefaultRetryWaitMax
	}
	if waitMax < waitMin {
		waitMax = waitMin
	}

	rc := &retryablehttp.Client{
		HTTPClient:   hc,
		RetryWaitMin: waitMin,
		RetryWaitMax: waitMax,
		RetryMax:     maxRetries,
		CheckRetry:   checkAnswer,
		Backoff:      backoff,
		ErrorHandler: giveUp,
	}
	// retryablehttp's own log lines carry no context: the client logs each
	// attempt itself (beforeAttempt, observeThen, afterAttempt), and
	// retryablehttp, which logs to stderr unless Logger is nil, stays silent.
	rc.Logger = nil
	return rc
}

// newHTTPClient returns a copy of cfg.HTTPClient, or when it is nil a pooled
// client with cfg's timeout per attempt (DefaultTimeout when zero) and TLS
// 1.2 or newer, whose redirects never carry credentials to another host.
func newHTTPClient(cfg Config) *http.Client {
	var hc http.Client
	if cfg.HTTPClient != nil {
		hc = *cfg.HTTPClient
	} else {
		transport := cleanhttp.DefaultPooledTransport()
		transport.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		timeout := cfg.Timeout
		if timeout == 0 {
			timeout = DefaultTimeout
		}
		hc = http.Client{Transport: transport, Timeout: timeout}
	}
	hc.CheckRedirect = redirectPolicy(hc.CheckRedirect)
	return &hc
}

// redirectPolicy strips the credential headers from a redirect that leaves
// the scheme and host (port included) of the original request, then applies
// next, or a limit of maxRedirects when next is nil.
//
// net/http keeps Authorization on a redirect to the same host name on another
// port and always keeps custom headers such as x-api-key: both are removed
// here.
func redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > 0 {
			first := via[0].URL
			if req.URL.Scheme != first.Scheme || req.URL.Host != first.Host {
				for _, h := range credentialHeaders {
					req.Header.Del(h)
				}
			}
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= maxRedirects {
			return errTooManyRedirects
		}
		return nil
	}
}

// isRedirectLimit reports whether err is the redirect limit of redirectPolicy.
func isRedirectLimit(err error) bool {
	return errors.Is(err, errTooManyRedirects)
}
