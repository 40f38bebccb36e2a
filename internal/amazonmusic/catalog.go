package amazonmusic

import (
	"context"
	"errors"
	"net/http"
	"net/url"
)

// Track fetches the catalog track id (GET /v1/tracks/{id}, scope
// music::catalog). The answer is the published shape of Amazon's Tracks
// page, the track under data.track:
//
//	{"data":{"track":{"id":"B08DL2BXQC","globalAsin":"B08DL2BXQC","title":"Kane Train",
//	  "shortTitle":"Kane Train","duration":215,"album":{"id":"B08DL2H5PV","title":"...","url":"..."},
//	  "releaseDate":"2020-08-07T04:00:00.000Z","isrc":"GBCFB2000356","url":"...",
//	  "artists":[{"id":"...","name":"...","url":"..."}],"audioQualities":["SD","HD"]}}}
//
// Any field but id may be absent, and is then nil. The fields the client
// does not map (musicTerritory, market, eligibility) are ignored. The
// answer's id may differ from id, as it may for the library endpoints. An
// id the catalog does not know is an *APIError matching ErrNotFound.
func (c *Client) Track(ctx context.Context, id string) (*CatalogTrack, error) {
	if !ValidTrackID(id) {
		return nil, invalidTrackID(id)
	}
	path := "/tracks/" + url.PathEscape(id)
	var resp struct {
		Data *struct {
			Track *CatalogTrack `json:"track"`
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
