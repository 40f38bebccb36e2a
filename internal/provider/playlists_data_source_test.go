package provider

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// playlistsConfigWithPageSize renders an amazonmusic_playlists data source
// named "test" with the given page_size.
func playlistsConfigWithPageSize(pageSize int) string {
	return fmt.Sprintf(`
data "amazonmusic_playlists" "test" {
  page_size = %d
}
`, pageSize)
}

// firstReferencePlaylist is the reference's first playlist, every field set.
var firstReferencePlaylist = knownvalue.ObjectExact(map[string]knownvalue.Check{
	"id":          knownvalue.StringExact("15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3"),
	"title":       knownvalue.StringExact("00 Rock"),
	"curator_id":  knownvalue.StringExact("6ozjgidgbvjdv3j6dd5jm7ipom"),
	"duration":    knownvalue.Int64Exact(3450),
	"track_count": knownvalue.Int64Exact(12),
	"url":         knownvalue.StringExact("https://music.amazon.ca/my/playlists/b2c6606b"),
	"visibility":  knownvalue.StringExact("PRIVATE"),
	"images": knownvalue.ListExact([]knownvalue.Check{
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"url":        knownvalue.StringExact("https://images-na.ssl-images-amazon.com/images/Playlists.png"),
			"image_type": knownvalue.StringExact("PRIMARY"),
		}),
	}),
	"eligibility": knownvalue.ObjectExact(map[string]knownvalue.Check{
		"can_play_on_demand":          knownvalue.Bool(true),
		"shuffle_type":                knownvalue.StringExact("INLINE"),
		"playback_subscription_tiers": knownvalue.ListExact([]knownvalue.Check{}),
		"is_downloadable":             knownvalue.Bool(false),
		"is_purchaseable":             knownvalue.Bool(false),
		"is_previewable":              knownvalue.Bool(false),
		"is_prime_eligible":           knownvalue.Bool(false),
	}),
})

// secondReferencePlaylist is the reference's second playlist: no
// eligibility, no visibility, an image without imageType.
var secondReferencePlaylist = knownvalue.ObjectExact(map[string]knownvalue.Check{
	"id":          knownvalue.StringExact("28a56e15-99ea-4e0b-989e-2ba8b19c1aae"),
	"title":       knownvalue.StringExact("311 Day"),
	"curator_id":  knownvalue.StringExact("6ozjgidgbvjdv3j6dd5jm7ipom"),
	"duration":    knownvalue.Int64Exact(1084),
	"track_count": knownvalue.Int64Exact(6),
	"url":         knownvalue.StringExact("https://music.amazon.ca/my/playlists/1e858b97"),
	"visibility":  knownvalue.Null(),
	"images": knownvalue.ListExact([]knownvalue.Check{
		knownvalue.ObjectExact(map[string]knownvalue.Check{
			"url":        knownvalue.StringExact("https://m.media-amazon.com/images/I/81P1PrmwR5L.jpg"),
			"image_type": knownvalue.Null(),
		}),
	}),
	"eligibility": knownvalue.Null(),
})

// playlistIDsInOrder checks that the playlists' ids are ids, in that order.
func playlistIDsInOrder(ids []string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
	}
	return knownvalue.ListExact(checks)
}

