package provider

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"strings"
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

	cmd := exec.CommandContext(t.Context(), cli.tf, "-chdir="+cli.dir, "apply", "-auto-approve", "-input=false", "-no-color")
	cmd.Env = cli.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	// Wait for the 429, then give the provider a moment to start waiting.
	deadline := time.Now().Add(30 * time.Second)
	for em.Count(http.MethodPut, libraryPath("B08DL2BXQC")) == 0 {
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("the apply never sent its request:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(300 * time.Millisecond)

	interrupted := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	elapsed := time.Since(interrupted)
	t.Logf("terraform apply exited %v after the interrupt", elapsed.Round(time.Millisecond))

	if err == nil {
		t.Errorf("the interrupted apply succeeded:\n%s", out.String())
	}
	if elapsed > 3*time.Second {
		t.Errorf("terraform apply exited %v after the interrupt, want within a second or two, not after the 30s Retry-After", elapsed)
	}
	output := out.String()
	if !strings.Contains(output, "Unable to save track B08DL2BXQC to the library") || !strings.Contains(output, "context canceled") {
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
