package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// Track fetches the catalog track id (GET /v1/tracks/{id}). The reference
// leaves this endpoint out; the client assumes the shape of the library
// endpoints' answers, the track under data.track:
//
//	{"data":{"track":{"id":"B08DL2BXQC","title":"Kane Train","isrc":"GBCFB2000356",
//	  "url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}}}
//
// Fields the wider API may add (duration, album, artists) are not read: the
// reference describes a track by id, title, isrc and url only. The answer's
// id may differ from id, as it may for the library endpoints. An id the
// catalog does not know is an *APIError matching ErrNotFound.
func (c *Client) Track(ctx context.Context, id string) (*Track, error) {
	if !ValidTrackID(id) {
		return nil, invalidTrackID(id)
	}
	path := "/tracks/" + url.PathEscape(id)
	var resp struct {
		Data *struct {
			Track *Track `json:"track"`
		} `json:"data"`
	}
	if err := c.do(ctx, http.MethodGet, path, nil, &resp); err != nil {
		return nil, err
	}
	if resp.Data == nil || resp.Data.Track == nil {
		return nil, unexpectedResponse(http.MethodGet, apiPrefix+path, errors.New("no data.track"))
	}
	return resp.Data.Track, nil
}

// invalidTrackID is the error of a malformed catalog track id.
func invalidTrackID(id string) error {
	return fmt.Errorf("amazonmusic: invalid track id %.40q: a catalog track id is 10 uppercase letters or digits, such as B08DL2BXQC", id)
}
