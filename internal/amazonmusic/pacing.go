package amazonmusic

import (
	"context"
	"math"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// The client paces itself in two ways only, each bounded by what it knows:
//
//   - Config.MaxRequestsPerSecond, when set, spaces every attempt of every
//     call, retries included, whatever its goroutine (a token bucket of
//     burst 1, see newPacer);
//   - a call answered 429 waits out that answer's Retry-After (or the
//     backoff when it has none) before its own next attempt, and holds no
//     other call.
//
// A 429 says that this request was refused, not why: the API may limit
// the account as a token bucket, each resource, or hold a lock. The client
// therefore never lowers a shared rate nor pauses every call on one 429.
// Against a token bucket this converges by itself: each call that meets
// the empty bucket waits its own Retry-After, during which the bucket
// refills, so the calls in flight send about the rate the API accepts.
// Against refusals of each request, the other calls go on unhindered.

// newPacer returns the limiter of cfg.MaxRequestsPerSecond, or nil when
// it is 0 (or infinite): no limit. NewClient has checked the setting.
func newPacer(cfg Config) *rate.Limiter {
	if cfg.MaxRequestsPerSecond <= 0 || math.IsInf(cfg.MaxRequestsPerSecond, 1) {
		return nil
	}
	return rate.NewLimiter(rate.Limit(cfg.MaxRequestsPerSecond), 1)
}

// prepareAttempt runs before every attempt of a call: the first one (send)
// and each retry (retryablehttp.PrepareRetry). It fails with the context's
// error once the caller's context is done, waits for its turn of
// Config.MaxRequestsPerSecond, then sets the credentials, so that a token
// that expired meanwhile is replaced.
func (c *Client) prepareAttempt(req *http.Request) error {
	// A write's requests run on a context detached from the caller's,
	// which is checked here so that no attempt starts once it is done.
	if cl := callFrom(req.Context()); cl != nil && cl.caller != nil {
		if err := cl.caller.Err(); err != nil {
			return err
		}
	}
	if err := waitTurn(req.Context(), c.pacer); err != nil {
		return err
	}
	return c.authorize(req)
}

// waitTurn waits for the next turn of limiter (at once when it is nil), or
// returns the context's error as soon as ctx is done, giving the turn back.
func waitTurn(ctx context.Context, limiter *rate.Limiter) error {
	if err := ctx.Err(); err != nil || limiter == nil {
		return err
	}
	turn := limiter.Reserve()
	delay := turn.Delay()
	if delay <= 0 {
		return nil
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		turn.Cancel()
		return ctx.Err()
	}
}

// observeThen returns a retryablehttp.CheckRetry that logs each failed
// attempt and each 429, then applies check.
func (c *Client) observeThen(check func(context.Context, *http.Response, error) (bool, error)) func(context.Context, *http.Response, error) (bool, error) {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		cl := callFrom(ctx)
		if cl != nil {
			cl.answered = time.Now()
		}
		if cl != nil && c.logger != nil {
			switch {
			case err != nil:
				c.logger.Warn(ctx, "request failed", "method", cl.method, "path", cl.path, "attempt", cl.attempts, "error", err.Error())
			case resp != nil && resp.StatusCode == http.StatusTooManyRequests:
				fields := []interface{}{"method", cl.method, "path", cl.path, "attempt", cl.attempts}
				if ra := resp.Header.Get("Retry-After"); ra != "" {
					fields = append(fields, "retry_after", ra)
				}
				c.logger.Info(ctx, "the API throttled a request (429): the call waits out its Retry-After or backoff; other calls go on", fields...)
			}
		}
		return check(ctx, resp, err)
	}
}
