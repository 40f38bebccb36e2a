package amazonmusic_test

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const libraryListingPath = "/v1/me/library/tracks"

// trackIDs returns the ids of tracks in order.
func trackIDs(tracks []amazonmusic.Track) []string {
	ids := make([]string, len(tracks))
	for i, t := range tracks {
		ids[i] = t.ID
	}
	return ids
}

// generatedIDs returns the emulator's generated catalog ids 0 to n-1.
func generatedIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

// libraryJSON renders a page of the library listing of tracks with the given
// ids, each edge's cursor "c-<id>"; token is left out when empty.
func libraryJSON(hasNextPage bool, token string, ids ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `{"data":{"user":{"id":"user-1","tracks":{"pageInfo":{"hasNextPage":%t`, hasNextPage)
	if token != "" {
		fmt.Fprintf(&b, `,"token":%q`, token)
	}
	fmt.Fprintf(&b, `},"edgeCount":%d,"edges":[`, len(ids))
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"cursor":"c-%s","node":{"id":%q}}`, id, id)
	}
	b.WriteString(`]}}}}`)
	return b.String()
}

func TestLibraryTracksWalksEveryCappedPageInTheOrderOfSaves(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{CatalogSize: 60, PageCap: 7})
	ids := generatedIDs(60)
	slices.Reverse(ids)
	emu.AddToLibrary(ids...)

	userID, tracks, err := client.LibraryTracks(t.Context(), amazonmusic.MaxPageSize)
	if err != nil {
		t.Fatalf("LibraryTracks: %v", err)
	}
	if userID != emulator.DefaultUserID {
		t.Errorf("userID = %q, want %q", userID, emulator.DefaultUserID)
	}
	if got := trackIDs(tracks); !slices.Equal(got, ids) {
		t.Errorf("track ids = %v, want the saves in order %v", got, ids)
	}
	// ceil(60/7) pages, each after the last edge of the page before.
	if n := emu.Count(http.MethodGet, libraryListingPath); n != 9 {
		t.Errorf("emulator received %d listing requests, want 9 (60 tracks, 7 a page)", n)
	}
	wantCursors := []string{""}
	for i := 6; i < 60-1; i += 7 {
		wantCursors = append(wantCursors, fmt.Sprintf("%d:%s", i, ids[i]))
	}
	if got := emu.LibraryCursors(); !slices.Equal(got, wantCursors) {
		t.Errorf("cursors sent = %q, want %q", got, wantCursors)
	}
	last := tracks[len(tracks)-1]
	if last.Title == nil || *last.Title != "Electric Harbour 0" || last.ISRC == nil || last.URL == nil {
		t.Errorf("last track = %+v, want the catalog's title, isrc and url", last)
	}
}

func TestLibraryTracksPageReturnsOnePageAndItsCursor(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	emu.AddToLibrary("B08DL2BXQC", "B097S29G3W", "B00LIVE7QX")

	first, err := client.LibraryTracksPage(t.Context(), 2, "")
	if err != nil {
		t.Fatalf("LibraryTracksPage: %v", err)
	}
	if !first.HasNextPage || first.Next != "1:B097S185X9" || first.UserID != emulator.DefaultUserID {
		t.Errorf("first page: HasNextPage %t, Next %q, UserID %q; want true, 1:B097S185X9, %q", first.HasNextPage, first.Next, first.UserID, emulator.DefaultUserID)
	}
	if got := trackIDs(first.Tracks); !slices.Equal(got, []string{"B08DL2BXQC", "B097S185X9"}) {
		t.Errorf("first page ids = %v", got)
	}
	// The save of B097S29G3W is listed under the id of the track the save
	// answered, with that track's fields.
	believe := first.Tracks[1]
	if believe.Title == nil || *believe.Title != "Something To Believe In" ||
		believe.URL == nil || !strings.HasSuffix(*believe.URL, "trackAsin=B097S185X9") {
		t.Errorf("B097S29G3W listed as %+v, want the reference's track", believe)
	}

	last, err := client.LibraryTracksPage(t.Context(), 2, first.Next)
	if err != nil {
		t.Fatalf("LibraryTracksPage: %v", err)
	}
	if last.HasNextPage || last.Next != "" || len(last.Tracks) != 1 {
		t.Fatalf("last page: HasNextPage %t, Next %q, %d tracks; want false, no cursor, 1 track", last.HasNextPage, last.Next, len(last.Tracks))
	}
	live := last.Tracks[0]
	if live.ID != "B00LIVE7QX" || live.ISRC != nil || live.Title == nil {
		t.Errorf("B00LIVE7QX listed as %+v, want a title and a nil isrc", live)
	}
}

func TestLibraryTracksPageRejectsLimitOutOfRangeBeforeSending(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	for _, limit := range []int{-1, 0, amazonmusic.MaxPageSize + 1} {
		if _, err := client.LibraryTracksPage(t.Context(), limit, ""); err == nil || !strings.Contains(err.Error(), "page size") {
			t.Errorf("LibraryTracksPage(limit %d) error = %v, want a page size error", limit, err)
		}
		if _, _, err := client.LibraryTracks(t.Context(), limit); err == nil {
			t.Errorf("LibraryTracks(limit %d) returned no error", limit)
		}
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want 0", n)
	}
}

func TestLibraryTracksOfAnAccountWithoutTheListingIsAnAPIErrorWithItsStatus(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{LibraryListingStatus: status})
			_, tracks, err := client.LibraryTracks(t.Context(), 100)
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status || apiErr.Path != libraryListingPath || apiErr.Method != http.MethodGet {
				t.Fatalf("err = %v, want an APIError %d for GET %s", err, status, libraryListingPath)
			}
			if got := errors.Is(err, amazonmusic.ErrNotFound); got != (status == http.StatusNotFound) {
				t.Errorf("errors.Is(err, ErrNotFound) = %t for %d", got, status)
			}
			if tracks != nil {
				t.Errorf("tracks = %v, want nil on error", tracks)
			}
			if n := emu.Count(http.MethodGet, libraryListingPath); n != 1 {
				t.Errorf("emulator received %d requests, want 1: a 4xx is not retried", n)
			}
		})
	}
}

func TestLibraryTracksSharesThePlaylistsPagingRules(t *testing.T) {
	t.Run("page token wins over the edge cursor", func(t *testing.T) {
		client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			switch r.URL.Query().Get("cursor") {
			case "":
				writeJSON(w, libraryJSON(true, "token-1", "B000000001"))
			case "token-1":
				writeJSON(w, libraryJSON(true, "", "B000000002")) // short page
			case "c-B000000002":
				writeJSON(w, libraryJSON(false, "", "B000000003"))
			}
		})
		_, tracks, err := client.LibraryTracks(t.Context(), 50)
		if err != nil {
			t.Fatalf("LibraryTracks: %v", err)
		}
		if got := trackIDs(tracks); !slices.Equal(got, []string{"B000000001", "B000000002", "B000000003"}) {
			t.Errorf("ids = %v", got)
		}
		if q := rec.request(t, 0).URL.Query(); q.Get("limit") != "50" || q.Has("cursor") {
			t.Errorf("first query = %v, want limit=50 and no cursor", q)
		}
		if rec.count() != 3 {
			t.Errorf("server received %d requests, want 3", rec.count())
		}
	})
	t.Run("repeated cursor", func(t *testing.T) {
		client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			writeJSON(w, libraryJSON(true, "", "B000000001"))
		})
		_, tracks, err := client.LibraryTracks(t.Context(), 100)
		if !errors.Is(err, amazonmusic.ErrCursorLoop) || !strings.Contains(err.Error(), "GET /v1/me/library/tracks: page 2") {
			t.Fatalf("err = %v, want ErrCursorLoop at page 2 of the listing", err)
		}
		if tracks != nil || rec.count() != 2 {
			t.Errorf("tracks %v after %d requests, want nil after 2", tracks, rec.count())
		}
	})
	t.Run("next page without cursor", func(t *testing.T) {
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			writeJSON(w, libraryJSON(true, ""))
		})
		if _, _, err := client.LibraryTracks(t.Context(), 100); err == nil || !strings.Contains(err.Error(), "GET /v1/me/library/tracks: page 1 announces a next page but gives no cursor") {
			t.Fatalf("err = %v, want an error about the missing cursor", err)
		}
	})
}

func TestLibraryTracksAnswerThatCannotBeUsedIsAnUnexpectedResponse(t *testing.T) {
	// missing is the JSON path a *ShapeError names; empty for answers that
	// have the expected collection but cannot be used otherwise.
	tests := []struct {
		name, body, want, missing string
	}{
		{name: "no user", body: `{"data":{}}`, want: "no data.user", missing: "data.user"},
		{name: "V2 shape", body: `{"items":[{"id":"B08DL2BXQC"}],"nextToken":"t"}`, want: "no data.user", missing: "data.user"},
		{name: "playlists instead of tracks", body: `{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[]}}}}`, want: "no data.user.tracks", missing: "data.user.tracks"},
		{name: "no hasNextPage", body: `{"data":{"user":{"id":"u","tracks":{"pageInfo":{},"edges":[]}}}}`, want: "no data.user.tracks.pageInfo.hasNextPage", missing: "data.user.tracks.pageInfo.hasNextPage"},
		{name: "node without id", body: `{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:x","node":{"title":"x"}}]}}}}`, want: "track 0 of the page has no id"},
		{name: "title is a number", body: `{"data":{"user":{"id":"u","tracks":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:x","node":{"id":"x","title":7}}]}}}}`, want: "cannot unmarshal number into Go struct field Track.data.user.tracks.edges.node.title"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, tt.body)
			})
			_, _, err := client.LibraryTracks(t.Context(), 100)
			if err == nil {
				t.Fatal("LibraryTracks returned no error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "unexpected response from GET /v1/me/library/tracks: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want an unexpected response error mentioning %q", msg, tt.want)
			}
			var shape *amazonmusic.ShapeError
			switch {
			case tt.missing == "" && errors.As(err, &shape):
				t.Errorf("error %v is a ShapeError, want another error: the answer has the collection", err)
			case tt.missing != "" && (!errors.As(err, &shape) || shape.Missing != tt.missing || shape.Path != "/v1/me/library/tracks"):
				t.Errorf("error %v (%T), want a ShapeError missing %s", err, err, tt.missing)
			}
		})
	}
}

