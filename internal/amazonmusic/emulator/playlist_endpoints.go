package emulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// The playlist endpoints. Amazon publishes GET /v1/playlists/{id} (the
// playlist under data.playlist, shaped like a node of /v1/me/playlists) and
// PUT /v1/playlists/{id} (title, description, visibility), and names GET
// and PUT /v1/playlists/{id}/tracks; the rest comes from write-ups. The
// emulator answers, with shapes it chose where Amazon publishes none:
//
//	POST   /v1/playlists               {"title","description","visibility"}
//	                                   -> {"data":{"createPlaylist":{<playlist>}}}
//	GET    /v1/playlists/{id}          -> {"data":{"playlist":{<playlist>}}}
//	PUT    /v1/playlists/{id}          {"title","description","visibility"}, each optional
//	                                   -> {"data":{"updatePlaylist":{<playlist>}}}
//	DELETE /v1/playlists/{id}          -> {"data":{"deletePlaylist":{"id":"..."}}}
//	GET    /v1/playlists/{id}/tracks?limit=N&cursor=C
//	                                   -> {"data":{"playlist":{"id":"...","tracks":{
//	                                        "pageInfo":{"hasNextPage":false},"edgeCount":1,
//	                                        "edges":[{"cursor":"0:<entry id>","node":{<track>}}]}}}}
//	PUT    /v1/playlists/{id}/tracks   {"trackIds":[...],"addDuplicateTracks":false}
//	                                   -> {"data":{"addTracksToPlaylist":{<playlist>}}}
//
// A playlist's visibility is PUBLIC or PRIVATE (400 otherwise) and its
// title is not empty. PUT .../tracks takes 1 to 100 catalog ids (400
// otherwise, 404 for an id the catalog does not know, and then adds
// none); it appends them, or replaces the tracks with them when
// Options.ReplacePlaylistTracks is set; without addDuplicateTracks an id
// already in the playlist, or repeated, is added once. The tracks are
// listed as the catalog answers them: a track added by an id that stands
// for another edition is listed under that edition's id, as the library
// endpoints answer (B097S29G3W is listed as B097S185X9). A cursor of the
// tracks names an entry: "<index>:<entry id>", where the entry id is not
// the track id. Pages hold at most limit tracks, and at most PageCap.

// maxTracksPerRequest bounds the ids of one PUT .../tracks.
const maxTracksPerRequest = 100

// playlistBody is the body of POST /v1/playlists and PUT /v1/playlists/{id}.
type playlistBody struct {
	Title       *string `json:"title"`
	Description *string `json:"description"`
	Visibility  *string `json:"visibility"`
}

// tracksBody is the body of PUT /v1/playlists/{id}/tracks.
type tracksBody struct {
	TrackIDs           []string `json:"trackIds"`
	AddDuplicateTracks bool     `json:"addDuplicateTracks"`
}

// playlistAnswer is an answer that carries one playlist under data.<name>.
type playlistAnswer struct {
	Data map[string]json.RawMessage `json:"data"`
}

type playlistTracksAnswer struct {
	Data struct {
		Playlist struct {
			ID     string         `json:"id"`
			Tracks connectionJSON `json:"tracks"`
		} `json:"playlist"`
	} `json:"data"`
}

// serveNewPlaylist answers POST /v1/playlists.
func (e *Emulator) serveNewPlaylist(w http.ResponseWriter, r *http.Request) {
	var body playlistBody
	if !readBody(w, r, &body) || !checkPlaylistBody(w, body, true) {
		return
	}
	visibility := "PRIVATE"
	if body.Visibility != nil {
		visibility = *body.Visibility
	}
	e.plMu.Lock()
	i := e.addPlaylist(*body.Title, body.Description, visibility)
	node := e.playlists[i].node
	e.plMu.Unlock()
	writePlaylist(w, "createPlaylist", node)
}

// servePlaylist answers GET /v1/playlists/{id}.
func (e *Emulator) servePlaylist(w http.ResponseWriter, r *http.Request) {
	e.withPlaylist(w, r.PathValue("id"), func(i int) { writePlaylist(w, "playlist", e.playlists[i].node) })
}

// serveUpdatePlaylist answers PUT /v1/playlists/{id}.
func (e *Emulator) serveUpdatePlaylist(w http.ResponseWriter, r *http.Request) {
	var body playlistBody
	if !readBody(w, r, &body) || !checkPlaylistBody(w, body, false) {
		return
	}
	e.withPlaylist(w, r.PathValue("id"), func(i int) {
		d := e.detail(i)
		if body.Title != nil {
			d.node.Title = *body.Title
		}
		if body.Description != nil {
			d.node.Description = body.Description
		}
		if body.Visibility != nil {
			d.node.Visibility = *body.Visibility
		}
		e.render(i)
		writePlaylist(w, "updatePlaylist", e.playlists[i].node)
	})
}

// serveDeletePlaylist answers DELETE /v1/playlists/{id}.
func (e *Emulator) serveDeletePlaylist(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e.withPlaylist(w, id, func(i int) {
		e.playlists[i].deleted = true
		writePlaylist(w, "deletePlaylist", json.RawMessage(`{"id":`+strconv.Quote(id)+`}`))
	})
}

