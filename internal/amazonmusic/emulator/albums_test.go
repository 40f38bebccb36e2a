package emulator_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// readAlbum answers GET /v1/albums/{id}, decoded.
func readAlbum(t *testing.T, srv *httptest.Server, id string) emulator.CatalogAlbum {
	t.Helper()
	var v struct {
		Data struct {
			Album emulator.CatalogAlbum `json:"album"`
		} `json:"data"`
	}
	decodeOKAnswer(t, send(t, srv, http.MethodGet, "/v1/albums/"+id), &v)
	return v.Data.Album
}

// readTrack answers GET /v1/tracks/{id}, decoded.
func readTrack(t *testing.T, srv *httptest.Server, id string) emulator.CatalogTrack {
	t.Helper()
	var v struct {
		Data struct {
			Track emulator.CatalogTrack `json:"track"`
		} `json:"data"`
	}
	decodeOKAnswer(t, send(t, srv, http.MethodGet, "/v1/tracks/"+id), &v)
	return v.Data.Track
}

// albumOfTrack is the album a track names: its details' album, or the one
// in the album position of its url.
func albumOfTrack(track emulator.CatalogTrack) string {
	if track.Album != nil {
		return track.Album.ID
	}
	_, rest, _ := strings.Cut(track.URL, "/albums/")
	id, _, _ := strings.Cut(rest, "/")
	return id
}

func TestAlbumAnswersThePublishedShape(t *testing.T) {
	_, srv := start(t, emulator.Options{CatalogSize: 30})
	a := send(t, srv, http.MethodGet, "/v1/albums/B0A0000001")
	var v map[string]map[string]map[string]any
	decodeOKAnswer(t, a, &v)
	album := v["data"]["album"]
	var keys []string
	for k := range album {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"artists", "availableMarkets", "duration", "eligibility", "globalAsin", "id", "images",
		"parentalSettings", "releaseDate", "shortTitle", "title", "trackCount", "tracks", "url"}
	if !slices.Equal(keys, want) {
		t.Errorf("data.album has keys %v, want %v", keys, want)
	}
	for _, path := range [][]string{
		{"parentalSettings", "isKidFriendly"}, {"parentalSettings", "hasExplicitLanguage"},
		{"eligibility", "isPreviewable"},
	} {
		if _, ok := jsonAt(t, a.body, append([]string{"data", "album"}, path...)...).(bool); !ok {
			t.Errorf("data.album.%s is not a boolean", strings.Join(path, "."))
		}
	}
	got := readAlbum(t, srv, "B0A0000001")
	if got.ID != "B0A0000001" || got.Title != "Album 1" || got.URL != "https://music.amazon.com/albums/B0A0000001" ||
		got.TrackCount != 10 || len(got.AvailableMarkets) == 0 || len(got.Images) == 0 {
		t.Errorf("album = %+v", got)
	}
	for _, image := range got.Images {
		if image.Height <= 0 || image.Width <= 0 || !strings.HasPrefix(image.URL, "https://") {
			t.Errorf("image %+v", image)
		}
	}
	if again, ok := emulator.New(emulator.Options{CatalogSize: 30}).CatalogAlbum("B0A0000001"); !ok || again.Title != got.Title || len(again.Tracks) != 10 {
		t.Errorf("CatalogAlbum of another emulator = %+v, %v; want the same album", again, ok)
	}
}

func TestAlbumsHoldTheirTracksAsTheCatalogAnswersThem(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 35, AliasEvery: 7})
	ids := emulator.BuiltinTrackIDs()
	for i := range 35 {
		ids = append(ids, emulator.TrackID(i))
	}
	onAlbum := map[string]string{} // track id answered -> album
	for _, id := range ids {
		track := readTrack(t, srv, id)
		albumID := albumOfTrack(track)
		if albumID == "" {
			t.Fatalf("track %s names no album", track.ID)
		}
		onAlbum[track.ID] = albumID
	}

	listed := map[string]string{}
	for _, albumID := range onAlbum {
		t.Run(albumID, func(t *testing.T) {
			album := readAlbum(t, srv, albumID)
			if album.ID != albumID || album.TrackCount != len(album.Tracks) || len(album.Tracks) == 0 {
				t.Fatalf("album %s: id %s, trackCount %d, %d tracks", albumID, album.ID, album.TrackCount, len(album.Tracks))
			}
			var positions []int
			for _, listedTrack := range album.Tracks {
				listed[listedTrack.ID] = albumID
				track := readTrack(t, srv, listedTrack.ID)
				if track.ID != listedTrack.ID || track.Title != listedTrack.Title || track.URL != listedTrack.URL {
					t.Errorf("album lists %+v, the catalog answers %s %q %s", listedTrack, track.ID, track.Title, track.URL)
				}
				if got := albumOfTrack(track); got != albumID {
					t.Errorf("track %s names album %s", track.ID, got)
				}
				if track.Album != nil {
					if (track.Album.Title != "" && track.Album.Title != album.Title) || (track.Album.URL != "" && track.Album.URL != album.URL) {
						t.Errorf("track %s names album %+v; the album is %q %s", track.ID, *track.Album, album.Title, album.URL)
					}
				}
				if track.ReleaseDate != "" && track.ReleaseDate != album.ReleaseDate {
					t.Errorf("track %s released %s, its album %s", track.ID, track.ReleaseDate, album.ReleaseDate)
				}
				for _, artist := range track.Artists {
					if !slices.Contains(album.Artists, artist) {
						t.Errorf("artist %+v of track %s is not among the album's %+v", artist, track.ID, album.Artists)
					}
				}
				if saved, state := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+listedTrack.ID), "saveTrack"); state != "SAVED" || saved.ID != listedTrack.ID {
					t.Errorf("saving %s answered %+v %s", listedTrack.ID, saved, state)
				}
				if strings.HasPrefix(track.ID, "B0") && len(track.ID) == 10 && strings.Trim(track.ID[2:], "0123456789") == "" {
					positions = append(positions, catalogPosition(t, track.ID))
				}
			}
			if !slices.IsSorted(positions) {
				t.Errorf("album %s lists its tracks out of album order: %v", albumID, album.Tracks)
			}
		})
	}
	for id, albumID := range onAlbum {
		if listed[id] != albumID {
			t.Errorf("track %s names album %s, but is listed on %q", id, albumID, listed[id])
		}
	}
	if len(listed) != len(onAlbum) {
		t.Errorf("the albums list %d tracks, the catalog has %d", len(listed), len(onAlbum))
	}
	if got := len(e.Library()); got != len(onAlbum) {
		t.Errorf("the library holds %d tracks after saving every album's, want %d", got, len(onAlbum))
	}

	// Album 0 leaves out the aliased tracks 0 and 7, which are alone on
	// the album their url names, and holds the other eight.
	if album := readAlbum(t, srv, "B0A0000000"); album.TrackCount != 8 || album.Tracks[0].ID != emulator.TrackID(1) {
		t.Errorf("album 0 = %+v, want tracks 1 to 9 but 7", album.Tracks)
	}
	if album := readAlbum(t, srv, emulator.TrackID(7)); album.TrackCount != 1 || album.Tracks[0].ID != emulator.AliasTrackID(7) {
		t.Errorf("album %s = %+v, want the aliased track alone", emulator.TrackID(7), album)
	}
}

