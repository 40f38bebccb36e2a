package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// listStrings returns the strings of a known list of strings, nil for a
// null or unknown list or one with unknown elements (ok false then).
func listStrings(l types.List) (ids []string, ok bool) {
	if l.IsNull() || l.IsUnknown() {
		return nil, false
	}
	for _, v := range l.Elements() {
		s, isString := v.(types.String)
		if !isString || s.IsUnknown() || s.IsNull() {
			return nil, false
		}
		ids = append(ids, s.ValueString())
	}
	return ids, true
}

// appendsTo reports whether want is have with ids added at its end (or
// have itself): the only change of a playlist's tracks the API publishes a
// way to make in place.
//
// Amazon names PATCH /v1/playlists/{id}/tracks without publishing what it
// does. Should it turn out to remove or reorder tracks, this is where a
// wider change becomes possible in place, with writeTracks sending it.
func appendsTo(have, want []string) bool {
	return len(want) >= len(have) && slices.Equal(want[:len(have)], have)
}

// uniqueTrackIDsValidator refuses, at plan time, a list that names a track
// twice, naming the track.
type uniqueTrackIDsValidator struct{}

var _ validator.List = uniqueTrackIDsValidator{}

func (uniqueTrackIDsValidator) Description(context.Context) string {
	return "Each track id appears at most once."
}

func (v uniqueTrackIDsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (uniqueTrackIDsValidator) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	first := map[string]int{}
	for i, v := range req.ConfigValue.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() {
			continue
		}
		id := s.ValueString()
		if j, dup := first[id]; dup {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i), "Duplicate track id",
				fmt.Sprintf("track_ids lists %s twice (elements %d and %d). A playlist built by Terraform holds each "+
					"track once: the API is asked not to add a track the playlist already has.", id, j, i))
			continue
		}
		first[id] = i
	}
}

// trackIDsPlanModifier keeps the state's track ids when track_ids is not
// configured, and replaces the playlist when the configured ids are not
// the state's with ids added at the end.
type trackIDsPlanModifier struct{}

var _ planmodifier.List = trackIDsPlanModifier{}

// trackIDsReplaceReason says why a change of track_ids replaces the
// playlist.
const trackIDsReplaceReason = "Amazon publishes no way to remove or reorder a playlist's tracks: a change of track_ids " +
	"other than ids added at the end replaces the playlist (a new playlist, with a new id and url)."

func (trackIDsPlanModifier) Description(context.Context) string {
	return "Keeps the tracks as they are when track_ids is not set. " + trackIDsReplaceReason
}

func (m trackIDsPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (trackIDsPlanModifier) PlanModifyList(_ context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	if req.ConfigValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	have, haveOK := listStrings(req.StateValue)
	want, wantOK := listStrings(req.PlanValue)
	if !haveOK || !wantOK || appendsTo(have, want) {
		return
	}
	resp.RequiresReplace = true
	resp.Diagnostics.AddAttributeWarning(req.Path, "Changing track_ids replaces the playlist",
		trackIDsReplaceReason+" Add lifecycle { create_before_destroy = true } to build the new playlist before the "+
			"old one is deleted.")
}

// keptWithTracksModifier plans a value that follows from the tracks
// (track_count, duration) as the state's while track_ids stays as it is.
type keptWithTracksModifier struct{}

var _ planmodifier.Int64 = keptWithTracksModifier{}

func (keptWithTracksModifier) Description(context.Context) string {
	return "Stays as it is while track_ids does."
}

func (m keptWithTracksModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keptWithTracksModifier) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned, prior types.List
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_ids"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("track_ids"), &prior)...)
	if !resp.Diagnostics.HasError() && !planned.IsUnknown() && planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}
