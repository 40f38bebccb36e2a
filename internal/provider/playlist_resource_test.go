package provider

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const playlistAddress = "amazonmusic_playlist.test"

// onlyPlaylist returns the one playlist created by requests.
func onlyPlaylist(em *emulator.Emulator) (emulator.PlaylistState, error) {
	ids := em.CreatedPlaylists()
	if len(ids) != 1 {
		return emulator.PlaylistState{}, fmt.Errorf("the emulator holds %d created playlists, want 1", len(ids))
	}
	p, _ := em.Playlist(ids[0])
	return p, nil
}

// checkPlaylist checks that the one created playlist has title, visibility
// and exactly the tracks ids, and that the state names it.
func checkPlaylist(em *emulator.Emulator, title, visibility string, ids []string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		p, err := onlyPlaylist(em)
		if err != nil {
			return err
		}
		if p.Title != title || p.Visibility != visibility || !slices.Equal(p.TrackIDs, ids) {
			return fmt.Errorf("playlist %q (%s) holds %d tracks, want %q (%s) with %d tracks in order",
				p.Title, p.Visibility, len(p.TrackIDs), title, visibility, len(ids))
		}
		if got := s.RootModule().Resources[playlistAddress].Primary.ID; got != p.ID {
			return fmt.Errorf("state id %q, emulator's playlist %q", got, p.ID)
		}
		return nil
	}
}

// expectCounts checks the requests the emulator received by "METHOD path",
// where {id} stands for the one created playlist's id.
func expectCounts(em *emulator.Emulator, want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := onlyPlaylist(em)
		if err != nil {
			return err
		}
		var errs []string
		for key, n := range want {
			method, p, _ := strings.Cut(strings.ReplaceAll(key, "{id}", p.ID), " ")
			if err := expectRequests(em, method, p, n); err != nil {
				errs = append(errs, err.Error())
			}
		}
		slices.Sort(errs)
		if len(errs) > 0 {
			return fmt.Errorf("%s", strings.Join(errs, "\n"))
		}
		return nil
	}
}

// checkOnlyRefreshes checks that the emulator received no write since the
// last ResetCounts, and that every read of the playlist came with exactly
// pages reads of its tracks.
func checkOnlyRefreshes(em *emulator.Emulator, pages int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		p, err := onlyPlaylist(em)
		if err != nil {
			return err
		}
		writes := em.CountMethod(http.MethodPost) + em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete)
		reads := em.Count(http.MethodGet, "/v1/playlists/"+p.ID)
		tracks := em.Count(http.MethodGet, "/v1/playlists/"+p.ID+"/tracks")
		if writes != 0 || reads == 0 || tracks != pages*reads || em.Total() != reads+tracks {
			return fmt.Errorf("%d writes, %d reads of the playlist, %d of its tracks, %d requests in all; "+
				"want no write and %d track pages per read", writes, reads, tracks, em.Total(), pages)
		}
		return nil
	}
}

