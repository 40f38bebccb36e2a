package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const albumDataAddress = "data.amazonmusic_album.test"

// albumDataConfig renders an amazonmusic_album data source named "test"
// for the album id.
func albumDataConfig(id string) string {
	return fmt.Sprintf(`
data "amazonmusic_album" "test" {
  id = %q
}
`, id)
}

// albumPath is the path of the catalog read of album id.
func albumPath(id string) string {
	return "/v1/albums/" + id
}

// albumStateChecks checks every attribute of data.amazonmusic_album.test
// against what the emulator answers for album id: null where it leaves a
// value out.
func albumStateChecks(em *emulator.Emulator, id string) []statecheck.StateCheck {
	album, ok := em.CatalogAlbum(id)
	if !ok {
		panic("no catalog album " + id)
	}
	str := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	number := func(n int) knownvalue.Check {
		if n == 0 {
			return knownvalue.Null()
		}
		return knownvalue.Int64Exact(int64(n))
	}
	var artists knownvalue.Check = knownvalue.Null()
	if album.Artists != nil {
		checks := make([]knownvalue.Check, len(album.Artists))
		for i, a := range album.Artists {
			checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{"id": str(a.ID), "name": str(a.Name), "url": str(a.URL)})
		}
		artists = knownvalue.ListExact(checks)
	}
	tracks := make([]knownvalue.Check, len(album.Tracks))
	for i, t := range album.Tracks {
		tracks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(t.ID), "title": str(t.Title), "url": str(t.URL)})
	}
	var images knownvalue.Check = knownvalue.Null()
	if album.Images != nil {
		checks := make([]knownvalue.Check, len(album.Images))
		for i, img := range album.Images {
			checks[i] = knownvalue.ObjectExact(map[string]knownvalue.Check{
				"url": str(img.URL), "height": knownvalue.Int64Exact(int64(img.Height)), "width": knownvalue.Int64Exact(int64(img.Width)),
			})
		}
		images = knownvalue.ListExact(checks)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("id"), knownvalue.StringExact(id)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("title"), str(album.Title)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("url"), str(album.URL)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("release_date"), str(album.ReleaseDate)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("duration"), number(album.Duration)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("artists"), artists),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(int64(album.TrackCount))),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("tracks"), knownvalue.ListExact(tracks)),
		statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("images"), images),
	}
}

func TestAccAlbumDataSource_readsAnAlbumAndSavesItsTracksWithTheBulkResource(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 40})
	const albumID = "B0A0000002" // generated tracks 20 to 29
	ids := catalogIDs(30)[20:]
	config := provider + albumDataConfig(albumID) + `
resource "amazonmusic_library_tracks" "test" {
  track_id_map = { for track in data.amazonmusic_album.test.tracks : track.id => track.title }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: append(albumStateChecks(em, albumID),
					// A few values spelled out, beside the emulator's own.
					statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("title"), knownvalue.StringExact("Album 2")),
					statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(10)),
					statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("tracks").AtSliceIndex(0).AtMapKey("id"),
						knownvalue.StringExact(ids[0])),
					statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("tracks").AtSliceIndex(9).AtMapKey("id"),
						knownvalue.StringExact(ids[9])),
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_id_map"), knownvalue.MapSizeExact(10)),
				),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, ids...),
					checkWrites(em, ids, nil),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error { return checkNoWrites(em) },
			},
		},
	})
}

func TestAccAlbumDataSource_leavesWhatTheAPILeavesOutNull(t *testing.T) {
	t.Parallel()
	// B07QXLZ8RN: an album without title, url, images or markets.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 3})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + albumDataConfig("B07QXLZ8RN"),
			ConfigStateChecks: append(albumStateChecks(em, "B07QXLZ8RN"),
				statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("title"), knownvalue.Null()),
				statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("url"), knownvalue.Null()),
				statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("images"), knownvalue.Null()),
				statecheck.ExpectKnownValue(albumDataAddress, tfjsonpath.New("tracks"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("B07QXMFJ4W")}),
				})),
			),
		}},
	})
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
}

func TestAccAlbumDataSource_unknownIDFailsNamingTheID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 10})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + albumDataConfig("B0A0000009"),
			ExpectError: errorText("Album B0A0000009 not found",
				"The Amazon Music catalog has no album with id B0A0000009",
				"GET /v1/albums/B0A0000009: HTTP 404 NOT_FOUND"),
		}},
	})
	if err := expectRequests(em, http.MethodGet, albumPath("B0A0000009"), 1); err != nil {
		t.Error(err, "(a 404 is not retried)")
	}
}

func TestAccAlbumDataSource_rejectsMalformedIDsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"b08dl2h5pv", "B08DL2H5P", "../../me", ""} {
		t.Run(fmt.Sprintf("%q", id), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      provider + albumDataConfig(id),
					ExpectError: errorText(fmt.Sprintf("Invalid album id %q", id), "must be an Amazon Music catalog id: 10 uppercase letters or digits"),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

func TestAccAlbumDataSource_refusedScopeNamesMusicCatalog(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{PathPrefix: "/v1/albums/", Status: http.StatusForbidden, Code: emulator.CodeInsufficientScope, Times: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + albumDataConfig("B08DL2H5PV"),
			ExpectError: errorText("Unable to read album B08DL2H5PV", "HTTP 403 INSUFFICIENT_SCOPE",
				"The access token needs the music::catalog scope"),
		}},
	})
}
