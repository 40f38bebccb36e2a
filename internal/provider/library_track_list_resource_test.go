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

	"github.com/hashicorp/terraform-plugin-framework/list"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
	skipWithOpenTofu{feature: "list resources nor terraform query"},
	tfversion.SkipBelow(tfversion.Version1_14_0),
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

// cliVersion returns the first line of the `version` output of the CLI of
// the acceptance tests, such as "OpenTofu v1.12.6"; it runs it once.
func cliVersion() string {
	cliVersionOnce.Do(func() {
		tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
		if tf == "" {
			tf = "terraform"
		}
		cmd := exec.Command(tf, "version")
		cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null", "CHECKPOINT_DISABLE=1")
		out, _ := cmd.Output()
		cliVersionLine, _, _ = strings.Cut(string(out), "\n")
	})
	return cliVersionLine
}

// openTofuSkip is the reason to skip a test of feature with OpenTofu, or ""
// with Terraform.
func openTofuSkip(feature string) string {
	if v := cliVersion(); strings.HasPrefix(v, "OpenTofu") {
		return fmt.Sprintf("%s has no %s: skipping test", v, feature)
	}
	return ""
}

// CheckTerraformVersion skips the test with OpenTofu.
func (s skipWithOpenTofu) CheckTerraformVersion(_ context.Context, _ tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = openTofuSkip(s.feature)
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

// checkListingAndCredentialCheck returns an error unless the emulator
// received one request for the listing, then one for the first page of the
// playlists, which tells an account without the listing from refused
// credentials, and nothing else.
func checkListingAndCredentialCheck(em *emulator.Emulator) error {
	if err := expectRequests(em, http.MethodGet, libraryListingPath, 1); err != nil {
		return err
	}
	if err := expectRequests(em, http.MethodGet, "/v1/me/playlists", 1); err != nil {
		return err
	}
	if n := em.Total(); n != 2 {
		return fmt.Errorf("emulator received %d requests, want the listing and the check of the credentials", n)
	}
	return nil
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
			if err := checkListingAndCredentialCheck(em); err != nil {
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

// newQueryCLI returns a working directory of the provider built in
// pluginDir, configured for the emulator at url, with the example's list
// block in list.tfquery.hcl. It skips the test where `terraform query` is
// missing.
func newQueryCLI(t *testing.T, pluginDir, url string) *terraformCLI {
	t.Helper()
	example, err := os.ReadFile(filepath.Join(repositoryRoot(t), "examples", "list-resources",
		"amazonmusic_library_track", "list-resource.tfquery.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	cli := newTerraformCLI(t, pluginDir, emulatorProviderBlock(url))
	if err := os.WriteFile(filepath.Join(cli.dir, "list.tfquery.hcl"), example, 0o600); err != nil {
		t.Fatal(err)
	}
	return cli
}

// skipWithoutQuery skips t unless the CLI has `terraform query`.
func skipWithoutQuery(t *testing.T) {
	t.Helper()
	skipUnlessAcceptance(t)
	if reason := openTofuSkip("list resources nor terraform query"); reason != "" {
		t.Skip(reason)
	}
	skipBelowTerraform(t, "1.14.0", "list resources and terraform query")
}

// Adopting a library: `terraform query -generate-config-out` writes a
// resource and an import block per saved track, the apply imports them all
// without writing to the library, and the next plan is empty.
func TestAccLibraryTrackListResource_generatedConfigurationAdoptsTheLibrary(t *testing.T) {
	skipWithoutQuery(t)
	t.Parallel()
	const tracks = 25
	em, url := startEmulator(t, emulator.Options{CatalogSize: tracks, PageCap: 10})
	ids := generatedTrackIDs(tracks)
	em.AddToLibrary(ids...)
	cli := newQueryCLI(t, buildProvider(t, repositoryRoot(t)), url)

	em.ResetCounts()
	out := cli.mustRun(nil, "query", "-generate-config-out=library.tf")
	if err := checkListingOnly(em, 3); err != nil {
		t.Errorf("query: %v", err)
	}
	generated, err := os.ReadFile(filepath.Join(cli.dir, "library.tf"))
	if err != nil {
		t.Fatalf("query wrote no configuration: %v\n%s", err, out)
	}
	for _, id := range ids {
		for _, want := range []string{`track_id = "` + id + `"`, `identity = {`} {
			if !strings.Contains(string(generated), want) {
				t.Fatalf("the generated configuration lacks %s for %s:\n%s", want, id, generated)
			}
		}
	}
	if n := strings.Count(string(generated), "import {"); n != tracks {
		t.Errorf("the generated configuration holds %d import blocks, want %d:\n%s", n, tracks, generated)
	}

	em.ResetCounts()
	out = cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if want := fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", tracks); !strings.Contains(out, want) {
		t.Errorf("apply did not report %q:\n%s", want, out)
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	imported := 0
	for _, r := range cli.state().Resources {
		for _, inst := range r.Instances {
			if r.Type != "amazonmusic_library_track" || inst.Identity["track_id"] != inst.Attributes["track_id"] {
				t.Errorf("%s.%s has the identity %v, want its track_id %v", r.Type, r.Name, inst.Identity, inst.Attributes["track_id"])
			}
			imported++
		}
	}
	if imported != tracks {
		t.Errorf("the state holds %d tracks, want the %d imported", imported, tracks)
	}
	if code, out := planExitCode(t, cli); code != 0 {
		t.Errorf("the plan after the import is not empty:\n%s", out)
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	if got := em.Library(); len(got) != tracks {
		t.Errorf("the library holds %d tracks, want the %d saved", len(got), tracks)
	}
}

// Where the account does not offer the listing, `terraform query` fails
// with one error that says so, after one request.
func TestAccLibraryTrackListResource_queryWithoutListingFailsOnce(t *testing.T) {
	skipWithoutQuery(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{LibraryListingStatus: http.StatusNotFound})
	em.AddToLibrary("B08DL2BXQC")
	cli := newQueryCLI(t, buildProvider(t, repositoryRoot(t)), url)

	out, err := cli.run(nil, "query", "-generate-config-out=library.tf")
	if err == nil {
		t.Fatalf("query succeeded without the listing:\n%s", out)
	}
	if n := strings.Count(out, "Error:"); n != 1 || !strings.Contains(out, "Error: The library listing is not available for this account") {
		t.Errorf("query reported %d errors, want the one about the listing:\n%s", n, out)
	}
	if _, err := os.Stat(filepath.Join(cli.dir, "library.tf")); err == nil {
		t.Error("query wrote a configuration although it failed")
	}
	if err := checkListingAndCredentialCheck(em); err != nil {
		t.Error(err)
	}
}

// drift_detection = false concerns refreshes: a query still lists.
func TestAccLibraryTrackListResource_listsWithDriftDetectionOff(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   queryVersionChecks,
		Steps: []resource.TestStep{
			{Config: emulatorProviderBlock(url, [2]string{"drift_detection", "false"})},
			{
				PreConfig: em.ResetCounts,
				Query:     true,
				Config:    listAllConfig(),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("amazonmusic_library_track.all", 1),
					querycheck.ExpectIdentity("amazonmusic_library_track.all", map[string]knownvalue.Check{
						"track_id": knownvalue.StringExact("B08DL2BXQC"),
					}),
				},
			},
		},
	})
	if err := checkListingOnly(em, 1); err != nil {
		t.Error(err)
	}
}

// listTracks runs the list resource's List with limit against data and
// returns the results it pushes.
func listTracks(t *testing.T, data *providerData, limit int64, includeResource bool) []list.ListResult {
	t.Helper()
	ctx := t.Context()
	var schemaResp fwresource.SchemaResponse
	NewLibraryTrackResource().Schema(ctx, fwresource.SchemaRequest{}, &schemaResp)
	var identityResp fwresource.IdentitySchemaResponse
	(&LibraryTrackResource{}).IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &identityResp)
	r := &LibraryTrackListResource{data: data}
	var stream list.ListResultsStream
	r.List(ctx, list.ListRequest{
		Limit:                  limit,
		IncludeResource:        includeResource,
		ResourceSchema:         schemaResp.Schema,
		ResourceIdentitySchema: identityResp.IdentitySchema,
	}, &stream)
	var results []list.ListResult
	for result := range stream.Results {
		results = append(results, result)
	}
	return results
}

// The list resource pushes no more results than Terraform's limit asks for.
func TestLibraryTrackListResourceStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{CatalogSize: 5})
	em.AddToLibrary(generatedTrackIDs(5)...)
	if got := listTracks(t, data, 3, false); len(got) != 3 {
		t.Errorf("List with limit 3 pushed %d results", len(got))
	}
	if got := listTracks(t, data, 0, false); len(got) != 5 {
		t.Errorf("List without a limit pushed %d results, want the 5 saved tracks", len(got))
	}
	// The two lists read the one walk of the provider's library cache.
	if got := em.Count(http.MethodGet, libraryListingPath); got != 1 {
		t.Errorf("the listing was read %d times, want once", got)
	}
}

