package main

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

// freshClient returns a client whose connections no other test shares.
func freshClient(t *testing.T) *http.Client {
	t.Helper()
	transport := &http.Transport{}
	t.Cleanup(transport.CloseIdleConnections)
	return &http.Client{Transport: transport}
}

// try sends method path with the built-in credentials and returns the
// status and body, or the error of the round trip.
func try(ctx context.Context, client *http.Client, baseURL, method, path string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, method, baseURL+path, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("x-api-key", emulator.DefaultAPIKey)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), err
}

// pollUntil calls ok every 20 ms until it returns true, and fails t after
// 10 s, naming what it waited for.
func pollUntil(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 10 s for %s", what)
		}
	}
}

func TestParseFlagsReadsTheOutage(t *testing.T) {
	c, err := parseFlags([]string{"-outage-after", "30s", "-outage-for", "1m"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.outage.after != 30*time.Second || c.outage.length != time.Minute {
		t.Errorf("outage = %+v, want down after 30s for 1m", c.outage)
	}
	if c, err := parseFlags(nil, io.Discard); err != nil || c.outage != (outage{}) {
		t.Errorf("by default: outage %+v, err %v; want none", c.outage, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-outage-after", "-1s"}, "-outage-after must not be negative"},
		{[]string{"-outage-after", "1s", "-outage-for", "-1s"}, "-outage-for must not be negative"},
		{[]string{"-outage-for", "1s"}, "-outage-for needs -outage-after"},
	} {
		if _, err := parseFlags(tt.args, io.Discard); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseFlags(%q) = %v, want an error containing %q", tt.args, err, tt.want)
		}
	}
}

func TestRunGoesDownAndComesBackWithTheLibrary(t *testing.T) {
	const id = "B08DL2BXQC"
	s := startRun(t, "-outage-after", "1500ms", "-outage-for", "1s")
	client := freshClient(t)
	if status, body, err := try(t.Context(), client, s.baseURL, http.MethodPut, "/v1/me/library/tracks/"+id); err != nil || status != http.StatusOK {
		t.Fatalf("saving before the outage: %d %s %v", status, body, err)
	}

	pollUntil(t, "the emulator to refuse connections", func() bool {
		_, _, err := try(t.Context(), client, s.baseURL, http.MethodGet, "/v1/me/playlists")
		return errors.Is(err, syscall.ECONNREFUSED)
	})
	var body string
	pollUntil(t, "the emulator to answer again", func() bool {
		var status int
		var err error
		status, body, err = try(t.Context(), client, s.baseURL, http.MethodGet, "/v1/me/library/tracks")
		return err == nil && status == http.StatusOK
	})
	if !strings.Contains(body, `"id":"`+id+`"`) {
		t.Errorf("the library listed after the outage lacks %s: %s", id, body)
	}

	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	for _, want := range []string{"outage planned: going down 1.5s after the start, for 1s", "outage: down for 1s", "outage over: accepting connections again"} {
		if !strings.Contains(s.stderr.String(), want) {
			t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
		}
	}
}

func TestRunStaysDownWithoutOutageFor(t *testing.T) {
	s := startRun(t, "-outage-after", "100ms")
	client := freshClient(t)
	pollUntil(t, "the emulator to refuse connections", func() bool {
		_, _, err := try(t.Context(), client, s.baseURL, http.MethodGet, "/v1/me/playlists")
		return errors.Is(err, syscall.ECONNREFUSED)
	})
	if err := s.stop(); err != nil {
		t.Fatalf("stop while down: %v", err)
	}
	if want := "outage: down until stopped"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
	}
}

// putInFlight sends PUT of a library track to s in the background, gives it
// time to reach the emulator's wait, and returns the channel of its status
// (0 when the connection was lost).
func putInFlight(t *testing.T, s started) <-chan int {
	t.Helper()
	answered := make(chan int, 1)
	client := freshClient(t)
	go func() {
		status, _, err := try(context.Background(), client, s.baseURL, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")
		if err != nil {
			status = 0
		}
		answered <- status
	}()
	time.Sleep(200 * time.Millisecond)
	return answered
}

func TestStopCompletesTheWritesInFlight(t *testing.T) {
	s := startRun(t, "-latency", "1s")
	answered := putInFlight(t, s)

	if err := s.stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	select {
	case status := <-answered:
		if status != http.StatusOK {
			t.Errorf("the write in flight got %d, want 200", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the write in flight was never answered")
	}
}

func TestStopGivesUpOnWritesStillWaitingAfterTheTimeout(t *testing.T) {
	s := startRun(t, "-latency", "30s")
	answered := putInFlight(t, s)

	began := time.Now()
	if err := s.stop(); err != nil {
		t.Errorf("stop: %v", err)
	}
	if elapsed := time.Since(began); elapsed > shutdownTimeout+3*time.Second {
		t.Errorf("stopping took %v with a write waiting 30s", elapsed)
	}
	select {
	case status := <-answered:
		if status != 0 {
			t.Errorf("the write in flight got %d, want its connection closed", status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the write in flight still waits after the stop")
	}
	if want := "write(s) still in their latency or fault delay: their answers are lost"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
	}
}

func TestHelpDocumentsTheOutageAndWhatThePageCapCaps(t *testing.T) {
	_, _, stderr := runMain(t, "-h")
	for _, want := range []string{
		"-outage-after duration", "-outage-for duration", "refuse new ones", "(0: stay down until stopped)",
		"the playlists (GET /v1/me/playlists), the saved tracks (GET /v1/me/library/tracks), a playlist's tracks (GET /v1/playlists/{id}/tracks) and the tracks found (POST /v1/search/tracks)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the usage lacks %q:\n%s", want, stderr)
		}
	}
}

func TestPageCapCapsEveryPagedListing(t *testing.T) {
	s := startRun(t, "-page-cap", "2")
	client := freshClient(t)
	for _, id := range []string{"B000000001", "B000000002", "B000000003"} {
		if status, body, err := try(t.Context(), client, s.baseURL, http.MethodPut, "/v1/me/library/tracks/"+id); err != nil || status != http.StatusOK {
			t.Fatalf("saving %s: %d %s %v", id, status, body, err)
		}
	}
	status, body, err := try(t.Context(), client, s.baseURL, http.MethodGet, "/v1/me/library/tracks?limit=100")
	if err != nil || status != http.StatusOK {
		t.Fatalf("listing the library: %d %s %v", status, body, err)
	}
	if n := strings.Count(body, `"cursor"`); n != 2 || !strings.Contains(body, `"hasNextPage":true`) {
		t.Errorf("the first page of 3 saved tracks holds %d with -page-cap 2, want 2 and a next page: %s", n, body)
	}
}