func TestAccPlaylistResource_createsWith250TracksPlansNothingUpdatesAppendsAndImports(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 300, PageCap: 40})
	ids := catalogIDs(250)
	more := catalogIDs(260)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{
				// 250 tracks: 3 batches; the read back walks 7 pages of 40.
				// The listing of the playlists before the create: one page.
				Config: provider + playlistConfig("Road Trip", ids, ""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("visibility"), knownvalue.StringExact("PRIVATE")),
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(250)),
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("curator_id"), knownvalue.StringExact(emulator.DefaultUserID)),
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://music\.amazon\.com/my/playlists/`))),
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("duration"), knownvalue.NotNull()),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPlaylist(em, "Road Trip", "PRIVATE", ids),
					expectCounts(em, map[string]int{
						"GET /v1/me/playlists":          1,
						"POST /v1/playlists":            1,
						"PUT /v1/playlists/{id}/tracks": 3,
						"GET /v1/playlists/{id}":        1,
						"GET /v1/playlists/{id}/tracks": 7,
					}),
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + playlistConfig("Road Trip", ids, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkOnlyRefreshes(em, 7),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    provider + playlistConfig("Long Road Trip", ids, `  visibility = "PUBLIC"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(250)),
					},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPlaylist(em, "Long Road Trip", "PUBLIC", ids),
					expectCounts(em, map[string]int{
						"POST /v1/playlists":            0,
						"PUT /v1/playlists/{id}":        1,
						"PUT /v1/playlists/{id}/tracks": 0,
						"DELETE /v1/playlists/{id}":     0,
					}),
				),
			},
			{
				// Ten ids added at the end: one request with the ten.
				PreConfig: em.ResetCounts,
				Config:    provider + playlistConfig("Long Road Trip", more, `  visibility = "PUBLIC"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(260)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPlaylist(em, "Long Road Trip", "PUBLIC", more),
					expectCounts(em, map[string]int{
						"POST /v1/playlists":            0,
						"PUT /v1/playlists/{id}":        0,
						"PUT /v1/playlists/{id}/tracks": 1,
						"DELETE /v1/playlists/{id}":     0,
					}),
				),
			},
			{
				PreConfig:         em.ResetCounts,
				ResourceName:      playlistAddress,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateCheck: func([]*terraform.InstanceState) error {
					return checkOnlyRefreshes(em, 7)(nil)
				},
			},
			{
				ResourceName:    playlistAddress,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("title"), knownvalue.StringExact("Long Road Trip")),
						plancheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("visibility"), knownvalue.StringExact("PUBLIC")),
						plancheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("track_ids"), knownvalue.ListSizeExact(260)),
					},
				},
			},
		},
	})
}

func TestAccPlaylistResource_removalAndReorderReplaceThePlaylist(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 10})
	var firstID string

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{
				Config: provider + playlistConfig("Mix", catalogIDs(3), `  description = "Three tracks"`),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPlaylist(em, "Mix", "PRIVATE", catalogIDs(3)),
					func(s *terraform.State) error {
						firstID = s.RootModule().Resources[playlistAddress].Primary.ID
						return nil
					},
				),
			},
			{
				// The second track removed: the playlist is replaced.
				Config: provider + playlistConfig("Mix", []string{emulator.TrackID(0), emulator.TrackID(2)}, `  description = "Three tracks"`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkPlaylist(em, "Mix", "PRIVATE", []string{emulator.TrackID(0), emulator.TrackID(2)}),
					func(*terraform.State) error {
						if _, ok := em.Playlist(firstID); ok {
							return fmt.Errorf("the replaced playlist %s still exists", firstID)
						}
						return nil
					},
				),
			},
			{
				// Reordered, building the new playlist first.
				Config: provider + playlistConfig("Mix", []string{emulator.TrackID(2), emulator.TrackID(0)},
					"  description = \"Three tracks\"\n  lifecycle {\n    create_before_destroy = true\n  }"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionCreateBeforeDestroy)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", []string{emulator.TrackID(2), emulator.TrackID(0)}),
			},
			{
				// Description removed: cleared in place.
				Config: provider + playlistConfig("Mix", []string{emulator.TrackID(2), emulator.TrackID(0)}, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate)},
				},
				Check: func(*terraform.State) error {
					if p, err := onlyPlaylist(em); err != nil || (p.Description != nil && *p.Description != "") {
						return fmt.Errorf("description not cleared: %v %v", p.Description, err)
					}
					return nil
				},
			},
		},
	})
}

func TestAccPlaylistResource_showsChangesMadeInTheApp(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{CatalogSize: 10})
	provider := emulatorProviderBlock(url)
	ids := catalogIDs(3)
	config := provider + playlistConfig("Mix", ids, "")
	playlistID := func() string { p, _ := onlyPlaylist(em); return p.ID }

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{Config: config, Check: checkPlaylist(em, "Mix", "PRIVATE", ids)},
			{
				// Renamed in the app: renamed back in place.
				PreConfig: func() { em.SetPlaylistTitle(playlistID(), "Renamed") },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", ids),
			},
			{
				// The last track removed in the app: added again in place.
				PreConfig: func() { em.SetPlaylistTracks(playlistID(), ids[:2]...) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", ids),
			},
			{
				// A track added in the middle in the app: replaced.
				PreConfig: func() { em.SetPlaylistTracks(playlistID(), ids[0], emulator.TrackID(9), ids[1], ids[2]) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", ids),
			},
			{
				// Deleted in the app: created again.
				PreConfig: func() { deletePlaylist(t, url, playlistID()) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionCreate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", ids),
			},
		},
	})
}

