package provider

import (
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// TestAccLibraryTrackResource_catalogRefusedAfterImportWarnsOnceAndLeavesNull
// imports two library tracks whose listing lacks the isrc, against an API
// that refuses the catalog read with 403 (a token without the
// music::catalog scope): the apply succeeds with a single warning, and the
// isrc stays null beside the title and url the listing gives.
func TestAccLibraryTrackResource_catalogRefusedAfterImportWarnsOnceAndLeavesNull(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	em.AddToLibrary("B00LIVE7QX") // no isrc in the listing nor the catalog
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: "/v1/tracks/", Status: http.StatusForbidden,
		Code: "INSUFFICIENT_SCOPE", Times: 100})
	config := providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
	for _, name := range []string{"a", "b"} {
		config += `
import {
  to = amazonmusic_library_track.` + name + `
  id = "B00LIVE7QX"
}

resource "amazonmusic_library_track" "` + name + `" {
  track_id = "B00LIVE7QX"
}
`
	}
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	out := cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	// Terraform folds warnings of the same summary into one, adding "(and
	// N more similar warnings elsewhere)": neither may appear.
	if n := strings.Count(out, "Warning: Track details left null"); n != 1 || strings.Contains(out, "more similar warning") {
		t.Errorf("the apply warned %d times (similar warnings folded: %t), want once:\n%s", n, strings.Contains(out, "more similar warning"), out)
	}
	if !strings.Contains(out, "music::catalog") || !strings.Contains(out, "HTTP 403") {
		t.Errorf("the warning names neither the scope nor the answer:\n%s", out)
	}
	if n := em.Count(http.MethodGet, "/v1/tracks/B00LIVE7QX"); n != 2 {
		t.Errorf("GET /v1/tracks/B00LIVE7QX sent %d times, want 2: once per imported track, never retried", n)
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	state := cli.state()
	found := 0
	for _, r := range state.Resources {
		if r.Type != "amazonmusic_library_track" {
			continue
		}
		for _, inst := range r.Instances {
			found++
			attrs := inst.Attributes
			if attrs["isrc"] != nil || attrs["title"] != "Untitled (Live)" ||
				attrs["url"] != "https://music.amazon.com/albums/B00LIVE2AL/?trackAsin=B00LIVE7QX" {
				t.Errorf("%s: isrc %v, title %v, url %v; want null, and the listing's title and url", r.Name, attrs["isrc"], attrs["title"], attrs["url"])
			}
		}
	}
	if found != 2 {
		t.Errorf("the state holds %d library tracks, want the 2 imported", found)
	}
}
