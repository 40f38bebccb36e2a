package amazonmusic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// The playlists of the current user: the paged listing of them, GET
// /v1/me/playlists, and the calls on one playlist. Amazon publishes the
// listing, GET /v1/playlists/{id} (data.playlist, shaped like a node of
// the listing) and PUT /v1/playlists/{id} (title, description,
// visibility); POST /v1/playlists and DELETE /v1/playlists/{id} are known
// only from write-ups. The shapes of the writes' answers are not
// published: V1 answers mutations under data.<name>, so the client takes
// the playlist object under data whatever its name. The tracks of a
// playlist are in playlist_tracks.go.

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

// PlaylistPage is one page of GET /v1/me/playlists.
type PlaylistPage struct {
	UserID    string
	Playlists []Playlist
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

// playlistsUser is data.user of GET /v1/me/playlists. It is an unnamed
// struct type, so that decoding errors name the field by its JSON path alone
// ("Go struct field .data.user.id").
type playlistsUser = struct {
	ID        string                `json:"id"`
	Playlists *connection[Playlist] `json:"playlists"`
}

// playlistsListing is GET /v1/me/playlists, the reference's own paged
// listing.
var playlistsListing = listing[playlistsUser, Playlist]{
	path: "/me/playlists",
	key:  "playlists",
	noun: "playlist",
	user: func(u *playlistsUser) (string, *connection[Playlist]) {
		return u.ID, u.Playlists
	},
	nodeID: func(p *Playlist) string { return p.ID },
}

// PlaylistsPage fetches one page of the current user's playlists. cursor is
// empty for the first page. limit must lie within MinPageSize..MaxPageSize;
// the page may hold fewer items even when it is not the last.
func (c *Client) PlaylistsPage(ctx context.Context, limit int, cursor string) (*PlaylistPage, error) {
	raw, err := playlistsListing.page(ctx, c, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &PlaylistPage{
		UserID:      raw.userID,
		Playlists:   raw.nodes(),
		Next:        raw.next,
		HasNextPage: raw.hasNextPage,
	}, nil
}

// Playlists walks every page of the current user's playlists with pages of
// at most limit items and returns the user id and all playlists in the API's
// order. It fails with ErrCursorLoop when the server repeats a cursor, and
// when the server announces a next page without a cursor for it.
func (c *Client) Playlists(ctx context.Context, limit int) (userID string, playlists []Playlist, err error) {
	return playlistsListing.all(ctx, c, limit)
}

// FirstPlaylists walks the pages of the current user's playlists as
// Playlists does until it has most of them, and returns the user id and the
// first most playlists in the API's order: all of them when the user owns
// fewer. It asks for no page after the one that brings the count to most.
// most below 1 reads every playlist.
func (c *Client) FirstPlaylists(ctx context.Context, limit, most int) (userID string, playlists []Playlist, err error) {
	return playlistsListing.first(ctx, c, limit, most)
}

// playlistPath checks a playlist id and returns the path below /v1 of the
// playlist, followed by suffix ("" or "/tracks").
func playlistPath(id, suffix string) (string, error) {
	if strings.TrimSpace(id) == "" || len(id) > 200 || !validHeaderValue(id) {
		return "", fmt.Errorf("amazonmusic: invalid playlist id %.40q: it must be 1 to 200 printable characters", id)
	}
	return "/playlists/" + url.PathEscape(id) + suffix, nil
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
