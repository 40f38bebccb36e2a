package emulator_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// trackPath is the library path of generated track i.
func trackPath(i int) string {
	return "/v1/me/library/tracks/" + emulator.TrackID(i)
}

func TestRateLimitAnswers429BeyondTheBurstWithRetryAfterAndSavesNothing(t *testing.T) {
	t.Parallel()
	// One request a second: the bucket of 3 cannot refill during the test.
	e, srv := start(t, emulator.Options{CatalogSize: 10, RateLimit: 1, RateBurst: 3})
	e.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: trackPath(3), Status: http.StatusInternalServerError})

	for i := range 3 {
		if a := send(t, srv, http.MethodPut, trackPath(i)); a.status != http.StatusOK {
			t.Fatalf("request %d within the burst: status %d, want 200 (body %s)", i, a.status, a.body)
		}
	}
	a := send(t, srv, http.MethodPut, trackPath(3))
	if got := mustAPIError(t, a, http.StatusTooManyRequests); got.Code != emulator.CodeThrottled {
		t.Errorf("code = %q, want %q", got.Code, emulator.CodeThrottled)
	}
	if ra := a.header.Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After = %q, want \"1\" (the wait for a token, rounded up to a second)", ra)
	}
	if got := e.Throttled(); got != 1 {
		t.Errorf("Throttled() = %d, want 1", got)
	}
	if got := e.Count(http.MethodPut, trackPath(3)); got != 1 {
		t.Errorf("Count of the throttled request = %d, want 1", got)
	}
	if e.InLibrary(emulator.TrackID(3)) {
		t.Error("the throttled request saved its track")
	}
	if got := e.PendingFaults(); got != 1 {
		t.Errorf("PendingFaults() = %d, want 1: a throttled request consumes no fault", got)
	}
	if got := e.FaultsInjected(); got != 0 {
		t.Errorf("FaultsInjected() = %d, want 0: throttling is not a fault", got)
	}
}

func TestRateLimitRefillsAtItsRate(t *testing.T) {
	t.Parallel()
	// 20 a second with a bucket of 1: a token every 50 ms.
	e, srv := start(t, emulator.Options{CatalogSize: 10, RateLimit: 20, RateBurst: 1})

	if a := send(t, srv, http.MethodPut, trackPath(0)); a.status != http.StatusOK {
		t.Fatalf("first request: status %d, want 200", a.status)
	}
	if a := send(t, srv, http.MethodPut, trackPath(1)); a.status != http.StatusTooManyRequests {
		t.Fatalf("second request at once: status %d, want 429", a.status)
	}
	time.Sleep(120 * time.Millisecond)
	if a := send(t, srv, http.MethodPut, trackPath(1)); a.status != http.StatusOK {
		t.Fatalf("request after two tokens' time: status %d, want 200 (body %s)", a.status, a.body)
	}
	if got := e.Throttled(); got != 1 {
		t.Errorf("Throttled() = %d, want 1", got)
	}
}

func TestRateLimitDefaultBurstIsAboutOneSecondOfRequests(t *testing.T) {
	t.Parallel()
	// 2.5 a second: a bucket of 3, and a token every 400 ms after it.
	e, srv := start(t, emulator.Options{CatalogSize: 10, RateLimit: 2.5})

	statuses := make([]int, 4)
	for i := range statuses {
		statuses[i] = send(t, srv, http.MethodPut, trackPath(i)).status
	}
	want := []int{200, 200, 200, 429}
	for i := range want {
		if statuses[i] != want[i] {
			t.Fatalf("statuses = %v, want %v", statuses, want)
		}
	}
	if got := e.Throttled(); got != 1 {
		t.Errorf("Throttled() = %d, want 1", got)
	}
}

func TestRateLimitSparesTheTokenEndpointAndSetRateLimitChangesIt(t *testing.T) {
	t.Parallel()
	e, srv := start(t, emulator.Options{CatalogSize: 10, RateLimit: 0.5, RateBurst: 1})

	if a := send(t, srv, http.MethodPut, trackPath(0)); a.status != http.StatusOK {
		t.Fatalf("first request: status %d, want 200", a.status)
	}
	// Login with Amazon is another host: the API's limit does not apply.
	for range 3 {
		if a := sendWith(t, srv, http.MethodPost, emulator.TokenPath, nil); a.status == http.StatusTooManyRequests {
			t.Fatalf("the token endpoint was throttled (body %s)", a.body)
		}
	}
	a := send(t, srv, http.MethodPut, trackPath(1))
	if a.status != http.StatusTooManyRequests {
		t.Fatalf("second API request: status %d, want 429", a.status)
	}
	// Half a request a second: the next token is two seconds away.
	if ra := a.header.Get("Retry-After"); ra != "2" {
		t.Errorf("Retry-After = %q, want \"2\"", ra)
	}

	e.SetRateLimit(1, 2) // a full bucket of 2
	for i := 1; i <= 2; i++ {
		if a := send(t, srv, http.MethodPut, trackPath(i)); a.status != http.StatusOK {
			t.Fatalf("request %d after SetRateLimit(1, 2): status %d, want 200", i, a.status)
		}
	}
	if a := send(t, srv, http.MethodPut, trackPath(3)); a.status != http.StatusTooManyRequests {
		t.Fatalf("third request after SetRateLimit(1, 2): status %d, want 429", a.status)
	}
	e.SetRateLimit(0, 0)
	for i := range 10 {
		if a := send(t, srv, http.MethodPut, trackPath(i)); a.status != http.StatusOK {
			t.Fatalf("request %d without a limit: status %d, want 200", i, a.status)
		}
	}
	if got := e.Throttled(); got != 2 {
		t.Errorf("Throttled() = %d, want 2", got)
	}
}
