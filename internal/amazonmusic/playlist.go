package amazonmusic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// One playlist and its tracks. Amazon publishes GET /v1/playlists/{id}
// (data.playlist, shaped like a node of GET /v1/me/playlists), PUT
// /v1/playlists/{id} (title, description, visibility) and the existence of
// GET and PUT /v1/playlists/{id}/tracks. The rest is known only from
// write-ups: POST /v1/playlists, the body of PUT .../tracks (trackIds,
// addDuplicateTracks), DELETE /v1/playlists/{id}, and that the tracks are
// paged with limit and cursor, edges' cursors reading "<index>:<entry id>".
// The shapes of the writes' answers are not published: V1 answers
// mutations under data.<name>, so the client takes the playlist object
// under data whatever its name, and the tracks' connection wherever the
// answer puts it.

// MaxPlaylistTracksBatch is the most track ids AddPlaylistTracks sends in
// one request (V2 documents 100; V1 documents no bound).
const MaxPlaylistTracksBatch = 100

// Visibilities of a playlist.
const (
	VisibilityPublic  = "PUBLIC"
	VisibilityPrivate = "PRIVATE"
)

// PlaylistInput is what a playlist is created or updated with. A nil field
// is left out of the request: on update, it stays as it is.
type PlaylistInput struct {
	Title       *string `json:"title,omitempty"`
	Description *string `json:"description,omitempty"`
	Visibility  *string `json:"visibility,omitempty"`
}

// PlaylistTrack is one entry of a playlist.
type PlaylistTrack struct {
	Track
	// EntryID names the entry in the playlist, taken from its edge's cursor
	// ("<index>:<entry id>"); it is not a track id, and empty when the
	// cursor has another form.
	EntryID string `json:"-"`
}

// PlaylistTrackPage is one page of GET /v1/playlists/{id}/tracks.
type PlaylistTrackPage struct {
	Tracks []PlaylistTrack
	// Next is the cursor for the following page, empty when HasNextPage is false.
	Next        string
	HasNextPage bool
}

// Playlist fetches the playlist id (GET /v1/playlists/{id}). A playlist
// the API does not know is an *APIError matching ErrNotFound.
func (c *Client) Playlist(ctx context.Context, id string) (*Playlist, error) {
	path, err := playlistPath(id, "")
	if err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, path, nil, &raw); err != nil {
		return nil, err
	}
	return answeredPlaylist(http.MethodGet, path, raw)
}

// CreatePlaylist creates a playlist of the current user (POST
// /v1/playlists) and returns it as the API answered, which has its id.
func (c *Client) CreatePlaylist(ctx context.Context, in PlaylistInput) (*Playlist, error) {
	if in.Title == nil {
		return nil, errors.New("amazonmusic: a playlist needs a title")
	}
	const path = "/playlists"
	var raw json.RawMessage
	if err := c.doJSON(ctx, http.MethodPost, path, nil, in, &raw); err != nil {
		return nil, err
	}
	return answeredPlaylist(http.MethodPost, path, raw)
}

// UpdatePlaylist changes the title, description or visibility of the
// playlist id (PUT /v1/playlists/{id}), those of in that are not nil. The
// answer's shape is not published: its body is not read.
func (c *Client) UpdatePlaylist(ctx context.Context, id string, in PlaylistInput) error {
	path, err := playlistPath(id, "")
	if err != nil {
		return err
	}
	return c.doJSON(ctx, http.MethodPut, path, nil, in, nil)
}

// DeletePlaylist deletes the playlist id (DELETE /v1/playlists/{id}). A
// playlist the API does not know is an *APIError matching ErrNotFound.
func (c *Client) DeletePlaylist(ctx context.Context, id string) error {
	path, err := playlistPath(id, "")
	if err != nil {
		return err
	}
	return c.do(ctx, http.MethodDelete, path, nil, nil)
}

// AddPlaylistTracks appends the catalog tracks trackIDs, in order, to the
// playlist id (PUT /v1/playlists/{id}/tracks with addDuplicateTracks
// false), in requests of at most MaxPlaylistTracksBatch ids. It returns how
// many of the ids the requests that succeeded carried: when a request
// fails, the ids before it were added and the rest were not sent.
func (c *Client) AddPlaylistTracks(ctx context.Context, id string, trackIDs []string) (int, error) {
	path, err := playlistPath(id, "/tracks")
	if err != nil {
		return 0, err
	}
	for _, t := range trackIDs {
		if !ValidTrackID(t) {
			return 0, invalidTrackID(t)
		}
	}
	added := 0
	for added < len(trackIDs) {
		batch := trackIDs[added:min(added+MaxPlaylistTracksBatch, len(trackIDs))]
		body := struct {
			TrackIDs           []string `json:"trackIds"`
			AddDuplicateTracks bool     `json:"addDuplicateTracks"`
		}{TrackIDs: batch}
		if err := c.doJSON(ctx, http.MethodPut, path, nil, body, nil); err != nil {
			return added, err
		}
		added += len(batch)
	}
	return added, nil
}