// deletePlaylist deletes a playlist with a request of its own, as another
// app would.
func deletePlaylist(t *testing.T, baseURL, id string) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodDelete, baseURL+"/v1/playlists/"+id, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-api-key", emulator.DefaultAPIKey)
	req.Header.Set("Authorization", "Bearer "+emulator.DefaultAccessToken)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("deleting playlist %s: HTTP %d", id, resp.StatusCode)
	}
}

func TestAccPlaylistResource_failedTrackAddKeepsThePlaylistTainted(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 150})
	// The second batch names a track the catalog does not know.
	bad := append(catalogIDs(120), "B0ZZZZZZZZ")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{
				Config:      provider + playlistConfig("Mix", bad, ""),
				ExpectError: errorText("Unable to add tracks to playlist", "after 100 were sent", "HTTP 404", "B0ZZZZZZZZ"),
			},
			{
				// The playlist is in the state, tainted: the next apply
				// replaces it, and no playlist is left behind.
				Config: provider + playlistConfig("Mix", catalogIDs(120), ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", catalogIDs(120)),
			},
		},
	})
}

func TestAccPlaylistResource_worksWhenPutTracksReplacesTheList(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 200, ReplacePlaylistTracks: true})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{
				Config: provider + playlistConfig("Mix", catalogIDs(3), ""),
				Check:  checkPlaylist(em, "Mix", "PRIVATE", catalogIDs(3)),
			},
			{
				Config: provider + playlistConfig("Mix", catalogIDs(5), ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(playlistAddress, plancheck.ResourceActionUpdate)},
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", catalogIDs(5)),
			},
			{
				// More than one batch cannot be built when each replaces the
				// last: a clear error, and the state holds what the
				// playlist holds.
				Config:      provider + playlistConfig("Mix", catalogIDs(150), ""),
				ExpectError: errorText("does not hold the configured tracks", "holds 45 tracks instead of the 150", "may replace"),
			},
		},
	})
}

func TestAccPlaylistResource_missingEndpointsAreClearErrors(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusNotFound, http.StatusMethodNotAllowed} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 5, CreatePlaylistStatus: status})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkNoPlaylistLeft(em),
				Steps: []resource.TestStep{{
					Config:      provider + playlistConfig("Mix", catalogIDs(2), ""),
					ExpectError: errorText("Unable to create playlist Mix", fmt.Sprintf("POST /v1/playlists: HTTP %d", status), "does not seem to offer it"),
				}},
			})

			em, provider = testAccEmulator(t, emulator.Options{CatalogSize: 5, PlaylistTracksStatus: status})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             checkNoPlaylistLeft(em),
				Steps: []resource.TestStep{
					{
						Config: provider + playlistConfig("Mix", catalogIDs(2), ""),
						ExpectError: errorText("Unable to add tracks to playlist", fmt.Sprintf("/tracks: HTTP %d", status),
							"does not seem to offer it", "kept in the state"),
					},
					{
						// A playlist without tracks still works.
						Config: provider + playlistConfig("Mix", nil, ""),
						Check: func(*terraform.State) error {
							_, err := onlyPlaylist(em)
							return err
						},
					},
				},
			})
		})
	}
}

func TestAccPlaylistResource_badArgumentsFailAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	for _, c := range []struct {
		name, config string
		want         *regexp.Regexp
	}{
		{"duplicate", playlistConfig("Mix", []string{"B08DL2BXQC", "B07QXMFJ4W", "B08DL2BXQC"}, ""), errorText("Duplicate track id", "B08DL2BXQC twice", "elements 0 and 2")},
		{"malformed id", playlistConfig("Mix", []string{"b08dl2bxqc"}, ""), errorText("10 uppercase letters or digits")},
		{"visibility", playlistConfig("Mix", nil, `  visibility = "FRIENDS"`), errorText("visibility", "PUBLIC", "PRIVATE")},
		{"empty title", playlistConfig("", nil, ""), errorText("title", "at least 1")},
		{"empty description", playlistConfig("Mix", nil, `  description = ""`), errorText("description", "at least 1")},
	} {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: provider + c.config, PlanOnly: true, ExpectError: c.want}},
			})
		})
	}
	expectNoRequests(t, em)
}

