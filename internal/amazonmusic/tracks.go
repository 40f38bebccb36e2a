package amazonmusic

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
)

// TrackIDPattern matches a catalog track id: 10 uppercase letters or digits
// (ASIN-like, usually starting with B0, as in B08DL2BXQC).
var TrackIDPattern = regexp.MustCompile(`^[A-Z0-9]{10}$`)

// ValidTrackID reports whether id is a well-formed catalog track id.
func ValidTrackID(id string) bool {
	return TrackIDPattern.MatchString(id)
}

// SaveTrack saves the catalog track id to the current user's library
// (PUT /v1/me/library/tracks/{id}). The answer's track id may differ from id.
func (c *Client) SaveTrack(ctx context.Context, id string) (*TrackSaveResult, error) {
	path, err := trackPath(id)
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
	path, err := trackPath(id)
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

// trackPath checks id and returns the library path of the track below /v1.
func trackPath(id string) (string, error) {
	if !ValidTrackID(id) {
		return "", invalidTrackID(id)
	}
	return "/me/library/tracks/" + url.PathEscape(id), nil
}
