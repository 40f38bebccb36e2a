package amazonmusic

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestPlaylistAnswersAreTakenWhereverTheyAre(t *testing.T) {
	for _, c := range []struct {
		name, body, wantID, wantErr string
	}{
		{"read", `{"data":{"playlist":{"id":"a","title":"T"}}}`, "a", ""},
		{"any mutation name", `{"data":{"createUserPlaylist":{"id":"b"}}}`, "b", ""},
		{"one level deeper", `{"data":{"createPlaylist":{"playlist":{"id":"c"},"status":"OK"}}}`, "c", ""},
		{"playlist first", `{"data":{"a":{"id":"other"},"playlist":{"id":"d"}}}`, "d", ""},
		{"no id", `{"data":{"createPlaylist":{"ok":true,"items":[{"id":"x"}]}}}`, "",
			"no playlist id in the answer, shaped {data:{createPlaylist:{items:[{id:string}], ok:bool}}}"},
		{"empty id", `{"data":{"createPlaylist":{"id":""}}}`, "", "no playlist id in the answer, shaped {data:{createPlaylist:{id:string}}}"},
		{"no data", `{"playlist":{"id":"e"}}`, "", "no data object in the answer, shaped {playlist:{id:string}}"},
		{"not an object", `[1,2]`, "", "the answer is not a JSON object, shaped [number, ...]"},
		{"wrong types", `{"data":{"playlist":{"id":"f","title":3}}}`, "", "data.playlist: json: cannot unmarshal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			client, _ := fuzzClient(t, []byte(c.body))
			p, err := client.CreatePlaylist(t.Context(), PlaylistInput{Title: new("x")})
			if c.wantErr == "" {
				if err != nil || p.ID != c.wantID {
					t.Fatalf("CreatePlaylist = %+v, %v; want id %q", p, err, c.wantID)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.wantErr) || strings.Contains(err.Error(), `"x"`) {
				t.Fatalf("CreatePlaylist error = %v, want one containing %q", err, c.wantErr)
			}
			if strings.Contains(c.body, "true") && strings.Contains(err.Error(), "true") {
				t.Errorf("the error repeats a value of the answer: %v", err)
			}
		})
	}
}

func TestPlaylistTracksAreFoundWhereverTheConnectionIs(t *testing.T) {
	for _, body := range []string{
		`{"data":{"playlist":{"id":"p","tracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:e1","node":{"id":"B08DL2BXQC"}}]}}}}`,
		`{"data":{"playlistTracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:e1","node":{"id":"B08DL2BXQC"}}]}}}`,
		`{"data":{"tracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:e1","node":{"id":"B08DL2BXQC"}}]}}}`,
	} {
		client, _ := fuzzClient(t, []byte(body))
		tracks, err := client.PlaylistTracks(t.Context(), "p", 100)
		if err != nil || len(tracks) != 1 || tracks[0].ID != "B08DL2BXQC" || tracks[0].EntryID != "e1" {
			t.Errorf("PlaylistTracks(%s) = %+v, %v", body, tracks, err)
		}
	}
	client, _ := fuzzClient(t, []byte(`{"data":{"playlist":{"id":"p","trackCount":3}}}`))
	_, err := client.PlaylistTracks(t.Context(), "p", 100)
	if err == nil || !strings.Contains(err.Error(), "no track connection (an object with edges) in the answer, shaped {data:{playlist:{id:string, trackCount:number}}}") {
		t.Errorf("PlaylistTracks without a connection = %v", err)
	}
}

func TestPlaylistIDsAreCheckedBeforeAnyRequest(t *testing.T) {
	client, transport := fuzzClient(t, []byte(`{}`))
	for _, id := range []string{"", " ", "a\nb", strings.Repeat("x", 201)} {
		if _, err := client.Playlist(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid playlist id") {
			t.Errorf("Playlist(%q) = %v", id, err)
		}
	}
	if _, err := client.CreatePlaylist(t.Context(), PlaylistInput{}); err == nil {
		t.Error("CreatePlaylist without a title succeeded")
	}
	if n := transport.requests.Load(); n != 0 {
		t.Errorf("%d requests sent for invalid input", n)
	}
}

