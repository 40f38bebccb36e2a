package amazonmusic

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// MaxRetryAfter caps the wait a Retry-After header asks for, so that a
// nonsensical value cannot stall a call for days.
const MaxRetryAfter = 10 * time.Minute

// retryableStatus reports whether an answer with this status is worth
// repeating: 429 and the 5xx range except 501 Not Implemented.
func retryableStatus(status int) bool {
	return status == http.StatusTooManyRequests ||
		(status >= 500 && status <= 599 && status != http.StatusNotImplemented)
}

// checkRetry is the retry policy (retryablehttp.CheckRetry). It stops at once
// with the context's error when ctx is done, retries transient network
// errors, 429 and 5xx (but 501), and never other statuses.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if err != nil {
		if permanentNetError(err) {
			return false, err
		}
		return true, nil
	}
	return retryableStatus(resp.StatusCode), nil
}

// permanentNetError reports whether err, returned by an http.Client, will not
// go away by trying again: an untrusted certificate, a malformed request or
// URL, too many redirects.
func permanentNetError(err error) bool {
	var (
		certErr      *tls.CertificateVerificationError
		unknownAuth  x509.UnknownAuthorityError
		hostnameErr  x509.HostnameError
		invalidCert  x509.CertificateInvalidError
		urlErr       *url.Error
		recordHeader tls.RecordHeaderError
	)
	switch {
	case isRedirectLimit(err),
		errors.As(err, &certErr),
		errors.As(err, &unknownAuth),
		errors.As(err, &hostnameErr),
		errors.As(err, &invalidCert),
		errors.As(err, &recordHeader): // TLS spoken to a plain HTTP server
		return true
	case errors.As(err, &urlErr):
		// net/http reports these only as text.
		msg := urlErr.Err.Error()
		return strings.Contains(msg, "unsupported protocol scheme") ||
			strings.Contains(msg, "invalid header field") ||
			strings.Contains(msg, "no Host in request URL") ||
			strings.Contains(msg, "certificate is not trusted")
	}
	return false
}

// backoff is the wait before the next attempt (retryablehttp.Backoff). A
// Retry-After header on the previous answer wins, whatever its status;
// otherwise the wait grows exponentially from waitMin to waitMax with equal jitter.
func backoff(waitMin, waitMax time.Duration, attemptNum int, resp *http.Response) time.Duration {
	if resp != nil {
		if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return wait
		}
	}
	return jitteredBackoff(waitMin, waitMax, attemptNum)
}

// backoffCeiling is waitMin doubled attemptNum times, capped at waitMax.
func backoffCeiling(waitMin, waitMax time.Duration, attemptNum int) time.Duration {
	if waitMax < waitMin {
		waitMax = waitMin
	}
	ceiling := waitMin
	for i := 0; i < attemptNum && ceiling < waitMax; i++ {
		ceiling *= 2
		if ceiling <= 0 { // overflow
			return waitMax
		}
	}
	if ceiling > waitMax {
		ceiling = waitMax
	}
	return ceiling
}

// jitteredBackoff returns a random wait in [max(waitMin, ceiling/2), ceiling]
// where ceiling is backoffCeiling ("equal jitter": clients that failed
// together spread out, yet every wait is at least half the exponential one).
func jitteredBackoff(waitMin, waitMax time.Duration, attemptNum int) time.Duration {
	ceiling := backoffCeiling(waitMin, waitMax, attemptNum)
	floor := ceiling / 2
	if floor < waitMin {
		floor = waitMin
	}
	if ceiling <= floor {
		return floor
	}
	return floor + rand.N(ceiling-floor+1)
}

// parseRetryAfter reads a Retry-After header value, delta-seconds or an
// HTTP date, relative to now. ok is false for an empty or malformed value.
// A date in the past means no wait; waits are capped at MaxRetryAfter.
func parseRetryAfter(value string, now time.Time) (wait time.Duration, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if isDigits(value) {
		secs, err := strconv.ParseUint(value, 10, 64)
		if err != nil || secs > uint64(MaxRetryAfter/time.Second) {
			// Only digits, so the error is an overflow: a very long wait.
			return MaxRetryAfter, true
		}
		return time.Duration(secs) * time.Second, true
	}
	when, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	wait = when.Sub(now)
	switch {
	case wait < 0:
		return 0, true
	case wait > MaxRetryAfter:
		return MaxRetryAfter, true
	}
	return wait, true
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// giveUp is the retryablehttp.ErrorHandler, called when retries are over or
// the policy stopped on an error. An answer is handed back as it is, body
// unread, so that the caller builds an APIError from it; errors say how many
// attempts were made.
func giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if err == nil && resp != nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	if err == nil { // not expected from checkRetry; be safe
		err = errors.New("request failed")
	}
	// The caller's context ended: checkRetry hands back its error as it is.
	// A timeout of one attempt (http.Client.Timeout) matches
	// context.DeadlineExceeded too, but comes wrapped, and is reported with
	// the attempts like any other failure.
	if err == context.Canceled || err == context.DeadlineExceeded {
		return nil, err
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		// The URL is known to the caller; keep the cause only.
		err = urlErr.Err
	}
	return nil, fmt.Errorf("giving up after %s: %w", plural(attempts, "attempt"), err)
}

// plural formats n and noun, adding an s when n is not 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
