package emulator_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const searchPath = "/v1/search/tracks"

// searchPage is an answer of POST /v1/search/tracks.
type searchPage struct {
	Data struct {
		SearchTracks struct {
			PageInfo struct {
				HasNextPage *bool   `json:"hasNextPage"`
				Token       *string `json:"token"`
			} `json:"pageInfo"`
			EdgeCount *int `json:"edgeCount"`
			Edges     []struct {
				Node json.RawMessage `json:"node"`
			} `json:"edges"`
		} `json:"searchTracks"`
	} `json:"data"`
}

// fetchSearchPage checks that a is a page of search results, with a token
// exactly when it has a next page, and decodes it.
func fetchSearchPage(t *testing.T, a answer) searchPage {
	t.Helper()
	var p searchPage
	decodeOKAnswer(t, a, &p)
	conn := p.Data.SearchTracks
	if conn.PageInfo.HasNextPage == nil || conn.EdgeCount == nil || conn.Edges == nil {
		t.Fatalf("page %s lacks pageInfo.hasNextPage, edgeCount or edges", a.body)
	}
	if *conn.EdgeCount != len(conn.Edges) {
		t.Errorf("edgeCount = %d, but the page has %d edges", *conn.EdgeCount, len(conn.Edges))
	}
	if *conn.PageInfo.HasNextPage != (conn.PageInfo.Token != nil) {
		t.Errorf("page %s: hasNextPage %v, token %v; want a token exactly when there is a next page",
			a.body, *conn.PageInfo.HasNextPage, conn.PageInfo.Token)
	}
	return p
}

// tracks returns the nodes of the page.
func (p searchPage) tracks(t *testing.T) []emulator.CatalogTrack {
	t.Helper()
	var tracks []emulator.CatalogTrack
	for _, e := range p.Data.SearchTracks.Edges {
		var node emulator.CatalogTrack
		if err := json.Unmarshal(e.Node, &node); err != nil {
			t.Fatalf("node %s: %v", e.Node, err)
		}
		tracks = append(tracks, node)
	}
	return tracks
}

// searchBody is the JSON body of a search with filters (field, query pairs,
// an empty field for a match query), limit (0: none), sortBy and token
// (empty: none).
func searchBody(filters [][2]string, limit int, sortBy, token string) string {
	body := map[string]any{}
	list := []map[string]string{}
	for _, f := range filters {
		filter := map[string]string{"query": f[1]}
		if f[0] != "" {
			filter["field"] = f[0]
		}
		list = append(list, filter)
	}
	body["searchFilters"] = list
	if limit > 0 {
		body["limit"] = limit
	}
	if sortBy != "" {
		body["sortBy"] = sortBy
	}
	if token != "" {
		body["token"] = token
	}
	b, _ := json.Marshal(body)
	return string(b)
}

// searchAll walks every page of a search and returns its tracks and the
// number of requests.
func searchAll(t *testing.T, srv *httptest.Server, filters [][2]string, limit int, sortBy string) ([]emulator.CatalogTrack, int) {
	t.Helper()
	var tracks []emulator.CatalogTrack
	token := ""
	for requests := 1; ; requests++ {
		p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody(filters, limit, sortBy, token)))
		tracks = append(tracks, p.tracks(t)...)
		if !*p.Data.SearchTracks.PageInfo.HasNextPage {
			return tracks, requests
		}
		token = *p.Data.SearchTracks.PageInfo.Token
		if requests > 1000 {
			t.Fatal("the search does not end")
		}
	}
}

// idsOf returns the ids of tracks.
func idsOf(tracks []emulator.CatalogTrack) []string {
	ids := make([]string, len(tracks))
	for i, track := range tracks {
		ids[i] = track.ID
	}
	return ids
}

// generatedIDs returns the ids of the generated tracks of indexes.
func generatedIDs(indexes ...int) []string {
	ids := make([]string, len(indexes))
	for k, i := range indexes {
		ids[k] = emulator.TrackID(i)
	}
	return ids
}

