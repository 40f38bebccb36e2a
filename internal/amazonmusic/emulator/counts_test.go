package emulator_test

import (
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestRequestsAreCountedByMethodAndPathIncludingFaultsAndRejections(t *testing.T) {
	e, srv := start(t, emulator.Options{Playlists: 3})
	e.InjectFaults(emulator.Fault{Method: http.MethodGet, Status: 503})

	send(t, srv, http.MethodGet, "/v1/me/playlists?limit=1")                        // fault
	send(t, srv, http.MethodGet, "/v1/me/playlists?limit=2")                        // ok
	sendWith(t, srv, http.MethodGet, "/v1/me/playlists", nil)                       // 403
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC")                // ok
	send(t, srv, http.MethodPut, "/v1/me/library/tracks/B0ZZZZZZZZ")                // 404
	send(t, srv, http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC")             // ok
	send(t, srv, http.MethodPost, "/v1/me/playlists")                               // 405
	send(t, srv, http.MethodGet, "/v1/nowhere?cursor=x")                            // 404
	sendWith(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC", nil)       // 403
	send(t, srv, http.MethodGet, "/v1/me/playlists?cursor=0:not-a-playlist-of-his") // 400

	counts := []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/v1/me/playlists", 4},
		{http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC", 2},
		{http.MethodPut, "/v1/me/library/tracks/B0ZZZZZZZZ", 1},
		{http.MethodDelete, "/v1/me/library/tracks/B08DL2BXQC", 1},
		{http.MethodPost, "/v1/me/playlists", 1},
		{http.MethodGet, "/v1/nowhere", 1},
		{http.MethodGet, "/v1/me/playlists?limit=1", 0},
		{http.MethodDelete, "/v1/me/library/tracks/B0ZZZZZZZZ", 0},
	}
	for _, c := range counts {
		if got := e.Count(c.method, c.path); got != c.want {
			t.Errorf("Count(%s, %s) = %d, want %d", c.method, c.path, got, c.want)
		}
	}
	for method, want := range map[string]int{"GET": 5, "PUT": 3, "DELETE": 1, "POST": 1, "PATCH": 0} {
		if got := e.CountMethod(method); got != want {
			t.Errorf("CountMethod(%s) = %d, want %d", method, got, want)
		}
	}
	if got := e.Total(); got != 10 {
		t.Errorf("Total() = %d, want 10", got)
	}

	e.ResetCounts()
	if got := e.Total(); got != 0 {
		t.Errorf("Total() after ResetCounts = %d, want 0", got)
	}
	if got := e.Count(http.MethodGet, "/v1/me/playlists"); got != 0 {
		t.Errorf("Count after ResetCounts = %d, want 0", got)
	}
	if got := e.Cursors(); len(got) != 0 {
		t.Errorf("Cursors() after ResetCounts = %q, want none", got)
	}
	send(t, srv, http.MethodGet, "/v1/me/playlists")
	if got := e.Total(); got != 1 {
		t.Errorf("Total() after one more request = %d, want 1", got)
	}
}

func TestConcurrentRequestsAreAllServedAndCounted(t *testing.T) {
	const n = 40
	e, srv := start(t, emulator.Options{Playlists: 50, PageCap: 5, CatalogSize: n})

	var wg sync.WaitGroup
	statuses := make([]int, 2*n)
	for i := range n {
		wg.Go(func() {
			statuses[2*i] = send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+emulator.TrackID(i)).status
		})
		wg.Go(func() {
			statuses[2*i+1] = send(t, srv, http.MethodGet, "/v1/me/playlists?limit=3").status
		})
	}
	wg.Wait()

	for i, s := range statuses {
		if s != http.StatusOK {
			t.Errorf("request %d: status %d, want 200", i, s)
		}
	}
	if got := len(e.Library()); got != n {
		t.Errorf("library holds %d tracks, want %d", got, n)
	}
	if got := e.Total(); got != 2*n {
		t.Errorf("Total() = %d, want %d", got, 2*n)
	}
	if got := e.CountMethod(http.MethodPut); got != n {
		t.Errorf("CountMethod(PUT) = %d, want %d", got, n)
	}
}

func TestMaxInFlightIsTheMostRequestsServedAtOnce(t *testing.T) {
	t.Parallel()
	const parallel = 5
	e, srv := start(t, emulator.Options{CatalogSize: 10, Latency: 300 * time.Millisecond})

	var wg sync.WaitGroup
	for i := range parallel {
		wg.Go(func() { send(t, srv, http.MethodPut, trackPath(i)) })
	}
	wg.Wait()
	if got := e.MaxInFlight(); got != parallel {
		t.Errorf("MaxInFlight() = %d after %d parallel requests, want %d", got, parallel, parallel)
	}
	if got := e.InFlight(); got != 0 {
		t.Errorf("InFlight() = %d once every answer came, want 0", got)
	}

	e.ResetMaxInFlight()
	if got := e.MaxInFlight(); got != 0 {
		t.Errorf("MaxInFlight() = %d after ResetMaxInFlight with nothing in flight, want 0", got)
	}
	e.SetLatency(0)
	for i := range 3 {
		send(t, srv, http.MethodDelete, trackPath(i))
	}
	if got := e.MaxInFlight(); got != 1 {
		t.Errorf("MaxInFlight() = %d after requests one at a time, want 1", got)
	}
}

func TestInjectedFaultsAreCountedByKind(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	e.InjectFaults(
		emulator.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1", Times: 2},
		emulator.Fault{Status: http.StatusBadGateway},
		emulator.Fault{Status: http.StatusOK, Body: emulator.FaultBodyTruncatedJSON},
		emulator.Fault{}, // a delay of 0 without status: not a fault that answers
	)
	for range 5 {
		send(t, srv, http.MethodGet, "/v1/me/playlists")
	}

	want := map[emulator.FaultKind]int{
		{Status: 429, RetryAfter: "1", Body: emulator.FaultBodyJSON}: 2,
		{Status: 502, Body: emulator.FaultBodyHTML}:                  1,
		{Status: 200, Body: emulator.FaultBodyTruncatedJSON}:         1,
	}
	got := e.InjectedFaults()
	if len(got) != len(want) {
		t.Errorf("InjectedFaults() = %v, want %v", got, want)
	}
	for kind, n := range want {
		if got[kind] != n {
			t.Errorf("InjectedFaults()[%v] = %d, want %d", kind, got[kind], n)
		}
	}
	if n := e.FaultsInjected(); n != 4 {
		t.Errorf("FaultsInjected() = %d, want 4", n)
	}
	got[emulator.FaultKind{Status: 500}] = 9
	if n := e.FaultsInjected(); n != 4 {
		t.Errorf("changing the returned map changed the count to %d", n)
	}
}
