package amazonmusic

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Tuning of the adaptive rate limit (see pacer).
const (
	// throttleDecrease is the fraction of the observed rate that a client
	// keeps after a 429.
	throttleDecrease = 0.9
	// rateRecovery is the fraction of a lowered limit that the client
	// regains each second without a 429: five seconds double it.
	rateRecovery = 0.2
	// observationWindow is how far back the client counts the answers it
	// got, to tell the rate the API accepted. A token bucket usually holds
	// about a second of requests, so the answers of the last second before
	// the first 429 are close to the API's rate.
	observationWindow = time.Second
	// maxObservations bounds the memory of the answers counted: the rate
	// observed is never taken as more than this many per observationWindow.
	maxObservations = 1 << 14
	// minObservedAnswers is the fewest answers from which the client takes
	// the rate observed as the API's.
	minObservedAnswers = 10
)

// pacer spaces the attempts of one client: every attempt of every call,
// retries included, waits for it. It is a token bucket (golang.org/x/time/rate,
// burst 1) whose rate adapts to the API's answers:
//
//   - it starts at Config.MaxRequestsPerSecond, or unlimited when that is 0;
//   - when the API answers 429, no attempt starts before the instant the
//     answer's Retry-After names (Config.RetryWaitMin from the answer when it
//     has none): one throttled call pauses them all;
//   - a 429 also lowers the rate to throttleDecrease of the rate observed:
//     the answers other than 429 received in the last observationWindow (or
//     since the latest pause ended, when that is shorter), or the current
//     limit when that is lower. The window assumes that the API's token
//     bucket holds about a second of requests, as is usual: a smaller
//     bucket makes the first estimate low, and the rate then grows back;
//   - with fewer than minObservedAnswers answers in that window, too few to
//     tell a rate, a 429 goes by the latest rate told from enough answers;
//     before there is one, the first such 429 only pauses (an isolated 429
//     early in a run costs no more), and later ones go by the answers of the
//     last observationWindow;
//   - the 429s of attempts sent before the last decrease lower the rate no
//     further: a burst of 429s counts once;
//   - the rate is never lowered under one request per Config.RetryWaitMin
//     (the shortest backoff, which already paces a call retried alone), nor
//     over the configured maximum;
//   - without 429s the lowered rate grows back by rateRecovery of itself
//     (at least one request per second) each second, up to the configured
//     maximum, or without end when there is none.
//
// A pacer is safe for concurrent use.
type pacer struct {
	// ceiling is Config.MaxRequestsPerSecond, or rate.Inf.
	ceiling rate.Limit
	// floor is the lowest limit a 429 may set.
	floor rate.Limit
	// pause is how long every attempt waits after a 429 without Retry-After.
	pause   time.Duration
	limiter *rate.Limiter
	logger  Logger
	now     func() time.Time

	mu sync.Mutex
	// notBefore is the earliest instant an attempt may start.
	notBefore time.Time
	// loweredAt is when a 429 last lowered the limit, to loweredTo; zero
	// while the limit is the ceiling.
	loweredAt time.Time
	loweredTo rate.Limit
	// answered holds the instants of the answers other than 429 received
	// in the last observationWindow, oldest first.
	answered []time.Time
	// observed is the latest rate observed from enough answers (see
	// lower); 0 until there is one.
	observed rate.Limit
	// guessed records that a 429 came before any rate was observed (see
	// lower).
	guessed bool
}

// newPacer returns the pacer of a client with the settings of cfg, which
// NewClient has checked.
func newPacer(cfg Config) *pacer {
	ceiling := rate.Inf
	if cfg.MaxRequestsPerSecond > 0 && !math.IsInf(cfg.MaxRequestsPerSecond, 1) {
		ceiling = rate.Limit(cfg.MaxRequestsPerSecond)
	}
	pause := cfg.RetryWaitMin
	if pause <= 0 {
		pause = DefaultRetryWaitMin
	}
	floor := rate.Limit(float64(time.Second) / float64(pause))
	if floor > ceiling {
		floor = ceiling
	}
	return &pacer{
		ceiling: ceiling,
		floor:   floor,
		pause:   pause,
		limiter: rate.NewLimiter(ceiling, 1),
		logger:  cfg.Logger,
		now:     time.Now,
	}
}

