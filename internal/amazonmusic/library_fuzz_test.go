package amazonmusic

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// FuzzDecodeLibraryTracksPage feeds arbitrary 200 answers to the listing of
// the library. A page is either refused as an unexpected response or
// usable: every track has an id and only a page with a next page has a
// cursor. Walking a server that answers the same body to every request ends
// after at most two requests.
func FuzzDecodeLibraryTracksPage(f *testing.F) {
	addMalformedSeeds(f)
	for _, s := range []string{
		`{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":false},"edgeCount":1,"edges":[{"cursor":"0:B08DL2BXQC","node":{"id":"B08DL2BXQC","title":"Kane Train","isrc":"GBCFB2000356","url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}}]}}}}`,
		`{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":true},"edges":[{"cursor":"0:a","node":{"id":"a"}}]}}}}`,
		`{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":true,"token":"t"},"edges":[]}}}}`,
		`{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:a","node":{"id":""}}]}}}}`,
		`{"data":{"user":{"id":42,"tracks":{"pageInfo":{"hasNextPage":"false"},"edgeCount":"0","edges":{}}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[]}}}}`,
	} {
		f.Add([]byte(s))
	}

	const prefix = "unexpected response from GET /v1/me/library/tracks: "
	f.Fuzz(func(t *testing.T, body []byte) {
		client, transport := fuzzClient(t, body)
		page, err := client.LibraryTracksPage(t.Context(), 10, "")
		if err != nil {
			if page != nil || !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("LibraryTracksPage = %v, %q; want no page and an error starting %q", page, err, prefix)
			}
		} else {
			for i, tr := range page.Tracks {
				if tr.ID == "" {
					t.Errorf("track %d has no id", i)
				}
			}
			if !page.HasNextPage && page.Next != "" {
				t.Errorf("last page has the cursor %q", page.Next)
			}
		}

		transport.requests.Store(0)
		_, tracks, walkErr := client.LibraryTracks(t.Context(), 10)
		if n := transport.requests.Load(); n > 2 {
			t.Fatalf("walking a server that repeats one page sent %d requests, want at most 2", n)
		}
		switch {
		case err != nil:
			if walkErr == nil || walkErr.Error() != err.Error() {
				t.Errorf("LibraryTracks error = %v, want the page's %q", walkErr, err)
			}
		case page.HasNextPage:
			if walkErr == nil || (!errors.Is(walkErr, ErrCursorLoop) && !strings.Contains(walkErr.Error(), "no cursor")) {
				t.Errorf("LibraryTracks on a page that points to itself = %v, want a cursor error", walkErr)
			}
		case walkErr != nil || len(tracks) != len(page.Tracks):
			t.Errorf("LibraryTracks = %d tracks, %v; want the page's %d", len(tracks), walkErr, len(page.Tracks))
		}
	})
}

// FuzzDecodeTrackSaveResult feeds arbitrary 200 answers to the library
// endpoints: each is refused as an unexpected response naming the request,
// or gives a result.
func FuzzDecodeTrackSaveResult(f *testing.F) {
	addReferenceSeeds(f, "reference_save_track.json", "reference_remove_track.json")
	addMalformedSeeds(f)
	for _, s := range []string{
		`{"data":{"saveTrack":{}}}`,
		`{"data":{"saveTrack":null}}`,
		`{"data":{"saveTrack":{"track":null,"saveState":"SAVED"}}}`,
		`{"data":{"removeTrack":{"track":{"id":"B097S185X9"},"saveState":"REMOVED"}}}`,
		`{"data":{"saveTrack":{"saveState":true,"track":{"id":42,"title":["not","a","string"]}}}}`,
	} {
		f.Add([]byte(s))
	}

	const path = "/v1/me/library/tracks/B08DL2BXQC"
	f.Fuzz(func(t *testing.T, body []byte) {
		client, _ := fuzzClient(t, body)
		for method, call := range map[string]func() (*TrackSaveResult, error){
			http.MethodPut:    func() (*TrackSaveResult, error) { return client.SaveTrack(t.Context(), "B08DL2BXQC") },
			http.MethodDelete: func() (*TrackSaveResult, error) { return client.RemoveTrack(t.Context(), "B08DL2BXQC") },
		} {
			result, err := call()
			prefix := "unexpected response from " + method + " " + path + ": "
			switch {
			case err != nil && (result != nil || !strings.HasPrefix(err.Error(), prefix)):
				t.Errorf("%s = %v, %q; want no result and an error starting %q", method, result, err, prefix)
			case err == nil && result == nil:
				t.Errorf("%s gave neither a result nor an error", method)
			}
		}
	})
}
