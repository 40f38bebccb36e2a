package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// An authorized request reaches its endpoint through an http.ServeMux of
// method-and-path patterns ("PUT /v1/me/library/tracks/{id...}"), built
// once by New from the endpoints below. The mux never answers on its own:
// every path of an endpoint also has a pattern for any other method,
// which answers 405 METHOD_NOT_ALLOWED with the API's JSON body and an
// Allow header, and "/" answers every other path 404 NOT_FOUND. HEAD is
// no method of the API: ServeMux would hand it to a GET pattern, so it
// gets the 405 of its path explicitly.
//
// The mux matches the request's decoded path, as the emulator always has
// (see muxPath), and a track id is the rest of the path ({id...}), even
// when that rest holds a slash: the catalog then answers that no such
// track exists.

// Paths of the endpoints, for what looks at a request's path outside the
// mux: the bodies of faults take the shape of the endpoint's answer (see
// faultJSON).
const (
	playlistsPath     = "/v1/me/playlists"
	libraryPath       = "/v1/me/library/tracks"
	libraryTracksPath = libraryPath + "/"
	catalogTracksPath = "/v1/tracks/"
	searchTracksPath  = "/v1/search/tracks"
	albumsPath        = "/v1/albums/"
	mePath            = "/v1/me"
)

// endpoint is a path pattern of the API and the methods it takes.
type endpoint struct {
	// pattern is the path part of the mux patterns, such as
	// "/v1/playlists/{id}".
	pattern string
	// methods are the methods the path takes, in the order the Allow
	// header of its 405 lists them. None: the path answers every method
	// 405 with an empty Allow header.
	methods []method
	// check, when set, runs first, whatever the method: it answers the
	// request and returns false when the path names no endpoint after all,
	// or when the options refuse the endpoint.
	check func(w http.ResponseWriter, r *http.Request) bool
}

// method is a method an endpoint takes and its handler.
type method struct {
	name  string
	serve http.HandlerFunc
}

// endpoints returns the endpoints of the API that the emulator serves,
// as the options shape them: Options.CreatePlaylistStatus and
// Options.PlaylistTracksStatus leave an endpoint out (404) or take its
// methods away (405; the tracks of a playlist keep GET).
func (e *Emulator) endpoints() []endpoint {
	endpoints := []endpoint{
		{pattern: "/v1/me", methods: []method{
			{http.MethodGet, e.serveUser},
			{http.MethodPut, e.serveUpdateUser},
		}},
		{pattern: "/v1/me/playlists", methods: []method{
			{http.MethodGet, e.servePlaylists},
		}},
		{pattern: "/v1/me/library/tracks", check: e.libraryListingOffered, methods: []method{
			{http.MethodGet, e.serveLibraryTracks},
		}},
		{pattern: "/v1/me/library/tracks/{id...}", check: idNotEmpty, methods: []method{
			{http.MethodPut, e.saveTrack},
			{http.MethodDelete, e.removeTrack},
		}},
		{pattern: "/v1/tracks/{id...}", check: idNotEmpty, methods: []method{
			{http.MethodGet, e.serveTrack},
		}},
		{pattern: "/v1/albums/{id...}", check: idNotEmpty, methods: []method{
			{http.MethodGet, e.serveAlbum},
		}},
		{pattern: "/v1/search/tracks", methods: []method{
			{http.MethodPost, e.serveSearchTracks},
		}},
		{pattern: "/v1/playlists/{id}", check: idWithoutSlash, methods: []method{
			{http.MethodGet, e.servePlaylist},
			{http.MethodPut, e.serveUpdatePlaylist},
			{http.MethodDelete, e.serveDeletePlaylist},
		}},
	}
	switch e.createStatus {
	case 0:
		endpoints = append(endpoints, endpoint{pattern: "/v1/playlists", methods: []method{
			{http.MethodPost, e.serveNewPlaylist},
		}})
	case http.StatusMethodNotAllowed:
		endpoints = append(endpoints, endpoint{pattern: "/v1/playlists"})
	}
	tracks := endpoint{pattern: "/v1/playlists/{id}/tracks", check: idWithoutSlash, methods: []method{
		{http.MethodGet, e.servePlaylistTracks},
	}}
	switch e.tracksStatus {
	case 0:
		tracks.methods = append(tracks.methods, method{http.MethodPut, e.serveAddTracks})
		endpoints = append(endpoints, tracks)
	case http.StatusMethodNotAllowed:
		endpoints = append(endpoints, tracks)
	}
	return endpoints
}

