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
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// trackIDFromURLOutput renders an output named name whose value is
// track_id_from_url of the HCL expression arg.
func trackIDFromURLOutput(name, arg string) string {
	return fmt.Sprintf(`
output %q {
  value = provider::amazonmusic::track_id_from_url(%s)
}
`, name, arg)
}

// providerFunctionVersionChecks skip a test on Terraform versions without
// provider-defined functions.
var providerFunctionVersionChecks = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_8_0),
}

func TestTrackIDFromURLFunction_returnsTheTrackIDOfEachSharedForm(t *testing.T) {
	t.Parallel()
	// Each form carries a different id, so that a result from the wrong
	// input fails.
	forms := []struct{ output, url, want string }{
		{"album", "https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC", "B08DL2BXQC"},
		{"album_uk", "http://www.music.amazon.co.uk/albums/B08DL2H5PV?ref=dm_sh&trackAsin=B097S185X9#top", "B097S185X9"},
		{"track", "https://music.amazon.com.au/tracks/B07QXMFJ4W/?musicTerritory=AU", "B07QXMFJ4W"},
		{"bare_id", "B0C1KZ5T8P", "B0C1KZ5T8P"},
	}
	var config string
	checks := make([]statecheck.StateCheck, 0, len(forms))
	for _, f := range forms {
		config += trackIDFromURLOutput(f.output, fmt.Sprintf("%q", f.url))
		checks = append(checks, statecheck.ExpectKnownOutputValue(f.output, knownvalue.StringExact(f.want)))
	}

	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   providerFunctionVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            config,
				ConfigStateChecks: checks,
			},
		},
	})
}

func TestTrackIDFromURLFunction_rejectsOtherInputsNamingTheAcceptedForms(t *testing.T) {
	t.Parallel()
	step := func(arg, reason string) resource.TestStep {
		return resource.TestStep{
			Config: trackIDFromURLOutput("id", arg),
			ExpectError: errorText(
				`Invalid value for "url" parameter`,
				"is not an Amazon Music track URL or track id: "+reason,
				"; use an Amazon Music album URL with a trackAsin parameter",
				"a track id of 10 uppercase letters or digits",
			),
		}
	}

	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   providerFunctionVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(`"https://music.amazon.evil.com/tracks/B08DL2BXQC"`, `the host "music.amazon.evil.com" is not an Amazon Music site`),
			step(`"https://music.amazon.com/albums/B08DL2H5PV/"`, "the album URL has no trackAsin parameter"),
			step(`"https://music.amazon.ca/my/playlists/b2c6606b"`, "the path must be /albums/{album id}"),
			step(`"b08dl2bxqc"`, "it is not an http or https URL, and a track id is 10 uppercase letters or digits"),
			step(`""`, "it is empty"),
		},
	})
}

func TestTrackIDFromURLFunction_rejectsNull(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   providerFunctionVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      trackIDFromURLOutput("id", "null"),
				ExpectError: errorText(`Invalid value for "url" parameter`, "argument must not be null"),
			},
		},
	})
}

func TestTrackIDFromURLFunction_feedsLibraryTrackWhichSavesTheURLsTrack(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	config := provider + `
locals {
  shared_url = "https://music.amazon.co.uk/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC&ref=dm_sh_x"
}

resource "amazonmusic_library_track" "test" {
  track_id = provider::amazonmusic::track_id_from_url(local.shared_url)
}
`

	resource.UnitTest(t, resource.TestCase{
		TerraformVersionChecks:   providerFunctionVersionChecks,
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("track_id"), knownvalue.StringExact("B08DL2BXQC")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 1)
					},
				),
			},
		},
	})
}
