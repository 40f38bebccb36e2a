package provider

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// identityVersionChecks skip a test below Terraform 1.12, the first to
// know resource identities.
var identityVersionChecks = []tfversion.TerraformVersionCheck{
	tfversion.SkipBelow(tfversion.Version1_12_0),
}

// expectTrackIdentity checks the identity of the amazonmusic_library_track
// at address in the state.
func expectTrackIdentity(address, trackID string) statecheck.StateCheck {
	return statecheck.ExpectIdentity(address, map[string]knownvalue.Check{
		"track_id": knownvalue.StringExact(trackID),
	})
}

// importByIdentityConfig renders an import block of the track trackID into
// amazonmusic_library_track.test by its identity.
func importByIdentityConfig(trackID string) string {
	return fmt.Sprintf(`
import {
  to       = amazonmusic_library_track.test
  identity = { track_id = %q }
}
`, trackID)
}

// planCheckFunc is a plan check written as a function.
type planCheckFunc func() error

func (f planCheckFunc) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	resp.Error = f()
}

func TestAccLibraryTrackResource_importByIdentityWritesNothingAndRecordsTheIdentity(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	em.ResetCounts()
	config := provider + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// The import block names the track by its identity: the
				// apply imports it from the listing and writes nothing.
				Config: config + importByIdentityConfig("B08DL2BXQC"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(libraryTrackAddress, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC"),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("id"), knownvalue.StringExact("B08DL2BXQC")),
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return checkNoWrites(em) },
					func(*terraform.State) error { return checkOnlyListingRead(em) },
					checkLibrary(em, "B08DL2BXQC"),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC")},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error { return checkNoWrites(em) },
					func(*terraform.State) error { return checkOnlyListingRead(em) },
				),
			},
			{
				// The testing framework's own round trip: an import block
				// with the identity of the state plans a no-op import
				// with that identity.
				PreConfig:       em.ResetCounts,
				ResourceName:    libraryTrackAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{planCheckFunc(func() error { return checkNoWrites(em) })},
				},
			},
		},
	})
}

func TestAccLibraryTrackResource_importByIdentityRejectsMalformedID(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		Steps: []resource.TestStep{
			{
				Config:      provider + libraryTrackConfig("B08DL2BXQC") + importByIdentityConfig("not-a-track"),
				ExpectError: errorText("The track_id of the import identity must be an Amazon Music catalog id", `got "not-a-track"`),
			},
		},
	})
	expectNoRequests(t, em)
}

func TestAccLibraryTrackResource_saveAndImportByIDRecordTheIdentity(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.AddToLibrary("B08DL2BXQC")
	em.ResetCounts()
	const saved, imported = "amazonmusic_library_track.saved", "amazonmusic_library_track.imported"
	// B07QXMFJ4W is saved by the apply, B08DL2BXQC imported by its id.
	config := provider + `
resource "amazonmusic_library_track" "saved" {
  track_id = "B07QXMFJ4W"
}

resource "amazonmusic_library_track" "imported" {
  track_id = "B08DL2BXQC"
}
`
	importByID := `
import {
  to = amazonmusic_library_track.imported
  id = "B08DL2BXQC"
}
`

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		TerraformVersionChecks:   identityVersionChecks,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				Config: config + importByID,
				ConfigStateChecks: []statecheck.StateCheck{
					expectTrackIdentity(saved, "B07QXMFJ4W"),
					expectTrackIdentity(imported, "B08DL2BXQC"),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC", "B07QXMFJ4W"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B07QXMFJ4W"), 1)
					},
					func(*terraform.State) error {
						if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 1 {
							return fmt.Errorf("emulator received %d PUT and DELETE requests, want only the save of B07QXMFJ4W", n)
						}
						return nil
					},
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// withoutIdentityServer serves the provider as it was before its resources
// had identities: it knows no identity schema and answers no identity, which
// is all that the addition of identities changed in what the provider says
// to Terraform. Terraform then writes the state such a provider leaves.
type withoutIdentityServer struct {
	tfprotov6.ProviderServer
}

func (s withoutIdentityServer) GetResourceIdentitySchemas(context.Context, *tfprotov6.GetResourceIdentitySchemasRequest) (*tfprotov6.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov6.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov6.ResourceIdentitySchema{}}, nil
}

func (s withoutIdentityServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	resp, err := s.ProviderServer.PlanResourceChange(ctx, req)
	if resp != nil {
		resp.PlannedIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	resp, err := s.ProviderServer.ApplyResourceChange(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	resp, err := s.ProviderServer.ReadResource(ctx, req)
	if resp != nil {
		resp.NewIdentity = nil
	}
	return resp, err
}

func (s withoutIdentityServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	resp, err := s.ProviderServer.ImportResourceState(ctx, req)
	if resp != nil {
		for _, r := range resp.ImportedResources {
			r.Identity = nil
		}
	}
	return resp, err
}

// expectNoIdentity checks that the resource at address has no identity in
// the state.
type expectNoIdentity string

func (address expectNoIdentity) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address == string(address) {
			if len(r.IdentityValues) != 0 {
				resp.Error = fmt.Errorf("%s has the identity %v in the state, want none", address, r.IdentityValues)
			}
			return
		}
	}
	resp.Error = fmt.Errorf("%s is not in the state", address)
}

// State written before amazonmusic_library_track had an identity upgrades
// silently: the first refresh records the identity, the plan is empty and
// nothing is requested but the listing that refreshes the track anyway
// (nothing at all with drift detection off).
func TestAccLibraryTrackResource_stateWithoutIdentityUpgradesSilently(t *testing.T) {
	t.Parallel()
	for name, driftDetection := range map[string]bool{"drift detection on": true, "drift detection off": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{})
			config := bulkProviderBlock(url, [2]string{"drift_detection", fmt.Sprint(driftDetection)}) +
				libraryTrackConfig("B08DL2BXQC")
			checkRequests := func(*terraform.State) error { return checkOnlyListingRead(em) }
			if !driftDetection {
				checkRequests = func(*terraform.State) error {
					if n := em.Total(); n != 0 {
						return fmt.Errorf("emulator received %d requests, want none", n)
					}
					return nil
				}
			}

			resource.Test(t, resource.TestCase{
				TerraformVersionChecks: identityVersionChecks,
				CheckDestroy:           checkLibraryEmpty(em),
				Steps: []resource.TestStep{
					{
						ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
							"amazonmusic": func() (tfprotov6.ProviderServer, error) {
								s, err := testAccProtoV6ProviderFactories["amazonmusic"]()
								return withoutIdentityServer{s}, err
							},
						},
						Config:            config,
						ConfigStateChecks: []statecheck.StateCheck{expectNoIdentity(libraryTrackAddress)},
					},
					{
						PreConfig:                em.ResetCounts,
						ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
						Config:                   config,
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{expectTrackIdentity(libraryTrackAddress, "B08DL2BXQC")},
						Check: resource.ComposeAggregateTestCheckFunc(
							func(*terraform.State) error { return checkNoWrites(em) },
							checkRequests,
						),
					},
				},
			})
		})
	}
}
