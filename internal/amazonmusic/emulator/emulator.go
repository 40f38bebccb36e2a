// Package emulator is an in-memory fake of the Amazon Music Web API v1, in the
// spirit of net/http/httptest: the client's tests, the provider's acceptance
// tests and the demo all run against it.
//
// It speaks the API's JSON and nothing else: it shares no code with the
// client. It serves
//
//	GET    /v1/me
//	PUT    /v1/me
//	GET    /v1/me/playlists?limit=N&cursor=C
//	GET    /v1/me/library/tracks?limit=N&cursor=C
//	PUT    /v1/me/library/tracks/{id}
//	DELETE /v1/me/library/tracks/{id}
//	GET    /v1/tracks/{id}
//	GET    /v1/albums/{id}
//	POST   /v1/playlists
//	GET    /v1/playlists/{id}
//	PUT    /v1/playlists/{id}
//	DELETE /v1/playlists/{id}
//	GET    /v1/playlists/{id}/tracks?limit=N&cursor=C
//	PUT    /v1/playlists/{id}/tracks
//	POST   /v1/search/tracks
//	POST   /auth/o2/token
//
// The reference leaves out the listing of the library and the catalog read
// of a track; the emulator answers the listing in the shape of the
// reference's other answers (see LibraryListing) and the catalog read in the
// shape of Amazon's published Tracks page (see CatalogTrack). It answers the
// playlist endpoints that Amazon does not publish in full in the shapes of
// the reference's other answers too (see playlist_endpoints.go), and the
// search of tracks, the read of an album and the current user as Amazon's
// Search, Albums and User pages publish them (see search.go, CatalogAlbum
// and user.go).
// The last is the token endpoint of Login with Amazon (another host in
// production, see TokenPath): it exchanges a refresh token for an access
// token that the API endpoints accept until it expires.
//
// Every request goes through the same steps, in this order:
//
//  1. it is counted (see Count), whatever happens next;
//  2. Options.Latency (or SetLatency) is waited (a write's body is read
//     first, see below);
//     then an API request (path under /v1/) beyond Options.RateLimit is
//     answered 429 THROTTLED with a Retry-After (see Options.RateLimit),
//     and so are the first attempts of each distinct API request when
//     Options.RefuseEachRequest asks for it;
//  3. the first queued Fault that matches it is consumed or, when none
//     matches, a random fault is drawn (Options.FaultRate); a fault with a
//     Status is answered (faults stand in for the gateway, so they come
//     before authentication);
//  4. credentials are checked: a missing or wrong x-api-key is answered 403,
//     a missing, malformed, wrong or expired bearer token 401 (the token
//     endpoint checks the client's credentials instead, and answers in the
//     OAuth 2.0 error format);
//  5. the endpoint answers (routes.go hands the request to it through an
//     http.ServeMux), or 404 for an unknown path and 405 for a method the
//     path does not support.
//
// A read (GET, and every method but the writes) stops as soon as its
// request's context is done, client gone or server stopping: a wait cut
// short is answered 503 SERVICE_UNAVAILABLE, which nobody may read. A write
// (PUT, POST, DELETE or PATCH, the token endpoint's POST included) is
// completed once received, as a real server completes it whatever the
// client does: its body is read before any wait, its latency and fault
// Delay are waited in full whatever its context (which bounds how long it
// is held), and the steps above run to the end, so that a library save or
// removal, or a playlist's creation, update, deletion or tracks, is applied
// even when the client disconnected or the server went down (see
// Server.Down) meanwhile; only the writing of the answer then fails.
//
// Errors carry the API's body {"error":{"status":"404","code":"...",
// "message":"..."}}; see the Code constants.
//
// The files: emulator.go holds Options, New and the steps above; auth.go
// checks credentials, token.go serves the token endpoint, throttle.go and
// refusals.go throttle, and faults.go, random_faults.go and fault_bodies.go
// inject faults. routes.go maps the endpoints to their handlers, one file
// per family of endpoints: library.go (saving and removing a track, and
// the library as tests see it, kept in order by library_index.go),
// library_listing.go (its listing), catalog.go (the catalog and the read
// of a track), albums.go (the read of an album), search.go (the search of
// tracks), user.go (the current user), playlists_listing.go (the listing
// of the playlists), playlist_endpoints.go (one playlist and its tracks),
// with playlists.go (the playlists New makes) and playlist_state.go (what
// requests change of them); paging.go holds what the listings share. counts.go records what
// tests read of the requests (counts, requests in flight, faults answered,
// cursors sent); errors.go writes error answers; write_completion.go and
// wait.go complete writes and wait; server.go serves the emulator on a
// loopback address that can go down.
package emulator

