package amazonmusic

import (
	"context"
	"fmt"
	"time"
)

// AccessToken returns the access token the client sends now, for callers
// that pass it to other programs, and when it expires.
//
// With refresh settings, the token is the one the client holds, or a new one
// from Login with Amazon when it has none or the one it holds is about to be
// replaced; expiry is when Login with Amazon said it expires, counted from
// the request that obtained it, or zero when the answer did not say. With a
// static access token (Config.AccessToken), that token is returned as it is
// with a zero expiry: the client does not know when it expires.
//
// Errors never repeat a credential.
func (c *Client) AccessToken(ctx context.Context) (token string, expiry time.Time, err error) {
	switch tokens := c.tokens.(type) {
	case *lwaTokens:
		token, expiry, err = tokens.tokenWithExpiry(ctx)
	default:
		token, err = c.tokens.token(ctx)
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("obtaining an access token: %w", err)
	}
	return token, expiry, nil
}
