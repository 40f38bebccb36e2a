package emulator_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// jsonAt decodes body and returns the value at the path of object keys.
func jsonAt(t *testing.T, body []byte, keys ...string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("body %.200s is not JSON: %v", body, err)
	}
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("body %.200s: no object holds %q", body, k)
		}
		v = obj[k]
	}
	return v
}

func TestMalformedBodyFaultsAnswerWhatTheyName(t *testing.T) {
	const trackPath = "/v1/me/library/tracks/B08DL2BXQC"
	tests := []struct {
		name         string
		method, path string
		fault        emulator.Fault
		check        func(t *testing.T, a answer)
	}{
		{
			name: "HTML page on a 200", method: http.MethodPut, path: trackPath,
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyHTML},
			check: func(t *testing.T, a answer) {
				if ct := a.header.Get("Content-Type"); ct != "text/html" || !strings.HasPrefix(string(a.body), "<html>") {
					t.Errorf("answer %s %q, want an HTML page", ct, a.body)
				}
			},
		},
		{
			name: "empty 200", method: http.MethodPut, path: trackPath,
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyEmpty},
			check: func(t *testing.T, a answer) {
				if len(a.body) != 0 {
					t.Errorf("body = %q, want none", a.body)
				}
			},
		},
		{
			name: "truncated JSON on a 200", method: http.MethodPut, path: trackPath,
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON},
			check: func(t *testing.T, a answer) {
				if json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"data":{"saveTrack":{"track":{"id":"B08DL2BXQC"`) {
					t.Errorf("body = %q, want the first half of a saveTrack answer", a.body)
				}
				if cl := a.header.Get("Content-Length"); cl != strconv.Itoa(len(a.body)) {
					t.Errorf("Content-Length = %s for %d bytes: the answer itself must be whole", cl, len(a.body))
				}
			},
		},
		{
			name: "truncated JSON on a 503", method: http.MethodGet, path: "/v1/me/playlists",
			fault: emulator.Fault{Status: http.StatusServiceUnavailable, Body: emulator.FaultBodyTruncatedJSON},
			check: func(t *testing.T, a answer) {
				if json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"error":{"status":"503"`) {
					t.Errorf("body = %q, want the first half of the API's error body", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to PUT", method: http.MethodPut, path: trackPath,
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "saveTrack", "track", "id").(float64); !ok {
					t.Errorf("body = %s, want a number for the track id", a.body)
				}
				if _, ok := jsonAt(t, a.body, "data", "saveTrack", "saveState").(bool); !ok {
					t.Errorf("body = %s, want a boolean for saveState", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to DELETE", method: http.MethodDelete, path: trackPath,
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "removeTrack", "track", "title").([]any); !ok {
					t.Errorf("body = %s, want a list for the title", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to GET playlists", method: http.MethodGet, path: "/v1/me/playlists",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "user", "playlists", "pageInfo", "hasNextPage").(string); !ok {
					t.Errorf("body = %s, want a string for hasNextPage", a.body)
				}
				if _, ok := jsonAt(t, a.body, "data", "user", "playlists", "edges").(map[string]any); !ok {
					t.Errorf("body = %s, want an object for edges", a.body)
				}
			},
		},
		{
			name: "truncated JSON on a 200 to a search", method: http.MethodPost, path: "/v1/search/tracks",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON},
			check: func(t *testing.T, a answer) {
				if json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"data":{"searchTracks":{"pageInfo":`) {
					t.Errorf("body = %q, want the first half of a search's answer", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to a search", method: http.MethodPost, path: "/v1/search/tracks",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "searchTracks", "edges").(map[string]any); !ok {
					t.Errorf("body = %s, want an object for edges", a.body)
				}
			},
		},
		{
			name: "truncated JSON on a 200 to an album", method: http.MethodGet, path: "/v1/albums/B08DL2H5PV",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON},
			check: func(t *testing.T, a answer) {
				if json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"data":{"album":{"id":"B08DL2H5PV"`) {
					t.Errorf("body = %q, want the first half of the album's answer", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to an album", method: http.MethodGet, path: "/v1/albums/B08DL2H5PV",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "album", "tracks").(bool); !ok {
					t.Errorf("body = %s, want a boolean for tracks", a.body)
				}
			},
		},
		{
			name: "wrong types on a 200 to the user", method: http.MethodGet, path: "/v1/me",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "data", "user", "name").([]any); !ok {
					t.Errorf("body = %s, want a list for the name", a.body)
				}
			},
		},
		{
			name: "oversized 200 to the user", method: http.MethodGet, path: "/v1/me",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyOversized},
			check: func(t *testing.T, a answer) {
				if len(a.body) != emulator.OversizedBodyBytes || !json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"data":{"user":`) {
					t.Errorf("body of %d bytes starting %.40q, want %d bytes of valid JSON under data.user",
						len(a.body), a.body, emulator.OversizedBodyBytes)
				}
			},
		},
		{
			name: "wrong types on a 500", method: http.MethodGet, path: "/v1/me/playlists",
			fault: emulator.Fault{Status: http.StatusInternalServerError, Body: emulator.FaultBodyWrongTypes},
			check: func(t *testing.T, a answer) {
				if _, ok := jsonAt(t, a.body, "error", "code").(float64); !ok {
					t.Errorf("body = %s, want a number for the error code", a.body)
				}
			},
		},
		{
			name: "oversized 200", method: http.MethodGet, path: "/v1/me/playlists",
			fault: emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyOversized},
			check: func(t *testing.T, a answer) {
				if len(a.body) != emulator.OversizedBodyBytes || !json.Valid(a.body) || !strings.HasPrefix(string(a.body), `{"data":{"user":`) {
					t.Errorf("body of %d bytes starting %.40q, want %d bytes of valid JSON of the playlists' shape",
						len(a.body), a.body, emulator.OversizedBodyBytes)
				}
			},
		},
		{
			name: "oversized 429 keeps its Retry-After", method: http.MethodPut, path: trackPath,
			fault: emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "0", Body: emulator.FaultBodyOversized},
			check: func(t *testing.T, a answer) {
				if len(a.body) != emulator.OversizedBodyBytes || !json.Valid(a.body) || a.header.Get("Retry-After") != "0" {
					t.Errorf("body of %d bytes, Retry-After %q; want %d bytes of valid JSON and Retry-After 0",
						len(a.body), a.header.Get("Retry-After"), emulator.OversizedBodyBytes)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := start(t, emulator.Options{Playlists: 2})
			e.InjectFaults(tt.fault)
			a := send(t, srv, tt.method, tt.path)
			if a.status != tt.fault.Status {
				t.Fatalf("status = %d, want %d", a.status, tt.fault.Status)
			}
			tt.check(t, a)
			if e.InLibrary("B08DL2BXQC") {
				t.Error("a request answered by a fault saved the track")
			}
			if got := e.FaultsInjected(); got != 1 {
				t.Errorf("FaultsInjected() = %d, want 1", got)
			}
		})
	}
}

func TestCutOffFaultEndsTheBodyHalfway(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			e, srv := start(t, emulator.Options{})
			e.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: status, Body: emulator.FaultBodyCutOff})

			req, err := http.NewRequestWithContext(t.Context(), http.MethodPut, srv.URL+"/v1/me/library/tracks/B08DL2BXQC", nil)
			if err != nil {
				t.Fatal(err)
			}
			withDefaultCredentials(req)
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatalf("the status line and headers did not arrive: %v", err)
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("reading the body: err = %v, want io.ErrUnexpectedEOF", err)
			}
			if resp.StatusCode != status || resp.ContentLength <= 0 || int64(len(body)) != resp.ContentLength/2 {
				t.Errorf("answer %d with %d of %d announced bytes, want %d with half of them", resp.StatusCode, len(body), resp.ContentLength, status)
			}
			if e.InLibrary("B08DL2BXQC") {
				t.Error("a request answered by a fault saved the track")
			}

			// The emulator keeps serving on new connections.
			if a := send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"); a.status != http.StatusOK {
				t.Errorf("the next request answered %d, want 200", a.status)
			}
		})
	}
}

func TestInjectFaultsRejectsA200WithoutAMalformedBody(t *testing.T) {
	e := emulator.New(emulator.Options{})
	for _, f := range []emulator.Fault{
		{Status: http.StatusOK},
		{Status: http.StatusOK, Body: emulator.FaultBodyJSON},
		{Status: http.StatusCreated, Body: emulator.FaultBodyEmpty},
		{Status: http.StatusServiceUnavailable, Body: emulator.FaultBody(99)},
		{Status: http.StatusServiceUnavailable, Body: emulator.FaultBody(-1)},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("InjectFaults(%+v) did not panic", f)
				}
			}()
			e.InjectFaults(f)
		}()
	}
	if got := e.PendingFaults(); got != 0 {
		t.Errorf("PendingFaults() = %d after rejected faults, want 0", got)
	}
	e.InjectFaults(emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyCutOff})
	if got := e.PendingFaults(); got != 1 {
		t.Errorf("PendingFaults() = %d after a 200 with a malformed body, want 1", got)
	}
}

func TestFaultKindsAndBodiesHaveReadableNames(t *testing.T) {
	for kind, want := range map[emulator.FaultKind]string{
		{Status: 429, RetryAfter: "1", Body: emulator.FaultBodyJSON}: "429 JSON, Retry-After 1",
		{Status: 502, Body: emulator.FaultBodyHTML}:                  "502 HTML",
		{Status: 200, Body: emulator.FaultBodyTruncatedJSON}:         "200 truncated JSON",
		{Status: 200, Body: emulator.FaultBodyWrongTypes}:            "200 wrong types",
		{Status: 200, Body: emulator.FaultBodyOversized}:             "200 oversized",
		{Status: 200, Body: emulator.FaultBodyCutOff}:                "200 cut off",
		{Status: 500, Body: emulator.FaultBodyEmpty}:                 "500 empty",
		{Status: 500, Body: emulator.FaultBodyDefault}:               "500 default",
		{Status: 500, Body: emulator.FaultBody(42)}:                  "500 FaultBody(42)",
	} {
		if got := kind.String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", kind, got, want)
		}
	}
}