func TestAccPlaylistsDataSource_readsEveryPageInTheAPIsOrder(t *testing.T) {
	t.Parallel()
	// 12 playlists, at most 5 per page whatever the limit: pages of 5, 5, 2.
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 12, PageCap: 5})
	ids := em.PlaylistIDs()
	if len(ids) != 12 {
		t.Fatalf("emulator has %d playlists, want 12", len(ids))
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider + playlistsConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("user_id"), knownvalue.StringExact(emulator.DefaultUserID)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("page_size"), knownvalue.Null()),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("max_results"), knownvalue.Null()),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), knownvalue.ListSizeExact(12)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), playlistIDsInOrder(ids)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists").AtSliceIndex(0), firstReferencePlaylist),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists").AtSliceIndex(1), secondReferencePlaylist),
				},
				// One read during the plan: three capped pages.
				Check: func(*terraform.State) error { return expectRequests(em, http.MethodGet, playlistsPath, 3) },
			},
			{
				// page_size 2 under the cap of 5: six pages of 2.
				PreConfig: em.ResetCounts,
				Config:    provider + playlistsConfigWithPageSize(2),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("page_size"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), playlistIDsInOrder(ids)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists").AtSliceIndex(1), secondReferencePlaylist),
				},
				Check: func(*terraform.State) error { return expectRequests(em, http.MethodGet, playlistsPath, 6) },
			},
		},
	})
}

func TestAccPlaylistsDataSource_maxResultsReadsTheFirstPlaylistsOnly(t *testing.T) {
	t.Parallel()
	// 12 playlists, at most 5 per page: the first 7 take two pages.
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 12, PageCap: 5})
	ids := em.PlaylistIDs()
	config := func(maxResults int) string {
		return provider + fmt.Sprintf(`
data "amazonmusic_playlists" "test" {
  max_results = %d
}
`, maxResults)
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: em.ResetCounts,
				Config:    config(7),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("max_results"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), playlistIDsInOrder(ids[:7])),
					statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists").AtSliceIndex(0), firstReferencePlaylist),
				},
				Check: func(*terraform.State) error { return expectRequests(em, http.MethodGet, playlistsPath, 2) },
			},
			{
				// More than the user owns: every playlist, every page.
				PreConfig:         em.ResetCounts,
				Config:            config(20),
				ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), playlistIDsInOrder(ids))},
				Check:             func(*terraform.State) error { return expectRequests(em, http.MethodGet, playlistsPath, 3) },
			},
		},
	})
}

func TestAccPlaylistsDataSource_rejectsMaxResultsBelowOneBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 2})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + `
data "amazonmusic_playlists" "test" {
  max_results = 0
}
`,
			ExpectError: errorText("max_results value must be at least 1, got: 0"),
		}},
	})
	expectNoRequests(t, em)
}

func TestAccPlaylistsDataSource_userWithoutPlaylistsGetsAnEmptyList(t *testing.T) {
	t.Parallel()
	_, provider := testAccEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + playlistsConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("user_id"), knownvalue.StringExact(emulator.DefaultUserID)),
				statecheck.ExpectKnownValue(playlistsAddress, tfjsonpath.New("playlists"), knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

func TestAccPlaylistsDataSource_rejectsPageSizeOutOfRangeBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	for _, size := range []int{-1, 0, 101} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{Playlists: 2})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      provider + playlistsConfigWithPageSize(size),
					ExpectError: errorText("page_size value must be between 1 and 100, got: " + strconv.Itoa(size)),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

func TestAccPlaylistsDataSource_apiErrorFailsTheRead(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 2})
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, Status: http.StatusForbidden, Code: "INSUFFICIENT_SCOPE"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      provider + playlistsConfig,
			ExpectError: errorText("Unable to read playlists", "403", "INSUFFICIENT_SCOPE"),
		}},
	})
}

// playlistsState is the data source's state for playlists, as Read sets
// it.
func playlistsState(t testing.TB, pageSize types.Int64, userID string, playlists []amazonmusic.Playlist) tfsdk.State {
	t.Helper()
	state := tfsdk.State{Schema: playlistsSchema(), Raw: tftypes.NewValue(playlistsSchema().Type().TerraformType(t.Context()), nil)}
	config := playlistsDataSourceModel{PageSize: pageSize, MaxResults: types.Int64Null()}
	model, diags := newPlaylistsModel(config, userID, playlists)
	if diags.HasError() {
		t.Fatalf("mapping the playlists: %v", diags)
	}
	if diags := state.Set(t.Context(), &model); diags.HasError() {
		t.Fatalf("setting the state: %v", diags)
	}
	return state
}

