package emulator

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
)

// randomFaultKinds are the faults Options.FaultRate draws from, each as
// likely as the others: the transient answers a client must retry.
var randomFaultKinds = []Fault{
	{Status: http.StatusTooManyRequests, RetryAfter: "0"},
	{Status: http.StatusTooManyRequests, RetryAfter: "1"},
	{Status: http.StatusTooManyRequests},
	{Status: http.StatusInternalServerError},
	{Status: http.StatusBadGateway},
	{Status: http.StatusServiceUnavailable},
	{Status: http.StatusGatewayTimeout},
}

// RandomFaultKinds returns the faults that Options.FaultRate draws from,
// each as likely as the others: 429 with Retry-After "0", "1" or none, 500,
// 502, 503 and 504, with their default bodies.
func RandomFaultKinds() []Fault {
	return slices.Clone(randomFaultKinds)
}

// randomFaults draws the random faults. Emulator.mu guards it.
type randomFaults struct {
	rate float64
	rng  *rand.Rand
}

// newRandomFaults returns a source of faults for rate, clamped to [0, 1],
// seeded with seed.
func newRandomFaults(rate float64, seed int64) randomFaults {
	switch {
	case !(rate > 0): // NaN too
		rate = 0
	case rate > 1:
		rate = 1
	}
	// The second word of the PCG seed is fixed: seed alone picks the sequence.
	return randomFaults{rate: rate, rng: rand.New(rand.NewPCG(uint64(seed), 0x616d617a6f6e))}
}

// SetRandomFaults answers the given fraction of API requests from now on
// with random transient faults, as Options.FaultRate and Options.FaultSeed
// do, and restarts the sequence of draws from seed. A rate of 0 stops them.
func (e *Emulator) SetRandomFaults(rate float64, seed int64) {
	rf := newRandomFaults(rate, seed)
	e.mu.Lock()
	defer e.mu.Unlock()
	e.random = rf
}

// drawRandomFault decides whether the API request r gets a random fault,
// and which.
func (e *Emulator) drawRandomFault(r *http.Request) (Fault, bool) {
	if !strings.HasPrefix(r.URL.Path, "/v1/") {
		return Fault{}, false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	rf := &e.random
	if rf.rate == 0 || rf.rng.Float64() >= rf.rate {
		return Fault{}, false
	}
	f := randomFaultKinds[rf.rng.IntN(len(randomFaultKinds))]
	f.Times = 1
	return f, true
}
