package amazonmusic_test

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// saveAll saves generated tracks 0..n-1 with workers goroutines sharing
// client, and returns how long it took. Every save must succeed.
func saveAll(tb testing.TB, client *amazonmusic.Client, n, workers int) time.Duration {
	tb.Helper()
	ids := make(chan string, n)
	for i := range n {
		ids <- emulator.TrackID(i)
	}
	close(ids)
	began := time.Now()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for id := range ids {
				if _, err := client.SaveTrack(context.Background(), id); err != nil {
					tb.Errorf("SaveTrack(%s): %v", id, err)
				}
			}
		})
	}
	wg.Wait()
	return time.Since(began)
}

func TestNewClientRejectsANegativeMaxRequestsPerSecond(t *testing.T) {
	t.Parallel()
	for _, rps := range []float64{-1, math.NaN()} {
		_, err := amazonmusic.NewClient(amazonmusic.Config{APIKey: testAPIKey, AccessToken: testAccessToken, MaxRequestsPerSecond: rps})
		if err == nil {
			t.Errorf("NewClient with MaxRequestsPerSecond %v succeeded, want an error", rps)
		}
	}
}

func TestMaxRequestsPerSecondPacesEveryCallOfTheClientAcrossGoroutines(t *testing.T) {
	t.Parallel()
	const (
		serverRate = 40
		clientRate = 20
		workers    = 6
		perWorker  = 5
	)
	// The server allows 40 a second with a bucket of 2: a client sending
	// faster than that for a moment is throttled.
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: workers * perWorker, Playlists: 3, RateLimit: serverRate, RateBurst: 2},
		func(cfg *amazonmusic.Config) { cfg.MaxRequestsPerSecond = clientRate })

	began := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				// Both endpoints draw on the same limit.
				var err error
				if i == 0 {
					_, _, err = client.Playlists(t.Context(), 5)
				} else {
					_, err = client.SaveTrack(t.Context(), emulator.TrackID(w*perWorker+i))
				}
				if err != nil {
					t.Errorf("worker %d, call %d: %v", w, i, err)
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(began)

	if got := emu.Throttled(); got != 0 {
		t.Errorf("the server throttled %d requests, want none at half its rate", got)
	}
	if got, want := emu.Total(), workers*perWorker; got != want {
		t.Errorf("the server received %d requests, want %d: one per call", got, want)
	}
	// 30 requests at 20 a second: the 30th goes 29/20 s after the first,
	// whichever goroutine sends it.
	if least := time.Duration(workers*perWorker-1) * time.Second / clientRate; elapsed < least {
		t.Errorf("%d calls took %v, want at least %v at %d a second", workers*perWorker, elapsed, least, clientRate)
	}
	t.Logf("%d calls from %d goroutines at %d a second took %v", workers*perWorker, workers, clientRate, elapsed.Round(time.Millisecond))
}

func TestA429HoldsOnlyTheCallItAnswered(t *testing.T) {
	t.Parallel()
	throttled := make(chan struct{})
	logger := &captureLogger{}
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "30")
			writeBody(w, http.StatusTooManyRequests, "application/json", `{"error":{"status":"429","code":"THROTTLED","message":"Rate exceeded"}}`)
			close(throttled)
			return
		}
		writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
	}, func(cfg *amazonmusic.Config) { cfg.Logger = logger })

	ctx, cancel := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() {
		_, err := client.SaveTrack(ctx, "B08DL2BXQC")
		first <- err
	}()
	<-throttled
	// Another call, which never got a 429 itself, goes on while the first
	// one waits out its Retry-After of 30 s.
	for _, id := range []string{"B07QXMFJ4W", "B0C1KZ5T8P"} {
		if _, err := client.SaveTrack(t.Context(), id); err != nil {
			t.Fatalf("SaveTrack(%s) during another call's Retry-After: %v", id, err)
		}
	}
	if got := rec.count(); got != 3 {
		t.Errorf("server received %d requests, want 3: the 429 and the two other calls, not yet the retry", got)
	}
	// The throttled call still waits; its context ends its wait. (The
	// answer of a write is logged once read in full: canceled while it
	// is read, the call would hand back the 429 rather than wait.)
	waitForLog(t, logger, "received response", http.StatusTooManyRequests)
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("throttled SaveTrack = %v, want context.Canceled", err)
	}
	if got := rec.count(); got != 3 {
		t.Errorf("server received %d requests, want 3: no retry after the context ended", got)
	}
}

