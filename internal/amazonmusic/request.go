package amazonmusic

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// MaxResponseBytes bounds the body of a successful answer; a longer body is
// an error, never a truncated parse.
const MaxResponseBytes = 16 << 20

// errBodyTooLarge is returned while reading a body beyond MaxResponseBytes.
var errBodyTooLarge = fmt.Errorf("the response body exceeds %d MiB", MaxResponseBytes>>20)

// call describes one client call (a request, its retries and its repetition
// after a refused access token) to the hooks that run around each attempt.
// It travels in the request's context.
type call struct {
	// caller is the context the call was made with. A read's requests run
	// on it; a write's run on a context detached from it (see write.go).
	caller context.Context
	// write follows the attempts of a write (PUT, POST, DELETE, PATCH)
	// through the end of caller; nil for a read.
	write  *writeGuard
	method string
	path   string // API path without query, e.g. /v1/me/playlists
	// body is the JSON body of the request, nil for none.
	body     []byte
	attempts int
	// earlier counts the attempts before the request was repeated with a
	// fresh access token.
	earlier int
	// token is the access token of the latest attempt.
	token string
	// answered is when the latest attempt ended, with an answer or an error.
	answered time.Time
}

type callKey struct{}

// callFrom returns the call stored in ctx, or nil.
func callFrom(ctx context.Context) *call {
	c, _ := ctx.Value(callKey{}).(*call)
	return c
}

// do sends one API request with retries and decodes a successful JSON answer
// into out (skipped when out is nil). path is the endpoint's path below /v1,
// already escaped. An answer of 400 or above becomes an *APIError; a
// successful answer that is not JSON fails with an "unexpected response"
// error. Every endpoint goes through here, or through doJSON.
//
// When the client refreshes its access tokens and the API answers 401, the
// refused token is dropped and the request is sent once more with a fresh
// one; a second 401 is final. With a static token a 401 is final at once.
func (c *Client) do(ctx context.Context, method, path string, query url.Values, out any) error {
	return c.doJSON(ctx, method, path, query, nil, out)
}

// doJSON is do with a request body: in, when not nil, is sent as JSON.
//
// A call whose ctx is already done sends nothing. Once ctx is done, no
// attempt starts; a read on the wire stops at once, and a write on the
// wire may finish within the client's write grace, its answer returned as
// if ctx were live (see write.go). A write that fails after an attempt
// that may have reached the API without a definite answer returns an
// error matching ErrOutcomeUnknown.
func (c *Client) doJSON(ctx context.Context, method, path string, query url.Values, in, out any) error {
	return c.doRequest(ctx, method, path, query, in, out, isWrite(method))
}

// doQuery sends a POST that changes nothing, such as a search, whose body
// is the query: it is handled as a read, which stops at once when ctx ends
// and whose lost answer leaves no unknown outcome.
func (c *Client) doQuery(ctx context.Context, path string, in, out any) error {
	return c.doRequest(ctx, http.MethodPost, path, nil, in, out, false)
}

// doRequest is doJSON, with write saying whether the request changes the API's
// state.
func (c *Client) doRequest(ctx context.Context, method, path string, query url.Values, in, out any, write bool) error {
	var body []byte
	if in != nil {
		var err error
		if body, err = json.Marshal(in); err != nil {
			return fmt.Errorf("%s %s: encoding the request body: %w", method, apiPrefix+path, err)
		}
	}
	cl := &call{caller: ctx, method: method, path: apiPrefix + path, body: body}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("%s %s: %w", method, cl.path, err)
	}
	if write {
		var g *writeGuard
		ctx, g = newWriteGuard(cl, c.writeGrace, c.logger)
		defer g.release()
		cl.write = g
	}
	err := c.exchange(context.WithValue(ctx, callKey{}, cl), cl, query, out)
	if err != nil && cl.write != nil && cl.write.outcomeUnknown() {
		return &outcomeUnknownError{err: err}
	}
	return err
}

// exchange sends the request of cl with query, with retries and the
// repetition after a refused access token, and decodes a successful answer
// into out (skipped when out is nil). ctx is the context of the requests,
// which holds cl.
func (c *Client) exchange(ctx context.Context, cl *call, query url.Values, out any) error {
	target := c.baseURL + cl.path
	if len(query) > 0 {
		target += "?" + query.Encode()
	}
	resp, err := c.send(ctx, cl, target)
	if err == nil && resp.StatusCode == http.StatusUnauthorized && c.tokens.invalidate(cl.token) {
		drain(resp)
		if c.logger != nil {
			c.logger.Info(ctx, "the API refused the access token; repeating the request once with a new one",
				"method", cl.method, "path", cl.path)
		}
		cl.earlier = cl.attempts
		resp, err = c.send(ctx, cl, target)
	}
	if err != nil {
		return fmt.Errorf("%s %s: %w", cl.method, cl.path, cl.failure(err))
	}
	defer resp.Body.Close()

	if resp.StatusCode >= 400 {
		apiErr := newAPIError(resp, cl.method, cl.path, cl.attempts)
		if apiErr.StatusCode == http.StatusUnauthorized {
			apiErr.Hint = c.tokens.refusedHint()
		}
		return apiErr
	}
	if !successStatus(resp.StatusCode) {
		return unexpectedResponse(cl.method, cl.path, fmt.Errorf("HTTP %s", resp.Status))
	}
	if out == nil {
		if _, err := io.Copy(io.Discard, &cappedReader{r: resp.Body, remaining: MaxResponseBytes}); err != nil {
			return unexpectedResponse(cl.method, cl.path, err)
		}
		return nil
	}
	if err := decodeJSON(resp, out); err != nil {
		return unexpectedResponse(cl.method, cl.path, err)
	}
	return nil
}