func TestSearchNodesAreTheCatalogsTracks(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 30})
	for _, id := range []string{"B08DL2BXQC", "B097S185X9", "B00LIVE7QX", emulator.TrackID(1), emulator.TrackID(2)} {
		p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody([][2]string{{"id", id}}, 0, "", "")))
		if len(p.Data.SearchTracks.Edges) != 1 {
			t.Fatalf("search of id %s answered %d tracks, want 1", id, len(p.Data.SearchTracks.Edges))
		}
		var read struct {
			Data struct {
				Track json.RawMessage `json:"track"`
			} `json:"data"`
		}
		decodeOKAnswer(t, send(t, srv, http.MethodGet, "/v1/tracks/"+id), &read)
		assertJSONEqual(t, p.Data.SearchTracks.Edges[0].Node, read.Data.Track)
	}
}

func TestSearchFiltersMatchAsDocumented(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 30})
	harbour := append([]string{"B07QXMFJ4W"}, generatedIDs(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)...)
	tests := []struct {
		name    string
		filters [][2]string
		want    []string
	}{
		{"isrc", [][2]string{{"isrc", "GBCFB2000356"}}, []string{"B08DL2BXQC"}},
		{"isrc in lower case", [][2]string{{"isrc", "gbcfb2000356"}}, []string{"B08DL2BXQC"}},
		{"generated isrc", [][2]string{{"isrc", "QZEM00000007"}}, generatedIDs(7)},
		{"isrc beyond the catalog", [][2]string{{"isrc", "QZEM00000030"}}, nil},
		{"unknown isrc", [][2]string{{"isrc", "USXXX0000001"}}, nil},
		{"id", [][2]string{{"id", "B08DL2BXQC"}}, []string{"B08DL2BXQC"}},
		{"id answered for another", [][2]string{{"id", "B097S185X9"}}, []string{"B097S185X9"}},
		{"id that answers another", [][2]string{{"id", "B097S29G3W"}}, nil},
		{"id in lower case", [][2]string{{"id", "b08dl2bxqc"}}, nil},
		{"asin", [][2]string{{"asin", emulator.TrackID(3)}}, generatedIDs(3)},
		{"albumId of generated tracks", [][2]string{{"albumId", "B0A0000001"}}, generatedIDs(10, 11, 12, 13, 14, 15, 16, 17, 18, 19)},
		{"albumId cut by the catalog size", [][2]string{{"albumId", "B0A0000002"}}, generatedIDs(20, 21, 22, 23, 24, 25, 26, 27, 28, 29)},
		{"albumId beyond the catalog", [][2]string{{"albumId", "B0A0000003"}}, nil},
		{"albumId of a built-in track", [][2]string{{"albumId", "B097S29G3W"}}, []string{"B097S185X9"}},
		{"albumId from a url", [][2]string{{"albumId", "B0C1KYW3QD"}}, []string{"B0C1KZ5T8P"}},
		{"artistId", [][2]string{{"artistId", "B0R0000001"}}, generatedIDs(1)},
		{"artistId of a built-in track", [][2]string{{"artistId", "B07ZQ3L1MX"}}, []string{"B08DL2BXQC"}},
		{"name", [][2]string{{"name", "kane TRAIN"}}, []string{"B08DL2BXQC"}},
		{"name substring", [][2]string{{"name", "harbour"}}, harbour},
		{"match query", [][2]string{{"", "harbour"}}, harbour},
		{"match query on an artist", [][2]string{{"", "parson"}}, []string{"B097S185X9"}},
		{"match query on an album", [][2]string{{"", "album 2"}}, generatedIDs(21, 22, 24, 25, 27, 28)},
		{"albumName", [][2]string{{"albumName", "Album 1"}}, generatedIDs(10, 12, 13, 15, 16, 18, 19)},
		{"artistName", [][2]string{{"artistName", "harriet"}}, []string{"B08DL2BXQC"}},
		{"categoryId", [][2]string{{"categoryId", "ROCK"}}, nil},
		{"all filters must match", [][2]string{{"name", "harbour"}, {"artistId", "B0R0000001"}}, generatedIDs(1)},
		{"an isrc and a name that disagree", [][2]string{{"isrc", "GBCFB2000356"}, {"name", "harbour"}}, nil},
		{"categoryId with another filter", [][2]string{{"isrc", "GBCFB2000356"}, {"categoryId", "ROCK"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tracks, _ := searchAll(t, srv, tt.filters, 0, "")
			if got := idsOf(tracks); !slices.Equal(got, tt.want) {
				t.Errorf("found %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSearchPagesChainTheirTokens(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 300})
	albums := [][2]string{{"albumName", "album"}}
	var want []string
	for i := range 300 {
		if i%3 != 2 {
			want = append(want, emulator.TrackID(i))
		}
	}
	for _, sortBy := range []string{"", "relevance", "name", "release", "popularity"} {
		t.Run("sortBy "+sortBy, func(t *testing.T) {
			whole, requests := searchAll(t, srv, albums, 100, sortBy)
			if requests != 2 {
				t.Errorf("%d tracks took %d pages of 100, want 2", len(whole), requests)
			}
			paged, requests := searchAll(t, srv, albums, 7, sortBy)
			if got := idsOf(paged); !slices.Equal(got, idsOf(whole)) {
				t.Errorf("pages of 7 answered %d tracks, not those of pages of 100", len(got))
			}
			if requests != (len(want)+6)/7 {
				t.Errorf("%d tracks took %d pages of 7, want %d", len(paged), requests, (len(want)+6)/7)
			}
			got := idsOf(whole)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("found %d tracks, want the %d generated ones with an album title", len(got), len(want))
			}
		})
	}

	// The limit may change from page to page.
	first := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody(albums, 3, "", "")))
	second := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath,
		searchBody(albums, 5, "", *first.Data.SearchTracks.PageInfo.Token)))
	if got := idsOf(append(first.tracks(t), second.tracks(t)...)); !slices.Equal(got, want[:8]) {
		t.Errorf("pages of 3 then 5 answered %v, want %v", got, want[:8])
	}
}

