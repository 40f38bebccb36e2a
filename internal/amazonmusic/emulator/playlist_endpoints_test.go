package emulator_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// sendJSON sends one request with the default credentials and body as JSON.
func sendJSON(t *testing.T, srv *httptest.Server, method, path, body string) answer {
	t.Helper()
	return sendWith(t, srv, method, path, func(r *http.Request) {
		withDefaultCredentials(r)
		r.Body = http.NoBody
		if body != "" {
			r.Body = io.NopCloser(strings.NewReader(body))
			r.ContentLength = int64(len(body))
			r.Header.Set("Content-Type", "application/json")
		}
	})
}

// playlistOf decodes an answer that carries a playlist under data.<name>.
func playlistOf(t *testing.T, a answer, name string) map[string]any {
	t.Helper()
	var v struct {
		Data map[string]map[string]any `json:"data"`
	}
	decodeOKAnswer(t, a, &v)
	if len(v.Data) != 1 || v.Data[name] == nil {
		t.Fatalf("answer %s does not hold exactly data.%s", a.body, name)
	}
	return v.Data[name]
}

// createPlaylist creates a playlist with body and returns its id.
func createPlaylist(t *testing.T, srv *httptest.Server, body string) string {
	t.Helper()
	id, ok := playlistOf(t, sendJSON(t, srv, http.MethodPost, "/v1/playlists", body), "createPlaylist")["id"].(string)
	if !ok || id == "" {
		t.Fatal("the created playlist has no id")
	}
	return id
}

// tracksPage is a page of GET /v1/playlists/{id}/tracks.
type tracksPage struct {
	Data struct {
		Playlist struct {
			ID     string `json:"id"`
			Tracks struct {
				PageInfo struct {
					HasNextPage bool `json:"hasNextPage"`
				} `json:"pageInfo"`
				EdgeCount int `json:"edgeCount"`
				Edges     []struct {
					Cursor string         `json:"cursor"`
					Node   emulator.Track `json:"node"`
				} `json:"edges"`
			} `json:"tracks"`
		} `json:"playlist"`
	} `json:"data"`
}

// walkPlaylistTracks reads every page of a playlist's tracks with limit and
// returns the track ids, the cursors and the number of requests.
func walkPlaylistTracks(t *testing.T, srv *httptest.Server, id string, limit int) (ids, cursors []string, requests int) {
	t.Helper()
	cursor := ""
	for {
		requests++
		var p tracksPage
		decodeOKAnswer(t, send(t, srv, http.MethodGet, pagedPath("/v1/playlists/"+id+"/tracks", limit, cursor)), &p)
		conn := p.Data.Playlist.Tracks
		if p.Data.Playlist.ID != id || conn.EdgeCount != len(conn.Edges) {
			t.Fatalf("page of playlist %q, edgeCount %d, %d edges", p.Data.Playlist.ID, conn.EdgeCount, len(conn.Edges))
		}
		for _, e := range conn.Edges {
			ids = append(ids, e.Node.ID)
			cursors = append(cursors, e.Cursor)
		}
		if !conn.PageInfo.HasNextPage {
			return ids, cursors, requests
		}
		cursor = conn.Edges[len(conn.Edges)-1].Cursor
	}
}

func TestPlaylistIsCreatedReadUpdatedListedAndDeleted(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 2})

	created := playlistOf(t, sendJSON(t, srv, http.MethodPost, "/v1/playlists",
		`{"title":"Focus","description":"Quiet music","visibility":"PUBLIC"}`), "createPlaylist")
	id, _ := created["id"].(string)
	if id == "" || created["title"] != "Focus" || created["description"] != "Quiet music" ||
		created["visibility"] != "PUBLIC" || created["trackCount"] != 0.0 {
		t.Fatalf("created playlist %v", created)
	}
	if url, _ := created["url"].(string); strings.Contains(url, id) || url == "" {
		t.Errorf("url %q must name the playlist by another id than %q, as the API's example does", url, id)
	}
	if got := e.CreatedPlaylists(); !slices.Equal(got, []string{id}) {
		t.Errorf("CreatedPlaylists = %v, want [%s]", got, id)
	}

	read := playlistOf(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id), "playlist")
	if read["title"] != "Focus" {
		t.Errorf("read %v", read)
	}
	updated := playlistOf(t, sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id, `{"title":"Deep Focus"}`), "updatePlaylist")
	if updated["title"] != "Deep Focus" || updated["description"] != "Quiet music" || updated["visibility"] != "PUBLIC" {
		t.Errorf("an update of the title alone gave %v", updated)
	}
	if ids := e.PlaylistIDs(); len(ids) != 3 || ids[2] != id {
		t.Errorf("PlaylistIDs = %v, want the reference's two and the new one last", ids)
	}
	listed := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(100, "")))
	if edges := listed.Data.User.Playlists.Edges; len(edges) != 3 || edges[2].Node.Title != "Deep Focus" {
		t.Errorf("the listing does not end with the updated playlist: %+v", edges)
	}

	deleted := playlistOf(t, send(t, srv, http.MethodDelete, "/v1/playlists/"+id), "deletePlaylist")
	if deleted["id"] != id {
		t.Errorf("delete answered %v", deleted)
	}
	mustAPIError(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id), http.StatusNotFound)
	mustAPIError(t, send(t, srv, http.MethodDelete, "/v1/playlists/"+id), http.StatusNotFound)
	mustAPIError(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id+"/tracks"), http.StatusNotFound)
	if ids := e.PlaylistIDs(); len(ids) != 2 || len(e.CreatedPlaylists()) != 0 {
		t.Errorf("after delete PlaylistIDs = %v, created %v", ids, e.CreatedPlaylists())
	}
	if p := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(100, ""))); len(p.Data.User.Playlists.Edges) != 2 {
		t.Errorf("the listing still shows the deleted playlist")
	}
}

