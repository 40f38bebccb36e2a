package emulator

import (
	"crypto/sha256"
	"net/http"
	"strings"
)

// The current user, as Amazon's User page publishes it:
//
//	GET /v1/me  -> {"data":{"user":{"id":"6ozjgidgbvjdv3j6dd5jm7ipom","name":"Emulated Listener",
//	                 "images":[{"height":300,"width":300,"url":"..."}],"url":"..."}}}
//	PUT /v1/me  {"name":"...","visibility":"PUBLIC","playbackVisibility":"PRIVATE"}
//	            -> {"id":"6ozjgidgbvjdv3j6dd5jm7ipom","name":null,"images":[...],"url":"..."}
//
// The id is Options.UserID, the curator of the generated playlists. GET
// answers no visibility. PUT takes all three fields: name a string that is
// not blank, visibility and playbackVisibility PUBLIC or PRIVATE; it
// answers 400 INVALID_PARAMETER for anything missing or else, and stores
// nothing then. Its answer is the published example's: the user object
// alone, not under data, with a null name, so that only GET tells the
// stored name. Profile reads what PUT stored, and SetUserName changes the
// name as the user's app would.

// DefaultUserName is the name of the user until a PUT /v1/me or SetUserName
// changes it.
const DefaultUserName = "Emulated Listener"

// Visibilities of the user's profile and playback.
const (
	visibilityPublic  = "PUBLIC"
	visibilityPrivate = "PRIVATE"
)

// Profile is what PUT /v1/me stores of the current user.
type Profile struct {
	Name               string
	Visibility         string // PUBLIC or PRIVATE
	PlaybackVisibility string // PUBLIC or PRIVATE
}

// defaultProfile is the profile of the user of a new emulator.
var defaultProfile = Profile{Name: DefaultUserName, Visibility: visibilityPrivate, PlaybackVisibility: visibilityPrivate}

// meJSON is the user of GET /v1/me and PUT /v1/me; Name is nil in the
// answer of PUT.
type meJSON struct {
	ID     string  `json:"id"`
	Name   *string `json:"name"`
	Images []Image `json:"images"`
	URL    string  `json:"url"`
}

type meAnswer struct {
	Data struct {
		User meJSON `json:"user"`
	} `json:"data"`
}

// userBody is the body of PUT /v1/me.
type userBody struct {
	Name               *string `json:"name"`
	Visibility         *string `json:"visibility"`
	PlaybackVisibility *string `json:"playbackVisibility"`
}

// serveUser answers GET /v1/me.
func (e *Emulator) serveUser(w http.ResponseWriter, _ *http.Request) {
	name := e.Profile().Name
	var answer meAnswer
	answer.Data.User = e.user(&name)
	writeJSON(w, http.StatusOK, answer)
}

// serveUpdateUser answers PUT /v1/me.
func (e *Emulator) serveUpdateUser(w http.ResponseWriter, r *http.Request) {
	var body userBody
	if !readBody(w, r, &body) {
		return
	}
	bad := func(message string) {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter, message)
	}
	switch {
	case body.Name == nil || strings.TrimSpace(*body.Name) == "":
		bad("name is required and must not be blank")
		return
	case !isVisibility(body.Visibility):
		bad("visibility is required and must be PUBLIC or PRIVATE")
		return
	case !isVisibility(body.PlaybackVisibility):
		bad("playbackVisibility is required and must be PUBLIC or PRIVATE")
		return
	}
	e.mu.Lock()
	e.profile = Profile{Name: *body.Name, Visibility: *body.Visibility, PlaybackVisibility: *body.PlaybackVisibility}
	e.mu.Unlock()
	writeJSON(w, http.StatusOK, e.user(nil))
}

// isVisibility reports whether v is PUBLIC or PRIVATE.
func isVisibility(v *string) bool {
	return v != nil && (*v == visibilityPublic || *v == visibilityPrivate)
}

// user returns the user's object with name.
func (e *Emulator) user(name *string) meJSON {
	sum := sha256.Sum256([]byte("amazonmusic-emulator/user/" + e.userID))
	return meJSON{
		ID:     e.userID,
		Name:   name,
		Images: []Image{{Height: 300, Width: 300, URL: "https://m.media-amazon.com/images/I/" + imageName(sum[:8]) + ".jpg"}},
		URL:    "https://music.amazon.com/profiles/" + e.userID,
	}
}

// Profile returns the current user's name and visibilities, as PUT /v1/me
// or SetUserName last set them (DefaultUserName and PRIVATE at first).
func (e *Emulator) Profile() Profile {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.profile
}

// SetUserName changes the user's name without a request, as the user's app
// would; GET /v1/me answers it from then on.
func (e *Emulator) SetUserName(name string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.profile.Name = name
}