// playlistsValue sets playlists as the data source's state, and reads them
// back as the framework's value to compare with expectations.
func playlistsValue(t *testing.T, playlists []amazonmusic.Playlist) types.List {
	t.Helper()
	state := playlistsState(t, types.Int64Null(), "user", playlists)
	var list types.List
	if diags := state.GetAttribute(t.Context(), path.Root("playlists"), &list); diags.HasError() {
		t.Fatalf("reading the playlists back: %v", diags)
	}
	return list
}

// playlistValue sets one playlist as playlistsValue does.
func playlistValue(t *testing.T, p *amazonmusic.Playlist) types.Object {
	t.Helper()
	obj, ok := playlistsValue(t, []amazonmusic.Playlist{*p}).Elements()[0].(types.Object)
	if !ok {
		t.Fatal("the playlist read back is not an object")
	}
	return obj
}

func TestPlaylistsStateHoldsPageSizeAndUserID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		pageSize types.Int64
		userID   string
		wantUser types.String
	}{
		"page size and user id": {
			pageSize: types.Int64Value(7), userID: "amzn1.account.X",
			wantUser: types.StringValue("amzn1.account.X"),
		},
		"neither": {
			pageSize: types.Int64Null(),
			wantUser: types.StringNull(),
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			state := playlistsState(t, tt.pageSize, tt.userID, nil)
			var got playlistsDataSourceModel
			if diags := state.Get(t.Context(), &got); diags.HasError() {
				t.Fatal(diags)
			}
			if !got.PageSize.Equal(tt.pageSize) {
				t.Errorf("page_size = %s, want %s", got.PageSize, tt.pageSize)
			}
			if !got.UserID.Equal(tt.wantUser) {
				t.Errorf("user_id = %s, want %s", got.UserID, tt.wantUser)
			}
		})
	}
}

// An unknown page_size is refused, naming the attribute, before any
// request. Terraform defers the read of a data source whose configuration
// is not known, so only a client that does not would send one.
func TestPlaylistsDataSourceRefusesAnUnknownPageSize(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{Playlists: 3})
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	sch := playlistsSchema()
	typ := sch.Type().TerraformType(t.Context())
	objType, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("the data source's type is a %T", typ)
	}
	attrs := map[string]tftypes.Value{}
	for name, at := range objType.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["page_size"] = tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	config := tfsdk.Config{Schema: sch, Raw: tftypes.NewValue(typ, attrs)}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sch, Raw: config.Raw.Copy()}}

	(&PlaylistsDataSource{client: client}).Read(t.Context(), datasource.ReadRequest{Config: config}, &resp)

	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary() != "Unknown configuration value" {
		t.Fatalf("Read: diagnostics %v; want one error about the unknown value", resp.Diagnostics)
	}
	withPath, ok := resp.Diagnostics[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(path.Root("page_size")) {
		t.Errorf("the error concerns %v, want page_size", resp.Diagnostics[0])
	}
	expectNoRequests(t, em)
}