func TestSearchSortsInTheDocumentedOrders(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 120})
	all := [][2]string{{"", "a"}} // every track whose title, album or artist holds an "a"
	relevance, _ := searchAll(t, srv, all, 0, "relevance")
	if len(relevance) < 100 {
		t.Fatalf("the search found %d tracks, too few to tell orders apart", len(relevance))
	}
	if first := relevance[0].ID; first != "B08DL2BXQC" {
		t.Errorf("relevance starts with %s, want the first built-in track", first)
	}
	popularity := func(id string) uint32 {
		h := fnv.New32a()
		_, _ = h.Write([]byte(id))
		return h.Sum32() % 1000
	}
	inOrder := map[string]func(a, b emulator.CatalogTrack) bool{
		"relevance": func(a, b emulator.CatalogTrack) bool { return catalogPosition(t, a.ID) < catalogPosition(t, b.ID) },
		"release": func(a, b emulator.CatalogTrack) bool {
			return b.ReleaseDate == "" || (a.ReleaseDate != "" && a.ReleaseDate >= b.ReleaseDate)
		},
		"popularity": func(a, b emulator.CatalogTrack) bool { return popularity(a.ID) >= popularity(b.ID) },
		"name":       func(a, b emulator.CatalogTrack) bool { return strings.ToLower(a.Title) <= strings.ToLower(b.Title) },
	}
	for sortBy, before := range inOrder {
		t.Run(sortBy, func(t *testing.T) {
			tracks, _ := searchAll(t, srv, all, 9, sortBy)
			for k := 1; k < len(tracks); k++ {
				if !before(tracks[k-1], tracks[k]) {
					t.Fatalf("%s comes before %s", tracks[k-1].ID, tracks[k].ID)
				}
			}
			got, want := idsOf(tracks), idsOf(relevance)
			if sortBy != "relevance" && slices.Equal(got, want) {
				t.Errorf("sortBy %s answers the relevance order", sortBy)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("sortBy %s answers other tracks than relevance", sortBy)
			}
			again, _ := searchAll(t, srv, all, 100, sortBy)
			if !slices.Equal(idsOf(again), idsOf(tracks)) {
				t.Errorf("sortBy %s answers another order with pages of 100", sortBy)
			}
		})
	}
}

