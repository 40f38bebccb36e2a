package emulator_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// serve serves a new emulator with a Server closed when t ends, and
// returns a client of its own, so that no other test's connections are
// reused.
func serve(t *testing.T, opts emulator.Options) (*emulator.Emulator, *emulator.Server, *http.Client) {
	t.Helper()
	e := emulator.New(opts)
	s, err := emulator.NewServer(e)
	if err != nil {
		t.Fatalf("NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)
	return e, s, &http.Client{Transport: transport}
}

// do sends method path to s with the default credentials and returns the
// status, or the error of the round trip.
func do(ctx context.Context, client *http.Client, s *emulator.Server, method, path string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, s.URL()+path, nil)
	if err != nil {
		return 0, "", err
	}
	withDefaultCredentials(req)
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// inFlight waits until e serves n requests, and fails t after 5 s.
func inFlight(t *testing.T, e *emulator.Emulator, n int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); e.InFlight() != n; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the emulator serves %d requests, want %d", e.InFlight(), n)
		}
	}
}

func TestServerDownRefusesConnectionsAndUpServesTheSameLibraryAgain(t *testing.T) {
	const id = "B08DL2BXQC"
	e, s, client := serve(t, emulator.Options{})
	url := s.URL()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("URL() = %q, want http://127.0.0.1:PORT", url)
	}
	if status, body, err := do(t.Context(), client, s, http.MethodPut, "/v1/me/library/tracks/"+id); err != nil || status != http.StatusOK {
		t.Fatalf("saving before the outage: %d %s %v", status, body, err)
	}

	s.Down()
	s.Down() // a second Down does nothing
	resp, err := http.Get(url + "/v1/me/playlists")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("GET while down answered %d", resp.StatusCode)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("GET while down failed with %v, want ECONNREFUSED", err)
	}
	if _, _, err := do(t.Context(), client, s, http.MethodGet, "/v1/me/playlists"); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("GET on a connection kept from before the outage failed with %v, want ECONNREFUSED", err)
	}

	if err := s.Up(); err != nil {
		t.Fatalf("Up: %v", err)
	}
	if err := s.Up(); err != nil {
		t.Errorf("a second Up: %v", err)
	}
	if s.URL() != url {
		t.Errorf("URL() after the outage = %q, want %q", s.URL(), url)
	}
	status, body, err := do(t.Context(), client, s, http.MethodGet, "/v1/me/library/tracks")
	if err != nil || status != http.StatusOK {
		t.Fatalf("listing the library after the outage: %d %s %v", status, body, err)
	}
	if !strings.Contains(body, `"id":"`+id+`"`) {
		t.Errorf("the library listed after the outage lacks %s: %s", id, body)
	}
	if got := e.Total(); got != 2 {
		t.Errorf("Total() = %d, want the save and the listing: no request reached a server that was down", got)
	}
}

func TestServerDownFailsTheReadsInFlight(t *testing.T) {
	e, s, client := serve(t, emulator.Options{Latency: longWait})
	failed := make(chan error, 1)
	go func() {
		status, _, err := do(t.Context(), client, s, http.MethodGet, "/v1/me/playlists")
		if err == nil {
			err = errors.New("answered " + http.StatusText(status))
		} else {
			err = nil
		}
		failed <- err
	}()
	inFlight(t, e, 1)

	began := time.Now()
	s.Down()
	if elapsed := time.Since(began); elapsed > 2*time.Second {
		t.Errorf("Down took %v with a read in flight", elapsed)
	}
	select {
	case err := <-failed:
		if err != nil {
			t.Errorf("the read in flight: %v, want its connection lost", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the read in flight still waits 5 s after Down")
	}
	inFlight(t, e, 0)
}

func TestServerDownStillAppliesTheWritesInFlight(t *testing.T) {
	const id = "B08DL2BXQC"
	e, s, client := serve(t, emulator.Options{Latency: writeLatency})
	failed := make(chan error, 1)
	go func() {
		_, _, err := do(t.Context(), client, s, http.MethodPut, "/v1/me/library/tracks/"+id)
		failed <- err
	}()
	inFlight(t, e, 1)

	s.Down()
	select {
	case err := <-failed:
		if err == nil {
			t.Error("the write in flight was answered after Down")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the write in flight still waits 5 s after Down")
	}
	if !eventually(func() bool { return e.InLibrary(id) }) {
		t.Fatalf("%s is not in the library 2 s after Down cut its save off", id)
	}
	if got := e.Count(http.MethodPut, "/v1/me/library/tracks/"+id); got != 1 {
		t.Errorf("Count(PUT) = %d, want 1", got)
	}
}

func TestServerShutdownAnswersWaitingReads503AndCompletesWrites(t *testing.T) {
	const id = "B08DL2BXQC"
	e, s, client := serve(t, emulator.Options{})
	e.InjectFaults(
		emulator.Fault{Method: http.MethodGet, Delay: longWait},
		emulator.Fault{Method: http.MethodPut, Delay: writeLatency},
	)
	type result struct {
		status int
		err    error
	}
	read, write := make(chan result, 1), make(chan result, 1)
	go func() {
		status, _, err := do(t.Context(), client, s, http.MethodGet, "/v1/me/playlists")
		read <- result{status, err}
	}()
	go func() {
		status, _, err := do(t.Context(), client, s, http.MethodPut, "/v1/me/library/tracks/"+id)
		write <- result{status, err}
	}()
	inFlight(t, e, 2)

	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if r := <-read; r.err != nil || r.status != http.StatusServiceUnavailable {
		t.Errorf("the waiting read got %d (%v), want 503", r.status, r.err)
	}
	if r := <-write; r.err != nil || r.status != http.StatusOK {
		t.Errorf("the waiting write got %d (%v), want 200", r.status, r.err)
	}
	if !e.InLibrary(id) {
		t.Errorf("%s is not in the library after Shutdown", id)
	}
	if err := s.Up(); err == nil {
		t.Error("Up after Shutdown serves again")
	}
}

func TestServerCloseStopsForGood(t *testing.T) {
	_, s, _ := serve(t, emulator.Options{})
	s.Close()
	s.Close() // a second Close does nothing
	if err := s.Up(); err == nil {
		t.Error("Up after Close serves again")
	}
	if _, err := http.Get(s.URL()); !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("GET after Close failed with %v, want ECONNREFUSED", err)
	}
}

func TestNewServerAtRefusesAddressesOtherHostsReach(t *testing.T) {
	e := emulator.New(emulator.Options{})
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0", "192.0.2.1:0", "127.0.0.1"} {
		if s, err := emulator.NewServerAt(addr, e); err == nil {
			s.Close()
			t.Errorf("NewServerAt(%q) serves", addr)
		}
	}
	s, err := emulator.NewServerAt("localhost:0", e)
	if err != nil {
		t.Fatalf("NewServerAt(localhost:0): %v", err)
	}
	s.Close()
}
