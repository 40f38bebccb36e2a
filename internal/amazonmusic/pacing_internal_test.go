package amazonmusic

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

func TestNewPacerIsTheConfiguredMaximumOrNone(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		max  float64
		want rate.Limit
	}{
		{max: 50, want: 50},
		{max: 0.5, want: 0.5},
	} {
		if p := newPacer(Config{MaxRequestsPerSecond: tt.max}); p == nil || p.Limit() != tt.want || p.Burst() != 1 {
			t.Errorf("newPacer(%v) = %v, want a limit of %v with a burst of 1", tt.max, p, tt.want)
		}
	}
	for _, ceiling := range []float64{0, math.Inf(1)} {
		if p := newPacer(Config{MaxRequestsPerSecond: ceiling}); p != nil {
			t.Errorf("newPacer(%v) = %v, want none", ceiling, p)
		}
	}
}

func TestWaitTurnHonoursTheContextAndGivesTheTurnBack(t *testing.T) {
	t.Parallel()
	// One turn every 100 s: the second caller cannot get one in the test.
	limiter := rate.NewLimiter(0.01, 1)
	if err := waitTurn(t.Context(), limiter); err != nil {
		t.Fatalf("first turn: %v", err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if err := waitTurn(ctx, limiter); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second turn = %v, want the context's deadline error", err)
	}
	// The canceled turn was given back: the next one is no further away
	// than the second was.
	if delay := limiter.Reserve().Delay(); delay > 100*time.Second {
		t.Errorf("next turn in %v, want at most 100s: the canceled turn was kept", delay)
	}

	canceled, cancelNow := context.WithCancel(t.Context())
	cancelNow()
	if err := waitTurn(canceled, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("waitTurn with a canceled context = %v, want context.Canceled", err)
	}
	if err := waitTurn(t.Context(), nil); err != nil {
		t.Errorf("waitTurn without a limit = %v, want at once", err)
	}
}