func TestPlaylistValueConvertsEveryField(t *testing.T) {
	t.Parallel()
	p := amazonmusic.Playlist{
		ID:         "15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3",
		Title:      ptr("00 Rock"),
		Curator:    &amazonmusic.Curator{ID: "6ozjgidgbvjdv3j6dd5jm7ipom"},
		Duration:   ptr(int64(3450)),
		TrackCount: ptr(int64(12)),
		URL:        ptr("https://music.amazon.ca/my/playlists/b2c6606b"),
		Visibility: ptr("PRIVATE"),
		Images: []amazonmusic.Image{
			{URL: ptr("https://images-na.ssl-images-amazon.com/images/Playlists.png"), ImageType: ptr("PRIMARY")},
		},
		Eligibility: &amazonmusic.Eligibility{
			Playback:                  &amazonmusic.Playback{CanPlayOnDemand: ptr(true), ShuffleType: ptr("INLINE")},
			PlaybackSubscriptionTiers: []string{"PRIME", "UNLIMITED"},
			IsDownloadable:            ptr(false),
			IsPurchaseable:            ptr(true),
			IsPreviewable:             ptr(false),
			IsPrimeEligible:           ptr(true),
		},
	}
	got := playlistValue(t, &p)

	tiers := types.ListValueMust(types.StringType, []attr.Value{types.StringValue("PRIME"), types.StringValue("UNLIMITED")})
	want := types.ObjectValueMust(playlistType.AttrTypes, map[string]attr.Value{
		"id":          types.StringValue("15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3"),
		"title":       types.StringValue("00 Rock"),
		"curator_id":  types.StringValue("6ozjgidgbvjdv3j6dd5jm7ipom"),
		"duration":    types.Int64Value(3450),
		"track_count": types.Int64Value(12),
		"url":         types.StringValue("https://music.amazon.ca/my/playlists/b2c6606b"),
		"visibility":  types.StringValue("PRIVATE"),
		"images": types.ListValueMust(imageType, []attr.Value{
			types.ObjectValueMust(imageAttrTypes, map[string]attr.Value{
				"url":        types.StringValue("https://images-na.ssl-images-amazon.com/images/Playlists.png"),
				"image_type": types.StringValue("PRIMARY"),
			}),
		}),
		"eligibility": types.ObjectValueMust(eligibilityAttrTypes, map[string]attr.Value{
			"can_play_on_demand":          types.BoolValue(true),
			"shuffle_type":                types.StringValue("INLINE"),
			"playback_subscription_tiers": tiers,
			"is_downloadable":             types.BoolValue(false),
			"is_purchaseable":             types.BoolValue(true),
			"is_previewable":              types.BoolValue(false),
			"is_prime_eligible":           types.BoolValue(true),
		}),
	})
	if !got.Equal(want) {
		t.Errorf("playlistValue =\n%s\nwant\n%s", got, want)
	}
}

func TestPlaylistValueMakesAbsentFieldsNullAndKeepsEmptyListsEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   amazonmusic.Playlist
		want map[string]attr.Value
	}{
		{
			name: "only an id",
			in:   amazonmusic.Playlist{ID: "p1"},
			want: map[string]attr.Value{
				"id":          types.StringValue("p1"),
				"title":       types.StringNull(),
				"curator_id":  types.StringNull(),
				"duration":    types.Int64Null(),
				"track_count": types.Int64Null(),
				"url":         types.StringNull(),
				"visibility":  types.StringNull(),
				"images":      types.ListNull(imageType),
				"eligibility": types.ObjectNull(eligibilityAttrTypes),
			},
		},
		{
			name: "empty images, image without fields, eligibility without playback or tiers",
			in: amazonmusic.Playlist{
				ID:          "p2",
				Images:      []amazonmusic.Image{},
				Eligibility: &amazonmusic.Eligibility{},
			},
			want: map[string]attr.Value{
				"images": types.ListValueMust(imageType, []attr.Value{}),
				"eligibility": types.ObjectValueMust(eligibilityAttrTypes, map[string]attr.Value{
					"can_play_on_demand":          types.BoolNull(),
					"shuffle_type":                types.StringNull(),
					"playback_subscription_tiers": types.ListNull(types.StringType),
					"is_downloadable":             types.BoolNull(),
					"is_purchaseable":             types.BoolNull(),
					"is_previewable":              types.BoolNull(),
					"is_prime_eligible":           types.BoolNull(),
				}),
			},
		},
		{
			name: "image without type, playback without fields, empty tiers",
			in: amazonmusic.Playlist{
				ID:     "p3",
				Images: []amazonmusic.Image{{URL: ptr("https://m.media-amazon.com/images/I/81P1PrmwR5L.jpg")}, {}},
				Eligibility: &amazonmusic.Eligibility{
					Playback:                  &amazonmusic.Playback{},
					PlaybackSubscriptionTiers: []string{},
				},
			},
			want: map[string]attr.Value{
				"images": types.ListValueMust(imageType, []attr.Value{
					types.ObjectValueMust(imageAttrTypes, map[string]attr.Value{
						"url":        types.StringValue("https://m.media-amazon.com/images/I/81P1PrmwR5L.jpg"),
						"image_type": types.StringNull(),
					}),
					types.ObjectValueMust(imageAttrTypes, map[string]attr.Value{
						"url":        types.StringNull(),
						"image_type": types.StringNull(),
					}),
				}),
				"eligibility": types.ObjectValueMust(eligibilityAttrTypes, map[string]attr.Value{
					"can_play_on_demand":          types.BoolNull(),
					"shuffle_type":                types.StringNull(),
					"playback_subscription_tiers": types.ListValueMust(types.StringType, []attr.Value{}),
					"is_downloadable":             types.BoolNull(),
					"is_purchaseable":             types.BoolNull(),
					"is_previewable":              types.BoolNull(),
					"is_prime_eligible":           types.BoolNull(),
				}),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := playlistValue(t, &tt.in)
			attrs := got.Attributes()
			for name, want := range tt.want {
				if !attrs[name].Equal(want) {
					t.Errorf("%s = %s, want %s", name, attrs[name], want)
				}
			}
		})
	}
}

