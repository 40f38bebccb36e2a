package emulator

import (
	"testing"
	"time"
)

func TestThrottleIsATokenBucket(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_700_000_000, 0)
	th := &throttle{now: func() time.Time { return now }}
	th.set(10, 2) // a token every 100 ms, 2 at most

	for i := range 2 {
		if ok, _ := th.take(); !ok {
			t.Fatalf("take %d of a full bucket of 2 failed", i)
		}
	}
	ok, wait := th.take()
	if ok || wait != 100*time.Millisecond {
		t.Fatalf("take of an empty bucket = %t, %v; want false, 100ms", ok, wait)
	}
	now = now.Add(40 * time.Millisecond)
	if ok, wait := th.take(); ok || wait != 60*time.Millisecond {
		t.Fatalf("take 40ms later = %t, %v; want false, 60ms", ok, wait)
	}
	now = now.Add(60 * time.Millisecond)
	if ok, _ := th.take(); !ok {
		t.Fatal("take once a token is back failed")
	}
	// A long idle time fills the bucket up to its size only.
	now = now.Add(time.Hour)
	for i := range 2 {
		if ok, _ := th.take(); !ok {
			t.Fatalf("take %d after an hour failed", i)
		}
	}
	if ok, _ := th.take(); ok {
		t.Fatal("the bucket held more than its size after an hour")
	}
	if th.throttled != 3 {
		t.Errorf("throttled = %d, want 3", th.throttled)
	}
}

func TestThrottleWithoutRateAllowsEverything(t *testing.T) {
	t.Parallel()
	for _, rate := range []float64{0, -1} {
		th := newThrottle(rate, 1)
		for range 1000 {
			if ok, _ := th.take(); !ok {
				t.Fatalf("rate %v throttled a request", rate)
			}
		}
	}
}

func TestRetryAfterSecondsRoundsUpToAtLeastOne(t *testing.T) {
	t.Parallel()
	tests := []struct {
		wait time.Duration
		want string
	}{
		{0, "1"},
		{20 * time.Millisecond, "1"},
		{time.Second, "1"},
		{time.Second + time.Nanosecond, "2"},
		{2500 * time.Millisecond, "3"},
	}
	for _, tt := range tests {
		if got := retryAfterSeconds(tt.wait); got != tt.want {
			t.Errorf("retryAfterSeconds(%v) = %q, want %q", tt.wait, got, tt.want)
		}
	}
}