// servePlaylistTracks answers GET /v1/playlists/{id}/tracks.
func (e *Emulator) servePlaylistTracks(w http.ResponseWriter, r *http.Request) {
	q, ok := e.parsePageQuery(w, r, func(string) {})
	if !ok {
		return
	}
	e.withPlaylist(w, r.PathValue("id"), func(i int) { e.writeTracksPage(w, i, q) })
}

// serveAddTracks answers PUT /v1/playlists/{id}/tracks.
func (e *Emulator) serveAddTracks(w http.ResponseWriter, r *http.Request) {
	var body tracksBody
	if !readBody(w, r, &body) {
		return
	}
	if n := len(body.TrackIDs); n == 0 || n > maxTracksPerRequest {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter,
			"trackIds must hold 1 to 100 track ids, not "+strconv.Itoa(n))
		return
	}
	for _, t := range body.TrackIDs {
		if _, ok := e.catalogTrack(w, t); !ok {
			return
		}
	}
	e.withPlaylist(w, r.PathValue("id"), func(i int) {
		e.putTracks(i, body)
		writePlaylist(w, "addTracksToPlaylist", e.playlists[i].node)
	})
}

// putTracks adds the tracks of body to playlist i, or replaces its tracks
// with them (see Options.ReplacePlaylistTracks). The caller holds plMu for
// writing.
func (e *Emulator) putTracks(i int, body tracksBody) {
	d := e.detail(i)
	if e.replaceTracks {
		d.entries = d.entries[:0]
	}
	present := make(map[string]bool, len(d.entries))
	for _, entry := range d.entries {
		present[entry.trackID] = true
	}
	for _, t := range body.TrackIDs {
		if present[t] && !body.AddDuplicateTracks {
			continue
		}
		present[t] = true
		d.entries = append(d.entries, e.newEntry(t))
	}
	e.render(i)
}

// writeTracksPage answers one page of the tracks of playlist i. The caller
// holds plMu for writing.
func (e *Emulator) writeTracksPage(w http.ResponseWriter, i int, q pageQuery) {
	d := e.detail(i)
	start := 0
	if q.cursor != "" {
		k, entryID, ok := parseEdgeCursor(q.cursor)
		if !ok || k >= len(d.entries) || d.entries[k].id != entryID {
			writeBadCursor(w, q.cursor)
			return
		}
		start = k + 1
	}
	end := min(start+q.size, len(d.entries))

	var answer playlistTracksAnswer
	answer.Data.Playlist.ID = e.playlists[i].id
	conn := &answer.Data.Playlist.Tracks
	conn.Edges = make([]edgeJSON, 0, end-start)
	for k := start; k < end; k++ {
		node, err := json.Marshal(e.answeredTrack(d.entries[k].trackID))
		if err != nil {
			panic("emulator: encoding a playlist track: " + err.Error())
		}
		conn.Edges = append(conn.Edges, edgeJSON{Cursor: edgeCursor(k, d.entries[k].id), Node: node})
	}
	conn.EdgeCount = len(conn.Edges)
	conn.PageInfo.HasNextPage = end < len(d.entries)
	if e.pageTokens && conn.PageInfo.HasNextPage {
		conn.PageInfo.Token = pageToken(end-1, d.entries[end-1].id)
	}
	writeJSON(w, http.StatusOK, answer)
}

// answeredTrack is the node of a playlist entry of trackID: the track the
// catalog answers for it, which may be another edition under another id
// (B097S29G3W is listed as B097S185X9), or the id alone when the catalog
// does not know it.
func (e *Emulator) answeredTrack(trackID string) Track {
	if t, ok := e.Track(trackID); ok {
		return t
	}
	return Track{ID: trackID}
}

// withPlaylist runs serve with the index of the live playlist id, holding
// plMu for writing, or answers 404 when the user has no such playlist.
func (e *Emulator) withPlaylist(w http.ResponseWriter, id string, serve func(i int)) {
	e.plMu.Lock()
	defer e.plMu.Unlock()
	i, ok := e.findPlaylist(id)
	if !ok {
		writeError(w, http.StatusNotFound, CodeNotFound, "playlist "+quote(id)+" does not exist")
		return
	}
	serve(i)
}

// writePlaylist answers 200 with node under data.<name>.
func writePlaylist(w http.ResponseWriter, name string, node json.RawMessage) {
	writeJSON(w, http.StatusOK, playlistAnswer{Data: map[string]json.RawMessage{name: node}})
}

// maxBodyBytes bounds a request body the emulator reads.
const maxBodyBytes = 1 << 20

// readBody decodes the JSON body of r into v, or answers 400.
func readBody(w http.ResponseWriter, r *http.Request, v any) bool {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(raw))
		err = dec.Decode(v)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter, "the request body is not the expected JSON object")
		return false
	}
	return true
}

// checkPlaylistBody answers 400 when body has an empty title, a title
// missing on creation, or a visibility other than PUBLIC or PRIVATE.
func checkPlaylistBody(w http.ResponseWriter, body playlistBody, create bool) bool {
	switch {
	case (create && body.Title == nil) || (body.Title != nil && strings.TrimSpace(*body.Title) == ""):
		writeError(w, http.StatusBadRequest, CodeInvalidParameter, "title must not be empty")
		return false
	case body.Visibility != nil && *body.Visibility != "PUBLIC" && *body.Visibility != "PRIVATE":
		writeError(w, http.StatusBadRequest, CodeInvalidParameter,
			"visibility "+quote(*body.Visibility)+" must be PUBLIC or PRIVATE")
		return false
	}
	return true
}
