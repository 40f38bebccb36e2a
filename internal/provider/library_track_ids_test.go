package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The tests below run the life of library tracks whose ids the API answers
// as other ids (the reference's B097S29G3W answers B097S185X9), under both
// readings of how the listing of the library names such a track: by the id
// the API answered, or by the id sent.

// idsLifecycle describes, for one of the two resources, how the steps of
// the life of aliasedIDs address it.
type idsLifecycle struct {
	name   string
	config func(ids []string) string
	// savedIDChecks check the saved_track_id of each configured id.
	savedIDChecks func(em *emulator.Emulator) []statecheck.StateCheck
	// importStep imports what the configuration holds.
	importStep func() resource.TestStep
	// savedIDPath is the flatmap path of the saved_track_id of ids[i].
	savedIDPath func(i int) string
	// resaved is the plan of a track removed outside Terraform.
	resaved plancheck.PlanCheck
}

var idsLifecycles = []idsLifecycle{
	{
		name:   "amazonmusic_library_track",
		config: libraryTracksConfig,
		savedIDChecks: func(em *emulator.Emulator) []statecheck.StateCheck {
			var checks []statecheck.StateCheck
			for i, id := range aliasedIDs {
				checks = append(checks,
					statecheck.ExpectKnownValue(trackAddress(i), tfjsonpath.New("id"), knownvalue.StringExact(id)),
					statecheck.ExpectKnownValue(trackAddress(i), tfjsonpath.New("saved_track_id"), knownvalue.StringExact(answeredID(em, id))))
			}
			return checks
		},
		importStep: func() resource.TestStep {
			return resource.TestStep{
				ResourceName: trackAddress(0), ImportState: true, ImportStateId: aliasedIDs[0], ImportStateVerify: true,
			}
		},
		savedIDPath: func(int) string { return "saved_track_id" },
		resaved:     plancheck.ExpectResourceAction(trackAddress(0), plancheck.ResourceActionCreate),
	},
	{
		name:   "amazonmusic_library_tracks",
		config: func(ids []string) string { return bulkTracksConfig(ids) },
		savedIDChecks: func(em *emulator.Emulator) []statecheck.StateCheck {
			return bulkStateChecks(em, aliasedIDs...)
		},
		importStep: func() resource.TestStep {
			return resource.TestStep{
				ResourceName: bulkTracksAddress, ImportState: true, ImportStateId: strings.Join(aliasedIDs, ","),
				ImportStateVerify: true,
			}
		},
		savedIDPath: func(i int) string { return "tracks." + aliasedIDs[i] + ".saved_track_id" },
		resaved:     plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
	},
}

// checkImportedSavedIDs checks, after an import, the saved_track_id of the
// imported ids: the id the API answers for each, whichever id the listing
// names the track by, and that the import wrote nothing.
func checkImportedSavedIDs(em *emulator.Emulator, path func(int) string) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		if len(states) != 1 {
			return fmt.Errorf("import produced %d instances, want 1", len(states))
		}
		for i, id := range aliasedIDs {
			if path(i) == path(0) && i > 0 {
				break // the single resource imports one track
			}
			want := answeredID(em, id)
			if got := states[0].Attributes[path(i)]; got != want {
				return fmt.Errorf("imported %s = %q, want %q", path(i), got, want)
			}
		}
		return checkNoWrites(em)
	}
}

func TestAccLibraryTrackIDs_lifeOfAliasedTracksUnderBothListingNamings(t *testing.T) {
	t.Parallel()
	for _, lc := range idsLifecycles {
		for names, naming := range map[emulator.ListingNaming]string{
			emulator.ListingNamesAnsweredID: "listing names the answered id",
			emulator.ListingNamesSentID:     "listing names the id sent",
		} {
			t.Run(lc.name+"/"+naming, func(t *testing.T) {
				t.Parallel()
				testAliasedTracksLifecycle(t, lc, names)
			})
		}
	}
}