// listPlanRequest builds the request of a plan modifier of track_ids for
// an update from have to want (configured).
func listPlanRequest(have, want []string) planmodifier.ListRequest {
	present := tftypes.NewValue(tftypes.String, "present")
	return planmodifier.ListRequest{
		Path:        path.Root("track_ids"),
		State:       tfsdk.State{Raw: present},
		Plan:        tfsdk.Plan{Raw: present},
		StateValue:  stringList(have),
		PlanValue:   stringList(want),
		ConfigValue: stringList(want),
	}
}

func TestTrackIDsPlanModifierReplacesForAnythingButAnAppendAndSaysWhy(t *testing.T) {
	for _, c := range []struct {
		name       string
		have, want []string
		replace    bool
	}{
		{"unchanged", []string{"A", "B"}, []string{"A", "B"}, false},
		{"appended", []string{"A", "B"}, []string{"A", "B", "C"}, false},
		{"from empty", nil, []string{"A"}, false},
		{"removed at the end", []string{"A", "B"}, []string{"A"}, true},
		{"removed in the middle", []string{"A", "B", "C"}, []string{"A", "C"}, true},
		{"reordered", []string{"A", "B"}, []string{"B", "A"}, true},
		{"inserted", []string{"A", "B"}, []string{"A", "C", "B"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp := &planmodifier.ListResponse{PlanValue: stringList(c.want)}
			trackIDsPlanModifier{}.PlanModifyList(t.Context(), listPlanRequest(c.have, c.want), resp)
			if resp.RequiresReplace != c.replace {
				t.Errorf("RequiresReplace = %v, want %v", resp.RequiresReplace, c.replace)
			}
			if warned := resp.Diagnostics.WarningsCount() == 1; warned != c.replace {
				t.Errorf("warnings %v, want one exactly when replacing", resp.Diagnostics)
			} else if warned && !strings.Contains(resp.Diagnostics[0].Detail(), "no way to remove or reorder") {
				t.Errorf("warning %q does not say why", resp.Diagnostics[0].Detail())
			}
		})
	}

	// Not configured: the tracks stay as they are.
	req := listPlanRequest([]string{"A"}, nil)
	req.ConfigValue, req.PlanValue = types.ListNull(types.StringType), types.ListUnknown(types.StringType)
	resp := &planmodifier.ListResponse{PlanValue: req.PlanValue}
	trackIDsPlanModifier{}.PlanModifyList(t.Context(), req, resp)
	if !resp.PlanValue.Equal(stringList([]string{"A"})) || resp.RequiresReplace {
		t.Errorf("unset track_ids planned %v (replace %v), want the state's", resp.PlanValue, resp.RequiresReplace)
	}
	if d := (trackIDsPlanModifier{}).Description(context.Background()); !strings.Contains(d, "replaces the playlist") {
		t.Errorf("description %q does not say a change replaces the playlist", d)
	}
}

func TestAccPlaylistResource_exampleBuildsThePlaylistFromCatalogLookups(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	example, err := os.ReadFile(filepath.Join(repositoryRoot(t), "examples", "resources", "amazonmusic_playlist", "resource.tf"))
	if err != nil {
		t.Fatal(err)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{{
			Config: provider + string(example),
			Check: func(*terraform.State) error {
				p, err := onlyPlaylist(em)
				switch {
				case err != nil:
					return err
				case p.Title != "Road Trip" || p.Description == nil || *p.Description != "Songs for the long drive north":
					return fmt.Errorf("playlist %q, description %v", p.Title, p.Description)
				case !slices.Equal(p.TrackIDs, []string{"B08DL2BXQC", "B07QXMFJ4W"}):
					return fmt.Errorf("playlist holds %v, want the looked-up track and the shared one", p.TrackIDs)
				}
				return nil
			},
		}},
	})
}

