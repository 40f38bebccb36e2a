package amazonmusic_test

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// playlistIDs returns the ids of playlists in order.
func playlistIDs(playlists []amazonmusic.Playlist) []string {
	ids := make([]string, len(playlists))
	for i, p := range playlists {
		ids[i] = p.ID
	}
	return ids
}

func TestPlaylistsWalksEveryCappedPageInOrder(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{Playlists: 23, PageCap: 5})

	userID, playlists, err := client.Playlists(t.Context(), 100)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if userID != emulator.DefaultUserID {
		t.Errorf("userID = %q, want %q", userID, emulator.DefaultUserID)
	}
	want := emu.PlaylistIDs()
	if got := playlistIDs(playlists); !slices.Equal(got, want) {
		t.Errorf("playlist ids = %v, want %v", got, want)
	}
	if n := emu.Count(http.MethodGet, "/v1/me/playlists"); n != 5 {
		t.Errorf("emulator received %d playlists requests, want 5 (23 playlists, 5 a page)", n)
	}
	// Each page after the first continues from the last edge of the page
	// before: cursor "<index>:<id>" of items 4, 9, 14 and 19.
	wantCursors := []string{""}
	for i := 4; i < 23-1; i += 5 {
		wantCursors = append(wantCursors, fmt.Sprintf("%d:%s", i, want[i]))
	}
	if got := emu.Cursors(); !slices.Equal(got, wantCursors) {
		t.Errorf("cursors sent = %q, want %q", got, wantCursors)
	}
}

func TestFirstPlaylistsStopsAtThePageThatReachesMost(t *testing.T) {
	// 23 playlists, 5 a page: pages of 5, 5, 5, 5, 3.
	for _, tt := range []struct {
		most, wantCount, wantPages int
	}{
		{most: 1, wantCount: 1, wantPages: 1},
		{most: 7, wantCount: 7, wantPages: 2},
		{most: 10, wantCount: 10, wantPages: 2},
		{most: 23, wantCount: 23, wantPages: 5},
		{most: 30, wantCount: 23, wantPages: 5},
		{most: 0, wantCount: 23, wantPages: 5},
	} {
		t.Run(fmt.Sprint(tt.most), func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{Playlists: 23, PageCap: 5})
			userID, playlists, err := client.FirstPlaylists(t.Context(), 100, tt.most)
			if err != nil {
				t.Fatalf("FirstPlaylists: %v", err)
			}
			if userID != emulator.DefaultUserID {
				t.Errorf("userID = %q, want %q", userID, emulator.DefaultUserID)
			}
			if got, want := playlistIDs(playlists), emu.PlaylistIDs()[:tt.wantCount]; !slices.Equal(got, want) {
				t.Errorf("playlist ids = %v, want %v", got, want)
			}
			if n := emu.Count(http.MethodGet, "/v1/me/playlists"); n != tt.wantPages {
				t.Errorf("emulator received %d playlists requests, want %d", n, tt.wantPages)
			}
		})
	}
}

func TestPlaylistsFollowsPageTokens(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{Playlists: 12, PageTokens: true})

	_, playlists, err := client.Playlists(t.Context(), 5)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if got, want := playlistIDs(playlists), emu.PlaylistIDs(); !slices.Equal(got, want) {
		t.Errorf("playlist ids = %v, want %v", got, want)
	}
	cursors := emu.Cursors()
	if len(cursors) != 3 || cursors[0] != "" {
		t.Fatalf("cursors sent = %q, want a first page and two more", cursors)
	}
	for _, c := range cursors[1:] {
		if !emulator.IsPageToken(c) {
			t.Errorf("cursor %q is not the page's token", c)
		}
	}
}

func TestPlaylistsOfAUserWithoutPlaylistsIsEmpty(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	userID, playlists, err := client.Playlists(t.Context(), 100)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if len(playlists) != 0 || userID != emulator.DefaultUserID {
		t.Errorf("Playlists = %q, %v, want the user and no playlists", userID, playlists)
	}
	if n := emu.Total(); n != 1 {
		t.Errorf("emulator received %d requests, want 1", n)
	}
}

