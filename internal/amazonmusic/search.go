package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
)

// The search of the catalog's tracks, POST /v1/search/tracks (scope
// music::catalog), as Amazon's Search page publishes it. The body holds
// the filters, the page size (1-100), the token of the page to continue
// from and the order:
//
//	{"searchFilters":[{"field":"isrc","query":"GBCFB2000356"}],"limit":100,"sortBy":"relevance"}
//
// and the answer is one page of tracks:
//
//	{"data":{"searchTracks":{"pageInfo":{"hasNextPage":true,"token":"..."},
//	  "edgeCount":100,"edges":[{"node":{"id":"B08G9TMYCZ","title":"...",...}}]}}}
//
// The published node is cut off after its title; it is read as a track of
// GET /v1/tracks/{id}, every field but id optional. A search changes
// nothing: it is sent as a read, though its method is POST.

// Fields a search filter can name. A filter without a field is a match
// query.
const (
	SearchFieldISRC       = "isrc"
	SearchFieldName       = "name"
	SearchFieldArtistName = "artistName"
	SearchFieldAlbumName  = "albumName"
)

// SearchSortOrders are the published orders of search results; the API's
// default is the first.
var SearchSortOrders = []string{"relevance", "release", "popularity", "name"}

// ISRCPattern is the form of an International Standard Recording Code: a
// country code of 2 letters, a registrant code of 3 letters or digits, and
// 7 digits (year and designation), in upper case and without hyphens.
var ISRCPattern = regexp.MustCompile(`^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$`)

// ValidISRC reports whether isrc is a well-formed ISRC (see ISRCPattern).
func ValidISRC(isrc string) bool {
	return ISRCPattern.MatchString(isrc)
}

// SearchFilter narrows a search: Query matched against Field, or against
// the title, artists and album when Field is empty.
type SearchFilter struct {
	Field string `json:"field,omitempty"`
	Query string `json:"query"`
}

// TrackSearch is a search of the catalog's tracks.
type TrackSearch struct {
	// Filters all have to match; at least one is required.
	Filters []SearchFilter
	// SortBy is one of SearchSortOrders; empty leaves the API's default.
	SortBy string
	// MaxResults bounds the tracks returned; the walk of the pages stops
	// once it has them. At least 1.
	MaxResults int
}

// searchBody is the request body of one page of a search.
type searchBody struct {
	Filters []SearchFilter `json:"searchFilters"`
	Limit   int            `json:"limit"`
	Token   string         `json:"token,omitempty"`
	SortBy  string         `json:"sortBy,omitempty"`
}

// searchAnswer is the answer of one page of a search.
type searchAnswer struct {
	Data *struct {
		SearchTracks *connection[CatalogTrack] `json:"searchTracks"`
	} `json:"data"`
}

const searchTracksPath = "/search/tracks"

// SearchTracks returns the tracks of the catalog that match s, at most
// s.MaxResults, in the API's order. It walks the pages with the answer's
// token until it has s.MaxResults tracks or the API has no more. No match
// is an empty slice, not an error.
func (c *Client) SearchTracks(ctx context.Context, s TrackSearch) ([]CatalogTrack, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	body := searchBody{Filters: s.Filters, Limit: min(s.MaxResults, MaxPageSize), SortBy: s.SortBy}
	_, tracks, err := walkPages(http.MethodPost+" "+apiPrefix+searchTracksPath, s.MaxResults, func(token string) (*rawPage[CatalogTrack], error) {
		body.Token = token
		return c.searchPage(ctx, body)
	})
	if tracks == nil && err == nil {
		tracks = []CatalogTrack{}
	}
	return tracks, err
}

// check refuses a search the API would answer 400.
func (s TrackSearch) check() error {
	if len(s.Filters) == 0 {
		return errors.New("amazonmusic: a search needs at least one filter")
	}
	for _, f := range s.Filters {
		if f.Query == "" {
			return fmt.Errorf("amazonmusic: the search filter on %q has an empty query", f.Field)
		}
	}
	if s.MaxResults < 1 {
		return fmt.Errorf("amazonmusic: invalid maximum of search results %d: it must be at least 1", s.MaxResults)
	}
	return nil
}

// searchPage fetches and checks one page of a search.
func (c *Client) searchPage(ctx context.Context, body searchBody) (*rawPage[CatalogTrack], error) {
	var answer searchAnswer
	if err := c.doQuery(ctx, searchTracksPath, body, &answer); err != nil {
		return nil, err
	}
	const where = "data.searchTracks"
	if answer.Data == nil || answer.Data.SearchTracks == nil {
		return nil, &ShapeError{Method: http.MethodPost, Path: apiPrefix + searchTracksPath, Missing: where}
	}
	page, err := checkConnection(answer.Data.SearchTracks, where, "track", func(t *CatalogTrack) string { return t.ID })
	var lacking missingField
	switch {
	case errors.As(err, &lacking):
		return nil, &ShapeError{Method: http.MethodPost, Path: apiPrefix + searchTracksPath, Missing: string(lacking)}
	case err != nil:
		return nil, unexpectedResponse(http.MethodPost, apiPrefix+searchTracksPath, err)
	}
	return page, nil
}
