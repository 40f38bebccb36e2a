package provider

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// mustLookup looks id up and fails the test on error.
func mustLookup(t *testing.T, c *libraryCache, ids ...string) (amazonmusic.Track, bool) {
	t.Helper()
	track, saved, err := c.lookup(t.Context(), ids...)
	if err != nil {
		t.Fatalf("lookup(%v): %v", ids, err)
	}
	return track, saved
}

// listingRequests is how many listing requests em received.
func listingRequests(em *emulator.Emulator) int {
	return em.Count(http.MethodGet, libraryListingPath)
}

func TestLibraryCache_parallelLookupsShareOneWalk(t *testing.T) {
	const tracks, pageCap, readers = 60, 7, 60
	em, data := newTestProviderData(t, emulator.Options{CatalogSize: tracks, PageCap: pageCap, Latency: 2 * time.Millisecond})
	ids := generatedTrackIDs(tracks)
	em.AddToLibrary(ids[:tracks-1]...) // the last one is not saved

	var wg sync.WaitGroup
	errs := make(chan error, readers)
	for i := range readers {
		wg.Go(func() {
			track, saved, err := data.library.lookup(t.Context(), ids[i])
			switch {
			case err != nil:
				errs <- err
			case saved != (i < tracks-1):
				errs <- errors.New("lookup(" + ids[i] + ") reported the wrong saved state")
			case saved && (track.ID != ids[i] || track.Title == nil):
				errs <- errors.New("lookup(" + ids[i] + ") returned another node")
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, want := listingRequests(em), (tracks+pageCap-1)/pageCap; n != want {
		t.Errorf("%d lookups sent %d listing requests, want one walk of %d pages", readers, n, want)
	}
}

func TestLibraryCache_writesUpdateTheCacheInPlace(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	c := data.library

	if _, saved := mustLookup(t, c, "B07QXMFJ4W"); saved {
		t.Fatal("B07QXMFJ4W is saved before any save")
	}
	if _, err := data.saveTrack(t.Context(), "B097S29G3W"); err != nil {
		t.Fatal(err)
	}
	if err := data.removeTrack(t.Context(), "B08DL2BXQC", ""); err != nil {
		t.Fatal(err)
	}
	// A removal answered 404 leaves the track out as well.
	em.AddToLibrary("B0NOTKNOWN")
	if err := data.removeTrack(t.Context(), "B0NOTKNOWN", ""); !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Fatalf("removing an unknown track: %v, want a 404", err)
	}

	// The save of B097S29G3W answered B097S185X9, the id the listing most
	// likely names it by.
	track, saved := mustLookup(t, c, "B097S29G3W", "B097S185X9")
	if !saved || track.ID != "B097S185X9" || track.Title == nil || *track.Title != "Something To Believe In" {
		t.Errorf("after the save: lookup(B097S29G3W, B097S185X9) = %+v, %t; want it saved under the answered id", track, saved)
	}
	if _, saved := mustLookup(t, c, "B08DL2BXQC"); saved {
		t.Error("after the removal: B08DL2BXQC is still saved")
	}
	if _, saved := mustLookup(t, c, "B0NOTKNOWN"); saved {
		t.Error("after the removal answered 404: B0NOTKNOWN is still saved")
	}
	if n := listingRequests(em); n != 1 {
		t.Errorf("%d listing requests, want 1: writes update the cache without a new walk", n)
	}
}

func TestLibraryCache_failedWriteMakesTheNextLookupWalkAgain(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{})
	mustLookup(t, data.library, "B08DL2BXQC")

	em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusUnprocessableEntity})
	if _, err := data.saveTrack(t.Context(), "B08DL2BXQC"); err == nil {
		t.Fatal("the save succeeded despite the fault")
	}
	em.AddToLibrary("B08DL2BXQC") // as if the refused save had happened after all
	if _, saved := mustLookup(t, data.library, "B08DL2BXQC"); !saved {
		t.Error("after a failed save, the lookup did not read the library again")
	}
	if n := listingRequests(em); n != 2 {
		t.Errorf("%d listing requests, want 2", n)
	}
}

func TestLibraryCache_walkThatSawAWriteDoesNotFillTheCache(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: libraryListingPath, Delay: 300 * time.Millisecond})

	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, _, err := data.library.lookup(t.Context(), "B08DL2BXQC"); err != nil {
			t.Errorf("lookup during the write: %v", err)
		}
	}()
	for listingRequests(em) == 0 {
		time.Sleep(time.Millisecond)
	}
	if err := data.removeTrack(t.Context(), "B08DL2BXQC", ""); err != nil {
		t.Fatal(err)
	}
	<-done
	// Saved again by another app: only a new walk can tell.
	em.AddToLibrary("B08DL2BXQC")
	if _, saved := mustLookup(t, data.library, "B08DL2BXQC"); !saved {
		t.Error("the walk that started before the removal filled the cache")
	}
	if n := listingRequests(em); n != 2 {
		t.Errorf("%d listing requests, want 2", n)
	}
}

