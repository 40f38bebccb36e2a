package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Page size bounds of GET /v1/me/playlists.
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
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter,
			"the query string is malformed")
		return
	}
	cursor := query.Get("cursor")
	e.recordCursor(cursor)

	limit := defaultLimit
	if query.Has("limit") {
		raw := query.Get("limit")
		n, err := strconv.Atoi(raw)
		if err != nil || n < minLimit || n > maxLimit {
			writeError(w, http.StatusBadRequest, CodeInvalidParameter,
				"limit "+quote(raw)+" must be an integer from 1 to 100")
			return
		}
		limit = n
	}

	start := 0
	if cursor != "" {
		last, ok := e.cursorIndex(cursor)
		if !ok {
			writeError(w, http.StatusBadRequest, CodeInvalidParameter,
				"cursor "+quote(cursor)+" is not a cursor of this listing")
			return
		}
		start = last + 1
	}

	size := limit
	if e.pageCap > 0 {
		size = min(size, e.pageCap)
	}
	end := min(start+size, len(e.playlists))

	var answer playlistsAnswer
	user := &answer.Data.User
	user.ID = e.userID
	user.Playlists.Edges = make([]edgeJSON, 0, end-start)
	for i := start; i < end; i++ {
		p := e.playlists[i]
		user.Playlists.Edges = append(user.Playlists.Edges,
			edgeJSON{Cursor: edgeCursor(i, p.id), Node: p.node})
	}
	user.Playlists.EdgeCount = len(user.Playlists.Edges)
	user.Playlists.PageInfo.HasNextPage = end < len(e.playlists)
	if e.pageTokens && user.Playlists.PageInfo.HasNextPage {
		user.Playlists.PageInfo.Token = pageToken(end-1, e.playlists[end-1].id)
	}
	writeJSON(w, http.StatusOK, answer)
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
// token names, when it names one of this listing.
func (e *Emulator) cursorIndex(cursor string) (int, bool) {
	if c, ok := decodePageToken(cursor); ok {
		cursor = c
	}
	index, id, ok := strings.Cut(cursor, ":")
	if !ok || index == "" || strings.Trim(index, "0123456789") != "" {
		return 0, false
	}
	i, err := strconv.Atoi(index)
	if err != nil || strconv.Itoa(i) != index || i >= len(e.playlists) || e.playlists[i].id != id {
		return 0, false
	}
	return i, true
}

// recordCursor remembers the cursor a playlists request sent.
func (e *Emulator) recordCursor(cursor string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cursors = append(e.cursors, cursor)
}

// Cursors returns the cursor query values of the authorized requests for
// playlists, in arrival order ("" for a first page), page tokens included
// (see IsPageToken). ResetCounts forgets them.
func (e *Emulator) Cursors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.cursors)
}
