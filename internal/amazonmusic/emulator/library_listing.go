package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
)

// The listing of the library, GET /v1/me/library/tracks, is not in the
// reference; Amazon's notes say it is paged like the playlists. The emulator
// answers it in the playlists' shape, with the tracks under data.user.tracks:
//
//	{"data":{"user":{"id":"6ozjgidgbvjdv3j6dd5jm7ipom","tracks":{
//	  "pageInfo":{"hasNextPage":false},
//	  "edgeCount":1,
//	  "edges":[{"cursor":"0:B08DL2BXQC","node":{"id":"B08DL2BXQC","title":"Kane Train",
//	    "isrc":"GBCFB2000356","url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}}]}}}}
//
// Tracks come in the order they were saved (see libraryIndex for the
// cursors). A node carries the id the save named, with the fields of the
// catalog track that id stands for: B097S29G3W is listed as B097S29G3W,
// titled "Something To Believe In", with the url of B097S185X9, the track
// the save answered. An id saved without a request (AddToLibrary) that the
// catalog does not know is listed with its id alone.

// CodeInsufficientScope (403) answers the listing of the library when
// Options.LibraryListingStatus is 403: the access token does not grant it.
const CodeInsufficientScope = "INSUFFICIENT_SCOPE"

type libraryTracksAnswer struct {
	Data struct {
		User libraryUserJSON `json:"user"`
	} `json:"data"`
}

type libraryUserJSON struct {
	ID     string         `json:"id"`
	Tracks connectionJSON `json:"tracks"`
}

// serveLibraryTracks answers GET /v1/me/library/tracks. A page starts right
// after the save its cursor (or page token) names and holds at most limit
// tracks, and at most PageCap.
func (e *Emulator) serveLibraryTracks(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	status := e.listingStatus
	e.mu.Unlock()
	switch status {
	case http.StatusNotFound:
		writeError(w, http.StatusNotFound, CodeNotFound, "no endpoint at "+quote(r.URL.Path))
		return
	case http.StatusForbidden:
		writeError(w, http.StatusForbidden, CodeInsufficientScope,
			"the access token does not grant listing the library")
		return
	}
	if r.Method != http.MethodGet {
		writeMethodNotAllowed(w, r, http.MethodGet)
		return
	}
	q, ok := e.parsePageQuery(w, r, e.recordLibraryCursor)
	if !ok {
		return
	}

	e.mu.Lock()
	after := -1
	if q.cursor != "" {
		seq, id, ok := parseEdgeCursor(q.cursor)
		if !ok || !e.library.knows(seq, id) {
			e.mu.Unlock()
			writeBadCursor(w, q.cursor)
			return
		}
		after = seq
	}
	entries, more := e.library.page(after, q.size)
	e.mu.Unlock()

	var answer libraryTracksAnswer
	user := &answer.Data.User
	user.ID = e.userID
	user.Tracks.Edges = make([]edgeJSON, len(entries))
	for i, entry := range entries {
		node, err := json.Marshal(e.listedTrack(entry.id))
		if err != nil {
			panic("emulator: encoding a library track: " + err.Error())
		}
		user.Tracks.Edges[i] = edgeJSON{Cursor: edgeCursor(entry.seq, entry.id), Node: node}
	}
	user.Tracks.EdgeCount = len(entries)
	user.Tracks.PageInfo.HasNextPage = more
	if e.pageTokens && more {
		last := entries[len(entries)-1]
		user.Tracks.PageInfo.Token = pageToken(last.seq, last.id)
	}
	writeJSON(w, http.StatusOK, answer)
}

// listedTrack is the node of the saved id in the listing: the catalog's
// track under the id the save named, or the id alone when the catalog does
// not know it.
func (e *Emulator) listedTrack(id string) Track {
	t, ok := e.Track(id)
	if !ok {
		return Track{ID: id}
	}
	t.ID = id
	return t
}

// SetLibraryListingStatus changes how the listing of the library is
// answered from now on (see Options.LibraryListingStatus): 0 serves it, 403
// or 404 refuse it. It panics on other statuses.
func (e *Emulator) SetLibraryListingStatus(status int) {
	if status != 0 && status != http.StatusNotFound && status != http.StatusForbidden {
		panic(fmt.Sprintf("emulator: library listing status %d is not 0, 403 nor 404", status))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.listingStatus = status
}

// LibraryListing returns the saved ids in the order the listing of the
// library answers them: the order they were saved in.
func (e *Emulator) LibraryListing() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.library.ids()
}

// recordLibraryCursor remembers the cursor a request for the listing of the
// library sent.
func (e *Emulator) recordLibraryCursor(cursor string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.libraryCursors = append(e.libraryCursors, cursor)
}

// LibraryCursors returns the cursor query values of the authorized requests
// for the listing of the library, in arrival order ("" for a first page),
// page tokens included. ResetCounts forgets them.
func (e *Emulator) LibraryCursors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.libraryCursors)
}
