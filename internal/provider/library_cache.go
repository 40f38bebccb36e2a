package provider

import (
	"context"
	"errors"
	"net/http"
	"sync"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// libraryCache knows which tracks are saved in the library, so that the
// Read of every amazonmusic_library_track of a plan is answered from one
// walk of the listing (GET /v1/me/library/tracks) instead of a request per
// track: a plan over N tracks sends ceil(N/page size) listing requests,
// where the page size is what the server grants of listingPageSize.
//
// The first lookup walks the listing; lookups made meanwhile wait for that
// walk (a single flight) and share its result. Every save and removal the
// provider makes updates the cache in place when it succeeds and empties it
// when it fails, as its outcome is then unknown. A walk that fails is
// remembered, so that a plan over many tracks does not walk a failing
// listing once per track, except when it ended because the context of the
// Read that started it was canceled: a lookup with a live context then
// walks again.
//
// A listing answered 404 or 403, as for an account whose API does not
// offer it, turns drift detection off for the rest of the provider's life:
// lookups then fail with a *listingUnavailableError.
//
// It is safe for concurrent use.
type libraryCache struct {
	client *amazonmusic.Client

	mu sync.Mutex
	// tracks maps the id of each saved track to its node in the listing;
	// nil until a walk succeeded, and after a write failed.
	tracks map[string]amazonmusic.Track
	// walking is closed when the walk in progress ends; nil when none is.
	walking chan struct{}
	// err is the error of the last walk, when it failed for a reason other
	// than its own context; writes clear it.
	err error
	// unavailable is the error of a listing answered 404 or 403.
	unavailable error
	// warned records that a lookup was told to warn of unavailable.
	warned bool
	// writes counts the saves and removals: a walk that saw a write start
	// meanwhile does not fill the cache.
	writes uint64
}

// listingPageSize is the page size the cache asks the listing for.
const listingPageSize = amazonmusic.MaxPageSize

// newLibraryCache returns an empty cache that reads the listing with client.
func newLibraryCache(client *amazonmusic.Client) *libraryCache {
	return &libraryCache{client: client}
}

// listingUnavailableError is the error of a lookup once the listing was
// answered 404 or 403.
type listingUnavailableError struct {
	// err is the listing's answer.
	err error
	// warn is true for the one lookup that should tell the user.
	warn bool
}

func (e *listingUnavailableError) Error() string {
	return "the API does not offer the listing of the library: " + e.err.Error()
}

func (e *listingUnavailableError) Unwrap() error { return e.err }

// lookup reports whether the track id is saved in the library and, when it
// is, its node in the listing. It walks the listing when the cache is empty,
// or waits for the walk in progress.
func (c *libraryCache) lookup(ctx context.Context, id string) (track amazonmusic.Track, saved bool, err error) {
	err = c.read(ctx, func(tracks map[string]amazonmusic.Track) {
		track, saved = tracks[id]
	})
	return track, saved, err
}

// read calls f with every saved track by id, as the listing last showed it
// and the writes since changed it; f must not keep nor change the map. It
// walks the listing when the cache is empty, or waits for the walk in
// progress, and calls f only when the tracks are known.
func (c *libraryCache) read(ctx context.Context, f func(map[string]amazonmusic.Track)) error {
	for {
		c.mu.Lock()
		switch {
		case c.unavailable != nil:
			err := &listingUnavailableError{err: c.unavailable, warn: !c.warned}
			c.warned = true
			c.mu.Unlock()
			return err
		case c.err != nil:
			err := c.err
			c.mu.Unlock()
			return err
		case c.tracks != nil:
			f(c.tracks)
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

		tracks, err := c.walk(ctx)

		c.mu.Lock()
		c.walking = nil
		close(walking)
		switch {
		case err == nil && c.writes == writes:
			c.tracks = tracks
		case err == nil:
			// A write started during the walk: the next lookup walks
			// again, this one answers from what it saw.
		case isUnavailable(err):
			c.unavailable = err
			c.mu.Unlock()
			continue
		case ctx.Err() == nil:
			c.err = err
		}
		if err == nil {
			f(tracks)
		}
		c.mu.Unlock()
		return err
	}
}

// walk reads every page of the listing into a map by id.
func (c *libraryCache) walk(ctx context.Context) (map[string]amazonmusic.Track, error) {
	_, listed, err := c.client.LibraryTracks(ctx, listingPageSize)
	if err != nil {
		return nil, err
	}
	tracks := make(map[string]amazonmusic.Track, len(listed))
	for _, t := range listed {
		tracks[t.ID] = t
	}
	return tracks, nil
}

// isUnavailable reports whether err is the listing's answer of an account
// whose API does not offer it: 404 or 403.
func isUnavailable(err error) bool {
	var apiErr *amazonmusic.APIError
	return errors.As(err, &apiErr) &&
		(apiErr.StatusCode == http.StatusNotFound || apiErr.StatusCode == http.StatusForbidden)
}

// saved records that the track id was saved; track is what the API answered,
// nil when it answered no track.
func (c *libraryCache) saved(id string, track *amazonmusic.Track) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	if c.tracks == nil {
		return
	}
	node := amazonmusic.Track{ID: id}
	if track != nil {
		// The listing names a track by the id its save named.
		node.Title, node.ISRC, node.URL = track.Title, track.ISRC, track.URL
	}
	c.tracks[id] = node
}

// removed records that the track id is no longer saved.
func (c *libraryCache) removed(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	delete(c.tracks, id)
}

// writeFailed records a save or removal whose outcome is unknown: the cache
// is emptied, and the next lookup walks the listing again.
func (c *libraryCache) writeFailed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.writes++
	c.err = nil
	c.tracks = nil
}
