package emulator

import "net/http"

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