// routes returns the mux of the endpoints.
func (e *Emulator) routes() *http.ServeMux {
	mux := http.NewServeMux()
	for _, ep := range e.endpoints() {
		allowed := make([]string, len(ep.methods))
		for i, m := range ep.methods {
			allowed[i] = m.name
			mux.HandleFunc(m.name+" "+ep.pattern, ep.checked(m.serve))
		}
		notAllowed := ep.checked(func(w http.ResponseWriter, r *http.Request) {
			writeMethodNotAllowed(w, r, allowed...)
		})
		mux.HandleFunc("HEAD "+ep.pattern, notAllowed)
		mux.HandleFunc(ep.pattern, notAllowed)
	}
	mux.HandleFunc("/", writeNoEndpoint)
	// Without a pattern of its own, ServeMux would redirect /v1/tracks to
	// /v1/tracks/, where "GET /v1/tracks/{id...}" matches an empty id; the
	// same goes for /v1/albums.
	mux.HandleFunc("/v1/tracks", writeNoEndpoint)
	mux.HandleFunc("/v1/albums", writeNoEndpoint)
	return mux
}

// checked returns serve, preceded by the endpoint's check when it has one.
func (ep endpoint) checked(serve http.HandlerFunc) http.HandlerFunc {
	if ep.check == nil {
		return serve
	}
	return func(w http.ResponseWriter, r *http.Request) {
		if ep.check(w, r) {
			serve(w, r)
		}
	}
}

// idNotEmpty answers 404, as for a path that names no endpoint, when the
// {id...} of r is empty: /v1/tracks/ names no track.
func idNotEmpty(w http.ResponseWriter, r *http.Request) bool {
	if r.PathValue("id") == "" {
		writeNoEndpoint(w, r)
		return false
	}
	return true
}

// idWithoutSlash answers 404, as for a path that names no endpoint, when
// the {id} of r holds a slash, which an empty segment before it gives
// (/v1/playlists//tracks, see muxPath): a playlist id is one segment.
func idWithoutSlash(w http.ResponseWriter, r *http.Request) bool {
	if strings.Contains(r.PathValue("id"), "/") {
		writeNoEndpoint(w, r)
		return false
	}
	return true
}

// route hands an authorized request to its endpoint, through e.mux.
func (e *Emulator) route(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/") {
		// An authority (CONNECT), "*" or an absolute URL without a path.
		writeNoEndpoint(w, r)
		return
	}
	routed := r.WithContext(r.Context())
	u := *r.URL
	u.RawPath = muxPath(r.URL.Path)
	routed.URL = &u
	e.mux.ServeHTTP(w, routed)
}

// muxPath returns the escaped form of path, a request's decoded path, that
// the mux matches. The emulator routes on the decoded path: an escaped
// slash (%2F) separates segments as a slash does. ServeMux matches an
// escaped path segment by segment, each unescaped, and redirects a path
// with an empty, "." or ".." segment to its cleaned form, where the
// emulator answers such a path like any other. So each segment is
// escaped, its dots included, and a slash that would begin an empty
// segment is escaped into the next one: "/v1/tracks/a//b" becomes
// "/v1/tracks/a/%2Fb", whose {id...} is "a//b", and in which "%2Fb"
// matches no literal segment.
func muxPath(path string) string {
	segments := strings.Split(path, "/")
	var b strings.Builder
	b.Grow(len(path))
	for i, segment := range segments {
		switch {
		case i > 1 && segments[i-1] == "":
			b.WriteString("%2F")
		case i > 0:
			b.WriteByte('/')
		}
		b.WriteString(strings.ReplaceAll(url.PathEscape(segment), ".", "%2E"))
	}
	return b.String()
}