import (
	"net/http"
	"sync"
	"time"
)

// Default credentials the emulator accepts when Options leaves them empty.
const (
	DefaultAPIKey      = "amzn1.application.e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0"
	DefaultAccessToken = "Atza|emulator-access-token"
	DefaultUserID      = "6ozjgidgbvjdv3j6dd5jm7ipom"
)

// Options configures an Emulator.
type Options struct {
	APIKey      string // accepted x-api-key; DefaultAPIKey when empty
	AccessToken string // accepted bearer token; DefaultAccessToken when empty
	UserID      string // DefaultUserID when empty
	// Playlists is how many playlists the user owns. The first two are the
	// reference's own examples ("00 Rock", and "311 Day" with no eligibility,
	// no visibility and an image without imageType); the rest are generated,
	// every third one leaving optional fields out.
	Playlists int
	// PageCap is the most items a page of each paged answer holds,
	// whatever limit the client asks for: the playlists (GET
	// /v1/me/playlists), the saved tracks (GET /v1/me/library/tracks), a
	// playlist's tracks (GET /v1/playlists/{id}/tracks) and the tracks
	// found (POST /v1/search/tracks). 0: no cap beyond limit.
	PageCap int
	// CatalogSize adds generated tracks TrackID(0)..TrackID(CatalogSize-1) to
	// the built-in catalog (which holds the reference's tracks). It is capped
	// at MaxCatalogSize.
	CatalogSize int
	// AnyTrackID makes every well-formed catalog id (10 uppercase letters or
	// digits) a catalog track: one the catalog does not hold otherwise is
	// answered with a title, ISRC and URL derived from its id (see
	// Emulator.Track), so that a configuration's own ids can be tried.
	AnyTrackID bool
	// Latency is added to every request.
	Latency time.Duration
	// PageTokens makes every page of playlists that has a next page carry
	// pageInfo.token, an opaque string the emulator accepts as cursor, as
	// some responses of the wider API do. The last page has no token. The
	// cursors of the edges keep working either way.
	PageTokens bool
	// FaultRate is the fraction of API requests (paths under /v1/) answered
	// with a random transient fault instead of normally: 429 with
	// Retry-After "0", "1" or none, 500, 502, 503 or 504 (see
	// RandomFaultKinds). A request that takes a queued fault (InjectFaults)
	// draws no random one. The rate is clamped to [0, 1]; 0 disables random
	// faults. SetRandomFaults changes it later.
	FaultRate float64
	// FaultSeed seeds the random faults: with the same seed, the n-th API
	// request draws the same fault, or none, every time.
	FaultSeed int64
	// AliasEvery, when positive, makes generated track i answer as track
	// AliasTrackID(i) when i is a multiple of AliasEvery, as the reference's
	// B097S29G3W answers B097S185X9: saving, removing or reading either id
	// concerns that one track.
	AliasEvery int
	// SharedISRCEvery, when positive, makes generated track i carry the
	// ISRC of track i-1 when i%SharedISRCEvery == 1, as one recording
	// released both as a single and on an album: the catalog read, the
	// library endpoints and search then agree that both tracks have that
	// ISRC, and no track carries i's own. Emulator.ISRC tells the ISRC of
	// each track. 1 shares none.
	SharedISRCEvery int
	// SearchNodes is the shape of the nodes of POST /v1/search/tracks: the
	// catalog's track as GET /v1/tracks/{id} answers it (the default), or
	// only its id and title, as much as Amazon's published example shows.
	SearchNodes SearchNodeShape
	// ListingNames says how the listing of the library names a track saved
	// by an aliased id: by the id the save answered (the default) or by the
	// id the save named.
	ListingNames ListingNaming
	// LibraryListingStatus, when not 0, answers every request for the
	// listing of the library (GET /v1/me/library/tracks) with that status
	// (400 to 599), as for an account whose API does not offer the listing:
	// 404 NOT_FOUND as for a path the API does not serve, 403
	// INSUFFICIENT_SCOPE, 405 METHOD_NOT_ALLOWED, others with the code of
	// their status text. New panics on other values;
	// SetLibraryListingStatus changes it later.
	LibraryListingStatus int
	// LibraryListingShape is the shape of the listing's successful answers:
	// the reference's (the default), the V2 API's, or data.user without
	// the tracks. SetLibraryListingShape changes it later.
	LibraryListingShape ListingShape

	// ReplacePlaylistTracks makes PUT /v1/playlists/{id}/tracks replace the
	// playlist's tracks with those sent; without it the request appends
	// them. Amazon does not say which it does.
	ReplacePlaylistTracks bool
	// CreatePlaylistStatus, when 404 or 405, answers POST /v1/playlists
	// with that status, and PlaylistTracksStatus the requests for
	// /v1/playlists/{id}/tracks, as an API without those endpoints would.
	// 0 serves them; New panics on other values.
	CreatePlaylistStatus int
	PlaylistTracksStatus int

	// ClientID, ClientSecret and RefreshToken are what the token endpoint
	// accepts; DefaultClientID, DefaultClientSecret and DefaultRefreshToken
	// when empty.
	ClientID     string
	ClientSecret string
	RefreshToken string
	// TokenLifetime is how long an access token from the token endpoint is
	// accepted (DefaultTokenLifetime when 0 or less). The answer reports it
	// in whole seconds, rounded down and at least 1: a lifetime under a
	// second makes tokens expire before the client expects them to.
	TokenLifetime time.Duration
	// RotateRefreshTokens makes each refresh answer a new refresh token and
	// retire the one presented, which is refused from then on. Without it
	// the token endpoint answers the refresh token it was given, as Login
	// with Amazon does.
	RotateRefreshTokens bool

	// RateLimit, when positive, limits the API requests (paths under /v1/)
	// to that many a second, as a token bucket of RateBurst requests (the
	// rate rounded up, at least 1, when RateBurst is 0 or less: about a
	// second of requests) that starts full. A request that finds the bucket
	// empty is answered 429 THROTTLED with a Retry-After of the seconds
	// until the bucket holds a token again, rounded up, at least "1"; it
	// takes no token. Throttled counts them; SetRateLimit changes the limit
	// later. Faults, credentials and the endpoint come after the limit: a
	// throttled request consumes no queued fault.
	RateLimit float64
	RateBurst int
	// RefuseEachRequest, when positive, answers the first RefuseEachRequest
	// attempts of each distinct API request (method and path, query aside)
	// 429 THROTTLED, with RefusalRetryAfter as Retry-After (none when
	// empty): a limit per resource, or a lock, rather than an account-wide
	// rate. It applies after RateLimit; Refused counts these answers and
	// SetRefusals changes the setting later.
	RefuseEachRequest int
	RefusalRetryAfter string
}

