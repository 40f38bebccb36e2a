package amazonmusic

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"
)

func TestRefreshTimeLeavesAQuarterOfTheLifetimeAtMostFiveMinutes(t *testing.T) {
	began := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		lifetime time.Duration
		want     time.Duration // after began; 0: no planned refresh
	}{
		{lifetime: time.Hour, want: 55 * time.Minute},
		{lifetime: 10 * time.Minute, want: 7*time.Minute + 30*time.Second},
		{lifetime: 2 * time.Second, want: 1500 * time.Millisecond},
		{lifetime: time.Second, want: 750 * time.Millisecond},
		{lifetime: 0},
		{lifetime: -time.Second},
	}
	for _, tt := range tests {
		got := refreshTime(began, tt.lifetime)
		switch {
		case tt.want == 0 && !got.IsZero():
			t.Errorf("refreshTime(%s) = %s, want the zero time", tt.lifetime, got)
		case tt.want != 0 && !got.Equal(began.Add(tt.want)):
			t.Errorf("refreshTime(%s) = began + %s, want began + %s", tt.lifetime, got.Sub(began), tt.want)
		}
	}
}

func TestTokenLifetimeComesFromExpiresInOrExpiry(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		tok  oauth2.Token
		want time.Duration
	}{
		{"expires_in", oauth2.Token{ExpiresIn: 3600, Expiry: now.Add(time.Minute)}, time.Hour},
		{"expiry only", oauth2.Token{Expiry: now.Add(90 * time.Second)}, 90 * time.Second},
		{"expiry in the past", oauth2.Token{Expiry: now.Add(-time.Second)}, 0},
		{"neither", oauth2.Token{}, 0},
		{"huge expires_in", oauth2.Token{ExpiresIn: 1 << 62}, time.Duration(int64(1<<63-1)/int64(time.Second)) * time.Second},
	}
	for _, tt := range tests {
		if got := tokenLifetime(&tt.tok, now); got != tt.want {
			t.Errorf("%s: tokenLifetime = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestRedactRemovesSecretsPlainAndURLEncoded(t *testing.T) {
	s := &lwaTokens{secrets: []string{"s3cret", "Atzr|refresh+1", ""}}
	s.addSecret("Atzr|rotated")
	text := "secret s3cret, refresh Atzr|refresh+1 or " + url.QueryEscape("Atzr|refresh+1") + ", rotated Atzr|rotated"
	got := s.redact(text)
	for _, secret := range []string{"s3cret", "Atzr|refresh+1", url.QueryEscape("Atzr|refresh+1"), "Atzr|rotated"} {
		if strings.Contains(got, secret) {
			t.Errorf("redact left %q in %q", secret, got)
		}
	}
	if want := "secret [redacted], refresh [redacted] or [redacted], rotated [redacted]"; got != want {
		t.Errorf("redact = %q, want %q", got, want)
	}
}

func TestTokenErrorNamesStatusCodeDescriptionAndHint(t *testing.T) {
	tests := []struct {
		err  TokenError
		want string
	}{
		{TokenError{StatusCode: 401, Code: "invalid_client", Description: "bad client"},
			"the Login with Amazon token endpoint answered HTTP 401 invalid_client: bad client (check the client ID and client secret of the security profile)"},
		{TokenError{StatusCode: 400, Code: "invalid_grant"},
			"the Login with Amazon token endpoint answered HTTP 400 invalid_grant (the refresh token is invalid, expired or revoked, or was issued to another client: obtain a new one)"},
		{TokenError{StatusCode: 503, Description: "Service Unavailable (empty body)"},
			"the Login with Amazon token endpoint answered HTTP 503: Service Unavailable (empty body)"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestInvalidateDropsOnlyTheTokenStillInUse(t *testing.T) {
	s := &lwaTokens{access: "Atza|new", refreshAt: time.Now().Add(time.Hour), now: time.Now}
	// A call refused with a token already replaced keeps the new one.
	if !s.invalidate("Atza|old") {
		t.Error("invalidate reported that no new token can come")
	}
	if s.access != "Atza|new" {
		t.Errorf("after invalidating a replaced token, access = %q, want the new one kept", s.access)
	}
	s.invalidate("Atza|new")
	if s.access != "" || !s.refreshAt.IsZero() {
		t.Errorf("after invalidating the current token, access = %q, refreshAt = %s; want both cleared", s.access, s.refreshAt)
	}
	if staticToken("Atza|static").invalidate("Atza|static") {
		t.Error("a static token reported that a new token can come")
	}
}
