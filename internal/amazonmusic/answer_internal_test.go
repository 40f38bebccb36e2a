package amazonmusic

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

// countingReader serves n bytes of 'x' and counts what was read.
type countingReader struct {
	left, read int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.left == 0 {
		return 0, io.EOF
	}
	n := int64(len(p))
	if n > c.left {
		n = c.left
	}
	for i := range p[:n] {
		p[i] = 'x'
	}
	c.left -= n
	c.read += n
	return int(n), nil
}

// failingReader serves a few bytes, then fails.
type failingReader struct{ sent bool }

func (f *failingReader) Read(p []byte) (int, error) {
	if !f.sent {
		f.sent = true
		return copy(p, `{"data":`), nil
	}
	return 0, io.ErrUnexpectedEOF
}

func TestCheckAnswerReadsSuccessfulBodiesAndRetriesOnesCutShort(t *testing.T) {
	canceled, cancel := context.WithCancel(t.Context())
	cancel()

	t.Run("whole body", func(t *testing.T) {
		resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(`{"data":{}}`))}
		retry, err := checkAnswer(t.Context(), resp, nil)
		if retry || err != nil {
			t.Fatalf("checkAnswer = %t, %v; want no retry and no error", retry, err)
		}
		if body, _ := io.ReadAll(resp.Body); string(body) != `{"data":{}}` {
			t.Errorf("body after checkAnswer = %q, want it whole", body)
		}
	})
	t.Run("cut short", func(t *testing.T) {
		resp := &http.Response{StatusCode: 200, Body: io.NopCloser(&failingReader{})}
		retry, err := checkAnswer(t.Context(), resp, nil)
		if !retry || !errors.Is(err, io.ErrUnexpectedEOF) || !strings.HasPrefix(err.Error(), "reading the response body: ") {
			t.Fatalf("checkAnswer = %t, %v; want a retry for the unexpected EOF", retry, err)
		}
		if resp.Body != http.NoBody {
			t.Errorf("body after a failed read = %v, want http.NoBody", resp.Body)
		}
	})
	t.Run("cut short after the caller gave up", func(t *testing.T) {
		resp := &http.Response{StatusCode: 200, Body: io.NopCloser(&failingReader{})}
		if retry, err := checkAnswer(canceled, resp, nil); retry || !errors.Is(err, context.Canceled) {
			t.Fatalf("checkAnswer = %t, %v; want no retry and context.Canceled", retry, err)
		}
	})
	t.Run("over the cap", func(t *testing.T) {
		src := &countingReader{left: 3 * MaxResponseBytes}
		resp := &http.Response{StatusCode: 200, Body: io.NopCloser(src)}
		if retry, err := checkAnswer(t.Context(), resp, nil); retry || err != nil {
			t.Fatalf("checkAnswer = %t, %v; want no retry: a body too large stays too large", retry, err)
		}
		if src.read != MaxResponseBytes+1 {
			t.Errorf("read %d bytes, want MaxResponseBytes+1 = %d", src.read, MaxResponseBytes+1)
		}
	})
	t.Run("error answers are left unread", func(t *testing.T) {
		for _, status := range []int{404, 503} {
			src := &countingReader{left: 10}
			resp := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(src)}
			_, _ = checkAnswer(t.Context(), resp, nil)
			if src.read != 0 {
				t.Errorf("HTTP %d: %d bytes read, want none: the error body is read later", status, src.read)
			}
		}
	})
	t.Run("no body", func(t *testing.T) {
		for _, body := range []io.ReadCloser{nil, http.NoBody} {
			resp := &http.Response{StatusCode: 204, Body: body}
			if retry, err := checkAnswer(t.Context(), resp, nil); retry || err != nil {
				t.Errorf("checkAnswer(body %v) = %t, %v; want no retry and no error", body, retry, err)
			}
		}
	})
}
