package emulator

import (
	"net/http"
	"slices"
)

// Save states of the library endpoints' answers.
const (
	saveStateSaved   = "SAVED"
	saveStateRemoved = "REMOVED"
)

// saveTrackResult is the API's SaveTrackResponse.
type saveTrackResult struct {
	Track     Track  `json:"track"`
	SaveState string `json:"saveState"`
}

type saveTrackAnswer struct {
	Data struct {
		SaveTrack saveTrackResult `json:"saveTrack"`
	} `json:"data"`
}

type removeTrackAnswer struct {
	Data struct {
		RemoveTrack saveTrackResult `json:"removeTrack"`
	} `json:"data"`
}

// saveTrack answers PUT /v1/me/library/tracks/{id}. Saving a saved track
// answers SAVED again.
func (e *Emulator) saveTrack(w http.ResponseWriter, id string) {
	track, ok := e.catalogTrack(w, id)
	if !ok {
		return
	}
	e.AddToLibrary(id)
	var answer saveTrackAnswer
	answer.Data.SaveTrack = saveTrackResult{Track: track, SaveState: saveStateSaved}
	writeJSON(w, http.StatusOK, answer)
}

// removeTrack answers DELETE /v1/me/library/tracks/{id}. Removing a catalog
// track that is not in the library answers REMOVED too.
func (e *Emulator) removeTrack(w http.ResponseWriter, id string) {
	track, ok := e.catalogTrack(w, id)
	if !ok {
		return
	}
	e.RemoveFromLibrary(id)
	var answer removeTrackAnswer
	answer.Data.RemoveTrack = saveTrackResult{Track: track, SaveState: saveStateRemoved}
	writeJSON(w, http.StatusOK, answer)
}

// catalogTrack looks id up and answers 404 when it is not in the catalog.
func (e *Emulator) catalogTrack(w http.ResponseWriter, id string) (Track, bool) {
	if !validCatalogID(id) {
		writeError(w, http.StatusNotFound, CodeNotFound,
			"track "+quote(id)+" is not a catalog id (10 uppercase letters or digits)")
		return Track{}, false
	}
	track, ok := e.Track(id)
	if !ok {
		writeError(w, http.StatusNotFound, CodeNotFound,
			"track "+quote(id)+" is not in the catalog")
		return Track{}, false
	}
	return track, true
}

// Library returns the ids saved in the user's library, sorted. They are the
// ids the requests named, even when the answers named another track.
// LibraryListing returns them in the listing's order.
func (e *Emulator) Library() []string {
	ids := e.LibraryListing()
	slices.Sort(ids)
	return ids
}

// InLibrary reports whether id is saved in the library.
func (e *Emulator) InLibrary(id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.library.has(id)
}

// AddToLibrary saves ids to the library without a request, as another app of
// the user would. It does not check them against the catalog and counts no
// request.
func (e *Emulator) AddToLibrary(ids ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, id := range ids {
		e.library.add(id)
	}
}

// RemoveFromLibrary removes ids from the library without a request, as
// another app of the user would. Ids not in the library are ignored.
func (e *Emulator) RemoveFromLibrary(ids ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, id := range ids {
		e.library.remove(id)
	}
}
