package amazonmusic_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// entryTrackIDs returns the track ids of a playlist's entries in order.
func entryTrackIDs(tracks []amazonmusic.PlaylistTrack) []string {
	ids := make([]string, len(tracks))
	for i, t := range tracks {
		ids[i] = t.ID
	}
	return ids
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
