package provider

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// trackDataConfig renders amazonmusic_track data sources, one per name and
// id, as data.amazonmusic_track.<name>.
func trackDataConfig(idsByName map[string]string) string {
	var config string
	for name, id := range idsByName {
		config += fmt.Sprintf(`
data "amazonmusic_track" %q {
  id = %q
}
`, name, id)
	}
	return config
}

func TestAccTrackDataSource_readsCatalogTracksKeepingTheConfiguredID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	config := provider + trackDataConfig(map[string]string{
		"kane_train": "B08DL2BXQC",
		"believe":    "B097S29G3W",
		"live":       "B00LIVE7QX",
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.amazonmusic_track.kane_train", tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.kane_train", tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.kane_train", tfjsonpath.New("isrc"), knownvalue.StringExact("GBCFB2000356")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.kane_train", tfjsonpath.New("url"),
					knownvalue.StringExact("https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC")),
				// Answered as B097S185X9: the id stays the configured one.
				statecheck.ExpectKnownValue("data.amazonmusic_track.believe", tfjsonpath.New("id"), knownvalue.StringExact("B097S29G3W")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.believe", tfjsonpath.New("title"), knownvalue.StringExact("Something To Believe In")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.believe", tfjsonpath.New("url"),
					knownvalue.StringExact("https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9")),
				// The catalog has no ISRC for it: null, not "".
				statecheck.ExpectKnownValue("data.amazonmusic_track.live", tfjsonpath.New("title"), knownvalue.StringExact("Untitled (Live)")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.live", tfjsonpath.New("isrc"), knownvalue.Null()),
			},
			Check: resource.ComposeAggregateTestCheckFunc(
				func(*terraform.State) error {
					for _, id := range []string{"B08DL2BXQC", "B097S29G3W", "B00LIVE7QX"} {
						if n := em.Count(http.MethodGet, catalogPath(id)); n == 0 {
							return fmt.Errorf("the emulator received no request for %s", id)
						}
					}
					return checkNoWrites(em)
				},
				func(*terraform.State) error {
					if lib := em.Library(); len(lib) != 0 {
						return fmt.Errorf("reading tracks changed the library: %v", lib)
					}
					return nil
				},
			),
		}},
	})
}

func TestAccTrackDataSource_unknownIDFailsNamingTheID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 10})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + trackDataConfig(map[string]string{"test": "B099999999"}),
			ExpectError: errorText("Track B099999999 not found",
				"The Amazon Music catalog has no track with id B099999999",
				"GET /v1/tracks/B099999999: HTTP 404 NOT_FOUND"),
		}},
	})
	if err := expectRequests(em, http.MethodGet, catalogPath("B099999999"), 1); err != nil {
		t.Error(err, "(a 404 is not retried)")
	}
}

func TestAccTrackDataSource_rejectsMalformedIDsBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"b08dl2bxqc", "B08DL2BXQ", "../../me/x", ""} {
		t.Run(fmt.Sprintf("%q", id), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      provider + trackDataConfig(map[string]string{"test": id}),
					ExpectError: errorText("must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

// trackStateChecks checks every attribute of data.amazonmusic_track.<name>
// against what the emulator answers for id: null where it leaves a value
// out.
func trackStateChecks(em *emulator.Emulator, name, id string) []statecheck.StateCheck {
	track, ok := em.CatalogTrack(id)
	if !ok {
		panic("no catalog track " + id)
	}
	address := "data.amazonmusic_track." + name
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
	var qualities knownvalue.Check = knownvalue.Null()
	if track.AudioQualities != nil {
		checks := make([]knownvalue.Check, len(track.AudioQualities))
		for i, q := range track.AudioQualities {
			checks[i] = knownvalue.StringExact(q)
		}
		qualities = knownvalue.ListExact(checks)
	}
	var duration knownvalue.Check = knownvalue.Null()
	if track.Duration != 0 {
		duration = knownvalue.Int64Exact(int64(track.Duration))
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(id)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("title"), str(track.Title)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("isrc"), str(track.ISRC)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("url"), str(track.URL)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("global_asin"), str(track.GlobalASIN)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("short_title"), str(track.ShortTitle)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("duration"), duration),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("release_date"), str(track.ReleaseDate)),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("album"), album),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("artists"), artists),
		statecheck.ExpectKnownValue(address, tfjsonpath.New("audio_qualities"), qualities),
	}
}

func TestAccTrackDataSource_mapsEveryPublishedFieldAndNullsTheAbsentOnes(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 3})
	tracks := map[string]string{
		"full":      "B08DL2BXQC", // every field
		"aliased":   "B097S29G3W", // answered as B097S185X9
		"partial":   "B07QXMFJ4W", // an album without title or url, an artist without url
		"generated": emulator.TrackID(2),
		"bare":      "B00LIVE7QX", // none of the catalog's fields, no isrc
	}
	var checks []statecheck.StateCheck
	for name, id := range tracks {
		checks = append(checks, trackStateChecks(em, name, id)...)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + trackDataConfig(tracks),
			ConfigStateChecks: append(checks,
				// A few values spelled out, beside the emulator's own.
				statecheck.ExpectKnownValue("data.amazonmusic_track.full", tfjsonpath.New("duration"), knownvalue.Int64Exact(215)),
				statecheck.ExpectKnownValue("data.amazonmusic_track.full", tfjsonpath.New("artists").AtSliceIndex(1).AtMapKey("name"),
					knownvalue.StringExact("Harriet Vale")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.aliased", tfjsonpath.New("global_asin"), knownvalue.StringExact("B097S185X9")),
				statecheck.ExpectKnownValue("data.amazonmusic_track.partial", tfjsonpath.New("album"),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact("B07QXLZ8RN"), "title": knownvalue.Null(), "url": knownvalue.Null(),
					})),
				statecheck.ExpectKnownValue("data.amazonmusic_track.bare", tfjsonpath.New("artists"), knownvalue.Null()),
				statecheck.ExpectKnownValue("data.amazonmusic_track.bare", tfjsonpath.New("duration"), knownvalue.Null()),
			),
		}},
	})
}

func TestAccTrackDataSource_refusedScopeNamesMusicCatalog(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{PathPrefix: "/v1/tracks/", Status: http.StatusForbidden, Code: emulator.CodeInsufficientScope, Times: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + trackDataConfig(map[string]string{"kane": "B08DL2BXQC"}),
			ExpectError: errorText("Unable to read track B08DL2BXQC", "HTTP 403 INSUFFICIENT_SCOPE",
				"The access token needs the music::catalog scope"),
		}},
	})
}
