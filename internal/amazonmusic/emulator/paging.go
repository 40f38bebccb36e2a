package emulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// What the paged listings share: the limit and cursor of a request, the
// JSON of a page's connection (pageInfo, edgeCount, edges), the edges'
// cursors ("<number>:<id>") and the page tokens that stand for them. The
// listings themselves are in playlists_listing.go, library_listing.go and
// playlist_endpoints.go (the tracks of a playlist).

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
