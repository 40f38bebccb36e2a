package emulator_test

import (
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// outcome describes an answer by status text and Retry-After, as in
// "Too Many Requests after 1".
func outcome(a answer) string {
	s := http.StatusText(a.status)
	if ra := a.header.Get("Retry-After"); ra != "" {
		s += " after " + ra
	}
	return s
}

// outcomes sends n playlists requests one after the other and describes
// each answer.
func outcomes(t *testing.T, srv *httptest.Server, n int) []string {
	t.Helper()
	out := make([]string, n)
	for i := range out {
		out[i] = outcome(send(t, srv, http.MethodGet, "/v1/me/playlists"))
	}
	return out
}

// countFaulted returns how many outcomes are not 200 OK.
func countFaulted(outs []string) int {
	n := 0
	for _, o := range outs {
		if o != http.StatusText(http.StatusOK) {
			n++
		}
	}
	return n
}

func TestRandomFaultsAnswerTheRateOfRequestsWithEveryTransientKind(t *testing.T) {
	const n, rate = 400, 0.3
	e, srv := start(t, emulator.Options{Playlists: 3, FaultRate: rate, FaultSeed: 7})

	faulted := 0
	seen := make(map[string]int)
	for range n {
		a := send(t, srv, http.MethodGet, "/v1/me/playlists")
		switch a.status {
		case http.StatusOK:
			continue
		case http.StatusTooManyRequests:
			if got := mustAPIError(t, a, a.status); got.Code != emulator.CodeThrottled {
				t.Errorf("429 code = %q, want %q", got.Code, emulator.CodeThrottled)
			}
			if ra := a.header.Get("Retry-After"); ra != "" && ra != "0" && ra != "1" {
				t.Errorf("429 Retry-After = %q, want none, 0 or 1", ra)
			}
		case http.StatusInternalServerError, http.StatusServiceUnavailable:
			mustAPIError(t, a, a.status)
		case http.StatusBadGateway, http.StatusGatewayTimeout:
			if ct := a.header.Get("Content-Type"); ct != "text/html" {
				t.Errorf("%d Content-Type = %q, want a gateway's text/html", a.status, ct)
			}
		default:
			t.Fatalf("random fault answered %d, want 429, 500, 502, 503 or 504", a.status)
		}
		if a.status != http.StatusTooManyRequests && a.header.Get("Retry-After") != "" {
			t.Errorf("%d carries Retry-After %q, want only 429s to", a.status, a.header.Get("Retry-After"))
		}
		faulted++
		seen[outcome(a)]++
	}

	if lo, hi := int(0.2*n), int(0.4*n); faulted < lo || faulted > hi {
		t.Errorf("%d of %d requests faulted, want about %.0f%% (%d to %d)", faulted, n, 100*rate, lo, hi)
	}
	if len(seen) != len(emulator.RandomFaultKinds()) {
		t.Errorf("kinds answered = %v, want all %d random kinds", seen, len(emulator.RandomFaultKinds()))
	}
	if got := e.FaultsInjected(); got != faulted {
		t.Errorf("FaultsInjected() = %d, want the %d faulted answers", got, faulted)
	}
	byKind := e.InjectedFaults()
	sum := 0
	for kind, count := range byKind {
		sum += count
		if !slices.ContainsFunc(emulator.RandomFaultKinds(), func(f emulator.Fault) bool {
			return f.Status == kind.Status && f.RetryAfter == kind.RetryAfter
		}) {
			t.Errorf("InjectedFaults() counts %v, which is no random kind", kind)
		}
	}
	if sum != faulted {
		t.Errorf("InjectedFaults() = %v adds up to %d, want %d", byKind, sum, faulted)
	}
	if got := e.Count(http.MethodGet, "/v1/me/playlists"); got != n {
		t.Errorf("Count = %d, want every one of the %d requests, faulted or not", got, n)
	}
}

func TestRandomFaultsAreTheSameForTheSameSeed(t *testing.T) {
	opts := emulator.Options{FaultRate: 0.5, FaultSeed: 42}
	_, first := start(t, opts)
	_, second := start(t, opts)
	opts.FaultSeed = 43
	_, other := start(t, opts)

	want := outcomes(t, first, 60)
	if got := outcomes(t, second, 60); !slices.Equal(got, want) {
		t.Errorf("the same seed answered\n%q\nthen\n%q", want, got)
	}
	if got := outcomes(t, other, 60); slices.Equal(got, want) {
		t.Errorf("seeds 42 and 43 answered the same sequence %q", got)
	}
	if n := countFaulted(want); n == 0 || n == len(want) {
		t.Errorf("%d of %d requests faulted at rate 0.5", n, len(want))
	}
}

func TestSetRandomFaultsChangesTheRateAndRestartsTheSequence(t *testing.T) {
	e, srv := start(t, emulator.Options{})
	if n := countFaulted(outcomes(t, srv, 20)); n != 0 {
		t.Errorf("%d requests faulted without a fault rate", n)
	}

	for _, rate := range []float64{1, 7, math.Inf(1)} {
		e.SetRandomFaults(rate, 1)
		if n := countFaulted(outcomes(t, srv, 20)); n != 20 {
			t.Errorf("rate %v: %d of 20 requests faulted, want all", rate, n)
		}
	}
	for _, rate := range []float64{0, -1, math.NaN(), math.Inf(-1)} {
		e.SetRandomFaults(rate, 1)
		if n := countFaulted(outcomes(t, srv, 20)); n != 0 {
			t.Errorf("rate %v: %d of 20 requests faulted, want none", rate, n)
		}
	}

	_, fresh := start(t, emulator.Options{FaultRate: 0.5, FaultSeed: 9})
	want := outcomes(t, fresh, 40)
	e.SetRandomFaults(0.5, 9)
	if got := outcomes(t, srv, 40); !slices.Equal(got, want) {
		t.Errorf("after SetRandomFaults(0.5, 9):\n%q\nwant the sequence of a new emulator with that seed:\n%q", got, want)
	}
}

func TestRandomFaultsLeaveQueuedFaultsAndOtherPathsAlone(t *testing.T) {
	e, srv := start(t, emulator.Options{FaultRate: 1})
	e.InjectFaults(
		emulator.Fault{Method: http.MethodGet, Status: http.StatusForbidden, Code: "QUEUED"},
		emulator.Fault{Method: http.MethodPut}, // a delay of 0: answered normally
	)

	if got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/me/playlists"), http.StatusForbidden); got.Code != "QUEUED" {
		t.Errorf("code = %q, want the queued fault's QUEUED", got.Code)
	}
	if _, state := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"), "saveTrack"); state != "SAVED" {
		t.Errorf("saveState = %q after a queued fault without status, want SAVED", state)
	}
	for _, path := range []string{"/", "/v2/me/playlists", "/health"} {
		if got := mustAPIError(t, send(t, srv, http.MethodGet, path), http.StatusNotFound); got.Code != emulator.CodeNotFound {
			t.Errorf("%s: code = %q, want the endpoint's own %q", path, got.Code, emulator.CodeNotFound)
		}
	}
	if a := send(t, srv, http.MethodGet, "/v1/me/playlists"); a.status == http.StatusOK {
		t.Error("an API request after the queued faults was not faulted at rate 1")
	}
	if got, want := e.FaultsInjected(), 2; got != want {
		t.Errorf("FaultsInjected() = %d, want %d (the queued 403 and one random fault)", got, want)
	}
}

