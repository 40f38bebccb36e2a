package amazonmusic

import (
	"context"
	"errors"
	"math"
	"net/http"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// fakeClock is a settable clock for a pacer.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// newTestPacer returns a pacer of cfg on a fake clock.
func newTestPacer(cfg Config) (*pacer, *fakeClock) {
	clock := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	p := newPacer(cfg)
	p.now = clock.now
	return p, clock
}

// answer returns a response of status with the given Retry-After header
// ("" for none).
func answer(status int, retryAfter string) *http.Response {
	resp := &http.Response{StatusCode: status, Header: http.Header{}}
	if retryAfter != "" {
		resp.Header.Set("Retry-After", retryAfter)
	}
	return resp
}

// observeAnswers shows n answers 200 to p, spread evenly over the last
// span of the clock's time, ending now.
func observeAnswers(p *pacer, clock *fakeClock, n int, span time.Duration) {
	start := clock.t.Add(-span)
	end := clock.t
	for i := range n {
		clock.t = start.Add(span * time.Duration(i+1) / time.Duration(n))
		p.observe(context.Background(), clock.t, answer(http.StatusOK, ""), nil)
	}
	clock.t = end
}

// assertLimit fails unless the pacer's limit is want, within a rounding
// error.
func assertLimit(t *testing.T, p *pacer, want rate.Limit, when string) {
	t.Helper()
	got := p.limit()
	if want == rate.Inf || got == rate.Inf {
		if got != want {
			t.Errorf("%s: limit = %v, want %v", when, got, want)
		}
		return
	}
	if math.Abs(float64(got-want)) > 1e-6 {
		t.Errorf("%s: limit = %.4f, want %.4f", when, float64(got), float64(want))
	}
}

func TestPacerLimitStartsAtTheConfiguredMaximumOrUnlimited(t *testing.T) {
	t.Parallel()
	tests := []struct {
		max  float64
		want rate.Limit
	}{
		{max: 0, want: rate.Inf},
		{max: math.Inf(1), want: rate.Inf},
		{max: 50, want: 50},
		{max: 0.5, want: 0.5},
	}
	for _, tt := range tests {
		p, _ := newTestPacer(Config{MaxRequestsPerSecond: tt.max})
		assertLimit(t, p, tt.want, "a new pacer")
	}
}

func TestPacerSpacesTurnsAtTheConfiguredRate(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{MaxRequestsPerSecond: 10})

	// Five callers at the same instant get turns 100 ms apart.
	for i := range 5 {
		if got, want := p.reserve(), time.Duration(i)*100*time.Millisecond; got != want {
			t.Errorf("turn %d waits %v, want %v", i, got, want)
		}
	}
	// Once the queue has passed, one turn is free at once, not a burst.
	clock.advance(10 * time.Second)
	if got := p.reserve(); got != 0 {
		t.Errorf("turn after an idle time waits %v, want 0", got)
	}
	if got := p.reserve(); got != 100*time.Millisecond {
		t.Errorf("second turn after an idle time waits %v, want 100ms", got)
	}
}

func TestPacerWithoutMaximumNeverWaitsUntilA429(t *testing.T) {
	t.Parallel()
	p, _ := newTestPacer(Config{})
	for i := range 1000 {
		if got := p.reserve(); got != 0 {
			t.Fatalf("turn %d waits %v without a limit, want 0", i, got)
		}
	}
}

func TestPacer429PausesEveryoneUntilRetryAfterOrTheMinimumBackoff(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{RetryWaitMin: 200 * time.Millisecond})

	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "3"), nil)
	if got := p.pauseLeft(); got != 3*time.Second {
		t.Errorf("pause after Retry-After 3 = %v, want 3s", got)
	}
	// A shorter Retry-After does not shorten the pause.
	clock.advance(time.Second)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	if got := p.pauseLeft(); got != 2*time.Second {
		t.Errorf("pause after a shorter Retry-After = %v, want the 2s left", got)
	}
	// Without Retry-After: the client's shortest backoff.
	clock.advance(2 * time.Second)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, ""), nil)
	if got := p.pauseLeft(); got != 200*time.Millisecond {
		t.Errorf("pause without Retry-After = %v, want RetryWaitMin (200ms)", got)
	}
	// Other statuses and network errors set no pause.
	clock.advance(time.Second)
	p.observe(context.Background(), clock.t, answer(http.StatusServiceUnavailable, "30"), nil)
	p.observe(context.Background(), clock.t, nil, errors.New("connection reset"))
	if got := p.pauseLeft(); got > 0 {
		t.Errorf("pause after a 503 and a network error = %v, want none", got)
	}
}

