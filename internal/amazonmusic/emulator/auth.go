package emulator

import (
	"crypto/subtle"
	"net/http"
	"strings"
)

// authorize checks the request's credentials and answers the error when they
// do not pass: the api key first (403), then the bearer token (401), which is
// the static access token or one the token endpoint issued and that has not
// expired. Messages never repeat what the request presented.
func (e *Emulator) authorize(w http.ResponseWriter, r *http.Request) bool {
	apiKey := r.Header.Get("x-api-key")
	switch {
	case apiKey == "":
		writeError(w, http.StatusForbidden, CodeMissingAPIKey,
			"the request has no x-api-key header")
		return false
	case !equalSecret(apiKey, e.apiKey):
		writeError(w, http.StatusForbidden, CodeInvalidAPIKey,
			"the x-api-key header does not name a valid security profile")
		return false
	}

	header := r.Header.Get("Authorization")
	if header == "" {
		writeError(w, http.StatusUnauthorized, CodeMissingAccessToken,
			"the request has no Authorization header")
		return false
	}
	scheme, token, found := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !found || !strings.EqualFold(scheme, "Bearer") || token == "" {
		writeError(w, http.StatusUnauthorized, CodeMissingAccessToken,
			`the Authorization header must have the form "Bearer <access token>"`)
		return false
	}

	e.mu.Lock()
	accepted := e.accessToken
	e.mu.Unlock()
	if !equalSecret(token, accepted) && !e.tokens.accepts(token) {
		writeError(w, http.StatusUnauthorized, CodeInvalidAccessToken,
			"the access token is invalid or has expired")
		return false
	}
	return true
}

// equalSecret compares two credentials in constant time.
func equalSecret(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
