package amazonmusic_test

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const savePath = "/v1/me/library/tracks/B08DL2BXQC"

func TestRetryableAnswersAreRetriedUntilSuccess(t *testing.T) {
	tests := []struct {
		name         string
		fault        emulator.Fault
		wantRequests int
	}{
		{name: "429 with Retry-After 0", fault: emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0", Times: 2}, wantRequests: 3},
		{name: "429 without Retry-After", fault: emulator.Fault{Status: http.StatusTooManyRequests, Times: 1}, wantRequests: 2},
		{name: "503", fault: emulator.Fault{Status: http.StatusServiceUnavailable, Times: 2}, wantRequests: 3},
		{name: "500 then success", fault: emulator.Fault{Status: http.StatusInternalServerError, Times: 1}, wantRequests: 2},
		{name: "502 gateway page", fault: emulator.Fault{Status: http.StatusBadGateway, Times: 1}, wantRequests: 2},
		{name: "504 with Retry-After 0", fault: emulator.Fault{Status: http.StatusGatewayTimeout, RetryAfter: "0", Times: 1}, wantRequests: 2},
		{name: "599", fault: emulator.Fault{Status: 599, Times: 1}, wantRequests: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{})
			emu.InjectFaults(tt.fault)

			got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			if err != nil {
				t.Fatalf("SaveTrack: %v", err)
			}
			if got.SaveState != "SAVED" || !emu.InLibrary("B08DL2BXQC") {
				t.Errorf("SaveTrack = %+v, want the track saved", got)
			}
			if n := emu.Count(http.MethodPut, savePath); n != tt.wantRequests {
				t.Errorf("emulator received %d requests, want %d", n, tt.wantRequests)
			}
		})
	}
}

func TestRetryAfterSecondsIsHonoured(t *testing.T) {
	// RetryWaitMax is 5ms: only the header can make the client wait 1s.
	client, emu := newEmulatorClient(t, emulator.Options{})
	emu.InjectFaults(emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})

	start := time.Now()
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Errorf("SaveTrack returned after %v, want at least the 1s of Retry-After", elapsed)
	}
	if n := emu.Count(http.MethodPut, savePath); n != 2 {
		t.Errorf("emulator received %d requests, want 2", n)
	}
}

func TestRetryAfterHTTPDateIsHonoured(t *testing.T) {
	var (
		mu      sync.Mutex
		arrived []time.Time
	)
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		arrived = append(arrived, time.Now())
		mu.Unlock()
		if n == 1 {
			// The date has a resolution of a second: the wait lies in (1s, 2s].
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			writeBody(w, http.StatusServiceUnavailable, "", "")
			return
		}
		writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
	})
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if rec.count() != 2 {
		t.Fatalf("server received %d requests, want 2", rec.count())
	}
	mu.Lock()
	defer mu.Unlock()
	if wait := arrived[1].Sub(arrived[0]); wait < 900*time.Millisecond || wait > 2500*time.Millisecond {
		t.Errorf("the retry came %v after the first answer, want about 1-2s as the date asks", wait)
	}
}

func TestClientErrorsAreNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusNotImplemented} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{})
			emu.InjectFaults(emulator.Fault{Status: status, Times: 3})

			_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Fatalf("err = %v, want an APIError with status %d", err, status)
			}
			if apiErr.Attempts != 1 {
				t.Errorf("Attempts = %d, want 1", apiErr.Attempts)
			}
			if n := emu.Count(http.MethodPut, savePath); n != 1 {
				t.Errorf("emulator received %d requests, want 1", n)
			}
		})
	}
}

func TestRetriesAreBoundedByMaxRetries(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) { cfg.MaxRetries = 2 })
	emu.InjectFaults(emulator.Fault{Status: http.StatusServiceUnavailable, Times: 5})

	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if n := emu.Count(http.MethodPut, savePath); n != 3 {
		t.Errorf("emulator received %d requests, want 3 (1 + MaxRetries 2)", n)
	}
	if apiErr.StatusCode != http.StatusServiceUnavailable || apiErr.Code != "SERVICE_UNAVAILABLE" || apiErr.Attempts != 3 {
		t.Errorf("APIError = %+v, want 503 SERVICE_UNAVAILABLE after 3 attempts", *apiErr)
	}
	msg := err.Error()
	for _, want := range []string{"503", "SERVICE_UNAVAILABLE", "after 3 attempts"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if left := emu.PendingFaults(); left != 2 {
		t.Errorf("%d faults left, want 2", left)
	}
}

func TestMaxRetriesZeroSendsOnce(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) { cfg.MaxRetries = 0 })
	emu.InjectFaults(emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0", Times: 2})

	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests || apiErr.Code != emulator.CodeThrottled {
		t.Fatalf("err = %v, want 429 THROTTLED", err)
	}
	if n := emu.Total(); n != 1 {
		t.Errorf("emulator received %d requests, want 1", n)
	}
}

func TestNegativeMaxRetriesMeansDefault(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) { cfg.MaxRetries = -1 })
	emu.InjectFaults(emulator.Fault{Status: http.StatusInternalServerError, Times: 10})

	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err == nil {
		t.Fatal("SaveTrack succeeded, want the 500 after the retries")
	}
	if n, want := emu.Total(), 1+amazonmusic.DefaultMaxRetries; n != want {
		t.Errorf("emulator received %d requests, want %d", n, want)
	}
}

func TestDroppedConnectionsAreRetried(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= 2 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			conn.Close() // no answer at all
			return
		}
		writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
	})
	got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got.SaveState != "SAVED" || rec.count() != 3 {
		t.Errorf("SaveTrack = %+v after %d requests, want SAVED after 3", got, rec.count())
	}
}

func TestNetworkErrorsSayHowManyAttemptsWereMade(t *testing.T) {
	// A listener that is closed at once: every connection is refused.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: "http://" + addr, APIKey: testAPIKey, AccessToken: testAccessToken,
		MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err == nil {
		t.Fatal("SaveTrack succeeded against a closed port")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "PUT "+savePath+": giving up after 3 attempts: ") {
		t.Errorf("error = %q, want method, path and the 3 attempts", msg)
	}
	var apiErr *amazonmusic.APIError
	if errors.As(err, &apiErr) {
		t.Errorf("a network error is an APIError: %v", apiErr)
	}
	assertNoSecret(t, "error", msg, testAPIKey, testAccessToken)
}

func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	var conns atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the handler was reached through an untrusted certificate")
	}))
	srv.Config.ConnState = func(_ net.Conn, state http.ConnState) {
		if state == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)

	// The default client does not trust the test server's certificate.
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: srv.URL, APIKey: testAPIKey, AccessToken: testAccessToken,
		MaxRetries: 3, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err == nil || !strings.Contains(err.Error(), "after 1 attempt:") || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error after 1 attempt", err)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("the server saw %d connections, want 1", n)
	}
}

func TestConfiguredHTTPClientIsUsed(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, `{"data":{"saveTrack":{"saveState":"SAVED"}}}`)
	}))
	t.Cleanup(srv.Close)
	httpClient := srv.Client() // trusts the test certificate
	transport, ok := httpClient.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("test server client transport is %T, want *http.Transport", httpClient.Transport)
	}
	transport.TLSClientConfig.MinVersion = tls.VersionTLS12

	client, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: srv.URL, APIKey: testAPIKey, AccessToken: testAccessToken, HTTPClient: httpClient})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack through the configured client: %v", err)
	}
	if httpClient.CheckRedirect != nil {
		t.Error("NewClient modified the configured http.Client")
	}
}
