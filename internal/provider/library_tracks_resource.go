package provider

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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

// libraryTracksID is the id of every amazonmusic_library_tracks: the
// resource stands for the part of the library it lists, which its
// track_ids say, so the id carries nothing more.
const libraryTracksID = "library"

var (
	_ resource.Resource                     = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithConfigure        = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithImportState      = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithConfigValidators = (*LibraryTracksResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*LibraryTracksResource)(nil)
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
	TrackIDMap     types.Map       `tfsdk:"track_id_map"`
	MaxConcurrency types.Int64     `tfsdk:"max_concurrency"`
	TrackDetails   types.Bool      `tfsdk:"track_details"`
	Tracks         types.Map       `tfsdk:"tracks"`
	SavedTrackIDs  types.Map       `tfsdk:"saved_track_ids"`
}

// importAllID is the import id that imports every track of the library.
const importAllID = "*"

// idMapElementType is the type of the elements of track_id_map: a label
// the provider does not read, such as the id itself or the track's title. A map of
// strings costs Terraform less than a map of empty objects ({}), and a map
// nested attribute would cost the framework time that grows with the
// square of the number of tracks.
var idMapElementType = types.StringType

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
		MarkdownDescription: "Saves many catalog tracks to the current user's Amazon Music library, up to " +
			"`max_concurrency` requests at once; destroying the resource removes them. It manages only the tracks " +
			"listed in `track_ids` or `track_id_map`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Always `" + libraryTracksID + "`: the resource stands for the tracks of the library " +
					"that it lists.",
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
				},
			},
			"track_ids": schema.SetAttribute{
				MarkdownDescription: "Catalog ids of the tracks to save, each 10 uppercase letters or digits such as " +
					"`B08DL2BXQC`; for up to a few hundred ids. Exactly one of `track_ids` and `track_id_map` must be set.",
				CustomType:  newTrackIDSetType(),
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.NoNullValues(),
					trackIDsValidator(),
				},
			},
			"track_id_map": schema.MapAttribute{
				MarkdownDescription: "Tracks to save, as a map from catalog id to a label the provider ignores, such as " +
					"`{ for id in local.ids : id => id }`; for thousands of ids. Exactly one of `track_ids` and " +
					"`track_id_map` must be set.",
				ElementType: idMapElementType,
				Optional:    true,
				Validators: []validator.Map{
					mapvalidator.NoNullValues(),
					trackIDsValidator(),
				},
			},
			"max_concurrency": schema.Int64Attribute{
				MarkdownDescription: "Most save or remove requests this resource keeps in flight at once, `" +
					strconv.Itoa(MinMaxConcurrency) + "` to `" + strconv.Itoa(MaxMaxConcurrency) + "`. Defaults to the " +
					"provider's `max_concurrency`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(MinMaxConcurrency, MaxMaxConcurrency)},
			},
			"track_details": schema.BoolAttribute{
				MarkdownDescription: "Whether `tracks` records each track's details. Defaults to `true` with " +
					"`track_ids` and `false` with `track_id_map`.",
				Optional: true,
			},
			"saved_track_ids": schema.MapAttribute{
				MarkdownDescription: "Id the API answered for each track it saved under another id, such as another " +
					"edition's, keyed by configured id. Null until known, as after an import without drift detection.",
				Computed:      true,
				ElementType:   types.StringType,
				PlanModifiers: []planmodifier.Map{savedTrackIDsPlanModifier{}},
			},
			// A map of objects rather than a map nested attribute: the
			// framework would plan each nested attribute of every track,
			// copying the whole map for each, in time that grows with the
			// square of the number of tracks.
			"tracks": schema.MapAttribute{
				MarkdownDescription: "Saved tracks by catalog id, with their `saved_track_id`, `title`, `isrc` and `url` " +
					"as the API answered the save and the listing reports them since. Null unless `track_details` is on.",
				Computed:      true,
				ElementType:   trackObjectType,
				PlanModifiers: []planmodifier.Map{tracksPlanModifier{}},
			},
		},
	}
}

// ConfigValidators requires exactly one of track_ids and track_id_map.
func (r *LibraryTracksResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("track_ids"), path.MatchRoot("track_id_map")),
	}
}

