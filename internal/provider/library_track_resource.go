package provider

import (
	"context"
	"errors"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackIDFormat says, in words, what amazonmusic.TrackIDPattern accepts.
const trackIDFormat = "must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"

var (
	_ resource.Resource                = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithConfigure   = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithImportState = (*LibraryTrackResource)(nil)
)

// LibraryTrackResource is the amazonmusic_library_track resource: one
// catalog track saved to the current user's library.
type LibraryTrackResource struct {
	client *amazonmusic.Client
}

// LibraryTrackResourceModel maps the resource's state.
type LibraryTrackResourceModel struct {
	ID      types.String `tfsdk:"id"`
	TrackID types.String `tfsdk:"track_id"`
	Title   types.String `tfsdk:"title"`
	ISRC    types.String `tfsdk:"isrc"`
	URL     types.String `tfsdk:"url"`
}

// NewLibraryTrackResource returns the amazonmusic_library_track resource.
func NewLibraryTrackResource() resource.Resource {
	return &LibraryTrackResource{}
}

// Metadata names the resource type.
func (r *LibraryTrackResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_library_track"
}

// Schema describes the resource.
func (r *LibraryTrackResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Saves a catalog track to the current user's Amazon Music library; destroying the resource " +
			"removes the track from the library.\n\n" +
			"Version 1 of the Amazon Music Web API has no endpoint that reads a saved track back, so refreshing this " +
			"resource makes no API call and keeps the state as it is: Terraform cannot see a track that was removed " +
			"from the library outside Terraform, and will not save it again until the resource is replaced.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Identifier of the resource: the configured `track_id`, even when the API answers " +
					"with the id of another edition of the track.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"track_id": schema.StringAttribute{
				MarkdownDescription: "Amazon Music catalog id of the track to save: 10 uppercase letters or digits, " +
					"such as `B08DL2BXQC`. Changing it removes the old track and saves the new one.",
				Required: true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(amazonmusic.TrackIDPattern, trackIDFormat),
				},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplace(),
				},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Title of the track, as the API reported it when the track was saved. " +
					"Null after an import, since the API cannot read it back.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"isrc": schema.StringAttribute{
				MarkdownDescription: "International Standard Recording Code of the track, as the API reported it when " +
					"the track was saved. Null after an import, since the API cannot read it back.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the track, as the API reported it when the track was " +
					"saved. Null after an import, since the API cannot read it back.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
		},
	}
}

// Configure takes the API client from the provider.
func (r *LibraryTrackResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Create saves the track to the library.
func (r *LibraryTrackResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	trackID := plan.TrackID.ValueString()
	ctx = tflog.SetField(ctx, "track_id", trackID)
	tflog.Debug(ctx, "Saving track to the library")

	result, err := r.client.SaveTrack(ctx, trackID)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("track_id"),
			"Unable to save track "+trackID+" to the library",
			"The Amazon Music API refused to save track "+trackID+": "+err.Error())
		return
	}

	plan.ID = types.StringValue(trackID)
	plan.Title, plan.ISRC, plan.URL = types.StringNull(), types.StringNull(), types.StringNull()
	if result != nil && result.Track != nil {
		t := result.Track
		plan.Title = types.StringPointerValue(t.Title)
		plan.ISRC = types.StringPointerValue(t.ISRC)
		plan.URL = types.StringPointerValue(t.URL)
		if t.ID != trackID {
			tflog.Debug(ctx, "The API answered with another id for the track; the configured id stays the resource id",
				map[string]interface{}{"response_track_id": t.ID})
		}
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	tflog.Info(ctx, "Saved track to the library")
}

// Read keeps the state as it is: the v1 API cannot read a saved track back.
func (r *LibraryTrackResource) Read(ctx context.Context, _ resource.ReadRequest, _ *resource.ReadResponse) {
	tflog.Trace(ctx, "The Amazon Music API v1 has no endpoint to read a library track; keeping the state")
}

// Update copies the plan to the state. Every configurable attribute forces
// replacement, so nothing changes in place.
func (r *LibraryTrackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes the track from the library. A track the API does not know
// (404) counts as removed.
func (r *LibraryTrackResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state LibraryTrackResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	trackID := state.TrackID.ValueString()
	ctx = tflog.SetField(ctx, "track_id", trackID)
	tflog.Debug(ctx, "Removing track from the library")

	_, err := r.client.RemoveTrack(ctx, trackID)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		tflog.Info(ctx, "Track was already absent from the library")
	case err != nil:
		resp.Diagnostics.AddError("Unable to remove track "+trackID+" from the library",
			"The Amazon Music API refused to remove track "+trackID+": "+err.Error())
	default:
		tflog.Info(ctx, "Removed track from the library")
	}
}

// ImportState imports a library track by its catalog id. The title, isrc and
// url stay null: the v1 API cannot read them.
func (r *LibraryTrackResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !amazonmusic.ValidTrackID(req.ID) {
		resp.Diagnostics.AddError("Invalid import id",
			"The import id "+trackIDFormat+"; got "+strconv.Quote(req.ID)+".")
		return
	}
	tflog.Debug(ctx, "Importing library track", map[string]interface{}{"track_id": req.ID})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("track_id"), req.ID)...)
}
