package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// bulkTracksMapConfig renders amazonmusic_library_tracks.test listing ids
// in track_id_map, from a list as users write it, with extra lines in its
// body.
func bulkTracksMapConfig(ids []string, extra ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	var body strings.Builder
	for _, line := range extra {
		body.WriteString("  " + line + "\n")
	}
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_tracks" "test" {
  track_id_map = { for id in local.track_ids : id => id }
%s}
`, strings.Join(quoted, ", "), body.String())
}

// trackIDMapExact checks a track_id_map of exactly ids.
func trackIDMapExact(ids ...string) knownvalue.Check {
	elems := make(map[string]knownvalue.Check, len(ids))
	for _, id := range ids {
		elems[id] = knownvalue.StringExact(id)
	}
	return knownvalue.MapExact(elems)
}

// bulkMapStateChecks checks that amazonmusic_library_tracks.test lists
// exactly ids in track_id_map, without track_ids nor tracks.
func bulkMapStateChecks(ids ...string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("id"), knownvalue.StringExact("library")),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_id_map"), trackIDMapExact(ids...)),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_ids"), knownvalue.Null()),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.Null()),
	}
}

// expectMapChanges is a plan check: the update of
// amazonmusic_library_tracks.test adds exactly added to track_id_map and
// takes exactly removed out of it.
type expectMapChanges struct {
	added, removed []string
}

func (c expectMapChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != bulkTracksAddress {
			continue
		}
		keys := func(v any) map[string]bool {
			set := map[string]bool{}
			if obj, ok := v.(map[string]any); ok {
				if m, ok := obj["track_id_map"].(map[string]any); ok {
					for id := range m {
						set[id] = true
					}
				}
			}
			return set
		}
		before, after := keys(rc.Change.Before), keys(rc.Change.After)
		var added, removed []string
		for id := range after {
			if !before[id] {
				added = append(added, id)
			}
		}
		for id := range before {
			if !after[id] {
				removed = append(removed, id)
			}
		}
		slices.Sort(added)
		slices.Sort(removed)
		if !slices.Equal(added, slices.Sorted(slices.Values(c.added))) ||
			!slices.Equal(removed, slices.Sorted(slices.Values(c.removed))) {
			resp.Error = fmt.Errorf("the plan adds %v and removes %v, want %v and %v", added, removed, c.added, c.removed)
		}
		return
	}
	resp.Error = fmt.Errorf("the plan does not change %s", bulkTracksAddress)
}

// checkOnlyListing checks that, since the last ResetCounts, the emulator
// received exactly pages requests for the listing of the library and no
// other request.
func checkOnlyListing(em *emulator.Emulator, pages int) tfresource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := expectRequests(em, http.MethodGet, "/v1/me/library/tracks", pages); err != nil {
			return err
		}
		if n := em.Total(); n != pages {
			return fmt.Errorf("emulator received %d requests, want only the %d pages of the listing", n, pages)
		}
		return nil
	}
}

func TestAccLibraryTracksResource_mapFormCreatesUpdatesSwitchesFormAndDestroys(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(12)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids)})
	provider := bulkProviderBlock(url)
	first, second := ids[:8], ids[2:]
	added, removed := ids[8:], ids[:2]

	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []tfresource.TestStep{
			{
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksMapConfig(first),
				ConfigStateChecks: bulkMapStateChecks(first...),
				Check:             tfresource.ComposeAggregateTestCheckFunc(checkLibrary(em, first...), checkWrites(em, first, nil)),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(first),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						expectMapChanges{added: added, removed: removed},
						plancheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.Null()),
					},
				},
				ConfigStateChecks: bulkMapStateChecks(second...),
				Check:             tfresource.ComposeAggregateTestCheckFunc(checkLibrary(em, second...), checkWrites(em, added, removed)),
			},
			{
				// Labels are the user's: changing them sends nothing.
				PreConfig: em.ResetCounts,
				Config: provider + strings.Replace(bulkTracksMapConfig(second),
					`id => id`, `id => "track ${id}"`, 1),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_id_map").AtMapKey(second[0]),
						knownvalue.StringExact("track "+second[0])),
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				// Details on: no request; the next refresh fills them.
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second, "track_details = true"),
				Check:     checkWrites(em, nil, nil),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(second, "track_details = true"),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(second[0]), emulatorTrack(em, second[0])),
					statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks").AtMapKey(added[0]), emulatorTrack(em, added[0])),
				},
				Check: checkWrites(em, nil, nil),
			},
			{
				// From the map to the set and back: the same tracks, no
				// request.
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksConfig(second),
				ConfigStateChecks: bulkStateChecks(em, second...),
				Check:             checkWrites(em, nil, nil),
			},
			{
				PreConfig:         em.ResetCounts,
				Config:            provider + bulkTracksMapConfig(second),
				ConfigStateChecks: bulkMapStateChecks(second...),
				Check:             tfresource.ComposeAggregateTestCheckFunc(checkLibrary(em, second...), checkWrites(em, nil, nil)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importOfTheWholeLibraryOverCappedPages(t *testing.T) {
	t.Parallel()
	const saved, pageCap = 300, 40
	ids := generatedTrackIDs(saved + 5)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), PageCap: pageCap})
	for _, id := range ids[:saved] {
		em.AddToLibrary(id)
	}
	provider := bulkProviderBlock(url)
	// The configuration drops five saved tracks and adds five.
	configured := ids[5:]
	added, removed := ids[saved:], ids[:5]

	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []tfresource.TestStep{
			{
				PreConfig:          em.ResetCounts,
				Config:             provider + bulkTracksMapConfig(configured),
				ResourceName:       bulkTracksAddress,
				ImportState:        true,
				ImportStateId:      "*",
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d resources, want 1", len(states))
					}
					var got []string
					for key := range states[0].Attributes {
						if id, ok := strings.CutPrefix(key, "track_id_map."); ok && id != "%" {
							got = append(got, id)
						}
					}
					slices.Sort(got)
					if !slices.Equal(got, ids[:saved]) {
						return fmt.Errorf("imported %d ids (%v), want the %d of the library", len(got), got, saved)
					}
					// One walk of the listing, for the import and the
					// refresh after it; nothing written.
					return checkOnlyListing(em, (saved+pageCap-1)/pageCap)(nil)
				},
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + bulkTracksMapConfig(configured),
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionUpdate),
						expectMapChanges{added: added, removed: removed},
					},
				},
				ConfigStateChecks: bulkMapStateChecks(configured...),
				Check:             tfresource.ComposeAggregateTestCheckFunc(checkLibrary(em, configured...), checkWrites(em, added, removed)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importBlockAdoptsTheWholeLibraryWithoutWrites(t *testing.T) {
	t.Parallel()
	ids := generatedTrackIDs(30)
	em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), PageCap: 7})
	for _, id := range ids {
		em.AddToLibrary(id)
	}
	config := bulkProviderBlock(url) + bulkTracksMapConfig(ids) + `
