package provider

import (
	"errors"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// Scopes of the Login with Amazon token that the API asks for, as Amazon
// publishes them.
const (
	scopeCatalog = "music::catalog"
	scopeProfile = "music::profile"
)

// scopeHint is a sentence naming scope when err is the API's 403, which
// answers a token without the scope a request needs; empty otherwise.
func scopeHint(err error, scope string) string {
	if !errors.Is(err, amazonmusic.ErrForbidden) {
		return ""
	}
	return " The access token needs the " + scope + " scope: issue it with that scope, and check that api_key " +
		"names a security profile Amazon Music enabled."
}
