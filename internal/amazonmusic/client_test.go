package amazonmusic_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestNewClientRejectsMissingCredentialsWithoutRevealingThem(t *testing.T) {
	tests := []struct {
		name        string
		apiKey      string
		accessToken string
		want        []string
		notWant     []string
	}{
		{name: "no api key", accessToken: testAccessToken, want: []string{"API key is required"}, notWant: []string{"access token"}},
		{name: "blank api key", apiKey: "  ", accessToken: testAccessToken, want: []string{"API key is required"}},
		{name: "no access token", apiKey: testAPIKey, want: []string{"access token is required"}, notWant: []string{"API key"}},
		{name: "neither", want: []string{"API key is required", "access token is required"}},
		{name: "control character in token", apiKey: testAPIKey, accessToken: "secret\r\nX-Evil: 1", want: []string{"access token contains control characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, err := amazonmusic.NewClient(amazonmusic.Config{APIKey: tt.apiKey, AccessToken: tt.accessToken})
			if err == nil {
				t.Fatalf("NewClient returned a client (%v), want an error", client)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(err.Error(), nw) {
					t.Errorf("error %q mentions %q, which is set", err, nw)
				}
			}
			assertNoSecret(t, "error", err.Error(), strings.TrimSpace(tt.apiKey), tt.accessToken)
		})
	}
}

func TestNewClientValidatesBaseURL(t *testing.T) {
	tests := []struct {
		baseURL string
		wantErr string // empty: valid
	}{
		{baseURL: ""},
		{baseURL: amazonmusic.DefaultBaseURL},
		{baseURL: "https://api.music.amazon.dev/"},
		{baseURL: "http://127.0.0.1:8080/prefix/"},
		{baseURL: "ftp://api.music.amazon.dev", wantErr: "absolute http or https URL"},
		{baseURL: "/v1", wantErr: "absolute http or https URL"},
		{baseURL: "api.music.amazon.dev", wantErr: "absolute http or https URL"},
		{baseURL: "https://", wantErr: "no host"},
		{baseURL: "https://api.music.amazon.dev/?region=eu", wantErr: "query"},
		{baseURL: "https://api.music.amazon.dev/?", wantErr: "query"},
		{baseURL: "https://api.music.amazon.dev/#top", wantErr: "fragment"},
		{baseURL: "https://api.music.amazon.dev/#", wantErr: "fragment"},
		{baseURL: "https://user:hunter2@api.music.amazon.dev", wantErr: "user information"},
		{baseURL: "http://[::1", wantErr: "invalid base URL"},
		{baseURL: "http://host:hunter2@[::1", wantErr: "invalid base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.baseURL, func(t *testing.T) {
			_, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: tt.baseURL, APIKey: testAPIKey, AccessToken: testAccessToken})
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("NewClient: %v, want no error", err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("NewClient accepted %q, want an error about %q", tt.baseURL, tt.wantErr)
			case err != nil:
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q does not mention %q", err, tt.wantErr)
				}
				assertNoSecret(t, "error", err.Error(), "hunter2")
			}
		})
	}
}

func TestRequestsGoUnderV1WhateverTheBaseURLsTrailingSlashOrPrefix(t *testing.T) {
	tests := []struct{ suffix, wantPath string }{
		{suffix: "", wantPath: "/v1/me/playlists"},
		{suffix: "/", wantPath: "/v1/me/playlists"},
		{suffix: "//", wantPath: "/v1/me/playlists"},
		{suffix: "/proxy", wantPath: "/proxy/v1/me/playlists"},
		{suffix: "/proxy/", wantPath: "/proxy/v1/me/playlists"},
	}
	for _, tt := range tests {
		t.Run(tt.suffix, func(t *testing.T) {
			_, rec, srv := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, playlistsJSON(false, ""))
			})
			client, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: srv.URL + tt.suffix, APIKey: testAPIKey, AccessToken: testAccessToken})
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			if _, err := client.PlaylistsPage(t.Context(), 10, ""); err != nil {
				t.Fatalf("PlaylistsPage: %v", err)
			}
			if got := rec.request(t, 0).URL.Path; got != tt.wantPath {
				t.Errorf("path = %q, want %q", got, tt.wantPath)
			}
		})
	}
}

func TestEveryRequestCarriesCredentialsAcceptAndUserAgent(t *testing.T) {
	tests := []struct {
		name, userAgent, wantUserAgent string
	}{
		{name: "default user agent", wantUserAgent: "terraform-provider-amazonmusic"},
		{name: "configured user agent", userAgent: "terraform-provider-amazonmusic/1.2.3 (+https://example.com)", wantUserAgent: "terraform-provider-amazonmusic/1.2.3 (+https://example.com)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 1 {
					writeBody(w, http.StatusServiceUnavailable, "", "")
					return
				}
				writeJSON(w, `{"data":{"saveTrack":{"track":{"id":"B08DL2BXQC"},"saveState":"SAVED"}}}`)
			}, func(cfg *amazonmusic.Config) { cfg.UserAgent = tt.userAgent })

			if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
				t.Fatalf("SaveTrack: %v", err)
			}
			if rec.count() != 2 {
				t.Fatalf("server received %d requests, want 2 (one retry)", rec.count())
			}
			for i := range 2 { // the retry carries the same headers
				r := rec.request(t, i)
				checks := map[string]string{
					"X-Api-Key":     testAPIKey,
					"Authorization": "Bearer " + testAccessToken,
					"Accept":        "application/json",
					"User-Agent":    tt.wantUserAgent,
				}
				for header, want := range checks {
					if got := r.Header.Get(header); got != want {
						t.Errorf("request %d: %s = %q, want %q", i+1, header, got, want)
					}
				}
				if r.Method != http.MethodPut || r.URL.Path != "/v1/me/library/tracks/B08DL2BXQC" {
					t.Errorf("request %d: %s %s, want PUT /v1/me/library/tracks/B08DL2BXQC", i+1, r.Method, r.URL.Path)
				}
			}
		})
	}
}

