package emulator

import "sync"

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
