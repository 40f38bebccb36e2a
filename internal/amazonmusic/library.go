package amazonmusic

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// The library of the current user: saving a track to it, removing one from
// it, and listing the saved tracks.
//
// The reference documents saving and removing a library track but not the
// listing of the saved tracks, which Amazon's notes name among the API's
// other endpoints as "paginated like playlists". The client assumes that
// shape:
//
//	GET /v1/me/library/tracks?limit=N&cursor=C    (limit 1..100, default 100)
//
//	{"data":{"user":{"id":"6ozjgidgbvjdv3j6dd5jm7ipom","tracks":{
//	  "pageInfo":{"hasNextPage":true},
//	  "edgeCount":2,
//	  "edges":[
//	    {"cursor":"0:B08DL2BXQC","node":{"id":"B08DL2BXQC","title":"Kane Train",
//	      "isrc":"GBCFB2000356","url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}},
//	    ...]}}}}
//
// Nodes have the fields of the save answer's track; every field but id may
// be absent. Paging follows the playlists' rules: the next page starts after
// the last edge's cursor, or at pageInfo.token when the page carries one.

// LibraryTrackPage is one page of GET /v1/me/library/tracks.
type LibraryTrackPage struct {
	UserID string
	Tracks []Track
	// Next is the cursor for the following page, empty when HasNextPage is false.
	Next        string
	HasNextPage bool
}

// SaveTrack saves the catalog track id to the current user's library
// (PUT /v1/me/library/tracks/{id}). The answer's track id may differ from id.
func (c *Client) SaveTrack(ctx context.Context, id string) (*TrackSaveResult, error) {
	path, err := libraryTrackPath(id)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Data *struct {
			SaveTrack *TrackSaveResult `json:"saveTrack"`
		} `json:"data"`
	}
	if err := c.do(ctx, http.MethodPut, path, nil, &resp); err != nil {
		return nil, err
	}
	if resp.Data == nil || resp.Data.SaveTrack == nil {
		return nil, unexpectedResponse(http.MethodPut, apiPrefix+path, errors.New("no data.saveTrack"))
	}
	return resp.Data.SaveTrack, nil
}

// RemoveTrack removes the track id from the current user's library
// (DELETE /v1/me/library/tracks/{id}). The answer's track id may differ from
// id (the API's own example removes B097S29G3W and answers B097S185X9).
func (c *Client) RemoveTrack(ctx context.Context, id string) (*TrackSaveResult, error) {
	path, err := libraryTrackPath(id)
	if err != nil {
		return nil, err
	}
	var resp struct {
		Data *struct {
			RemoveTrack *TrackSaveResult `json:"removeTrack"`
		} `json:"data"`
	}
	if err := c.do(ctx, http.MethodDelete, path, nil, &resp); err != nil {
		return nil, err
	}
	if resp.Data == nil || resp.Data.RemoveTrack == nil {
		return nil, unexpectedResponse(http.MethodDelete, apiPrefix+path, errors.New("no data.removeTrack"))
	}
	return resp.Data.RemoveTrack, nil
}

// libraryTrackPath checks id and returns the library path of the track
// below /v1.
func libraryTrackPath(id string) (string, error) {
	if !ValidTrackID(id) {
		return "", invalidTrackID(id)
	}
	return "/me/library/tracks/" + url.PathEscape(id), nil
}

// libraryTracksUser is data.user of GET /v1/me/library/tracks. It is an
// unnamed struct type, so that decoding errors name the field by its JSON
// path alone.
type libraryTracksUser = struct {
	ID     string             `json:"id"`
	Tracks *connection[Track] `json:"tracks"`
}

// libraryTracksListing is GET /v1/me/library/tracks.
var libraryTracksListing = listing[libraryTracksUser, Track]{
	path: "/me/library/tracks",
	key:  "tracks",
	noun: "track",
	user: func(u *libraryTracksUser) (string, *connection[Track]) {
		return u.ID, u.Tracks
	},
	nodeID: func(t *Track) string { return t.ID },
}

// LibraryTracksPage fetches one page of the tracks saved in the current
// user's library (GET /v1/me/library/tracks). cursor is empty for the first
// page. limit must lie within MinPageSize..MaxPageSize; the page may hold
// fewer items even when it is not the last.
//
// The listing is not in Amazon's published reference: an account whose API
// does not offer it may answer an error status (an *APIError, such as 404,
// 403, 400 or 405) or a successful answer in another shape (a *ShapeError).
func (c *Client) LibraryTracksPage(ctx context.Context, limit int, cursor string) (*LibraryTrackPage, error) {
	raw, err := libraryTracksListing.page(ctx, c, limit, cursor)
	if err != nil {
		return nil, err
	}
	return &LibraryTrackPage{
		UserID:      raw.userID,
		Tracks:      raw.nodes(),
		Next:        raw.next,
		HasNextPage: raw.hasNextPage,
	}, nil
}

// LibraryTracks walks every page of the current user's saved tracks with
// pages of at most limit items and returns the user id and all tracks in the
// API's order. Like Playlists, it fails with ErrCursorLoop when the server
// repeats a cursor, and when the server announces a next page without a
// cursor for it.
func (c *Client) LibraryTracks(ctx context.Context, limit int) (userID string, tracks []Track, err error) {
	return libraryTracksListing.all(ctx, c, limit)
}