// testAliasedTracksLifecycle saves aliasedIDs, plans again (empty, no
// writes), imports, re-saves a track removed outside Terraform and
// destroys, checking the library in the emulator at each step.
func testAliasedTracksLifecycle(t *testing.T, lc idsLifecycle, names emulator.ListingNaming) {
	em, provider := testAccEmulator(t, aliasingOptions(names))
	config := provider + lc.config(aliasedIDs)
	importStep := lc.importStep()
	importStep.PreConfig = em.ResetCounts
	importStep.ImportStateCheck = checkImportedSavedIDs(em, lc.savedIDPath)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkAliasedIDsDestroyed(em),
		Steps: []resource.TestStep{
			{
				PreConfig:         em.ResetCounts,
				Config:            config,
				ConfigStateChecks: lc.savedIDChecks(em),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(em, aliasedIDs, nil),
					checkLibrary(em, aliasedIDs...),
					checkListingNames(em, names),
				),
			},
			{
				// Every track is found in the listing, under whichever id it
				// names it by: nothing to do, nothing written.
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(em, nil, nil),
					func(*terraform.State) error {
						if em.Count(http.MethodGet, libraryListingPath) == 0 {
							return fmt.Errorf("the refresh did not read the listing")
						}
						return checkOnlyListingRead(em)
					},
				),
			},
			importStep,
			{
				PreConfig: func() {
					em.RemoveFromLibrary(aliasedIDs[0])
					em.ResetCounts()
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{lc.resaved},
				},
				ConfigStateChecks: lc.savedIDChecks(em),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkWrites(em, []string{aliasedIDs[0]}, nil),
					checkLibrary(em, aliasedIDs...),
				),
			},
		},
	})
}

func TestAccLibraryTrackIDs_importByTheAnsweredID(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, config, address string
		want                  map[string]string
	}{
		{
			name: "amazonmusic_library_track", config: libraryTrackConfig("B097S185X9"), address: libraryTrackAddress,
			want: map[string]string{"id": "B097S185X9", "track_id": "B097S185X9", "saved_track_id": "B097S185X9", "title": "Something To Believe In"},
		},
		{
			name: "amazonmusic_library_tracks", config: bulkTracksConfig([]string{"B097S185X9"}), address: bulkTracksAddress,
			want: map[string]string{"id": "library", "tracks.B097S185X9.saved_track_id": "B097S185X9", "tracks.B097S185X9.title": "Something To Believe In"},
		},
	} {
		for names, naming := range map[emulator.ListingNaming]string{
			emulator.ListingNamesAnsweredID: "listing names the answered id",
			emulator.ListingNamesSentID:     "listing names the id sent",
		} {
			t.Run(tt.name+"/"+naming, func(t *testing.T) {
				t.Parallel()
				testImportByTheAnsweredID(t, names, tt.config, tt.address, tt.want)
			})
		}
	}
}

// testImportByTheAnsweredID imports, by B097S185X9, a track another app
// saved as B097S29G3W into a configuration that names B097S185X9, with the
// listing naming tracks as names says: the state has the attributes want,
// the next plan is empty, and destroy removes the track.
func testImportByTheAnsweredID(t *testing.T, names emulator.ListingNaming, config, address string, want map[string]string) {
	em, provider := testAccEmulator(t, emulator.Options{ListingNames: names})
	em.AddToLibrary("B097S29G3W")
	config = provider + config

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := checkLibraryEmpty(em)(s); err != nil {
				return err
			}
			return expectRequests(em, http.MethodDelete, libraryPath("B097S185X9"), 1)
		},
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       address,
				ImportState:        true,
				ImportStateId:      "B097S185X9",
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					for name, value := range want {
						if len(states) != 1 || states[0].Attributes[name] != value {
							return fmt.Errorf("import produced %v, want %s = %s", states, name, value)
						}
					}
					return nil
				},
			},
			{
				// The imported state serves the configuration as it is.
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