// catalogPosition is the position of id in the catalog's order: the
// built-in tracks, then the generated ones by index.
func catalogPosition(t *testing.T, id string) int {
	t.Helper()
	builtins := slices.DeleteFunc(emulator.BuiltinTrackIDs(), func(id string) bool { return id == "B097S29G3W" })
	if p := slices.Index(builtins, id); p >= 0 {
		return p
	}
	var i int
	if _, err := fmt.Sscanf(id, "B0%08d", &i); err != nil {
		t.Fatalf("%s is neither built-in nor generated", id)
	}
	return len(builtins) + i
}

func TestSearchRefusesBadRequestsWith400(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 30, Playlists: 5, PageTokens: true})
	name := [][2]string{{"name", "harbour"}}
	first := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody(name, 2, "", "")))
	token := *first.Data.SearchTracks.PageInfo.Token
	sorted := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody(name, 2, "name", "")))
	sortedToken := *sorted.Data.SearchTracks.PageInfo.Token
	playlists := fetchPage(t, send(t, srv, http.MethodGet, "/v1/me/playlists?limit=1"))
	if playlists.Data.User.Playlists.PageInfo.Token == nil {
		t.Fatal("the playlists' first page has no token")
	}
	forged := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

	tests := []struct{ name, body string }{
		{"not JSON", `searchFilters=isrc`},
		{"a JSON array", `[{"field":"isrc","query":"GBCFB2000356"}]`},
		{"no searchFilters", `{"limit":10}`},
		{"empty searchFilters", `{"searchFilters":[]}`},
		{"searchFilters null", `{"searchFilters":null}`},
		{"a filter without query", `{"searchFilters":[{"field":"isrc"}]}`},
		{"a filter with an empty query", `{"searchFilters":[{"field":"isrc","query":""}]}`},
		{"a filter with a blank query", `{"searchFilters":[{"query":"  "}]}`},
		{"a good filter and one without query", `{"searchFilters":[{"field":"isrc","query":"GBCFB2000356"},{"field":"name"}]}`},
		{"an unknown field", `{"searchFilters":[{"field":"title","query":"Kane"}]}`},
		{"a field in the wrong case", `{"searchFilters":[{"field":"ISRC","query":"GBCFB2000356"}]}`},
		{"limit 0", `{"searchFilters":[{"query":"Kane"}],"limit":0}`},
		{"limit 101", `{"searchFilters":[{"query":"Kane"}],"limit":101}`},
		{"limit -1", `{"searchFilters":[{"query":"Kane"}],"limit":-1}`},
		{"limit not an integer", `{"searchFilters":[{"query":"Kane"}],"limit":2.5}`},
		{"an unknown sortBy", `{"searchFilters":[{"query":"Kane"}],"sortBy":"date"}`},
		{"a malformed token", searchBody(name, 2, "", "not a token!")},
		{"a token of another search", searchBody([][2]string{{"name", "golden"}}, 2, "", token)},
		{"a token of another order", searchBody(name, 2, "name", token)},
		{"a token of the same search in another order", searchBody(name, 2, "", sortedToken)},
		{"a playlists page token", searchBody(name, 2, "", *playlists.Data.User.Playlists.PageInfo.Token)},
		{"a token beyond the catalog", searchBody(name, 2, "", forged("emulator-search-token:99999:"+tokenDigest(t, token)))},
		{"a token with a sign", searchBody(name, 2, "", forged("emulator-search-token:+3:"+tokenDigest(t, token)))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustAPIError(t, sendJSON(t, srv, http.MethodPost, searchPath, tt.body), http.StatusBadRequest)
			if got.Code != emulator.CodeInvalidParameter {
				t.Errorf("code = %q, want %q", got.Code, emulator.CodeInvalidParameter)
			}
		})
	}
	if n := e.Count(http.MethodPost, searchPath); n != len(tests)+2 {
		t.Errorf("Count(POST, %s) = %d, want %d", searchPath, n, len(tests)+2)
	}
	// The token of the first page still works.
	fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody(name, 2, "", token)))
}

