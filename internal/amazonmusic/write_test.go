package amazonmusic_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// The tests below cancel a call while it is under way: a write on the wire
// finishes within the grace and its answer is returned, nothing new starts,
// and a write cut off after it was sent says that its outcome is unknown.

// savedJSON is the answer of a successful save of B08DL2BXQC.
const savedJSON = `{"data":{"saveTrack":{"saveState":"SAVED","track":{"id":"B08DL2BXQC"}}}}`

// holdFor returns a fake server's answer that reads the request's body,
// holds the request for d (less when the client goes away), then answers
// with answer.
func holdFor(d time.Duration, answer func(w http.ResponseWriter)) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		_, _ = io.Copy(io.Discard, r.Body)
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			answer(w)
		case <-r.Context().Done():
		}
	}
}

// cancelAfter returns a context of the test canceled after d.
func cancelAfter(t *testing.T, d time.Duration) context.Context {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	timer := time.AfterFunc(d, cancel)
	t.Cleanup(func() {
		timer.Stop()
		cancel()
	})
	return ctx
}

// cancelOnArrival returns a context of the test and a fake server's answer
// that cancels it as the first request arrives, then answers with next:
// the call is canceled while its request is on the wire.
func cancelOnArrival(t *testing.T, next func(http.ResponseWriter, *http.Request, int)) (context.Context, func(http.ResponseWriter, *http.Request, int)) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	return ctx, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			cancel()
		}
		next(w, r, n)
	}
}

func TestWriteOnTheWireFinishesAfterTheCallerCancels(t *testing.T) {
	t.Parallel()
	logger := &captureLogger{}
	ctx, answer := cancelOnArrival(t, holdFor(300*time.Millisecond, func(w http.ResponseWriter) {
		writeJSON(w, savedJSON)
	}))
	client, rec, _ := newFakeServer(t, answer, func(cfg *amazonmusic.Config) { cfg.Logger = logger })

	got, err := client.SaveTrack(ctx, "B08DL2BXQC")
	if err != nil {
		t.Fatalf("SaveTrack: %v, want the answer of the save on the wire", err)
	}
	if got.SaveState != "SAVED" || got.Track == nil || got.Track.ID != "B08DL2BXQC" {
		t.Errorf("SaveTrack = %+v, want B08DL2BXQC saved", got)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
	if len(logger.withMessage("the call was canceled while its write was on the wire; letting the write finish")) != 1 {
		t.Error("the grace was not logged")
	}
}

func TestWriteOnTheWireFinishesAfterTheCallersDeadline(t *testing.T) {
	t.Parallel()
	client, rec, _ := newFakeServer(t, holdFor(time.Second, func(w http.ResponseWriter) {
		writeJSON(w, savedJSON)
	}))
	ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
	defer cancel()

	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v, want the answer of the save on the wire", err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

func TestWriteAnsweredWithAnErrorAfterTheCallerCancelsIsNotRetried(t *testing.T) {
	tests := []struct {
		status  int
		body    string
		message string
		is      error
	}{
		{status: http.StatusServiceUnavailable, body: `{"error":{"status":"503","code":"SERVICE_UNAVAILABLE","message":"Service Unavailable"}}`, message: "Service Unavailable"},
		{status: http.StatusNotFound, body: `{"error":{"status":"404","code":"NOT_FOUND","message":"Track not found"}}`, message: "Track not found", is: amazonmusic.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			t.Parallel()
			ctx, answer := cancelOnArrival(t, holdFor(300*time.Millisecond, func(w http.ResponseWriter) {
				writeBody(w, tt.status, "application/json", tt.body)
			}))
			client, rec, _ := newFakeServer(t, answer)

			_, err := client.SaveTrack(ctx, "B08DL2BXQC")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want the *APIError of the answer", err)
			}
			if apiErr.StatusCode != tt.status || apiErr.Attempts != 1 || apiErr.Message != tt.message {
				t.Errorf("APIError = %+v, want HTTP %d after 1 attempt with the body's message", *apiErr, tt.status)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want one matching %v", err, tt.is)
			}
			if errors.Is(err, context.Canceled) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
				t.Errorf("err = %v, want the answer alone: neither canceled nor of unknown outcome", err)
			}
			if n := rec.count(); n != 1 {
				t.Errorf("server received %d requests, want 1: no retry after the cancel", n)
			}
		})
	}
}

