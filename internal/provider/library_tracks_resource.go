package provider

import (
	"context"
	"slices"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// libraryTracksID is the id of every amazonmusic_library_tracks: the
// resource stands for the part of the library it lists, which its
// track_ids say, so the id carries nothing more.
const libraryTracksID = "library"

var (
	_ resource.Resource                = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithConfigure   = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithImportState = (*LibraryTracksResource)(nil)
)

// LibraryTracksResource is the amazonmusic_library_tracks resource: a set of
// catalog tracks saved to the current user's library, applied with
// requests in parallel.
type LibraryTracksResource struct {
	data *providerData
}

// LibraryTracksResourceModel maps the resource's state.
type LibraryTracksResourceModel struct {
	ID             types.String    `tfsdk:"id"`
	TrackIDs       trackIDSetValue `tfsdk:"track_ids"`
	MaxConcurrency types.Int64     `tfsdk:"max_concurrency"`
	Tracks         types.Map       `tfsdk:"tracks"`
}

// trackAttrTypes are the attributes of an element of tracks.
var trackAttrTypes = map[string]attr.Type{
	"saved_track_id": types.StringType,
	"title":          types.StringType,
	"isrc":           types.StringType,
	"url":            types.StringType,
}

// trackObjectType is the type of an element of tracks.
var trackObjectType = types.ObjectType{AttrTypes: trackAttrTypes}

// NewLibraryTracksResource returns the amazonmusic_library_tracks resource.
func NewLibraryTracksResource() resource.Resource {
	return &LibraryTracksResource{}
}

// Metadata names the resource type.
func (r *LibraryTracksResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_library_tracks"
}

// Schema describes the resource.
func (r *LibraryTracksResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Saves a set of catalog tracks to the current user's Amazon Music library, sending up to " +
			"`max_concurrency` requests at once; destroying the resource removes them. It manages only the tracks it lists: " +
			"tracks saved to the library otherwise are never removed.\n\n" +
			"Use it for many tracks (hundreds or thousands): the plan shows one resource whose `track_ids` gain and lose " +
			"ids, and an apply is much faster than with one resource per track. Use one `amazonmusic_library_track` per " +
			"track (with `for_each`) when the plan should show each track on its own, or when tracks need their own " +
			"lifecycle (`depends_on`, `lifecycle` blocks, moving one into another module). Do not list the same track in " +
			"both, nor in two `amazonmusic_library_tracks`: destroying one would remove a track the other still manages.\n\n" +
			"When some tracks cannot be saved or removed, the apply fails naming each of them with the reason, and the " +
			"state keeps the tracks that are saved: the next apply saves (or removes) only the rest. A first apply that " +
			"fails this way leaves the resource tainted, so that the next apply replaces it (removing and saving again " +
			"the tracks it saved); `terraform untaint` makes the next apply save only the rest instead.\n\n" +
			"Refreshing the resource drops from the state the tracks removed from the library outside Terraform, " +
			"from the listing of the library that the provider reads once per run, so that the next apply saves them " +
			"again; with `drift_detection = false`, or when the API does not offer the listing, refreshing keeps the " +
			"state as it is.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Always `" + libraryTracksID + "`: the resource stands for the tracks of the library " +
					"that `track_ids` lists.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"track_ids": schema.SetAttribute{
				MarkdownDescription: "Amazon Music catalog ids of the tracks to save: each 10 uppercase letters or digits, " +
					"such as `B08DL2BXQC`. Adding an id saves the track; removing one removes the track from the library.",
				CustomType:  newTrackIDSetType(),
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{
					setvalidator.NoNullValues(),
					setvalidator.ValueStringsAre(trackIDValidator()),
				},
			},
			"max_concurrency": schema.Int64Attribute{
				MarkdownDescription: "Most save or remove requests this resource keeps in flight at once, from `" +
					strconv.Itoa(MinMaxConcurrency) + "` to `" + strconv.Itoa(MaxMaxConcurrency) + "`. Defaults to the " +
					"provider's `max_concurrency` (`" + strconv.Itoa(DefaultMaxConcurrency) + "` unless set). " +
					"The provider's `max_requests_per_second` applies too.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(MinMaxConcurrency, MaxMaxConcurrency)},
			},
			// A map of objects rather than a map nested attribute: the
			// framework would plan each nested attribute of every track,
			// copying the whole map for each, in time that grows with the
			// square of the number of tracks.
			"tracks": schema.MapAttribute{
				MarkdownDescription: "The tracks saved, by catalog id, as the API reported them when saving and the " +
					"listing since: `saved_track_id` (the id the API answered, which may differ from the key), `title`, " +
					"`isrc` and `url`. Values the API left out are null, as are all after an import without drift detection.",
				Computed:      true,
				ElementType:   trackObjectType,
				PlanModifiers: []planmodifier.Map{tracksPlanModifier{}},
			},
		},
	}
}

