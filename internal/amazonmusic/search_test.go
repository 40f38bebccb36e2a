package amazonmusic_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// searchPageJSON is a page of search results holding the tracks ids, each
// titled after its id; token is the next page's, none when empty.
func searchPageJSON(token string, ids ...string) string {
	edges := make([]string, len(ids))
	for i, id := range ids {
		edges[i] = fmt.Sprintf(`{"node":{"id":%q,"title":"Title of %s"}}`, id, id)
	}
	pageInfo := `{"hasNextPage":false}`
	if token != "" {
		pageInfo = fmt.Sprintf(`{"hasNextPage":true,"token":%q}`, token)
	}
	return fmt.Sprintf(`{"data":{"searchTracks":{"pageInfo":%s,"edgeCount":%d,"edges":[%s]}}}`, pageInfo, len(ids), strings.Join(edges, ","))
}

// searchRequestBody decodes the body of a search request.
func searchRequestBody(t *testing.T, r *http.Request) map[string]any {
	t.Helper()
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading the request body: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("request body %s: %v", raw, err)
	}
	return body
}

func TestSearchTracksChainsTokensAndStopsAtMaxResults(t *testing.T) {
	t.Parallel()
	bodies := make(chan map[string]any, 10)
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		bodies <- searchRequestBody(t, r)
		ids := []string{fmt.Sprintf("B0000000%d1", n), fmt.Sprintf("B0000000%d2", n)}
		writeJSON(w, searchPageJSON(fmt.Sprintf("token-%d", n), ids...))
	})
	tracks, err := client.SearchTracks(t.Context(), amazonmusic.TrackSearch{
		Filters:    []amazonmusic.SearchFilter{{Field: amazonmusic.SearchFieldName, Query: "Harbour"}, {Query: "lights"}},
		SortBy:     "name",
		MaxResults: 5,
	})
	if err != nil {
		t.Fatalf("SearchTracks: %v", err)
	}
	var ids []string
	for _, tr := range tracks {
		ids = append(ids, tr.ID)
	}
	if want := []string{"B000000011", "B000000012", "B000000021", "B000000022", "B000000031"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if rec.count() != 3 {
		t.Errorf("requests = %d, want 3", rec.count())
	}
	for i := range 3 {
		r := rec.request(t, i)
		if r.Method != http.MethodPost || r.URL.Path != "/v1/search/tracks" {
			t.Errorf("request %d = %s %s, want POST /v1/search/tracks", i, r.Method, r.URL.Path)
		}
		body := <-bodies
		wantToken := any(nil)
		if i > 0 {
			wantToken = fmt.Sprintf("token-%d", i)
		}
		if body["token"] != wantToken || body["limit"] != float64(5) || body["sortBy"] != "name" {
			t.Errorf("body %d = %v, want token %v, limit 5, sortBy name", i, body, wantToken)
		}
		filters, _ := json.Marshal(body["searchFilters"])
		if want := `[{"field":"name","query":"Harbour"},{"query":"lights"}]`; string(filters) != want {
			t.Errorf("searchFilters = %s, want %s", filters, want)
		}
	}
}

func TestSearchTracksAsksForPagesOfAtMostTheLargestSize(t *testing.T) {
	t.Parallel()
	var limits []any
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		limits = append(limits, searchRequestBody(t, r)["limit"])
		writeJSON(w, searchPageJSON(""))
	})
	tracks, err := client.SearchTracks(t.Context(), amazonmusic.TrackSearch{
		Filters: []amazonmusic.SearchFilter{{Field: amazonmusic.SearchFieldISRC, Query: "GBCFB2000356"}}, MaxResults: 1000,
	})
	if err != nil {
		t.Fatalf("SearchTracks: %v", err)
	}
	if tracks == nil || len(tracks) != 0 {
		t.Errorf("tracks = %#v, want an empty, non-nil slice", tracks)
	}
	if !reflect.DeepEqual(limits, []any{float64(100)}) {
		t.Errorf("limits = %v, want [100]", limits)
	}
}

func TestSearchTracksRefusesBadSearchesWithoutARequest(t *testing.T) {
	t.Parallel()
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, searchPageJSON(""))
	})
	for name, s := range map[string]amazonmusic.TrackSearch{
		"no filter":     {MaxResults: 10},
		"empty query":   {Filters: []amazonmusic.SearchFilter{{Field: "name"}}, MaxResults: 10},
		"no maximum":    {Filters: []amazonmusic.SearchFilter{{Query: "x"}}},
		"minus maximum": {Filters: []amazonmusic.SearchFilter{{Query: "x"}}, MaxResults: -1},
	} {
		if _, err := client.SearchTracks(t.Context(), s); err == nil {
			t.Errorf("%s: SearchTracks succeeded, want an error", name)
		}
	}
	if rec.count() != 0 {
		t.Errorf("requests = %d, want 0", rec.count())
	}
}

func TestSearchTracksReportsAnswersWithoutTheirParts(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"data":{}}`:                            "no data.searchTracks",
		`{"data":{"searchTracks":{"edges":[]}}}`: "no data.searchTracks.pageInfo.hasNextPage",
		`{"data":{"searchTracks":{"pageInfo":{"hasNextPage":false},"edges":[{"node":{}}]}}}`: "track 0 of the page has no id",
		`{"data":{"searchTracks":{"pageInfo":{"hasNextPage":true},"edges":[]}}}`:             "page 1 announces a next page but gives no cursor",
	} {
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, body) })
		_, err := client.SearchTracks(t.Context(), amazonmusic.TrackSearch{Filters: []amazonmusic.SearchFilter{{Query: "x"}}, MaxResults: 10})
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "POST /v1/search/tracks") {
			t.Errorf("answer %s: err = %v, want it to name POST /v1/search/tracks and %q", body, err, want)
		}
	}
}

func TestSearchTracksStopsAtOnceWhenCancelledAsAReadDoes(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		// Read to the end of the body, so that the server watches the
		// connection and ends r's context when the client goes away.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
		writeJSON(w, searchPageJSON(""))
	})
	ctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := client.SearchTracks(ctx, amazonmusic.TrackSearch{Filters: []amazonmusic.SearchFilter{{Query: "x"}}, MaxResults: 10})
	if !errors.Is(err, context.Canceled) || errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
		t.Errorf("err = %v, want context.Canceled and no unknown outcome", err)
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("SearchTracks returned %v after the cancel, want at once (no write grace)", elapsed)
	}
}

func TestValidISRC(t *testing.T) {
	t.Parallel()
	for isrc, want := range map[string]bool{
		"GBCFB2000356": true, "QZEM00000001": true, "USAT21001251": true,
		"gbcfb2000356": false, "GB-CFB-20-00356": false, "GBCFB200035": false, "GBCFB20003567": false,
		"G1CFB2000356": false, "GBCFB200035X": false, "": false,
	} {
		if got := amazonmusic.ValidISRC(isrc); got != want {
			t.Errorf("ValidISRC(%q) = %v, want %v", isrc, got, want)
		}
	}
}