func TestLibraryCache_failedWalkIsRememberedButNotACanceledOne(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")

	// A walk canceled by its own Read is not remembered: a waiting lookup
	// with a live context walks again.
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: libraryListingPath, Delay: 5 * time.Second})
	ctx, cancel := context.WithCancel(t.Context())
	first := make(chan error, 1)
	go func() {
		_, _, err := data.library.lookup(ctx, "B08DL2BXQC")
		first <- err
	}()
	for listingRequests(em) == 0 {
		time.Sleep(time.Millisecond)
	}
	second := make(chan bool, 1)
	go func() {
		_, saved, err := data.library.lookup(t.Context(), "B08DL2BXQC")
		second <- err == nil && saved
	}()
	time.Sleep(20 * time.Millisecond) // the second lookup waits for the walk
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Errorf("the canceled lookup returned %v, want context.Canceled", err)
	}
	if ok := <-second; !ok {
		t.Error("the waiting lookup did not walk again after the first walk was canceled")
	}

	// A walk that fails otherwise is remembered until a write.
	fresh := newProviderData(data.client, true)
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: libraryListingPath, Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON})
	em.ResetCounts()
	for range 3 {
		if _, _, err := fresh.library.lookup(t.Context(), "B08DL2BXQC"); err == nil {
			t.Fatal("lookup succeeded on a truncated listing")
		}
	}
	if n := listingRequests(em); n != 1 {
		t.Errorf("3 lookups after a failed walk sent %d listing requests, want 1", n)
	}
	if _, err := fresh.saveTrack(t.Context(), "B07QXMFJ4W"); err != nil {
		t.Fatal(err)
	}
	if _, saved := mustLookup(t, fresh.library, "B07QXMFJ4W"); !saved {
		t.Error("after a write, the lookup did not walk again")
	}
}

func TestLibraryCache_unavailableListingWarnsOnceAndIsNotAskedAgain(t *testing.T) {
	for _, refusal := range listingRefusals {
		name, opts := refusal.name, refusal.opts
		em, data := newTestProviderData(t, opts)
		em.AddToLibrary("B08DL2BXQC")
		var warnings int
		for range 5 {
			_, _, err := data.library.lookup(t.Context(), "B08DL2BXQC")
			var unavailable *listingUnavailableError
			if !errors.As(err, &unavailable) {
				t.Fatalf("%s: lookup error = %v, want a listingUnavailableError", name, err)
			}
			var apiErr *amazonmusic.APIError
			var shape *amazonmusic.ShapeError
			answered := errors.As(err, &apiErr) && apiErr.StatusCode == opts.LibraryListingStatus
			if !answered && !errors.As(err, &shape) {
				t.Errorf("%s: lookup error %v does not wrap the API's answer", name, err)
			}
			if unavailable.warn {
				warnings++
			}
			if !strings.Contains(unavailable.reason(), refusal.reason) {
				t.Errorf("%s: reason %q does not say %q", name, unavailable.reason(), refusal.reason)
			}
		}
		if _, err := data.library.all(t.Context()); !errors.As(err, new(*listingUnavailableError)) {
			t.Errorf("%s: all() error = %v, want a listingUnavailableError", name, err)
		}
		if warnings != 1 {
			t.Errorf("%s: %d lookups asked to warn, want 1", name, warnings)
		}
		if n := listingRequests(em); n != 1 {
			t.Errorf("%s: %d listing requests, want 1", name, n)
		}
		if err := expectRequests(em, http.MethodGet, "/v1/me/playlists", 1); err != nil {
			t.Errorf("%s: %v: the credentials are checked once", name, err)
		}
	}
}

