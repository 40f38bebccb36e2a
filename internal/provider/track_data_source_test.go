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

// catalogPath is the API path of a catalog track.
func catalogPath(id string) string {
	return "/v1/tracks/" + id
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
