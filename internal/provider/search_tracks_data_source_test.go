package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// searchPath is the path of the search of tracks.
const searchPath = "/v1/search/tracks"

// searchTracksConfig renders data.amazonmusic_search_tracks.test with the
// given body lines.
func searchTracksConfig(lines ...string) string {
	return "\ndata \"amazonmusic_search_tracks\" \"test\" {\n  " + strings.Join(lines, "\n  ") + "\n}\n"
}

// foundTrack checks an element of tracks against what the emulator answers
// for id: null where it leaves a value out.
func foundTrack(em *emulator.Emulator, id string) knownvalue.Check {
	track, ok := em.CatalogTrack(id)
	if !ok {
		panic("no catalog track " + id)
	}
	str := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	var album knownvalue.Check = knownvalue.Null()
	if track.Album != nil {
		album = knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": str(track.Album.ID), "title": str(track.Album.Title), "url": str(track.Album.URL),
		})
	}
	var artists knownvalue.Check = knownvalue.Null()
	if track.Artists != nil {
		checks := make([]knownvalue.Check, len(track.Artists))
		for i, a := range track.Artists {
			checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{"id": str(a.ID), "name": str(a.Name), "url": str(a.URL)})
		}
		artists = knownvalue.ListExact(checks)
	}
	var duration knownvalue.Check = knownvalue.Null()
	if track.Duration != 0 {
		duration = knownvalue.Int64Exact(int64(track.Duration))
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":           knownvalue.StringExact(track.ID),
		"title":        str(track.Title),
		"isrc":         str(track.ISRC),
		"url":          str(track.URL),
		"duration":     duration,
		"release_date": str(track.ReleaseDate),
		"album":        album,
		"artists":      artists,
	})
}

func TestAccSearchTracksDataSource_findsTheTrackOfAnISRCWithEveryField(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 10})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + searchTracksConfig(`isrc = "GBCFB2000356"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test", tfjsonpath.New("tracks"),
					knownvalue.ListExact([]knownvalue.Check{foundTrack(em, "B08DL2BXQC")})),
				// A few values spelled out, beside the emulator's own.
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test",
					tfjsonpath.New("tracks").AtSliceIndex(0).AtMapKey("title"), knownvalue.StringExact("Kane Train")),
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test",
					tfjsonpath.New("tracks").AtSliceIndex(0).AtMapKey("duration"), knownvalue.Int64Exact(215)),
			},
			Check: func(*terraform.State) error {
				// Each of the plan and apply reads it once, and the refresh
				// after apply once more: every search is one request.
				if n := em.Count(http.MethodPost, searchPath); n == 0 || em.Total() != n {
					return fmt.Errorf("emulator received %d searches among %d requests, want only searches", n, em.Total())
				}
				return checkNoWrites(em)
			},
		}},
	})
}

func TestAccSearchTracksDataSource_walksPagesToMaxResultsInTheAPIsOrder(t *testing.T) {
	t.Parallel()
	// Pages of 5: 7 tracks take two pages, the second reached by the first's
	// token. "Harbour" is in the titles of the built-in B07QXMFJ4W and of
	// generated tracks 0 to 11, in that order of relevance.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 40, PageCap: 5})
	want := []knownvalue.Check{foundTrack(em, "B07QXMFJ4W")}
	for i := range 6 {
		want = append(want, foundTrack(em, emulator.TrackID(i)))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + searchTracksConfig(`name = "harbour"`, `max_results = 7`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test", tfjsonpath.New("tracks"), knownvalue.ListExact(want)),
			},
			Check: func(*terraform.State) error {
				// Two pages per read; the emulator answers 400 to a token it
				// did not hand out.
				if n := em.Count(http.MethodPost, searchPath); n == 0 || n%2 != 0 {
					return fmt.Errorf("emulator received %d searches, want two per read", n)
				}
				return nil
			},
		}},
	})
}

func TestAccSearchTracksDataSource_unknownISRCIsAnEmptyList(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 10})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + searchTracksConfig(`isrc = "QZEM99999999"`, `sort_by = "release"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test", tfjsonpath.New("tracks"), knownvalue.ListExact(nil)),
			},
			Check: func(*terraform.State) error {
				if em.Count(http.MethodPost, searchPath) == 0 {
					return fmt.Errorf("the emulator received no search")
				}
				return nil
			},
		}},
	})
}

func TestAccSearchTracksDataSource_minimalNodesLeaveTheOtherFieldsNull(t *testing.T) {
	t.Parallel()
	_, provider := testAccEmulator(t, emulator.Options{SearchNodes: emulator.SearchNodesMinimal})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + searchTracksConfig(`query = "kane train"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.amazonmusic_search_tracks.test", tfjsonpath.New("tracks"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id":           knownvalue.StringExact("B08DL2BXQC"),
						"title":        knownvalue.StringExact("Kane Train"),
						"isrc":         knownvalue.Null(),
						"url":          knownvalue.Null(),
						"duration":     knownvalue.Null(),
						"release_date": knownvalue.Null(),
						"album":        knownvalue.Null(),
						"artists":      knownvalue.Null(),
					})})),
			},
		}},
	})
}

func TestAccSearchTracksDataSource_rejectsBadInputsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	step := func(want []string, lines ...string) resource.TestStep {
		return resource.TestStep{Config: provider + searchTracksConfig(lines...), ExpectError: errorText(want...)}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step([]string{"At least one of these attributes must be configured", "query", "name", "artist_name", "album_name", "isrc"},
				`sort_by = "name"`),
			step([]string{`Invalid ISRC "gb-cfb-20-00356"`, "must be an ISRC: 12 characters",
				`Write "GBCFB2000356"`, `upper(replace(value, "-", ""))`}, `isrc = "gb-cfb-20-00356"`),
			step([]string{`Invalid ISRC "GBCFB200035"`, "must be an ISRC"}, `isrc = "GBCFB200035"`),
			step([]string{"sort_by", `value must be one of: ["relevance" "release" "popularity" "name"]`},
				`name = "train"`, `sort_by = "newest"`),
			step([]string{"max_results", "must be between 1 and 1000, got: 0"}, `name = "train"`, `max_results = 0`),
			step([]string{"max_results", "must be between 1 and 1000, got: 1001"}, `name = "train"`, `max_results = 1001`),
		},
	})
	expectNoRequests(t, em)
}

func TestAccSearchTracksDataSource_refusalNamesTheCatalogScope(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{Method: http.MethodPost, PathPrefix: searchPath, Status: http.StatusForbidden,
		Code: "INSUFFICIENT_SCOPE", Times: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + searchTracksConfig(`isrc = "GBCFB2000356"`),
			ExpectError: errorText("Unable to search the catalog for tracks",
				"POST /v1/search/tracks: HTTP 403 INSUFFICIENT_SCOPE", "needs the music::catalog scope"),
		}},
	})
	if err := expectRequests(em, http.MethodPost, searchPath, 1); err != nil {
		t.Error(err, "(a 403 is not retried)")
	}
}