func TestTrackIDAtRecognisesAnotherEditionOfTheKnownTrack(t *testing.T) {
	edition := amazonmusic.Track{ID: "B097S185X9", URL: ptr("https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9")}
	for _, c := range []struct {
		name  string
		known []string
		i     int
		track amazonmusic.Track
		want  string
	}{
		{"same id", []string{"B08DL2BXQC"}, 0, amazonmusic.Track{ID: "B08DL2BXQC"}, "B08DL2BXQC"},
		{"edition of the known id", []string{"B08DL2BXQC", "B097S29G3W"}, 1, edition, "B097S29G3W"},
		{"edition at another place", []string{"B097S29G3W", "B08DL2BXQC"}, 1, edition, "B097S185X9"},
		{"beyond the known ids", []string{"B08DL2BXQC"}, 1, edition, "B097S185X9"},
		{"no url", []string{"B097S29G3W"}, 0, amazonmusic.Track{ID: "B097S185X9"}, "B097S185X9"},
		{"another album", []string{"B07QXMFJ4W"}, 0, edition, "B097S185X9"},
	} {
		if got := trackIDAt(c.known, c.i, &c.track); got != c.want {
			t.Errorf("%s: trackIDAt = %s, want %s", c.name, got, c.want)
		}
	}
}

func TestAccPlaylistResource_keepsTheConfiguredIDOfATrackListedAsAnotherEdition(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	ids := []string{"B08DL2BXQC", "B097S29G3W"}
	config := provider + playlistConfig("Mix", ids, "") + playlistDataConfig("${amazonmusic_playlist.test.id}")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistAddress, tfjsonpath.New("track_ids"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("B08DL2BXQC"), knownvalue.StringExact("B097S29G3W"),
					})),
					// The data source shows the track the API lists.
					statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks").AtSliceIndex(1).AtMapKey("id"),
						knownvalue.StringExact("B097S185X9")),
				},
				Check: checkPlaylist(em, "Mix", "PRIVATE", ids),
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

// lostCreate is what lostPlaylistCreate returns.
type lostCreate struct {
	em  *emulator.Emulator
	cli *terraformCLI
	// app is a client of the API outside Terraform, as the user's app.
	app *amazonmusic.Client
	// ids are the playlist's tracks; earlier is the id of the playlist made
	// outside Terraform, created the one the lost create made.
	ids              []string
	earlier, created string
}

// lostPlaylistCreate takes the API down while an apply's POST
// /v1/playlists of the playlist "Road Trip" with three tracks is on the
// wire, after one playlist with that title was made outside Terraform: the
// API creates the playlist, its answer is lost, and the apply fails
// without sending the POST again, the state holding the playlist without
// an id, tainted. It brings the API back.
func lostPlaylistCreate(t *testing.T) lostCreate {
	t.Helper()
	em := emulator.New(emulator.Options{CatalogSize: 20})
	srv, err := emulator.NewServer(em)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	const title = "Road Trip"
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: srv.URL(), APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := client.CreatePlaylist(t.Context(), amazonmusic.PlaylistInput{Title: types.StringValue(title).ValueStringPointer()})
	if err != nil {
		t.Fatal(err)
	}
	ids := catalogIDs(3)
	cli := newWriteFailuresCLI(t, emulatorProviderBlock(srv.URL(), [2]string{"max_retries", "2"})+playlistConfig(title, ids, ""))

	em.InjectFaults(emulator.Fault{Method: http.MethodPost, PathPrefix: "/v1/playlists", Delay: 2 * time.Second, Times: 1})
	apply := cli.start("apply", "-auto-approve", "-input=false")
	waitUntil(t, time.Minute, "the POST received", func() bool { return em.Count(http.MethodPost, "/v1/playlists") == 2 })
	srv.Down()
	out, err := apply.wait(2 * time.Minute)
	if err == nil {
		t.Fatalf("terraform apply succeeded while the API was down:\n%s", out)
	}
	expectOutput(t, out, "Unknown whether playlist "+title+" was created", "terraform untaint")
	waitUntil(t, 10*time.Second, "the playlist created", func() bool { return len(em.CreatedPlaylists()) == 2 })
	if n := em.Count(http.MethodPost, "/v1/playlists"); n != 2 {
		t.Errorf("POST /v1/playlists received %d times, want 2 (one before the apply, one by it)", n)
	}
	if r, ok := cli.state().instance("amazonmusic_playlist", "test"); !ok || r.Status != "tainted" || r.Attributes["id"] != nil {
		t.Fatalf("state holds %+v (found %v), want the playlist tainted without an id", r, ok)
	}
	if err := srv.Up(); err != nil {
		t.Fatal(err)
	}
	return lostCreate{em: em, cli: cli, app: client, ids: ids, earlier: p.ID, created: em.CreatedPlaylists()[1]}
}