func TestPlaylistsPageReturnsOnePageAndItsCursor(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{Playlists: 5})
	ids := emu.PlaylistIDs()

	first, err := client.PlaylistsPage(t.Context(), 3, "")
	if err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	if !first.HasNextPage || first.Next != "2:"+ids[2] || first.UserID != emulator.DefaultUserID {
		t.Errorf("first page: HasNextPage %t, Next %q, UserID %q; want true, %q, %q", first.HasNextPage, first.Next, first.UserID, "2:"+ids[2], emulator.DefaultUserID)
	}
	if got := playlistIDs(first.Playlists); !slices.Equal(got, ids[:3]) {
		t.Errorf("first page ids = %v, want %v", got, ids[:3])
	}

	last, err := client.PlaylistsPage(t.Context(), 3, first.Next)
	if err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	if last.HasNextPage || last.Next != "" {
		t.Errorf("last page: HasNextPage %t, Next %q; want false and no cursor", last.HasNextPage, last.Next)
	}
	if got := playlistIDs(last.Playlists); !slices.Equal(got, ids[3:]) {
		t.Errorf("last page ids = %v, want %v", got, ids[3:])
	}
}

func TestPlaylistsAbsentOptionalFieldsAreNil(t *testing.T) {
	client, _ := newEmulatorClient(t, emulator.Options{Playlists: 2})
	_, playlists, err := client.Playlists(t.Context(), 100)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if len(playlists) != 2 {
		t.Fatalf("got %d playlists, want the reference's 2", len(playlists))
	}

	rock := playlists[0]
	if rock.Title == nil || *rock.Title != "00 Rock" {
		t.Fatalf("first playlist title = %v, want 00 Rock", rock.Title)
	}
	if rock.Visibility == nil || *rock.Visibility != "PRIVATE" {
		t.Errorf("00 Rock visibility = %v, want PRIVATE", rock.Visibility)
	}
	e := rock.Eligibility
	if e == nil || e.Playback == nil || e.Playback.CanPlayOnDemand == nil || !*e.Playback.CanPlayOnDemand {
		t.Fatalf("00 Rock eligibility = %+v, want playback on demand", e)
	}
	if e.IsDownloadable == nil || *e.IsDownloadable {
		t.Errorf("00 Rock isDownloadable = %v, want a present false", e.IsDownloadable)
	}
	if e.PlaybackSubscriptionTiers == nil || len(e.PlaybackSubscriptionTiers) != 0 {
		t.Errorf("00 Rock playbackSubscriptionTiers = %#v, want present and empty", e.PlaybackSubscriptionTiers)
	}
	if len(rock.Images) != 1 || rock.Images[0].ImageType == nil || *rock.Images[0].ImageType != "PRIMARY" {
		t.Errorf("00 Rock images = %+v, want one PRIMARY image", rock.Images)
	}

	day := playlists[1]
	if day.Title == nil || *day.Title != "311 Day" {
		t.Fatalf("second playlist title = %v, want 311 Day", day.Title)
	}
	if day.Eligibility != nil {
		t.Errorf("311 Day eligibility = %+v, want nil", day.Eligibility)
	}
	if day.Visibility != nil {
		t.Errorf("311 Day visibility = %q, want nil", *day.Visibility)
	}
	if len(day.Images) != 1 || day.Images[0].URL == nil || day.Images[0].ImageType != nil {
		t.Errorf("311 Day images = %+v, want one image with a URL and no type", day.Images)
	}
	if day.Duration == nil || *day.Duration != 1084 || day.TrackCount == nil || *day.TrackCount != 6 {
		t.Errorf("311 Day duration %v, trackCount %v; want 1084 and 6", day.Duration, day.TrackCount)
	}
	if day.Curator == nil || day.Curator.ID != "6ozjgidgbvjdv3j6dd5jm7ipom" {
		t.Errorf("311 Day curator = %+v, want the reference's", day.Curator)
	}
}

