package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestParseFlagsAcceptsOnlyListingStatusesOfAnAccountWithoutTheListing(t *testing.T) {
	for _, status := range []string{"0", "403", "404"} {
		c, err := parseFlags([]string{"-library-listing-status", status}, io.Discard)
		if err != nil || (status != "0" && c.options.LibraryListingStatus == 0) {
			t.Errorf("-library-listing-status %s: status %d, err %v; want it taken", status, c.options.LibraryListingStatus, err)
		}
	}
	for _, status := range []string{"200", "500", "-1", "x"} {
		if _, err := parseFlags([]string{"-library-listing-status", status}, io.Discard); err == nil {
			t.Errorf("-library-listing-status %s: no error, want it refused", status)
		}
	}
}

func TestRunRefusesTheLibraryListingWhenAsked(t *testing.T) {
	s := startRun(t, "-library-listing-status", "404")
	status, body := get(t, s.baseURL, "/v1/me/library/tracks", emulator.DefaultAPIKey, emulator.DefaultAccessToken)
	if status != http.StatusNotFound || !strings.Contains(body, emulator.CodeNotFound) {
		t.Errorf("GET /v1/me/library/tracks: %d %s, want 404 %s", status, body, emulator.CodeNotFound)
	}
	if status, body := get(t, s.baseURL, "/v1/tracks/B08DL2BXQC", emulator.DefaultAPIKey, emulator.DefaultAccessToken); status != http.StatusOK {
		t.Errorf("GET /v1/tracks/B08DL2BXQC: %d %s, want 200", status, body)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if want := "answering the listing of the library with HTTP 404"; !strings.Contains(s.stderr.String(), want) {
		t.Errorf("stderr does not say %q:\n%s", want, s.stderr)
	}
}