func TestLibraryCache_refusedCredentialsAreAnErrorNeverUnavailability(t *testing.T) {
	for _, tt := range []struct {
		name, apiKey, token string
		status              int
		checks              int
		hint                string
	}{
		{"wrong api key", "amzn1.wrong", emulator.DefaultAccessToken, http.StatusForbidden, 1, "Check api_key"},
		{"expired token", emulator.DefaultAPIKey, "Atza|expired", http.StatusUnauthorized, 0, "expire after about an hour"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			em, url := startEmulator(t, emulator.Options{})
			client, err := amazonmusic.NewClient(amazonmusic.Config{BaseURL: url, APIKey: tt.apiKey, AccessToken: tt.token})
			if err != nil {
				t.Fatal(err)
			}
			c := newLibraryCache(client)
			for range 3 {
				_, _, err := c.lookup(t.Context(), "B08DL2BXQC")
				var refused *listingCredentialsError
				if !errors.As(err, &refused) || refused.refused.StatusCode != tt.status || errors.As(err, new(*listingUnavailableError)) {
					t.Fatalf("lookup error = %v, want a listingCredentialsError for HTTP %d", err, tt.status)
				}
				if !strings.Contains(err.Error(), tt.hint) || strings.Contains(err.Error(), tt.apiKey) || strings.Contains(err.Error(), tt.token) {
					t.Errorf("error %q does not hint %q, or names a credential", err, tt.hint)
				}
			}
			if n := listingRequests(em); n != 1 {
				t.Errorf("%d listing requests, want 1: the refusal is remembered", n)
			}
			if err := expectRequests(em, http.MethodGet, "/v1/me/playlists", tt.checks); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestLibraryCache_retryableOrUnknownFailuresAreErrorsWithoutACheck(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{LibraryListingStatus: http.StatusTooManyRequests})
	_, _, err := data.library.lookup(t.Context(), "B08DL2BXQC")
	if err == nil || errors.As(err, new(*listingUnavailableError)) || errors.As(err, new(*listingCredentialsError)) {
		t.Errorf("lookup on a 429 listing = %v, want a plain error", err)
	}
	if err := expectRequests(em, http.MethodGet, "/v1/me/playlists", 0); err != nil {
		t.Error(err)
	}
	// A listing that may not be offered, with a check that fails otherwise,
	// leaves the question open: an error naming both.
	em2, data2 := newTestProviderData(t, emulator.Options{LibraryListingStatus: http.StatusNotFound})
	em2.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/me/playlists", Status: http.StatusBadGateway, Times: 10})
	_, _, err = data2.library.lookup(t.Context(), "B08DL2BXQC")
	var check *listingCheckError
	if !errors.As(err, &check) || !strings.Contains(err.Error(), "HTTP 404") || !strings.Contains(err.Error(), "HTTP 502") {
		t.Errorf("lookup = %v, want a listingCheckError naming the 404 and the 502", err)
	}
}

func TestLibraryCache_allListsTheLibraryInOrderWithTheRunsWrites(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{CatalogSize: 4, AliasEvery: 3})
	em.AddToLibrary(emulator.TrackID(2), emulator.TrackID(0), emulator.TrackID(1))
	all := func() []string {
		t.Helper()
		tracks, err := data.library.all(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]string, len(tracks))
		for i, tr := range tracks {
			ids[i] = tr.ID
		}
		return ids
	}
	if got, want := all(), []string{emulator.TrackID(2), emulator.AliasTrackID(0), emulator.TrackID(1)}; !slices.Equal(got, want) {
		t.Errorf("all() = %v, want %v", got, want)
	}
	if err := data.removeTrack(t.Context(), emulator.TrackID(0), emulator.AliasTrackID(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := data.saveTrack(t.Context(), emulator.TrackID(3)); err != nil {
		t.Fatal(err)
	}
	if got, want := all(), []string{emulator.TrackID(2), emulator.TrackID(1), emulator.AliasTrackID(3)}; !slices.Equal(got, want) {
		t.Errorf("all() after a removal and a save = %v, want %v", got, want)
	}
	if n := listingRequests(em); n != 1 {
		t.Errorf("%d listing requests, want 1", n)
	}
}

func TestProviderData_withoutDriftDetectionHasNoCache(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{})
	off := newProviderData(data.client, false)
	if off.library != nil {
		t.Fatal("drift detection off, but the provider data has a library cache")
	}
	if _, err := off.saveTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatal(err)
	}
	if err := off.removeTrack(t.Context(), "B08DL2BXQC", ""); err != nil {
		t.Fatal(err)
	}
	if n := em.Total(); n != 2 {
		t.Errorf("%d requests, want the save and the removal only", n)
	}
}

func TestLibraryCache_findsATrackListedByTheIDSentByTheIDItsURLNames(t *testing.T) {
	em, data := newTestProviderData(t, emulator.Options{ListingNames: emulator.ListingNamesSentID})
	em.AddToLibrary("B097S29G3W", "B08DL2BXQC")
	track, saved := mustLookup(t, data.library, "B097S185X9")
	if !saved || track.ID != "B097S29G3W" {
		t.Fatalf("lookup(B097S185X9) = %+v, %t; want the node listed as B097S29G3W, whose url names B097S185X9", track, saved)
	}
	if got := answeredTrackID(track); got != "B097S185X9" {
		t.Errorf("answeredTrackID = %s, want B097S185X9 from the url", got)
	}
	if track, _ := mustLookup(t, data.library, "B08DL2BXQC"); answeredTrackID(track) != "B08DL2BXQC" {
		t.Errorf("answeredTrackID(%+v) is not its own id", track)
	}
	if _, saved := mustLookup(t, data.library, "B07QXMFJ4W"); saved {
		t.Error("B07QXMFJ4W is found, but neither an id nor a url of the listing names it")
	}
}
