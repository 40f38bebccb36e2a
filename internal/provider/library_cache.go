package provider

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// libraryCache is the provider's one reader of the listing of the library
// (GET /v1/me/library/tracks), which is not in Amazon's published reference.
// Everything that needs the saved tracks asks it: the Reads of
// amazonmusic_library_track and amazonmusic_library_tracks through lookup,
// and whatever needs the whole library through all. A run walks the listing
// once, ceil(N/page size) requests for N saved tracks, whatever the number
// of callers.
//
// The first call walks the listing; calls made meanwhile wait for that walk
// (a single flight) and share its result. Every save and removal the
// provider makes updates the cache in place when it succeeds and empties it
// when it fails, as its outcome is then unknown. A walk that fails is
// remembered, so that a plan over many tracks does not walk a failing
// listing once per track, except when it ended because the context of the
// call that started it was canceled: a call with a live context then walks
// again.
//
// Errors of lookup and all:
//
//   - *listingUnavailableError: the account does not offer the listing. It
//     answered a status that will not change on retry (a 4xx other than
//     401 and 429, or 501) or a 200 without the expected collection, and
//     the credentials were then checked once with a published endpoint
//     (GET /v1/me/playlists?limit=1), which accepted them. Drift detection
//     is off for the rest of the provider's life: every later call fails
//     with this error at once, without a request. Callers keep what they
//     know and warn once (see listingDiagnostics).
//   - *listingCredentialsError: the API refused the credentials (401 on the
//     listing, or 401 or 403 on the check as well). Never a warning.
//   - any other error: the listing failed (network, 5xx after the retries,
//     a malformed page).
//
// It is safe for concurrent use.
type libraryCache struct {
	client *amazonmusic.Client

	mu sync.Mutex
	// listed is what the last walk found, kept up to date by the writes;
	// nil until a walk succeeded, and after a write failed.
	listed *libraryListing
	// walking is closed when the walk in progress ends; nil when none is.
	walking chan struct{}
	// err is the error of the last walk, when it failed for a reason other
	// than its own context; writes clear it.
	err error
	// unavailable is set once the account was found not to offer the
	// listing.
	unavailable *listingUnavailableError
	// warned records that a call was told to warn of unavailable.
	warned bool
	// writes counts the saves and removals: a walk that saw a write start
	// meanwhile does not fill the cache.
	writes uint64
}

// libraryListing is the content of the listing: the saved tracks by the id
// the listing names them by, and those ids in the listing's order. order
// may hold ids removed since, and an id removed and saved again twice.
type libraryListing struct {
	byID  map[string]amazonmusic.Track
	order []string
	// byURLID maps the track id of a node's url (its trackAsin) to the id
	// the listing names the node by, for the nodes where they differ: a
	// listing that names a track by the id its save sent still tells, in
	// the url, the id the API answered.
	byURLID map[string]string
}

// find returns the node the listing names by id, or whose url names id.
func (l *libraryListing) find(id string) (amazonmusic.Track, bool) {
	if t, ok := l.byID[id]; ok {
		return t, true
	}
	if listed, ok := l.byURLID[id]; ok {
		t, ok := l.byID[listed]
		return t, ok
	}
	return amazonmusic.Track{}, false
}

// listingPageSize is the page size the cache asks the listing for.
const listingPageSize = amazonmusic.MaxPageSize

// newLibraryCache returns an empty cache that reads the listing with client.
func newLibraryCache(client *amazonmusic.Client) *libraryCache {
	return &libraryCache{client: client}
}

// lookup reports whether the listing names a saved track by one of ids, or
// holds one whose url names it (the first id found wins), and, when it
// does, the track's node. Empty ids are skipped.
func (c *libraryCache) lookup(ctx context.Context, ids ...string) (amazonmusic.Track, bool, error) {
	var track amazonmusic.Track
	var saved bool
	err := c.view(ctx, func(l *libraryListing) {
		for _, id := range ids {
			if id != "" {
				if track, saved = l.find(id); saved {
					return
				}
			}
		}
	})
	return track, saved, err
}