func TestRedirectToAnotherHostDropsCredentials(t *testing.T) {
	other := &recorder{answer: func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, playlistsJSON(false, "", edge{"0:moved", "moved"}))
	}}
	otherSrv := httptest.NewServer(other)
	t.Cleanup(otherSrv.Close)

	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, otherSrv.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	})

	page, err := client.PlaylistsPage(t.Context(), 10, "")
	if err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	if len(page.Playlists) != 1 || page.Playlists[0].ID != "moved" {
		t.Errorf("playlists = %+v, want the other host's one playlist", page.Playlists)
	}
	first := rec.request(t, 0)
	if first.Header.Get("X-Api-Key") == "" || first.Header.Get("Authorization") == "" {
		t.Fatalf("the first host did not get the credentials")
	}
	redirected := other.request(t, 0)
	for _, h := range []string{"Authorization", "X-Api-Key"} {
		if v := redirected.Header.Get(h); v != "" {
			t.Errorf("the other host received %s: %q", h, v)
		}
	}
	if got := redirected.Header.Get("User-Agent"); got != amazonmusic.DefaultUserAgent {
		t.Errorf("the other host received User-Agent %q, want %q", got, amazonmusic.DefaultUserAgent)
	}
}

func TestRedirectOnTheSameHostKeepsCredentials(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Path == "/v1/me/playlists" {
			http.Redirect(w, r, "/v1/me/playlists-moved", http.StatusFound)
			return
		}
		writeJSON(w, playlistsJSON(false, ""))
	})
	if _, err := client.PlaylistsPage(t.Context(), 10, ""); err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	redirected := rec.request(t, 1)
	if redirected.URL.Path != "/v1/me/playlists-moved" {
		t.Fatalf("second request went to %s, want the redirect target", redirected.URL.Path)
	}
	if redirected.Header.Get("X-Api-Key") != testAPIKey || redirected.Header.Get("Authorization") != "Bearer "+testAccessToken {
		t.Errorf("a same-host redirect lost the credentials: %v", redirected.Header)
	}
}

func TestCancelStopsRetryAfterWaitAtOnce(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		w.Header().Set("Retry-After", "30")
		writeBody(w, http.StatusTooManyRequests, "application/json", `{"error":{"status":"429","code":"THROTTLED","message":"Rate exceeded"}}`)
	})
	ctx, cancel := context.WithCancel(t.Context())
	timer := time.AfterFunc(100*time.Millisecond, cancel)
	defer timer.Stop()

	start := time.Now()
	_, err := client.SaveTrack(ctx, "B08DL2BXQC")
	elapsed := time.Since(start)

	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want one that is context.Canceled", err)
	}
	if elapsed > time.Second {
		t.Errorf("SaveTrack returned after %v, want within 1s of the cancellation", elapsed)
	}
	if rec.count() != 1 {
		t.Errorf("server received %d requests, want 1", rec.count())
	}
}

func TestCanceledContextSendsNothing(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{Playlists: 3})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, _, err := client.Playlists(ctx, 10)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if emu.Total() != 0 {
		t.Errorf("emulator received %d requests, want 0", emu.Total())
	}
}

// callerKey marks the context of a call, to find it in the log entries.
type callerKey struct{}

func TestLoggerGetsEachAttemptWithoutSecrets(t *testing.T) {
	logger := &captureLogger{}
	client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) { cfg.Logger = logger })
	emu.InjectFaults(emulator.Fault{Status: http.StatusServiceUnavailable})

	ctx := context.WithValue(t.Context(), callerKey{}, "save")
	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}

	sent := logger.withMessage("sending request")
	received := logger.withMessage("received response")
	if len(sent) != 2 || len(received) != 2 {
		t.Fatalf("got %d 'sending request' and %d 'received response' messages, want 2 each", len(sent), len(received))
	}
	wantStatus := []int{http.StatusServiceUnavailable, http.StatusOK}
	for i := range 2 {
		for _, e := range []logEntry{sent[i], received[i]} {
			if e.level != "debug" {
				t.Errorf("%q logged at %s, want debug", e.msg, e.level)
			}
			if e.value("method") != http.MethodPut || e.value("path") != "/v1/me/library/tracks/B08DL2BXQC" || e.value("attempt") != i+1 {
				t.Errorf("%q = %v, want method PUT, the track path and attempt %d", e.msg, e.kv, i+1)
			}
		}
		if got := received[i].value("status"); got != wantStatus[i] {
			t.Errorf("response %d logged status %v, want %d", i+1, got, wantStatus[i])
		}
	}
	if sent[0].value("waited") != nil || sent[1].value("waited") == nil {
		t.Errorf("only the retry should say how long it waited: %v, %v", sent[0].kv, sent[1].kv)
	}
	for _, e := range logger.all() {
		assertNoSecret(t, "log message", fmt.Sprint(e.msg, e.kv), emulator.DefaultAPIKey, emulator.DefaultAccessToken)
		if e.ctx == nil || e.ctx.Value(callerKey{}) != "save" {
			t.Errorf("%q was logged without the caller's context", e.msg)
		}
	}
}
