package amazonmusic

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// The tracks of a playlist. Amazon publishes the existence of GET and PUT
// /v1/playlists/{id}/tracks. The rest is known only from write-ups: the
// body of PUT (trackIds, addDuplicateTracks), and that the tracks are paged
// with limit and cursor, edges' cursors reading "<index>:<entry id>". The
// shape of the answers is not published: the client takes the tracks'
// connection wherever the answer puts it.

// MaxPlaylistTracksBatch is the most track ids AddPlaylistTracks sends in
// one request (V2 documents 100; V1 documents no bound).
const MaxPlaylistTracksBatch = 100

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
	_, tracks, err := walkPages(http.MethodGet+" "+apiPrefix+path, 0, func(cursor string) (*rawPage[PlaylistTrack], error) {
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
