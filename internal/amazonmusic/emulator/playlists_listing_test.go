package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// page is an answer of GET /v1/me/playlists, nodes kept as generic JSON.
type page struct {
	Data struct {
		User struct {
			ID        string `json:"id"`
			Playlists struct {
				PageInfo struct {
					HasNextPage *bool   `json:"hasNextPage"`
					Token       *string `json:"token"`
				} `json:"pageInfo"`
				EdgeCount *int `json:"edgeCount"`
				Edges     []struct {
					Cursor string `json:"cursor"`
					Node   node   `json:"node"`
				} `json:"edges"`
			} `json:"playlists"`
		} `json:"user"`
	} `json:"data"`
}

// node is a playlist; pointers and slices stay nil for absent fields.
type node struct {
	ID      string `json:"id"`
	Curator *struct {
		ID string `json:"id"`
	} `json:"curator"`
	Duration int `json:"duration"`
	Images   []struct {
		URL       string  `json:"url"`
		ImageType *string `json:"imageType"`
	} `json:"images"`
	Eligibility *struct {
		PlaybackSubscriptionTiers []string `json:"playbackSubscriptionTiers"`
	} `json:"eligibility"`
	Title      string  `json:"title"`
	TrackCount int     `json:"trackCount"`
	URL        string  `json:"url"`
	Visibility *string `json:"visibility"`
}

// decodeOKAnswer checks that a is a 200 JSON answer and decodes its body
// into v.
func decodeOKAnswer(t *testing.T, a answer, v any) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if err := json.Unmarshal(a.body, v); err != nil {
		t.Fatalf("decoding page %s: %v", a.body, err)
	}
}

// fetchPage checks that a is a page of playlists and decodes it.
func fetchPage(t *testing.T, a answer) page {
	t.Helper()
	var p page
	decodeOKAnswer(t, a, &p)
	conn := p.Data.User.Playlists
	if conn.PageInfo.HasNextPage == nil || conn.EdgeCount == nil || conn.Edges == nil {
		t.Fatalf("page %s lacks pageInfo.hasNextPage, edgeCount or edges", a.body)
	}
	if *conn.EdgeCount != len(conn.Edges) {
		t.Errorf("edgeCount = %d, but the page has %d edges", *conn.EdgeCount, len(conn.Edges))
	}
	return p
}

// playlistsPath is the path of a playlists request; limit 0 and an empty
// cursor are left out.
func playlistsPath(limit int, cursor string) string {
	return pagedPath("/v1/me/playlists", limit, cursor)
}

// pagedPath is path with the limit and cursor query parameters of a paged
// listing, each left out when zero or empty.
func pagedPath(path string, limit int, cursor string) string {
	q := url.Values{}
	if limit > 0 {
		q.Set("limit", strconv.Itoa(limit))
	}
	if cursor != "" {
		q.Set("cursor", cursor)
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

func TestFirstPageOfTwoPlaylistUserIsTheReferenceExample(t *testing.T) {
	_, srv := start(t, emulator.Options{Playlists: 2})

	a := send(t, srv, http.MethodGet, "/v1/me/playlists?limit=2")

	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	assertJSONEqual(t, a.body, readTestdata(t, "reference_playlists_limit2.json"))
}

// rawEdges returns the edges of a page as they were sent.
func rawEdges(t *testing.T, a answer) []byte {
	t.Helper()
	var p struct {
		Data struct {
			User struct {
				Playlists struct {
					Edges json.RawMessage `json:"edges"`
				} `json:"playlists"`
			} `json:"user"`
		} `json:"data"`
	}
	if err := json.Unmarshal(a.body, &p); err != nil {
		t.Fatalf("decoding %s: %v", a.body, err)
	}
	return p.Data.User.Playlists.Edges
}

func TestPageCapBoundsPagesAndHasNextPageSaysMoreRemain(t *testing.T) {
	_, srv := start(t, emulator.Options{Playlists: 23, PageCap: 5})
	tests := []struct {
		name      string
		limit     int
		cursor    string
		wantEdges int
		wantFirst int
		wantNext  bool
	}{
		{"limit above cap", 100, "", 5, 0, true},
		{"default limit", 0, "", 5, 0, true},
		{"limit below cap", 3, "", 3, 0, true},
		{"after cursor of item 19", 100, "", 3, 20, false},
		{"after cursor of the last item", 100, "", 0, 23, false},
	}
	ids := emulator.New(emulator.Options{Playlists: 23}).PlaylistIDs()
	tests[3].cursor = "19:" + ids[19]
	tests[4].cursor = "22:" + ids[22]

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(tt.limit, tt.cursor)))
			conn := p.Data.User.Playlists
			if len(conn.Edges) != tt.wantEdges {
				t.Fatalf("page has %d edges, want %d", len(conn.Edges), tt.wantEdges)
			}
			if *conn.PageInfo.HasNextPage != tt.wantNext {
				t.Errorf("hasNextPage = %v, want %v", *conn.PageInfo.HasNextPage, tt.wantNext)
			}
			for k, edge := range conn.Edges {
				i := tt.wantFirst + k
				if want := strconv.Itoa(i) + ":" + ids[i]; edge.Cursor != want {
					t.Errorf("edge %d: cursor %q, want %q", k, edge.Cursor, want)
				}
				if edge.Node.ID != ids[i] {
					t.Errorf("edge %d: node id %q, want %q", k, edge.Node.ID, ids[i])
				}
			}
			if conn.PageInfo.Token != nil {
				t.Errorf("pageInfo.token = %q without PageTokens", *conn.PageInfo.Token)
			}
		})
	}
}