// Emulator is the fake API. It implements http.Handler and is safe for
// concurrent use.
type Emulator struct {
	apiKey      string
	userID      string
	pageCap     int
	catalogSize int
	anyTrackID  bool
	pageTokens  bool
	aliasEvery  int

	// sharedISRCEvery and searchNodes are Options.SharedISRCEvery and
	// Options.SearchNodes.
	sharedISRCEvery int
	searchNodes     SearchNodeShape

	// listingNames is Options.ListingNames.
	listingNames ListingNaming

	// plMu guards the playlists and everything about them.
	plMu sync.RWMutex
	// playlists are the user's playlists in the listing's order, deleted
	// ones included (see playlist.deleted), so that cursors keep their
	// index; playlistIndex maps ids to indexes once a request needs it.
	playlists     []playlist
	playlistIndex map[string]int
	// created counts the playlists created, and entries the playlist
	// entries made, to derive new ids.
	created, entries int
	// Switches of the playlist endpoints (see Options).
	replaceTracks              bool
	createStatus, tracksStatus int

	// tokens is the token endpoint's state; it has its own lock.
	tokens *tokenEndpoint
	// throttle is Options.RateLimit and inFlight counts the requests being
	// served; each has its own lock.
	throttle *throttle
	inFlight inFlight
	// refusals is Options.RefuseEachRequest; it has its own lock.
	refusals refusals

	mu          sync.Mutex
	accessToken string
	latency     time.Duration
	library     libraryIndex
	faults      []Fault
	random      randomFaults
	injected    map[FaultKind]int
	counts      map[requestKey]int
	cursors     []string

	// listingStatus and listingShape are Options.LibraryListingStatus and
	// Options.LibraryListingShape; libraryCursors are the
	// cursors of the library listing's requests (see LibraryCursors).
	listingStatus  int
	listingShape   ListingShape
	libraryCursors []string
	// profile is what PUT /v1/me stored of the user (see Profile).
	profile Profile
	// injectedByMethod counts the faults answered, by request method.
	injectedByMethod map[string]int

	// mux hands an authorized request to its endpoint (see routes.go).
	mux *http.ServeMux
}

