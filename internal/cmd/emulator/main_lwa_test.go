package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// refresh posts a refresh request to the token endpoint at baseURL and
// returns the status and the decoded answer.
func refresh(t *testing.T, baseURL, clientID, clientSecret, refreshToken string) (int, map[string]any) {
	t.Helper()
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"refresh_token": {refreshToken},
		"client_id":     {clientID},
		"client_secret": {clientSecret},
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, baseURL+emulator.TokenPath, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", emulator.TokenPath, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var answer map[string]any
	if err := json.Unmarshal(body, &answer); err != nil {
		t.Fatalf("token answer %s is not JSON: %v", body, err)
	}
	return resp.StatusCode, answer
}

func TestRunServesTheTokenEndpointWithTheFlagsSettings(t *testing.T) {
	const clientID, secret, refreshToken = "custom-client-4d1e", "custom-secret-8b2f", "Atzr|custom-refresh-6c0a"
	s := startRun(t, "-client-id", clientID, "-client-secret", secret, "-refresh-token", refreshToken,
		"-token-lifetime", "300ms", "-rotate-refresh-tokens")

	if status, answer := refresh(t, s.baseURL, emulator.DefaultClientID, emulator.DefaultClientSecret, emulator.DefaultRefreshToken); status != http.StatusUnauthorized || answer["error"] != "invalid_client" {
		t.Errorf("built-in client credentials: status %d, answer %v; want 401 invalid_client", status, answer)
	}
	status, answer := refresh(t, s.baseURL, clientID, secret, refreshToken)
	if status != http.StatusOK {
		t.Fatalf("custom credentials: status %d, answer %v; want 200", status, answer)
	}
	if answer["expires_in"] != float64(1) {
		t.Errorf("expires_in = %v, want 1 for -token-lifetime 300ms", answer["expires_in"])
	}
	if rotated, _ := answer["refresh_token"].(string); rotated == refreshToken || !strings.HasPrefix(rotated, "Atzr|") {
		t.Errorf("refresh_token = %q, want a new one with -rotate-refresh-tokens", rotated)
	}
	access, _ := answer["access_token"].(string)
	if code, body := get(t, s.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, access); code != http.StatusOK {
		t.Errorf("issued token: status %d (body %s), want 200", code, body)
	}
	time.Sleep(400 * time.Millisecond)
	if code, body := get(t, s.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, access); code != http.StatusUnauthorized || !strings.Contains(body, emulator.CodeInvalidAccessToken) {
		t.Errorf("token older than -token-lifetime: status %d (body %s), want 401 %s", code, body, emulator.CodeInvalidAccessToken)
	}

	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{s.stdout.String(), s.stderr.String()} {
		for _, custom := range []string{clientID, secret, refreshToken} {
			if strings.Contains(out, custom) {
				t.Errorf("output names the custom credential %q: %s", custom, out)
			}
		}
	}
	if !strings.Contains(s.stderr.String(), "POST /auth/o2/token 200 ") {
		t.Errorf("stderr does not log the token request: %s", s.stderr)
	}
}

func TestRunNamesTheBuiltInTokenEndpointCredentials(t *testing.T) {
	s := startRun(t)
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	for _, builtin := range []string{emulator.DefaultClientID, emulator.DefaultClientSecret, emulator.DefaultRefreshToken, "access tokens live 1h0m0s"} {
		if !strings.Contains(s.stderr.String(), builtin) {
			t.Errorf("stderr does not name %q: %s", builtin, s.stderr)
		}
	}
}

func TestParseFlagsRefusesATokenLifetimeThatIsNotPositive(t *testing.T) {
	for _, lifetime := range []string{"0s", "-1s"} {
		_, err := parseFlags([]string{"-token-lifetime", lifetime}, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "-token-lifetime must be positive") {
			t.Errorf("parseFlags(-token-lifetime %s) = %v, want an error saying it must be positive", lifetime, err)
		}
	}
}
