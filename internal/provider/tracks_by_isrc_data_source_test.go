package provider

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// tracksByISRCConfig renders data.amazonmusic_tracks_by_isrc.test resolving
// isrcs, and, with save, amazonmusic_library_tracks.test saving the track
// found for each in its map form, labelled with the ISRC.
func tracksByISRCConfig(isrcs []string, save bool) string {
	quoted := make([]string, len(isrcs))
	for i, isrc := range isrcs {
		quoted[i] = strconv.Quote(isrc)
	}
	config := fmt.Sprintf(`
data "amazonmusic_tracks_by_isrc" "test" {
  isrcs = [%s]
}
`, strings.Join(quoted, ", "))
	if save {
		config += `
resource "amazonmusic_library_tracks" "test" {
  track_id_map = { for isrc, track in data.amazonmusic_tracks_by_isrc.test.tracks : track.id => isrc }
}
`
	}
	return config
}

// dataSourceAttributes returns the attributes of data.<typ>.<name> in s.
func (s stateFile) dataSourceAttributes(t *testing.T, typ, name string) map[string]any {
	t.Helper()
	for _, r := range s.Resources {
		if r.Mode == "data" && r.Type == typ && r.Name == name && len(r.Instances) == 1 {
			return r.Instances[0].Attributes
		}
	}
	t.Fatalf("the state holds no data.%s.%s", typ, name)
	return nil
}

// TestAccTracksByISRCDataSource_resolvesSharedAndUnknownISRCsAndSavesThem
// resolves 300 ISRCs of a catalog where every tenth track shares the ISRC
// of the one before it (so that 30 ISRCs are no track's and 30 are two
// tracks'), saves the track found for each through the map form, one
// search per ISRC and one save per track, then plans nothing.
func TestAccTracksByISRCDataSource_resolvesSharedAndUnknownISRCsAndSavesThem(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	const n = 300
	em, url := startEmulator(t, emulator.Options{CatalogSize: n, SharedISRCEvery: 10})
	isrcs := make([]string, n)
	var wantSaved, wantNotFound []string
	for i := range n {
		// The ISRC track i has unless it shares the one before.
		isrcs[i] = fmt.Sprintf("QZEM%08d", i)
		if i%10 == 1 {
			wantNotFound = append(wantNotFound, isrcs[i])
			continue
		}
		if em.ISRC(i) != isrcs[i] {
			t.Fatalf("the emulator gives track %d the ISRC %s, want %s", i, em.ISRC(i), isrcs[i])
		}
		wantSaved = append(wantSaved, emulator.TrackID(i))
	}
	slices.Sort(wantSaved)

	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), emulatorProviderBlock(url)+tracksByISRCConfig(isrcs, true))
	out := cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if strings.Contains(out, "same recording") {
		t.Errorf("the apply warns of duplicates, though each ISRC gives one id:\n%s", out)
	}
	if err := expectRequests(em, http.MethodPost, searchPath, n); err != nil {
		t.Error(err, "(one search per ISRC)")
	}
	if got := em.CountMethod(http.MethodPut); got != len(wantSaved) {
		t.Errorf("emulator received %d PUT requests, want %d", got, len(wantSaved))
	}
	if got := em.Library(); !slices.Equal(got, wantSaved) {
		t.Errorf("the library holds %d tracks, want the %d found", len(got), len(wantSaved))
	}

	attrs := cli.state().dataSourceAttributes(t, "amazonmusic_tracks_by_isrc", "test")
	tracks, _ := attrs["tracks"].(map[string]any)
	if len(tracks) != len(wantSaved) {
		t.Errorf("tracks holds %d ISRCs, want %d", len(tracks), len(wantSaved))
	}
	shared, _ := tracks[isrcs[0]].(map[string]any)
	wantShared := map[string]any{
		"id": emulator.TrackID(0), "title": "Electric Harbour 0", "isrc": isrcs[0],
		"url":        "https://music.amazon.com/albums/B0A0000000/?trackAsin=" + emulator.TrackID(0),
		"candidates": []any{emulator.TrackID(0), emulator.TrackID(1)},
	}
	if !reflect.DeepEqual(shared, wantShared) {
		t.Errorf("tracks[%q] = %v, want %v", isrcs[0], shared, wantShared)
	}
	if single, _ := tracks[isrcs[2]].(map[string]any); !reflect.DeepEqual(single["candidates"], []any{emulator.TrackID(2)}) {
		t.Errorf("tracks[%q] = %v, want the one candidate %s", isrcs[2], single, emulator.TrackID(2))
	}
	var notFound []string
	listed, _ := attrs["not_found"].([]any)
	for _, v := range listed {
		isrc, _ := v.(string)
		notFound = append(notFound, isrc)
	}
	slices.Sort(notFound)
	if !slices.Equal(notFound, wantNotFound) {
		t.Errorf("not_found = %v, want %v", notFound, wantNotFound)
	}

	em.ResetCounts()
	if code, out := planExitCode(t, cli); code != 0 {
		t.Errorf("the plan after apply is not empty:\n%s", out)
	}
	if err := expectRequests(em, http.MethodPost, searchPath, n); err != nil {
		t.Error(err, "(a plan reads the data source again)")
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
}

func TestAccTracksByISRCDataSource_rejectsMalformedISRCsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + tracksByISRCConfig([]string{"GBCFB2000356", "gbcfb2000356", "GB-CFB-20-00356", "B08DL2BXQC"}, false),
			ExpectError: errorText(
				`Invalid ISRC "B08DL2BXQC"`, "must be an ISRC: 12 characters",
				`Invalid ISRC "GB-CFB-20-00356"`, `Write "GBCFB2000356"`, `replace(value, "-", "")`,
				`Invalid ISRC "gbcfb2000356"`, `Write "GBCFB2000356"`, "upper(value)"),
		}},
	})
	expectNoRequests(t, em)
}

func TestAccTracksByISRCDataSource_refusedSearchStopsTheOthersWithOneError(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 50})
	em.InjectFaults(emulator.Fault{Method: http.MethodPost, PathPrefix: searchPath, Status: http.StatusForbidden,
		Code: "INSUFFICIENT_SCOPE", Times: 100})
	isrcs := make([]string, 20)
	for i := range isrcs {
		isrcs[i] = em.ISRC(i)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + tracksByISRCConfig(isrcs, false),
			ExpectError: errorText("Amazon Music refused the API key or the token's scope",
				"Resolving ISRC "+isrcs[0]+" did not succeed: POST /v1/search/tracks: HTTP 403 INSUFFICIENT_SCOPE",
				"No request was sent for 19 more: "+isrcs[1]+", "+isrcs[2], "and 14 more",
				"needs the music::catalog scope"),
		}},
	})
	if err := expectRequests(em, http.MethodPost, searchPath, 1); err != nil {
		t.Error(err, "(the first refusal stops the other searches)")
	}
}