// New returns an emulator with the given options. Negative sizes count as 0.
func New(opts Options) *Emulator {
	e := &Emulator{
		apiKey:      opts.APIKey,
		accessToken: opts.AccessToken,
		userID:      opts.UserID,
		pageCap:     max(opts.PageCap, 0),
		catalogSize: min(max(opts.CatalogSize, 0), MaxCatalogSize),
		anyTrackID:  opts.AnyTrackID,
		pageTokens:  opts.PageTokens,
		aliasEvery:  max(opts.AliasEvery, 0),
		latency:     max(opts.Latency, 0),
		random:      newRandomFaults(opts.FaultRate, opts.FaultSeed),
		injected:    make(map[FaultKind]int),
		counts:      make(map[requestKey]int),
		tokens:      newTokenEndpoint(opts),
		throttle:    newThrottle(opts.RateLimit, opts.RateBurst),
	}
	if e.apiKey == "" {
		e.apiKey = DefaultAPIKey
	}
	if e.accessToken == "" {
		e.accessToken = DefaultAccessToken
	}
	if e.userID == "" {
		e.userID = DefaultUserID
	}
	e.playlists = buildPlaylists(max(opts.Playlists, 0), e.userID)
	e.profile = defaultProfile
	e.sharedISRCEvery = max(opts.SharedISRCEvery, 0)
	e.searchNodes = opts.SearchNodes
	e.listingNames = opts.ListingNames
	e.listingShape = opts.LibraryListingShape
	e.SetRefusals(opts.RefuseEachRequest, opts.RefusalRetryAfter)
	e.replaceTracks = opts.ReplacePlaylistTracks
	e.createStatus = checkEndpointStatus("create playlist", opts.CreatePlaylistStatus)
	e.tracksStatus = checkEndpointStatus("playlist tracks", opts.PlaylistTracksStatus)
	e.SetLibraryListingStatus(opts.LibraryListingStatus)
	e.mux = e.routes()
	return e
}

// ServeHTTP answers one API request.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.count(r)
	defer e.inFlight.enter()()
	if isWrite(r.Method) {
		r = receiveWrite(r)
	}
	ctx := r.Context()

	if !wait(ctx, e.currentLatency()) {
		writeCanceled(w)
		return
	}
	if e.throttleRequest(w, r) {
		return
	}
	f, ok := e.takeFault(r)
	if !ok {
		f, ok = e.drawRandomFault(r)
	}
	if ok {
		if !wait(ctx, f.Delay) {
			writeCanceled(w)
			return
		}
		if f.Status != 0 {
			e.recordInjected(r, f)
			e.writeFault(w, r, f)
			return
		}
	}
	if r.URL.Path == TokenPath {
		// Login with Amazon is another host: no x-api-key, no bearer token.
		e.tokens.serve(w, r)
		return
	}
	if !e.authorize(w, r) {
		return
	}
	e.route(w, r)
}

// SetLatency changes the latency added to every request from now on
// (Options.Latency at first). Requests already waiting keep their latency.
func (e *Emulator) SetLatency(d time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.latency = max(d, 0)
}

func (e *Emulator) currentLatency() time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.latency
}

// SetAccessToken changes the bearer token the emulator accepts; an empty
// token restores DefaultAccessToken. Requests with the previous token are
// then answered 401 INVALID_ACCESS_TOKEN, as an expired token would be.
func (e *Emulator) SetAccessToken(token string) {
	if token == "" {
		token = DefaultAccessToken
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.accessToken = token
}