// tokenDigest returns the digest part of a search token.
func tokenDigest(t *testing.T, token string) string {
	t.Helper()
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		t.Fatalf("token %q is not base64url: %v", token, err)
	}
	parts := strings.Split(string(raw), ":")
	return parts[len(parts)-1]
}

func TestSearchAnswersMinimalNodesWhenAsked(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 30, SearchNodes: emulator.SearchNodesMinimal})
	p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody([][2]string{{"name", "harbour"}}, 5, "", "")))
	if len(p.Data.SearchTracks.Edges) != 5 {
		t.Fatalf("%d edges, want 5", len(p.Data.SearchTracks.Edges))
	}
	for _, edge := range p.Data.SearchTracks.Edges {
		var node map[string]any
		if err := json.Unmarshal(edge.Node, &node); err != nil {
			t.Fatal(err)
		}
		id, _ := node["id"].(string)
		title, _ := node["title"].(string)
		if len(node) != 2 || id == "" || !strings.Contains(strings.ToLower(title), "harbour") {
			t.Errorf("node %s, want only the id and title of a Harbour track", edge.Node)
		}
	}
}

func TestSharedISRCsAreAnsweredForBothTracksEverywhere(t *testing.T) {
	for _, aliasEvery := range []int{0, 4} {
		t.Run(fmt.Sprint("alias every ", aliasEvery), func(t *testing.T) {
			e, srv := start(t, emulator.Options{CatalogSize: 20, SharedISRCEvery: 4, AliasEvery: aliasEvery})
			single, album := emulator.TrackID(4), emulator.TrackID(5)
			answered := single
			if aliasEvery > 0 {
				answered = emulator.AliasTrackID(4)
			}
			if e.ISRC(4) != "QZEM00000004" || e.ISRC(5) != "QZEM00000004" || e.ISRC(6) != "QZEM00000006" {
				t.Errorf("ISRC(4, 5, 6) = %s, %s, %s; want track 5 to share track 4's", e.ISRC(4), e.ISRC(5), e.ISRC(6))
			}
			if e.ISRC(1) != e.ISRC(0) || e.ISRC(17) != e.ISRC(16) || e.ISRC(3) == e.ISRC(2) {
				t.Error("tracks 1 and 17 should share an ISRC with the track before them, and track 3 not")
			}

			tracks, _ := searchAll(t, srv, [][2]string{{"isrc", e.ISRC(5)}}, 0, "")
			if got := idsOf(tracks); !slices.Equal(got, []string{answered, album}) {
				t.Errorf("search of %s found %v, want %s then %s", e.ISRC(5), got, answered, album)
			}
			if tracks, _ := searchAll(t, srv, [][2]string{{"isrc", "QZEM00000005"}}, 0, ""); len(tracks) != 0 {
				t.Errorf("search of track 5's own ISRC found %v, want nothing", idsOf(tracks))
			}
			if tracks, _ := searchAll(t, srv, [][2]string{{"isrc", e.ISRC(5)}}, 1, ""); len(tracks) != 2 {
				t.Errorf("pages of 1 found %v, want both tracks", idsOf(tracks))
			}

			for _, id := range []string{single, album} {
				if track, _ := e.Track(id); track.ISRC != "QZEM00000004" {
					t.Errorf("Track(%s).ISRC = %q, want QZEM00000004", id, track.ISRC)
				}
				var read struct {
					Data struct {
						Track emulator.CatalogTrack `json:"track"`
					} `json:"data"`
				}
				decodeOKAnswer(t, send(t, srv, http.MethodGet, "/v1/tracks/"+id), &read)
				saved, _ := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id), "saveTrack")
				if read.Data.Track.ISRC != "QZEM00000004" || saved.ISRC != "QZEM00000004" {
					t.Errorf("%s: catalog read ISRC %q, save ISRC %q; want QZEM00000004", id, read.Data.Track.ISRC, saved.ISRC)
				}
			}
			listed := fetchLibraryPage(t, send(t, srv, http.MethodGet, "/v1/me/library/tracks"))
			for _, edge := range listed.Data.User.Tracks.Edges {
				var node emulator.Track
				if err := json.Unmarshal(edge.Node, &node); err != nil || node.ISRC != "QZEM00000004" {
					t.Errorf("listed node %s, want ISRC QZEM00000004", edge.Node)
				}
			}
		})
	}
	if isrc := emulator.New(emulator.Options{CatalogSize: 20}).ISRC(5); isrc != "QZEM00000005" {
		t.Errorf("without SharedISRCEvery, ISRC(5) = %s, want QZEM00000005", isrc)
	}
}

