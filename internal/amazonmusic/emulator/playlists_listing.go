package emulator

import "net/http"

// The listing of the user's playlists, GET /v1/me/playlists, the
// reference's own paged listing: the playlists New made, then those
// requests created, under data.user.playlists, each edge's cursor
// "<index>:<id>" (see paging.go). A deleted playlist keeps its index, so
// that the cursors handed out stay valid, but is not listed.

type playlistsAnswer struct {
	Data struct {
		User userJSON `json:"user"`
	} `json:"data"`
}

type userJSON struct {
	ID        string         `json:"id"`
	Playlists connectionJSON `json:"playlists"`
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

// livePlaylistAfter reports whether a playlist after index i is not
// deleted. The caller holds plMu.
func (e *Emulator) livePlaylistAfter(i int) bool {
	for _, p := range e.playlists[i+1:] {
		if !p.deleted {
			return true
		}
	}
	return false
}
