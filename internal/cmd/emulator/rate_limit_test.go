package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestParseFlagsReadsTheRateLimitAndRefusesBadOnes(t *testing.T) {
	c, err := parseFlags([]string{"-rate-limit", "12.5", "-rate-burst", "3"}, io.Discard)
	if err != nil {
		t.Fatalf("parseFlags: %v", err)
	}
	if c.options.RateLimit != 12.5 || c.options.RateBurst != 3 {
		t.Errorf("RateLimit %v, RateBurst %d; want 12.5 and 3", c.options.RateLimit, c.options.RateBurst)
	}
	if c, err := parseFlags(nil, io.Discard); err != nil || c.options.RateLimit != 0 {
		t.Errorf("by default: RateLimit %v, err %v; want no limit", c.options.RateLimit, err)
	}
	for _, args := range [][]string{
		{"-rate-limit", "-1"}, {"-rate-limit", "NaN"}, {"-rate-limit", "Inf"}, {"-rate-burst", "-2"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil || !strings.Contains(err.Error(), args[0]+" must") {
			t.Errorf("%v: err = %v, want it refused naming %s", args, err, args[0])
		}
	}
}

func TestRunThrottlesRequestsBeyondTheRateLimit(t *testing.T) {
	// A bucket of 2 that refills once every 100 seconds.
	s := startRun(t, "-rate-limit", "0.01", "-rate-burst", "2")

	var statuses []int
	for range 3 {
		status, _ := get(t, s.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, emulator.DefaultAccessToken)
		statuses = append(statuses, status)
	}
	if statuses[0] != http.StatusOK || statuses[1] != http.StatusOK || statuses[2] != http.StatusTooManyRequests {
		t.Errorf("statuses = %v, want 200, 200, 429", statuses)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if want := "throttling API requests beyond 0.01 a second"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
	}
}

func TestRunRefusesTheFirstAttemptsOfEachRequest(t *testing.T) {
	if _, err := parseFlags([]string{"-refuse-each-request", "-1"}, io.Discard); err == nil || !strings.Contains(err.Error(), "-refuse-each-request must") {
		t.Errorf("-refuse-each-request -1: err = %v, want it refused", err)
	}
	s := startRun(t, "-refuse-each-request", "2", "-refusal-retry-after", "3")

	var statuses []int
	for range 3 {
		status, _ := get(t, s.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, emulator.DefaultAccessToken)
		statuses = append(statuses, status)
	}
	if statuses[0] != http.StatusTooManyRequests || statuses[1] != http.StatusTooManyRequests || statuses[2] != http.StatusOK {
		t.Errorf("statuses = %v, want 429, 429, 200", statuses)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}
