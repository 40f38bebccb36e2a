package amazonmusic_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Credentials of the test servers that are not the emulator.
const (
	testAPIKey      = "test-api-key-0123456789"
	testAccessToken = "Atza|test-access-token-0123456789"
)

// fastRetries allows the default number of retries and makes them wait
// about a millisecond, so that tests stay fast.
func fastRetries(cfg *amazonmusic.Config) {
	cfg.MaxRetries = amazonmusic.DefaultMaxRetries
	cfg.RetryWaitMin = time.Millisecond
	cfg.RetryWaitMax = 5 * time.Millisecond
}

// newEmulatorClient starts an emulator with opts and returns a client of it
// with the emulator's credentials and fast retries; configure adjusts the
// client's config.
func newEmulatorClient(t *testing.T, opts emulator.Options, configure ...func(*amazonmusic.Config)) (*amazonmusic.Client, *emulator.Emulator) {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)

	cfg := amazonmusic.Config{
		BaseURL:     srv.URL,
		APIKey:      emulator.DefaultAPIKey,
		AccessToken: emulator.DefaultAccessToken,
	}
	if opts.APIKey != "" {
		cfg.APIKey = opts.APIKey
	}
	if opts.AccessToken != "" {
		cfg.AccessToken = opts.AccessToken
	}
	fastRetries(&cfg)
	for _, f := range configure {
		f(&cfg)
	}
	client, err := amazonmusic.NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client, emu
}

// recorder is an http.Handler for tests that records each request and
// answers with the handler's function; it counts requests per method and
// path.
type recorder struct {
	mu       sync.Mutex
	requests []*http.Request
	answer   func(w http.ResponseWriter, r *http.Request, n int)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec.mu.Lock()
	rec.requests = append(rec.requests, r.Clone(r.Context()))
	n := len(rec.requests)
	rec.mu.Unlock()
	rec.answer(w, r, n)
}

// count returns how many requests the recorder received.
func (rec *recorder) count() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.requests)
}

// request returns the i-th request received (0-based).
func (rec *recorder) request(t *testing.T, i int) *http.Request {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if i >= len(rec.requests) {
		t.Fatalf("the server received %d requests, want at least %d", len(rec.requests), i+1)
	}
	return rec.requests[i]
}

// newFakeServer starts a server answering with answer (n counts requests
// from 1) and returns a client of it with fast retries.
func newFakeServer(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int), configure ...func(*amazonmusic.Config)) (*amazonmusic.Client, *recorder, *httptest.Server) {
	t.Helper()
	rec := &recorder{answer: answer}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)

	cfg := amazonmusic.Config{
		BaseURL:     srv.URL,
		APIKey:      testAPIKey,
		AccessToken: testAccessToken,
	}
	fastRetries(&cfg)
	for _, f := range configure {
		f(&cfg)
	}
	client, err := amazonmusic.NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client, rec, srv
}

// writeBody answers status with body of the given content type, or without
// Content-Type when it is empty.
func writeBody(w http.ResponseWriter, status int, contentType, body string) {
	if contentType != "" {
		w.Header().Set("Content-Type", contentType)
	} else {
		w.Header()["Content-Type"] = nil // no sniffing by net/http
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// writeJSON answers 200 with a JSON body.
func writeJSON(w http.ResponseWriter, body string) {
	writeBody(w, http.StatusOK, "application/json", body)
}

// edge is a playlist edge of a fake playlists page.
type edge struct{ cursor, id string }

// playlistsJSON renders a playlists page; token is left out when empty.
func playlistsJSON(hasNextPage bool, token string, edges ...edge) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"data":{"user":{"id":"user-1","playlists":{"pageInfo":{"hasNextPage":%t`, hasNextPage)
	if token != "" {
		fmt.Fprintf(&b, `,"token":%q`, token)
	}
	fmt.Fprintf(&b, `},"edgeCount":%d,"edges":[`, len(edges))
	for i, e := range edges {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"cursor":%q,"node":{"id":%q,"title":"Playlist %s"}}`, e.cursor, e.id, e.id)
	}
	b.WriteString(`]}}}}`)
	return b.String()
}

// assertNoSecret fails when text holds one of the secrets.
func assertNoSecret(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("%s reveals a secret: %q", what, text)
		}
	}
}

// logEntry is one message a captureLogger received.
type logEntry struct {
	ctx        context.Context
	level, msg string
	kv         []interface{}
}

// value returns the value of key in the entry, or nil.
func (e logEntry) value(key string) interface{} {
	for i := 0; i+1 < len(e.kv); i += 2 {
		if e.kv[i] == key {
			return e.kv[i+1]
		}
	}
	return nil
}

// captureLogger is an amazonmusic.Logger that keeps every message.
type captureLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *captureLogger) add(ctx context.Context, level, msg string, kv []interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{ctx: ctx, level: level, msg: msg, kv: kv})
}

func (l *captureLogger) Info(ctx context.Context, msg string, kv ...interface{}) {
	l.add(ctx, "info", msg, kv)
}

func (l *captureLogger) Debug(ctx context.Context, msg string, kv ...interface{}) {
	l.add(ctx, "debug", msg, kv)
}

func (l *captureLogger) Warn(ctx context.Context, msg string, kv ...interface{}) {
	l.add(ctx, "warn", msg, kv)
}

// all returns the entries received so far.
func (l *captureLogger) all() []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logEntry(nil), l.entries...)
}

// withMessage returns the entries whose message is msg.
func (l *captureLogger) withMessage(msg string) []logEntry {
	var out []logEntry
	for _, e := range l.all() {
		if e.msg == msg {
			out = append(out, e)
		}
	}
	return out
}
