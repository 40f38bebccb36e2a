package emulator

import (
	"bytes"
	"context"
	"io"
	"net/http"
)

// isWrite reports whether a request of method changes what the emulator
// holds, or may: PUT, POST, DELETE and PATCH.
func isWrite(method string) bool {
	switch method {
	case http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch:
		return true
	}
	return false
}

// receiveWrite makes a write independent of its client, as a real server
// completes a write it received whatever the client does next: it reads
// the body now, before any wait (up to maxBodyBytes, all the endpoints
// read), and returns a shallow copy of r that carries that body and a
// context the client's departure does not end. The waits of the copy then
// last their whole duration, which bounds them, and the write is applied;
// only its answer may be lost. A body the client did not send in full
// fails to read later, as it would have.
func receiveWrite(r *http.Request) *http.Request {
	received := r.WithContext(context.WithoutCancel(r.Context()))
	if r.Body == nil || r.Body == http.NoBody {
		return received
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes))
	var body io.Reader = bytes.NewReader(raw)
	if err != nil {
		body = io.MultiReader(body, failingReader{err: err})
	}
	received.Body = io.NopCloser(body)
	return received
}

// failingReader fails every read with err.
type failingReader struct{ err error }

func (f failingReader) Read([]byte) (int, error) { return 0, f.err }
