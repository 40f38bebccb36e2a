package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// tracksPlanModifier plans the tracks of an amazonmusic_library_tracks:
// null without track details; with them, on an update, one element per
// planned id, the state's for the ids already saved and unknown for the
// ids to save. The plan then shows only the tracks that come and go.
type tracksPlanModifier struct{}

var _ planmodifier.Map = tracksPlanModifier{}

func (tracksPlanModifier) Description(context.Context) string {
	return "Keeps the tracks already saved; the tracks to save are known after apply."
}

func (m tracksPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (tracksPlanModifier) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	// Destroy plans nothing here, nor a plan whose ids are unknown yet.
	if req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var plan LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_ids"), &plan.TrackIDs)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_id_map"), &plan.TrackIDMap)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_details"), &plan.TrackDetails)...)
	if resp.Diagnostics.HasError() || plan.TrackDetails.IsUnknown() {
		return
	}
	if !plan.details() {
		resp.PlanValue = types.MapNull(trackObjectType)
		return
	}
	// A create leaves every track unknown.
	if req.State.Raw.IsNull() || plan.TrackIDs.IsUnknown() || plan.TrackIDMap.IsUnknown() {
		return
	}
	for _, id := range plan.TrackIDs.Elements() {
		if id.IsUnknown() {
			return
		}
	}
	ids := plan.trackIDs(ctx, &resp.Diagnostics)
	known := trackElements(req.StateValue)
	tracks := make(map[string]attr.Value, len(ids))
	for _, id := range ids {
		if v, ok := known[id]; ok {
			tracks[id] = v
		} else {
			tracks[id] = types.ObjectUnknown(trackAttrTypes)
		}
	}
	value, diags := types.MapValue(trackObjectType, tracks)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.PlanValue = value
	}
}

// savedTrackIDsPlanModifier plans the saved_track_ids of an update that
// saves no track: the state's, less the tracks removed. An update that
// saves tracks leaves them unknown: the API's answers tell.
type savedTrackIDsPlanModifier struct{}

var _ planmodifier.Map = savedTrackIDsPlanModifier{}

func (savedTrackIDsPlanModifier) Description(context.Context) string {
	return "Keeps the ids answered for the tracks already saved when no track is to be saved."
}

func (m savedTrackIDsPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (savedTrackIDsPlanModifier) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() ||
		req.StateValue.IsNull() || req.StateValue.IsUnknown() {
		return
	}
	var plan, state LibraryTracksResourceModel
	for _, from := range []struct {
		get   func(context.Context, path.Path, interface{}) diag.Diagnostics
		model *LibraryTracksResourceModel
	}{{req.Plan.GetAttribute, &plan}, {req.State.GetAttribute, &state}} {
		resp.Diagnostics.Append(from.get(ctx, path.Root("track_ids"), &from.model.TrackIDs)...)
		resp.Diagnostics.Append(from.get(ctx, path.Root("track_id_map"), &from.model.TrackIDMap)...)
	}
	if resp.Diagnostics.HasError() || plan.TrackIDs.IsUnknown() || plan.TrackIDMap.IsUnknown() {
		return
	}
	for _, id := range plan.TrackIDs.Elements() {
		if id.IsUnknown() {
			return
		}
	}
	had := make(map[string]struct{})
	for _, id := range state.trackIDs(ctx, &resp.Diagnostics) {
		had[id] = struct{}{}
	}
	known := req.StateValue.Elements()
	elems := make(map[string]attr.Value, len(known))
	for _, id := range plan.trackIDs(ctx, &resp.Diagnostics) {
		if _, ok := had[id]; !ok {
			return
		}
		if v, ok := known[id]; ok {
			elems[id] = v
		}
	}
	value, diags := types.MapValue(types.StringType, elems)
	resp.Diagnostics.Append(diags...)
	if !resp.Diagnostics.HasError() {
		resp.PlanValue = value
	}
}
