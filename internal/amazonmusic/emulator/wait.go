package emulator

import (
	"context"
	"time"
)

// wait waits d, or less when ctx is done first. It reports whether the
// whole wait passed.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