// all returns every track the listing holds, in the listing's order, each
// under the id the listing names it by; tracks the provider saved during
// the run come last.
func (c *libraryCache) all(ctx context.Context) ([]amazonmusic.Track, error) {
	var tracks []amazonmusic.Track
	err := c.view(ctx, func(l *libraryListing) {
		tracks = make([]amazonmusic.Track, 0, len(l.byID))
		seen := make(map[string]struct{}, len(l.byID))
		for _, id := range l.order {
			t, ok := l.byID[id]
			if _, dup := seen[id]; ok && !dup {
				seen[id] = struct{}{}
				tracks = append(tracks, t)
			}
		}
	})
	return tracks, err
}

// view calls read with the content of the listing, walking it when the
// cache is empty or waiting for the walk in progress. read runs with the
// cache locked and must not keep l.
func (c *libraryCache) view(ctx context.Context, read func(l *libraryListing)) error {
	for {
		c.mu.Lock()
		switch {
		case c.unavailable != nil:
			err := &listingUnavailableError{err: c.unavailable.err, warn: !c.warned}
			c.warned = true
			c.mu.Unlock()
			return err
		case c.err != nil:
			err := c.err
			c.mu.Unlock()
			return err
		case c.listed != nil:
			read(c.listed)
			c.mu.Unlock()
			return nil
		case c.walking != nil:
			walking := c.walking
			c.mu.Unlock()
			select {
			case <-walking:
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		walking := make(chan struct{})
		c.walking = walking
		writes := c.writes
		c.mu.Unlock()

		listed, err := c.walk(ctx)

		c.mu.Lock()
		c.walking = nil
		close(walking)
		var unavailable *listingUnavailableError
		switch {
		case err == nil && c.writes == writes:
			c.listed = listed
		case err == nil:
			// A write started during the walk: the next call walks again,
			// this one answers from what it saw.
		case errors.As(err, &unavailable):
			c.unavailable = unavailable
			c.mu.Unlock()
			continue
		case ctx.Err() == nil:
			c.err = err
		}
		if err == nil {
			read(listed)
		}
		c.mu.Unlock()
		return err
	}
}

// walk reads every page of the listing. When the listing fails in a way
// that says the account may not offer it, it checks the credentials (see
// checkCredentials).
func (c *libraryCache) walk(ctx context.Context) (*libraryListing, error) {
	_, tracks, err := c.client.LibraryTracks(ctx, listingPageSize)
	if err != nil {
		return nil, c.explain(ctx, err)
	}
	l := &libraryListing{
		byID:    make(map[string]amazonmusic.Track, len(tracks)),
		order:   make([]string, len(tracks)),
		byURLID: make(map[string]string),
	}
	for i, t := range tracks {
		l.byID[t.ID] = t
		l.order[i] = t.ID
		if t.URL == nil {
			continue
		}
		if urlID, err := amazonmusic.TrackIDFromURL(*t.URL); err == nil && urlID != t.ID {
			l.byURLID[urlID] = t.ID
		}
	}
	return l, nil
}

// explain returns the error of a failed walk: a *listingCredentialsError
// for a 401, and for an answer that may mean the account does not offer the
// listing, what one request to a published endpoint tells about the
// credentials: accepted (*listingUnavailableError), refused
// (*listingCredentialsError), or unknown (err, with the check's error).
func (c *libraryCache) explain(ctx context.Context, err error) error {
	var apiErr *amazonmusic.APIError
	if errors.Is(err, amazonmusic.ErrUnauthorized) && errors.As(err, &apiErr) {
		return &listingCredentialsError{refused: apiErr}
	}
	if !mayNotBeOffered(err) {
		return err
	}
	_, checkErr := c.client.PlaylistsPage(ctx, 1, "")
	switch {
	case checkErr == nil:
		return &listingUnavailableError{err: err}
	case (errors.Is(checkErr, amazonmusic.ErrUnauthorized) || errors.Is(checkErr, amazonmusic.ErrForbidden)) &&
		errors.As(checkErr, &apiErr):
		return &listingCredentialsError{refused: apiErr, listing: err}
	}
	return &listingCheckError{listing: err, check: checkErr}
}

// mayNotBeOffered reports whether err is an answer of the listing that an
// account without it could give: a status that will not change on retry
// (a 4xx other than 401 and 429, or 501), or a 200 without the collection.
func mayNotBeOffered(err error) bool {
	var shape *amazonmusic.ShapeError
	if errors.As(err, &shape) {
		return true
	}
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch s := apiErr.StatusCode; {
	case s == http.StatusUnauthorized, s == http.StatusTooManyRequests:
		return false
	case s >= 400 && s < 500, s == http.StatusNotImplemented:
		return true
	}
	return false
}

// saved records that the track sent was saved; track is what the API
// answered, nil when it answered no track. The track is recorded under the
// id the API answered, by which the listing most likely names it.
func (c *libraryCache) saved(sent string, track *amazonmusic.Track) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	if c.listed == nil {
		return
	}
	node := amazonmusic.Track{ID: sent}
	if track != nil {
		if track.ID != "" {
			node.ID = track.ID
		}
		node.Title, node.ISRC, node.URL = track.Title, track.ISRC, track.URL
	}
	if _, ok := c.listed.byID[node.ID]; !ok {
		c.listed.order = append(c.listed.order, node.ID)
	}
	c.listed.byID[node.ID] = node
}

// removed records that the track the ids name (the id sent, and the ids the
// API answered for it) is no longer saved. Empty ids are skipped.
func (c *libraryCache) removed(ids ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	if c.listed == nil {
		return
	}
	for _, id := range ids {
		delete(c.listed.byID, id)
	}
}

// writeFailed records a save or removal whose outcome is unknown: the cache
// is emptied, and the next call walks the listing again.
func (c *libraryCache) writeFailed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	c.listed = nil
}

