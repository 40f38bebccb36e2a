package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// playlistsPath is the path of the current user's playlists below /v1.
const playlistsPath = "/me/playlists"

// playlistsResponse is the JSON answer of GET /v1/me/playlists. Nodes decode
// straight into Playlist values so that a page costs one slice of edges.
type playlistsResponse struct {
	Data *struct {
		User *struct {
			ID        string `json:"id"`
			Playlists *struct {
				PageInfo *struct {
					HasNextPage *bool  `json:"hasNextPage"`
					Token       string `json:"token"`
				} `json:"pageInfo"`
				Edges []playlistEdge `json:"edges"`
			} `json:"playlists"`
		} `json:"user"`
	} `json:"data"`
}

type playlistEdge struct {
	Cursor string   `json:"cursor"`
	Node   Playlist `json:"node"`
}

// rawPlaylistPage is a checked page, before its edges become playlists.
type rawPlaylistPage struct {
	userID      string
	edges       []playlistEdge
	next        string
	hasNextPage bool
}

// PlaylistsPage fetches one page of the current user's playlists. cursor is
// empty for the first page. limit must lie within MinPageSize..MaxPageSize;
// the page may hold fewer items even when it is not the last.
func (c *Client) PlaylistsPage(ctx context.Context, limit int, cursor string) (*PlaylistPage, error) {
	raw, err := c.playlistsPage(ctx, limit, cursor)
	if err != nil {
		return nil, err
	}
	page := &PlaylistPage{
		UserID:      raw.userID,
		Playlists:   make([]Playlist, len(raw.edges)),
		Next:        raw.next,
		HasNextPage: raw.hasNextPage,
	}
	for i := range raw.edges {
		page.Playlists[i] = raw.edges[i].Node
	}
	return page, nil
}

// Playlists walks every page of the current user's playlists with pages of
// at most limit items and returns the user id and all playlists in the API's
// order. It fails with ErrCursorLoop when the server repeats a cursor, and
// when the server announces a next page without a cursor for it.
func (c *Client) Playlists(ctx context.Context, limit int) (userID string, playlists []Playlist, err error) {
	seen := make(map[string]struct{})
	cursor := ""
	for pageNum := 1; ; pageNum++ {
		raw, err := c.playlistsPage(ctx, limit, cursor)
		if err != nil {
			return "", nil, err
		}
		if userID == "" {
			userID = raw.userID
		}
		if playlists == nil {
			// Pages may be short, so the first page only hints at the total.
			playlists = make([]Playlist, 0, len(raw.edges))
		}
		for i := range raw.edges {
			playlists = append(playlists, raw.edges[i].Node)
		}
		if !raw.hasNextPage {
			return userID, playlists, nil
		}
		if raw.next == "" {
			return "", nil, fmt.Errorf("GET %s%s: page %d announces a next page but gives no cursor for it", apiPrefix, playlistsPath, pageNum)
		}
		if _, dup := seen[raw.next]; dup {
			return "", nil, fmt.Errorf("GET %s%s: page %d: %w (%.80q)", apiPrefix, playlistsPath, pageNum, ErrCursorLoop, raw.next)
		}
		seen[raw.next] = struct{}{}
		cursor = raw.next
	}
}

// playlistsPage fetches and checks one page.
func (c *Client) playlistsPage(ctx context.Context, limit int, cursor string) (*rawPlaylistPage, error) {
	if limit < MinPageSize || limit > MaxPageSize {
		return nil, fmt.Errorf("amazonmusic: invalid page size %d: it must be between %d and %d", limit, MinPageSize, MaxPageSize)
	}
	query := url.Values{"limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		query.Set("cursor", cursor)
	}
	var resp playlistsResponse
	if err := c.do(ctx, http.MethodGet, playlistsPath, query, &resp); err != nil {
		return nil, err
	}

	fail := func(msg string) error {
		return unexpectedResponse(http.MethodGet, apiPrefix+playlistsPath, errors.New(msg))
	}
	if resp.Data == nil || resp.Data.User == nil {
		return nil, fail("no data.user")
	}
	user := resp.Data.User
	if user.Playlists == nil {
		return nil, fail("no data.user.playlists")
	}
	if user.Playlists.PageInfo == nil || user.Playlists.PageInfo.HasNextPage == nil {
		return nil, fail("no data.user.playlists.pageInfo.hasNextPage")
	}
	edges := user.Playlists.Edges
	for i := range edges {
		if edges[i].Node.ID == "" {
			return nil, fail(fmt.Sprintf("playlist %d of the page has no id", i))
		}
	}

	page := &rawPlaylistPage{
		userID:      user.ID,
		edges:       edges,
		hasNextPage: *user.Playlists.PageInfo.HasNextPage,
	}
	if page.hasNextPage {
		page.next = user.Playlists.PageInfo.Token
		if page.next == "" && len(edges) > 0 {
			page.next = edges[len(edges)-1].Cursor
		}
	}
	return page, nil
}
