package provider

import (
	"errors"
	"fmt"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// forEachTracksConfig renders amazonmusic_library_track.all with one
// instance per id, keyed by the id.
func forEachTracksConfig(ids []string) string {
	var b strings.Builder
	b.WriteString("resource \"amazonmusic_library_track\" \"all\" {\n  for_each = toset([\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "    %q,\n", id)
	}
	b.WriteString("  ])\n  track_id = each.value\n}\n")
	return b.String()
}

// TestAccLibraryTrackResource_convergesUnderRandomFaults applies and destroys
// 200 tracks while a tenth of all requests, drawn with a fixed seed, are
// answered 429 (with Retry-After 0, 1 or none) or 500, 502, 503 or 504. A
// single apply converges: the library equals the configuration, every track
// was saved exactly once, the state holds every track, and the next plan is
// empty after reading the listing of the library once, through its faults;
// the destroy removes every track exactly once.
func TestAccLibraryTrackResource_convergesUnderRandomFaults(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const tracks, rate, seed = 200, 0.1, 20261125

	em, url := startEmulator(t, emulator.Options{CatalogSize: tracks, FaultRate: rate, FaultSeed: seed})
	ids := generatedTrackIDs(tracks)
	config := fmt.Sprintf(`provider "amazonmusic" {
  base_url     = %q
  api_key      = %q
  access_token = %q
  max_retries  = 8
}
`, url, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + forEachTracksConfig(ids)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	began := time.Now()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	applied := time.Since(began)
	applyFaults := em.FaultsInjected()

	if got := em.Library(); !slices.Equal(got, ids) {
		t.Errorf("library after apply holds %d tracks, want exactly the %d configured", len(got), len(ids))
	}
	if saves := em.CountMethod(http.MethodPut) - applyFaults; saves != tracks || em.Total() != em.CountMethod(http.MethodPut) {
		t.Errorf("%d successful saves in %d requests (%d PUT), want exactly %d: each track once", saves, em.Total(), em.CountMethod(http.MethodPut), tracks)
	}
	for _, id := range ids {
		if em.Count(http.MethodPut, libraryPath(id)) == 0 {
			t.Errorf("track %s was never sent", id)
		}
	}
	keys := cli.state().libraryTrackKeys("all")
	slices.Sort(keys)
	if !slices.Equal(keys, ids) {
		t.Errorf("state holds %d instances, want exactly the %d configured", len(keys), len(ids))
	}

	em.ResetCounts()
	faultsBeforePlan := em.FaultsInjected()
	out, err := cli.run(nil, "plan", "-detailed-exitcode", "-input=false")
	var exit *exec.ExitError
	if err != nil {
		if errors.As(err, &exit) && exit.ExitCode() == 2 {
			t.Errorf("the plan after apply is not empty:\n%s", out)
		} else {
			t.Errorf("terraform plan failed: %v\n%s", err, out)
		}
	}
	// One walk of the listing, 100 tracks a page, whatever the faults.
	planFaults := em.FaultsInjected() - faultsBeforePlan
	if listing := em.Count(http.MethodGet, libraryListingPath); em.Total() != listing || listing-planFaults != tracks/100 {
		t.Errorf("the plan sent %d requests, %d of them for the listing with %d faults; want only the listing, %d pages answered",
			em.Total(), listing, planFaults, tracks/100)
	}

	began = time.Now()
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	destroyed := time.Since(began)
	destroyFaults := em.FaultsInjected() - applyFaults

	if got := em.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v, want it empty", got)
	}
	if removals := em.CountMethod(http.MethodDelete) - em.FaultsInjectedFor(http.MethodDelete); removals != tracks {
		t.Errorf("%d successful removals, want exactly %d", removals, tracks)
	}
	if len(cli.state().libraryTrackKeys("all")) != 0 {
		t.Error("the state still holds tracks after destroy")
	}
	if applyFaults == 0 || destroyFaults == 0 {
		t.Errorf("%d faults during apply and %d during destroy, want some in each at rate %v", applyFaults, destroyFaults, rate)
	}
	t.Logf("%d tracks at fault rate %v, seed %d: %d faults injected and survived during apply (%v), %d during destroy (%v); by kind: %v",
		tracks, rate, seed, applyFaults, applied.Round(time.Millisecond), destroyFaults, destroyed.Round(time.Millisecond), em.InjectedFaults())
}
