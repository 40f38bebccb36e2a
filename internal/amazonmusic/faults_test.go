package amazonmusic_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The tests below put the client through the faults of a real service: every
// transient one is retried within bounds and then reported with what the
// server said; every malformed answer is a clear error, never a panic.

// maxRetries2 allows two retries: three attempts in all.
func maxRetries2(cfg *amazonmusic.Config) { cfg.MaxRetries = 2 }

func TestTransientAnswersGiveUpAfterMaxRetriesNamingStatusCodeAndMessage(t *testing.T) {
	pastDate := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
	tests := []struct {
		name        string
		fault       emulator.Fault
		wantCode    string
		wantMessage string
	}{
		{name: "429 with Retry-After 0", fault: emulator.Fault{Status: 429, RetryAfter: "0"},
			wantCode: emulator.CodeThrottled, wantMessage: "Rate exceeded"},
		{name: "429 with a Retry-After date already past", fault: emulator.Fault{Status: 429, RetryAfter: pastDate},
			wantCode: emulator.CodeThrottled, wantMessage: "Rate exceeded"},
		{name: "429 without Retry-After", fault: emulator.Fault{Status: 429},
			wantCode: emulator.CodeThrottled, wantMessage: "Rate exceeded"},
		{name: "500", fault: emulator.Fault{Status: 500},
			wantCode: "INTERNAL_SERVER_ERROR", wantMessage: "Internal Server Error"},
		{name: "502 gateway page", fault: emulator.Fault{Status: 502},
			wantMessage: "Bad Gateway (text/html): 502 Bad Gateway 502 Bad Gateway"},
		{name: "503", fault: emulator.Fault{Status: 503},
			wantCode: "SERVICE_UNAVAILABLE", wantMessage: "Service Unavailable"},
		{name: "504 gateway page", fault: emulator.Fault{Status: 504},
			wantMessage: "Gateway Timeout (text/html): 504 Gateway Timeout 504 Gateway Timeout"},
		{name: "503 with an empty body", fault: emulator.Fault{Status: 503, Body: emulator.FaultBodyEmpty},
			wantMessage: "Service Unavailable (empty body)"},
		{name: "500 with truncated JSON", fault: emulator.Fault{Status: 500, Body: emulator.FaultBodyTruncatedJSON},
			wantMessage: `Internal Server Error (application/json): {"error":{"status":"500","code":"INTER`},
		{name: "503 cut off mid-body", fault: emulator.Fault{Status: 503, Body: emulator.FaultBodyCutOff},
			wantMessage: `Service Unavailable (application/json): {"error":{"status":"503","code":"SERVICE_U`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, emu := newEmulatorClient(t, emulator.Options{}, maxRetries2)
			tt.fault.Times = 3
			emu.InjectFaults(tt.fault)

			_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.fault.Status || apiErr.Code != tt.wantCode || !strings.HasPrefix(apiErr.Message, tt.wantMessage) || apiErr.Attempts != 3 {
				t.Errorf("APIError = HTTP %d, code %q, message %q, %d attempts\nwant HTTP %d, code %q, message starting %q, 3 attempts",
					apiErr.StatusCode, apiErr.Code, apiErr.Message, apiErr.Attempts, tt.fault.Status, tt.wantCode, tt.wantMessage)
			}
			msg := err.Error()
			for _, want := range []string{"PUT " + savePath + ": HTTP " + strconv.Itoa(tt.fault.Status), tt.wantCode, tt.wantMessage, "(after 3 attempts)"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
			if n := emu.Count(http.MethodPut, savePath); n != 3 {
				t.Errorf("emulator received %d requests, want 3 (1 + MaxRetries 2)", n)
			}
			if emu.InLibrary("B08DL2BXQC") || emu.PendingFaults() != 0 {
				t.Errorf("in library %t, %d faults left; want not saved and every fault used", emu.InLibrary("B08DL2BXQC"), emu.PendingFaults())
			}
		})
	}
}

