package emulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
)

// writeFault answers f in place of the endpoint.
func (e *Emulator) writeFault(w http.ResponseWriter, r *http.Request, f Fault) {
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch f.body() {
	case FaultBodyHTML:
		page := gatewayPage(f.Status)
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Length", strconv.Itoa(len(page)))
		w.WriteHeader(f.Status)
		_, _ = w.Write([]byte(page))
	case FaultBodyEmpty:
		w.Header().Set("Content-Length", "0")
		w.WriteHeader(f.Status)
	case FaultBodyTruncatedJSON:
		body := e.faultJSON(r, f)
		writeRaw(w, f.Status, body[:len(body)/2])
	case FaultBodyWrongTypes:
		writeRaw(w, f.Status, wrongTypesJSON(r, f.Status))
	case FaultBodyOversized:
		writeOversized(w, r, f.Status)
	case FaultBodyCutOff:
		writeCutOff(w, f.Status, e.faultJSON(r, f))
	default:
		writeRaw(w, f.Status, e.faultJSON(r, f))
	}
}

// body is the kind of body f answers with, FaultBodyDefault resolved.
func (f Fault) body() FaultBody {
	if f.Body != FaultBodyDefault {
		return f.Body
	}
	if f.Status == http.StatusBadGateway || f.Status == http.StatusGatewayTimeout {
		return FaultBodyHTML
	}
	return FaultBodyJSON
}

// writeRaw answers status with body as JSON, whatever body holds.
func writeRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// writeCutOff announces body in Content-Length, sends its first half and
// ends the answer there: net/http closes a connection whose answer is
// shorter than announced, so the client reads an unexpected end of the body.
func writeCutOff(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body[:len(body)/2])
	_ = http.NewResponseController(w).Flush()
}

// answerKey is the key under "data" of the endpoint's successful answer,
// empty for a path that is no endpoint; "me" stands for the user of
// /v1/me, which is under "user" as the listings' user is.
func answerKey(r *http.Request) string {
	switch {
	case r.URL.Path == playlistsPath, r.URL.Path == libraryPath:
		return "user"
	case r.URL.Path == mePath:
		return "me"
	case r.URL.Path == searchTracksPath:
		return "searchTracks"
	case strings.HasPrefix(r.URL.Path, albumsPath):
		return "album"
	case strings.HasPrefix(r.URL.Path, catalogTracksPath):
		return "track"
	case strings.HasPrefix(r.URL.Path, libraryTracksPath) && r.Method == http.MethodDelete:
		return "removeTrack"
	case strings.HasPrefix(r.URL.Path, libraryTracksPath):
		return "saveTrack"
	}
	return ""
}

// faultJSON is the well-formed JSON a fault's body is made from: the API's
// error body for an error status; for a success, an answer of the shape of
// the endpoint, as if the endpoint had answered (the user's first page of
// no playlists or no saved tracks, the requested track or album, a search
// without results, the current user, or the requested track saved or
// removed).
func (e *Emulator) faultJSON(r *http.Request, f Fault) []byte {
	var v any
	switch {
	case f.Status >= 400:
		code := f.Code
		if code == "" {
			code = faultCode(f.Status)
		}
		v = errorBody{Error: errorDetail{Status: strconv.Itoa(f.Status), Code: code, Message: faultMessage(f.Status)}}
	case r.URL.Path == libraryPath:
		var answer libraryTracksAnswer
		answer.Data.User.ID = e.userID
		answer.Data.User.Tracks.Edges = []edgeJSON{}
		v = answer
	case answerKey(r) == "user":
		var answer playlistsAnswer
		answer.Data.User.ID = e.userID
		answer.Data.User.Playlists.Edges = []edgeJSON{}
		v = answer
	case answerKey(r) == "me":
		name := e.Profile().Name
		var answer meAnswer
		answer.Data.User = e.user(&name)
		v = answer
	case answerKey(r) == "searchTracks":
		var answer searchAnswer
		answer.Data.SearchTracks.Edges = []searchEdgeJSON{}
		v = answer
	case answerKey(r) == "album":
		id := strings.TrimPrefix(r.URL.Path, albumsPath)
		album, ok := e.CatalogAlbum(id)
		if !ok {
			album = CatalogAlbum{ID: id, Tracks: []AlbumTrack{}}
		}
		var answer albumAnswer
		answer.Data.Album = album
		v = answer
	case answerKey(r) == "track":
		id := strings.TrimPrefix(r.URL.Path, catalogTracksPath)
		track, ok := e.Track(id)
		if !ok {
			track = Track{ID: id}
		}
		var answer trackAnswer
		answer.Data.Track = e.catalogDetails(track)
		v = answer
	case answerKey(r) != "":
		id := strings.TrimPrefix(r.URL.Path, libraryTracksPath)
		track, ok := e.Track(id)
		if !ok {
			track = Track{ID: id}
		}
		if answerKey(r) == "removeTrack" {
			var answer removeTrackAnswer
			answer.Data.RemoveTrack = saveTrackResult{Track: track, SaveState: saveStateRemoved}
			v = answer
		} else {
			var answer saveTrackAnswer
			answer.Data.SaveTrack = saveTrackResult{Track: track, SaveState: saveStateSaved}
			v = answer
		}
	default:
		v = map[string]any{"data": map[string]any{}}
	}
	body, err := json.Marshal(v)
	if err != nil {
		panic("emulator: encoding a fault's body: " + err.Error())
	}
	return body
}

