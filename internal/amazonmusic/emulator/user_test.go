package emulator_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// meUser is the user of GET /v1/me and PUT /v1/me.
type meUser struct {
	ID     string           `json:"id"`
	Name   *string          `json:"name"`
	Images []emulator.Image `json:"images"`
	URL    string           `json:"url"`
}

// readMe answers GET /v1/me, checked to hold exactly data.user with id,
// name, images and url, decoded.
func readMe(t *testing.T, srv *httptest.Server) meUser {
	t.Helper()
	a := send(t, srv, http.MethodGet, "/v1/me")
	var shape map[string]map[string]map[string]json.RawMessage
	decodeOKAnswer(t, a, &shape)
	if len(shape) != 1 || len(shape["data"]) != 1 {
		t.Fatalf("GET /v1/me answered %s, want data.user alone", a.body)
	}
	if keys := keysOf(shape["data"]["user"]); !slices.Equal(keys, []string{"id", "images", "name", "url"}) {
		t.Errorf("data.user has keys %v, want id, images, name and url", keys)
	}
	var v struct {
		Data struct {
			User meUser `json:"user"`
		} `json:"data"`
	}
	decodeOKAnswer(t, a, &v)
	return v.Data.User
}

// keysOf returns the keys of m, sorted.
func keysOf[V any](m map[string]V) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestMeAnswersTheUserWhoCuratesThePlaylists(t *testing.T) {
	_, srv := start(t, emulator.Options{UserID: "listener42", Playlists: 3})
	user := readMe(t, srv)
	if user.ID != "listener42" || user.Name == nil || *user.Name != emulator.DefaultUserName || user.URL == "" {
		t.Errorf("user = %+v, want listener42, %q and a url", user, emulator.DefaultUserName)
	}
	if len(user.Images) == 0 || user.Images[0].Height <= 0 || user.Images[0].Width <= 0 || !strings.HasPrefix(user.Images[0].URL, "https://") {
		t.Errorf("images = %+v, want one with a height, width and url", user.Images)
	}
	p := fetchPage(t, send(t, srv, http.MethodGet, "/v1/me/playlists"))
	if curator := p.Data.User.Playlists.Edges[2].Node.Curator.ID; curator != user.ID {
		t.Errorf("the generated playlist's curator is %q, the user %q", curator, user.ID)
	}
	if _, srv := start(t, emulator.Options{}); readMe(t, srv).ID != emulator.DefaultUserID {
		t.Errorf("the default user is not %s", emulator.DefaultUserID)
	}
}

func TestPutMeStoresTheProfileAndAnswersTheBareUser(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	if got := e.Profile(); got != (emulator.Profile{Name: emulator.DefaultUserName, Visibility: "PRIVATE", PlaybackVisibility: "PRIVATE"}) {
		t.Errorf("initial profile = %+v", got)
	}
	a := sendJSON(t, srv, http.MethodPut, "/v1/me", `{"name":"Night Owl","visibility":"PUBLIC","playbackVisibility":"PRIVATE"}`)
	var shape map[string]json.RawMessage
	decodeOKAnswer(t, a, &shape)
	if keys := keysOf(shape); !slices.Equal(keys, []string{"id", "images", "name", "url"}) {
		t.Errorf("PUT /v1/me answered keys %v, want the bare user's id, images, name and url", keys)
	}
	if string(shape["name"]) != "null" || string(shape["id"]) != `"`+emulator.DefaultUserID+`"` {
		t.Errorf("PUT /v1/me answered name %s and id %s, want null and the user's id", shape["name"], shape["id"])
	}
	want := emulator.Profile{Name: "Night Owl", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}
	if got := e.Profile(); got != want {
		t.Errorf("Profile() = %+v, want %+v", got, want)
	}
	if user := readMe(t, srv); *user.Name != "Night Owl" {
		t.Errorf("GET /v1/me answers name %q, want the one stored", *user.Name)
	}

	e.SetUserName("Changed In The App")
	if user := readMe(t, srv); *user.Name != "Changed In The App" {
		t.Errorf("GET /v1/me answers name %q after SetUserName", *user.Name)
	}
	if got := e.Profile(); got.Name != "Changed In The App" || got.Visibility != "PUBLIC" {
		t.Errorf("Profile() = %+v after SetUserName, want the new name and the stored visibilities", got)
	}
	if n := e.Count(http.MethodPut, "/v1/me"); n != 1 {
		t.Errorf("Count(PUT, /v1/me) = %d, want 1", n)
	}
}

