package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// The API's paged listings of the current user all answer the same shape,
// and differ only in the key of the connection below data.user and in the
// node type:
//
//	{"data":{"user":{"id":"...","<key>":{
//	  "pageInfo":{"hasNextPage":true,"token":"..."},
//	  "edgeCount":2,
//	  "edges":[{"cursor":"0:<id>","node":{"id":"<id>",...}}, ...]}}}}
//
// A listing describes one of them; page fetches and checks one page, and
// all walks every page with the API's paging rules.

// connection is the paged part of a listing's answer.
type connection[N any] struct {
	PageInfo *struct {
		HasNextPage *bool  `json:"hasNextPage"`
		Token       string `json:"token"`
	} `json:"pageInfo"`
	Edges []connectionEdge[N] `json:"edges"`
}

// connectionEdge is one item of a page. Nodes decode straight into the
// listing's item type, so that a page costs one slice of edges.
type connectionEdge[N any] struct {
	Cursor string `json:"cursor"`
	Node   N      `json:"node"`
}

// userResponse is the answer of a listing whose user object is U.
type userResponse[U any] struct {
	Data *struct {
		User *U `json:"user"`
	} `json:"data"`
}

// listing describes a paged listing of the current user: U is the shape of
// data.user, N the shape of a node.
type listing[U, N any] struct {
	// path below /v1, such as "/me/playlists".
	path string
	// key is the connection's key below data.user, such as "playlists".
	key string
	// noun names one node in messages, such as "playlist".
	noun string
	// user returns the user id and the connection of an answer's user
	// object; the connection is nil when the answer has none.
	user func(u *U) (id string, conn *connection[N])
	// nodeID returns the id of a node; a node without id is refused.
	nodeID func(n *N) string
}

// rawPage is a checked page of a listing.
type rawPage[N any] struct {
	userID      string
	edges       []connectionEdge[N]
	next        string
	hasNextPage bool
}

// nodes returns the nodes of the page, in order.
func (p *rawPage[N]) nodes() []N {
	out := make([]N, len(p.edges))
	for i := range p.edges {
		out[i] = p.edges[i].Node
	}
	return out
}

// page fetches and checks one page of at most limit items after cursor
// (empty for the first page). limit must lie within MinPageSize..MaxPageSize.
// A successful answer without data.user, its connection or the
// connection's pageInfo.hasNextPage fails with a *ShapeError.
func (l listing[U, N]) page(ctx context.Context, c *Client, limit int, cursor string) (*rawPage[N], error) {
	if limit < MinPageSize || limit > MaxPageSize {
		return nil, fmt.Errorf("amazonmusic: invalid page size %d: it must be between %d and %d", limit, MinPageSize, MaxPageSize)
	}
	query := url.Values{"limit": {strconv.Itoa(limit)}}
	if cursor != "" {
		query.Set("cursor", cursor)
	}
	var resp userResponse[U]
	if err := c.do(ctx, http.MethodGet, l.path, query, &resp); err != nil {
		return nil, err
	}

	missing := func(field string) error {
		return &ShapeError{Method: http.MethodGet, Path: apiPrefix + l.path, Missing: field}
	}
	if resp.Data == nil || resp.Data.User == nil {
		return nil, missing("data.user")
	}
	userID, conn := l.user(resp.Data.User)
	if conn == nil {
		return nil, missing("data.user." + l.key)
	}
	page, err := checkConnection(conn, "data.user."+l.key, l.noun, l.nodeID)
	var lacking missingField
	switch {
	case errors.As(err, &lacking):
		return nil, missing(string(lacking))
	case err != nil:
		return nil, unexpectedResponse(http.MethodGet, apiPrefix+l.path, err)
	}
	page.userID = userID
	return page, nil
}

// missingField is the JSON path of a field that a page's answer lacks.
type missingField string

func (m missingField) Error() string { return "no " + string(m) }

// checkConnection checks a page's connection, found at where in the answer
// ("data.user.playlists"), and returns it as a page: it must say whether a
// next page exists, and every node (a noun) must have an id. The next
// page's cursor is the page token when sent, else the last edge's cursor.
func checkConnection[N any](conn *connection[N], where, noun string, nodeID func(*N) string) (*rawPage[N], error) {
	if conn.PageInfo == nil || conn.PageInfo.HasNextPage == nil {
		return nil, missingField(where + ".pageInfo.hasNextPage")
	}
	for i := range conn.Edges {
		if nodeID(&conn.Edges[i].Node) == "" {
			return nil, fmt.Errorf("%s %d of the page has no id", noun, i)
		}
	}
	page := &rawPage[N]{edges: conn.Edges, hasNextPage: *conn.PageInfo.HasNextPage}
	if page.hasNextPage {
		// The wider API's page token, when sent, wins over the last edge's
		// cursor.
		page.next = conn.PageInfo.Token
		if page.next == "" && len(page.edges) > 0 {
			page.next = page.edges[len(page.edges)-1].Cursor
		}
	}
	return page, nil
}

// all walks every page of the listing with pages of at most limit items and
// returns the user id and every node in the API's order (see walkPages).
func (l listing[U, N]) all(ctx context.Context, c *Client, limit int) (userID string, items []N, err error) {
	return l.first(ctx, c, limit, 0)
}

// first walks the pages of the listing as all does until it holds most
// nodes, and returns the user id and the first most nodes in the API's
// order; most below 1 walks every page.
func (l listing[U, N]) first(ctx context.Context, c *Client, limit, most int) (userID string, items []N, err error) {
	return walkPages(http.MethodGet+" "+apiPrefix+l.path, most, func(cursor string) (*rawPage[N], error) {
		return l.page(ctx, c, limit, cursor)
	})
}

// walkPages fetches every page of the listing that request names (such as
// "GET /v1/me/playlists"), each with fetch from the cursor of the one before
// ("" for the first), and returns the first page's user id and every node in
// order. It follows hasNextPage, not the
// size of the pages, which may be short; it fails with ErrCursorLoop when
// the server hands back a cursor already used, and when a page announces a
// next page without a cursor for it. With most of 1 or more, it stops at the
// page that brings the nodes to most, and returns the first most of them.
func walkPages[N any](request string, most int, fetch func(cursor string) (*rawPage[N], error)) (userID string, items []N, err error) {
	seen := make(map[string]struct{})
	cursor := ""
	for pageNum := 1; ; pageNum++ {
		page, err := fetch(cursor)
		if err != nil {
			return "", nil, err
		}
		if userID == "" {
			userID = page.userID
		}
		if items == nil {
			// Pages may be short, so the first page only hints at the total.
			items = make([]N, 0, len(page.edges))
		}
		for i := range page.edges {
			items = append(items, page.edges[i].Node)
		}
		if most > 0 && len(items) >= most {
			return userID, items[:most], nil
		}
		if !page.hasNextPage {
			return userID, items, nil
		}
		if page.next == "" {
			return "", nil, fmt.Errorf("%s: page %d announces a next page but gives no cursor for it", request, pageNum)
		}
		if _, dup := seen[page.next]; dup {
			return "", nil, fmt.Errorf("%s: page %d: %w (%.80q)", request, pageNum, ErrCursorLoop, page.next)
		}
		seen[page.next] = struct{}{}
		cursor = page.next
	}
}
