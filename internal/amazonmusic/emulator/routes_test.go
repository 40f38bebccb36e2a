package emulator_test

import (
	"net/http"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestUnknownPathIs404AndWrongMethodIs405(t *testing.T) {
	_, srv := start(t, emulator.Options{})
	tests := []struct {
		method, path string
		wantStatus   int
		wantCode     string
		wantAllow    string
	}{
		{http.MethodGet, "/v1/me/tracks", 404, emulator.CodeNotFound, ""},
		{http.MethodGet, "/v1/me/playlists/", 404, emulator.CodeNotFound, ""},
		{http.MethodPut, "/v1/me/library/tracks/", 404, emulator.CodeNotFound, ""},
		{http.MethodGet, "/", 404, emulator.CodeNotFound, ""},
		{http.MethodPost, "/v1/me/playlists", 405, emulator.CodeMethodNotAllowed, "GET"},
		{http.MethodDelete, "/v1/me/playlists", 405, emulator.CodeMethodNotAllowed, "GET"},
		{http.MethodGet, "/v1/me/library/tracks/B08DL2BXQC", 405, emulator.CodeMethodNotAllowed, "PUT, DELETE"},
		{http.MethodPost, "/v1/me/library/tracks/B08DL2BXQC", 405, emulator.CodeMethodNotAllowed, "PUT, DELETE"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			a := send(t, srv, tt.method, tt.path)
			got := mustAPIError(t, a, tt.wantStatus)
			if got.Code != tt.wantCode {
				t.Errorf("code = %q, want %q", got.Code, tt.wantCode)
			}
			if allow := a.header.Get("Allow"); allow != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", allow, tt.wantAllow)
			}
		})
	}
}

func TestOddPathsAreRoutedAsDecodedWithoutRedirects(t *testing.T) {
	_, srv := start(t, emulator.Options{Playlists: 1})
	tests := []struct {
		method, path string
		wantStatus   int
		wantAllow    string
	}{
		// HEAD is no method of the API, though ServeMux serves it with GET.
		{http.MethodHead, "/v1/me/playlists", 405, "GET"},
		{http.MethodHead, "/v1/me/library/tracks/B08DL2BXQC", 405, "PUT, DELETE"},
		// No redirect to a trailing slash or to a cleaned path.
		{http.MethodGet, "/v1/tracks", 404, ""},
		{http.MethodGet, "/v1/tracks/", 404, ""},
		{http.MethodPut, "/v1/me/library/tracks", 405, "GET"},
		{http.MethodGet, "/v1//me/playlists", 404, ""},
		{http.MethodGet, "/v1/me/./playlists", 404, ""},
		{http.MethodGet, "/v1/me/x/../playlists", 404, ""},
		{http.MethodGet, "/v1/playlists//tracks", 404, ""},
		// A track id is the rest of the path, escaped slashes and all.
		{http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC%2Fextra", 404, ""},
		{http.MethodGet, "/v1/me/library/tracks/B08DL2BXQC/extra", 405, "PUT, DELETE"},
		{http.MethodPut, "/v1/tracks/B08DL2BXQC%2Fextra", 405, "GET"},
		// The decoded path is routed: an escaped slash separates segments.
		{http.MethodGet, "/v1/me%2Fplaylists", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			a := send(t, srv, tt.method, tt.path)
			switch {
			case tt.method == http.MethodHead || tt.wantStatus == http.StatusOK:
				if a.status != tt.wantStatus {
					t.Errorf("status = %d, want %d", a.status, tt.wantStatus)
				}
			default:
				got := mustAPIError(t, a, tt.wantStatus)
				want := map[int]string{404: emulator.CodeNotFound, 405: emulator.CodeMethodNotAllowed}[tt.wantStatus]
				if got.Code != want {
					t.Errorf("code = %q, want %q", got.Code, want)
				}
			}
			if allow := a.header.Get("Allow"); allow != tt.wantAllow {
				t.Errorf("Allow = %q, want %q", allow, tt.wantAllow)
			}
		})
	}
}