func TestSaveTrackSavesItToTheLibrary(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})

	got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got.SaveState != "SAVED" {
		t.Errorf("SaveState = %q, want SAVED", got.SaveState)
	}
	if got.Track == nil || got.Track.ID != "B08DL2BXQC" {
		t.Fatalf("Track = %+v, want id B08DL2BXQC", got.Track)
	}
	if got.Track.Title == nil || *got.Track.Title != "Kane Train" {
		t.Errorf("Title = %v, want Kane Train", got.Track.Title)
	}
	if got.Track.ISRC == nil || *got.Track.ISRC != "GBCFB2000356" {
		t.Errorf("ISRC = %v, want GBCFB2000356", got.Track.ISRC)
	}
	if !emu.InLibrary("B08DL2BXQC") {
		t.Error("the emulator's library does not hold B08DL2BXQC")
	}
	if n := emu.Count(http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"); n != 1 {
		t.Errorf("emulator received %d PUT requests, want 1", n)
	}
}

func TestSaveTrackLeavesAbsentFieldsNil(t *testing.T) {
	client, _ := newEmulatorClient(t, emulator.Options{})
	got, err := client.SaveTrack(t.Context(), "B00LIVE7QX") // a built-in track without ISRC
	if err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got.Track == nil || got.Track.ISRC != nil {
		t.Errorf("Track = %+v, want a track with a nil ISRC", got.Track)
	}
	if got.Track.Title == nil {
		t.Error("Title is nil, want the track's title")
	}
}

