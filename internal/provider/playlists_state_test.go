package provider

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// The data source's state as the framework models it, to build with
// State.Set the state the framework would send for the same playlists.
type playlistsFrameworkModel struct {
	PageSize  types.Int64              `tfsdk:"page_size"`
	UserID    types.String             `tfsdk:"user_id"`
	Playlists []playlistFrameworkModel `tfsdk:"playlists"`
}

type playlistFrameworkModel struct {
	ID          types.String `tfsdk:"id"`
	Title       types.String `tfsdk:"title"`
	CuratorID   types.String `tfsdk:"curator_id"`
	Duration    types.Int64  `tfsdk:"duration"`
	TrackCount  types.Int64  `tfsdk:"track_count"`
	URL         types.String `tfsdk:"url"`
	Visibility  types.String `tfsdk:"visibility"`
	Images      types.List   `tfsdk:"images"`
	Eligibility types.Object `tfsdk:"eligibility"`
}

// frameworkPlaylist is the framework's model of p: what the API left out is
// null, an empty list is empty.
func frameworkPlaylist(t *testing.T, p *amazonmusic.Playlist) playlistFrameworkModel {
	t.Helper()
	m := playlistFrameworkModel{
		ID:          types.StringValue(p.ID),
		Title:       types.StringPointerValue(p.Title),
		CuratorID:   types.StringNull(),
		Duration:    types.Int64PointerValue(p.Duration),
		TrackCount:  types.Int64PointerValue(p.TrackCount),
		URL:         types.StringPointerValue(p.URL),
		Visibility:  types.StringPointerValue(p.Visibility),
		Images:      types.ListNull(imageType),
		Eligibility: types.ObjectNull(eligibilityAttrTypes),
	}
	if p.Curator != nil {
		m.CuratorID = types.StringValue(p.Curator.ID)
	}
	if p.Images != nil {
		images := make([]attr.Value, len(p.Images))
		for i, img := range p.Images {
			images[i] = types.ObjectValueMust(imageAttrTypes, map[string]attr.Value{
				"url":        types.StringPointerValue(img.URL),
				"image_type": types.StringPointerValue(img.ImageType),
			})
		}
		m.Images = types.ListValueMust(imageType, images)
	}
	if e := p.Eligibility; e != nil {
		var playback amazonmusic.Playback
		if e.Playback != nil {
			playback = *e.Playback
		}
		tiers := types.ListNull(types.StringType)
		if e.PlaybackSubscriptionTiers != nil {
			elems := make([]attr.Value, len(e.PlaybackSubscriptionTiers))
			for i, tier := range e.PlaybackSubscriptionTiers {
				elems[i] = types.StringValue(tier)
			}
			tiers = types.ListValueMust(types.StringType, elems)
		}
		m.Eligibility = types.ObjectValueMust(eligibilityAttrTypes, map[string]attr.Value{
			"can_play_on_demand":          types.BoolPointerValue(playback.CanPlayOnDemand),
			"shuffle_type":                types.StringPointerValue(playback.ShuffleType),
			"playback_subscription_tiers": tiers,
			"is_downloadable":             types.BoolPointerValue(e.IsDownloadable),
			"is_purchaseable":             types.BoolPointerValue(e.IsPurchaseable),
			"is_previewable":              types.BoolPointerValue(e.IsPreviewable),
			"is_prime_eligible":           types.BoolPointerValue(e.IsPrimeEligible),
		})
	}
	return m
}

// frameworkPlaylistsState is the state the framework sends for the
// playlists: the model set with State.Set, marshalled by tfprotov6.
func frameworkPlaylistsState(t *testing.T, pageSize *int64, userID string, playlists []amazonmusic.Playlist) []byte {
	t.Helper()
	ctx := t.Context()
	model := playlistsFrameworkModel{
		PageSize:  types.Int64PointerValue(pageSize),
		UserID:    types.StringNull(),
		Playlists: make([]playlistFrameworkModel, len(playlists)),
	}
	if userID != "" {
		model.UserID = types.StringValue(userID)
	}
	for i := range playlists {
		model.Playlists[i] = frameworkPlaylist(t, &playlists[i])
	}
	schema := playlistsSchema()
	typ := schema.Type().TerraformType(ctx)
	state := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(typ, nil)}
	if diags := state.Set(ctx, &model); diags.HasError() {
		t.Fatalf("State.Set: %v", diags)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, state.Raw)
	if err != nil {
		t.Fatalf("marshalling the framework's state: %v", err)
	}
	return dv.MsgPack
}