func TestRetryAfterBurstsAreWaitedOutEachTime(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter func() string
		minGap     time.Duration
	}{
		{name: "delta-seconds", retryAfter: func() string { return "1" }, minGap: time.Second},
		// The date has a resolution of a second: each wait lies in (1s, 2s].
		{name: "HTTP date", retryAfter: func() string { return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat) }, minGap: 900 * time.Millisecond},
		// No header: the client's own backoff, 50ms, then 50-100ms.
		{name: "none", retryAfter: func() string { return "" }, minGap: 50 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var (
				mu      sync.Mutex
				arrived []time.Time
			)
			client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				mu.Lock()
				arrived = append(arrived, time.Now())
				mu.Unlock()
				if n <= 2 {
					if ra := tt.retryAfter(); ra != "" {
						w.Header().Set("Retry-After", ra)
					}
					writeBody(w, http.StatusTooManyRequests, "application/json", `{"error":{"status":"429","code":"THROTTLED","message":"Rate exceeded"}}`)
					return
				}
				writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
			}, func(cfg *amazonmusic.Config) {
				cfg.RetryWaitMin, cfg.RetryWaitMax = 50*time.Millisecond, time.Second
			})

			if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
				t.Fatalf("SaveTrack: %v", err)
			}
			if rec.count() != 3 {
				t.Fatalf("server received %d requests, want 3 (two 429s, then the save)", rec.count())
			}
			mu.Lock()
			defer mu.Unlock()
			for i := 1; i < len(arrived); i++ {
				if gap := arrived[i].Sub(arrived[i-1]); gap < tt.minGap || gap > 2500*time.Millisecond {
					t.Errorf("retry %d came %v after the 429, want between %v and 2.5s", i, gap, tt.minGap)
				}
			}
		})
	}
}

func TestConnectionResetBeforeTheAnswerIsRetriedThenReported(t *testing.T) {
	reset := func(t *testing.T, w http.ResponseWriter) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // close with a TCP RST, not a FIN
		}
		conn.Close()
	}

	t.Run("then success", func(t *testing.T) {
		logger := &captureLogger{}
		client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n <= 2 {
				reset(t, w)
				return
			}
			writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
		}, func(cfg *amazonmusic.Config) { cfg.Logger = logger })
		got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		if err != nil {
			t.Fatalf("SaveTrack: %v", err)
		}
		if got.SaveState != "SAVED" || rec.count() != 3 {
			t.Errorf("SaveTrack = %+v after %d requests, want SAVED after 3", got, rec.count())
		}
		failed := logger.withMessage("request failed")
		if len(failed) != 2 {
			t.Fatalf("logged %d 'request failed', want one for each reset", len(failed))
		}
		for i, e := range failed {
			if e.level != "warn" || e.value("attempt") != i+1 || e.value("error") == nil {
				t.Errorf("'request failed' %d = %s %v, want a warning with attempt %d and the error", i+1, e.level, e.kv, i+1)
			}
		}
	})
	t.Run("every time", func(t *testing.T) {
		client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			reset(t, w)
		}, maxRetries2)
		_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		if err == nil || !strings.HasPrefix(err.Error(), "PUT "+savePath+": giving up after 3 attempts: ") {
			t.Fatalf("err = %v, want method, path and 3 attempts", err)
		}
		if rec.count() != 3 {
			t.Errorf("server received %d requests, want 3", rec.count())
		}
		assertNoSecret(t, "error", err.Error(), testAPIKey, testAccessToken)
	})
}

func TestBodyCutOffMidwayIsRetriedThenReported(t *testing.T) {
	t.Run("then success", func(t *testing.T) {
		client, emu := newEmulatorClient(t, emulator.Options{})
		emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusOK, Body: emulator.FaultBodyCutOff, Times: 2})

		got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		if err != nil {
			t.Fatalf("SaveTrack: %v", err)
		}
		if got.Track == nil || got.Track.ID != "B08DL2BXQC" || got.SaveState != "SAVED" || !emu.InLibrary("B08DL2BXQC") {
			t.Errorf("SaveTrack = %+v, want B08DL2BXQC saved", got)
		}
		if n := emu.Count(http.MethodPut, savePath); n != 3 {
			t.Errorf("emulator received %d requests, want 3 (two cut off, then the save)", n)
		}
	})
	t.Run("every time", func(t *testing.T) {
		client, emu := newEmulatorClient(t, emulator.Options{Playlists: 3}, maxRetries2)
		emu.InjectFaults(emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyCutOff, Times: 3})

		_, _, err := client.Playlists(t.Context(), 10)
		if err == nil {
			t.Fatal("Playlists succeeded on answers cut off midway")
		}
		if msg := err.Error(); msg != "GET /v1/me/playlists: giving up after 3 attempts: reading the response body: unexpected EOF" {
			t.Errorf("error = %q, want one naming the request, the 3 attempts and the short body", msg)
		}
		if n := emu.Total(); n != 3 {
			t.Errorf("emulator received %d requests, want 3", n)
		}
	})
}

