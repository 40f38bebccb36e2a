package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
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
// cursors). A node names the saved track by the id the save answered
// (B097S29G3W is listed as B097S185X9, the track its save answered), or by
// the id the save named with Options.ListingNames = ListingNamesSentID; its
// other fields are the catalog's. An id saved without a request
// (AddToLibrary) that the catalog does not know is listed with its id alone.
//
// As the listing is not in Amazon's published reference, the emulator can
// also answer it as an account that does not offer it would: with an error
// status (Options.LibraryListingStatus) or in another shape
// (Options.LibraryListingShape).

// ListingNaming says by which id the listing of the library names a track
// saved by an id the catalog answers as another (see Options.AliasEvery).
type ListingNaming int

const (
	// ListingNamesAnsweredID names it by the id the save answered, the
	// likelier reading of the reference.
	ListingNamesAnsweredID ListingNaming = iota
	// ListingNamesSentID names it by the id the save named.
	ListingNamesSentID
)

// ListingShape is the shape of a successful answer of the listing of the
// library.
type ListingShape int

const (
	// ListingShapeV1 is the shape of the reference's listings: the tracks
	// under data.user.tracks, with edges and pageInfo.
	ListingShapeV1 ListingShape = iota
	// ListingShapeV2 is the Web API V2's shape: {"items":[...],"nextToken":"..."},
	// without the data envelope; the last page has no nextToken.
	ListingShapeV2
	// ListingShapeNoCollection answers data.user without its tracks.
	ListingShapeNoCollection
)

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

type libraryTracksV2Answer struct {
	Items     []Track `json:"items"`
	NextToken string  `json:"nextToken,omitempty"`
}

// serveLibraryTracks answers GET /v1/me/library/tracks. A page starts right
// after the save its cursor (or page token) names and holds at most limit
// tracks, and at most PageCap.
func (e *Emulator) serveLibraryTracks(w http.ResponseWriter, r *http.Request) {
	e.mu.Lock()
	shape := e.listingShape
	e.mu.Unlock()
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

	switch shape {
	case ListingShapeV2:
		answer := libraryTracksV2Answer{Items: make([]Track, len(entries))}
		for i, entry := range entries {
			answer.Items[i] = e.listedTrack(entry)
		}
		if more {
			last := entries[len(entries)-1]
			answer.NextToken = edgeCursor(last.seq, e.listedID(last))
		}
		writeJSON(w, http.StatusOK, answer)
		return
	case ListingShapeNoCollection:
		writeJSON(w, http.StatusOK, map[string]any{"data": map[string]any{"user": map[string]string{"id": e.userID}}})
		return
	}
	var answer libraryTracksAnswer
	user := &answer.Data.User
	user.ID = e.userID
	user.Tracks.Edges = make([]edgeJSON, len(entries))
	for i, entry := range entries {
		node, err := json.Marshal(e.listedTrack(entry))
		if err != nil {
			panic("emulator: encoding a library track: " + err.Error())
		}
		user.Tracks.Edges[i] = edgeJSON{Cursor: edgeCursor(entry.seq, e.listedID(entry)), Node: node}
	}
	user.Tracks.EdgeCount = len(entries)
	user.Tracks.PageInfo.HasNextPage = more
	if e.pageTokens && more {
		last := entries[len(entries)-1]
		user.Tracks.PageInfo.Token = pageToken(last.seq, e.listedID(last))
	}
	writeJSON(w, http.StatusOK, answer)
}

// libraryListingOffered checks, whatever the method of r, that the listing
// of the library is served; otherwise it answers r with
// Options.LibraryListingStatus, as an account that does not offer the
// listing would, and returns false.
func (e *Emulator) libraryListingOffered(w http.ResponseWriter, r *http.Request) bool {
	e.mu.Lock()
	status := e.listingStatus
	e.mu.Unlock()
	if status == 0 {
		return true
	}
	writeListingRefusal(w, r, status)
	return false
}

// writeListingRefusal answers the listing of the library with status, as an
// account that does not offer it would.
func writeListingRefusal(w http.ResponseWriter, r *http.Request, status int) {
	switch status {
	case http.StatusNotFound:
		writeNoEndpoint(w, r)
	case http.StatusForbidden:
		writeError(w, status, CodeInsufficientScope, "the access token does not grant listing the library")
	case http.StatusMethodNotAllowed:
		writeMethodNotAllowed(w, r, http.MethodPut, http.MethodDelete)
	default:
		writeError(w, status, faultCode(status), faultMessage(status))
	}
}

// listedTrack is the node of a save in the listing: the catalog's track
// under the id Options.ListingNames says, or the id alone when the catalog
// does not know it.
func (e *Emulator) listedTrack(entry libraryEntry) Track {
	id := e.listedID(entry)
	t, ok := e.Track(entry.sent)
	if !ok {
		return Track{ID: id}
	}
	t.ID = id
	return t
}

// listedID is the id the listing names a save by (see Options.ListingNames).
func (e *Emulator) listedID(entry libraryEntry) string {
	if e.listingNames == ListingNamesSentID {
		return entry.sent
	}
	return entry.id
}

// SetLibraryListingStatus changes how the listing of the library is
// answered from now on (see Options.LibraryListingStatus): 0 serves it, a
// status from 400 to 599 refuses it. It panics on other statuses.
func (e *Emulator) SetLibraryListingStatus(status int) {
	if status != 0 && (status < 400 || status > 599) {
		panic(fmt.Sprintf("emulator: library listing status %d is neither 0 nor from 400 to 599", status))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.listingStatus = status
}

// SetLibraryListingShape changes the shape of the successful answers of the
// listing of the library from now on (see Options.LibraryListingShape).
func (e *Emulator) SetLibraryListingShape(shape ListingShape) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.listingShape = shape
}

// LibraryListing returns the ids of the saved tracks as the listing of the
// library names them (see Options.ListingNames), in the order the listing
// answers them: the order they were saved in.
func (e *Emulator) LibraryListing() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	entries := e.library.entries()
	ids := make([]string, len(entries))
	for i, entry := range entries {
		ids[i] = e.listedID(entry)
	}
	return ids
}