// A track the listing gives no title is displayed by its id, and its
// resource has a null title.
func TestLibraryTrackListResourceDisplaysAnUntitledTrackByItsID(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{})
	// An id the catalog does not know is listed with its id alone.
	em.AddToLibrary("B0ZZZZZZZZ")
	results := listTracks(t, data, 10, true)
	if len(results) != 1 {
		t.Fatalf("List pushed %d results, want 1", len(results))
	}
	r := results[0]
	if r.Diagnostics.HasError() {
		t.Fatalf("List: %v", r.Diagnostics)
	}
	if r.DisplayName != "B0ZZZZZZZZ" {
		t.Errorf("DisplayName = %q, want the track id", r.DisplayName)
	}
	var model LibraryTrackResourceModel
	if diags := r.Resource.Get(t.Context(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	if model.TrackID != types.StringValue("B0ZZZZZZZZ") || !model.Title.IsNull() {
		t.Errorf("resource = %+v, want track_id B0ZZZZZZZZ and a null title", model)
	}
	var identity libraryTrackIdentityModel
	if diags := r.Identity.Get(t.Context(), &identity); diags.HasError() || identity.TrackID.ValueString() != "B0ZZZZZZZZ" {
		t.Errorf("identity = %+v (%v), want track_id B0ZZZZZZZZ", identity, diags)
	}
}

// A listing that fails yields one result: an error that says why.
func TestLibraryTrackListResourceReportsAFailedListingOnce(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		opts        emulator.Options
		wantSummary string
	}{
		"refused credentials": {
			opts:        emulator.Options{AccessToken: "Atza|another-token"},
			wantSummary: "Amazon Music refused the provider's credentials",
		},
		"listing not offered": {
			opts:        emulator.Options{LibraryListingStatus: http.StatusNotFound},
			wantSummary: "The library listing is not available for this account",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, data := newTestProviderData(t, tt.opts)
			results := listTracks(t, data, 100, false)
			if len(results) != 1 || len(results[0].Diagnostics) != 1 || !results[0].Diagnostics.HasError() ||
				results[0].Diagnostics[0].Summary() != tt.wantSummary {
				t.Fatalf("List pushed %+v, want one result with the error %q", results, tt.wantSummary)
			}
		})
	}
}

// The resource of a listed track records the id the API answers for it, as
// an import of the track does: the track id of its url, also where the
// listing names the track by the id its save sent.
func TestLibraryTrackListResourceRecordsTheAnsweredID(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{ListingNames: emulator.ListingNamesSentID})
	// Asked for B097S29G3W, the API answers B097S185X9.
	em.AddToLibrary("B097S29G3W")
	results := listTracks(t, data, 10, true)
	if len(results) != 1 || results[0].Diagnostics.HasError() {
		t.Fatalf("List pushed %+v, want one track", results)
	}
	var model LibraryTrackResourceModel
	if diags := results[0].Resource.Get(t.Context(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	if model.TrackID.ValueString() != "B097S29G3W" || model.SavedTrackID.ValueString() != "B097S185X9" {
		t.Errorf("track_id = %s, saved_track_id = %s; want B097S29G3W, the id saved, and B097S185X9, the id answered",
			model.TrackID, model.SavedTrackID)
	}
}
