package amazonmusic

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
