package provider

import (
	"context"
	"errors"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// metadataAfterImport says, in the schema, where title, isrc and url come
// from after an import.
const metadataAfterImport = "After an import it comes from the listing or the catalog, and is null while drift detection is off."

var (
	_ resource.Resource                = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithConfigure   = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithImportState = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithIdentity    = (*LibraryTrackResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*LibraryTrackResource)(nil)
)

// LibraryTrackResource is the amazonmusic_library_track resource: one
// catalog track saved to the current user's library.
type LibraryTrackResource struct {
	data *providerData
}

// LibraryTrackResourceModel maps the resource's state.
type LibraryTrackResourceModel struct {
	ID           types.String `tfsdk:"id"`
	TrackID      types.String `tfsdk:"track_id"`
	SavedTrackID types.String `tfsdk:"saved_track_id"`
	Title        types.String `tfsdk:"title"`
	ISRC         types.String `tfsdk:"isrc"`
	URL          types.String `tfsdk:"url"`
}

// libraryTrackIdentityModel maps the resource's identity: the catalog id of
// the saved track, the same as its track_id.
type libraryTrackIdentityModel struct {
	TrackID types.String `tfsdk:"track_id"`
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
			"removes it. Refresh notices a track removed outside Terraform, and the next apply saves it again.",
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
					trackIDValidator(),
				},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplace(),
				},
			},
			"saved_track_id": schema.StringAttribute{
				MarkdownDescription: "Id of the track the API answered when saving `track_id`. It differs from `track_id` " +
					"when the API saves another id for it, as its reference shows for `B097S29G3W` (saved as `B097S185X9`).",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Title of the track, as the API answered the save and the listing of the library " +
					"reports it since. " + metadataAfterImport,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"isrc": schema.StringAttribute{
				MarkdownDescription: "International Standard Recording Code of the track, as the API answered the save " +
					"and the listing of the library reports it since. " + metadataAfterImport,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the track, as the API answered the save and the listing " +
					"of the library reports it since. " + metadataAfterImport,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
		},
	}
}

// IdentitySchema describes the resource's identity: the track's catalog id,
// which import blocks may name with identity = { track_id = "..." }.
func (r *LibraryTrackResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"track_id": identityschema.StringAttribute{
				Description:       "Amazon Music catalog id of the saved track, such as `B08DL2BXQC`: the resource's `track_id`.",
				RequiredForImport: true,
			},
		},
	}
}

// setTrackIdentity records the track id as the identity of the resource;
// identity is nil when Terraform does not support identities (before 1.12).
func setTrackIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, trackID string) diag.Diagnostics {
	if identity == nil {
		return nil
	}
	return identity.Set(ctx, libraryTrackIdentityModel{TrackID: types.StringValue(trackID)})
}

// Configure takes the API client and the library cache from the provider.
func (r *LibraryTrackResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create saves the track to the library. When the API's answer is lost
// (the run was interrupted past the grace given to a write on the wire, or
// the connection broke), the track is recorded as unconfirmed (see
// unconfirmedKey): the next refresh or plan checks it, and destroy removes
// it. An interrupt then only warns, as Terraform reports it; a broken
// connection is an error, on which Terraform taints the resource.
func (r *LibraryTrackResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}

	trackID := plan.TrackID.ValueString()
	ctx = tflog.SetField(ctx, "track_id", trackID)
	tflog.Debug(ctx, "Saving track to the library")

	outcome := runTrackJob(ctx, r.data, trackJob{id: trackID, change: saveChange})
	plan.ID = types.StringValue(trackID)
	plan.setSaved(ctx, outcome.track)
	if outcome.err != nil {
		failures := failuresOf([]trackOutcome{outcome})
		if !outcome.unknown() {
			failures.report(&resp.Diagnostics, path.Root("track_id"), "", false)
			return
		}
		failures.report(&resp.Diagnostics, path.Root("track_id"), "", failures.interruptedOnly())
		plan.SavedTrackID = types.StringNull()
		setUnconfirmedTracks(ctx, resp.Private, trackSet{trackID: {}}, &resp.Diagnostics)
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setTrackIdentity(ctx, resp.Identity, trackID)...)
	tflog.Info(ctx, "Saved track to the library")
}

