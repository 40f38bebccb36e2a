package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Page size bounds of the paged listings, GET /v1/me/playlists,
// GET /v1/me/library/tracks and GET /v1/playlists/{id}/tracks.
const (
	minLimit     = 1
	maxLimit     = 100
	defaultLimit = 100
)

// pageTokenPrefix starts every decoded page token. Tokens are base64url, so
// they never contain the ':' of an edge cursor.
const pageTokenPrefix = "emulator-page-token:"

type playlistsAnswer struct {
	Data struct {
		User userJSON `json:"user"`
	} `json:"data"`
}

type userJSON struct {
	ID        string         `json:"id"`
	Playlists connectionJSON `json:"playlists"`
}

type connectionJSON struct {
	PageInfo  pageInfoJSON `json:"pageInfo"`
	EdgeCount int          `json:"edgeCount"`
	Edges     []edgeJSON   `json:"edges"`
}

type pageInfoJSON struct {
	HasNextPage bool   `json:"hasNextPage"`
	Token       string `json:"token,omitempty"`
}

type edgeJSON struct {
	Cursor string          `json:"cursor"`
	Node   json.RawMessage `json:"node"`
}

// servePlaylists answers GET /v1/me/playlists. A page starts right after the
// item its cursor (or page token) names and holds at most limit items, and
// at most PageCap. edgeCount is the number of edges on the page.
func (e *Emulator) servePlaylists(w http.ResponseWriter, r *http.Request) {
	q, ok := e.parsePageQuery(w, r, e.recordCursor)
	if !ok {
		return
	}
	e.plMu.RLock()
	defer e.plMu.RUnlock()
	start := 0
	if q.cursor != "" {
		last, ok := e.cursorIndex(q.cursor)
		if !ok {
			writeBadCursor(w, q.cursor)
			return
		}
		start = last + 1
	}

	var answer playlistsAnswer
	user := &answer.Data.User
	user.ID = e.userID
	user.Playlists.Edges = make([]edgeJSON, 0, min(q.size, max(len(e.playlists)-start, 0)))
	last := -1
	for i := start; i < len(e.playlists) && len(user.Playlists.Edges) < q.size; i++ {
		if p := e.playlists[i]; !p.deleted {
			user.Playlists.Edges = append(user.Playlists.Edges,
				edgeJSON{Cursor: edgeCursor(i, p.id), Node: p.node})
			last = i
		}
	}
	user.Playlists.EdgeCount = len(user.Playlists.Edges)
	user.Playlists.PageInfo.HasNextPage = last >= 0 && e.livePlaylistAfter(last)
	if e.pageTokens && user.Playlists.PageInfo.HasNextPage {
		user.Playlists.PageInfo.Token = pageToken(last, e.playlists[last].id)
	}
	writeJSON(w, http.StatusOK, answer)
}

// pageQuery is the checked query of a paged listing.
type pageQuery struct {
	// cursor is the cursor or page token to continue after, empty for the
	// first page.
	cursor string
	// size is how many items the page holds at most: the limit asked for,
	// capped at PageCap.
	size int
}

// parsePageQuery reads the limit and cursor of a paged listing's request,
// hands the cursor to record (before checking the limit, so that every
// authorized request of the listing is recorded), and answers 400 when the
// query or the limit is malformed.
func (e *Emulator) parsePageQuery(w http.ResponseWriter, r *http.Request, record func(cursor string)) (pageQuery, bool) {
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter,
			"the query string is malformed")
		return pageQuery{}, false
	}
	q := pageQuery{cursor: query.Get("cursor"), size: defaultLimit}
	record(q.cursor)

	if query.Has("limit") {
		raw := query.Get("limit")
		n, err := strconv.Atoi(raw)
		if err != nil || n < minLimit || n > maxLimit {
			writeError(w, http.StatusBadRequest, CodeInvalidParameter,
				"limit "+quote(raw)+" must be an integer from 1 to 100")
			return pageQuery{}, false
		}
		q.size = n
	}
	if e.pageCap > 0 {
		q.size = min(q.size, e.pageCap)
	}
	return q, true
}

// writeBadCursor answers 400 for a cursor that names no item of the listing.
func writeBadCursor(w http.ResponseWriter, cursor string) {
	writeError(w, http.StatusBadRequest, CodeInvalidParameter,
		"cursor "+quote(cursor)+" is not a cursor of this listing")
}

// edgeCursor is the cursor of the edge of playlist i: "<index>:<id>".
func edgeCursor(i int, id string) string {
	return strconv.Itoa(i) + ":" + id
}

// pageToken is the opaque token of the page that follows playlist i.
func pageToken(i int, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(pageTokenPrefix + edgeCursor(i, id)))
}

// IsPageToken reports whether s is a page token the emulator hands out in
// pageInfo.token, as opposed to the cursor of an edge.
func IsPageToken(s string) bool {
	_, ok := decodePageToken(s)
	return ok
}

// decodePageToken returns the edge cursor a page token stands for.
func decodePageToken(s string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(raw), pageTokenPrefix)
}

// cursorIndex returns the index of the playlist an edge cursor or a page
// token names, when it names one of this listing (a deleted playlist
// included). The caller holds plMu.
func (e *Emulator) cursorIndex(cursor string) (int, bool) {
	i, id, ok := parseEdgeCursor(cursor)
	if !ok || i >= len(e.playlists) || e.playlists[i].id != id {
		return 0, false
	}
	return i, true
}

// parseEdgeCursor splits an edge cursor "<index>:<id>", or the page token
// that stands for one, into its index and id. The index is a canonical
// decimal number (no sign, no leading zero) and the id is not empty.
func parseEdgeCursor(cursor string) (int, string, bool) {
	if c, ok := decodePageToken(cursor); ok {
		cursor = c
	}
	index, id, ok := strings.Cut(cursor, ":")
	if !ok || index == "" || id == "" || strings.Trim(index, "0123456789") != "" {
		return 0, "", false
	}
	i, err := strconv.Atoi(index)
	if err != nil || strconv.Itoa(i) != index {
		return 0, "", false
	}
	return i, id, true
}