func TestServerSlowerThanTheTimeoutIsRetriedThenReported(t *testing.T) {
	// Each attempt may take 200ms; the emulator holds the first ones 5s.
	shortTimeout := func(cfg *amazonmusic.Config) {
		cfg.HTTPClient = &http.Client{Timeout: 200 * time.Millisecond}
	}

	t.Run("then success", func(t *testing.T) {
		t.Parallel()
		client, emu := newEmulatorClient(t, emulator.Options{}, shortTimeout)
		emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Delay: 5 * time.Second, Times: 2})

		start := time.Now()
		if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
			t.Fatalf("SaveTrack: %v", err)
		}
		if elapsed := time.Since(start); elapsed > 2*time.Second {
			t.Errorf("SaveTrack took %v, want two 200ms timeouts and a quick answer", elapsed)
		}
		if n := emu.Count(http.MethodPut, savePath); n != 3 || !emu.InLibrary("B08DL2BXQC") {
			t.Errorf("emulator received %d requests (in library: %t), want 3 and the track saved", n, emu.InLibrary("B08DL2BXQC"))
		}
	})
	t.Run("every time", func(t *testing.T) {
		t.Parallel()
		client, emu := newEmulatorClient(t, emulator.Options{}, shortTimeout, maxRetries2)
		emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Delay: 5 * time.Second, Times: 3})

		_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
		if err == nil {
			t.Fatal("SaveTrack succeeded though every attempt timed out")
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "PUT "+savePath+": giving up after 3 attempts: ") || !strings.Contains(msg, "Client.Timeout exceeded") {
			t.Errorf("error = %q, want the request, the 3 attempts and the timeout", msg)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %q is not context.DeadlineExceeded", msg)
		}
		if n := emu.Count(http.MethodPut, savePath); n != 3 || emu.InLibrary("B08DL2BXQC") {
			t.Errorf("emulator received %d requests (in library: %t), want 3 and nothing saved", n, emu.InLibrary("B08DL2BXQC"))
		}
	})
}

func TestMalformedSuccessfulAnswersAreClearErrorsAndNotRetried(t *testing.T) {
	tests := []struct {
		body emulator.FaultBody
		want string
	}{
		{emulator.FaultBodyHTML, "invalid JSON body (text/html): invalid character '<' looking for beginning of value"},
		{emulator.FaultBodyEmpty, "empty body (no content type)"},
		{emulator.FaultBodyTruncatedJSON, "invalid JSON body (application/json): unexpected EOF"},
		{emulator.FaultBodyWrongTypes, "invalid JSON body (application/json): json: cannot unmarshal bool into Go struct field TrackSaveResult.data.saveTrack.saveState of type string"},
		{emulator.FaultBodyOversized, "the response body exceeds 16 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.body.String(), func(t *testing.T) {
			t.Parallel()
			client, emu := newEmulatorClient(t, emulator.Options{})
			emu.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusOK, Body: tt.body})

			got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			if err == nil {
				t.Fatalf("SaveTrack = %+v, want an error", got)
			}
			if want := "unexpected response from PUT " + savePath + ": " + tt.want; err.Error() != want {
				t.Errorf("error = %q\nwant    %q", err, want)
			}
			if n := emu.Count(http.MethodPut, savePath); n != 1 {
				t.Errorf("emulator received %d requests, want 1: a malformed answer is not retried", n)
			}
		})
	}
}

func TestMalformedPlaylistPagesAreClearErrors(t *testing.T) {
	tests := []struct {
		body emulator.FaultBody
		want string
	}{
		{emulator.FaultBodyTruncatedJSON, "invalid JSON body (application/json): unexpected EOF"},
		{emulator.FaultBodyWrongTypes, "invalid JSON body (application/json): json: cannot unmarshal number into Go struct field .data.user.id of type string"},
	}
	for _, tt := range tests {
		t.Run(tt.body.String(), func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{Playlists: 12, PageCap: 5})
			// The first page is answered normally (a fault without status
			// and delay), the second is malformed.
			emu.InjectFaults(emulator.Fault{}, emulator.Fault{Status: http.StatusOK, Body: tt.body})

			_, playlists, err := client.Playlists(t.Context(), 5)
			if err == nil || !strings.HasPrefix(err.Error(), "unexpected response from GET /v1/me/playlists: "+tt.want) {
				t.Errorf("err = %v, want an unexpected response starting %q", err, tt.want)
			}
			if playlists != nil {
				t.Errorf("playlists = %v, want nil on error", playlists)
			}
			if n := emu.Total(); n != 2 {
				t.Errorf("emulator received %d requests, want 2: a malformed page is not retried", n)
			}
		})
	}
}

