package emulator_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestReferencePlaylistsLeadEveryLargerUser(t *testing.T) {
	_, small := start(t, emulator.Options{Playlists: 2})
	_, large := start(t, emulator.Options{Playlists: 30})

	want := send(t, small, http.MethodGet, playlistsPath(2, ""))
	got := send(t, large, http.MethodGet, playlistsPath(2, ""))

	if !*fetchPage(t, got).Data.User.Playlists.PageInfo.HasNextPage {
		t.Error("hasNextPage = false on the first 2 of 30 playlists")
	}
	assertJSONEqual(t, rawEdges(t, got), rawEdges(t, want))
}

func TestGeneratedPlaylistsVaryOptionalFieldsDeterministically(t *testing.T) {
	const n = 60
	_, srv := start(t, emulator.Options{Playlists: n, UserID: "someoneelse"})
	_, again := start(t, emulator.Options{Playlists: n, UserID: "someoneelse"})

	first := send(t, srv, http.MethodGet, playlistsPath(100, ""))
	second := send(t, again, http.MethodGet, playlistsPath(100, ""))
	assertJSONEqual(t, first.body, second.body)

	p := fetchPage(t, first)
	if p.Data.User.ID != "someoneelse" {
		t.Errorf("user id = %q, want someoneelse", p.Data.User.ID)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	withTiers, titles := 0, map[string]bool{}
	for i, edge := range p.Data.User.Playlists.Edges {
		if i < 2 {
			continue // the reference's own, checked elsewhere
		}
		n := edge.Node
		if !uuid.MatchString(n.ID) {
			t.Errorf("playlist %d: id %q is not uuid-shaped", i, n.ID)
		}
		if n.Curator == nil || n.Curator.ID != "someoneelse" {
			t.Errorf("playlist %d: curator %+v, want the user", i, n.Curator)
		}
		if n.Title == "" || n.URL == "" || n.Duration <= 0 || n.TrackCount <= 0 {
			t.Errorf("playlist %d: title %q, url %q, duration %d, trackCount %d; want all set",
				i, n.Title, n.URL, n.Duration, n.TrackCount)
		}
		titles[n.Title] = true

		allImageTypes := len(n.Images) > 0
		for _, img := range n.Images {
			if img.ImageType == nil {
				allImageTypes = false
			}
		}
		complete := n.Eligibility != nil && n.Visibility != nil && allImageTypes
		if wantSparse := i%3 == 1; complete == wantSparse {
			t.Errorf("playlist %d: has all optional fields = %v, want %v", i, complete, !wantSparse)
		}
		if n.Visibility != nil {
			want := map[bool]string{true: "PRIVATE", false: "PUBLIC"}[i%2 == 0]
			if *n.Visibility != want {
				t.Errorf("playlist %d: visibility %q, want %s", i, *n.Visibility, want)
			}
		}
		if n.Eligibility != nil {
			if n.Eligibility.PlaybackSubscriptionTiers == nil {
				t.Errorf("playlist %d: playbackSubscriptionTiers is not a list", i)
			}
			if len(n.Eligibility.PlaybackSubscriptionTiers) > 0 {
				withTiers++
			}
		}
	}
	if withTiers == 0 {
		t.Error("no generated playlist has playbackSubscriptionTiers")
	}
	if len(titles) != n-2 {
		t.Errorf("%d distinct titles among %d generated playlists", len(titles), n-2)
	}
}

func TestGeneratedPlaylistTitlesAreDistinctAndCarryNoBareNumbers(t *testing.T) {
	const n = 4000
	e := emulator.New(emulator.Options{Playlists: n})
	titles := map[string]bool{}
	bareNumber := regexp.MustCompile(`(^| )\d+$`)
	for i, id := range e.PlaylistIDs() {
		p, _ := e.Playlist(id)
		if titles[p.Title] {
			t.Fatalf("playlist %d repeats the title %q", i, p.Title)
		}
		titles[p.Title] = true
		if i >= 2 && bareNumber.MatchString(p.Title) && !strings.Contains(p.Title, "Vol. ") {
			t.Errorf("playlist %d is titled %q, which ends in a bare number", i, p.Title)
		}
	}
}
