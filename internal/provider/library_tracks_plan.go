package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
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

// keepStateWhenListingUnavailable handles a failed lookup in the listing of
// the library: when the API does not offer the listing (404 or 403) it
// logs, warns once per provider instance and reports true, so that the
// caller keeps its state; for any other error it reports false.
func keepStateWhenListingUnavailable(ctx context.Context, err error, diags *diag.Diagnostics) bool {
	var unavailable *listingUnavailableError
	if !errors.As(err, &unavailable) {
		return false
	}
	tflog.Debug(ctx, "The API does not offer the listing of the library; keeping the state of the library tracks",
		map[string]interface{}{"error": unavailable.err.Error()})
	if unavailable.warn {
		diags.AddWarning("Drift detection is off for this run",
			"The Amazon Music API refused to list the tracks saved in the library ("+unavailable.err.Error()+"), "+
				"as it does for accounts whose API does not offer the listing. Terraform keeps the state of the library "+
				"tracks as it is and cannot notice tracks removed from the library outside Terraform. "+
				"Set drift_detection = false in the provider configuration, or "+EnvDriftDetection+"=false, "+
				"to skip the listing and this warning.")
	}
	return true
}
