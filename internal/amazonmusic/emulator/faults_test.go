package emulator_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestFaultsAreConsumedInOrderWithRetryAfter(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 3})
	e.InjectFaults(
		emulator.Fault{Status: 429, RetryAfter: "2", Times: 2},
		emulator.Fault{Status: 503, RetryAfter: "7"},
		emulator.Fault{Status: 500},
	)
	if got := e.PendingFaults(); got != 4 {
		t.Errorf("PendingFaults() = %d, want 4", got)
	}

	want := []struct {
		status     int
		code       string
		retryAfter string
	}{
		{429, emulator.CodeThrottled, "2"},
		{429, emulator.CodeThrottled, "2"},
		{503, "SERVICE_UNAVAILABLE", "7"},
		{500, "INTERNAL_SERVER_ERROR", ""},
	}
	for i, w := range want {
		a := send(t, srv, http.MethodGet, "/v1/me/playlists")
		got := mustAPIError(t, a, w.status)
		if got.Code != w.code {
			t.Errorf("request %d: code = %q, want %q", i, got.Code, w.code)
		}
		if ra := a.header.Get("Retry-After"); ra != w.retryAfter {
			t.Errorf("request %d: Retry-After = %q, want %q", i, ra, w.retryAfter)
		}
	}
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status != http.StatusOK {
		t.Errorf("after the faults: status %d, want 200", a.status)
	}
	if got := e.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d, want 0", got)
	}
	if got := e.Count(http.MethodGet, "/v1/me/playlists"); got != 5 {
		t.Errorf("Count = %d, want 5 with the faulted requests", got)
	}
}

func TestFaultsMatchOnlyTheirMethodAndPathPrefix(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(
		emulator.Fault{Method: http.MethodPut, PathPrefix: "/v1/me/library/", Status: 500},
		emulator.Fault{PathPrefix: "/v1/me/playlists", Status: 429},
	)

	if a := send(t, srv, http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC"); a.status != http.StatusOK {
		t.Errorf("DELETE took a PUT fault: status %d", a.status)
	}
	mustAPIError(t, send(t, srv, http.MethodGet, "/v1/me/playlists"), 429)
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status != http.StatusOK {
		t.Errorf("second GET: status %d, want 200", a.status)
	}
	mustAPIError(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"), 500)
	if e.InLibrary("B08DL2BXQC") {
		t.Error("a faulted PUT saved the track")
	}
}

func TestFaultsComeBeforeAuthentication(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(emulator.Fault{Status: 503})

	mustAPIError(t, sendWith(t, srv, http.MethodGet, "/v1/me/playlists", nil), 503)
	if got := mustAPIError(t, sendWith(t, srv, http.MethodGet, "/v1/me/playlists", nil), 403); got.Code != emulator.CodeMissingAPIKey {
		t.Errorf("code = %q, want %q", got.Code, emulator.CodeMissingAPIKey)
	}
}

func TestGatewayFaultsAnswerHTMLOrTheChosenBody(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(
		emulator.Fault{Status: 502},
		emulator.Fault{Status: 504},
		emulator.Fault{Status: 502, Body: emulator.FaultBodyJSON},
		emulator.Fault{Status: 500, Body: emulator.FaultBodyEmpty},
		emulator.Fault{Status: 503, Body: emulator.FaultBodyHTML},
		emulator.Fault{Status: 403, Code: "INSUFFICIENT_SCOPE"},
	)

	for _, status := range []int{502, 504} {
		a := send(t, srv, http.MethodGet, "/v1/me/playlists")
		if a.status != status {
			t.Fatalf("status = %d, want %d", a.status, status)
		}
		if ct := a.header.Get("Content-Type"); ct != "text/html" {
			t.Errorf("%d: Content-Type = %q, want text/html", status, ct)
		}
		if json.Valid(a.body) || !strings.Contains(string(a.body), "<html>") {
			t.Errorf("%d: body %q is not a gateway's HTML page", status, a.body)
		}
	}
	if got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/me/playlists"), 502); got.Code != "BAD_GATEWAY" {
		t.Errorf("502 as JSON: code = %q, want BAD_GATEWAY", got.Code)
	}
	empty := send(t, srv, http.MethodGet, "/v1/me/playlists")
	if empty.status != 500 || len(empty.body) != 0 {
		t.Errorf("empty body fault answered %d %q, want 500 and no body", empty.status, empty.body)
	}
	html := send(t, srv, http.MethodGet, "/v1/me/playlists")
	if html.status != 503 || !strings.Contains(string(html.body), "503 Service Unavailable") {
		t.Errorf("HTML 503 fault answered %d %q", html.status, html.body)
	}
	if got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/me/playlists"), 403); got.Code != "INSUFFICIENT_SCOPE" {
		t.Errorf("code = %q, want INSUFFICIENT_SCOPE", got.Code)
	}
}

func TestFaultDelayWithoutStatusAnswersNormallyAfterWaiting(t *testing.T) {
	const delay = 150 * time.Millisecond
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(emulator.Fault{Delay: delay})

	began := time.Now()
	a := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")

	if elapsed := time.Since(began); elapsed < delay {
		t.Errorf("answered after %v, want at least %v", elapsed, delay)
	}
	if _, state := saveAnswer(t, a, "saveTrack"); state != "SAVED" {
		t.Errorf("saveState = %q, want SAVED", state)
	}
}

func TestFaultDelayEndsWhenTheRequestContextIsDone(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(emulator.Fault{Status: 503, Delay: longWait})

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/me/playlists", nil)
	if err != nil {
		t.Fatal(err)
	}
	withDefaultCredentials(req)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("request answered %d during a delay of %v", resp.StatusCode, longWait)
	}

	// Close waits for every handler to return: it must not wait out the delay.
	closed := make(chan struct{})
	go func() {
		srv.Close()
		close(closed)
	}()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("the handler still waits its delay after the client gave up")
	}
	if got := e.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d: the canceled request did not consume its fault", got)
	}
}

func TestFaultDelayEndsOnCancelAndAnswers503(t *testing.T) {
	e := emulator.New(emulator.Options{})
	e.InjectFaults(emulator.Fault{Delay: longWait})
	rec := serveCanceled(t, e, "delay")
	a := answer{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	if got := mustAPIError(t, a, http.StatusServiceUnavailable); got.Code != emulator.CodeServiceUnavailable {
		t.Errorf("code = %q, want %q", got.Code, emulator.CodeServiceUnavailable)
	}
}

func TestClearFaultsDropsTheQueue(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(emulator.Fault{Status: 500, Times: 3}, emulator.Fault{Status: 429})

	e.ClearFaults()

	if got := e.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d, want 0", got)
	}
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status != http.StatusOK {
		t.Errorf("status after ClearFaults = %d, want 200", a.status)
	}
}

func TestInjectFaultsRejectsStatusesThatAreNotErrors(t *testing.T) {
	e := emulator.New(emulator.Options{})
	for _, status := range []int{200, 302, 399, 600, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("InjectFaults with Status %d did not panic", status)
				}
			}()
			e.InjectFaults(emulator.Fault{Status: status})
		}()
	}
	if got := e.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d after rejected faults, want 0", got)
	}
}
