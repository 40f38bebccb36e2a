package emulator_test

import (
	"net/http"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestRefuseEachRequestAnswers429ToTheFirstAttemptsOfEachRequest(t *testing.T) {
	t.Parallel()
	e, srv := start(t, emulator.Options{CatalogSize: 10, RefuseEachRequest: 2, RefusalRetryAfter: "1"})

	for _, path := range []string{trackPath(0), trackPath(1)} {
		for attempt := 1; attempt <= 2; attempt++ {
			a := send(t, srv, http.MethodPut, path)
			if got := mustAPIError(t, a, http.StatusTooManyRequests); got.Code != emulator.CodeThrottled {
				t.Errorf("%s attempt %d: code %q, want %q", path, attempt, got.Code, emulator.CodeThrottled)
			}
			if ra := a.header.Get("Retry-After"); ra != "1" {
				t.Errorf("%s attempt %d: Retry-After %q, want \"1\"", path, attempt, ra)
			}
		}
		if e.InLibrary(path[len(path)-10:]) {
			t.Errorf("%s: a refused request saved its track", path)
		}
		if a := send(t, srv, http.MethodPut, path); a.status != http.StatusOK {
			t.Errorf("%s attempt 3: status %d, want 200 (body %s)", path, a.status, a.body)
		}
		// The same path with another method is another request.
		if a := send(t, srv, http.MethodDelete, path); a.status != http.StatusTooManyRequests {
			t.Errorf("DELETE %s: status %d, want 429", path, a.status)
		}
		if got := e.Refused(http.MethodPut, path); got != 2 {
			t.Errorf("Refused(PUT %s) = %d, want 2", path, got)
		}
	}
	if got := e.RefusedTotal(); got != 6 {
		t.Errorf("RefusedTotal() = %d, want 6", got)
	}
	if got := e.Throttled(); got != 0 {
		t.Errorf("Throttled() = %d, want 0: no rate limit is set", got)
	}
}

func TestRefuseEachRequestWithoutRetryAfterAndSetRefusals(t *testing.T) {
	t.Parallel()
	e, srv := start(t, emulator.Options{CatalogSize: 10, RefuseEachRequest: 1})

	a := send(t, srv, http.MethodPut, trackPath(0))
	if a.status != http.StatusTooManyRequests || a.header.Get("Retry-After") != "" {
		t.Errorf("first attempt: status %d, Retry-After %q; want 429 without Retry-After", a.status, a.header.Get("Retry-After"))
	}
	if a := send(t, srv, http.MethodPut, trackPath(0)); a.status != http.StatusOK {
		t.Errorf("second attempt: status %d, want 200", a.status)
	}
	e.SetRefusals(0, "")
	if a := send(t, srv, http.MethodPut, trackPath(1)); a.status != http.StatusOK {
		t.Errorf("after SetRefusals(0): status %d, want 200", a.status)
	}
	if got := e.RefusedTotal(); got != 1 {
		t.Errorf("RefusedTotal() = %d, want 1", got)
	}
}