func TestWriteGraceEndsAWriteThatTakesLonger(t *testing.T) {
	tests := []struct {
		name  string
		grace time.Duration
	}{
		{name: "200ms", grace: 200 * time.Millisecond},
		{name: "negative: none", grace: -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, answer := cancelOnArrival(t, holdFor(time.Minute, func(w http.ResponseWriter) {
				writeJSON(w, savedJSON)
			}))
			client, rec, _ := newFakeServer(t, answer, func(cfg *amazonmusic.Config) { cfg.WriteGrace = tt.grace })

			start := time.Now()
			_, err := client.SaveTrack(ctx, "B08DL2BXQC")
			elapsed := time.Since(start)

			if !errors.Is(err, context.Canceled) || !errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
				t.Fatalf("err = %v, want one that is context.Canceled and ErrOutcomeUnknown", err)
			}
			if errors.Is(err, amazonmusic.ErrUnreachable) {
				t.Errorf("err = %v: the caller's cancel is not the API unreachable", err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "PUT "+savePath+": context canceled") || !strings.Contains(msg, "the API may have applied the request") {
				t.Errorf("error = %q, want the request, the cancel and that the API may have applied it", msg)
			}
			if elapsed > 1500*time.Millisecond {
				t.Errorf("SaveTrack returned after %v, want soon after the grace of %v", elapsed, tt.grace)
			}
			if n := rec.count(); n != 1 {
				t.Errorf("server received %d requests, want 1", n)
			}
		})
	}
}

func TestDefaultWriteGraceLetsAWriteFinish(t *testing.T) {
	t.Parallel()
	// 1.5s is longer than any test's cancel and shorter than the default
	// grace of 5s.
	ctx, answer := cancelOnArrival(t, holdFor(1500*time.Millisecond, func(w http.ResponseWriter) {
		writeJSON(w, savedJSON)
	}))
	client, _, _ := newFakeServer(t, answer)
	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v, want the answer within the default grace", err)
	}
	if amazonmusic.DefaultWriteGrace != 5*time.Second {
		t.Errorf("DefaultWriteGrace = %v, want 5s", amazonmusic.DefaultWriteGrace)
	}
}

func TestReadOnTheWireStopsAtOnceWhenTheCallerCancels(t *testing.T) {
	t.Parallel()
	ctx, answer := cancelOnArrival(t, holdFor(time.Minute, func(w http.ResponseWriter) {
		writeJSON(w, playlistsJSON(false, ""))
	}))
	client, rec, _ := newFakeServer(t, answer)

	start := time.Now()
	_, err := client.PlaylistsPage(ctx, 10, "")
	elapsed := time.Since(start)

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if errors.Is(err, amazonmusic.ErrOutcomeUnknown) || errors.Is(err, amazonmusic.ErrUnreachable) {
		t.Errorf("err = %v: a canceled read is neither of unknown outcome nor unreachable", err)
	}
	if elapsed > time.Second {
		t.Errorf("PlaylistsPage returned after %v, want at once after the cancel", elapsed)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

func TestCanceledCallerSendsNoWrite(t *testing.T) {
	t.Parallel()
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, savedJSON)
	})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()

	_, err := client.SaveTrack(ctx, "B08DL2BXQC")
	if !errors.Is(err, context.Canceled) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want context.Canceled, the outcome known: nothing was sent", err)
	}
	if n := rec.count(); n != 0 {
		t.Errorf("server received %d requests, want 0", n)
	}
}

