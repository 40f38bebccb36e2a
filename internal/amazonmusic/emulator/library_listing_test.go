package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// libraryPage is an answer of GET /v1/me/library/tracks.
type libraryPage struct {
	Data struct {
		User struct {
			ID     string `json:"id"`
			Tracks struct {
				PageInfo struct {
					HasNextPage *bool   `json:"hasNextPage"`
					Token       *string `json:"token"`
				} `json:"pageInfo"`
				EdgeCount *int `json:"edgeCount"`
				Edges     []struct {
					Cursor string          `json:"cursor"`
					Node   json.RawMessage `json:"node"`
				} `json:"edges"`
			} `json:"tracks"`
		} `json:"user"`
	} `json:"data"`
}

// ids returns the node ids of the page.
func (p libraryPage) ids(t *testing.T) []string {
	t.Helper()
	var ids []string
	for _, e := range p.Data.User.Tracks.Edges {
		var node emulator.Track
		if err := json.Unmarshal(e.Node, &node); err != nil {
			t.Fatalf("node %s: %v", e.Node, err)
		}
		ids = append(ids, node.ID)
	}
	return ids
}

// libraryListingPath is the path of a listing request; limit 0 and an empty
// cursor are left out.
func libraryListingPath(limit int, cursor string) string {
	return pagedPath("/v1/me/library/tracks", limit, cursor)
}

// fetchLibraryPage checks that a is a page of the library listing and
// decodes it.
func fetchLibraryPage(t *testing.T, a answer) libraryPage {
	t.Helper()
	var p libraryPage
	decodeOKAnswer(t, a, &p)
	conn := p.Data.User.Tracks
	if conn.PageInfo.HasNextPage == nil || conn.EdgeCount == nil || conn.Edges == nil {
		t.Fatalf("page %s lacks pageInfo.hasNextPage, edgeCount or edges", a.body)
	}
	if *conn.EdgeCount != len(conn.Edges) {
		t.Errorf("edgeCount = %d, but the page has %d edges", *conn.EdgeCount, len(conn.Edges))
	}
	if p.Data.User.ID != emulator.DefaultUserID {
		t.Errorf("user id = %q, want %q", p.Data.User.ID, emulator.DefaultUserID)
	}
	return p
}

// walkLibrary follows the listing from its first page with pages of limit
// and returns every id in order, and the cursors it sent.
func walkLibrary(t *testing.T, send func(path string) answer, limit int) (ids, cursors []string) {
	t.Helper()
	cursor := ""
	for range 1000 {
		cursors = append(cursors, cursor)
		p := fetchLibraryPage(t, send(libraryListingPath(limit, cursor)))
		ids = append(ids, p.ids(t)...)
		conn := p.Data.User.Tracks
		if !*conn.PageInfo.HasNextPage {
			return ids, cursors
		}
		if conn.PageInfo.Token != nil {
			cursor = *conn.PageInfo.Token
		} else {
			cursor = conn.Edges[len(conn.Edges)-1].Cursor
		}
	}
	t.Fatal("the listing did not end within 1000 pages")
	return nil, nil
}

func TestLibraryListingOfAnEmptyLibraryIsOneEmptyPage(t *testing.T) {
	_, srv := start(t, emulator.Options{})
	p := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))
	if conn := p.Data.User.Tracks; len(conn.Edges) != 0 || *conn.PageInfo.HasNextPage {
		t.Errorf("page = %+v, want no edges and no next page", conn)
	}
}

