package provider

import (
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// TestAccLibraryTrackResource_interruptEndsALongRetryAfterWaitAtOnce
// interrupts `terraform apply` (as Ctrl-C does) while the provider waits out
// a Retry-After of 30 seconds: Terraform asks the provider to stop, the
// wait ends, and the apply fails within a second or two, without another
// request and without the track in the state.
func TestAccLibraryTrackResource_interruptEndsALongRetryAfterWaitAtOnce(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()

	em, url := startEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusTooManyRequests, RetryAfter: "30", Times: 10})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)),
		providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)+libraryTrackConfig("B08DL2BXQC"))

	apply := cli.start(nil, "apply", "-auto-approve", "-input=false")
	// Wait for the 429, then give the provider a moment to start waiting.
	waitUntil(t, 30*time.Second, "the apply's request", func() bool {
		return em.Count(http.MethodPut, libraryPath("B08DL2BXQC")) > 0
	})
	time.Sleep(300 * time.Millisecond)

	interrupted := time.Now()
	apply.signal(syscall.SIGINT)
	output, err := apply.wait(30 * time.Second)
	elapsed := time.Since(interrupted)
	t.Logf("terraform apply exited %v after the interrupt", elapsed.Round(time.Millisecond))

	if err == nil {
		t.Errorf("the interrupted apply succeeded:\n%s", output)
	}
	if elapsed > 3*time.Second {
		t.Errorf("terraform apply exited %v after the interrupt, want within a second or two, not after the 30s Retry-After", elapsed)
	}
	if !strings.Contains(output, "Interrupted before 1 track was saved") || !strings.Contains(output, "B08DL2BXQC") {
		t.Errorf("output does not report the canceled save of the track:\n%s", output)
	}
	if n := em.Count(http.MethodPut, libraryPath("B08DL2BXQC")); n != 1 {
		t.Errorf("emulator received %d PUT requests, want 1: no retry after the interrupt", n)
	}
	if em.InLibrary("B08DL2BXQC") {
		t.Error("the track was saved")
	}
	if keys := cli.state().libraryTrackKeys("test"); len(keys) != 0 {
		t.Errorf("the state holds the track that was not saved: %v", keys)
	}
}