func TestPacer429LowersTheLimitBelowTheObservedRateOncePerBurst(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{RetryWaitMin: 100 * time.Millisecond})

	// 50 answers in the last second, plus older ones that do not count.
	observeAnswers(p, clock, 30, 10*time.Second)
	clock.advance(2 * time.Second)
	observeAnswers(p, clock, 50, time.Second)
	sentBefore := clock.t
	p.observe(context.Background(), sentBefore, answer(http.StatusTooManyRequests, "1"), nil)
	assertLimit(t, p, 45, "after a 429 with 50 answers in the last second")

	// The other attempts of the same burst, sent before the decrease,
	// lower it no further.
	for range 7 {
		p.observe(context.Background(), sentBefore, answer(http.StatusTooManyRequests, "1"), nil)
	}
	assertLimit(t, p, 45, "after the rest of the burst of 429s")

	// A 429 to an attempt sent right after the pause (which ends 1 s after
	// the first 429) goes by the rate observed before: too little was
	// observed since.
	clock.advance(time.Second + 100*time.Millisecond)
	if current := p.limit(); current <= 50 {
		t.Fatalf("limit = %v 1.1s after the decrease, want it grown back beyond 50", current)
	}
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, ""), nil)
	assertLimit(t, p, 45, "after a 429 100ms after the pause")

	// Later, the rate observed counts from the end of the latest pause
	// (100 ms after the last 429): 10 answers in the 500 ms since.
	clock.advance(600 * time.Millisecond)
	observeAnswers(p, clock, 10, 500*time.Millisecond)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, ""), nil)
	assertLimit(t, p, 18, "after a 429 with 20 answers a second since the pause")
}

func TestPacerFirst429WithFewAnswersOnlyPausesThenLaterOnesLower(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{RetryWaitMin: 100 * time.Millisecond})

	// Three answers, then a 429: too few to tell the API's rate.
	observeAnswers(p, clock, 3, 10*time.Millisecond)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	assertLimit(t, p, rate.Inf, "after a first 429 with 3 answers observed")
	if got := p.pauseLeft(); got != time.Second {
		t.Errorf("pause = %v, want the Retry-After of 1s", got)
	}

	// A steady flow of answers, then a 429: the rate observed counts.
	clock.advance(2 * time.Second)
	observeAnswers(p, clock, 200, time.Second)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	assertLimit(t, p, 180, "after a 429 with 200 answers in the last second")
}

func TestPacerGoesByWhatWasObservedNotByAMaximumFarAboveIt(t *testing.T) {
	t.Parallel()
	// A maximum of 1000 a second against a server that takes far fewer.
	p, clock := newTestPacer(Config{MaxRequestsPerSecond: 1000, RetryWaitMin: 250 * time.Millisecond})

	observeAnswers(p, clock, 2, 10*time.Millisecond)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	assertLimit(t, p, 1000, "after a first 429 with 2 answers observed")
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	// 2 answers in the last second, 1.8 a second: floored at one request
	// per RetryWaitMin.
	assertLimit(t, p, 4, "after a second 429")
}

func TestPacerLimitRecoversGraduallyUpToTheMaximum(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{MaxRequestsPerSecond: 60, RetryWaitMin: 100 * time.Millisecond})

	observeAnswers(p, clock, 50, time.Second)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "1"), nil)
	assertLimit(t, p, 45, "after the 429")

	// A fifth of 45 comes back each second.
	clock.advance(time.Second)
	assertLimit(t, p, 54, "a second later")
	if got := p.reserve(); got != 0 {
		t.Fatalf("first turn waits %v, want 0", got)
	}
	if got, want := p.reserve(), time.Second/54; got < want-time.Microsecond || got > want+time.Microsecond {
		t.Errorf("second turn waits %v, want %v (1/54 s)", got, want)
	}
	clock.advance(10 * time.Second)
	assertLimit(t, p, 60, "much later: back at the maximum, no higher")
}