func TestRandomFaultsAreSafeForConcurrentUse(t *testing.T) {
	const workers, perWorker = 8, 25
	e, srv := start(t, emulator.Options{CatalogSize: workers * perWorker, FaultRate: 0.5, FaultSeed: 3})

	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		saved []string
	)
	for w := range workers {
		wg.Go(func() {
			for i := range perWorker {
				id := emulator.TrackID(w*perWorker + i)
				if send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id).status == http.StatusOK {
					mu.Lock()
					saved = append(saved, id)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()

	faulted := workers*perWorker - len(saved)
	if got := e.FaultsInjected(); got != faulted {
		t.Errorf("FaultsInjected() = %d, want %d (requests not answered 200)", got, faulted)
	}
	if faulted == 0 || len(saved) == 0 {
		t.Errorf("%d faulted and %d saved at rate 0.5", faulted, len(saved))
	}
	slices.Sort(saved)
	if got := e.Library(); !slices.Equal(got, saved) {
		t.Errorf("library = %v, want exactly the %d tracks answered 200", got, len(saved))
	}
}

func TestRandomFaultKindsAreACopy(t *testing.T) {
	kinds := emulator.RandomFaultKinds()
	if len(kinds) != 7 {
		t.Fatalf("RandomFaultKinds() = %v, want 7 kinds", kinds)
	}
	kinds[0].Status = http.StatusTeapot
	if emulator.RandomFaultKinds()[0].Status == http.StatusTeapot {
		t.Error("changing the returned slice changed the emulator's kinds")
	}
}