func TestPlaylistsValueKeepsTheAPIsOrder(t *testing.T) {
	t.Parallel()
	in := []amazonmusic.Playlist{{ID: "c"}, {ID: "a"}, {ID: "b"}}
	got := playlistsValue(t, in)
	elems := got.Elements()
	if len(elems) != len(in) {
		t.Fatalf("got %d playlists, want %d", len(elems), len(in))
	}
	for i, e := range elems {
		obj, ok := e.(types.Object)
		if !ok {
			t.Fatalf("playlist %d is a %T, want types.Object", i, e)
		}
		id := obj.Attributes()["id"]
		if !id.Equal(types.StringValue(in[i].ID)) {
			t.Errorf("playlist %d has id %s, want %q", i, id, in[i].ID)
		}
	}

	empty := playlistsValue(t, nil)
	if empty.IsNull() || len(empty.Elements()) != 0 {
		t.Errorf("playlistsValue(nil) = %s; want an empty list", empty)
	}
}

func TestPlaylistTypesMatchTheSchema(t *testing.T) {
	t.Parallel()
	var resp datasource.SchemaResponse
	NewPlaylistsDataSource().Schema(t.Context(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Schema: %v", resp.Diagnostics)
	}
	attrType := resp.Schema.Attributes["playlists"].GetType()
	if !attrType.Equal(types.ListType{ElemType: playlistType}) {
		t.Errorf("schema type of playlists = %s, want %s", attrType, types.ListType{ElemType: playlistType})
	}
}

// BenchmarkPlaylistsState sets the data source's state of 10,000 playlists
// as the emulator serves them (a third of them missing optional fields), as
// Read does, and of 100,000 to show that the cost grows linearly.
func BenchmarkPlaylistsState(b *testing.B) {
	const most = 100_000
	_, url := startEmulator(b, emulator.Options{Playlists: most})
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL:     url,
		APIKey:      emulator.DefaultAPIKey,
		AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		b.Fatal(err)
	}
	_, all, err := client.Playlists(b.Context(), amazonmusic.MaxPageSize)
	if err != nil {
		b.Fatal(err)
	}
	if len(all) != most {
		b.Fatalf("the emulator served %d playlists, want %d", len(all), most)
	}
	for _, n := range []int{most / 10, most} {
		playlists := all[:n]
		b.Run(fmt.Sprintf("playlists=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				state := playlistsState(b, types.Int64Null(), "user", playlists)
				if state.Raw.IsNull() {
					b.Fatal("the state is null")
				}
			}
		})
	}
}