func TestRemoveTrackKeepsTheAnswersOtherTrackID(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	if _, err := client.SaveTrack(t.Context(), "B097S29G3W"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}

	got, err := client.RemoveTrack(t.Context(), "B097S29G3W")
	if err != nil {
		t.Fatalf("RemoveTrack: %v", err)
	}
	if got.SaveState != "REMOVED" {
		t.Errorf("SaveState = %q, want REMOVED", got.SaveState)
	}
	if got.Track == nil || got.Track.ID != "B097S185X9" {
		t.Errorf("Track = %+v, want the answer's id B097S185X9", got.Track)
	}
	if emu.InLibrary("B097S29G3W") {
		t.Error("B097S29G3W is still in the emulator's library")
	}
	if n := emu.Count(http.MethodDelete, "/v1/me/library/tracks/B097S29G3W"); n != 1 {
		t.Errorf("emulator received %d DELETE requests, want 1", n)
	}
}

func TestUnknownTrackIsNotFound(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	const id = "B000000000" // well-formed, not in the catalog

	_, err := client.RemoveTrack(t.Context(), id)
	if !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Fatalf("err = %v, want one matching ErrNotFound", err)
	}
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T, want *APIError", err)
	}
	want := amazonmusic.APIError{
		StatusCode: http.StatusNotFound,
		Code:       emulator.CodeNotFound,
		Method:     http.MethodDelete,
		Path:       "/v1/me/library/tracks/" + id,
		Attempts:   1,
	}
	if apiErr.StatusCode != want.StatusCode || apiErr.Code != want.Code || apiErr.Method != want.Method || apiErr.Path != want.Path || apiErr.Attempts != want.Attempts {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	if !strings.Contains(apiErr.Message, "not in the catalog") {
		t.Errorf("Message = %q, want the emulator's message", apiErr.Message)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "DELETE /v1/me/library/tracks/"+id+": HTTP 404 NOT_FOUND: ") {
		t.Errorf("Error() = %q, want method, path, status and code first", msg)
	}
	if n := emu.Total(); n != 1 {
		t.Errorf("emulator received %d requests, want 1 (404 is not retried)", n)
	}
}

