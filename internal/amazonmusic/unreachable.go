package amazonmusic

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// ErrUnreachable matches (errors.Is) an *UnreachableError: the last
// attempt of a call got no HTTP answer from the API.
var ErrUnreachable = errors.New("the API is unreachable")

// UnreachableError is the error of a call that gave up because its last
// attempt got no HTTP answer at all: the connection was refused, reset or
// closed before the answer, or the attempt timed out. It is never an
// untrusted certificate nor a malformed request, which no retry cures, nor
// the caller's cancellation. It matches ErrUnreachable, and through Unwrap
// the network error.
type UnreachableError struct {
	// Host is the host and port of the API's base URL, such as
	// "api.music.amazon.dev:443"; never its path or query.
	Host string
	// Attempts is how many times the request was sent, in all.
	Attempts int
	// Err is the network error of the last attempt, without the
	// request's URL.
	Err error
}

// Error formats the error as "giving up after 5 attempts: the API at
// 127.0.0.1:41234 did not answer: dial tcp 127.0.0.1:41234: connect:
// connection refused".
func (e *UnreachableError) Error() string {
	return "giving up after " + plural(e.Attempts, "attempt") + ": the API at " + e.Host + " did not answer: " + e.Err.Error()
}

// Unwrap returns the network error of the last attempt.
func (e *UnreachableError) Unwrap() error { return e.Err }

// Is reports whether target is ErrUnreachable.
func (e *UnreachableError) Is(target error) bool { return target == ErrUnreachable }

// giveUp is the retryablehttp.ErrorHandler of the API's requests: the
// package's giveUp, except that a last attempt without any HTTP answer
// becomes an *UnreachableError naming the API's host.
func (c *Client) giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if cause := unanswered(resp, err); cause != nil {
		return nil, &UnreachableError{Host: c.host, Attempts: attempts, Err: cause}
	}
	return giveUp(resp, err, attempts)
}

// unanswered returns the network error, without its URL, of an attempt that
// got no HTTP answer and might get one if tried again. It returns nil when
// there was an answer (resp, even one whose body broke off), when err is
// the context's error or a failure before any request (obtaining a token,
// waiting for a turn), and when err is permanent (see permanentNetError).
func unanswered(resp *http.Response, err error) error {
	var urlErr *url.Error
	if resp != nil || !errors.As(err, &urlErr) || permanentNetError(err) || errors.Is(err, context.Canceled) {
		return nil
	}
	return urlErr.Err
}