func TestPlaylistsPageRejectsLimitOutOfRangeBeforeSending(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{Playlists: 3})
	for _, limit := range []int{-1, 0, amazonmusic.MaxPageSize + 1} {
		if _, err := client.PlaylistsPage(t.Context(), limit, ""); err == nil || !strings.Contains(err.Error(), "page size") {
			t.Errorf("PlaylistsPage(limit %d) error = %v, want a page size error", limit, err)
		}
		if _, _, err := client.Playlists(t.Context(), limit); err == nil {
			t.Errorf("Playlists(limit %d) returned no error", limit)
		}
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want 0", n)
	}
}

func TestPlaylistsPageSendsLimitAndCursor(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, playlistsJSON(false, ""))
	})
	if _, err := client.PlaylistsPage(t.Context(), 7, ""); err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	if _, err := client.PlaylistsPage(t.Context(), 100, "12:a b&c"); err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	first, second := rec.request(t, 0).URL.Query(), rec.request(t, 1).URL.Query()
	if first.Get("limit") != "7" || first.Has("cursor") {
		t.Errorf("first query = %v, want limit=7 and no cursor", first)
	}
	if second.Get("limit") != "100" || second.Get("cursor") != "12:a b&c" {
		t.Errorf("second query = %v, want limit=100 and the cursor intact", second)
	}
}

func TestPlaylistsPrefersPageTokenToEdgeCursor(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(w, playlistsJSON(true, "token-1", edge{"0:a", "a"}))
		case "token-1":
			writeJSON(w, playlistsJSON(false, "", edge{"1:b", "b"}))
		default:
			writeBody(w, http.StatusBadRequest, "application/json", `{"error":{"status":"400","code":"INVALID_PARAMETER","message":"bad cursor"}}`)
		}
	})

	page, err := client.PlaylistsPage(t.Context(), 10, "")
	if err != nil {
		t.Fatalf("PlaylistsPage: %v", err)
	}
	if page.Next != "token-1" {
		t.Errorf("Next = %q, want the page token", page.Next)
	}
	_, playlists, err := client.Playlists(t.Context(), 10)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if got := playlistIDs(playlists); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("ids = %v, want [a b]", got)
	}
	if got := rec.request(t, 2).URL.Query().Get("cursor"); got != "token-1" {
		t.Errorf("second page requested with cursor %q, want token-1", got)
	}
}

func TestPlaylistsContinuesPastShortAndEmptyPages(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(w, playlistsJSON(true, "", edge{"0:a", "a"}))
		case "0:a":
			writeJSON(w, playlistsJSON(true, "after-empty")) // no edges, but a token
		case "after-empty":
			writeJSON(w, playlistsJSON(false, "", edge{"1:b", "b"}, edge{"2:c", "c"}))
		}
	})
	_, playlists, err := client.Playlists(t.Context(), 100)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if got := playlistIDs(playlists); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("ids = %v, want [a b c]", got)
	}
	if rec.count() != 3 {
		t.Errorf("server received %d requests, want 3", rec.count())
	}
}

func TestPlaylistsStopsOnARepeatedCursor(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		switch r.URL.Query().Get("cursor") {
		case "":
			writeJSON(w, playlistsJSON(true, "", edge{"c1", "a"}))
		case "c1":
			writeJSON(w, playlistsJSON(true, "", edge{"c2", "b"}))
		default:
			writeJSON(w, playlistsJSON(true, "", edge{"c1", "c"})) // back to c1
		}
	})
	_, playlists, err := client.Playlists(t.Context(), 100)
	if !errors.Is(err, amazonmusic.ErrCursorLoop) {
		t.Fatalf("err = %v, want ErrCursorLoop", err)
	}
	if playlists != nil {
		t.Errorf("playlists = %v, want nil on error", playlists)
	}
	if !strings.Contains(err.Error(), `"c1"`) {
		t.Errorf("error %q does not name the repeated cursor", err)
	}
	if rec.count() != 3 {
		t.Errorf("server received %d requests, want 3", rec.count())
	}
}

func TestPlaylistsFailsWhenANextPageHasNoCursor(t *testing.T) {
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, playlistsJSON(true, "")) // more pages, but no way to ask for them
	})
	_, _, err := client.Playlists(t.Context(), 100)
	if err == nil || !strings.Contains(err.Error(), "no cursor") {
		t.Fatalf("err = %v, want an error about the missing cursor", err)
	}
	if rec.count() != 1 {
		t.Errorf("server received %d requests, want 1", rec.count())
	}
}

