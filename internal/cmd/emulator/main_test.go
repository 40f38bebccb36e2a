package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// syncBuffer is a bytes.Buffer safe to write from the server while a test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// started is a run of the command in the background.
type started struct {
	baseURL        string
	stdout, stderr *syncBuffer
	stop           func() error
}

// startRun runs the command with args plus -url-file and waits until it
// wrote its base URL.
func startRun(t *testing.T, args ...string) started {
	t.Helper()
	urlFile := filepath.Join(t.TempDir(), "emulator.url")
	ctx, cancel := context.WithCancel(t.Context())
	s := started{stdout: &syncBuffer{}, stderr: &syncBuffer{}}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append(args, "-url-file", urlFile), s.stdout, s.stderr)
	}()
	var once sync.Once
	var runErr error
	s.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case runErr = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("run did not return after its context ended")
			}
		})
		return runErr
	}
	t.Cleanup(func() { _ = s.stop() })

	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(urlFile)
		if err == nil {
			s.baseURL = string(b)
			break
		}
		select {
		case err := <-done:
			t.Fatalf("run ended before listening: %v (stderr: %s)", err, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("the url file never appeared")
		}
	}
	return s
}

// get sends GET path with the given credentials.
func get(t *testing.T, baseURL, path, apiKey, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, baseURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", apiKey)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestRunServesOnLoopbackAndAnnouncesTheURL(t *testing.T) {
	s := startRun(t, "-playlists", "7", "-page-cap", "3")

	if !regexp.MustCompile(`^http://127\.0\.0\.1:[1-9][0-9]*$`).MatchString(s.baseURL) {
		t.Fatalf("url file holds %q, want http://127.0.0.1:PORT", s.baseURL)
	}
	if want := "amazonmusic emulator listening on " + s.baseURL + "\n"; !strings.HasPrefix(s.stdout.String(), want) {
		t.Errorf("stdout = %q, want it to start with %q", s.stdout.String(), want)
	}

	status, body := get(t, s.baseURL, "/v1/me/playlists?limit=100", emulator.DefaultAPIKey, emulator.DefaultAccessToken)
	if status != http.StatusOK {
		t.Fatalf("GET playlists: status %d (body %s)", status, body)
	}
	if n := strings.Count(body, `"cursor"`); n != 3 {
		t.Errorf("first page holds %d playlists, want the page cap 3", n)
	}
	if !strings.Contains(body, `"hasNextPage":true`) {
		t.Errorf("first page of 7 with cap 3 has no next page: %s", body)
	}

	if err := s.stop(); err != nil {
		t.Fatalf("run returned %v after a graceful stop", err)
	}
	if !regexp.MustCompile(`GET /v1/me/playlists 200 `).MatchString(s.stderr.String()) {
		t.Errorf("stderr does not log the request: %s", s.stderr)
	}
	if strings.Contains(s.stderr.String(), "limit=") {
		t.Errorf("the request log holds the query: %s", s.stderr)
	}
}

func TestRunRemovesTheURLFileWhenStopped(t *testing.T) {
	urlFile := filepath.Join(t.TempDir(), "emulator.url")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-url-file", urlFile}, io.Discard, io.Discard) }()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(urlFile); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the url file never appeared")
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if _, err := os.Stat(urlFile); !os.IsNotExist(err) {
		t.Errorf("the url file is still there after the stop (stat: %v)", err)
	}
	leftovers, _ := filepath.Glob(urlFile + ".tmp*")
	if len(leftovers) != 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}
}

func TestRunNamesOnlyBuiltInCredentials(t *testing.T) {
	const customKey, customToken = "custom-key-7f3a", "custom-token-91c2"

	custom := startRun(t, "-api-key", customKey, "-access-token", customToken)
	if status, _ := get(t, custom.baseURL, "/v1/me/playlists", customKey, customToken); status != http.StatusOK {
		t.Errorf("custom credentials: status %d, want 200", status)
	}
	if status, _ := get(t, custom.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, emulator.DefaultAccessToken); status != http.StatusForbidden {
		t.Errorf("built-in credentials on a custom emulator: status %d, want 403", status)
	}
	if err := custom.stop(); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{custom.stdout.String(), custom.stderr.String()} {
		if strings.Contains(out, customKey) || strings.Contains(out, customToken) {
			t.Errorf("output names a custom credential: %s", out)
		}
	}

	builtin := startRun(t)
	if err := builtin.stop(); err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{emulator.DefaultAPIKey, emulator.DefaultAccessToken} {
		if !strings.Contains(builtin.stderr.String(), secret) {
			t.Errorf("stderr does not say the built-in credential %q is accepted: %s", secret, builtin.stderr)
		}
	}
}

func TestStopEndsRequestsStillWaiting(t *testing.T) {
	s := startRun(t, "-latency", "30s")

	answered := make(chan int, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, s.baseURL+"/v1/me/playlists", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	// Give the request time to reach the handler's wait.
	time.Sleep(200 * time.Millisecond)

	began := time.Now()
	if err := s.stop(); err != nil {
		t.Errorf("run returned %v", err)
	}
	if elapsed := time.Since(began); elapsed > shutdownTimeout {
		t.Errorf("stopping took %v with a request waiting", elapsed)
	}
	select {
	case status := <-answered:
		if status != http.StatusServiceUnavailable && status != 0 {
			t.Errorf("the waiting request got %d, want 503 or a closed connection", status)
		}
	case <-time.After(5 * time.Second):
		t.Error("the waiting request never ended")
	}
}

func TestParseFlagsRefusesBadSettings(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-addr", "0.0.0.0:0"}, "not a loopback address"},
		{[]string{"-addr", ":8080"}, "not a loopback address"},
		{[]string{"-addr", "[::]:0"}, "not a loopback address"},
		{[]string{"-addr", "192.168.1.10:80"}, "not a loopback address"},
		{[]string{"-addr", "example.com:80"}, "not a loopback address"},
		{[]string{"-addr", "127.0.0.1"}, "not host:port"},
		{[]string{"-playlists", "-1"}, "-playlists must not be negative"},
		{[]string{"-page-cap", "-2"}, "-page-cap must not be negative"},
		{[]string{"-catalog-size", "-3"}, "-catalog-size must not be negative"},
		{[]string{"-latency", "-1s"}, "-latency must not be negative"},
		{[]string{"extra"}, "unexpected arguments"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseFlags(tt.args, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("parseFlags(%q) = %v, want an error containing %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestParseFlagsAcceptsLoopbackAddresses(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "127.0.0.2:8080", "[::1]:0", "localhost:0"} {
		c, err := parseFlags([]string{"-addr", addr}, io.Discard)
		if err != nil {
			t.Errorf("-addr %s: %v", addr, err)
			continue
		}
		if c.addr != addr {
			t.Errorf("-addr %s parsed as %q", addr, c.addr)
		}
	}
}

func TestRunRefusesNonLoopbackAddress(t *testing.T) {
	var stdout bytes.Buffer
	err := run(t.Context(), []string{"-addr", "0.0.0.0:0"}, &stdout, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("run = %v, want an error about loopback", err)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
}
