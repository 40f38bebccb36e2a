package amazonmusic_test

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestAlbumReadsTheEmulatorsAlbumInAlbumOrder(t *testing.T) {
	t.Parallel()
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: 40})
	album, err := client.Album(t.Context(), "B0A0000002")
	if err != nil {
		t.Fatalf("Album: %v", err)
	}
	want, ok := emu.CatalogAlbum("B0A0000002")
	if !ok {
		t.Fatal("the emulator has no album B0A0000002")
	}
	var ids, wantIDs []string
	for _, tr := range album.Tracks {
		ids = append(ids, tr.ID)
	}
	for _, tr := range want.Tracks {
		wantIDs = append(wantIDs, tr.ID)
	}
	if len(ids) != 10 || !reflect.DeepEqual(ids, wantIDs) {
		t.Errorf("track ids = %v, want the emulator's ten %v", ids, wantIDs)
	}
	if album.ID != want.ID || album.Title == nil || *album.Title != want.Title || album.TrackCount == nil || *album.TrackCount != int64(len(want.Tracks)) {
		t.Errorf("album = %+v, want id, title and track count of %+v", album, want)
	}
}

func TestAlbumDecodesThePublishedShapeAndLeavesAbsentFieldsNil(t *testing.T) {
	t.Parallel()
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		writeJSON(w, `{"data":{"album":{"id":"B00E0WOJ4Q","title":"Blurred Lines","trackCount":2,
			"availableMarkets":[{"id":"ATVPDKIKX0DER","name":"US"}],"parentalSettings":{"isKidFriendly":false},
			"tracks":[{"id":"B00E0WOVLK","title":"Blurred Lines"},{"id":"B00E0WOX0M"}],
			"images":[{"height":500,"width":500,"url":"https://m.media-amazon.com/images/I/a.jpg"}]}}}`)
	})
	album, err := client.Album(t.Context(), "B00E0WOJ4Q")
	if err != nil {
		t.Fatalf("Album: %v", err)
	}
	want := &amazonmusic.CatalogAlbum{
		ID: "B00E0WOJ4Q", Title: ref("Blurred Lines"), TrackCount: ref(int64(2)),
		Tracks: []amazonmusic.Track{{ID: "B00E0WOVLK", Title: ref("Blurred Lines")}, {ID: "B00E0WOX0M"}},
		Images: []amazonmusic.Image{{Height: ref(int64(500)), Width: ref(int64(500)), URL: ref("https://m.media-amazon.com/images/I/a.jpg")}},
	}
	if !reflect.DeepEqual(album, want) {
		t.Errorf("album = %+v, want %+v", album, want)
	}
}

func TestAlbumFailures(t *testing.T) {
	t.Parallel()
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: 40})
	if _, err := client.Album(t.Context(), "B0A9999999"); !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Errorf("unknown album: err = %v, want ErrNotFound", err)
	}
	emu.ResetCounts()
	if _, err := client.Album(t.Context(), "b0a0000001"); err == nil || !strings.Contains(err.Error(), "invalid album id") {
		t.Errorf("lower-case id: err = %v, want an invalid album id", err)
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("requests for an invalid id = %d, want 0", n)
	}
	for body, want := range map[string]string{
		`{"data":{}}`: "no data.album",
		`{"data":{"album":{"id":"B00E0WOJ4Q","tracks":[{"title":"x"}]}}}`: "track 0 of the album has no id",
		`{"data":{"album":{"title":"x"}}}`:                                "the album has no id",
	} {
		fake, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, body) })
		if _, err := fake.Album(t.Context(), "B00E0WOJ4Q"); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("answer %s: err = %v, want %q", body, err, want)
		}
	}
}
