package amazonmusic_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// paddedPage returns a valid empty playlists page padded with white space
// to exactly size bytes.
func paddedPage(t *testing.T, size int) string {
	t.Helper()
	page := playlistsJSON(false, "")
	if size < len(page) {
		t.Fatalf("size %d is below the page's %d bytes", size, len(page))
	}
	return page + strings.Repeat(" ", size-len(page))
}

func TestResponseBodyUpToTheCapIsRead(t *testing.T) {
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, paddedPage(t, amazonmusic.MaxResponseBytes))
	})
	if _, err := client.PlaylistsPage(t.Context(), 10, ""); err != nil {
		t.Fatalf("PlaylistsPage of a %d byte body: %v", amazonmusic.MaxResponseBytes, err)
	}
}

func TestResponseBodyOverTheCapIsAnError(t *testing.T) {
	tests := []struct {
		name string
		body func(t *testing.T) string
	}{
		{name: "white space after the value", body: func(t *testing.T) string { return paddedPage(t, amazonmusic.MaxResponseBytes+1) }},
		{name: "one huge value", body: func(*testing.T) string {
			return `{"data":{"user":{"id":"` + strings.Repeat("a", amazonmusic.MaxResponseBytes) + `"}}}`
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := tt.body(t)
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, body)
			})
			page, err := client.PlaylistsPage(t.Context(), 10, "")
			if err == nil {
				t.Fatalf("PlaylistsPage = %+v, want an error", page)
			}
			if msg := err.Error(); !strings.Contains(msg, "unexpected response from GET /v1/me/playlists") || !strings.Contains(msg, "exceeds 16 MiB") {
				t.Errorf("error = %q, want one saying the body exceeds 16 MiB", msg)
			}
		})
	}
}
