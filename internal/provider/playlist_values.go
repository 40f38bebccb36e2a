package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// Terraform types of the playlists data source's nested values. They match
// playlistSchemaAttributes.
var (
	imageAttrTypes = map[string]attr.Type{
		"url":        types.StringType,
		"image_type": types.StringType,
	}
	imageType = types.ObjectType{AttrTypes: imageAttrTypes}

	eligibilityAttrTypes = map[string]attr.Type{
		"can_play_on_demand":          types.BoolType,
		"shuffle_type":                types.StringType,
		"playback_subscription_tiers": types.ListType{ElemType: types.StringType},
		"is_downloadable":             types.BoolType,
		"is_purchaseable":             types.BoolType,
		"is_previewable":              types.BoolType,
		"is_prime_eligible":           types.BoolType,
	}

	playlistAttrTypes = map[string]attr.Type{
		"id":          types.StringType,
		"title":       types.StringType,
		"curator_id":  types.StringType,
		"duration":    types.Int64Type,
		"track_count": types.Int64Type,
		"url":         types.StringType,
		"visibility":  types.StringType,
		"images":      types.ListType{ElemType: imageType},
		"eligibility": types.ObjectType{AttrTypes: eligibilityAttrTypes},
	}
	playlistType = types.ObjectType{AttrTypes: playlistAttrTypes}
)

// playlistsValue converts the API's playlists, in order, to the value of the
// data source's playlists attribute. It builds the values directly, without
// reflection, as a user may own many thousands of playlists.
func playlistsValue(playlists []amazonmusic.Playlist) (types.List, diag.Diagnostics) {
	var diags diag.Diagnostics
	elems := make([]attr.Value, len(playlists))
	for i := range playlists {
		v, d := playlistValue(&playlists[i])
		diags.Append(d...)
		elems[i] = v
	}
	if diags.HasError() {
		return types.ListNull(playlistType), diags
	}
	list, d := types.ListValue(playlistType, elems)
	diags.Append(d...)
	return list, diags
}

// playlistValue converts one playlist. Fields the API left out become null.
func playlistValue(p *amazonmusic.Playlist) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics

	curatorID := types.StringNull()
	if p.Curator != nil {
		curatorID = types.StringValue(p.Curator.ID)
	}

	images, d := imagesValue(p.Images)
	diags.Append(d...)
	eligibility, d := eligibilityValue(p.Eligibility)
	diags.Append(d...)

	obj, d := types.ObjectValue(playlistAttrTypes, map[string]attr.Value{
		"id":          types.StringValue(p.ID),
		"title":       types.StringPointerValue(p.Title),
		"curator_id":  curatorID,
		"duration":    types.Int64PointerValue(p.Duration),
		"track_count": types.Int64PointerValue(p.TrackCount),
		"url":         types.StringPointerValue(p.URL),
		"visibility":  types.StringPointerValue(p.Visibility),
		"images":      images,
		"eligibility": eligibility,
	})
	diags.Append(d...)
	return obj, diags
}

// imagesValue converts a playlist's images: null when the API sent none (nil),
// an empty list when it sent an empty one.
func imagesValue(images []amazonmusic.Image) (types.List, diag.Diagnostics) {
	if images == nil {
		return types.ListNull(imageType), nil
	}
	var diags diag.Diagnostics
	elems := make([]attr.Value, len(images))
	for i, img := range images {
		obj, d := types.ObjectValue(imageAttrTypes, map[string]attr.Value{
			"url":        types.StringPointerValue(img.URL),
			"image_type": types.StringPointerValue(img.ImageType),
		})
		diags.Append(d...)
		elems[i] = obj
	}
	if diags.HasError() {
		return types.ListNull(imageType), diags
	}
	list, d := types.ListValue(imageType, elems)
	diags.Append(d...)
	return list, diags
}

// eligibilityValue converts a playlist's eligibility: a null object when the
// API left it out.
func eligibilityValue(e *amazonmusic.Eligibility) (types.Object, diag.Diagnostics) {
	if e == nil {
		return types.ObjectNull(eligibilityAttrTypes), nil
	}
	var diags diag.Diagnostics

	canPlayOnDemand, shuffleType := types.BoolNull(), types.StringNull()
	if e.Playback != nil {
		canPlayOnDemand = types.BoolPointerValue(e.Playback.CanPlayOnDemand)
		shuffleType = types.StringPointerValue(e.Playback.ShuffleType)
	}

	tiers := types.ListNull(types.StringType)
	if e.PlaybackSubscriptionTiers != nil {
		elems := make([]attr.Value, len(e.PlaybackSubscriptionTiers))
		for i, tier := range e.PlaybackSubscriptionTiers {
			elems[i] = types.StringValue(tier)
		}
		var d diag.Diagnostics
		tiers, d = types.ListValue(types.StringType, elems)
		diags.Append(d...)
	}

	obj, d := types.ObjectValue(eligibilityAttrTypes, map[string]attr.Value{
		"can_play_on_demand":          canPlayOnDemand,
		"shuffle_type":                shuffleType,
		"playback_subscription_tiers": tiers,
		"is_downloadable":             types.BoolPointerValue(e.IsDownloadable),
		"is_purchaseable":             types.BoolPointerValue(e.IsPurchaseable),
		"is_previewable":              types.BoolPointerValue(e.IsPreviewable),
		"is_prime_eligible":           types.BoolPointerValue(e.IsPrimeEligible),
	})
	diags.Append(d...)
	return obj, diags
}
