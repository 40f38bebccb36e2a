package amazonmusic

import (
	"context"
	"errors"
	"fmt"
	"net/http"
)

// The current user, as Amazon's User page publishes it: GET /v1/me (scope
// music::profile) answers data.user with the user's id, name, url and
// images, and no visibility; PUT /v1/me sets the name and both
// visibilities, each required. The published answer to the PUT is a bare
// user object, not under data, whose name is null: it is not read, and
// what the profile holds is read back with GET /v1/me.

// User is the current user as GET /v1/me describes it.
type User struct {
	ID     string  `json:"id"`
	Name   *string `json:"name,omitempty"`
	URL    *string `json:"url,omitempty"`
	Images []Image `json:"images,omitempty"`
}

// Profile is what PUT /v1/me sets; the API requires every field.
// Visibility and PlaybackVisibility are VisibilityPublic or
// VisibilityPrivate.
type Profile struct {
	Name               string `json:"name"`
	Visibility         string `json:"visibility"`
	PlaybackVisibility string `json:"playbackVisibility"`
}

const mePath = "/me"

// CurrentUser fetches the user the access token belongs to (GET /v1/me).
func (c *Client) CurrentUser(ctx context.Context) (*User, error) {
	var resp struct {
		Data *struct {
			User *User `json:"user"`
		} `json:"data"`
	}
	if err := c.do(ctx, http.MethodGet, mePath, nil, &resp); err != nil {
		return nil, err
	}
	if resp.Data == nil || resp.Data.User == nil {
		return nil, &ShapeError{Method: http.MethodGet, Path: apiPrefix + mePath, Missing: "data.user"}
	}
	if resp.Data.User.ID == "" {
		return nil, unexpectedResponse(http.MethodGet, apiPrefix+mePath, errors.New("the user has no id"))
	}
	return resp.Data.User, nil
}

// UpdateProfile sets the current user's name and visibilities (PUT
// /v1/me). The answer's body is not read (see above).
func (c *Client) UpdateProfile(ctx context.Context, p Profile) error {
	for _, v := range []string{p.Visibility, p.PlaybackVisibility} {
		if v != VisibilityPublic && v != VisibilityPrivate {
			return fmt.Errorf("amazonmusic: invalid visibility %.20q: it must be %s or %s", v, VisibilityPublic, VisibilityPrivate)
		}
	}
	return c.doJSON(ctx, http.MethodPut, mePath, nil, p, nil)
}
