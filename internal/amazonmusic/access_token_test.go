package amazonmusic_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// startTokenEmulator serves an emulator with opts for the rest of the test
// and returns it with its URL.
func startTokenEmulator(t *testing.T, opts emulator.Options) (*emulator.Emulator, string) {
	t.Helper()
	emu := emulator.New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv.URL
}

// refreshConfig is the config of a client of the emulator at url that uses
// the emulator's default refresh credentials.
func refreshConfig(url string) amazonmusic.Config {
	cfg := amazonmusic.Config{
		BaseURL:      url,
		APIKey:       emulator.DefaultAPIKey,
		ClientID:     emulator.DefaultClientID,
		ClientSecret: emulator.DefaultClientSecret,
		RefreshToken: emulator.DefaultRefreshToken,
		TokenURL:     url + emulator.TokenPath,
	}
	fastRetries(&cfg)
	return cfg
}

// mustNewClient is amazonmusic.NewClient that fails the test on error.
func mustNewClient(t *testing.T, cfg amazonmusic.Config) *amazonmusic.Client {
	t.Helper()
	client, err := amazonmusic.NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return client
}

func TestAccessTokenFromTheRefreshFlowIsAcceptedByTheAPIAndExpiresAsAnnounced(t *testing.T) {
	const lifetime = 20 * time.Minute
	// The emulator accepts no static token the test knows: only a token
	// its token endpoint issued can save a track.
	emu, url := startTokenEmulator(t, emulator.Options{AccessToken: "Atza|static-token-nobody-sends", TokenLifetime: lifetime})
	client := mustNewClient(t, refreshConfig(url))

	before := time.Now()
	token, expiry, err := client.AccessToken(t.Context())
	after := time.Now()
	if err != nil {
		t.Fatalf("AccessToken: %v", err)
	}
	if !strings.HasPrefix(token, "Atza|") {
		t.Errorf("AccessToken returned %d characters not starting with Atza|", len(token))
	}
	if expiry.Before(before.Add(lifetime)) || expiry.After(after.Add(lifetime)) {
		t.Errorf("expiry = %v, want between %v and %v", expiry, before.Add(lifetime), after.Add(lifetime))
	}
	if got := emu.Count(http.MethodPost, emulator.TokenPath); got != 1 {
		t.Errorf("token requests = %d, want 1", got)
	}

	// Another program presenting the token is let in.
	cfg := amazonmusic.Config{BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: token}
	fastRetries(&cfg)
	if _, err := mustNewClient(t, cfg).SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack with the returned token: %v", err)
	}

	// The client keeps using the same token: no new exchange.
	if _, err := client.SaveTrack(t.Context(), "B097S29G3W"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	again, againExpiry, err := client.AccessToken(t.Context())
	if err != nil {
		t.Fatalf("second AccessToken: %v", err)
	}
	if again != token || !againExpiry.Equal(expiry) {
		t.Error("second AccessToken returned another token or expiry, want the one the client holds")
	}
	if got := emu.Count(http.MethodPost, emulator.TokenPath); got != 1 {
		t.Errorf("token requests after reuse = %d, want 1", got)
	}
}

func TestAccessTokenAfterARefusedTokenIsANewOne(t *testing.T) {
	emu, url := startTokenEmulator(t, emulator.Options{})
	client := mustNewClient(t, refreshConfig(url))

	first, _, err := client.AccessToken(t.Context())
	if err != nil {
		t.Fatalf("AccessToken: %v", err)
	}
	emu.ExpireAccessTokens()
	// Refused with the first token, the request gets a new one.
	if _, err := client.SaveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	second, expiry, err := client.AccessToken(t.Context())
	if err != nil {
		t.Fatalf("AccessToken after the refusal: %v", err)
	}
	if second == first {
		t.Error("AccessToken after the API refused the token returned the refused token")
	}
	if expiry.IsZero() {
		t.Error("AccessToken after the refusal returned no expiry")
	}
	if got := emu.Count(http.MethodPost, emulator.TokenPath); got != 2 {
		t.Errorf("token requests = %d, want 2", got)
	}
}

func TestAccessTokenOfAStaticTokenIsThatTokenWithUnknownExpiry(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})

	token, expiry, err := client.AccessToken(t.Context())
	if err != nil {
		t.Fatalf("AccessToken: %v", err)
	}
	if token != emulator.DefaultAccessToken {
		t.Error("AccessToken did not return the configured static token")
	}
	if !expiry.IsZero() {
		t.Errorf("expiry = %v, want zero (unknown)", expiry)
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want none", n)
	}
}

func TestAccessTokenFailureNamesTheOAuthErrorWithoutSecrets(t *testing.T) {
	const wrongSecret = "wrong-client-secret-0123456789"
	_, url := startTokenEmulator(t, emulator.Options{})
	cfg := refreshConfig(url)
	cfg.ClientSecret = wrongSecret
	client := mustNewClient(t, cfg)

	token, expiry, err := client.AccessToken(t.Context())
	if err == nil {
		t.Fatal("AccessToken with a wrong client secret succeeded")
	}
	if token != "" || !expiry.IsZero() {
		t.Error("AccessToken returned a token or an expiry with its error")
	}
	msg := err.Error()
	for _, want := range []string{"obtaining an access token", "HTTP 401 invalid_client"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
	for _, secret := range []string{wrongSecret, emulator.DefaultRefreshToken} {
		if strings.Contains(msg, secret) {
			t.Error("error repeats a secret")
		}
	}
	var tokenErr *amazonmusic.TokenError
	if !errors.As(err, &tokenErr) || tokenErr.Code != "invalid_client" {
		t.Errorf("error is not a *TokenError with code invalid_client: %v", err)
	}
}