// setSaved sets saved_track_id, title, isrc and url from what the API
// answered for the save of the track: t, nil when it answered no track.
func (m *LibraryTrackResourceModel) setSaved(ctx context.Context, t *amazonmusic.Track) {
	trackID := m.TrackID.ValueString()
	m.SavedTrackID = types.StringValue(trackID)
	m.Title, m.ISRC, m.URL = types.StringNull(), types.StringNull(), types.StringNull()
	if t == nil {
		return
	}
	m.Title = types.StringPointerValue(t.Title)
	m.ISRC = types.StringPointerValue(t.ISRC)
	m.URL = types.StringPointerValue(t.URL)
	if t.ID != "" && t.ID != trackID {
		m.SavedTrackID = types.StringValue(t.ID)
		tflog.Debug(ctx, "The API answered with another id for the track; the configured id stays the resource id",
			map[string]interface{}{"saved_track_id": t.ID})
	}
}

// Read checks, from the listing of the library, that the track is still
// saved, under track_id or saved_track_id (see findSavedTrack). A track that
// is not removes the resource from the state, so that the next plan saves it
// again. A saved track takes its title, isrc and url from the listing,
// keeping those of the state the listing leaves out; a track whose state
// knows none of them (after an import) and whose listing lacks some is
// looked up in the catalog for those.
//
// With drift detection off, or once the account was found not to offer the
// listing (a warning, once per provider instance, says so), Read keeps the
// state as it is. Any other failure of the listing fails Read.
func (r *LibraryTrackResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state LibraryTrackResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	trackID := state.TrackID.ValueString()
	ctx = tflog.SetField(ctx, "track_id", trackID)
	// State written before the resource had an identity has none: the
	// track id, which never changes for a resource, becomes it.
	if resp.Identity != nil && resp.Identity.Raw.IsNull() {
		resp.Diagnostics.Append(setTrackIdentity(ctx, resp.Identity, trackID)...)
	}

	if r.data.library == nil {
		tflog.Trace(ctx, "Drift detection is off; keeping the state of the library track")
		return
	}

	found, err := r.data.findSavedTrack(ctx, trackID, state.SavedTrackID.ValueString())
	if err != nil {
		listingDiagnostics(ctx, err, &resp.Diagnostics, listingUse{
			summary: "Unable to refresh library track " + trackID,
			purpose: "check that track " + trackID + " is still saved",
		})
		return
	}
	if !found.found {
		tflog.Info(ctx, "Track is no longer saved in the library; removing it from the state so that the next apply saves it again")
		resp.State.RemoveResource(ctx)
		return
	}
	// Found: saved, whatever an unfinished run recorded.
	setUnconfirmedTracks(ctx, resp.Private, nil, &resp.Diagnostics)

	prior := state
	if state.SavedTrackID.IsNull() {
		state.SavedTrackID = types.StringValue(answeredTrackID(found.listed))
	}
	r.refreshMetadata(ctx, &state, found, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// The response starts as the prior state: on the usual refresh, which
	// changes nothing, setting it again would only cost time.
	if state != prior {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// refreshMetadata takes the title, isrc and url of state from the listing,
// keeping those the listing leaves out; when the state knew none of them
// and the listing lacks some, from the catalog (read once).
func (r *LibraryTrackResource) refreshMetadata(ctx context.Context, state *LibraryTrackResourceModel, found savedTrack, diags *diag.Diagnostics) {
	trackID := state.TrackID.ValueString()
	listed := found.listed
	stateKnewNothing := state.Title.IsNull() && state.ISRC.IsNull() && state.URL.IsNull()
	state.Title = preferListed(listed.Title, state.Title)
	state.ISRC = preferListed(listed.ISRC, state.ISRC)
	state.URL = preferListed(listed.URL, state.URL)
	if !stateKnewNothing || (!state.Title.IsNull() && !state.ISRC.IsNull() && !state.URL.IsNull()) {
		return
	}
	tflog.Debug(ctx, "The listing lacks some of the track's title, isrc and url; reading the track from the catalog")
	track, err := found.catalog, found.catalogErr
	if track == nil && err == nil {
		var answer *amazonmusic.CatalogTrack
		if answer, err = r.data.client.Track(ctx, trackID); answer != nil {
			track = &answer.Track
		}
	}
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		tflog.Info(ctx, "The catalog does not know the saved track; leaving what the listing lacks null")
		return
	case errors.Is(err, amazonmusic.ErrForbidden):
		r.warnCatalogRefused(ctx, trackID, err, diags)
		return
	case err != nil:
		diags.AddError("Unable to refresh library track "+trackID,
			"The Amazon Music API could not read track "+trackID+" from the catalog: "+err.Error())
		return
	}
	state.Title = preferListed(state.Title.ValueStringPointer(), types.StringPointerValue(track.Title))
	state.ISRC = preferListed(state.ISRC.ValueStringPointer(), types.StringPointerValue(track.ISRC))
	state.URL = preferListed(state.URL.ValueStringPointer(), types.StringPointerValue(track.URL))
}

// warnCatalogRefused leaves what the listing lacks of a track null when the
// catalog read was refused with 403, as for a token without the
// music::catalog scope, and warns once per run.
func (r *LibraryTrackResource) warnCatalogRefused(ctx context.Context, trackID string, err error, diags *diag.Diagnostics) {
	tflog.Warn(ctx, "The API refused the catalog read of the track; leaving what the listing lacks null",
		map[string]interface{}{"error": err.Error()})
	if r.data.firstCatalogRefusal() {
		diags.AddWarning("Track details left null",
			"The Amazon Music API refused to read track "+trackID+" from the catalog ("+err.Error()+"), as it does "+
				"when the access token lacks the music::catalog scope. The title, isrc and url that the listing of "+
				"the library lacks stay null for the library tracks of this run. Grant the music::catalog scope to fill them.")
	}
}

// ModifyPlan plans an update that saves the track again when the state
// records it as unconfirmed and no refresh confirmed or dropped it: after
// an unfinished run with drift detection off, or planned with
// -refresh=false. What the save answers becomes unknown, and a warning
// says why.
func (r *LibraryTrackResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !plan.TrackID.Equal(state.TrackID) {
		return
	}
	if _, ok := unconfirmed[state.TrackID.ValueString()]; !ok {
		return
	}
	plan.SavedTrackID, plan.Title = types.StringUnknown(), types.StringUnknown()
	plan.ISRC, plan.URL = types.StringUnknown(), types.StringUnknown()
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.AddWarning("Track not known to be saved",
		"An earlier run ended before the API confirmed that track "+state.TrackID.ValueString()+" is saved. "+
			"This apply saves it again.")
}

// Update saves the track again when the state records it as unconfirmed
// (see ModifyPlan); otherwise it copies the plan to the state, as every
// configurable attribute forces replacement.
func (r *LibraryTrackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	trackID := plan.TrackID.ValueString()
	if _, ok := unconfirmed[trackID]; ok {
		ctx = tflog.SetField(ctx, "track_id", trackID)
		outcome := runTrackJob(ctx, r.data, trackJob{id: trackID, change: saveChange})
		if outcome.err != nil {
			failuresOf([]trackOutcome{outcome}).report(&resp.Diagnostics, path.Root("track_id"),
				"The state keeps the track as not known to be saved: the next apply saves it again.", false)
			return
		}
		plan.setSaved(ctx, outcome.track)
		setUnconfirmedTracks(ctx, resp.Private, nil, &resp.Diagnostics)
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

	outcome := runTrackJob(ctx, r.data, trackJob{id: trackID, savedID: state.SavedTrackID.ValueString(), change: removeChange})
	switch {
	case errors.Is(outcome.err, amazonmusic.ErrNotFound):
		tflog.Info(ctx, "Track was already absent from the library")
	case outcome.err != nil:
		failuresOf([]trackOutcome{outcome}).report(&resp.Diagnostics, path.Root("track_id"),
			"The state keeps the track: the next destroy removes it.", false)
		if outcome.unknown() {
			setUnconfirmedTracks(ctx, resp.Private, trackSet{trackID: {}}, &resp.Diagnostics)
		}
	default:
		tflog.Info(ctx, "Removed track from the library")
	}
}

// ImportState imports a library track by a catalog id, given as the import
// id or as the track_id of the identity: id, track_id and the identity
// become that id, which the configuration should name. Read, which
// Terraform calls next, checks that the track is saved, under that id or
// the id the catalog answers for it, and fills in saved_track_id, title,
// isrc and url (see Read).
func (r *LibraryTrackResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	trackID := req.ID
	what := "The import id"
	if trackID == "" && req.Identity != nil {
		var identity libraryTrackIdentityModel
		resp.Diagnostics.Append(req.Identity.Get(ctx, &identity)...)
		if resp.Diagnostics.HasError() {
			return
		}
		trackID, what = identity.TrackID.ValueString(), "The track_id of the import identity"
	}
	if !amazonmusic.ValidTrackID(trackID) {
		resp.Diagnostics.AddError("Invalid import id",
			what+" "+trackIDFormat+"; got "+strconv.Quote(trackID)+".")
		return
	}
	tflog.Debug(ctx, "Importing library track", map[string]interface{}{"track_id": trackID})
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), trackID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("track_id"), trackID)...)
	resp.Diagnostics.Append(setTrackIdentity(ctx, resp.Identity, trackID)...)
}

// preferListed returns the listed value when there is one, else fallback.
func preferListed(listed *string, fallback types.String) types.String {
	if listed != nil {
		return types.StringValue(*listed)
	}
	return fallback
}
