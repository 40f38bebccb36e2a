package amazonmusic_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// BenchmarkPlaylistPageDecode fetches and decodes one page of playlists
// through the client, from an in-memory transport: a page of 100 playlists
// (the API's largest) and one of 1,000, to show that the cost grows
// linearly with the page.
func BenchmarkPlaylistPageDecode(b *testing.B) {
	for _, n := range []int{100, 1000} {
		body := playlistsPageBody(b, n)
		b.Run(fmt.Sprintf("playlists=%d", n), func(b *testing.B) {
			client, err := amazonmusic.NewClient(amazonmusic.Config{
				BaseURL:     "http://api.invalid",
				APIKey:      emulator.DefaultAPIKey,
				AccessToken: emulator.DefaultAccessToken,
				HTTPClient:  &http.Client{Transport: pageTransport(body)},
			})
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				page, err := client.PlaylistsPage(b.Context(), amazonmusic.MaxPageSize, "")
				if err != nil {
					b.Fatal(err)
				}
				if len(page.Playlists) != n || page.HasNextPage {
					b.Fatalf("got %d playlists (next page: %t), want %d and no next page", len(page.Playlists), page.HasNextPage, n)
				}
			}
		})
	}
}

// pageTransport answers every request 200 with body, without a network.
type pageTransport []byte

func (t pageTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(t)),
		ContentLength: int64(len(t)),
		Request:       req,
	}, nil
}

// playlistsPageBody returns the body of a last page of n playlists as the
// emulator serves them: the emulator's own pages of up to 100, joined.
func playlistsPageBody(tb testing.TB, n int) []byte {
	tb.Helper()
	type page struct {
		Data struct {
			User struct {
				ID        string `json:"id"`
				Playlists struct {
					PageInfo struct {
						HasNextPage bool `json:"hasNextPage"`
					} `json:"pageInfo"`
					EdgeCount int `json:"edgeCount"`
					Edges     []struct {
						Cursor string          `json:"cursor"`
						Node   json.RawMessage `json:"node"`
					} `json:"edges"`
				} `json:"playlists"`
			} `json:"user"`
		} `json:"data"`
	}
	emu := emulator.New(emulator.Options{Playlists: n})
	var joined page
	for cursor := ""; ; {
		query := url.Values{"limit": {"100"}}
		if cursor != "" {
			query.Set("cursor", cursor)
		}
		req := httptest.NewRequest(http.MethodGet, "/v1/me/playlists?"+query.Encode(), nil)
		req.Header.Set("x-api-key", emulator.DefaultAPIKey)
		req.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			tb.Fatalf("emulator answered %d: %s", rec.Code, rec.Body)
		}
		var p page
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
			tb.Fatal(err)
		}
		joined.Data.User.ID = p.Data.User.ID
		edges := p.Data.User.Playlists.Edges
		joined.Data.User.Playlists.Edges = append(joined.Data.User.Playlists.Edges, edges...)
		if !p.Data.User.Playlists.PageInfo.HasNextPage {
			break
		}
		cursor = edges[len(edges)-1].Cursor
	}
	if got := len(joined.Data.User.Playlists.Edges); got != n {
		tb.Fatalf("the emulator served %d playlists, want %d", got, n)
	}
	joined.Data.User.Playlists.EdgeCount = n
	body, err := json.Marshal(joined)
	if err != nil {
		tb.Fatal(err)
	}
	return body
}