func TestPlaylistsAnswerThatCannotBeUsedIsAnUnexpectedResponse(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{name: "no user", body: `{"data":{}}`, want: "no data.user"},
		{name: "null data", body: `{"data":null}`, want: "no data.user"},
		{name: "no playlists", body: `{"data":{"user":{"id":"u"}}}`, want: "no data.user.playlists"},
		{name: "no pageInfo", body: `{"data":{"user":{"id":"u","playlists":{"edges":[]}}}}`, want: "hasNextPage"},
		{name: "no hasNextPage", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{},"edges":[]}}}}`, want: "hasNextPage"},
		{name: "node without id", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:x","node":{"title":"x"}}]}}}}`, want: "no id"},
		{name: "duration is a string", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:x","node":{"id":"x","duration":"long"}}]}}}}`, want: "cannot unmarshal string"},
		{name: "hasNextPage is a string", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":"no"},"edges":[]}}}}`, want: "cannot unmarshal string"},
		{name: "edges is an object", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":{}}}}}`, want: "cannot unmarshal object"},
		{name: "truncated", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":fal`, want: "invalid JSON body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, tt.body)
			})
			_, _, err := client.Playlists(t.Context(), 100)
			if err == nil {
				t.Fatal("Playlists returned no error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "unexpected response from GET /v1/me/playlists: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want an unexpected response error mentioning %q", msg, tt.want)
			}
		})
	}
}

func TestPlaylistsToleratesUnknownFields(t *testing.T) {
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, `{"data":{"user":{"id":"u","name":"x","playlists":{"pageInfo":{"hasNextPage":false,"endCursor":"z"},"edgeCount":1,"totalCount":1,"edges":[{"cursor":"0:x","node":{"id":"x","title":"T","followers":3,"curator":{"id":"u","name":"n"},"images":[{"url":"i","width":300}]},"score":1}]}}},"extensions":{}}`)
	})
	userID, playlists, err := client.Playlists(t.Context(), 100)
	if err != nil {
		t.Fatalf("Playlists: %v", err)
	}
	if userID != "u" || len(playlists) != 1 || playlists[0].ID != "x" || *playlists[0].Title != "T" || playlists[0].Curator.ID != "u" || *playlists[0].Images[0].URL != "i" {
		t.Errorf("Playlists = %q, %+v; want user u and playlist x", userID, playlists)
	}
}

func BenchmarkPlaylists10000(b *testing.B) {
	emu := emulator.New(emulator.Options{Playlists: 10_000})
	srv := httptest.NewServer(emu)
	b.Cleanup(srv.Close)
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: srv.URL, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_, playlists, err := client.Playlists(b.Context(), amazonmusic.MaxPageSize)
		if err != nil {
			b.Fatal(err)
		}
		if len(playlists) != 10_000 {
			b.Fatalf("got %d playlists, want 10000", len(playlists))
		}
	}
}