// listingUnavailableError means that the account does not offer the listing
// of the library: the listing failed in a way that will not change on retry
// while a published endpoint accepted the same credentials (see
// libraryCache).
type listingUnavailableError struct {
	// err is the listing's answer: an *amazonmusic.APIError or an
	// *amazonmusic.ShapeError.
	err error
	// warn is true for the one call that should tell the user.
	warn bool
}

func (e *listingUnavailableError) Error() string {
	return "the API does not offer the listing of the library: " + e.reason()
}

func (e *listingUnavailableError) Unwrap() error { return e.err }

// reason names the listing's status, or the shape of its answer.
func (e *listingUnavailableError) reason() string {
	var shape *amazonmusic.ShapeError
	if errors.As(e.err, &shape) {
		return shape.Method + " " + shape.Path + " answered HTTP 200 without " + shape.Missing +
			", where the API's paged listings have their items"
	}
	return e.err.Error()
}

// listingCredentialsError means that the API refused the credentials: the
// listing answered 401, or the published endpoint checked after it answered
// 401 or 403.
type listingCredentialsError struct {
	// refused is the answer that refused the credentials.
	refused *amazonmusic.APIError
	// listing is the listing's own failure when refused is the check's.
	listing error
	// advised records that a diagnostic gave the error in full, with its
	// advice: the others of the run give it briefly (see diagnostic).
	advised atomic.Bool
}

// diagnostic returns the error's text for a diagnostic: in full the first
// time, and briefly afterwards, so that a run whose resources all meet the
// refusal gives its advice once.
func (e *listingCredentialsError) diagnostic() string {
	if e.advised.CompareAndSwap(false, true) {
		return e.Error()
	}
	return "the Amazon Music API refused the provider's credentials: " + briefError(e.refused) +
		" (see the first error of this kind for what to do)"
}

func (e *listingCredentialsError) Error() string {
	var b strings.Builder
	b.WriteString("the Amazon Music API refused the provider's credentials: ")
	b.WriteString(e.refused.Error())
	if e.listing != nil {
		b.WriteString(" (the listing of the library answered: " + e.listing.Error() + ")")
	}
	switch {
	case errors.Is(e.refused, amazonmusic.ErrUnauthorized) && e.refused.Hint != "":
		// The client's hint says how to keep access tokens valid.
	case errors.Is(e.refused, amazonmusic.ErrUnauthorized):
		b.WriteString(". The access token is missing, wrong or expired: set refresh_token, client_id and client_secret " +
			"so that the provider gets new ones, or give a fresh access_token")
	default:
		b.WriteString(". " + forbiddenAdvice)
	}
	return b.String()
}

func (e *listingCredentialsError) Unwrap() error { return e.refused }

// listingCheckError is a listing that failed as for an account without it,
// while the check of the credentials failed for another reason (network,
// server error): whether the listing is offered is unknown.
type listingCheckError struct {
	listing, check error
}

func (e *listingCheckError) Error() string {
	return e.listing.Error() + "; checking the credentials with GET /v1/me/playlists failed too: " + e.check.Error()
}

func (e *listingCheckError) Unwrap() []error { return []error{e.listing, e.check} }