func TestLibraryListingAnswersTheSavesInOrderWithCursorsAndCatalogFields(t *testing.T) {
	e, srv := start(t, emulator.Options{ListingNames: emulator.ListingNamesSentID})
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B07QXMFJ4W")
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B097S29G3W")
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B07QXMFJ4W") // saved already: keeps its place

	a := send(t, srv, http.MethodGet, libraryListingPath(0, ""))
	want := `{"data":{"user":{"id":"` + emulator.DefaultUserID + `","tracks":{
		"pageInfo":{"hasNextPage":false},
		"edgeCount":3,
		"edges":[
			{"cursor":"0:B07QXMFJ4W","node":{"id":"B07QXMFJ4W","title":"Harbour Lights","isrc":"CAUM71900231",
				"url":"https://music.amazon.com/albums/B07QXLZ8RN/?trackAsin=B07QXMFJ4W"}},
			{"cursor":"1:B097S29G3W","node":{"id":"B097S29G3W","title":"Something To Believe In","isrc":"USATO2100125",
				"url":"https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9"}},
			{"cursor":"2:B08DL2BXQC","node":{"id":"B08DL2BXQC","title":"Kane Train","isrc":"GBCFB2000356",
				"url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}}]}}}}`
	fetchLibraryPage(t, a)
	assertJSONEqual(t, a.body, []byte(want))
	if got, want := e.LibraryListing(), []string{"B07QXMFJ4W", "B097S29G3W", "B08DL2BXQC"}; !slices.Equal(got, want) {
		t.Errorf("LibraryListing() = %v, want %v", got, want)
	}
	if got, want := e.Library(), []string{"B07QXMFJ4W", "B08DL2BXQC", "B097S29G3W"}; !slices.Equal(got, want) {
		t.Errorf("Library() = %v, want the same ids sorted %v", got, want)
	}
}

func TestLibraryListingPutsATrackSavedAgainAfterRemovalLast(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary("B08DL2BXQC", "B07QXMFJ4W", "B0C1KZ5T8P")
	e.RemoveFromLibrary("B08DL2BXQC")
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")

	p := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))
	if got, want := p.ids(t), []string{"B07QXMFJ4W", "B0C1KZ5T8P", "B08DL2BXQC"}; !slices.Equal(got, want) {
		t.Errorf("listed ids = %v, want %v", got, want)
	}
	// Cursors number the saves: the removed first save leaves a gap.
	var cursors []string
	for _, edge := range p.Data.User.Tracks.Edges {
		cursors = append(cursors, edge.Cursor)
	}
	if want := []string{"1:B07QXMFJ4W", "2:B0C1KZ5T8P", "3:B08DL2BXQC"}; !slices.Equal(cursors, want) {
		t.Errorf("cursors = %q, want %q", cursors, want)
	}
}

func TestLibraryListingListsAnIDUnknownToTheCatalogByItsIDAlone(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary("B0NOTKNOWN")
	p := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))
	if len(p.Data.User.Tracks.Edges) != 1 {
		t.Fatalf("page has %d edges, want 1", len(p.Data.User.Tracks.Edges))
	}
	assertJSONEqual(t, p.Data.User.Tracks.Edges[0].Node, []byte(`{"id":"B0NOTKNOWN"}`))
}

func TestLibraryListingHonoursPageCapAndLimitAndWalksEverySaveOnce(t *testing.T) {
	const tracks = 23
	e, srv := start(t, emulator.Options{CatalogSize: tracks, PageCap: 5})
	var want []string
	for i := tracks - 1; i >= 0; i-- { // saved in reverse catalog order
		want = append(want, emulator.TrackID(i))
	}
	e.AddToLibrary(want...)

	for _, tt := range []struct {
		limit, pages int
	}{
		{0, 5},   // default limit 100, capped at 5
		{100, 5}, // capped at 5
		{3, 8},   // below the cap
	} {
		e.ResetCounts()
		ids, sent := walkLibrary(t, func(path string) answer { return send(t, srv, http.MethodGet, path) }, tt.limit)
		if !slices.Equal(ids, want) {
			t.Errorf("limit %d: walked %v, want %v", tt.limit, ids, want)
		}
		if n := e.Count(http.MethodGet, "/v1/me/library/tracks"); n != tt.pages {
			t.Errorf("limit %d: %d requests, want %d pages", tt.limit, n, tt.pages)
		}
		if got := e.LibraryCursors(); !slices.Equal(got, sent) {
			t.Errorf("limit %d: LibraryCursors() = %q, want the cursors sent %q", tt.limit, got, sent)
		}
	}
	if got := e.Cursors(); len(got) != 0 {
		t.Errorf("Cursors() = %q: the playlists' cursors must not record the library's", got)
	}
}