// wait blocks until an attempt may start: after any pause a 429 set, and
// in its turn of the rate limit. It returns the instant the attempt was let
// go, or the context's error as soon as ctx is done.
func (p *pacer) wait(ctx context.Context) (time.Time, error) {
	for {
		if err := ctx.Err(); err != nil {
			return time.Time{}, err
		}
		if err := sleep(ctx, p.pauseLeft()); err != nil {
			return time.Time{}, err
		}
		delay := p.reserve()
		if err := sleep(ctx, delay); err != nil {
			return time.Time{}, err
		}
		now := p.now()
		if p.pauseLeftAt(now) <= 0 {
			return now, nil
		}
		// A 429 came while this attempt waited for its turn: wait out the
		// pause, then take a new turn at the rate the 429 set.
	}
}

// reserve takes the next turn of the rate limit and returns how long to
// wait for it.
func (p *pacer) reserve() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	p.applyLimit(now)
	return p.limiter.ReserveN(now, 1).DelayFrom(now)
}

// pauseLeft is how long attempts must still wait because of a 429.
func (p *pacer) pauseLeft() time.Duration {
	return p.pauseLeftAt(p.now())
}

func (p *pacer) pauseLeftAt(now time.Time) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.notBefore.Sub(now)
}

// limitAt is the rate limit at now. p.mu must be held.
func (p *pacer) limitAt(now time.Time) rate.Limit {
	if p.loweredAt.IsZero() {
		return p.ceiling
	}
	step := max(p.loweredTo*rateRecovery, 1)
	limit := p.loweredTo + step*rate.Limit(now.Sub(p.loweredAt).Seconds())
	if limit >= p.ceiling {
		return p.ceiling
	}
	return limit
}

// applyLimit sets the limiter to the limit at now, and forgets a decrease
// that is fully recovered. p.mu must be held.
func (p *pacer) applyLimit(now time.Time) {
	limit := p.limitAt(now)
	if limit == p.ceiling {
		p.loweredAt, p.loweredTo = time.Time{}, 0
	}
	if p.limiter.Limit() != limit {
		p.limiter.SetLimitAt(now, limit)
	}
}

// observe learns from the answer to an attempt let go at sent: a 429
// pauses every attempt and lowers the rate limit; any other answer counts
// toward the rate observed. Network errors teach nothing.
func (p *pacer) observe(ctx context.Context, sent time.Time, resp *http.Response, err error) {
	if err != nil || resp == nil {
		return
	}
	now := p.now()
	if resp.StatusCode != http.StatusTooManyRequests {
		p.countAnswer(now)
		return
	}

	pause := p.pause
	if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), now); ok {
		pause = wait
	}

	p.mu.Lock()
	pauseEnd := p.notBefore
	until := now.Add(pause)
	paused := until.After(p.notBefore)
	if paused {
		p.notBefore = until
	}
	lowered := false
	var limit rate.Limit
	if p.loweredAt.IsZero() || sent.After(p.loweredAt) {
		limit, lowered = p.lower(now, pauseEnd)
	}
	p.mu.Unlock()

	if p.logger == nil || (!paused && !lowered) {
		return
	}
	fields := []interface{}{"pause", pause.String()}
	if lowered {
		fields = append(fields, "requests_per_second", formatLimit(limit))
	}
	p.logger.Info(ctx, "the API throttled a request (429): every request waits out the pause, then the client sends more slowly", fields...)
}

