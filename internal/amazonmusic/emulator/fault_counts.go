package emulator

import (
	"maps"
	"net/http"
	"strconv"
)

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
