package amazonmusic_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// closedPort returns the address of a local port that nothing listens on:
// every connection to it is refused.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// hangUp closes the connection of w without an answer, as a server that
// went away after reading the request.
func hangUp(t *testing.T, w http.ResponseWriter) {
	t.Helper()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	conn.Close()
}

func TestUnreachableErrorNamesTheHostTheCauseAndTheAttempts(t *testing.T) {
	cause := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	err := fmt.Errorf("PUT /v1/me/library/tracks/B08DL2BXQC: %w", &amazonmusic.UnreachableError{Host: "127.0.0.1:41234", Attempts: 5, Err: cause})

	want := "PUT /v1/me/library/tracks/B08DL2BXQC: giving up after 5 attempts: the API at 127.0.0.1:41234 did not answer: " + cause.Error()
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err, want)
	}
	if !errors.Is(err, amazonmusic.ErrUnreachable) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want it to match ErrUnreachable and its cause", err)
	}
	for _, other := range []error{amazonmusic.ErrOutcomeUnknown, amazonmusic.ErrNotFound, context.Canceled} {
		if errors.Is(err, other) {
			t.Errorf("err matches %v", other)
		}
	}
}

func TestRefusedConnectionsAreUnreachable(t *testing.T) {
	t.Parallel()
	addr := closedPort(t)
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: "http://" + addr, APIKey: testAPIKey, AccessToken: testAccessToken,
		MaxRetries: 2, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}

	_, err = client.PlaylistsPage(t.Context(), 10, "")
	var unreachable *amazonmusic.UnreachableError
	if !errors.As(err, &unreachable) {
		t.Fatalf("err = %v, want an *UnreachableError", err)
	}
	if unreachable.Host != addr || unreachable.Attempts != 3 || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("UnreachableError = %+v, want host %s, 3 attempts and the refusal", *unreachable, addr)
	}
	if !errors.Is(err, amazonmusic.ErrUnreachable) {
		t.Errorf("err = %v, want one matching ErrUnreachable", err)
	}
	msg := err.Error()
	if want := "GET /v1/me/playlists: giving up after 3 attempts: the API at " + addr + " did not answer: dial tcp " + addr + ": "; !strings.HasPrefix(msg, want) {
		t.Errorf("error = %q, want it to start %q", msg, want)
	}
	if strings.Contains(msg, "limit=") || strings.Contains(msg, "http://") {
		t.Errorf("error = %q names the URL or its query", msg)
	}
	assertNoSecret(t, "error", msg, testAPIKey, testAccessToken)
}

func TestUnreachableAfterATokenRepetitionCountsEveryAttempt(t *testing.T) {
	t.Parallel()
	// The API refuses the first token, then goes away.
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			writeBody(w, http.StatusUnauthorized, "application/json", `{"error":{"status":"401","code":"UNAUTHORIZED","message":"expired"}}`)
			return
		}
		hangUp(t, w)
	}, maxRetries2, func(cfg *amazonmusic.Config) {
		cfg.AccessToken = ""
		cfg.RefreshToken, cfg.ClientID, cfg.ClientSecret = "Atzr|refresh", "client", "secret"
		cfg.TokenURL = newTokenServer(t).URL
	})

	_, err := client.PlaylistsPage(t.Context(), 10, "")
	var unreachable *amazonmusic.UnreachableError
	if !errors.As(err, &unreachable) || unreachable.Attempts != 4 {
		t.Fatalf("err = %v, want an UnreachableError after 4 attempts: the refused one and 3 more", err)
	}
}

// newTokenServer starts a Login with Amazon token endpoint that issues a
// new access token of an hour for every request.
func newTokenServer(t *testing.T) *httptest.Server {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, fmt.Sprintf(`{"access_token":"Atza|token-%d","token_type":"bearer","expires_in":3600}`, n.Add(1)))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTimedOutAttemptsAreRetriedThenUnreachable(t *testing.T) {
	t.Parallel()
	client, rec, _ := newFakeServer(t, holdFor(time.Minute, func(w http.ResponseWriter) {
		writeJSON(w, playlistsJSON(false, ""))
	}), maxRetries2, func(cfg *amazonmusic.Config) { cfg.Timeout = 200 * time.Millisecond })

	start := time.Now()
	_, err := client.PlaylistsPage(t.Context(), 10, "")
	elapsed := time.Since(start)

	if !errors.Is(err, amazonmusic.ErrUnreachable) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want ErrUnreachable after timeouts", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "giving up after 3 attempts") || !strings.Contains(msg, "Client.Timeout exceeded") {
		t.Errorf("error = %q, want the 3 attempts and the timeout", msg)
	}
	if n := rec.count(); n != 3 {
		t.Errorf("server received %d requests, want 3", n)
	}
	if elapsed > 3*time.Second {
		t.Errorf("PlaylistsPage took %v, want three attempts of 200ms", elapsed)
	}
}

func TestTimedOutWriteHasAnUnknownOutcome(t *testing.T) {
	t.Parallel()
	client, _, _ := newFakeServer(t, holdFor(time.Minute, func(w http.ResponseWriter) {
		writeJSON(w, savedJSON)
	}), maxRetries2, func(cfg *amazonmusic.Config) { cfg.Timeout = 200 * time.Millisecond })

	_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	if !errors.Is(err, amazonmusic.ErrUnreachable) || !errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Fatalf("err = %v, want ErrUnreachable and ErrOutcomeUnknown", err)
	}
}

func TestNewClientRejectsANegativeTimeout(t *testing.T) {
	t.Parallel()
	_, err := amazonmusic.NewClient(amazonmusic.Config{APIKey: testAPIKey, AccessToken: testAccessToken, Timeout: -time.Second})
	if err == nil || !strings.Contains(err.Error(), "timeout must not be negative") {
		t.Errorf("NewClient with a negative Timeout: %v, want an error", err)
	}
}

func TestUntrustedCertificateIsNeitherUnreachableNorOfUnknownOutcome(t *testing.T) {
	t.Parallel()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("the handler was reached through an untrusted certificate")
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // handshake failures are expected
	srv.StartTLS()
	t.Cleanup(srv.Close)

	client, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: srv.URL, APIKey: testAPIKey, AccessToken: testAccessToken})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("err = %v, want a certificate error", err)
	}
	if errors.Is(err, amazonmusic.ErrUnreachable) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Errorf("err = %v: an untrusted certificate is neither unreachable nor of unknown outcome", err)
	}
}