func TestLibraryListingPageTokensWalkTheListing(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 12, PageTokens: true})
	e.AddToLibrary(emulatorTrackIDs(12)...)
	ids, sent := walkLibrary(t, func(path string) answer { return send(t, srv, http.MethodGet, path) }, 5)
	if !slices.Equal(ids, emulatorTrackIDs(12)) {
		t.Errorf("walked %v, want every saved track in order", ids)
	}
	if len(sent) != 3 {
		t.Fatalf("sent %d cursors, want 3 pages", len(sent))
	}
	for _, c := range sent[1:] {
		if !emulator.IsPageToken(c) {
			t.Errorf("cursor %q is not a page token", c)
		}
	}
}

// emulatorTrackIDs returns the generated catalog ids 0 to n-1.
func emulatorTrackIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

func TestLibraryListingContinuesAfterItsCursorWhenTracksAreRemovedMeanwhile(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 10})
	ids := emulatorTrackIDs(10)
	e.AddToLibrary(ids...)

	first := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(4, "")))
	if got := first.ids(t); !slices.Equal(got, ids[:4]) {
		t.Fatalf("first page = %v, want %v", got, ids[:4])
	}
	// The last track of the page and one of the next page go away.
	e.RemoveFromLibrary(ids[3], ids[5])
	cursor := first.Data.User.Tracks.Edges[3].Cursor
	second := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(4, cursor)))
	if got, want := second.ids(t), []string{ids[4], ids[6], ids[7], ids[8]}; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v: after the cursor, without the removed track", got, want)
	}
	if !*second.Data.User.Tracks.PageInfo.HasNextPage {
		t.Error("hasNextPage = false, but one track remains")
	}
}

func TestLibraryListingSurvivesManyRemovals(t *testing.T) {
	const tracks = 500
	e, srv := start(t, emulator.Options{CatalogSize: tracks, PageCap: 50})
	ids := emulatorTrackIDs(tracks)
	e.AddToLibrary(ids...)
	var kept []string
	for i, id := range ids {
		if i%5 == 0 {
			kept = append(kept, id)
		} else {
			e.RemoveFromLibrary(id)
		}
	}
	got, _ := walkLibrary(t, func(path string) answer { return send(t, srv, http.MethodGet, path) }, 100)
	if !slices.Equal(got, kept) {
		t.Errorf("walked %d ids, want the %d kept, in order", len(got), len(kept))
	}
	if l := e.LibraryListing(); !slices.Equal(l, kept) {
		t.Errorf("LibraryListing() holds %d ids, want the %d kept", len(l), len(kept))
	}
}

func TestLibraryListingRefusesBadLimitsAndCursorsWith400(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary("B08DL2BXQC", "B07QXMFJ4W")
	for _, limit := range []string{"0", "101", "abc", "-1", ""} {
		a := send(t, srv, http.MethodGet, "/v1/me/library/tracks?limit="+url.QueryEscape(limit))
		if got := mustAPIError(t, a, http.StatusBadRequest); got.Code != emulator.CodeInvalidParameter || !strings.Contains(got.Message, "limit") {
			t.Errorf("limit %q: error %+v, want INVALID_PARAMETER naming the limit", limit, got)
		}
	}
	for name, cursor := range map[string]string{
		"garbage":            "garbage",
		"index only":         "1",
		"no id":              "1:",
		"wrong id":           "0:B07QXMFJ4W",
		"index never handed": "2:B08DL2BXQC",
		"padded index":       "00:B08DL2BXQC",
		"negative index":     "-1:B08DL2BXQC",
	} {
		a := send(t, srv, http.MethodGet, libraryListingPath(1, cursor))
		if got := mustAPIError(t, a, http.StatusBadRequest); got.Code != emulator.CodeInvalidParameter || !strings.Contains(got.Message, "cursor") {
			t.Errorf("cursor %s (%q): error %+v, want INVALID_PARAMETER naming the cursor", name, cursor, got)
		}
	}
	if a := send(t, srv, http.MethodPut, "/v1/me/library/tracks"); a.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT of the listing: status %d, want 405", a.status)
	}
}