// Configure takes the provider's data.
func (r *LibraryTracksResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create saves every track. An interrupted run records every planned
// track, those not known to be saved as unconfirmed (see unconfirmedKey),
// and only warns: Terraform reports the interrupt, and the next apply
// saves the others without removing any. Any other failure is an error,
// on which Terraform taints the resource: the state then holds the tracks
// saved or possibly saved, and nothing when there are none.
func (r *LibraryTracksResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := plan.trackIDs(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	jobs := make([]trackJob, len(ids))
	for i, id := range ids {
		jobs[i] = trackJob{id: id, change: saveChange}
	}
	outcomes := r.run(ctx, plan.MaxConcurrency, jobs)
	failures := failuresOf(outcomes)

	tracks := make(map[string]attr.Value, len(ids))
	answered := map[string]string{}
	unconfirmed := trackSet{}
	for _, o := range outcomes {
		switch {
		case o.done():
			tracks[o.id] = trackObject(o.id, o.track)
			recordAnswer(answered, o)
		case o.unknown():
			tracks[o.id] = trackObject(o.id, nil)
			unconfirmed[o.id] = struct{}{}
		}
	}
	interrupted := len(failures) > 0 && failures.interruptedOnly() && len(tracks) > 0
	next := ""
	switch {
	case interrupted:
		for _, id := range ids {
			if _, ok := tracks[id]; !ok {
				tracks[id] = trackObject(id, nil)
				unconfirmed[id] = struct{}{}
			}
		}
		next = "The state records all " + countTracks(len(ids)) + ", the " + strconv.Itoa(len(unconfirmed)) +
			" not known to be saved among them: the next apply saves those and removes none."
	case len(tracks) > 0:
		next = "The state keeps the " + countTracks(len(tracks)) + " saved or possibly saved. As the create failed, " +
			"Terraform marks this resource tainted: the next apply would remove them and save every track again. " +
			"Fix or remove what failed, then run terraform untaint on this resource's address, so that the next " +
			"apply saves only the missing tracks."
	}
	failures.report(&resp.Diagnostics, plan.idsPath(), next, interrupted)
	if len(tracks) == 0 {
		return
	}
	plan.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(plan.setTracks(tracks, answered)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setUnconfirmedTracks(ctx, resp.Private, unconfirmed, &resp.Diagnostics)
}

// Read drops from the state the tracks no longer saved in the library (the
// listing names neither the configured id nor its saved_track_id, see
// findSavedTrack), and takes the title, isrc and url of the others from the
// listing; the unconfirmed tracks it finds are confirmed. With drift
// detection off, or once the account was found not to offer the listing, it
// keeps the state as it is.
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
	ids := state.trackIDs(ctx, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	details, savedIDOf := state.details(), state.savedIDs()
	tracks := make(map[string]attr.Value, len(ids))
	answered := map[string]string{}
	var gone []string
	for _, id := range ids {
		savedID := savedIDOf(id)
		found, err := r.data.findSavedTrack(ctx, id, savedID)
		if err != nil {
			listingDiagnostics(ctx, err, &resp.Diagnostics, listingUse{
				summary: "Unable to refresh the library tracks",
				purpose: "check that the tracks of amazonmusic_library_tracks are still saved",
			})
			return
		}
		delete(unconfirmed, id)
		if !found.found {
			gone = append(gone, id)
			continue
		}
		tracks[id] = nil
		if details {
			tracks[id] = refreshedTrack(known[id], found.listed)
		}
		if savedID == "" {
			savedID = answeredTrackID(found.listed)
		}
		recordSavedID(answered, id, savedID)
	}
	if len(gone) > 0 {
		tflog.Info(ctx, "Tracks are no longer saved in the library; dropping them from the state so that the next apply saves them again",
			map[string]interface{}{"track_ids": gone})
	}
	state.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(state.setTracks(tracks, answered)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setUnconfirmedTracks(ctx, resp.Private, unconfirmed, &resp.Diagnostics)
}

// ModifyPlan warns when planned ids are the same recording (see
// warnSameRecordings), and plans an update that saves again the configured
// tracks the state records as unconfirmed, which no refresh confirmed or
// dropped: after an unfinished run with drift detection off, or planned
// with -refresh=false. Their tracks elements and saved_track_ids become
// unknown, and a warning names them.
func (r *LibraryTracksResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	r.warnSameRecordings(ctx, req, resp)
	if req.State.Raw.IsNull() {
		return
	}
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if len(unconfirmed) == 0 {
		return
	}
	var plan LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.TrackIDs.IsUnknown() || plan.TrackIDMap.IsUnknown() {
		return
	}
	var resave []string
	for _, id := range plan.trackIDs(ctx, &resp.Diagnostics) {
		if _, ok := unconfirmed[id]; ok {
			resave = append(resave, id)
		}
	}
	if len(resave) == 0 {
		return
	}
	plan.SavedTrackIDs = types.MapUnknown(types.StringType)
	if !plan.Tracks.IsNull() && !plan.Tracks.IsUnknown() {
		elems := maps.Clone(plan.Tracks.Elements())
		for _, id := range resave {
			elems[id] = types.ObjectUnknown(trackAttrTypes)
		}
		plan.Tracks = types.MapValueMust(trackObjectType, elems)
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	resp.Diagnostics.AddWarning("Tracks not known to be saved",
		"An earlier run ended before the API confirmed that "+countTracks(len(resave))+" of this resource are saved: "+
			shortIDList(resave)+". This apply saves them again.")
}

// warnSameRecordings warns, in one warning, when two or more planned ids
// have the same ISRC: the same recording, such as a single and its album
// edition, saved twice. It knows the ISRCs of the tracks of the prior
// state's tracks (with track_details) and those the run's searches found
// (see recordingIndex), and sends no request: knowing nothing, it says
// nothing.
func (r *LibraryTracksResource) warnSameRecordings(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var prior types.Map
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("tracks"), &prior)...)
	}
	known := trackElements(prior)
	var searched *recordingIndex
	if r.data != nil {
		searched = &r.data.recordings
	}
	if len(known) == 0 && (searched == nil || searched.empty()) {
		return
	}
	var plan LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_ids"), &plan.TrackIDs)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("track_id_map"), &plan.TrackIDMap)...)
	if resp.Diagnostics.HasError() || plan.TrackIDs.IsUnknown() || plan.TrackIDMap.IsUnknown() {
		return
	}
	ids := plan.trackIDs(ctx, &resp.Diagnostics)
	isrcs, idsOf := sameRecordings(ids, func(id string) string {
		if obj, ok := known[id].(types.Object); ok && !obj.IsNull() && !obj.IsUnknown() {
			if isrc, ok := obj.Attributes()["isrc"].(types.String); ok && isrc.ValueString() != "" {
				return strings.ToUpper(isrc.ValueString())
			}
		}
		if searched == nil {
			return ""
		}
		return searched.lookup(id)
	})
	if len(isrcs) == 0 {
		return
	}
	recordings := "1 recording is"
	if len(isrcs) > 1 {
		recordings = strconv.Itoa(len(isrcs)) + " recordings are"
	}
	resp.Diagnostics.AddAttributeWarning(plan.idsPath(), "Tracks that are the same recording",
		recordings+" planned under more than one track id, by ISRC: "+sameRecordingsText(isrcs, idsOf)+
			". Each id is saved as its own track, such as a single and its album edition; keep one id per ISRC "+
			"to save each recording once.")
}

// Update saves the tracks added and the unconfirmed ones still configured,
// and removes those taken out, found in time that grows with the number of
// ids. The state keeps what may be saved: the tracks that failed to save
// are left out of it unless the API may have saved them, those that failed
// to be removed stay in it.
func (r *LibraryTracksResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state LibraryTracksResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want := plan.trackIDs(ctx, &resp.Diagnostics)
	have := state.trackIDs(ctx, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	savedIDOf := state.savedIDs()
	jobs := trackChanges(want, have, savedIDOf, unconfirmed)
	tracks := make(map[string]attr.Value, len(want))
	answered := map[string]string{}
	had := make(trackSet, len(have))
	for _, id := range have {
		had[id] = struct{}{}
	}
	for _, id := range want {
		if _, ok := had[id]; ok {
			tracks[id] = knownTrack(known, id)
			recordSavedID(answered, id, savedIDOf(id))
		}
	}
	outcomes := r.run(ctx, plan.MaxConcurrency, jobs)
	for _, o := range outcomes {
		_, wasHad := had[o.id]
		switch {
		case o.done() && o.change == saveChange:
			tracks[o.id] = trackObject(o.id, o.track)
			recordAnswer(answered, o)
			delete(unconfirmed, o.id)
		case o.done():
			delete(unconfirmed, o.id)
		case o.change == saveChange && o.unknown() && !wasHad:
			tracks[o.id] = trackObject(o.id, nil)
			unconfirmed[o.id] = struct{}{}
		case o.change == saveChange && !wasHad:
			// Not saved: the next apply tries again.
		case o.change == saveChange:
			// Still unconfirmed, and still in the state.
		default:
			tracks[o.id] = knownTrack(known, o.id)
			recordSavedID(answered, o.id, o.savedID)
			if o.unknown() {
				unconfirmed[o.id] = struct{}{}
			}
		}
	}
	failuresOf(outcomes).report(&resp.Diagnostics, plan.idsPath(),
		"The state keeps the tracks that may be saved; the next apply saves or removes the others.", false)

	plan.ID = types.StringValue(libraryTracksID)
	resp.Diagnostics.Append(plan.setTracks(tracks, answered)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setUnconfirmedTracks(ctx, resp.Private, keepOnly(unconfirmed, tracks), &resp.Diagnostics)
}

// trackChanges returns the saves of the ids of want not in have and of
// those in resave, then the removals of the ids of have not in want (with
// the id the API answered for each, from savedID), each in the order of
// its list.
func trackChanges(want, have []string, savedID func(string) string, resave trackSet) []trackJob {
	had := make(map[string]struct{}, len(have))
	for _, id := range have {
		had[id] = struct{}{}
	}
	wanted := make(map[string]struct{}, len(want))
	var jobs []trackJob
	for _, id := range want {
		wanted[id] = struct{}{}
		_, ok := had[id]
		_, again := resave[id]
		if !ok || again {
			jobs = append(jobs, trackJob{id: id, change: saveChange})
		}
	}
	for _, id := range have {
		if _, ok := wanted[id]; !ok {
			jobs = append(jobs, trackJob{id: id, savedID: savedID(id), change: removeChange})
		}
	}
	return jobs
}

// keepOnly returns the ids of set that tracks holds.
func keepOnly(set trackSet, tracks map[string]attr.Value) trackSet {
	kept := trackSet{}
	for id := range set {
		if _, ok := tracks[id]; ok {
			kept[id] = struct{}{}
		}
	}
	return kept
}

// Delete removes every track of the state, and only those. A track the API
// does not know (404) counts as removed. The tracks that may still be
// saved stay in the state, unconfirmed when the API may have removed them.
func (r *LibraryTracksResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state LibraryTracksResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ids := state.trackIDs(ctx, &resp.Diagnostics)
	known := trackElements(state.Tracks)
	unconfirmed := unconfirmedTracks(ctx, req.Private, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	savedIDOf := state.savedIDs()
	jobs := make([]trackJob, len(ids))
	for i, id := range ids {
		jobs[i] = trackJob{id: id, savedID: savedIDOf(id), change: removeChange}
	}
	outcomes := r.run(ctx, state.MaxConcurrency, jobs)

	left := make(map[string]attr.Value)
	answered := map[string]string{}
	for _, o := range outcomes {
		if !o.done() {
			left[o.id] = knownTrack(known, o.id)
			recordSavedID(answered, o.id, o.savedID)
			if o.unknown() {
				unconfirmed[o.id] = struct{}{}
			}
		}
	}
	if len(left) == 0 {
		return
	}
	failuresOf(outcomes).report(&resp.Diagnostics, state.idsPath(),
		"The state keeps the tracks that may still be saved; the next destroy removes them.", false)
	resp.Diagnostics.Append(state.setTracks(left, answered)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setUnconfirmedTracks(ctx, resp.Private, keepOnly(unconfirmed, left), &resp.Diagnostics)
}

// ImportState imports the tracks of a comma-separated list of catalog ids,
// such as "B08DL2BXQC,B07QXMFJ4W", into track_ids, or with the id "*"
// every track of the library into track_id_map. Read, which Terraform
// calls next, drops those not saved and fills in the others' title, isrc
// and url from the listing of the library.
func (r *LibraryTracksResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	state := LibraryTracksResourceModel{
		ID:             types.StringValue(libraryTracksID),
		TrackIDs:       trackIDSetValue{SetValue: types.SetNull(types.StringType)},
		TrackIDMap:     types.MapNull(idMapElementType),
		MaxConcurrency: types.Int64Null(),
		TrackDetails:   types.BoolNull(),
		SavedTrackIDs:  types.MapNull(types.StringType),
	}
	var ids []string
	if strings.TrimSpace(req.ID) == importAllID {
		ids = r.libraryTrackIDs(ctx, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		state.TrackIDMap = types.MapValueMust(idMapElementType, map[string]attr.Value{})
	} else {
		var err error
		if ids, err = parseTrackIDList(req.ID); err != nil {
			resp.Diagnostics.AddError("Invalid import id",
				"The import id must be a comma-separated list of catalog track ids, such as B08DL2BXQC,B07QXMFJ4W, "+
					"or "+importAllID+" for every track of the library: "+err.Error()+".")
			return
		}
	}
	tflog.Debug(ctx, "Importing library tracks", map[string]interface{}{"tracks": len(ids)})
	tracks := make(map[string]attr.Value, len(ids))
	for _, id := range ids {
		tracks[id] = nil
		if state.details() {
			tracks[id] = trackObject(id, nil)
		}
	}
	resp.Diagnostics.Append(state.setTracks(tracks, nil)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// libraryTrackIDs returns the id of every track the listing of the library
// holds, through the library cache (which the Read after the import then
// answers from) or, with drift detection off, straight from the API.
func (r *LibraryTracksResource) libraryTrackIDs(ctx context.Context, diags *diag.Diagnostics) []string {
	listed, err := r.data.libraryForListing().all(ctx)
	ids := make([]string, len(listed))
	for i, t := range listed {
		ids[i] = t.ID
	}
	if err != nil {
		listingDiagnostics(ctx, err, diags, listingUse{
			summary: "Cannot import the whole library",
			purpose: "import every track it holds",
			instead: "Import the tracks by their catalog ids instead, separated by commas.",
		})
	}
	return ids
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

// usesMap reports whether the model lists its tracks in track_id_map.
func (m *LibraryTracksResourceModel) usesMap() bool {
	return !m.TrackIDMap.IsNull()
}

// details reports whether tracks records each track's details: as
// track_details says, by default with track_ids only.
func (m *LibraryTracksResourceModel) details() bool {
	if m.TrackDetails.IsNull() || m.TrackDetails.IsUnknown() {
		return !m.usesMap()
	}
	return m.TrackDetails.ValueBool()
}

// idsPath is the path of the attribute that lists the ids.
func (m *LibraryTracksResourceModel) idsPath() path.Path {
	if m.usesMap() {
		return path.Root("track_id_map")
	}
	return path.Root("track_ids")
}

// trackIDs returns the ids the model lists, sorted; none when they are
// unknown.
func (m *LibraryTracksResourceModel) trackIDs(ctx context.Context, diags *diag.Diagnostics) []string {
	if !m.usesMap() {
		return setStrings(ctx, m.TrackIDs, diags)
	}
	if m.TrackIDMap.IsUnknown() {
		return nil
	}
	return slices.Sorted(maps.Keys(m.TrackIDMap.Elements()))
}

// savedIDs returns a function that tells the id the API answered when
// saving a configured id: from tracks or saved_track_ids; the id itself
// when saved_track_ids is known and leaves it out; empty when unknown. The
// elements are read once (Elements copies them), not once per id.
func (m *LibraryTracksResourceModel) savedIDs() func(id string) string {
	tracks := trackElements(m.Tracks)
	known := !m.SavedTrackIDs.IsNull() && !m.SavedTrackIDs.IsUnknown()
	aliases := m.SavedTrackIDs.Elements()
	return func(id string) string {
		if saved := savedTrackID(tracks[id]); saved != "" {
			return saved
		}
		if !known {
			return ""
		}
		if saved, ok := aliases[id].(types.String); ok && saved.ValueString() != "" {
			return saved.ValueString()
		}
		return id
	}
}

// recordSavedID records in answered that the API answered saved for the
// configured id, when it is another id.
func recordSavedID(answered map[string]string, id, saved string) {
	if saved != "" && saved != id {
		answered[id] = saved
	}
}

// recordAnswer records in answered the id the API answered for a save.
func recordAnswer(answered map[string]string, o trackOutcome) {
	if o.track != nil {
		recordSavedID(answered, o.id, o.track.ID)
	}
}

// setTracks sets the model's ids, in the form it uses, to the keys of
// tracks; its tracks to tracks when it records details (null otherwise,
// when the values of tracks may be nil); and its saved_track_ids to the
// entries of answered for those ids (null when answered is nil: unknown).
func (m *LibraryTracksResourceModel) setTracks(tracks map[string]attr.Value, answered map[string]string) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.SavedTrackIDs = types.MapNull(types.StringType)
	if answered != nil {
		elems := make(map[string]attr.Value, len(answered))
		for id, saved := range answered {
			if _, ok := tracks[id]; ok {
				elems[id] = types.StringValue(saved)
			}
		}
		m.SavedTrackIDs, d = types.MapValue(types.StringType, elems)
		diags.Append(d...)
	}
	if m.usesMap() {
		labels := m.TrackIDMap.Elements()
		elems := make(map[string]attr.Value, len(tracks))
		for id := range tracks {
			// An import labels each track with its id: the plan shows it
			// as "B08DL2BXQC" = "B08DL2BXQC" (an empty label, as null).
			elems[id] = types.StringValue(id)
			if label, ok := labels[id]; ok {
				elems[id] = label
			}
		}
		m.TrackIDMap, d = types.MapValue(idMapElementType, elems)
		diags.Append(d...)
	} else {
		m.TrackIDs, d = newTrackIDSetValue(slices.Sorted(maps.Keys(tracks)))
		diags.Append(d...)
	}
	m.Tracks = types.MapNull(trackObjectType)
	if m.details() {
		m.Tracks, d = types.MapValue(trackObjectType, tracks)
		diags.Append(d...)
	}
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