// TestAccPlaylistResource_lostCreateAnswerIsFoundByTheNextRefresh: after a
// create whose answer was lost (see lostPlaylistCreate), the resource
// untainted, the next apply's refresh finds the playlist as the new one
// with its title (not the one made beforehand), adds its tracks without a
// second POST, and converges; destroy deletes it and leaves the other.
func TestAccPlaylistResource_lostCreateAnswerIsFoundByTheNextRefresh(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	lost := lostPlaylistCreate(t)
	em, cli, ids, earlier, created := lost.em, lost.cli, lost.ids, lost.earlier, lost.created

	cli.mustRun(nil, "untaint", playlistAddress)
	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if posts, adds, deletes := em.Count(http.MethodPost, "/v1/playlists"), em.Count(http.MethodPut, "/v1/playlists/"+created+"/tracks"),
		em.CountMethod(http.MethodDelete); posts != 0 || adds != 1 || deletes != 0 {
		t.Errorf("the apply sent %d POST, %d track adds and %d DELETE, want 0, 1 and 0", posts, adds, deletes)
	}
	if r, _ := cli.state().instance("amazonmusic_playlist", "test"); r.Attributes["id"] != created {
		t.Errorf("state id = %v, want the playlist the lost create made, %s (not %s)", r.Attributes["id"], created, earlier)
	}
	if p, _ := em.Playlist(created); !slices.Equal(p.TrackIDs, ids) {
		t.Errorf("playlist %s holds %v, want %v", created, p.TrackIDs, ids)
	}
	expectEmptyPlan(t, cli)

	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if left := em.CreatedPlaylists(); !slices.Equal(left, []string{earlier}) {
		t.Errorf("after destroy the emulator holds the created playlists %v, want only %s", left, earlier)
	}
}

// TestAccPlaylistResource_lostCreateAnswerIsDroppedWhenNoPlaylistIsNew:
// after a create whose answer was lost (see lostPlaylistCreate), the
// playlist it made is deleted in the app; the next refresh finds no new
// playlist with its title and drops it from the state, and the apply
// creates it once, tainted or not, without deleting anything.
func TestAccPlaylistResource_lostCreateAnswerIsDroppedWhenNoPlaylistIsNew(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	lost := lostPlaylistCreate(t)
	em, cli, ids, earlier := lost.em, lost.cli, lost.ids, lost.earlier
	if err := lost.app.DeletePlaylist(t.Context(), lost.created); err != nil {
		t.Fatal(err)
	}

	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if posts, deletes := em.Count(http.MethodPost, "/v1/playlists"), em.CountMethod(http.MethodDelete); posts != 1 || deletes != 0 {
		t.Errorf("the apply sent %d POST and %d DELETE, want 1 and 0", posts, deletes)
	}
	left := em.CreatedPlaylists()
	if len(left) != 2 || left[0] != earlier {
		t.Fatalf("the emulator holds the created playlists %v, want %s and the new one", left, earlier)
	}
	if p, _ := em.Playlist(left[1]); !slices.Equal(p.TrackIDs, ids) {
		t.Errorf("playlist %s holds %v, want %v", left[1], p.TrackIDs, ids)
	}
	expectEmptyPlan(t, cli)
}
