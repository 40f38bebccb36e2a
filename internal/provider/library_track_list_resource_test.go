package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// queryVersionChecks skip a test below Terraform 1.14, the first with list
// resources and `terraform query`, and with OpenTofu, which has neither.
var queryVersionChecks = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_14_0),
	skipWithOpenTofu{feature: "list resources and terraform query"},
}

// skipWithOpenTofu skips a test when the CLI of the acceptance tests is
// OpenTofu, which reports versions of its own.
type skipWithOpenTofu struct {
	feature string
}

var (
	cliVersionOnce sync.Once
	cliVersionLine string
)

// CheckTerraformVersion runs the CLI's `version` once per test binary.
func (s skipWithOpenTofu) CheckTerraformVersion(ctx context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	cliVersionOnce.Do(func() {
		tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if tf == "" {
			tf = "terraform"
		}
		cmd := exec.CommandContext(ctx, tf, "version")
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
		out, _ := cmd.Output()
		cliVersionLine, _, _ = strings.Cut(string(out), "\n")
	})
	if strings.HasPrefix(cliVersionLine, "OpenTofu") {
		resp.Skip = fmt.Sprintf("%s has no %s: skipping test", cliVersionLine, s.feature)
	}
}

// listAllConfig is a list block of every saved track; extra lines go into
// the block.
func listAllConfig(extra ...string) string {
	return "list \"amazonmusic_library_track\" \"all\" {\n  provider = amazonmusic\n" +
		strings.Join(extra, "\n") + "\n}\n"
}

// checkListingOnly returns an error unless the emulator received exactly
// pages requests, all of them for the listing of the library.
func checkListingOnly(em *emulator.Emulator, pages int) error {
	if err := expectRequests(em, http.MethodGet, libraryListingPath, pages); err != nil {
		return err
	}
	return checkOnlyListingRead(em)
}

func TestAccLibraryTrackListResource_listsEverySavedTrackFromOneWalk(t *testing.T) {
	t.Parallel()
	// 130 saved tracks in pages of at most 50: three listing requests.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 130, PageCap: 50})
	ids := generatedTrackIDs(130)
	em.AddToLibrary(ids...)
	first, _ := em.Track(ids[0])
	last, _ := em.Track(ids[129])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   queryVersionChecks,
		Steps: []resource.TestStep{
			{Config: provider},
			{
				PreConfig: em.ResetCounts,
				Query:     true,
				// Terraform keeps 100 results unless the block asks for more.
				Config: listAllConfig("  limit = 1000"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("amazonmusic_library_track.all", 130),
					querycheck.ExpectIdentity("amazonmusic_library_track.all", map[string]knownvalue.Check{
						"track_id": knownvalue.StringExact(ids[0]),
					}),
					querycheck.ExpectIdentity("amazonmusic_library_track.all", map[string]knownvalue.Check{
						"track_id": knownvalue.StringExact(ids[129]),
					}),
					querycheck.ExpectResourceDisplayName("amazonmusic_library_track.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"track_id": knownvalue.StringExact(ids[0])}),
						knownvalue.StringExact(first.Title)),
					querycheck.ExpectResourceDisplayName("amazonmusic_library_track.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"track_id": knownvalue.StringExact(ids[129])}),
						knownvalue.StringExact(last.Title)),
				},
			},
		},
	})
	if err := checkListingOnly(em, 3); err != nil {
		t.Error(err)
	}
}

func TestAccLibraryTrackListResource_includeResourceGivesTheWholeTrack(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC", "B07QXMFJ4W", "B0C1KZ5T8P")
	kaneTrain := queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"track_id": knownvalue.StringExact("B08DL2BXQC")})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   queryVersionChecks,
		Steps: []resource.TestStep{
			{Config: provider},
			{
				PreConfig: em.ResetCounts,
				Query:     true,
				Config:    listAllConfig("  include_resource = true"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("amazonmusic_library_track.all", 3),
					querycheck.ExpectResourceDisplayName("amazonmusic_library_track.all", kaneTrain, knownvalue.StringExact("Kane Train")),
					querycheck.ExpectResourceKnownValues("amazonmusic_library_track.all", kaneTrain, []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact("B08DL2BXQC")},
						{Path: tfjsonpath.New("track_id"), KnownValue: knownvalue.StringExact("B08DL2BXQC")},
						{Path: tfjsonpath.New("title"), KnownValue: knownvalue.StringExact("Kane Train")},
						{Path: tfjsonpath.New("isrc"), KnownValue: knownvalue.StringExact("GBCFB2000356")},
						{Path: tfjsonpath.New("url"), KnownValue: knownvalue.StringExact(
							"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC")},
					}),
				},
			},
			{
				// The limit of the block: the first tracks of the listing.
				Query:  true,
				Config: listAllConfig("  limit = 2"),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("amazonmusic_library_track.all", 2),
					querycheck.ExpectIdentity("amazonmusic_library_track.all", map[string]knownvalue.Check{
						"track_id": knownvalue.StringExact("B07QXMFJ4W"),
					}),
				},
			},
		},
	})
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
}

func TestAccLibraryTrackListResource_listingNotOfferedFailsWithOneClearError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotFound, http.StatusForbidden} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{LibraryListingStatus: status})
			em.AddToLibrary("B08DL2BXQC")

			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks:   queryVersionChecks,
				Steps: []resource.TestStep{
					{Config: provider},
					{
						PreConfig: em.ResetCounts,
						Query:     true,
						Config:    listAllConfig(),
						ExpectError: errorText("The library listing is not available for this account",
							fmt.Sprint(status), "Import them one by one instead"),
					},
				},
			})
			if err := checkListingOnly(em, 1); err != nil {
				t.Error(err)
			}
		})
	}
}

// The example of the list resource lists what it should.
func TestAccLibraryTrackListResource_example(t *testing.T) {
	t.Parallel()
	example, err := os.ReadFile(filepath.Join(repositoryRoot(t), "examples", "list-resources",
		"amazonmusic_library_track", "list-resource.tfquery.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC", "B07QXMFJ4W")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   queryVersionChecks,
		Steps: []resource.TestStep{
			{Config: provider},
			{
				Query:  true,
				Config: string(example),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("amazonmusic_library_track.all", 2),
				},
			},
		},
	})
}
