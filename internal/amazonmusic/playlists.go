package amazonmusic

import "context"

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
