package provider

import (
	"context"
	"errors"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// The provider's saves, removals and lookups of library tracks, which every
// library resource goes through: they keep the library cache (see
// library_cache.go) in step with what the provider wrote.

// savedTrack is where the listing of the library holds a configured track.
type savedTrack struct {
	// listed is the track's node in the listing, when found.
	listed amazonmusic.Track
	found  bool
	// catalog is the catalog's answer for the configured id, when it was
	// read; nil otherwise.
	catalog *amazonmusic.Track
	// catalogErr is the catalog's refusal (403) of that read: the answered
	// id stays unknown, and the track's details are left null.
	catalogErr error
}

// catalogReadError is the failure of the catalog read of findSavedTrack.
type catalogReadError struct {
	id  string
	err error
}

func (e *catalogReadError) Error() string {
	msg := "reading track " + e.id + " from the catalog, to learn which track id the API answers for it: " + e.err.Error()
	if errors.Is(e.err, amazonmusic.ErrForbidden) {
		msg += " (the catalog read needs the " + scopeCatalog + " scope)"
	}
	return msg
}

func (e *catalogReadError) Unwrap() error { return e.err }

// findSavedTrack looks the configured track id up in the listing of the
// library, which names a saved track by the id the API answered when saving
// it (savedID, empty when unknown) or by the id sent. When savedID is
// unknown (after an import, or in a state written before it was recorded)
// and the listing does not name id, it asks the catalog which track id
// stands for (GET /v1/tracks/{id}) and looks that id up. Errors are the
// library cache's, or a *catalogReadError; a catalog read refused with 403
// (no music::catalog scope) is no error: the answered id stays unknown.
func (d *providerData) findSavedTrack(ctx context.Context, id, savedID string) (savedTrack, error) {
	var s savedTrack
	var err error
	s.listed, s.found, err = d.library.lookup(ctx, id, savedID)
	if err != nil || s.found || savedID != "" {
		return s, err
	}
	answer, err := d.client.Track(ctx, id)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		return s, nil
	case errors.Is(err, amazonmusic.ErrForbidden):
		s.catalogErr = err
		return s, nil
	case err != nil:
		return s, &catalogReadError{id: id, err: err}
	}
	s.catalog = &answer.Track
	if s.catalog.ID == id || s.catalog.ID == "" {
		return s, nil
	}
	s.listed, s.found, err = d.library.lookup(ctx, s.catalog.ID)
	return s, err
}

// answeredTrackID returns the id the API answers for a track of the
// listing: the track id of its url (its trackAsin) when it has one, else the
// id the listing names it by. A listing that names a track by the id its
// save sent still gives, in the url, the id the save answered.
func answeredTrackID(listed amazonmusic.Track) string {
	if listed.URL != nil {
		if id, err := amazonmusic.TrackIDFromURL(*listed.URL); err == nil {
			return id
		}
	}
	return listed.ID
}

// saveTrack saves the track id to the library and keeps the library cache
// in step. Every save of the provider goes through here.
func (d *providerData) saveTrack(ctx context.Context, id string) (*amazonmusic.TrackSaveResult, error) {
	var result *amazonmusic.TrackSaveResult
	err := d.write(ctx, func(ctx context.Context) (err error) {
		result, err = d.client.SaveTrack(ctx, id)
		return err
	})
	if d.library != nil {
		switch {
		case err != nil:
			d.library.writeFailed()
		case result != nil:
			d.library.saved(id, result.Track)
		default:
			d.library.saved(id, nil)
		}
	}
	return result, err
}

// removeTrack removes the track id from the library and keeps the library
// cache in step; savedID is the id the API answered when saving it (empty
// when unknown). A track the API does not know (404) is not in the library
// either. Every removal of the provider goes through here.
func (d *providerData) removeTrack(ctx context.Context, id, savedID string) error {
	var result *amazonmusic.TrackSaveResult
	err := d.write(ctx, func(ctx context.Context) (err error) {
		result, err = d.client.RemoveTrack(ctx, id)
		return err
	})
	if d.library != nil {
		switch {
		case err == nil, errors.Is(err, amazonmusic.ErrNotFound):
			answered := ""
			if result != nil && result.Track != nil {
				answered = result.Track.ID
			}
			d.library.removed(id, savedID, answered)
		default:
			d.library.writeFailed()
		}
	}
	return err
}
