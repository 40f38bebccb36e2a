package amazonmusic

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// bodyTransport answers every request 200 with the same JSON body, without
// a network, and counts the requests.
type bodyTransport struct {
	body     []byte
	requests atomic.Int32
}

func (b *bodyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	b.requests.Add(1)
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Header:        http.Header{"Content-Type": {"application/json"}},
		Body:          io.NopCloser(bytes.NewReader(b.body)),
		ContentLength: int64(len(b.body)),
		Request:       req,
	}, nil
}

// fuzzClient returns a client whose every request is answered 200 with body,
// without retries, and its transport.
func fuzzClient(t *testing.T, body []byte) (*Client, *bodyTransport) {
	t.Helper()
	transport := &bodyTransport{body: body}
	c, err := NewClient(Config{
		BaseURL: "http://api.invalid", APIKey: "k", AccessToken: "t", MaxRetries: 0,
		HTTPClient: &http.Client{Transport: transport},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, transport
}

// addReferenceSeeds adds the reference's example answers kept by the
// emulator's testdata, each whole, cut in half and cut to its first line.
func addReferenceSeeds(f *testing.F, names ...string) {
	for _, name := range names {
		body, err := os.ReadFile(filepath.Join("emulator", "testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		first, _, _ := bytes.Cut(body, []byte("\n"))
		f.Add(body)
		f.Add(body[:len(body)/2])
		f.Add(first)
	}
}

// addMalformedSeeds adds bodies every endpoint must refuse.
func addMalformedSeeds(f *testing.F) {
	for _, s := range []string{
		"", " ", "null", "{}", "[]", `"data"`, "<html><body>OK</body></html>",
		`{"data":null}`, `{"data":[]}`, `{"data":{}} {}`, `{"data":{}} trailing`,
		"\xef\xbb\xbf{}", "{\"data\":{\"\xff\":1}}",
	} {
		f.Add([]byte(s))
	}
}

// FuzzDecodePlaylistsPage feeds arbitrary 200 answers to the playlists
// endpoint. A page is either refused as an unexpected response or usable:
// every playlist has an id and only a page with a next page has a cursor.
// Walking a server that answers the same body to every request ends after
// at most two requests: the cursor repeats.
func FuzzDecodePlaylistsPage(f *testing.F) {
	addReferenceSeeds(f, "reference_playlists_limit2.json")
	addMalformedSeeds(f)
	for _, s := range []string{
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true},"edges":[{"cursor":"0:a","node":{"id":"a"}}]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true,"token":"t"},"edges":[]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":true},"edges":[]}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"cursor":"0:a","node":{"id":""}}]}}}}`,
		`{"data":{"user":{"id":42,"playlists":{"pageInfo":{"hasNextPage":"false"},"edgeCount":"0","edges":{}}}}}`,
		`{"data":{"user":{"id":"u","playlists":{"pageInfo":{"hasNextPage":false},"edges":[{"node":{"id":"a","images":[{}],"eligibility":{"playback":null}}}]}}}}`,
	} {
		f.Add([]byte(s))
	}

	const prefix = "unexpected response from GET /v1/me/playlists: "
	f.Fuzz(func(t *testing.T, body []byte) {
		client, transport := fuzzClient(t, body)
		page, err := client.PlaylistsPage(t.Context(), 10, "")
		if err != nil {
			if page != nil || !strings.HasPrefix(err.Error(), prefix) {
				t.Fatalf("PlaylistsPage = %v, %q; want no page and an error starting %q", page, err, prefix)
			}
		} else {
			for i, p := range page.Playlists {
				if p.ID == "" {
					t.Errorf("playlist %d has no id", i)
				}
			}
			if !page.HasNextPage && page.Next != "" {
				t.Errorf("last page has the cursor %q", page.Next)
			}
		}

		transport.requests.Store(0)
		_, playlists, walkErr := client.Playlists(t.Context(), 10)
		if n := transport.requests.Load(); n > 2 {
			t.Fatalf("walking a server that repeats one page sent %d requests, want at most 2", n)
		}
		switch {
		case err != nil:
			if walkErr == nil || walkErr.Error() != err.Error() {
				t.Errorf("Playlists error = %v, want the page's %q", walkErr, err)
			}
		case page.HasNextPage:
			if walkErr == nil || (!errors.Is(walkErr, ErrCursorLoop) && !strings.Contains(walkErr.Error(), "no cursor")) {
				t.Errorf("Playlists on a page that points to itself = %v, want a cursor error", walkErr)
			}
		case walkErr != nil || len(playlists) != len(page.Playlists):
			t.Errorf("Playlists = %d playlists, %v; want the page's %d", len(playlists), walkErr, len(page.Playlists))
		}
	})
}