// PlaylistTracksPage fetches one page of the tracks of the playlist id
// (GET /v1/playlists/{id}/tracks), in playlist order. cursor is empty for
// the first page; limit must lie within MinPageSize..MaxPageSize.
func (c *Client) PlaylistTracksPage(ctx context.Context, id string, limit int, cursor string) (*PlaylistTrackPage, error) {
	raw, err := c.playlistTracksPage(ctx, id, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &PlaylistTrackPage{Tracks: raw.nodes(), Next: raw.next, HasNextPage: raw.hasNextPage}, nil
}

// PlaylistTracks walks every page of the tracks of the playlist id with
// pages of at most limit items and returns them in playlist order. Like
// Playlists, it fails with ErrCursorLoop when the server repeats a cursor.
func (c *Client) PlaylistTracks(ctx context.Context, id string, limit int) ([]PlaylistTrack, error) {
	path, err := playlistPath(id, "/tracks")
	if err != nil {
		return nil, err
	}
	_, tracks, err := walkPages(apiPrefix+path, 0, func(cursor string) (*rawPage[PlaylistTrack], error) {
		return c.playlistTracksPage(ctx, id, limit, cursor)
	})
	return tracks, err
}

// playlistTracksPage fetches and checks one page of a playlist's tracks.
func (c *Client) playlistTracksPage(ctx context.Context, id string, limit int, cursor string) (*rawPage[PlaylistTrack], error) {
	path, err := playlistPath(id, "/tracks")
	if err != nil {
		return nil, err
	}
	if limit < MinPageSize || limit > MaxPageSize {
		return nil, fmt.Errorf("amazonmusic: invalid page size %d: it must be between %d and %d", limit, MinPageSize, MaxPageSize)
	}
	query := url.Values{"limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		query.Set("cursor", cursor)
	}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodGet, path, query, &raw); err != nil {
		return nil, err
	}
	page, err := parsePlaylistTracks(raw)
	if err != nil {
		return nil, unexpectedResponse(http.MethodGet, apiPrefix+path, err)
	}
	return page, nil
}

// parsePlaylistTracks reads a page of a playlist's tracks: the first
// object with edges below data, whatever its path.
func parsePlaylistTracks(raw json.RawMessage) (*rawPage[PlaylistTrack], error) {
	data, err := answerData(raw)
	if err != nil {
		return nil, err
	}
	where, found := findObject(data, "data", func(o map[string]json.RawMessage) bool {
		_, ok := o["edges"]
		return ok
	})
	if found == nil {
		return nil, fmt.Errorf("no track connection (an object with edges) in the answer, shaped %s", shape(raw))
	}
	var conn connection[PlaylistTrack]
	if err := json.Unmarshal(found, &conn); err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	page, err := checkConnection(&conn, where, "track", func(t *PlaylistTrack) string { return t.ID })
	if err != nil {
		return nil, err
	}
	for i := range page.edges {
		if _, entry, ok := strings.Cut(page.edges[i].Cursor, ":"); ok {
			page.edges[i].Node.EntryID = entry
		}
	}
	return page, nil
}

// answeredPlaylist returns the playlist of an answer of method path: the
// first object with a non-empty string id below data (data.playlist first,
// then data.<any name>, then one level deeper), which V1 uses for reads
// (data.playlist) and, most likely, for writes (data.createPlaylist).
func answeredPlaylist(method, path string, raw json.RawMessage) (*Playlist, error) {
	fail := func(err error) (*Playlist, error) {
		return nil, unexpectedResponse(method, apiPrefix+path, err)
	}
	data, err := answerData(raw)
	if err != nil {
		return fail(err)
	}
	where, found := findObject(data, "data", func(o map[string]json.RawMessage) bool {
		var id string
		return json.Unmarshal(o["id"], &id) == nil && id != ""
	})
	if found == nil {
		return fail(fmt.Errorf("no playlist id in the answer, shaped %s", shape(raw)))
	}
	var p Playlist
	if err := json.Unmarshal(found, &p); err != nil {
		return fail(fmt.Errorf("%s: %w", where, err))
	}
	return &p, nil
}

// answerData returns the data object of an answer.
func answerData(raw json.RawMessage) (map[string]json.RawMessage, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil || top == nil {
		return nil, fmt.Errorf("the answer is not a JSON object, shaped %s", shape(raw))
	}
	var data map[string]json.RawMessage
	if err := json.Unmarshal(top["data"], &data); err != nil || data == nil {
		return nil, fmt.Errorf("no data object in the answer, shaped %s", shape(raw))
	}
	return data, nil
}

// maxFindDepth bounds how deep below data findObject looks.
const maxFindDepth = 4

// findObject looks, breadth first and at most maxFindDepth levels below
// obj (found at where), for an object that match accepts, through objects
// only (never into lists), trying a "playlist" member before the others,
// which go in name order. It returns the object and its path.
func findObject(obj map[string]json.RawMessage, where string, match func(map[string]json.RawMessage) bool) (string, json.RawMessage) {
	type level struct {
		where string
		obj   map[string]json.RawMessage
	}
	current := []level{{where, obj}}
	for depth := 0; depth < maxFindDepth && len(current) > 0; depth++ {
		var next []level
		for _, l := range current {
			for _, name := range memberOrder(l.obj) {
				var child map[string]json.RawMessage
				if json.Unmarshal(l.obj[name], &child) != nil || child == nil {
					continue
				}
				path := l.where + "." + name
				if match(child) {
					return path, l.obj[name]
				}
				next = append(next, level{path, child})
			}
		}
		current = next
	}
	return "", nil
}

// memberOrder returns the names of obj, "playlist" first, the rest sorted.
func memberOrder(obj map[string]json.RawMessage) []string {
	names := make([]string, 0, len(obj))
	for name := range obj {
		if name != "playlist" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	if _, ok := obj["playlist"]; ok {
		names = append([]string{"playlist"}, names...)
	}
	return names
}

// playlistPath checks a playlist id and returns the path below /v1 of the
// playlist, followed by suffix ("" or "/tracks").
func playlistPath(id, suffix string) (string, error) {
	if strings.TrimSpace(id) == "" || len(id) > 200 || !validHeaderValue(id) {
		return "", fmt.Errorf("amazonmusic: invalid playlist id %.40q: it must be 1 to 200 printable characters", id)
	}
	return "/playlists/" + url.PathEscape(id) + suffix, nil
}