func TestLibraryListingCanBeRefusedAsForAnAccountWithoutIt(t *testing.T) {
	for _, tt := range []struct {
		status int
		code   string
	}{
		{http.StatusNotFound, emulator.CodeNotFound},
		{http.StatusForbidden, emulator.CodeInsufficientScope},
		{http.StatusBadRequest, "BAD_REQUEST"},
		{http.StatusMethodNotAllowed, emulator.CodeMethodNotAllowed},
		{http.StatusGone, "GONE"},
		{http.StatusUnprocessableEntity, "UNPROCESSABLE_ENTITY"},
		{http.StatusNotImplemented, "NOT_IMPLEMENTED"},
	} {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			e, srv := start(t, emulator.Options{LibraryListingStatus: tt.status})
			e.AddToLibrary("B08DL2BXQC")
			got := mustAPIError(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")), tt.status)
			if got.Code != tt.code {
				t.Errorf("code = %q, want %q", got.Code, tt.code)
			}
			// Credentials are still checked first.
			if a := sendWith(t, srv, http.MethodGet, libraryListingPath(0, ""), nil); a.status != http.StatusForbidden ||
				mustAPIError(t, a, http.StatusForbidden).Code != emulator.CodeMissingAPIKey {
				t.Errorf("unauthenticated request: %d %s, want 403 %s", a.status, a.body, emulator.CodeMissingAPIKey)
			}
			// The rest of the API is unaffected.
			if a := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B07QXMFJ4W"); a.status != http.StatusOK {
				t.Errorf("PUT: status %d, want 200", a.status)
			}
			if n := e.Count(http.MethodGet, "/v1/me/library/tracks"); n != 2 {
				t.Errorf("Count = %d, want the 2 refused requests counted", n)
			}

			e.SetLibraryListingStatus(0)
			p := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))
			if got, want := p.ids(t), []string{"B08DL2BXQC", "B07QXMFJ4W"}; !slices.Equal(got, want) {
				t.Errorf("listing after SetLibraryListingStatus(0) = %v, want %v", got, want)
			}
		})
	}
}

func TestSetLibraryListingStatusPanicsOnOtherStatuses(t *testing.T) {
	for _, status := range []int{200, 302, 399, 600} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SetLibraryListingStatus(%d) did not panic", status)
				}
			}()
			emulator.New(emulator.Options{}).SetLibraryListingStatus(status)
		}()
	}
}

func TestLibraryListingTakesFaultsOfItsShape(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary("B08DL2BXQC")
	e.InjectFaults(
		emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/me/library/tracks", Status: http.StatusServiceUnavailable},
		emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/me/library/tracks", Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
		emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/me/library/tracks", Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON},
	)
	mustAPIError(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")), http.StatusServiceUnavailable)
	wrong := send(t, srv, http.MethodGet, libraryListingPath(0, ""))
	if _, ok := jsonAt(t, wrong.body, "data", "user", "tracks", "edges").(map[string]any); !ok {
		t.Errorf("wrong types body = %s, want an object for data.user.tracks.edges", wrong.body)
	}
	truncated := send(t, srv, http.MethodGet, libraryListingPath(0, ""))
	if json.Valid(truncated.body) || !strings.HasPrefix(string(truncated.body), `{"data":{"user":{"id":"`+emulator.DefaultUserID+`","tracks":`) {
		t.Errorf("truncated body = %q, want the first half of a listing page", truncated.body)
	}
	fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))

	if n := e.Count(http.MethodGet, "/v1/me/library/tracks"); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
	if n := e.FaultsInjectedFor(http.MethodGet); n != 3 {
		t.Errorf("FaultsInjectedFor(GET) = %d, want 3", n)
	}
	if n := e.FaultsInjectedFor(http.MethodPut); n != 0 {
		t.Errorf("FaultsInjectedFor(PUT) = %d, want 0", n)
	}
}

