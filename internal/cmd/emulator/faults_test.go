package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestParseFlagsReadsTheFaultRateAndSeed(t *testing.T) {
	c, err := parseFlags([]string{"-fault-rate", "0.25", "-fault-seed", "-9"}, io.Discard)
	if err != nil {
		t.Fatalf("parseFlags: %v", err)
	}
	if c.options.FaultRate != 0.25 || c.options.FaultSeed != -9 {
		t.Errorf("FaultRate %v, FaultSeed %d; want 0.25 and -9", c.options.FaultRate, c.options.FaultSeed)
	}
	if c, err := parseFlags(nil, io.Discard); err != nil || c.options.FaultRate != 0 {
		t.Errorf("by default: FaultRate %v, err %v; want no faults", c.options.FaultRate, err)
	}
	for _, rate := range []string{"-0.1", "1.5", "NaN", "Inf"} {
		if _, err := parseFlags([]string{"-fault-rate", rate}, io.Discard); err == nil || !strings.Contains(err.Error(), "-fault-rate must be between 0 and 1") {
			t.Errorf("-fault-rate %s: err = %v, want it refused", rate, err)
		}
	}
}

func TestRunAnswersTheFaultRateOfRequestsWithRandomFaults(t *testing.T) {
	s := startRun(t, "-fault-rate", "1", "-fault-seed", "4")

	for range 5 {
		status, body := get(t, s.baseURL, "/v1/me/playlists", emulator.DefaultAPIKey, emulator.DefaultAccessToken)
		switch status {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		default:
			t.Errorf("status %d (body %s) at fault rate 1, want a random fault", status, body)
		}
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if want := "answering 100% of API requests with random faults (seed 4)"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
	}
}