import {
  to = amazonmusic_library_tracks.test
  id = "*"
}
`
	tfresource.Test(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []tfresource.TestStep{
			{
				PreConfig: em.ResetCounts,
				Config:    config,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(bulkTracksAddress, plancheck.ResourceActionNoop),
					},
				},
				ConfigStateChecks: bulkMapStateChecks(ids...),
				Check:             tfresource.ComposeAggregateTestCheckFunc(checkLibrary(em, ids...), checkWrites(em, nil, nil)),
			},
		},
	})
}

func TestAccLibraryTracksResource_importOfTheWholeLibraryFailsClearlyWithoutTheListing(t *testing.T) {
	t.Parallel()
	for _, drift := range []string{"true", "false"} {
		t.Run("drift_detection="+drift, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{LibraryListingStatus: http.StatusNotFound})
			tfresource.Test(t, tfresource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []tfresource.TestStep{
					{
						Config:        bulkProviderBlock(url, [2]string{"drift_detection", drift}) + bulkTracksMapConfig([]string{"B08DL2BXQC"}),
						ResourceName:  bulkTracksAddress,
						ImportState:   true,
						ImportStateId: "*",
						ExpectError:   errorText("The library listing is not available for this account", "does not offer", "by their catalog ids"),
					},
				},
			})
			if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete); n != 0 {
				t.Errorf("emulator received %d writes, want none", n)
			}
		})
	}
}

func TestAccLibraryTracksResource_mapFormRejectsBadIDsAndFormsAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	provider := bulkProviderBlock(url)
	tests := []struct {
		name   string
		config string
		want   *regexp.Regexp
	}{
		{
			name:   "lowercase id in the map",
			config: bulkTracksMapConfig([]string{"B08DL2BXQC", "b07qxmfj4w"}),
			want:   errorText(`Invalid track id "b07qxmfj4w"`, `write "B07QXMFJ4W", or wrap a value that comes in lowercase in upper()`),
		},
		{
			name:   "lowercase id in the set",
			config: bulkTracksConfig([]string{"b07qxmfj4w"}),
			want:   errorText(`Invalid track id "b07qxmfj4w"`, `in upper()`),
		},
		{
			name:   "short id in the map",
			config: bulkTracksMapConfig([]string{"B08DL2BXQ"}),
			want:   errorText(`Invalid track id "B08DL2BXQ"`, "must be an Amazon Music catalog id"),
		},
		{
			name:   "both forms",
			config: bulkTracksMapConfig([]string{"B08DL2BXQC"}, `track_ids = ["B08DL2BXQC"]`),
			want:   regexp.MustCompile(`Invalid Attribute Combination[\s\S]*track_ids`),
		},
		{
			name:   "neither form",
			config: "resource \"amazonmusic_library_tracks\" \"test\" {\n  max_concurrency = 4\n}\n",
			want:   errorText("Missing Attribute Configuration", "Exactly one of these attributes must be configured: [track_ids,track_id_map]"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tfresource.Test(t, tfresource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []tfresource.TestStep{
					{Config: provider + tt.config, PlanOnly: true, ExpectError: tt.want},
				},
			})
		})
	}
	expectNoRequests(t, em)
}

// TestLibraryTracksResource_upgradesTheStateOfTrackIDs checks that the state
// of a resource written before track_id_map and track_details existed reads
// as the same track_ids, with the new attributes null.
func TestLibraryTracksResource_upgradesTheStateOfTrackIDs(t *testing.T) {
	t.Parallel()
	s, err := testAccProtoV6ProviderFactories["amazonmusic"]()
	if err != nil {
		t.Fatal(err)
	}
	old := `{"id":"library","max_concurrency":4,"track_ids":["B08DL2BXQC","B097S29G3W"],` +
		`"tracks":{"B08DL2BXQC":{"title":"Kane Train","isrc":"USUM72012345","url":"https://music.amazon.com/tracks/B08DL2BXQC"},` +
		`"B097S29G3W":{"title":"Something To Believe In","isrc":null,"url":null}}}`
	resp, err := s.UpgradeResourceState(t.Context(), &tfprotov6.UpgradeResourceStateRequest{
		TypeName: "amazonmusic_library_tracks",
		Version:  0,
		RawState: &tfprotov6.RawState{JSON: []byte(old)},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %+v", resp.Diagnostics)
	}
	var schemaResp resource.SchemaResponse
	NewLibraryTracksResource().Schema(t.Context(), resource.SchemaRequest{}, &schemaResp)
	typ := schemaResp.Schema.Type().TerraformType(t.Context())
	value, err := resp.UpgradedState.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	var attrs map[string]tftypes.Value
	if err := value.As(&attrs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"track_id_map", "track_details"} {
		if !attrs[name].IsNull() {
			t.Errorf("%s = %v, want null", name, attrs[name])
		}
	}
	var ids []tftypes.Value
	if err := attrs["track_ids"].As(&ids); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range ids {
		var id string
		if err := v.As(&id); err != nil {
			t.Fatal(err)
		}
		got = append(got, id)
	}
	slices.Sort(got)
	if want := []string{"B08DL2BXQC", "B097S29G3W"}; !slices.Equal(got, want) {
		t.Errorf("track_ids = %v, want %v", got, want)
	}
	var tracks map[string]tftypes.Value
	if err := attrs["tracks"].As(&tracks); err != nil || len(tracks) != 2 {
		t.Errorf("tracks = %v (%v), want the two tracks kept", attrs["tracks"], err)
	}
}

// savedTrackIDsExact checks the saved_track_ids of
// amazonmusic_library_tracks.test: the answered id of each of ids that
// the emulator answers under another id, and nothing else.
func savedTrackIDsExact(em *emulator.Emulator, ids ...string) statecheck.StateCheck {
	elems := map[string]knownvalue.Check{}
	for _, id := range ids {
		if answered := answeredID(em, id); answered != id {
			elems[id] = knownvalue.StringExact(answered)
		}
	}
	return statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("saved_track_ids"), knownvalue.MapExact(elems))
}

func TestAccLibraryTracksResource_mapFormKeepsAliasedTracksUnderBothListingNamings(t *testing.T) {
	t.Parallel()
	for names, naming := range map[emulator.ListingNaming]string{
		emulator.ListingNamesAnsweredID: "listing names the answered id",
		emulator.ListingNamesSentID:     "listing names the id sent",
	} {
		t.Run(naming, func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, aliasingOptions(names))
			config := provider + bulkTracksMapConfig(aliasedIDs)
			tfresource.Test(t, tfresource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkAliasedIDsDestroyed(em),
				Steps: []tfresource.TestStep{
					{
						PreConfig:         em.ResetCounts,
						Config:            config,
						ConfigStateChecks: []statecheck.StateCheck{savedTrackIDsExact(em, aliasedIDs...)},
						Check: tfresource.ComposeAggregateTestCheckFunc(
							checkWrites(em, aliasedIDs, nil),
							checkLibrary(em, aliasedIDs...),
							checkListingNames(em, names),
						),
					},
					{
						// Found under whichever id the listing names them
						// by, from the listing alone.
						PreConfig: em.ResetCounts,
						Config:    config,
						ConfigPlanChecks: tfresource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						Check: tfresource.ComposeAggregateTestCheckFunc(checkWrites(em, nil, nil),
							func(*terraform.State) error { return checkOnlyListingRead(em) }),
					},
					{
						PreConfig: func() {
							em.RemoveFromLibrary(aliasedIDs[0])
							em.ResetCounts()
						},
						Config: config,
						ConfigPlanChecks: tfresource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{expectMapChanges{added: aliasedIDs[:1]}},
						},
						ConfigStateChecks: []statecheck.StateCheck{savedTrackIDsExact(em, aliasedIDs...)},
						Check: tfresource.ComposeAggregateTestCheckFunc(
							checkWrites(em, aliasedIDs[:1], nil),
							checkLibrary(em, aliasedIDs...),
						),
					},
				},
			})
		})
	}
}
