package emulator

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"sync"
)

// What the emulator records of the requests it receives, for tests to
// read: the requests by method and path (Count, CountMethod, Total), the
// requests being served (InFlight, MaxInFlight), the faults answered in
// place of the endpoints (InjectedFaults, FaultsInjected,
// FaultsInjectedFor) and the cursors the paged listings were sent
// (Cursors, LibraryCursors). The rate limit and the refusals count their
// own answers, under their own locks: Throttled (throttle.go), Refused
// and RefusedTotal (refusals.go).

// requestKey identifies the requests counted together.
type requestKey struct {
	method string
	path   string
}

// count records one request.
func (e *Emulator) count(r *http.Request) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.counts[requestKey{method: r.Method, path: r.URL.Path}]++
}

// Count returns how many requests with this method and path (without query)
// the emulator received, faults included.
func (e *Emulator) Count(method, path string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.counts[requestKey{method: method, path: path}]
}

// CountMethod returns how many requests with this method it received.
func (e *Emulator) CountMethod(method string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for k, c := range e.counts {
		if k.method == method {
			n += c
		}
	}
	return n
}

// Total returns how many requests it received.
func (e *Emulator) Total() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, c := range e.counts {
		n += c
	}
	return n
}

// ResetCounts forgets every counted request, and the cursors Cursors and
// LibraryCursors return.
func (e *Emulator) ResetCounts() {
	e.mu.Lock()
	defer e.mu.Unlock()
	clear(e.counts)
	e.cursors = nil
	e.libraryCursors = nil
}

// inFlight counts the requests being served and remembers the most served
// at once. It has its own lock.
type inFlight struct {
	mu      sync.Mutex
	current int
	peak    int
}

// enter counts a request that starts being served and returns the function
// that counts it done.
func (f *inFlight) enter() (done func()) {
	f.mu.Lock()
	f.current++
	f.peak = max(f.peak, f.current)
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		f.current--
		f.mu.Unlock()
	}
}

// InFlight returns how many requests the emulator is serving right now,
// waiting out their latency included.
func (e *Emulator) InFlight() int {
	e.inFlight.mu.Lock()
	defer e.inFlight.mu.Unlock()
	return e.inFlight.current
}

// MaxInFlight returns the most requests the emulator served at once (from
// their arrival to their answer, latency included) since it was made or
// since the last ResetMaxInFlight. With a Latency longer than the client's
// own work, it is how many requests the client kept going in parallel.
func (e *Emulator) MaxInFlight() int {
	e.inFlight.mu.Lock()
	defer e.inFlight.mu.Unlock()
	return e.inFlight.peak
}

// ResetMaxInFlight starts MaxInFlight again from the requests in flight now.
func (e *Emulator) ResetMaxInFlight() {
	e.inFlight.mu.Lock()
	defer e.inFlight.mu.Unlock()
	e.inFlight.peak = e.inFlight.current
}

// FaultKind is what InjectedFaults counts faults by: the status, the
// Retry-After header and the kind of body of their answers.
type FaultKind struct {
	Status     int
	RetryAfter string // empty when the answer had none
	// Body is never FaultBodyDefault: it is the kind the answer had, JSON
	// or HTML.
	Body FaultBody
}

// String describes the kind, as in "429 JSON, Retry-After 1" or
// "200 truncated JSON".
func (k FaultKind) String() string {
	s := strconv.Itoa(k.Status) + " " + k.Body.String()
	if k.RetryAfter != "" {
		s += ", Retry-After " + k.RetryAfter
	}
	return s
}

// recordInjected counts a fault answered to r in place of the endpoint.
func (e *Emulator) recordInjected(r *http.Request, f Fault) {
	kind := FaultKind{Status: f.Status, RetryAfter: f.RetryAfter, Body: f.body()}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.injected[kind]++
	if e.injectedByMethod == nil {
		e.injectedByMethod = make(map[string]int)
	}
	e.injectedByMethod[r.Method]++
}

// FaultsInjectedFor returns how many requests with method were answered
// with a fault since the emulator was made, as FaultsInjected counts them:
// during a run that both reads and writes, it tells the faults of the reads
// from those of the writes.
func (e *Emulator) FaultsInjectedFor(method string) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.injectedByMethod[method]
}

// InjectedFaults returns how many requests each kind of fault answered since
// the emulator was made, queued (InjectFaults) and random (FaultRate) faults
// alike. Faults with Status 0, which only delay an answer, are not counted.
func (e *Emulator) InjectedFaults() map[FaultKind]int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return maps.Clone(e.injected)
}

// FaultsInjected returns how many requests were answered with a fault since
// the emulator was made: the sum of InjectedFaults.
func (e *Emulator) FaultsInjected() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, c := range e.injected {
		n += c
	}
	return n
}

// recordCursor remembers the cursor a playlists request sent.
func (e *Emulator) recordCursor(cursor string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cursors = append(e.cursors, cursor)
}

// Cursors returns the cursor query values of the authorized requests for
// playlists, in arrival order ("" for a first page), page tokens included
// (see IsPageToken). ResetCounts forgets them.
func (e *Emulator) Cursors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.cursors)
}

// recordLibraryCursor remembers the cursor a request for the listing of the
// library sent.
func (e *Emulator) recordLibraryCursor(cursor string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.libraryCursors = append(e.libraryCursors, cursor)
}

// LibraryCursors returns the cursor query values of the authorized requests
// for the listing of the library, in arrival order ("" for a first page),
// page tokens included. ResetCounts forgets them.
func (e *Emulator) LibraryCursors() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.libraryCursors)
}