func TestPacerLimitStaysAtLeastOneRequestPerMinimumBackoff(t *testing.T) {
	t.Parallel()
	p, clock := newTestPacer(Config{RetryWaitMin: 500 * time.Millisecond})

	// The very first answer is a 429: no rate was observed, and an isolated
	// 429 only pauses.
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "0"), nil)
	assertLimit(t, p, rate.Inf, "after a first 429 with nothing observed")
	// Another one goes by the nothing observed, floored.
	clock.advance(10 * time.Millisecond)
	p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "0"), nil)
	assertLimit(t, p, 2, "after a second 429 with nothing observed")
	for range 5 {
		clock.advance(10 * time.Millisecond)
		p.observe(context.Background(), clock.t, answer(http.StatusTooManyRequests, "0"), nil)
	}
	assertLimit(t, p, 2, "after more 429s")

	// A configured maximum under that floor stays the limit.
	slow, slowClock := newTestPacer(Config{MaxRequestsPerSecond: 0.5, RetryWaitMin: 500 * time.Millisecond})
	for range 2 {
		slow.observe(context.Background(), slowClock.t, answer(http.StatusTooManyRequests, "0"), nil)
		slowClock.advance(10 * time.Millisecond)
	}
	assertLimit(t, slow, 0.5, "a maximum of 0.5 after 429s")
}

func TestPacerWaitHonoursTheContextDuringAPause(t *testing.T) {
	t.Parallel()
	p := newPacer(Config{})
	p.observe(context.Background(), time.Now(), answer(http.StatusTooManyRequests, "30"), nil)

	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	began := time.Now()
	_, err := p.wait(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("wait during a 30s pause = %v, want the context's deadline error", err)
	}
	if elapsed := time.Since(began); elapsed > 5*time.Second {
		t.Errorf("wait returned %v after its context ended, want at once", elapsed)
	}

	canceled, cancelNow := context.WithCancel(t.Context())
	cancelNow()
	if _, err := newPacer(Config{}).wait(canceled); !errors.Is(err, context.Canceled) {
		t.Errorf("wait with a canceled context = %v, want context.Canceled", err)
	}
}

func TestPacerTurnTakenDuringAPauseIsTakenAgainAfterIt(t *testing.T) {
	t.Parallel()
	// 5 a second: the second caller's turn is 200 ms away.
	p := newPacer(Config{MaxRequestsPerSecond: 5, RetryWaitMin: time.Second})
	if _, err := p.wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	done := make(chan time.Time, 1)
	go func() {
		sent, err := p.wait(t.Context())
		if err != nil {
			t.Error(err)
		}
		done <- sent
	}()
	// While the second caller waits for its turn, a 429 without
	// Retry-After pauses everyone for RetryWaitMin, a second.
	time.Sleep(50 * time.Millisecond)
	paused := time.Now()
	p.observe(context.Background(), paused, answer(http.StatusTooManyRequests, ""), nil)
	sent := <-done
	if gap := sent.Sub(paused); gap < time.Second {
		t.Errorf("the waiting caller went %v after the 429, want after the 1s pause", gap)
	}
}

// recordingLogger keeps the messages of Info.
type recordingLogger struct {
	infos []string
	kvs   [][]interface{}
}

func (l *recordingLogger) Warn(context.Context, string, ...interface{})  {}
func (l *recordingLogger) Debug(context.Context, string, ...interface{}) {}
func (l *recordingLogger) Info(_ context.Context, msg string, kv ...interface{}) {
	l.infos = append(l.infos, msg)
	l.kvs = append(l.kvs, kv)
}

func TestPacerLogsThePauseAndTheNewLimitOnce(t *testing.T) {
	t.Parallel()
	logger := &recordingLogger{}
	p, clock := newTestPacer(Config{RetryWaitMin: 100 * time.Millisecond, Logger: logger})
	observeAnswers(p, clock, 20, time.Second)
	sent := clock.t
	p.observe(context.Background(), sent, answer(http.StatusTooManyRequests, "2"), nil)
	// The same burst, with the same pause: nothing new to say.
	p.observe(context.Background(), sent, answer(http.StatusTooManyRequests, "2"), nil)

	if len(logger.infos) != 1 {
		t.Fatalf("logged %d messages, want 1: %v", len(logger.infos), logger.infos)
	}
	want := []interface{}{"pause", "2s", "requests_per_second", "18.0"}
	if got := logger.kvs[0]; len(got) != len(want) {
		t.Fatalf("fields = %v, want %v", got, want)
	} else {
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("fields = %v, want %v", got, want)
				break
			}
		}
	}
}