// Configure takes the provider's data.
func (r *LibraryTracksResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create saves every track. When some fail, the state keeps the others (and
// Terraform taints the resource); when all fail, nothing is created.
func (r *LibraryTracksResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := setStrings(ctx, plan.TrackIDs, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	jobs := make([]trackJob, len(ids))
	for i, id := range ids {
		jobs[i] = trackJob{id: id, change: saveChange}
	}
	outcomes := r.run(ctx, plan.MaxConcurrency, jobs)

	saved := make(map[string]attr.Value, len(ids))
	for _, o := range outcomes {
		if o.done() {
			saved[o.id] = trackObject(o.id, o.track)
		}
	}
	addFailureDiagnostics(&resp.Diagnostics, outcomes,
		"The tracks saved meanwhile are kept in the state; the next apply saves the others.")
	if len(saved) == 0 && len(ids) > 0 {
		return
	}
	plan.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(r.setTracks(&plan, saved)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read drops from the state the tracks no longer saved in the library (the
// listing names neither the configured id nor its saved_track_id, see
// findSavedTrack), and takes the title, isrc and url of the others from the
// listing. With drift detection off, or once the account was found not to
// offer the listing, it keeps the state as it is.
func (r *LibraryTracksResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state LibraryTracksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if r.data.library == nil {
		tflog.Trace(ctx, "Drift detection is off; keeping the state of the library tracks")
		return
	}
	ids := setStrings(ctx, state.TrackIDs, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	if resp.Diagnostics.HasError() {
		return
	}

	tracks := make(map[string]attr.Value, len(ids))
	var gone []string
	for _, id := range ids {
		found, err := r.data.findSavedTrack(ctx, id, savedTrackID(known[id]))
		if err != nil {
			listingDiagnostics(ctx, err, &resp.Diagnostics, "Unable to refresh the library tracks",
				"that the tracks of amazonmusic_library_tracks are still saved")
			return
		}
		if !found.found {
			gone = append(gone, id)
			continue
		}
		tracks[id] = refreshedTrack(known[id], found.listed)
	}
	if len(gone) > 0 {
		tflog.Info(ctx, "Tracks are no longer saved in the library; dropping them from the state so that the next apply saves them again",
			map[string]interface{}{"track_ids": gone})
	}
	state.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(r.setTracks(&state, tracks)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update saves the tracks added to track_ids and removes those taken out.
// The state keeps what is saved: the tracks that failed to save are left
// out of it, those that failed to be removed stay in it.
func (r *LibraryTracksResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := setStrings(ctx, plan.TrackIDs, &resp.Diagnostics)
	have := setStrings(ctx, state.TrackIDs, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	if resp.Diagnostics.HasError() {
		return
	}

	var jobs []trackJob
	tracks := make(map[string]attr.Value, len(want))
	for _, id := range want {
		if slices.Contains(have, id) {
			tracks[id] = knownTrack(known, id)
		} else {
			jobs = append(jobs, trackJob{id: id, change: saveChange})
		}
	}
	for _, id := range have {
		if !slices.Contains(want, id) {
			jobs = append(jobs, trackJob{id: id, savedID: savedTrackID(known[id]), change: removeChange})
		}
	}

	outcomes := r.run(ctx, plan.MaxConcurrency, jobs)
	for _, o := range outcomes {
		switch {
		case o.change == saveChange && o.done():
			tracks[o.id] = trackObject(o.id, o.track)
		case o.change == removeChange && !o.done():
			tracks[o.id] = knownTrack(known, o.id)
		}
	}
	addFailureDiagnostics(&resp.Diagnostics, outcomes,
		"The state keeps the tracks that are saved; the next apply saves or removes the others.")

	plan.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(r.setTracks(&plan, tracks)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete removes every track of the state, and only those. A track the API
// does not know (404) counts as removed. The tracks that fail to be removed
// stay in the state.
func (r *LibraryTracksResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state LibraryTracksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := setStrings(ctx, state.TrackIDs, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	if resp.Diagnostics.HasError() {
		return
	}

	jobs := make([]trackJob, len(ids))
	for i, id := range ids {
		jobs[i] = trackJob{id: id, savedID: savedTrackID(known[id]), change: removeChange}
	}
	outcomes := r.run(ctx, state.MaxConcurrency, jobs)

	left := make(map[string]attr.Value)
	for _, o := range outcomes {
		if !o.done() {
			left[o.id] = knownTrack(known, o.id)
		}
	}
	if len(left) == 0 {
		return
	}
	addFailureDiagnostics(&resp.Diagnostics, outcomes,
		"The state keeps the tracks that are still saved; the next destroy removes them.")
	resp.Diagnostics.Append(r.setTracks(&state, left)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// ImportState imports the tracks of a comma-separated list of catalog ids,
// such as "B08DL2BXQC,B07QXMFJ4W". Read, which Terraform calls next, drops
// those not saved and fills in the others' title, isrc and url from the
// listing of the library.
func (r *LibraryTracksResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ids, err := parseTrackIDList(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import id",
			"The import id must be a comma-separated list of catalog track ids, such as B08DL2BXQC,B07QXMFJ4W: "+err.Error()+".")
		return
	}
	tflog.Debug(ctx, "Importing library tracks", map[string]interface{}{"track_ids": ids})
	state := LibraryTracksResourceModel{
		ID:             types.StringValue(libraryTracksID),
		MaxConcurrency: types.Int64Null(),
	}
	tracks := make(map[string]attr.Value, len(ids))
	for _, id := range ids {
		tracks[id] = trackObject(id, nil)
	}
	resp.Diagnostics.Append(r.setTracks(&state, tracks)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// run applies jobs with the concurrency configured (the resource's
// max_concurrency, else the provider's), logging what it does.
func (r *LibraryTracksResource) run(ctx context.Context, configured types.Int64, jobs []trackJob) []trackOutcome {
	limit := r.data.concurrency()
	if !configured.IsNull() && !configured.IsUnknown() {
		limit = int(configured.ValueInt64())
	}
	if len(jobs) == 0 {
		return nil
	}
	tflog.Debug(ctx, "Applying library tracks", map[string]interface{}{"changes": len(jobs), "max_concurrency": limit})
	outcomes := runTrackJobs(ctx, r.data, jobs, limit)
	failed := 0
	for _, o := range outcomes {
		if !o.done() {
			failed++
		}
	}
	tflog.Info(ctx, "Applied library tracks", map[string]interface{}{"changes": len(jobs), "failed": failed})
	return outcomes
}

// setTracks sets model's tracks to tracks and its track_ids to their ids.
func (r *LibraryTracksResource) setTracks(model *LibraryTracksResourceModel, tracks map[string]attr.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	ids := make([]string, 0, len(tracks))
	for id := range tracks {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var d diag.Diagnostics
	model.TrackIDs, d = newTrackIDSetValue(ids)
	diags.Append(d...)
	model.Tracks, d = types.MapValue(trackObjectType, tracks)
	diags.Append(d...)
	return diags
}

// setStrings returns the strings of a known set, sorted.
func setStrings(ctx context.Context, set trackIDSetValue, diags *diag.Diagnostics) []string {
	var ids []string
	if set.IsNull() || set.IsUnknown() {
		return ids
	}
	diags.Append(set.ElementsAs(ctx, &ids, false)...)
	slices.Sort(ids)
	return ids
}

// trackElements returns the elements of a tracks map, empty when it is
// null or unknown.
func trackElements(tracks types.Map) map[string]attr.Value {
	if tracks.IsNull() || tracks.IsUnknown() {
		return map[string]attr.Value{}
	}
	return tracks.Elements()
}

// knownTrack returns the element of known for id, or one with null
// attributes.
func knownTrack(known map[string]attr.Value, id string) attr.Value {
	if v, ok := known[id]; ok {
		return v
	}
	return trackObject(id, nil)
}

// savedTrackID returns the saved_track_id of an element of tracks; empty
// when it is null or the element is not a known object.
func savedTrackID(element attr.Value) string {
	obj, ok := element.(types.Object)
	if !ok || obj.IsNull() || obj.IsUnknown() {
		return ""
	}
	id, _ := obj.Attributes()["saved_track_id"].(types.String)
	return id.ValueString()
}

// trackObject returns the tracks element of what the API answered for a
// save of track id; its attributes are null when t is nil or leaves them
// out, but saved_track_id, which is then id.
func trackObject(id string, t *amazonmusic.Track) types.Object {
	values := map[string]attr.Value{
		"saved_track_id": types.StringNull(),
		"title":          types.StringNull(),
		"isrc":           types.StringNull(),
		"url":            types.StringNull(),
	}
	if t != nil {
		values["saved_track_id"] = types.StringValue(id)
		if t.ID != "" {
			values["saved_track_id"] = types.StringValue(t.ID)
		}
		values["title"] = types.StringPointerValue(t.Title)
		values["isrc"] = types.StringPointerValue(t.ISRC)
		values["url"] = types.StringPointerValue(t.URL)
	}
	return types.ObjectValueMust(trackAttrTypes, values)
}

// refreshedTrack returns the tracks element of a saved track from its
// node in the listing, keeping the values of prior (its element in the
// state, nil when none) that the listing leaves out, and prior's
// saved_track_id when known (see answeredTrackID otherwise).
func refreshedTrack(prior attr.Value, listed amazonmusic.Track) types.Object {
	previous := map[string]attr.Value{}
	if obj, ok := prior.(types.Object); ok && !obj.IsNull() && !obj.IsUnknown() {
		previous = obj.Attributes()
	}
	keep := func(name string, listed *string) attr.Value {
		if listed != nil {
			return types.StringValue(*listed)
		}
		if v, ok := previous[name].(types.String); ok {
			return v
		}
		return types.StringNull()
	}
	savedID := keep("saved_track_id", nil)
	if savedID.IsNull() {
		savedID = types.StringValue(answeredTrackID(listed))
	}
	return types.ObjectValueMust(trackAttrTypes, map[string]attr.Value{
		"saved_track_id": savedID,
		"title":          keep("title", listed.Title),
		"isrc":           keep("isrc", listed.ISRC),
		"url":            keep("url", listed.URL),
	})
}