// TestMalformedCatalogAndUserAnswersAreClearErrors: a search, an album and
// the current user answered 200 with a malformed body of their own shape
// fail once, naming the request and what is wrong, without a retry.
func TestMalformedCatalogAndUserAnswersAreClearErrors(t *testing.T) {
	calls := []struct {
		method, path string
		call         func(t *testing.T, c *amazonmusic.Client) error
	}{
		{http.MethodPost, "/v1/search/tracks", func(t *testing.T, c *amazonmusic.Client) error {
			_, err := c.SearchTracks(t.Context(), amazonmusic.TrackSearch{
				Filters: []amazonmusic.SearchFilter{{Field: amazonmusic.SearchFieldISRC, Query: "GBCFB2000356"}}, MaxResults: 10,
			})
			return err
		}},
		{http.MethodGet, "/v1/albums/B08DL2H5PV", func(t *testing.T, c *amazonmusic.Client) error {
			_, err := c.Album(t.Context(), "B08DL2H5PV")
			return err
		}},
		{http.MethodGet, "/v1/me", func(t *testing.T, c *amazonmusic.Client) error {
			_, err := c.CurrentUser(t.Context())
			return err
		}},
	}
	bodies := map[emulator.FaultBody]string{
		emulator.FaultBodyTruncatedJSON: "invalid JSON body (application/json): unexpected EOF",
		emulator.FaultBodyWrongTypes:    "invalid JSON body (application/json): json: cannot unmarshal",
		emulator.FaultBodyOversized:     "the response body exceeds 16 MiB",
	}
	for _, c := range calls {
		for body, want := range bodies {
			t.Run(c.path+" "+body.String(), func(t *testing.T) {
				t.Parallel()
				client, emu := newEmulatorClient(t, emulator.Options{})
				emu.InjectFaults(emulator.Fault{Method: c.method, PathPrefix: c.path, Status: http.StatusOK, Body: body})
				err := c.call(t, client)
				if prefix := "unexpected response from " + c.method + " " + c.path + ": " + want; err == nil || !strings.HasPrefix(err.Error(), prefix) {
					t.Errorf("err = %v, want it to start %q", err, prefix)
				}
				if n := emu.Count(c.method, c.path); n != 1 {
					t.Errorf("emulator received %d requests, want 1: a malformed answer is not retried", n)
				}
			})
		}
	}
}

func TestRandomFaultsAreSurvivedByConcurrentCalls(t *testing.T) {
	const tracks, workers = 100, 10
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: tracks, Playlists: 23, PageCap: 5, FaultRate: 0.2, FaultSeed: 1},
		func(cfg *amazonmusic.Config) { cfg.MaxRetries = 8 })

	ids := make(chan string, tracks)
	for i := range tracks {
		ids <- emulator.TrackID(i)
	}
	close(ids)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for id := range ids {
				if _, err := client.SaveTrack(t.Context(), id); err != nil {
					t.Errorf("SaveTrack(%s): %v", id, err)
				}
			}
		})
	}
	_, playlists, err := client.Playlists(t.Context(), 5)
	wg.Wait()

	if err != nil {
		t.Errorf("Playlists: %v", err)
	} else if got, want := playlistIDs(playlists), emu.PlaylistIDs(); !slices.Equal(got, want) {
		t.Errorf("playlist ids = %v, want %v", got, want)
	}
	if got := emu.Library(); len(got) != tracks {
		t.Errorf("library holds %d tracks, want all %d", len(got), tracks)
	}
	faults := emu.FaultsInjected()
	if faults == 0 {
		t.Fatal("no fault was injected at rate 0.2")
	}
	// Every request the emulator answered normally did its job once.
	if got, want := emu.Total(), tracks+5+faults; got != want {
		t.Errorf("emulator received %d requests, want %d: %d saves, 5 pages and %d faults", got, want, tracks, faults)
	}
	t.Logf("%d faults injected and survived: %v", faults, emu.InjectedFaults())
}
