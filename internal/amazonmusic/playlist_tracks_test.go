package amazonmusic_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func ptr[T any](v T) *T { return &v }

// entryTrackIDs returns the track ids of a playlist's entries in order.
func entryTrackIDs(tracks []amazonmusic.PlaylistTrack) []string {
	ids := make([]string, len(tracks))
	for i, t := range tracks {
		ids[i] = t.ID
	}
	return ids
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

func TestAddPlaylistTracksReportsHowManyWereAddedBeforeAFailure(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: 150})
	p, err := client.CreatePlaylist(t.Context(), amazonmusic.PlaylistInput{Title: ptr("Mix")})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, 201)
	for i := range 150 {
		ids = append(ids, emulator.TrackID(i))
	}
	ids = append(ids, "B0ZZZZZZZZ") // unknown to the catalog: its batch fails
	ids = append(ids, emulator.TrackID(0))

	added, err := client.AddPlaylistTracks(t.Context(), p.ID, ids)
	if added != 100 || !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Fatalf("AddPlaylistTracks = %d, %v; want 100 and a 404", added, err)
	}
	if got, _ := emu.Playlist(p.ID); len(got.TrackIDs) != 100 {
		t.Errorf("playlist holds %d tracks, want the first batch's 100", len(got.TrackIDs))
	}
	if _, err := client.AddPlaylistTracks(t.Context(), p.ID, []string{"bad"}); err == nil || emu.Count(http.MethodPut, "/v1/playlists/"+p.ID+"/tracks") != 2 {
		t.Errorf("a malformed id must fail before any request: %v", err)
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