func TestDefaultLimitIsOneHundred(t *testing.T) {
	_, srv := start(t, emulator.Options{Playlists: 150})

	p := fetchPage(t, send(t, srv, http.MethodGet, "/v1/me/playlists"))

	if got := len(p.Data.User.Playlists.Edges); got != 100 {
		t.Errorf("page has %d edges, want 100", got)
	}
	if !*p.Data.User.Playlists.PageInfo.HasNextPage {
		t.Error("hasNextPage = false with 50 playlists left")
	}
}

// walk follows the last edge's cursor (or the page token when useToken)
// until hasNextPage is false and returns the node ids and page sizes.
func walk(t *testing.T, srv *httptest.Server, limit int, useToken bool) (ids []string, sizes []int) {
	t.Helper()
	cursor := ""
	for range 10_000 {
		p := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(limit, cursor)))
		conn := p.Data.User.Playlists
		sizes = append(sizes, len(conn.Edges))
		for _, edge := range conn.Edges {
			ids = append(ids, edge.Node.ID)
		}
		if !*conn.PageInfo.HasNextPage {
			if conn.PageInfo.Token != nil {
				t.Errorf("the last page carries a token %q", *conn.PageInfo.Token)
			}
			return ids, sizes
		}
		if useToken {
			if conn.PageInfo.Token == nil || *conn.PageInfo.Token == "" {
				t.Fatalf("page %d has a next page but no pageInfo.token", len(sizes))
			}
			cursor = *conn.PageInfo.Token
		} else {
			cursor = conn.Edges[len(conn.Edges)-1].Cursor
		}
	}
	t.Fatal("the listing never ended")
	return nil, nil
}

func TestWalkingAllPagesYieldsEveryPlaylistOnceInOrder(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 23, PageCap: 5})

	ids, sizes := walk(t, srv, 100, false)

	if want := []int{5, 5, 5, 5, 3}; !slices.Equal(sizes, want) {
		t.Errorf("page sizes = %v, want %v", sizes, want)
	}
	if want := e.PlaylistIDs(); !slices.Equal(ids, want) {
		t.Errorf("walked ids = %v, want %v", ids, want)
	}
}

func TestPageTokensWalkTheListingAndEdgeCursorsStillWork(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 23, PageCap: 5, PageTokens: true})

	ids, sizes := walk(t, srv, 100, true)
	if want := []int{5, 5, 5, 5, 3}; !slices.Equal(sizes, want) {
		t.Errorf("page sizes with tokens = %v, want %v", sizes, want)
	}
	if want := e.PlaylistIDs(); !slices.Equal(ids, want) {
		t.Errorf("ids walked with tokens = %v, want %v", ids, want)
	}
	cursors := e.Cursors()
	if len(cursors) != 5 || cursors[0] != "" {
		t.Fatalf("Cursors() = %q, want a first page and 4 tokens", cursors)
	}
	for _, c := range cursors[1:] {
		if !emulator.IsPageToken(c) || strings.Contains(c, ":") {
			t.Errorf("cursor %q sent during the token walk is not a page token", c)
		}
	}

	ids, _ = walk(t, srv, 7, false)
	if want := e.PlaylistIDs(); !slices.Equal(ids, want) {
		t.Errorf("ids walked with edge cursors = %v, want %v", ids, want)
	}
	for _, c := range e.Cursors()[5:] {
		if emulator.IsPageToken(c) {
			t.Errorf("edge cursor %q counts as a page token", c)
		}
	}
}