func TestWrongCredentialsFailWithoutRevealingThem(t *testing.T) {
	const wrongKey = "amzn1.application-oa2-client.wrong-key-0001"
	const wrongToken = "Atza|wrong-token-0002"
	tests := []struct {
		name        string
		apiKey      string
		accessToken string
		wantStatus  int
		wantCode    string
	}{
		{name: "wrong api key", apiKey: wrongKey, accessToken: emulator.DefaultAccessToken, wantStatus: http.StatusForbidden, wantCode: emulator.CodeInvalidAPIKey},
		{name: "wrong access token", apiKey: emulator.DefaultAPIKey, accessToken: wrongToken, wantStatus: http.StatusUnauthorized, wantCode: emulator.CodeInvalidAccessToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) {
				cfg.APIKey = tt.apiKey
				cfg.AccessToken = tt.accessToken
			})
			_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.Code != tt.wantCode {
				t.Errorf("got HTTP %d %s, want HTTP %d %s", apiErr.StatusCode, apiErr.Code, tt.wantStatus, tt.wantCode)
			}
			if errors.Is(err, amazonmusic.ErrNotFound) {
				t.Error("an authentication error matches ErrNotFound")
			}
			assertNoSecret(t, "error", err.Error(), tt.apiKey, tt.accessToken, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
			if emu.InLibrary("B08DL2BXQC") {
				t.Error("the track was saved with wrong credentials")
			}
			if n := emu.Total(); n != 1 {
				t.Errorf("emulator received %d requests, want 1 (%d is not retried)", n, tt.wantStatus)
			}
		})
	}
}

func TestInvalidTrackIDIsRejectedBeforeSending(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	for _, id := range []string{"", "b08dl2bxqc", "B08DL2BXQ", "../../me/x", "B08DL2BXQ/", "B08DL2%2FQ"} {
		if _, err := client.SaveTrack(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid track id") {
			t.Errorf("SaveTrack(%q) error = %v, want an invalid track id error", id, err)
		}
		if _, err := client.RemoveTrack(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid track id") {
			t.Errorf("RemoveTrack(%q) error = %v, want an invalid track id error", id, err)
		}
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want 0", n)
	}
}

func TestSaveTrackAnswerThatCannotBeUsedIsAnUnexpectedResponse(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{name: "no saveTrack", body: `{"data":{}}`, want: "no data.saveTrack"},
		{name: "null saveTrack", body: `{"data":{"saveTrack":null}}`, want: "no data.saveTrack"},
		{name: "no data", body: `{"errors":[]}`, want: "no data.saveTrack"},
		{name: "answer of the other endpoint", body: `{"data":{"removeTrack":{"saveState":"REMOVED"}}}`, want: "no data.saveTrack"},
		{name: "truncated JSON", body: `{"data":{"saveTrack":{"track":{"id":"B0`, want: "unexpected EOF"},
		{name: "wrong type", body: `{"data":{"saveTrack":{"track":{"id":42}}}}`, want: "cannot unmarshal number"},
		{name: "saveTrack is a string", body: `{"data":{"saveTrack":"SAVED"}}`, want: "cannot unmarshal string"},
		{name: "empty body", body: "", want: "empty body"},
		{name: "two JSON values", body: `{"data":{"saveTrack":{}}} {}`, want: "more than one JSON value"},
		{name: "trailing garbage", body: `{"data":{"saveTrack":{}}} garbage`, want: "after the first value"},
		{name: "HTML", body: `<html><body>OK</body></html>`, want: "invalid character '<'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, tt.body)
			})
			got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			if err == nil {
				t.Fatalf("SaveTrack = %+v, want an error", got)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "unexpected response from PUT /v1/me/library/tracks/B08DL2BXQC: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want an unexpected response error mentioning %q", msg, tt.want)
			}
		})
	}
}

func TestRemoveTrackAnswerWithUnknownFieldsIsAccepted(t *testing.T) {
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, `{"data":{"removeTrack":{"track":{"id":"B097S185X9","album":{"id":"B097S29G3W"},"explicit":false},"saveState":"REMOVED","extra":[1,2]}},"meta":{}}`)
	})
	got, err := client.RemoveTrack(t.Context(), "B097S29G3W")
	if err != nil {
		t.Fatalf("RemoveTrack: %v", err)
	}
	if got.Track == nil || got.Track.ID != "B097S185X9" || got.SaveState != "REMOVED" || got.Track.Title != nil {
		t.Errorf("RemoveTrack = %+v (track %+v), want track B097S185X9 without title, REMOVED", got, got.Track)
	}
}
