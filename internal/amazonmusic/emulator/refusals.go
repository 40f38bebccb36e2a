package emulator

import (
	"net/http"
	"strconv"
	"sync"
)

// refusals answers the first attempts of each distinct API request 429, as
// Options.RefuseEachRequest asks: a limit per resource, or a lock, rather
// than an account-wide rate. It has its own lock.
type refusals struct {
	mu         sync.Mutex
	times      int
	retryAfter string
	refused    map[requestKey]int
}

// refuse answers r with 429 THROTTLED when it is one of the first times
// attempts of its method and path (query aside), and reports whether it did.
func (f *refusals) refuse(w http.ResponseWriter, r *http.Request) bool {
	key := requestKey{method: r.Method, path: r.URL.Path}
	f.mu.Lock()
	if f.times <= 0 || f.refused[key] >= f.times {
		f.mu.Unlock()
		return false
	}
	if f.refused == nil {
		f.refused = make(map[requestKey]int)
	}
	f.refused[key]++
	n, retryAfter := f.refused[key], f.retryAfter
	f.mu.Unlock()

	if retryAfter != "" {
		w.Header().Set("Retry-After", retryAfter)
	}
	writeError(w, http.StatusTooManyRequests, CodeThrottled,
		"Too Many Requests: attempt "+strconv.Itoa(n)+" of this request refused")
	return true
}

// SetRefusals answers, from now on, the first times attempts of each
// distinct API request 429 THROTTLED with retryAfter as its Retry-After
// header (none when empty), as Options.RefuseEachRequest and
// Options.RefusalRetryAfter do. The attempts refused so far still count;
// times 0 stops refusing.
func (e *Emulator) SetRefusals(times int, retryAfter string) {
	e.refusals.mu.Lock()
	defer e.refusals.mu.Unlock()
	e.refusals.times, e.refusals.retryAfter = max(times, 0), retryAfter
}

// Refused returns how many requests with this method and path (without
// query) were refused by Options.RefuseEachRequest. Count counts them too.
func (e *Emulator) Refused(method, path string) int {
	e.refusals.mu.Lock()
	defer e.refusals.mu.Unlock()
	return e.refusals.refused[requestKey{method: method, path: path}]
}

// RefusedTotal returns how many requests Options.RefuseEachRequest refused.
func (e *Emulator) RefusedTotal() int {
	e.refusals.mu.Lock()
	defer e.refusals.mu.Unlock()
	n := 0
	for _, c := range e.refusals.refused {
		n += c
	}
	return n
}