func TestDeletedPlaylistsLeaveTheListingsCursorsWorking(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 6})
	ids := e.PlaylistIDs()
	first := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(2, "")))
	send(t, srv, http.MethodDelete, "/v1/playlists/"+ids[2])

	cursor := first.Data.User.Playlists.Edges[1].Cursor
	next := fetchPage(t, send(t, srv, http.MethodGet, playlistsPath(2, cursor)))
	var got []string
	for _, edge := range next.Data.User.Playlists.Edges {
		got = append(got, edge.Node.ID)
	}
	if !slices.Equal(got, ids[3:5]) || !*next.Data.User.Playlists.PageInfo.HasNextPage {
		t.Errorf("page after the deleted playlist = %v, want %v and a next page", got, ids[3:5])
	}
}

func TestPlaylistRequestsAreCheckedWith400(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 1, CatalogSize: 3})
	id := e.PlaylistIDs()[0]
	for _, c := range []struct{ method, path, body string }{
		{http.MethodPost, "/v1/playlists", `{"description":"no title"}`},
		{http.MethodPost, "/v1/playlists", `{"title":"  "}`},
		{http.MethodPost, "/v1/playlists", `{"title":"x","visibility":"FRIENDS"}`},
		{http.MethodPost, "/v1/playlists", `not json`},
		{http.MethodPut, "/v1/playlists/" + id, `{"visibility":"private"}`},
		{http.MethodPut, "/v1/playlists/" + id + "/tracks", `{"trackIds":[]}`},
		{http.MethodPut, "/v1/playlists/" + id + "/tracks", `{"trackIds":[` + strings.Repeat(`"B000000000",`, 100) + `"B000000001"]}`},
		{http.MethodGet, "/v1/playlists/" + id + "/tracks?limit=101", ``},
		{http.MethodGet, "/v1/playlists/" + id + "/tracks?cursor=0:" + emulator.TrackID(0), ``},
	} {
		t.Run(c.method+" "+c.body, func(t *testing.T) {
			mustAPIError(t, sendJSON(t, srv, c.method, c.path, c.body), http.StatusBadRequest)
		})
	}
	before, _ := e.Playlist(id)
	a := sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B000000002","B0ZZZZZZZZ"]}`)
	if err := mustAPIError(t, a, http.StatusNotFound); !strings.Contains(err.Message, "B0ZZZZZZZZ") {
		t.Errorf("404 message %q does not name the unknown track", err.Message)
	}
	if after, _ := e.Playlist(id); !slices.Equal(after.TrackIDs, before.TrackIDs) {
		t.Error("a request with an unknown track added the known one")
	}
}