// failure returns err, the failure of the requests of cl, as the caller
// sees it: an *UnreachableError counts the attempts of the whole call, and
// when the requests of a write were cancelled because the caller's context
// is done, the error is that context's own (context.DeadlineExceeded when
// its deadline passed).
func (cl *call) failure(err error) error {
	var unreachable *UnreachableError
	if errors.As(err, &unreachable) {
		unreachable.Attempts = cl.attempts
	}
	if callerErr := cl.caller.Err(); callerErr != nil && errors.Is(err, context.Canceled) && !errors.Is(err, callerErr) {
		return callerErr
	}
	return err
}

// send sends the request of cl to target, with retries, and returns the
// final answer, body unread.
func (c *Client) send(ctx context.Context, cl *call, target string) (*http.Response, error) {
	var body any
	if cl.body != nil {
		body = cl.body
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, cl.method, target, body)
	if err != nil {
		return nil, err
	}
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if err := c.prepareAttempt(req.Request); err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// drain reads what is left of a small body and closes it, so that the
// connection can be reused.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBodyBytes))
	resp.Body.Close()
}

// authorize sets the credential headers of req. It runs before the first
// attempt and before each retry (retryablehttp.PrepareRetry), so that a
// token that expired meanwhile is replaced.
func (c *Client) authorize(req *http.Request) error {
	token, err := c.tokens.token(req.Context())
	if err != nil {
		return fmt.Errorf("obtaining an access token: %w", err)
	}
	if cl := callFrom(req.Context()); cl != nil {
		cl.token = token
	}
	req.Header.Set("x-api-key", c.apiKey)
	req.Header.Set("Authorization", "Bearer "+token)
	return nil
}

// beforeAttempt counts and logs each attempt (retryablehttp.RequestLogHook).
// Headers are never logged.
func (c *Client) beforeAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	cl := callFrom(req.Context())
	if cl == nil {
		return
	}
	cl.attempts = cl.earlier + retry + 1
	if cl.write != nil {
		cl.write.attemptStarting()
	}
	if c.logger == nil {
		return
	}
	fields := []interface{}{"method", cl.method, "path", cl.path, "attempt", cl.attempts}
	if retry > 0 && !cl.answered.IsZero() {
		fields = append(fields, "waited", time.Since(cl.answered).Round(time.Millisecond).String())
	}
	c.logger.Debug(req.Context(), "sending request", fields...)
}

// afterAttempt logs each answer (retryablehttp.ResponseLogHook).
func (c *Client) afterAttempt(_ retryablehttp.Logger, resp *http.Response) {
	if c.logger == nil || resp.Request == nil {
		return
	}
	cl := callFrom(resp.Request.Context())
	if cl == nil {
		return
	}
	c.logger.Debug(resp.Request.Context(), "received response", "method", cl.method, "path", cl.path, "status", resp.StatusCode, "attempt", cl.attempts)
}

// decodeJSON decodes the body of resp, at most MaxResponseBytes long, into
// out, and checks that nothing but white space follows the JSON value.
func decodeJSON(resp *http.Response, out any) error {
	dec := json.NewDecoder(&cappedReader{r: resp.Body, remaining: MaxResponseBytes})
	if err := dec.Decode(out); err != nil {
		switch {
		case errors.Is(err, errBodyTooLarge):
			return err
		case errors.Is(err, io.EOF):
			return fmt.Errorf("empty body (%s)", describeContentType(resp.Header.Get("Content-Type")))
		}
		return fmt.Errorf("invalid JSON body (%s): %w", describeContentType(resp.Header.Get("Content-Type")), err)
	}
	switch _, err := dec.Token(); {
	case errors.Is(err, io.EOF):
		return nil
	case errors.Is(err, errBodyTooLarge):
		return err
	case err != nil:
		return fmt.Errorf("invalid JSON body after the first value: %w", err)
	}
	return errors.New("invalid JSON body: more than one JSON value")
}

// unexpectedResponse reports a successful answer that the client cannot use.
func unexpectedResponse(method, path string, err error) error {
	return fmt.Errorf("unexpected response from %s %s: %w", method, path, err)
}

// cappedReader reads at most remaining bytes from r and fails with
// errBodyTooLarge when r holds more.
type cappedReader struct {
	r         io.Reader
	remaining int64
}

func (c *cappedReader) Read(p []byte) (int, error) {
	if c.remaining < 0 {
		return 0, errBodyTooLarge
	}
	// Read one byte past the cap to tell "exactly at the cap" from "over".
	if int64(len(p)) > c.remaining+1 {
		p = p[:c.remaining+1]
	}
	n, err := c.r.Read(p)
	c.remaining -= int64(n)
	if c.remaining < 0 {
		return n + int(c.remaining), errBodyTooLarge
	}
	return n, err
}
