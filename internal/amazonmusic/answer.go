package amazonmusic

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
)

// checkAnswer is the client's retry policy (retryablehttp.CheckRetry):
// checkRetry, and for a successful answer that ends the retries, its body
// read in full, so that a connection lost in the middle of the body is
// retried like one lost before the answer. A body longer than
// MaxResponseBytes is not retried: the caller is handed its first
// MaxResponseBytes+1 bytes and reports it too large.
func checkAnswer(ctx context.Context, resp *http.Response, err error) (bool, error) {
	retry, checkErr := checkRetry(ctx, resp, err)
	if retry || checkErr != nil || err != nil || resp == nil ||
		resp.StatusCode < 200 || resp.StatusCode > 299 {
		return retry, checkErr
	}
	if readErr := readWholeBody(resp); readErr != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return false, ctxErr
		}
		return true, readErr
	}
	return false, nil
}

// readWholeBody replaces the body of resp with its content, read up to one
// byte past MaxResponseBytes. When reading fails, the body is left empty and
// the error says so.
func readWholeBody(resp *http.Response) error {
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= MaxResponseBytes+1 {
		buf.Grow(int(n))
	}
	if _, err := buf.ReadFrom(io.LimitReader(resp.Body, MaxResponseBytes+1)); err != nil {
		resp.Body = http.NoBody
		return fmt.Errorf("reading the response body: %w", err)
	}
	resp.Body = io.NopCloser(&buf)
	return nil
}