func TestPutTracksAppendsWithoutDuplicatesAndPagesWithEntryCursors(t *testing.T) {
	e, srv := start(t, emulator.Options{PageCap: 7, CatalogSize: 300})
	id := createPlaylist(t, srv, `{"title":"Mix"}`)

	var want []string
	for batch := range 3 {
		var ids []string
		for k := range 100 {
			ids = append(ids, emulator.TrackID(batch*100+k))
		}
		if batch == 2 {
			ids = append(ids[:50], emulator.TrackID(0)) // a duplicate, skipped
		}
		body, _ := json.Marshal(map[string]any{"trackIds": ids, "addDuplicateTracks": false})
		answered := playlistOf(t, sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", string(body)), "addTracksToPlaylist")
		want = append(want, ids...)
		if batch == 2 {
			want = want[:len(want)-1]
		}
		if answered["trackCount"] != float64(len(want)) {
			t.Errorf("after batch %d trackCount = %v, want %d", batch, answered["trackCount"], len(want))
		}
	}

	ids, cursors, requests := walkPlaylistTracks(t, srv, id, 100)
	if !slices.Equal(ids, want) {
		t.Fatalf("listed %d tracks, want the %d added in order", len(ids), len(want))
	}
	if wantRequests := (len(want) + 6) / 7; requests != wantRequests {
		t.Errorf("walking %d tracks with PageCap 7 took %d requests, want %d", len(want), requests, wantRequests)
	}
	cursorRE := regexp.MustCompile(`^(\d+):([0-9a-f]{16})$`)
	for k, c := range cursors {
		m := cursorRE.FindStringSubmatch(c)
		if m == nil || m[1] != fmt.Sprint(k) || m[2] == ids[k] {
			t.Fatalf("cursor %d = %q, want \"%d:<entry id>\" with an entry id that is not the track id", k, c, k)
		}
	}
	if p, _ := e.Playlist(id); !slices.Equal(p.TrackIDs, want) {
		t.Errorf("Playlist holds %d tracks, want %d", len(p.TrackIDs), len(want))
	}
	body := `{"trackIds":["B000000001"],"addDuplicateTracks":true}`
	playlistOf(t, sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", body), "addTracksToPlaylist")
	if p, _ := e.Playlist(id); p.TrackIDs[len(p.TrackIDs)-1] != "B000000001" || len(p.TrackIDs) != len(want)+1 {
		t.Errorf("addDuplicateTracks true did not append the duplicate")
	}
}

func TestPutTracksReplacesWhenSwitched(t *testing.T) {
	e, srv := start(t, emulator.Options{ReplacePlaylistTracks: true, CatalogSize: 5})
	id := createPlaylist(t, srv, `{"title":"Mix"}`)
	sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B000000000","B000000001"]}`)
	sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B000000002"]}`)
	if p, _ := e.Playlist(id); !slices.Equal(p.TrackIDs, []string{"B000000002"}) {
		t.Errorf("tracks = %v, want only the last request's", p.TrackIDs)
	}
}

func TestMissingPlaylistEndpointsAnswer404Or405(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			e, srv := start(t, emulator.Options{Playlists: 1, CatalogSize: 1, CreatePlaylistStatus: status, PlaylistTracksStatus: status})
			id := e.PlaylistIDs()[0]
			mustAPIError(t, sendJSON(t, srv, http.MethodPost, "/v1/playlists", `{"title":"x"}`), status)
			mustAPIError(t, sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B000000000"]}`), status)
			tracks := send(t, srv, http.MethodGet, "/v1/playlists/"+id+"/tracks")
			if status == http.StatusNotFound {
				mustAPIError(t, tracks, status)
			} else if tracks.status != http.StatusOK {
				t.Errorf("with 405 for the writes, GET of the tracks answered %d", tracks.status)
			}
			playlistOf(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id), "playlist")
		})
	}
	_, srv := start(t, emulator.Options{Playlists: 1})
	mustAPIError(t, sendJSON(t, srv, http.MethodPatch, "/v1/playlists/x/tracks", `{}`), http.StatusMethodNotAllowed)
	mustAPIError(t, sendJSON(t, srv, http.MethodGet, "/v1/playlists", ``), http.StatusMethodNotAllowed)
	mustAPIError(t, send(t, srv, http.MethodGet, "/v1/playlists/a/b"), http.StatusNotFound)
}

func TestExistingPlaylistsListAsManyTracksAsTheyCount(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 4, PageCap: 5})
	for i, id := range e.PlaylistIDs() {
		p := playlistOf(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id), "playlist")
		ids, _, _ := walkPlaylistTracks(t, srv, id, 100)
		if float64(len(ids)) != p["trackCount"] {
			t.Errorf("playlist %d lists %d tracks, trackCount %v", i, len(ids), p["trackCount"])
		}
	}
	id := e.PlaylistIDs()[0]
	if !e.SetPlaylistTracks(id, "B08DL2BXQC") || !e.SetPlaylistTitle(id, "Rock") {
		t.Fatal("the emulator does not know its own playlist")
	}
	p := playlistOf(t, send(t, srv, http.MethodGet, "/v1/playlists/"+id), "playlist")
	if p["title"] != "Rock" || p["trackCount"] != 1.0 {
		t.Errorf("changes made without a request do not show: %v", p)
	}
}

func TestPlaylistTracksAreListedAsTheCatalogAnswersThem(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	id := createPlaylist(t, srv, `{"title":"Mix"}`)
	sendJSON(t, srv, http.MethodPut, "/v1/playlists/"+id+"/tracks", `{"trackIds":["B08DL2BXQC","B097S29G3W"]}`)

	ids, _, _ := walkPlaylistTracks(t, srv, id, 100)
	if want := []string{"B08DL2BXQC", "B097S185X9"}; !slices.Equal(ids, want) {
		t.Errorf("listed %v, want %v: B097S29G3W stands for B097S185X9", ids, want)
	}
	if p, _ := e.Playlist(id); !slices.Equal(p.TrackIDs, []string{"B08DL2BXQC", "B097S29G3W"}) {
		t.Errorf("Playlist holds %v, want the ids the request named", p.TrackIDs)
	}
}