func TestCallerCancelDuringTheWaitForARetryStartsNoAttempt(t *testing.T) {
	tests := []struct {
		name string
		ctx  func(t *testing.T) context.Context
		want error
	}{
		{name: "cancel", ctx: func(t *testing.T) context.Context { return cancelAfter(t, 200*time.Millisecond) }, want: context.Canceled},
		{name: "deadline", ctx: func(t *testing.T) context.Context {
			ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
			t.Cleanup(cancel)
			return ctx
		}, want: context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
				w.Header().Set("Retry-After", "30")
				writeBody(w, http.StatusTooManyRequests, "application/json", `{"error":{"status":"429","code":"THROTTLED","message":"Rate exceeded"}}`)
			})

			start := time.Now()
			_, err := client.SaveTrack(tt.ctx(t), "B08DL2BXQC")
			elapsed := time.Since(start)

			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want one that is %v", err, tt.want)
			}
			if errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
				t.Errorf("err = %v: the 429 was a definite answer, the outcome is known", err)
			}
			if elapsed > 1200*time.Millisecond {
				t.Errorf("SaveTrack returned after %v, want within 1s of the cancel at 200ms", elapsed)
			}
			if n := rec.count(); n != 1 {
				t.Errorf("server received %d requests, want 1", n)
			}
		})
	}
}

func TestCallerCancelDuringTheWaitForATurnStartsNoAttempt(t *testing.T) {
	t.Parallel()
	// One request every 10s: the second call waits for its turn.
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, savedJSON)
	}, func(cfg *amazonmusic.Config) { cfg.MaxRequestsPerSecond = 0.1 })
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("first SaveTrack: %v", err)
	}

	start := time.Now()
	_, err := client.SaveTrack(cancelAfter(t, 100*time.Millisecond), "B08DL2BXQC")
	elapsed := time.Since(start)

	if !errors.Is(err, context.Canceled) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want context.Canceled with the outcome known", err)
	}
	if elapsed > time.Second {
		t.Errorf("SaveTrack returned after %v, want within 1s of the cancel", elapsed)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server received %d requests, want 1: the canceled call sent nothing", n)
	}
}

func TestWriteCutOffAfterItWasSentHasAnUnknownOutcome(t *testing.T) {
	t.Run("every attempt", func(t *testing.T) {
		t.Parallel()
		client, rec, srv := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			_, _ = io.Copy(io.Discard, r.Body)
			hangUp(t, w)
		}, maxRetries2)

		_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		if !errors.Is(err, amazonmusic.ErrOutcomeUnknown) || !errors.Is(err, amazonmusic.ErrUnreachable) {
			t.Fatalf("err = %v, want ErrOutcomeUnknown and ErrUnreachable", err)
		}
		var unreachable *amazonmusic.UnreachableError
		if !errors.As(err, &unreachable) || unreachable.Attempts != 3 || unreachable.Host != strings.TrimPrefix(srv.URL, "http://") {
			t.Errorf("err = %#v, want an UnreachableError of %s after 3 attempts", unreachable, srv.URL)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "PUT "+savePath+": giving up after 3 attempts: the API at ") || !strings.HasSuffix(msg, "(outcome unknown: the API may have applied the request)") {
			t.Errorf("error = %q, want the request, the attempts, the host and the unknown outcome", msg)
		}
		if n := rec.count(); n != 3 {
			t.Errorf("server received %d requests, want 3", n)
		}
	})
	t.Run("then a definite failure", func(t *testing.T) {
		t.Parallel()
		client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			_, _ = io.Copy(io.Discard, r.Body)
			if n == 1 {
				hangUp(t, w)
				return
			}
			writeBody(w, http.StatusServiceUnavailable, "application/json", `{"error":{"status":"503","code":"SERVICE_UNAVAILABLE","message":"Service Unavailable"}}`)
		}, maxRetries2)

		_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		var apiErr *amazonmusic.APIError
		if !errors.Is(err, amazonmusic.ErrOutcomeUnknown) || !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Attempts != 3 {
			t.Fatalf("err = %v, want the final 503 after 3 attempts, with the outcome unknown", err)
		}
		if errors.Is(err, amazonmusic.ErrUnreachable) {
			t.Errorf("err = %v: the API answered the last attempt", err)
		}
		if n := rec.count(); n != 3 {
			t.Errorf("server received %d requests, want 3", n)
		}
	})
	t.Run("then success", func(t *testing.T) {
		t.Parallel()
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			_, _ = io.Copy(io.Discard, r.Body)
			if n == 1 {
				hangUp(t, w)
				return
			}
			writeJSON(w, savedJSON)
		})
		if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
			t.Fatalf("SaveTrack: %v, want the success of the retry", err)
		}
	})
	t.Run("a read is not", func(t *testing.T) {
		t.Parallel()
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
			hangUp(t, w)
		}, maxRetries2)

		_, err := client.PlaylistsPage(t.Context(), 10, "")
		if !errors.Is(err, amazonmusic.ErrUnreachable) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
			t.Fatalf("err = %v, want ErrUnreachable and not ErrOutcomeUnknown: a read changes nothing", err)
		}
	})
}