// lower sets the limit after a 429 at now and returns it, or reports false
// when it leaves the limit as it is. pauseEnd is when the latest pause
// before this 429 ended (or ends). p.mu must be held.
func (p *pacer) lower(now, pauseEnd time.Time) (rate.Limit, bool) {
	current := p.limitAt(now)
	observed, answers := p.observedRate(now, pauseEnd)
	var limit rate.Limit
	switch {
	case answers >= minObservedAnswers:
		p.observed = observed
		limit = min(current, observed) * throttleDecrease
	case p.observed > 0:
		limit = min(current, p.observed) * throttleDecrease
	case !p.guessed:
		// Too few answers to tell a rate, and none told before: the first
		// such 429 only pauses; a server that keeps answering 429 lowers
		// the rate on the next one.
		p.guessed = true
		return current, false
	default:
		limit = min(current, p.recentRate(now)) * throttleDecrease
	}
	limit = min(max(limit, p.floor), p.ceiling)
	p.loweredAt, p.loweredTo = now, limit
	if limit == p.ceiling {
		p.loweredAt, p.loweredTo = time.Time{}, 0
	}
	p.limiter.SetLimitAt(now, limit)
	return limit, true
}

// observedRate is the rate of the answers other than 429 received in the
// last observationWindow, or since the latest pause ended when it ended
// within it (answers are not expected while every attempt waits), and how
// many answers it counts. The window since a pause may be short, but the
// answers in it were all accepted at that rate. Answers come in only after
// a pause has ended: during one, none are counted. p.mu must be held.
func (p *pacer) observedRate(now, pauseEnd time.Time) (observed rate.Limit, answers int) {
	p.prune(now)
	start := now.Add(-observationWindow)
	if pauseEnd.After(start) {
		start = pauseEnd
		if start.After(now) {
			return 0, 0
		}
	}
	for _, t := range p.answered {
		if t.After(start) {
			answers++
		}
	}
	if answers == 0 {
		return 0, 0
	}
	return rate.Limit(float64(answers) / now.Sub(start).Seconds()), answers
}

// recentRate is the rate of the answers other than 429 received in the
// last observationWindow, whatever paused meanwhile. p.mu must be held.
func (p *pacer) recentRate(now time.Time) rate.Limit {
	p.prune(now)
	return rate.Limit(float64(len(p.answered)) / observationWindow.Seconds())
}

// countAnswer records an answer other than 429 received at now.
func (p *pacer) countAnswer(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prune(now)
	if len(p.answered) == maxObservations {
		p.answered = p.answered[1:]
	}
	p.answered = append(p.answered, now)
}

// prune forgets the answers older than observationWindow. p.mu must be
// held.
func (p *pacer) prune(now time.Time) {
	cutoff := now.Add(-observationWindow)
	i := 0
	for i < len(p.answered) && !p.answered[i].After(cutoff) {
		i++
	}
	p.answered = p.answered[i:]
}

// limit reports the current rate limit, for tests and logs.
func (p *pacer) limit() rate.Limit {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.limitAt(p.now())
}

// formatLimit formats a limit for logs: "unlimited" or requests per second.
func formatLimit(l rate.Limit) string {
	if l == rate.Inf {
		return "unlimited"
	}
	return strconv.FormatFloat(float64(l), 'f', 1, 64)
}

// sleep waits d, or less when ctx is done first, and then returns its error.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// prepareAttempt runs before every attempt of a call: the first one (send)
// and each retry (retryablehttp.PrepareRetry). It waits for the pacer, then
// sets the credentials, so that a token that expired meanwhile is replaced.
func (c *Client) prepareAttempt(req *http.Request) error {
	sent, err := c.pacer.wait(req.Context())
	if err != nil {
		return err
	}
	if cl := callFrom(req.Context()); cl != nil {
		cl.sent = sent
	}
	return c.authorize(req)
}

// observeThen returns a retryablehttp.CheckRetry that shows each answer to
// the pacer, then applies check.
func (c *Client) observeThen(check func(context.Context, *http.Response, error) (bool, error)) func(context.Context, *http.Response, error) (bool, error) {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		var sent time.Time
		if cl := callFrom(ctx); cl != nil {
			sent = cl.sent
			cl.answered = time.Now()
			if err != nil && c.logger != nil {
				c.logger.Warn(ctx, "request failed", "method", cl.method, "path", cl.path, "attempt", cl.attempts, "error", err.Error())
			}
		}
		c.pacer.observe(ctx, sent, resp, err)
		return check(ctx, resp, err)
	}
}