func TestTenThousandPlaylistsWalkInOrderWithUniqueIDs(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 10_000})

	ids, sizes := walk(t, srv, 100, false)

	if len(sizes) != 100 {
		t.Errorf("walk took %d pages, want 100", len(sizes))
	}
	if len(ids) != 10_000 {
		t.Fatalf("walk yielded %d playlists, want 10000", len(ids))
	}
	seen := make(map[string]bool, len(ids))
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("playlist id %s appears twice", id)
		}
		seen[id] = true
	}
	if !slices.Equal(ids, e.PlaylistIDs()) {
		t.Error("walked ids differ from PlaylistIDs()")
	}
}

func TestBadLimitIs400WithTheErrorBody(t *testing.T) {
	_, srv := start(t, emulator.Options{Playlists: 3})
	for _, limit := range []string{"0", "101", "abc", "-1", "1.5", "", "1e2"} {
		t.Run("limit="+limit, func(t *testing.T) {
			a := send(t, srv, http.MethodGet, "/v1/me/playlists?limit="+url.QueryEscape(limit))
			got := mustAPIError(t, a, http.StatusBadRequest)
			if got.Code != emulator.CodeInvalidParameter {
				t.Errorf("code = %q, want %q", got.Code, emulator.CodeInvalidParameter)
			}
			if !strings.Contains(got.Message, "limit") {
				t.Errorf("message %q does not name the limit parameter", got.Message)
			}
		})
	}
	for _, limit := range []string{"1", "100", "42"} {
		if a := send(t, srv, http.MethodGet, "/v1/me/playlists?limit="+limit); a.status != http.StatusOK {
			t.Errorf("limit=%s: status %d, want 200", limit, a.status)
		}
	}
}

func TestUnknownOrMalformedCursorIs400(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 5, PageTokens: true})
	ids := e.PlaylistIDs()
	cursors := map[string]string{
		"garbage":            "garbage",
		"index only":         "1",
		"index and colon":    "1:",
		"wrong id":           "1:" + ids[2],
		"index out of range": "5:" + ids[4],
		"negative index":     "-1:" + ids[0],
		"padded index":       "01:" + ids[1],
		"tampered token":     tamper(firstToken(t, srv)),
		"id without index":   ids[1],
	}
	for name, cursor := range cursors {
		t.Run(name, func(t *testing.T) {
			a := send(t, srv, http.MethodGet, playlistsPath(2, cursor))
			got := mustAPIError(t, a, http.StatusBadRequest)
			if got.Code != emulator.CodeInvalidParameter {
				t.Errorf("code = %q, want %q", got.Code, emulator.CodeInvalidParameter)
			}
			if !strings.Contains(got.Message, "cursor") {
				t.Errorf("message %q does not name the cursor parameter", got.Message)
			}
		})
	}
}

// tamper changes the middle character of s.
func tamper(s string) string {
	b := []byte(s)
	m := len(b) / 2
	if b[m] == 'A' {
		b[m] = 'B'
	} else {
		b[m] = 'A'
	}
	return string(b)
}

// firstToken returns the page token of the first page of 2.
func firstToken(t *testing.T, srv *httptest.Server) string {
	t.Helper()
	p := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(2, "")))
	if p.Data.User.Playlists.PageInfo.Token == nil {
		t.Fatal("the first page carries no token")
	}
	return *p.Data.User.Playlists.PageInfo.Token
}

func TestUserWithoutPlaylistsGetsOneEmptyPage(t *testing.T) {
	_, srv := start(t, emulator.Options{})

	a := send(t, srv, http.MethodGet, "/v1/me/playlists")

	p := fetchPage(t, a)
	if len(p.Data.User.Playlists.Edges) != 0 || *p.Data.User.Playlists.PageInfo.HasNextPage {
		t.Errorf("page %s, want no edges and hasNextPage false", a.body)
	}
	if !strings.Contains(string(a.body), `"edges":[]`) {
		t.Errorf("edges of an empty page must be [], got %s", a.body)
	}
	if p.Data.User.ID != emulator.DefaultUserID {
		t.Errorf("user id = %q, want %q", p.Data.User.ID, emulator.DefaultUserID)
	}
}
