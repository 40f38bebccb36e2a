package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
)

// CatalogAlbum is an album of the catalog as GET /v1/albums/{id} describes
// it (Amazon's published Albums page). Any field but ID may be absent, and
// is then nil. The fields the client does not map (availableMarkets,
// eligibility, parentalSettings) are ignored.
type CatalogAlbum struct {
	ID         string  `json:"id"`
	GlobalASIN *string `json:"globalAsin,omitempty"`
	Title      *string `json:"title,omitempty"`
	ShortTitle *string `json:"shortTitle,omitempty"`
	// Duration is the album's length in seconds.
	Duration *int64  `json:"duration,omitempty"`
	URL      *string `json:"url,omitempty"`
	// ReleaseDate is as answered, such as "2013-06-18T04:00:00.000Z".
	ReleaseDate *string  `json:"releaseDate,omitempty"`
	Artists     []Artist `json:"artists,omitempty"`
	// Tracks are the album's tracks in album order, each with its id,
	// title and url.
	Tracks     []Track `json:"tracks,omitempty"`
	TrackCount *int64  `json:"trackCount,omitempty"`
	Images     []Image `json:"images,omitempty"`
}

// Album fetches the catalog album id (GET /v1/albums/{id}, scope
// music::catalog), answered under data.album. An album id is a catalog id
// of the same form as a track's. An id the catalog does not know is an
// *APIError matching ErrNotFound.
func (c *Client) Album(ctx context.Context, id string) (*CatalogAlbum, error) {
	if !ValidTrackID(id) {
		return nil, fmt.Errorf("amazonmusic: invalid album id %.40q: a catalog album id is 10 uppercase letters or digits, such as B08DL2H5PV", id)
	}
	path := "/albums/" + url.PathEscape(id)
	var resp struct {
		Data *struct {
			Album *CatalogAlbum `json:"album"`
		} `json:"data"`
	}
	if err := c.do(ctx, http.MethodGet, path, nil, &resp); err != nil {
		return nil, err
	}
	if resp.Data == nil || resp.Data.Album == nil {
		return nil, &ShapeError{Method: http.MethodGet, Path: apiPrefix + path, Missing: "data.album"}
	}
	for i, t := range resp.Data.Album.Tracks {
		if t.ID == "" {
			return nil, unexpectedResponse(http.MethodGet, apiPrefix+path, fmt.Errorf("track %d of the album has no id", i))
		}
	}
	if resp.Data.Album.ID == "" {
		return nil, unexpectedResponse(http.MethodGet, apiPrefix+path, errors.New("the album has no id"))
	}
	return resp.Data.Album, nil
}