func TestPlaylistIsCreatedFilledInBatchesReadUpdatedAndDeleted(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: 300, PageCap: 30})
	ctx := t.Context()

	p, err := client.CreatePlaylist(ctx, amazonmusic.PlaylistInput{Title: ptr("Road Trip"), Visibility: ptr(amazonmusic.VisibilityPublic)})
	if err != nil {
		t.Fatalf("CreatePlaylist: %v", err)
	}
	if p.ID == "" || p.Title == nil || *p.Title != "Road Trip" || p.Description != nil {
		t.Fatalf("created %+v", p)
	}

	var want []string
	for i := range 250 {
		want = append(want, emulator.TrackID(i))
	}
	added, err := client.AddPlaylistTracks(ctx, p.ID, want)
	if err != nil || added != 250 {
		t.Fatalf("AddPlaylistTracks = %d, %v", added, err)
	}
	if n := emu.Count(http.MethodPut, "/v1/playlists/"+p.ID+"/tracks"); n != 3 {
		t.Errorf("250 tracks took %d PUT requests, want 3 batches of at most 100", n)
	}

	tracks, err := client.PlaylistTracks(ctx, p.ID, 100)
	if err != nil {
		t.Fatalf("PlaylistTracks: %v", err)
	}
	if !slices.Equal(entryTrackIDs(tracks), want) {
		t.Errorf("PlaylistTracks = %d tracks, want the 250 added in order", len(tracks))
	}
	if n := emu.Count(http.MethodGet, "/v1/playlists/"+p.ID+"/tracks"); n != 9 {
		t.Errorf("reading 250 tracks in pages capped at 30 took %d requests, want 9", n)
	}
	if e := tracks[0].EntryID; e == "" || e == tracks[0].ID {
		t.Errorf("entry id %q must come from the cursor and differ from the track id", e)
	}
	if tracks[0].Title == nil || *tracks[0].Title == "" {
		t.Errorf("track without title: %+v", tracks[0])
	}

	if err := client.UpdatePlaylist(ctx, p.ID, amazonmusic.PlaylistInput{Description: ptr("Long drives")}); err != nil {
		t.Fatalf("UpdatePlaylist: %v", err)
	}
	read, err := client.Playlist(ctx, p.ID)
	if err != nil {
		t.Fatalf("Playlist: %v", err)
	}
	if *read.Title != "Road Trip" || read.Description == nil || *read.Description != "Long drives" ||
		*read.Visibility != "PUBLIC" || *read.TrackCount != 250 || *read.Duration <= 0 {
		t.Errorf("read %+v", read)
	}

	if err := client.DeletePlaylist(ctx, p.ID); err != nil {
		t.Fatalf("DeletePlaylist: %v", err)
	}
	if _, err := client.Playlist(ctx, p.ID); !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Errorf("Playlist after delete = %v, want ErrNotFound", err)
	}
	if err := client.DeletePlaylist(ctx, p.ID); !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Errorf("second DeletePlaylist = %v, want ErrNotFound", err)
	}
}

func TestPlaylistWritesSendTheirJSONBodies(t *testing.T) {
	var bodies []string
	rec := &recorder{answer: func(w http.ResponseWriter, r *http.Request, _ int) {
		body, _ := io.ReadAll(r.Body)
		bodies = append(bodies, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type")+" "+string(body))
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data":{"createPlaylist":{"id":"p1"}}}`)
	}}
	srv := httptest.NewServer(rec)
	t.Cleanup(srv.Close)
	client, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: srv.URL, APIKey: testAPIKey, AccessToken: testAccessToken})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := client.CreatePlaylist(ctx, amazonmusic.PlaylistInput{Title: ptr("T"), Description: ptr(""), Visibility: ptr("PRIVATE")}); err != nil {
		t.Fatal(err)
	}
	if err := client.UpdatePlaylist(ctx, "p 1", amazonmusic.PlaylistInput{Title: ptr("U")}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.AddPlaylistTracks(ctx, "p1", []string{"B08DL2BXQC"}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		`POST /v1/playlists application/json {"title":"T","description":"","visibility":"PRIVATE"}`,
		`PUT /v1/playlists/p 1 application/json {"title":"U"}`,
		`PUT /v1/playlists/p1/tracks application/json {"trackIds":["B08DL2BXQC"],"addDuplicateTracks":false}`,
	}
	if !slices.Equal(bodies, want) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(bodies, "\n"), strings.Join(want, "\n"))
	}
}

func TestMissingPlaylistEndpointsAreAPIErrors(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		client, emu := newEmulatorClient(t, emulator.Options{Playlists: 1, CatalogSize: 1, CreatePlaylistStatus: status, PlaylistTracksStatus: status})
		_, err := client.CreatePlaylist(t.Context(), amazonmusic.PlaylistInput{Title: ptr("x")})
		var apiErr *amazonmusic.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Method != http.MethodPost {
			t.Errorf("CreatePlaylist = %v, want an APIError %d", err, status)
		}
		_, err = client.AddPlaylistTracks(t.Context(), emu.PlaylistIDs()[0], []string{emulator.TrackID(0)})
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
			t.Errorf("AddPlaylistTracks = %v, want an APIError %d", err, status)
		}
	}
}