// FuzzDecodePlaylistAnswer feeds arbitrary 200 answers to the playlist
// endpoints. Each either fails as an unexpected response, whose message
// quotes no string of the answer, or gives a playlist with an id and
// tracks with ids.
func FuzzDecodePlaylistAnswer(f *testing.F) {
	addMalformedSeeds(f)
	for _, s := range []string{
		`{"data":{"playlist":{"id":"15e6a15f","title":"00 Rock","trackCount":12,"curator":{"id":"u"},"images":[{"url":"u"}]}}}`,
		`{"data":{"createPlaylist":{"playlist":{"id":"p"}}}}`,
		`{"data":{"createPlaylist":{"secret-value":"x"}}}`,
		`{"data":{"playlist":{"id":"p","tracks":{"pageInfo":{"hasNextPage":true},"edges":[{"cursor":"0:e","node":{"id":"B08DL2BXQC"}}]}}}}`,
		`{"data":{"a":{"b":{"c":{"d":{"e":{"id":"deep"}}}}}}}`,
		`{"data":{"playlist":{"id":["x"]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		client, _ := fuzzClient(t, body)
		p, err := client.Playlist(t.Context(), "p")
		checkFuzzAnswer(t, "GET /v1/playlists/p", body, err, p == nil || p.ID != "")
		if err == nil && p.ID == "" {
			t.Fatal("a playlist without id was accepted")
		}
		page, err := client.PlaylistTracksPage(t.Context(), "p", 10, "")
		checkFuzzAnswer(t, "GET /v1/playlists/p/tracks", body, err, true)
		if err == nil {
			for i, tr := range page.Tracks {
				if tr.ID == "" {
					t.Errorf("track %d has no id", i)
				}
			}
		}
	})
}

// checkFuzzAnswer checks that err, when not nil, is an unexpected response
// of what that quotes no string value of body.
func checkFuzzAnswer(t *testing.T, what string, body []byte, err error, ok bool) {
	t.Helper()
	if !ok {
		t.Fatalf("%s: inconsistent result", what)
	}
	if err == nil {
		return
	}
	if !strings.HasPrefix(err.Error(), "unexpected response from "+what+": ") {
		t.Fatalf("%s error = %q", what, err)
	}
	var v any
	if json.Unmarshal(body, &v) == nil {
		for _, s := range stringValues(v) {
			if len(s) >= 6 && strings.Contains(err.Error(), s) && !strings.Contains(what, s) {
				t.Fatalf("%s error %q repeats the answer's value %q", what, err, s)
			}
		}
	}
}

// stringValues returns the string values (not keys) of a JSON document.
func stringValues(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, e := range v {
			out = append(out, stringValues(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range v {
			out = append(out, stringValues(e)...)
		}
		return out
	}
	return nil
}

// FuzzDecodePlaylistsPage feeds arbitrary 200 answers to the playlists
// endpoint. A page is either refused as an unexpected response or usable:
// every playlist has an id and only a page with a next page has a cursor.
// Walking a server that answers the same body to every request ends after
// at most two requests: the cursor repeats.
func FuzzDecodePlaylistsPage(f *testing.F) {
	addReferenceSeeds(f, "reference_playlists_limit2.json")
	addMalformedSeeds(f)
	for _, s := range []string{
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true},"edges":[{"cursor":"0:a","node":{"id":"a"}}]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true,"token":"t"},"edges":[]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true},"edges":[]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:a","node":{"id":""}}]}}}}`,
		`{"data":{"user":{"id":42,"playlists":{"pageInfo":{"hasNextPage":"false"},"edgeCount":"0","edges":{}}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"node":{"id":"a","images":[{}],"eligibility":{"playback":null}}}]}}}}`,
	} {
		f.Add([]byte(s))
	}

	const prefix = "unexpected response from GET /v1/me/playlists: "
	f.Fuzz(func(t *testing.T, body []byte) {
		client, transport := fuzzClient(t, body)
		page, err := client.PlaylistsPage(t.Context(), 10, "")
		if err != nil {
			if page != nil || !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("PlaylistsPage = %v, %q; want no page and an error starting %q", page, err, prefix)
			}
		} else {
			for i, p := range page.Playlists {
				if p.ID == "" {
					t.Errorf("playlist %d has no id", i)
				}
			}
			if !page.HasNextPage && page.Next != "" {
				t.Errorf("last page has the cursor %q", page.Next)
			}
		}

		transport.requests.Store(0)
		_, playlists, walkErr := client.Playlists(t.Context(), 10)
		if n := transport.requests.Load(); n > 2 {
			t.Fatalf("walking a server that repeats one page sent %d requests, want at most 2", n)
		}
		switch {
		case err != nil:
			if walkErr == nil || walkErr.Error() != err.Error() {
				t.Errorf("Playlists error = %v, want the page's %q", walkErr, err)
			}
		case page.HasNextPage:
			if walkErr == nil || (!errors.Is(walkErr, ErrCursorLoop) && !strings.Contains(walkErr.Error(), "no cursor")) {
				t.Errorf("Playlists on a page that points to itself = %v, want a cursor error", walkErr)
			}
		case walkErr != nil || len(playlists) != len(page.Playlists):
			t.Errorf("Playlists = %d playlists, %v; want the page's %d", len(playlists), walkErr, len(page.Playlists))
		}
	})
}