func TestBuiltinAlbumsMatchTheirTracksDetails(t *testing.T) {
	_, srv := start(t, emulator.Options{})
	kane := readAlbum(t, srv, "B08DL2H5PV")
	if kane.Title != "Kane Train" || kane.ReleaseDate != "2020-08-07T04:00:00.000Z" || kane.Duration != 215 ||
		len(kane.Artists) != 2 || kane.Artists[0].Name != "The Kanes" || kane.TrackCount != 1 || kane.Tracks[0].ID != "B08DL2BXQC" {
		t.Errorf("album B08DL2H5PV = %+v", kane)
	}
	// The reference's B097S29G3W is the album of B097S185X9, its answer.
	if album := readAlbum(t, srv, "B097S29G3W"); album.Title != "Something To Believe In" || len(album.Tracks) != 1 || album.Tracks[0].ID != "B097S185X9" {
		t.Errorf("album B097S29G3W = %+v", album)
	}
	// An album without title or url, as its track's details name it.
	if album := readAlbum(t, srv, "B07QXLZ8RN"); album.Title != "" || album.URL != "" || album.Images != nil || album.Tracks[0].ID != "B07QXMFJ4W" {
		t.Errorf("album B07QXLZ8RN = %+v, want no title, url or images", album)
	}
	// A track without details is alone on the album of its url.
	if album := readAlbum(t, srv, "B00LIVE2AL"); album.Title != "Untitled (Live)" || album.Tracks[0].ID != "B00LIVE7QX" {
		t.Errorf("album B00LIVE2AL = %+v", album)
	}
}

func TestUnknownAlbumIs404AndOtherMethods405(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 35, AliasEvery: 7})
	for _, id := range []string{
		"B0A0000004",        // its tracks would be 40 to 49
		emulator.TrackID(3), // a track that is not aliased
		emulator.TrackID(35),
		"B0ZZZZZZZZ",
		"b08dl2h5pv",
		"B08DL2H5P",
		"B08DL2H5PV%2Fx",
	} {
		t.Run(id, func(t *testing.T) {
			got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/albums/"+id), http.StatusNotFound)
			if got.Code != emulator.CodeNotFound || !strings.Contains(got.Message, strings.ReplaceAll(id, "%2F", "/")) {
				t.Errorf("error %+v, want NOT_FOUND naming the id", got)
			}
			if _, ok := e.CatalogAlbum(id); ok {
				t.Errorf("CatalogAlbum(%s) found an album", id)
			}
		})
	}
	for _, path := range []string{"/v1/albums", "/v1/albums/"} {
		mustAPIError(t, send(t, srv, http.MethodGet, path), http.StatusNotFound)
	}
	for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodPost, http.MethodHead} {
		a := send(t, srv, method, "/v1/albums/B08DL2H5PV")
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != http.MethodGet {
			t.Errorf("%s: status %d, Allow %q; want 405, GET", method, a.status, a.header.Get("Allow"))
		}
	}
	e.InjectFaults(emulator.Fault{PathPrefix: "/v1/albums/", Status: http.StatusForbidden, Code: emulator.CodeInsufficientScope})
	if got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/albums/B08DL2H5PV"), http.StatusForbidden); got.Code != emulator.CodeInsufficientScope {
		t.Errorf("fault answered %+v", got)
	}
	readAlbum(t, srv, "B08DL2H5PV")
	if n := e.Count(http.MethodGet, "/v1/albums/B08DL2H5PV"); n != 2 {
		t.Errorf("Count(GET, /v1/albums/B08DL2H5PV) = %d, want 2", n)
	}
	if n := len(readAlbum(t, srv, "B0A0000003").Tracks); n != 5 {
		t.Errorf("album 3 of a catalog of 35 holds %d tracks, want 30 to 34", n)
	}
}