func TestPutMeRefusesIncompleteProfilesWith400(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	for _, body := range []string{
		`not json`,
		`null`,
		`["Night Owl"]`,
		`{}`,
		`{"visibility":"PUBLIC","playbackVisibility":"PUBLIC"}`,
		`{"name":"","visibility":"PUBLIC","playbackVisibility":"PUBLIC"}`,
		`{"name":"  ","visibility":"PUBLIC","playbackVisibility":"PUBLIC"}`,
		`{"name":42,"visibility":"PUBLIC","playbackVisibility":"PUBLIC"}`,
		`{"name":"Night Owl","playbackVisibility":"PUBLIC"}`,
		`{"name":"Night Owl","visibility":"public","playbackVisibility":"PUBLIC"}`,
		`{"name":"Night Owl","visibility":"FRIENDS","playbackVisibility":"PUBLIC"}`,
		`{"name":"Night Owl","visibility":"PUBLIC"}`,
		`{"name":"Night Owl","visibility":"PUBLIC","playbackVisibility":null}`,
		`{"name":"Night Owl","visibility":"PUBLIC","playbackVisibility":"HIDDEN"}`,
	} {
		t.Run(body, func(t *testing.T) {
			got := mustAPIError(t, sendJSON(t, srv, http.MethodPut, "/v1/me", body), http.StatusBadRequest)
			if got.Code != emulator.CodeInvalidParameter {
				t.Errorf("code = %q, want %q", got.Code, emulator.CodeInvalidParameter)
			}
		})
	}
	if got := e.Profile(); got.Name != emulator.DefaultUserName || got.Visibility != "PRIVATE" || got.PlaybackVisibility != "PRIVATE" {
		t.Errorf("Profile() = %+v after refused requests, want it unchanged", got)
	}
}

func TestMeGoesThroughFaultsAndMethods(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: "/v1/me", Status: http.StatusForbidden, Code: emulator.CodeInsufficientScope})
	a := sendJSON(t, srv, http.MethodPut, "/v1/me", `{"name":"Night Owl","visibility":"PUBLIC","playbackVisibility":"PUBLIC"}`)
	if got := mustAPIError(t, a, http.StatusForbidden); got.Code != emulator.CodeInsufficientScope {
		t.Errorf("fault answered %+v", got)
	}
	if got := e.Profile(); got.Name != emulator.DefaultUserName {
		t.Errorf("a faulted PUT stored %+v", got)
	}
	mustAPIError(t, sendWith(t, srv, http.MethodGet, "/v1/me", nil), http.StatusForbidden)
	for _, method := range []string{http.MethodPost, http.MethodDelete, http.MethodPatch, http.MethodHead} {
		a := send(t, srv, method, "/v1/me")
		if a.status != http.StatusMethodNotAllowed || a.header.Get("Allow") != "GET, PUT" {
			t.Errorf("%s /v1/me: status %d, Allow %q; want 405, GET, PUT", method, a.status, a.header.Get("Allow"))
		}
	}
	mustAPIError(t, send(t, srv, http.MethodGet, "/v1/me/"), http.StatusNotFound)
	if n := e.Count(http.MethodGet, "/v1/me"); n != 1 {
		t.Errorf("Count(GET, /v1/me) = %d, want 1", n)
	}
}