// wrongTypesJSON is JSON of the shape faultJSON gives, with values of the
// wrong types.
func wrongTypesJSON(r *http.Request, status int) []byte {
	var v any
	switch key := answerKey(r); {
	case status >= 400:
		v = map[string]any{"error": map[string]any{
			"status": status, "code": status, "message": map[string]any{"text": faultMessage(status)},
		}}
	case key == "user":
		connection := "playlists"
		if r.URL.Path == libraryPath {
			connection = "tracks"
		}
		v = map[string]any{"data": map[string]any{"user": map[string]any{
			"id": 42,
			connection: map[string]any{
				"pageInfo":  map[string]any{"hasNextPage": "false"},
				"edgeCount": "0",
				"edges":     map[string]any{},
			},
		}}}
	case key == "me":
		v = map[string]any{"data": map[string]any{"user": map[string]any{
			"id": 42, "name": []string{"not", "a", "string"}, "images": true,
		}}}
	case key == "searchTracks":
		v = map[string]any{"data": map[string]any{key: map[string]any{
			"pageInfo":  map[string]any{"hasNextPage": "false"},
			"edgeCount": "0",
			"edges":     map[string]any{},
		}}}
	case key == "album":
		v = map[string]any{"data": map[string]any{key: map[string]any{
			"id": 42, "title": []string{"not", "a", "string"}, "tracks": true,
		}}}
	case key == "track":
		v = map[string]any{"data": map[string]any{key: map[string]any{
			"id": 42, "title": []string{"not", "a", "string"}, "isrc": true,
		}}}
	case key != "":
		v = map[string]any{"data": map[string]any{key: map[string]any{
			"track":     map[string]any{"id": 42, "title": []string{"not", "a", "string"}},
			"saveState": true,
		}}}
	default:
		v = map[string]any{"data": []any{}}
	}
	body, err := json.Marshal(v)
	if err != nil {
		panic("emulator: encoding a fault's body: " + err.Error())
	}
	return body
}

// writeOversized answers a well-formed JSON body of exactly
// OversizedBodyBytes: the endpoint's shape, or the error body, with one long
// string, written in chunks. It stops when the client stops reading.
func writeOversized(w http.ResponseWriter, r *http.Request, status int) {
	var head, tail string
	if status >= 400 {
		head = `{"error":{"status":"` + strconv.Itoa(status) + `","code":"` + faultCode(status) + `","message":"`
		tail = `"}}`
	} else {
		key := answerKey(r)
		switch key {
		case "":
			key = "padding"
		case "me":
			key = "user"
		}
		head = `{"data":{"` + key + `":{"padding":"`
		tail = `"}}}`
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(OversizedBodyBytes))
	w.WriteHeader(status)
	if _, err := w.Write([]byte(head)); err != nil {
		return
	}
	chunk := []byte(strings.Repeat("x", 64<<10))
	for left := OversizedBodyBytes - len(head) - len(tail); left > 0; left -= len(chunk) {
		if left < len(chunk) {
			chunk = chunk[:left]
		}
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
	_, _ = w.Write([]byte(tail))
}

// faultCode is the default error code of a fault's status.
func faultCode(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return CodeThrottled
	case http.StatusUnauthorized:
		return CodeInvalidAccessToken
	}
	text := http.StatusText(status)
	if text == "" {
		return "ERROR"
	}
	var b strings.Builder
	for _, c := range strings.ToUpper(text) {
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case c == ' ' || c == '-':
			b.WriteByte('_')
		}
	}
	return b.String()
}

// faultMessage is the message of a fault's JSON body.
func faultMessage(status int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Rate exceeded"
	case http.StatusUnauthorized:
		return "the access token is invalid or has expired"
	}
	if text := http.StatusText(status); text != "" {
		return text
	}
	return "HTTP status " + strconv.Itoa(status)
}

// gatewayPage is the HTML page a gateway answers a failure with.
func gatewayPage(status int) string {
	title := strconv.Itoa(status)
	if text := http.StatusText(status); text != "" {
		title += " " + text
	}
	return "<html>\r\n<head><title>" + title + "</title></head>\r\n" +
		"<body>\r\n<center><h1>" + title + "</h1></center>\r\n" +
		"</body>\r\n</html>\r\n"
}
