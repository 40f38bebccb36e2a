package provider

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// newTestProviderData starts an emulator with opts and returns it with the
// provider data of a client of it, drift detection on, and no retries.
func newTestProviderData(t *testing.T, opts emulator.Options) (*emulator.Emulator, *providerData) {
	t.Helper()
	em, url := startEmulator(t, opts)
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	return em, newProviderData(client, true)
}

// mustLookup looks id up and fails the test on error.
func mustLookup(t *testing.T, c *libraryCache, id string) (amazonmusic.Track, bool) {
	t.Helper()
	track, saved, err := c.lookup(t.Context(), id)
	if err != nil {
		t.Fatalf("lookup(%s): %v", id, err)
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
	if _, err := data.removeTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatal(err)
	}
	// A removal answered 404 leaves the track out as well.
	em.AddToLibrary("B0NOTKNOWN")
	if _, err := data.removeTrack(t.Context(), "B0NOTKNOWN"); !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Fatalf("removing an unknown track: %v, want a 404", err)
	}

	track, saved := mustLookup(t, c, "B097S29G3W")
	if !saved || track.ID != "B097S29G3W" || track.Title == nil || *track.Title != "Something To Believe In" {
		t.Errorf("after the save: lookup(B097S29G3W) = %+v, %t; want it saved under its own id", track, saved)
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
	if _, err := data.removeTrack(t.Context(), "B08DL2BXQC"); err != nil {
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
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden} {
		em, data := newTestProviderData(t, emulator.Options{LibraryListingStatus: status})
		var warnings int
		for range 5 {
			_, _, err := data.library.lookup(t.Context(), "B08DL2BXQC")
			var unavailable *listingUnavailableError
			if !errors.As(err, &unavailable) {
				t.Fatalf("status %d: lookup error = %v, want a listingUnavailableError", status, err)
			}
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Errorf("status %d: lookup error %v does not wrap the API's answer", status, err)
			}
			if unavailable.warn {
				warnings++
			}
		}
		if warnings != 1 {
			t.Errorf("status %d: %d lookups asked to warn, want 1", status, warnings)
		}
		if n := listingRequests(em); n != 1 {
			t.Errorf("status %d: %d listing requests, want 1", status, n)
		}
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
	if _, err := off.removeTrack(t.Context(), "B08DL2BXQC"); err != nil {
		t.Fatal(err)
	}
	if n := em.Total(); n != 2 {
		t.Errorf("%d requests, want the save and the removal only", n)
	}
}
