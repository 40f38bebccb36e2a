package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// tracksPlanModifier plans the tracks of an amazonmusic_library_tracks
// being updated: one element per planned id, the state's for the ids
// already saved and unknown for the ids to save. The plan then shows only
// the tracks that come and go.
type tracksPlanModifier struct{}

var _ planmodifier.Map = tracksPlanModifier{}

func (tracksPlanModifier) Description(context.Context) string {
	return "Keeps the tracks already saved; the tracks to save are known after apply."
}

func (m tracksPlanModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (tracksPlanModifier) PlanModifyMap(ctx context.Context, req planmodifier.MapRequest, resp *planmodifier.MapResponse) {
	// Create and destroy plan nothing here; an update plans tracks unless
	// the ids are unknown yet.
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned trackIDSetValue
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_ids"), &planned)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() {
		return
	}
	ids := setStrings(ctx, planned, &resp.Diagnostics)
	for _, id := range planned.Elements() {
		if id.IsUnknown() {
			return
		}
	}
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