// waitForLog waits, for up to 10 s, until logger has received msg with
// the given status.
func waitForLog(t *testing.T, logger *captureLogger, msg string, status int) {
	t.Helper()
	logged := func() bool {
		for _, e := range logger.withMessage(msg) {
			if e.value("status") == status {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(10 * time.Second); !logged(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%q with status %d was never logged", msg, status)
		}
	}
}

func TestWithoutMaximumTheClientKeepsToTheRateTheServerAccepts(t *testing.T) {
	t.Parallel()
	const (
		serverRate = 50
		saves      = 200
		workers    = 8
	)
	// A bucket of one second of requests, as Options.RateLimit has by
	// default, whose Retry-After is the wait for a token rounded up to 1 s.
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: saves, RateLimit: serverRate},
		func(cfg *amazonmusic.Config) {
			cfg.RetryWaitMin, cfg.RetryWaitMax = 100*time.Millisecond, time.Second
		})

	elapsed := saveAll(t, client, saves, workers)

	if got := len(emu.Library()); got != saves {
		t.Errorf("library holds %d tracks, want %d", got, saves)
	}
	throttled := emu.Throttled()
	if throttled == 0 {
		t.Error("the server throttled nothing: the test did not exercise the rate limit")
	}
	// A call answered 429 waits its Retry-After (at least a second here)
	// before it sends again, so each worker draws at most one 429 a second:
	// the client never hammers a server that throttles it. Which call wins a
	// token the bucket just refilled is up to the scheduler, so the bound is
	// on the workers, not on each call.
	if limit := workers * (int(elapsed/time.Second) + 1); throttled > limit {
		t.Errorf("the server throttled %d requests in %v, want at most %d: one per worker a second", throttled, elapsed, limit)
	}
	if sent := emu.CountMethod(http.MethodPut); sent != saves+throttled {
		t.Errorf("%d PUTs sent, want %d: one accepted per save and one retry per 429", sent, saves+throttled)
	}
	t.Logf("%d saves from %d goroutines against %d requests a second: %v (%.2f x the ideal %v), %d throttled",
		saves, workers, serverRate, elapsed.Round(time.Millisecond),
		elapsed.Seconds()/(float64(saves)/serverRate), time.Duration(saves)*time.Second/serverRate, throttled)
}

func TestRefusalsOfEachRequestCostEachCallOnlyItsOwnRetries(t *testing.T) {
	t.Parallel()
	const (
		saves   = 20
		workers = 10
	)
	for _, retryAfter := range []string{"1", ""} {
		// Every request refused twice, with Retry-After 1 or without: a
		// limit per resource, whatever the rate.
		client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: saves, RefuseEachRequest: 2, RefusalRetryAfter: retryAfter},
			func(cfg *amazonmusic.Config) {
				cfg.RetryWaitMin, cfg.RetryWaitMax = 50*time.Millisecond, 200*time.Millisecond
			})

		elapsed := saveAll(t, client, saves, workers)
		t.Logf("Retry-After %q: %d saves from %d goroutines took %v", retryAfter, saves, workers, elapsed.Round(time.Millisecond))

		if got := len(emu.Library()); got != saves {
			t.Errorf("Retry-After %q: library holds %d tracks, want %d", retryAfter, got, saves)
		}
		for i := range saves {
			path := "/v1/me/library/tracks/" + emulator.TrackID(i)
			// Two refusals, then exactly one PUT answered.
			if got := emu.Count(http.MethodPut, path); got != 3 {
				t.Errorf("Retry-After %q: PUT %s sent %d times, want 3", retryAfter, path, got)
			}
		}
		if got, want := emu.Total(), 3*saves; got != want {
			t.Errorf("Retry-After %q: the server received %d requests, want %d", retryAfter, got, want)
		}
	}
}

// BenchmarkSavesAgainstARateLimitedAPI saves 300 tracks with 8 goroutines
// against an emulator that allows 50 requests a second (bucket of 50),
// with the client's default retry settings, and reports the time as a
// multiple of the ideal 300/50 s and the number of 429 answers.
func BenchmarkSavesAgainstARateLimitedAPI(b *testing.B) {
	const (
		serverRate = 50
		saves      = 300
		workers    = 8
	)
	for _, bc := range []struct {
		name string
		max  float64
	}{
		{name: "max_requests_per_second=50", max: serverRate},
		{name: "no_maximum", max: 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var ratio, throttled atomic.Int64
			for b.Loop() {
				emu := emulator.New(emulator.Options{CatalogSize: saves, RateLimit: serverRate})
				srv := newLoopbackServer(b, emu)
				client, err := amazonmusic.NewClient(amazonmusic.Config{
					BaseURL: srv, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
					MaxRetries: 8, MaxRequestsPerSecond: bc.max,
				})
				if err != nil {
					b.Fatal(err)
				}
				elapsed := saveAll(b, client, saves, workers)
				ratio.Add(int64(1000 * elapsed.Seconds() / (float64(saves) / serverRate)))
				throttled.Add(int64(emu.Throttled()))
			}
			b.ReportMetric(float64(ratio.Load())/1000/float64(b.N), "x_ideal")
			b.ReportMetric(float64(throttled.Load())/float64(b.N), "429s/op")
		})
	}
}

// newLoopbackServer serves h on a loopback test server until tb ends, and
// returns its URL.
func newLoopbackServer(tb testing.TB, h http.Handler) string {
	tb.Helper()
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return srv.URL
}