func TestLibraryListingNamesAnAliasedSaveByTheAnsweredIDOrTheSentID(t *testing.T) {
	for _, tt := range []struct {
		names emulator.ListingNaming
		want  []string
	}{
		{emulator.ListingNamesAnsweredID, []string{"B08DL2BXQC", "B097S185X9", emulator.AliasTrackID(0), emulator.TrackID(1)}},
		{emulator.ListingNamesSentID, []string{"B08DL2BXQC", "B097S29G3W", emulator.TrackID(0), emulator.TrackID(1)}},
	} {
		e, srv := start(t, emulator.Options{CatalogSize: 2, AliasEvery: 2, ListingNames: tt.names})
		for _, id := range []string{"B08DL2BXQC", "B097S29G3W", emulator.TrackID(0), emulator.TrackID(1)} {
			if a := send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id); a.status != http.StatusOK {
				t.Fatalf("PUT %s: status %d", id, a.status)
			}
		}
		p := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")))
		if got := p.ids(t); !slices.Equal(got, tt.want) {
			t.Errorf("naming %d: listing = %v, want %v", tt.names, got, tt.want)
		}
		if got := e.LibraryListing(); !slices.Equal(got, tt.want) {
			t.Errorf("naming %d: LibraryListing() = %v, want %v", tt.names, got, tt.want)
		}
		// Whatever the naming, a node holds the catalog's fields of the
		// track saved.
		url, _ := jsonAt(t, send(t, srv, http.MethodGet, libraryListingPath(0, "")).body,
			"data", "user", "tracks", "edges").([]any)[2].(map[string]any)["node"].(map[string]any)["url"].(string)
		if want := "albums/" + emulator.TrackID(0) + "/?trackAsin=" + emulator.AliasTrackID(0); !strings.HasSuffix(url, want) {
			t.Errorf("naming %d: url of the aliased save = %q, want it to end in %q", tt.names, url, want)
		}
	}
}

func TestLibraryListingInAnotherShape(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 3, PageCap: 2, LibraryListingShape: emulator.ListingShapeV2})
	e.AddToLibrary(emulator.TrackID(0), emulator.TrackID(1), emulator.TrackID(2))
	a := send(t, srv, http.MethodGet, libraryListingPath(0, ""))
	want := `{"items":[
		{"id":"B000000000","title":"Electric Harbour 0","isrc":"QZEM00000000","url":"https://music.amazon.com/albums/B0A0000000/?trackAsin=B000000000"},
		{"id":"B000000001","title":"Golden Harbour 1","isrc":"QZEM00000001","url":"https://music.amazon.com/albums/B0A0000000/?trackAsin=B000000001"}],
		"nextToken":"1:B000000001"}`
	assertJSONEqual(t, a.body, []byte(want))
	last := send(t, srv, http.MethodGet, libraryListingPath(0, "1:B000000001"))
	if _, has := jsonAt(t, last.body).(map[string]any)["nextToken"]; has {
		t.Errorf("last V2 page %s has a nextToken", last.body)
	}

	e.SetLibraryListingShape(emulator.ListingShapeNoCollection)
	bare := send(t, srv, http.MethodGet, libraryListingPath(0, ""))
	assertJSONEqual(t, bare.body, []byte(`{"data":{"user":{"id":"`+emulator.DefaultUserID+`"}}}`))

	e.SetLibraryListingShape(emulator.ListingShapeV1)
	if got := fetchLibraryPage(t, send(t, srv, http.MethodGet, libraryListingPath(0, ""))).ids(t); len(got) != 2 {
		t.Errorf("V1 page after SetLibraryListingShape(V1) = %v, want 2 tracks", got)
	}
}
