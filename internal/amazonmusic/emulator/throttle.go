package emulator

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// throttle is the token bucket of Options.RateLimit: it holds up to burst
// tokens, gains rate tokens a second, and each API request takes one. It
// has its own lock.
type throttle struct {
	now func() time.Time

	mu        sync.Mutex
	rate      float64 // tokens a second; 0: no limit
	burst     float64
	tokens    float64
	last      time.Time
	throttled int
}

// newThrottle returns a throttle of rate requests a second with a bucket of
// burst (see SetRateLimit), full.
func newThrottle(rate float64, burst int) *throttle {
	t := &throttle{now: time.Now}
	t.set(rate, burst)
	return t
}

// set changes the rate and the size of the bucket and fills it. A rate that
// is not positive (or NaN) disables the limit; a burst below 1 is the rate
// rounded up, at least 1.
func (t *throttle) set(rate float64, burst int) {
	if !(rate > 0) || math.IsInf(rate, 1) {
		rate = 0
	}
	size := float64(burst)
	if burst < 1 {
		size = max(1, math.Ceil(rate))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.rate, t.burst, t.tokens, t.last = rate, size, size, t.now()
}

// take takes a token for one request. When the bucket is empty it counts the
// request as throttled and returns false with how long until a token is
// there.
func (t *throttle) take() (ok bool, wait time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.rate == 0 {
		return true, 0
	}
	now := t.now()
	if elapsed := now.Sub(t.last); elapsed > 0 {
		t.tokens = min(t.burst, t.tokens+elapsed.Seconds()*t.rate)
	}
	t.last = now
	if t.tokens >= 1 {
		t.tokens--
		return true, 0
	}
	t.throttled++
	return false, time.Duration((1 - t.tokens) / t.rate * float64(time.Second))
}

// retryAfterSeconds is the Retry-After of a throttled request: the wait
// until the bucket holds a token, rounded up to whole seconds, at least 1.
func retryAfterSeconds(wait time.Duration) string {
	secs := int64(math.Ceil(wait.Seconds()))
	return strconv.FormatInt(max(secs, 1), 10)
}

// throttleRequest answers r with 429 THROTTLED when it is an API request
// (its path under /v1/) beyond the rate limit, or one of the first attempts
// of its request that Options.RefuseEachRequest refuses, and reports
// whether it did.
func (e *Emulator) throttleRequest(w http.ResponseWriter, r *http.Request) bool {
	if !strings.HasPrefix(r.URL.Path, "/v1/") {
		return false
	}
	ok, wait := e.throttle.take()
	if ok {
		return e.refusals.refuse(w, r)
	}
	w.Header().Set("Retry-After", retryAfterSeconds(wait))
	writeError(w, http.StatusTooManyRequests, CodeThrottled,
		"Rate exceeded: more than "+strconv.FormatFloat(e.throttle.currentRate(), 'g', -1, 64)+" requests per second")
	return true
}

// currentRate is the rate limit in requests per second, 0 when none.
func (t *throttle) currentRate() float64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.rate
}

// SetRateLimit limits the API requests (paths under /v1/) from now on to
// rate a second with bursts of up to burst, as Options.RateLimit and
// Options.RateBurst do, starting with a full bucket. A rate of 0 removes
// the limit.
func (e *Emulator) SetRateLimit(rate float64, burst int) {
	e.throttle.set(rate, burst)
}

// Throttled returns how many requests the rate limit answered with 429
// since the emulator was made. They are counted by Count and Total too,
// but not by InjectedFaults, which counts faults only.
func (e *Emulator) Throttled() int {
	e.throttle.mu.Lock()
	defer e.throttle.mu.Unlock()
	return e.throttle.throttled
}
