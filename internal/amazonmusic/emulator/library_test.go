package emulator_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// saveAnswer decodes the track and state of a saveTrack or removeTrack answer.
func saveAnswer(t *testing.T, a answer, field string) (emulator.Track, string) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	var body struct {
		Data map[string]struct {
			Track     emulator.Track `json:"track"`
			SaveState string         `json:"saveState"`
		} `json:"data"`
	}
	if err := json.Unmarshal(a.body, &body); err != nil {
		t.Fatalf("decoding %s: %v", a.body, err)
	}
	result, ok := body.Data[field]
	if !ok || len(body.Data) != 1 {
		t.Fatalf("answer %s must hold exactly data.%s", a.body, field)
	}
	return result.Track, result.SaveState
}

func TestSaveTrackAnswersTheReferenceExampleAndUpdatesLibrary(t *testing.T) {
	e, srv := start(t, emulator.Options{})

	a := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")

	if a.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", a.status, a.body)
	}
	assertJSONEqual(t, a.body, readTestdata(t, "reference_save_track.json"))
	if got := e.Library(); !slices.Equal(got, []string{"B08DL2BXQC"}) {
		t.Errorf("Library() = %v, want [B08DL2BXQC]", got)
	}
	if !e.InLibrary("B08DL2BXQC") {
		t.Error("InLibrary(B08DL2BXQC) = false after saving it")
	}
}

func TestSavingASavedTrackAnswersSavedAgain(t *testing.T) {
	e, srv := start(t, emulator.Options{})

	first := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")
	second := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")

	if _, state := saveAnswer(t, second, "saveTrack"); state != "SAVED" {
		t.Errorf("saveState = %q, want SAVED", state)
	}
	assertJSONEqual(t, second.body, first.body)
	if got := e.Library(); !slices.Equal(got, []string{"B08DL2BXQC"}) {
		t.Errorf("Library() = %v, want [B08DL2BXQC]", got)
	}
}

func TestRemovingAlbumIDAnswersTheReferenceExampleTrack(t *testing.T) {
	e, srv := start(t, emulator.Options{})

	saved := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B097S29G3W")
	track, _ := saveAnswer(t, saved, "saveTrack")
	if track.ID != "B097S185X9" {
		t.Errorf("saved track id = %q, want B097S185X9", track.ID)
	}
	if got := e.Library(); !slices.Equal(got, []string{"B097S185X9"}) {
		t.Errorf("Library() = %v, want the answered id [B097S185X9]", got)
	}

	removed := send(t, srv, http.MethodDelete, "/v1/me/library/tracks/B097S29G3W")

	if removed.status != http.StatusOK {
		t.Fatalf("status = %d, want 200 (body %s)", removed.status, removed.body)
	}
	assertJSONEqual(t, removed.body, readTestdata(t, "reference_remove_track.json"))
	if got := e.Library(); len(got) != 0 {
		t.Errorf("Library() = %v after removing, want empty", got)
	}
	if e.InLibrary("B097S29G3W") || e.InLibrary("B097S185X9") {
		t.Error("InLibrary reports a removed track")
	}
}

func TestRemovingATrackNotInTheLibraryAnswersRemoved(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.AddToLibrary("B0C1KZ5T8P")

	a := send(t, srv, http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC")

	track, state := saveAnswer(t, a, "removeTrack")
	if state != "REMOVED" || track.ID != "B08DL2BXQC" {
		t.Errorf("answer = %+v %q, want B08DL2BXQC REMOVED", track, state)
	}
	if got := e.Library(); !slices.Equal(got, []string{"B0C1KZ5T8P"}) {
		t.Errorf("Library() = %v, want the other track untouched", got)
	}
}

func TestOutOfBandLibraryChangesShowInLibrary(t *testing.T) {
	e, srv := start(t, emulator.Options{})

	e.AddToLibrary("B08DL2BXQC", "B0C1KZ5T8P")
	e.RemoveFromLibrary("B0C1KZ5T8P", "B0NOTSAVED")

	if got := e.Library(); !slices.Equal(got, []string{"B08DL2BXQC"}) {
		t.Errorf("Library() = %v, want [B08DL2BXQC]", got)
	}
	if e.Total() != 0 {
		t.Errorf("out-of-band changes counted %d requests", e.Total())
	}
	send(t, srv, http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC")
	if e.InLibrary("B08DL2BXQC") {
		t.Error("a track added out of band survived its DELETE")
	}
}

func TestAliasedIDsSaveAndRemoveOneTrackByEitherID(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 7, AliasEvery: 3})
	for i := range 7 {
		id := emulator.TrackID(i)
		track, _ := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id), "saveTrack")
		want := id
		if i%3 == 0 {
			want = emulator.AliasTrackID(i)
		}
		if track.ID != want {
			t.Errorf("PUT %s answered track %s, want %s", id, track.ID, want)
		}
	}
	// The alias id is a catalog id of its own, answering the same track.
	alias := emulator.AliasTrackID(3)
	if a := send(t, srv, http.MethodGet, "/v1/tracks/"+alias); a.status != http.StatusOK {
		t.Errorf("GET /v1/tracks/%s: status %d, want 200", alias, a.status)
	}
	if a := send(t, srv, http.MethodGet, "/v1/tracks/"+emulator.AliasTrackID(1)); a.status != http.StatusNotFound {
		t.Errorf("GET /v1/tracks/%s (track 1 is not aliased): status %d, want 404", emulator.AliasTrackID(1), a.status)
	}
	if !e.InLibrary(alias) || !e.InLibrary(emulator.TrackID(3)) {
		t.Error("InLibrary does not know the aliased track by both ids")
	}
	// Saving by the other id keeps the one track; removing by either id
	// removes it.
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+alias)
	if n := len(e.Library()); n != 7 {
		t.Errorf("library holds %d tracks after saving an alias again, want 7", n)
	}
	send(t, srv, http.MethodDelete, "/v1/me/library/tracks/"+alias)
	send(t, srv, http.MethodDelete, "/v1/me/library/tracks/"+emulator.TrackID(6))
	if e.InLibrary(emulator.TrackID(3)) || e.InLibrary(emulator.TrackID(6)) {
		t.Error("a track removed by one of its ids is still saved")
	}
	if n := len(e.Library()); n != 5 {
		t.Errorf("library holds %d tracks, want 5", n)
	}
}

func TestRemovingTheReferenceTrackByEitherIDAfterSavingByTheOther(t *testing.T) {
	for _, ids := range [][2]string{{"B097S29G3W", "B097S185X9"}, {"B097S185X9", "B097S29G3W"}} {
		e, srv := start(t, emulator.Options{})
		send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+ids[0])
		removed := send(t, srv, http.MethodDelete, "/v1/me/library/tracks/"+ids[1])
		if track, state := saveAnswer(t, removed, "removeTrack"); track.ID != "B097S185X9" || state != "REMOVED" {
			t.Errorf("saved %s, DELETE %s answered %s %s", ids[0], ids[1], track.ID, state)
		}
		if got := e.Library(); len(got) != 0 {
			t.Errorf("saved %s, removed %s: library holds %v", ids[0], ids[1], got)
		}
	}
}
