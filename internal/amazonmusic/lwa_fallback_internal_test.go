package amazonmusic

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// warnLogger keeps the messages of Warn.
type warnLogger struct {
	mu    sync.Mutex
	warns []string
}

func (l *warnLogger) Warn(_ context.Context, msg string, kv ...interface{}) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.warns = append(l.warns, msg)
}
func (l *warnLogger) Info(context.Context, string, ...interface{})  {}
func (l *warnLogger) Debug(context.Context, string, ...interface{}) {}

func (l *warnLogger) count(prefix string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, w := range l.warns {
		if strings.HasPrefix(w, prefix) {
			n++
		}
	}
	return n
}

func TestFailedRefreshKeepsTheValidTokenWithAWarningUntilItExpires(t *testing.T) {
	t.Parallel()
	emu := emulator.New(emulator.Options{}) // tokens of one hour
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	logger := &warnLogger{}
	cfg := Config{
		APIKey: emulator.DefaultAPIKey, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
		RefreshToken: emulator.DefaultRefreshToken, MaxRetries: 0, Logger: logger,
	}
	s := newLWATokens(cfg, srv.URL+emulator.TokenPath, newTokenHTTPClient(cfg))
	clock := &struct{ t time.Time }{t: time.Now()}
	s.now = func() time.Time { return clock.t }
	requests := func() int { return emu.Count(http.MethodPost, emulator.TokenPath) }
	const kept = "refreshing the access token with Login with Amazon failed; the current token, still valid, is used"
	const failed = "requesting an access token from Login with Amazon failed"

	first, err := s.token(t.Context())
	if err != nil || first == "" {
		t.Fatalf("first token = %q, %v", first, err)
	}
	// The token endpoint fails from now on.
	emu.InjectFaults(emulator.Fault{PathPrefix: emulator.TokenPath, Status: http.StatusServiceUnavailable, Times: 100})

	// 56 minutes later the token is due for replacement but still valid.
	clock.t = clock.t.Add(56 * time.Minute)
	if got, err := s.token(t.Context()); err != nil || got != first {
		t.Fatalf("token after a failed refresh = %v, err %v; want the current one, no error", got == first, err)
	}
	if requests() != 2 || logger.count(kept) != 1 {
		t.Fatalf("token requests %d, warnings %d; want 2 and 1", requests(), logger.count(kept))
	}
	// Within refreshRetryInterval the client does not ask again.
	clock.t = clock.t.Add(refreshRetryInterval / 2)
	if got, err := s.token(t.Context()); err != nil || got != first || requests() != 2 {
		t.Fatalf("token half an interval later: same %v, err %v, %d requests; want the current one and no request", got == first, err, requests())
	}
	// After it, the client asks again, and keeps the token again.
	clock.t = clock.t.Add(refreshRetryInterval)
	if got, err := s.token(t.Context()); err != nil || got != first || requests() != 3 || logger.count(kept) != 2 {
		t.Fatalf("token an interval later: same %v, err %v, %d requests, %d warnings; want the current one, 3 and 2",
			got == first, err, requests(), logger.count(kept))
	}
	// Once the token has expired, a failed refresh is an error.
	clock.t = clock.t.Add(10 * time.Minute)
	if got, err := s.token(t.Context()); err == nil || got != "" {
		t.Fatalf("token after the expiry with a failing endpoint = %q, %v; want an error", got, err)
	}
	if logger.count(failed) != 1 {
		t.Errorf("%d warnings about the failed request, want 1", logger.count(failed))
	}
	// The endpoint works again: a new token.
	emu.ClearFaults()
	if got, err := s.token(t.Context()); err != nil || got == "" || got == first {
		t.Fatalf("token once the endpoint works = same %v, %v; want a new one", got == first, err)
	}
}