func TestSearchResolvesISRCsOfAHugeCatalogWithoutScanningIt(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: emulator.MaxCatalogSize, SharedISRCEvery: 10})
	began := time.Now()
	for k := range 300 {
		i := k * 333_331
		p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody([][2]string{{"isrc", e.ISRC(i)}}, 0, "", "")))
		got := idsOf(p.tracks(t))
		want := generatedIDs(i)
		if i%10 == 0 {
			want = generatedIDs(i, i+1)
		}
		if i%10 == 1 {
			want = generatedIDs(i-1, i)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("search of %s found %v, want %v", e.ISRC(i), got, want)
		}
	}
	// A name search stops once its page is full.
	p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, searchBody([][2]string{{"name", "golden"}}, 3, "", "")))
	if got := idsOf(p.tracks(t)); !slices.Equal(got, generatedIDs(1, 13, 25)) || !*p.Data.SearchTracks.PageInfo.HasNextPage {
		t.Errorf("name search found %v, want the first three Golden tracks and a next page", got)
	}
	// A scan of 10^8 tracks takes minutes; 301 requests answered from the
	// ids take well under a second, slowed down by the race detector.
	if elapsed := time.Since(began); elapsed > 30*time.Second {
		t.Errorf("301 searches took %v", elapsed)
	}
}

func TestSearchGoesThroughAuthFaultsCountsAndMethods(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 30, PageCap: 2})
	body := searchBody([][2]string{{"name", "harbour"}}, 10, "", "")
	e.InjectFaults(emulator.Fault{PathPrefix: searchPath, Status: http.StatusForbidden, Code: emulator.CodeInsufficientScope})
	if got := mustAPIError(t, sendJSON(t, srv, http.MethodPost, searchPath, body), http.StatusForbidden); got.Code != emulator.CodeInsufficientScope {
		t.Errorf("fault answered code %q, want %q", got.Code, emulator.CodeInsufficientScope)
	}
	p := fetchSearchPage(t, sendJSON(t, srv, http.MethodPost, searchPath, body))
	if n := len(p.Data.SearchTracks.Edges); n != 2 || !*p.Data.SearchTracks.PageInfo.HasNextPage {
		t.Errorf("with PageCap 2 a page of limit 10 held %d tracks, want 2 and a next page", n)
	}
	mustAPIError(t, sendWith(t, srv, http.MethodPost, searchPath, nil), http.StatusForbidden)
	for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodHead} {
		a := send(t, srv, method, searchPath)
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != http.MethodPost {
			t.Errorf("%s %s: status %d, Allow %q; want 405, POST", method, searchPath, a.status, a.header.Get("Allow"))
		}
	}
	if got := mustAPIError(t, send(t, srv, http.MethodPost, searchPath+"/"), http.StatusNotFound); got.Code != emulator.CodeNotFound {
		t.Errorf("POST %s/: code %q, want %q", searchPath, got.Code, emulator.CodeNotFound)
	}
	if n := e.Count(http.MethodPost, searchPath); n != 3 {
		t.Errorf("Count(POST, %s) = %d, want 3", searchPath, n)
	}
}