// TestPostCutOffAfterItWasSentIsNotRepeated: a POST creates, so one that
// may have reached the API is not sent again, which could create twice;
// a PUT in the same case is (see above), and so is a POST refused before
// it was sent.
func TestPostCutOffAfterItWasSentIsNotRepeated(t *testing.T) {
	t.Parallel()
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		_, _ = io.Copy(io.Discard, r.Body)
		hangUp(t, w)
	}, maxRetries2)

	_, err := client.CreatePlaylist(t.Context(), amazonmusic.PlaylistInput{Title: ref("Road Trip")})
	if !errors.Is(err, amazonmusic.ErrOutcomeUnknown) || !errors.Is(err, amazonmusic.ErrUnreachable) {
		t.Fatalf("err = %v, want ErrOutcomeUnknown and ErrUnreachable", err)
	}
	if n := rec.count(); n != 1 {
		t.Errorf("server received %d requests, want 1", n)
	}
}

func TestWriteWithABodyCutOffHasAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1000")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"data":{"saveTr`))
	}, maxRetries2)

	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	if !errors.Is(err, amazonmusic.ErrOutcomeUnknown) || !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("err = %v, want the short body with the outcome unknown", err)
	}
	if errors.Is(err, amazonmusic.ErrUnreachable) {
		t.Errorf("err = %v: the API answered, if not in full", err)
	}
}

func TestWriteRefusedConnectionIsUnreachableWithAKnownOutcome(t *testing.T) {
	t.Parallel()
	addr := closedPort(t)
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: "http://" + addr + "/api", APIKey: testAPIKey, AccessToken: testAccessToken,
		MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}

	_, err = client.SaveTrack(t.Context(), "B08DL2BXQC")
	if !errors.Is(err, amazonmusic.ErrUnreachable) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrUnreachable and not ErrOutcomeUnknown: nothing was sent", err)
	}
	// The error names the host alone, not the base URL's path.
	msg := err.Error()
	if want := "PUT " + savePath + ": giving up after 3 attempts: the API at " + addr + " did not answer: "; !strings.HasPrefix(msg, want) || strings.Contains(msg, "/api") {
		t.Errorf("error = %q, want it to start %q", msg, want)
	}
}

// transportFunc is an http.RoundTripper of a function, which reports no
// connection to the request's trace.
type transportFunc func(*http.Request) (*http.Response, error)

func (f transportFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

func TestWriteThroughATransportWithoutTraceGetsTheGrace(t *testing.T) {
	t.Parallel()
	// The transport cancels the call as it gets the request.
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var sent atomic.Int32
	transport := transportFunc(func(req *http.Request) (*http.Response, error) {
		sent.Add(1)
		cancel()
		select {
		case <-time.After(300 * time.Millisecond):
		case <-req.Context().Done():
			return nil, req.Context().Err()
		}
		return &http.Response{
			StatusCode: http.StatusOK,
			Header:     http.Header{"Content-Type": {"application/json"}},
			Body:       io.NopCloser(strings.NewReader(savedJSON)),
			Request:    req,
		}, nil
	})
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: "http://api.example", APIKey: testAPIKey, AccessToken: testAccessToken,
		HTTPClient: &http.Client{Transport: transport},
	})
	if err != nil {
		t.Fatal(err)
	}

	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v, want the answer within the grace", err)
	}
	if n := sent.Load(); n != 1 {
		t.Errorf("the transport got %d requests, want 1", n)
	}
}
