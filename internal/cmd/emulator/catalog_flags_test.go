package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestParseFlagsTakesSharedISRCsAndSearchNodes(t *testing.T) {
	c, err := parseFlags([]string{"-shared-isrc-every", "4", "-search-nodes", "minimal"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o := c.options; o.SharedISRCEvery != 4 || o.SearchNodes != emulator.SearchNodesMinimal {
		t.Errorf("options = %+v, want shared ISRC every 4, minimal search nodes", o)
	}
	if c, err := parseFlags(nil, io.Discard); err != nil || c.options.SharedISRCEvery != 0 || c.options.SearchNodes != emulator.SearchNodesFull {
		t.Errorf("defaults: shared every %d, nodes %d, err %v; want 0, full", c.options.SharedISRCEvery, c.options.SearchNodes, err)
	}
	for _, args := range [][]string{{"-shared-isrc-every", "-1"}, {"-search-nodes", "short"}} {
		if _, err := parseFlags(args, io.Discard); err == nil {
			t.Errorf("%v: no error, want it refused", args)
		}
	}
}

func TestRunSearchesTracksSharingAnISRC(t *testing.T) {
	s := startRun(t, "-catalog-size", "10", "-shared-isrc-every", "4", "-search-nodes", "minimal", "-page-cap", "0")
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.baseURL+"/v1/search/tracks",
		strings.NewReader(`{"searchFilters":[{"field":"isrc","query":"QZEM00000004"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", emulator.DefaultAPIKey)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	want := `{"data":{"searchTracks":{"pageInfo":{"hasNextPage":false},"edgeCount":2,"edges":[` +
		`{"node":{"id":"B000000004","title":"Velvet Harbour 4"}},{"node":{"id":"B000000005","title":"Distant Harbour 5"}}]}}}`
	if resp.StatusCode != http.StatusOK || string(body) != want {
		t.Errorf("search: %d %s\nwant 200 %s", resp.StatusCode, body, want)
	}
	if err := s.stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}
