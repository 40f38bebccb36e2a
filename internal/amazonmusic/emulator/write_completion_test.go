package emulator_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// writeLatency is the latency of the tests of writes whose client gives up:
// long enough for the client to give up first, short enough to wait out.
const writeLatency = 300 * time.Millisecond

// giveUpAfter is how long those clients wait before giving up.
const giveUpAfter = 50 * time.Millisecond

// sendAndGiveUp sends method path with body (none when empty) and the
// default credentials, and cancels it after giveUpAfter. It fails t if the
// request is answered before.
func sendAndGiveUp(t *testing.T, srv *httptest.Server, method, path, body string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), giveUpAfter)
	defer cancel()
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, srv.URL+path, reader)
	if err != nil {
		t.Fatal(err)
	}
	withDefaultCredentials(req)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("%s %s was answered %d before the client gave up", method, path, resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("%s %s: %v, want the client's own deadline", method, path, err)
	}
}

// eventually polls done for up to two seconds and reports whether it ever
// returned true.
func eventually(done func() bool) bool {
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if done() {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
	}
}

func TestASaveCompletesAfterTheClientGaveUp(t *testing.T) {
	const id = "B08DL2BXQC"
	e, srv := start(t, emulator.Options{Latency: writeLatency})

	sendAndGiveUp(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id, "")

	if !eventually(func() bool { return e.InLibrary(id) }) {
		t.Fatalf("%s is not in the library 2 s after a save whose client gave up during the latency", id)
	}
	if got := e.Count(http.MethodPut, "/v1/me/library/tracks/"+id); got != 1 {
		t.Errorf("Count(PUT) = %d, want 1", got)
	}
}

func TestARemovalCompletesAfterTheClientGaveUpDuringAFaultDelay(t *testing.T) {
	const id = "B08DL2BXQC"
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary(id)
	e.InjectFaults(emulator.Fault{Method: http.MethodDelete, Delay: writeLatency})

	sendAndGiveUp(t, srv, http.MethodDelete, "/v1/me/library/tracks/"+id, "")

	if !eventually(func() bool { return !e.InLibrary(id) }) {
		t.Fatalf("%s is still in the library 2 s after a removal whose client gave up during the fault's delay", id)
	}
}

func TestPlaylistWritesCompleteAfterTheClientGaveUp(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 3})

	e.SetLatency(writeLatency)
	sendAndGiveUp(t, srv, http.MethodPost, "/v1/playlists", `{"title":"Left behind","visibility":"PUBLIC"}`)
	var id string
	if !eventually(func() bool {
		created := e.CreatedPlaylists()
		if len(created) == 1 {
			id = created[0]
		}
		return id != ""
	}) {
		t.Fatal("no playlist created 2 s after a creation whose client gave up")
	}

	sendAndGiveUp(t, srv, http.MethodPut, "/v1/playlists/"+id, `{"title":"Renamed"}`)
	if !eventually(func() bool { p, _ := e.Playlist(id); return p.Title == "Renamed" }) {
		t.Error("the playlist is not renamed 2 s after an update whose client gave up")
	}

	sendAndGiveUp(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B000000001","B000000002"]}`)
	if !eventually(func() bool { p, _ := e.Playlist(id); return len(p.TrackIDs) == 2 }) {
		t.Error("the playlist lacks its tracks 2 s after an addition whose client gave up")
	}

	sendAndGiveUp(t, srv, http.MethodDelete, "/v1/playlists/"+id, "")
	if !eventually(func() bool { _, ok := e.Playlist(id); return !ok }) {
		t.Error("the playlist still exists 2 s after a deletion whose client gave up")
	}
	if got := e.Total(); got != 4 {
		t.Errorf("Total() = %d, want the 4 writes counted once each", got)
	}
}

func TestAWriteWhoseContextEndedIsHeldOnlyForItsLatency(t *testing.T) {
	const id = "B08DL2BXQC"
	e := emulator.New(emulator.Options{Latency: writeLatency})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req := httptest.NewRequestWithContext(ctx, http.MethodPut, "/v1/me/library/tracks/"+id, nil)
	withDefaultCredentials(req)
	rec := httptest.NewRecorder()

	began := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.ServeHTTP(rec, req)
	}()
	select {
	case <-done:
	case <-time.After(writeLatency + 2*time.Second):
		t.Fatal("ServeHTTP holds a write whose context ended beyond its latency")
	}
	if elapsed := time.Since(began); elapsed < writeLatency {
		t.Errorf("the write was answered after %v, before its latency of %v", elapsed, writeLatency)
	}
	if rec.Code != http.StatusOK || !e.InLibrary(id) {
		t.Errorf("status %d, in library %v: want the write applied and answered 200", rec.Code, e.InLibrary(id))
	}
}

func TestAReadStillEndsWhenTheClientGivesUp(t *testing.T) {
	e, srv := start(t, emulator.Options{Latency: longWait})
	ctx, cancel := context.WithTimeout(t.Context(), giveUpAfter)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/me/playlists", nil)
	if err != nil {
		t.Fatal(err)
	}
	withDefaultCredentials(req)
	if resp, err := srv.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the read was answered %d during a latency of %v", resp.StatusCode, longWait)
	}
	if !eventually(func() bool { return e.InFlight() == 0 }) {
		t.Error("the read is still being served 2 s after its client gave up")
	}
}
