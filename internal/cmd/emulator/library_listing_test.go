package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestParseFlagsAcceptsOnlyListingStatusesOfAnAccountWithoutTheListing(t *testing.T) {
	for _, status := range []string{"0", "400", "403", "404", "405", "410", "422", "501"} {
		c, err := parseFlags([]string{"-library-listing-status", status}, io.Discard)
		if err != nil || (status != "0" && c.options.LibraryListingStatus == 0) {
			t.Errorf("-library-listing-status %s: status %d, err %v; want it taken", status, c.options.LibraryListingStatus, err)
		}
	}
	for _, status := range []string{"200", "399", "600", "-1", "x"} {
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

func TestParseFlagsTakesTheListingsNamingShapeAndAliases(t *testing.T) {
	c, err := parseFlags([]string{"-alias-every", "3", "-library-listing-names", "sent", "-library-listing-shape", "no-collection"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o := c.options; o.AliasEvery != 3 || o.ListingNames != emulator.ListingNamesSentID || o.LibraryListingShape != emulator.ListingShapeNoCollection {
		t.Errorf("options = %+v, want alias every 3, names sent, shape no-collection", o)
	}
	if c, err := parseFlags([]string{"-library-listing-shape", "v2"}, io.Discard); err != nil || c.options.LibraryListingShape != emulator.ListingShapeV2 {
		t.Errorf("-library-listing-shape v2: %+v, %v", c.options.LibraryListingShape, err)
	}
	if c, err := parseFlags(nil, io.Discard); err != nil || c.options.ListingNames != emulator.ListingNamesAnsweredID || c.options.LibraryListingShape != emulator.ListingShapeV1 {
		t.Errorf("defaults: names %d shape %d, err %v; want answered, v1", c.options.ListingNames, c.options.LibraryListingShape, err)
	}
	for _, args := range [][]string{
		{"-alias-every", "-1"}, {"-library-listing-names", "album"}, {"-library-listing-shape", "v3"},
	} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%v: no error, want it refused", args)
		}
	}
}

func TestRunAliasesIDsAndNamesThemInTheListingAsAsked(t *testing.T) {
	s := startRun(t, "-catalog-size", "4", "-alias-every", "2", "-library-listing-names", "sent")
	if status, body := put(t, s.baseURL, "/v1/me/library/tracks/B000000002"); status != http.StatusOK || !strings.Contains(body, `"id":"B100000002"`) {
		t.Errorf("PUT B000000002: %d %s, want 200 answering B100000002", status, body)
	}
	if status, body := get(t, s.baseURL, "/v1/me/library/tracks", emulator.DefaultAPIKey, emulator.DefaultAccessToken); status != http.StatusOK || !strings.Contains(body, `"id":"B000000002"`) {
		t.Errorf("listing: %d %s, want B000000002 listed by the id sent", status, body)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

// put sends PUT path with the built-in credentials.
func put(t *testing.T, baseURL, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, baseURL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", emulator.DefaultAPIKey)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("PUT %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}