// randomPlaylist draws a playlist in which every optional field is absent,
// empty or set, each about as often.
func randomPlaylist(r *rand.Rand, i int) amazonmusic.Playlist {
	str := func() *string {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return ptr("")
		case 2:
			return ptr(fmt.Sprintf("value %d ✓ \"quoted\"", r.Int()))
		default:
			return ptr(fmt.Sprint(r.Int64()))
		}
	}
	num := func() *int64 {
		switch r.IntN(4) {
		case 0:
			return nil
		case 1:
			return ptr(int64(0))
		case 2:
			return ptr(-r.Int64())
		default:
			return ptr(r.Int64())
		}
	}
	boolean := func() *bool {
		if r.IntN(3) == 0 {
			return nil
		}
		return ptr(r.IntN(2) == 0)
	}
	p := amazonmusic.Playlist{ID: fmt.Sprintf("playlist-%d", i), Title: str(), Duration: num(), TrackCount: num(), URL: str(), Visibility: str()}
	if r.IntN(3) > 0 {
		p.Curator = &amazonmusic.Curator{ID: *nonNil(str())}
	}
	if n := r.IntN(4) - 1; n >= 0 {
		p.Images = make([]amazonmusic.Image, n)
		for j := range p.Images {
			p.Images[j] = amazonmusic.Image{URL: str(), ImageType: str()}
		}
	}
	if r.IntN(4) > 0 {
		e := &amazonmusic.Eligibility{
			IsDownloadable: boolean(), IsPurchaseable: boolean(), IsPreviewable: boolean(), IsPrimeEligible: boolean(),
		}
		if r.IntN(3) > 0 {
			e.Playback = &amazonmusic.Playback{CanPlayOnDemand: boolean(), ShuffleType: str()}
		}
		if n := r.IntN(4) - 1; n >= 0 {
			e.PlaybackSubscriptionTiers = make([]string, n)
			for j := range e.PlaybackSubscriptionTiers {
				e.PlaybackSubscriptionTiers[j] = *nonNil(str())
			}
		}
		p.Eligibility = e
	}
	return p
}

// nonNil returns s, or a pointer to "" when s is nil.
func nonNil(s *string) *string {
	if s == nil {
		return ptr("")
	}
	return s
}

// The protocol server writes the state of amazonmusic_playlists itself; the
// bytes must be those of the framework's own State.Set of the same model,
// whatever fields the API left out or sent empty.
func TestEncodePlaylistsStateMatchesTheFramework(t *testing.T) {
	t.Parallel()
	pageSize := int64(50)
	cases := map[string]struct {
		pageSize  *int64
		userID    string
		playlists []amazonmusic.Playlist
	}{
		"no playlists, no page size, no user": {},
		"only ids":                            {pageSize: &pageSize, userID: "u", playlists: []amazonmusic.Playlist{{ID: "a"}, {ID: ""}}},
		"every field empty": {userID: "u", playlists: []amazonmusic.Playlist{{
			ID: "e", Title: ptr(""), Curator: &amazonmusic.Curator{}, Duration: ptr(int64(0)), TrackCount: ptr(int64(0)),
			URL: ptr(""), Visibility: ptr(""), Images: []amazonmusic.Image{{}},
			Eligibility: &amazonmusic.Eligibility{Playback: &amazonmusic.Playback{}, PlaybackSubscriptionTiers: []string{}},
		}}},
	}
	seed := rand.Uint64()
	t.Logf("random playlists seeded with %d", seed)
	r := rand.New(rand.NewPCG(seed, seed))
	for n := range 20 {
		playlists := make([]amazonmusic.Playlist, r.IntN(30))
		for i := range playlists {
			playlists[i] = randomPlaylist(r, i)
		}
		cases[fmt.Sprintf("random %d", n)] = struct {
			pageSize  *int64
			userID    string
			playlists []amazonmusic.Playlist
		}{pageSize: &pageSize, userID: fmt.Sprint("user-", n), playlists: playlists}
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := encodePlaylistsState(tc.pageSize, tc.userID, tc.playlists)
			if err != nil {
				t.Fatalf("encodePlaylistsState: %v", err)
			}
			want := frameworkPlaylistsState(t, tc.pageSize, tc.userID, tc.playlists)
			if !bytes.Equal(got, want) {
				t.Errorf("the protocol server's state differs from the framework's:\n got %x\nwant %x", got, want)
			}
		})
	}
}
