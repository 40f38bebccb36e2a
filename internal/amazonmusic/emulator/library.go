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

// saveTrack answers PUT /v1/me/library/tracks/{id}: it saves the track the
// catalog answers for id, which may have another id. Saving a saved track,
// by either id, answers SAVED again.
func (e *Emulator) saveTrack(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	track, ok := e.catalogTrack(w, id)
	if !ok {
		return
	}
	e.mu.Lock()
	e.library.add(track.ID, id)
	e.mu.Unlock()
	var answer saveTrackAnswer
	answer.Data.SaveTrack = saveTrackResult{Track: track, SaveState: saveStateSaved}
	writeJSON(w, http.StatusOK, answer)
}

// removeTrack answers DELETE /v1/me/library/tracks/{id}: it removes the
// track the catalog answers for id, whichever id saved it. Removing a
// catalog track that is not in the library answers REMOVED too.
func (e *Emulator) removeTrack(w http.ResponseWriter, r *http.Request) {
	track, ok := e.catalogTrack(w, r.PathValue("id"))
	if !ok {
		return
	}
	e.mu.Lock()
	e.library.remove(track.ID)
	e.mu.Unlock()
	var answer removeTrackAnswer
	answer.Data.RemoveTrack = saveTrackResult{Track: track, SaveState: saveStateRemoved}
	writeJSON(w, http.StatusOK, answer)
}

// Library returns the ids of the tracks saved in the user's library, sorted,
// as the listing names them (see Options.ListingNames). LibraryListing
// returns them in the listing's order.
func (e *Emulator) Library() []string {
	ids := e.LibraryListing()
	slices.Sort(ids)
	return ids
}

// InLibrary reports whether the track the catalog answers for id is saved,
// whichever id saved it.
func (e *Emulator) InLibrary(id string) bool {
	id = e.answeredID(id)
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.library.has(id)
}

// AddToLibrary saves the tracks of ids to the library without a request, as
// another app of the user would: the track the catalog answers for each id,
// or the id itself when the catalog does not know it. It counts no request.
func (e *Emulator) AddToLibrary(ids ...string) {
	answered := make([]string, len(ids))
	for i, id := range ids {
		answered[i] = e.answeredID(id)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for i, id := range ids {
		e.library.add(answered[i], id)
	}
}

// RemoveFromLibrary removes the tracks of ids from the library without a
// request, as another app of the user would, whichever id saved them. Ids
// not in the library are ignored.
func (e *Emulator) RemoveFromLibrary(ids ...string) {
	answered := make([]string, len(ids))
	for i, id := range ids {
		answered[i] = e.answeredID(id)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, id := range answered {
		e.library.remove(id)
	}
}
