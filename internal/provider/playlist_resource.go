package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ resource.Resource                = (*PlaylistResource)(nil)
	_ resource.ResourceWithConfigure   = (*PlaylistResource)(nil)
	_ resource.ResourceWithImportState = (*PlaylistResource)(nil)
)

// PlaylistResource is the amazonmusic_playlist resource: one playlist of
// the current user, with its tracks in order.
type PlaylistResource struct {
	data *providerData
}

// PlaylistResourceModel maps the resource's state.
type PlaylistResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Title       types.String `tfsdk:"title"`
	Description types.String `tfsdk:"description"`
	Visibility  types.String `tfsdk:"visibility"`
	TrackIDs    types.List   `tfsdk:"track_ids"`
	URL         types.String `tfsdk:"url"`
	CuratorID   types.String `tfsdk:"curator_id"`
	TrackCount  types.Int64  `tfsdk:"track_count"`
	Duration    types.Int64  `tfsdk:"duration"`
}

// NewPlaylistResource returns the amazonmusic_playlist resource.
func NewPlaylistResource() resource.Resource {
	return &PlaylistResource{}
}

// Metadata names the resource type.
func (r *PlaylistResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_playlist"
}

// Schema describes the resource.
func (r *PlaylistResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "**Preview.** A playlist of the current Amazon Music user, with its tracks in order. " +
			"Tracks added at the end of `track_ids` are added in place; any other change of `track_ids` replaces the " +
			"playlist. Some of the endpoints it uses are not published in full.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Id of the playlist.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Title of the playlist.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the playlist. Leave it out for none; removing it clears the description.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"visibility": schema.StringAttribute{
				MarkdownDescription: "Who can see the playlist: `PRIVATE` (the default) or `PUBLIC`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(amazonmusic.VisibilityPrivate),
				Validators: []validator.String{
					stringvalidator.OneOf(amazonmusic.VisibilityPublic, amazonmusic.VisibilityPrivate),
				},
			},
			"track_ids": schema.ListAttribute{
				MarkdownDescription: "Catalog ids of the playlist's tracks in order, each once, such as `B08DL2BXQC`. " +
					"Ids added at the end are added in place; any other change replaces the playlist. " +
					"Left out, it reports the playlist's tracks and never changes them.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Validators: []validator.List{
					listvalidator.NoNullValues(),
					listvalidator.ValueStringsAre(trackIDValidator()),
					uniqueTrackIDsValidator{},
				},
				PlanModifiers: []planmodifier.List{trackIDsPlanModifier{}},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the playlist.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"curator_id": schema.StringAttribute{
				MarkdownDescription: "Id of the user who curates the playlist.",
				Computed:            true,
				PlanModifiers:       keep,
			},
			"track_count": schema.Int64Attribute{
				MarkdownDescription: "Number of tracks in the playlist, as the API reports it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{keptWithTracksModifier{}},
			},
			"duration": schema.Int64Attribute{
				MarkdownDescription: "Total duration of the playlist's tracks in seconds, as the API reports it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{keptWithTracksModifier{}},
			},
		},
	}
}

// Configure takes the provider's data.
func (r *PlaylistResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create creates the playlist, then adds its tracks. Once the playlist
// exists it is in the state: when adding the tracks fails, the error
// leaves the playlist there (Terraform taints it), never orphaned. Before
// the create, it lists the playlists with the same title, so that a
// create that ends without the API's answer can be recorded and found
// later (see unconfirmedPlaylistKey).
func (r *PlaylistResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan PlaylistResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want, _ := listStrings(plan.TrackIDs)
	before, listErr := r.playlistsTitled(ctx, plan.Title.ValueString())
	if listErr != nil {
		tflog.Warn(ctx, "Unable to list the playlists before the create: a lost answer could not be recovered",
			map[string]interface{}{"error": listErr.Error()})
	}

	var created *amazonmusic.Playlist
	err := r.data.write(ctx, func(ctx context.Context) (err error) {
		created, err = r.data.client.CreatePlaylist(ctx, amazonmusic.PlaylistInput{
			Title:       plan.Title.ValueStringPointer(),
			Description: plan.Description.ValueStringPointer(),
			Visibility:  plan.Visibility.ValueStringPointer(),
		})
		return err
	})
	switch {
	case errors.Is(err, amazonmusic.ErrOutcomeUnknown) && listErr == nil:
		r.recordUnconfirmed(ctx, plan, before, err, resp)
		return
	case err != nil:
		detail := "Creating the playlist did not succeed: " + err.Error() + missingEndpointHint(err)
		if errors.Is(err, amazonmusic.ErrOutcomeUnknown) {
			detail += " The API may have created it before its answer was lost: if amazonmusic_playlists lists a " +
				"playlist with this title that Terraform does not manage, import it into this resource or delete it."
		}
		resp.Diagnostics.AddError("Unable to create playlist "+plan.Title.ValueString(), detail)
		return
	}
	ctx = tflog.SetField(ctx, "playlist_id", created.ID)
	tflog.Info(ctx, "Created playlist")

	state := plan
	state.ID = types.StringValue(created.ID)
	setFromPlaylist(&state, created)
	state.TrackIDs = stringList(nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.writeTracks(ctx, &state, nil, want, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// recordUnconfirmed puts in the state, without an id, a playlist whose
// create ended with err and without the API's answer, and records in
// private state how to find it (see unconfirmedPlaylistKey).
func (r *PlaylistResource) recordUnconfirmed(ctx context.Context, plan PlaylistResourceModel, before []string, err error, resp *resource.CreateResponse) {
	state := plan
	state.ID, state.URL, state.CuratorID = types.StringNull(), types.StringNull(), types.StringNull()
	state.TrackCount, state.Duration = types.Int64Null(), types.Int64Null()
	state.TrackIDs = stringList(nil)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setUnconfirmedPlaylist(ctx, resp.Private, &unconfirmedPlaylist{Title: plan.Title.ValueString(), Before: before}, &resp.Diagnostics)
	resp.Diagnostics.AddError("Unknown whether playlist "+plan.Title.ValueString()+" was created",
		"The create ended without the API's answer: "+err.Error()+". The state holds the playlist without an id, "+
			"and the next refresh finds it as the new playlist with this title, or drops it if there is none. "+
			"Terraform marks it tainted, so the next apply would replace it; run terraform untaint ADDRESS first "+
			"to keep it, and that apply adds its tracks.")
}

// Read refreshes the playlist and its tracks; a playlist the API no longer
// knows leaves the state.
func (r *PlaylistResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state PlaylistResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.ID.IsNull() {
		if !r.confirm(ctx, &state, req.Private, resp.Private, &resp.Diagnostics) {
			if !resp.Diagnostics.HasError() {
				tflog.Info(ctx, "The playlist whose create ended without an answer was not created; removing it from the state")
				resp.State.RemoveResource(ctx)
			}
			return
		}
	}
	ctx = tflog.SetField(ctx, "playlist_id", state.ID.ValueString())
	known, _ := listStrings(state.TrackIDs)
	if gone := r.refresh(ctx, &state, known, &resp.Diagnostics); gone {
		tflog.Info(ctx, "The playlist no longer exists; removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if !resp.Diagnostics.HasError() {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	}
}

// Update changes title, description and visibility, and adds the tracks
// appended to track_ids; the plan replaces the playlist for any other
// change of track_ids.
func (r *PlaylistResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state PlaylistResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.ID.IsNull() && !r.confirm(ctx, &state, req.Private, resp.Private, &resp.Diagnostics) {
		if !resp.Diagnostics.HasError() {
			resp.Diagnostics.AddError("Playlist "+state.Title.ValueString()+" was not created",
				"Its create ended without the API's answer, and no new playlist has its title. Run terraform apply "+
					"with a refresh (without -refresh=false): the refresh drops it from the state, and the apply creates it.")
		}
		return
	}
	id := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "playlist_id", id)

	if !plan.Title.Equal(state.Title) || !plan.Description.Equal(state.Description) || !plan.Visibility.Equal(state.Visibility) {
		description := plan.Description.ValueString() // "" clears it
		err := r.data.write(ctx, func(ctx context.Context) error {
			return r.data.client.UpdatePlaylist(ctx, id, amazonmusic.PlaylistInput{
				Title: plan.Title.ValueStringPointer(), Description: &description, Visibility: plan.Visibility.ValueStringPointer(),
			})
		})
		if err != nil {
			resp.Diagnostics.AddError("Unable to update playlist "+id,
				"Changing the title, description or visibility did not succeed: "+err.Error())
			return
		}
		state.Title, state.Description, state.Visibility = plan.Title, plan.Description, plan.Visibility
	}

	have, _ := listStrings(state.TrackIDs)
	want, wantOK := listStrings(plan.TrackIDs)
	if !wantOK {
		want = have
	}
	r.writeTracks(ctx, &state, have, want, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete deletes the playlist; one the API no longer knows is gone already.
func (r *PlaylistResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state PlaylistResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.ID.IsNull() && !r.confirm(ctx, &state, req.Private, nil, &resp.Diagnostics) {
		return // never created, or an error
	}
	id := state.ID.ValueString()
	err := r.data.write(ctx, func(ctx context.Context) error { return r.data.client.DeletePlaylist(ctx, id) })
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		tflog.Info(ctx, "The playlist was already gone", map[string]interface{}{"playlist_id": id})
	case err != nil:
		resp.Diagnostics.AddError("Unable to delete playlist "+id, "Deleting the playlist did not succeed: "+err.Error())
	}
}

// confirm finds the playlist of a state without an id, whose create ended
// without the API's answer, and reports whether it did: state then has its
// id, and the record leaves out, when given. Not finding it is no error;
// failing to look, or finding several candidates, is.
func (r *PlaylistResource) confirm(ctx context.Context, state *PlaylistResourceModel, in, out privateState, diags *diag.Diagnostics) bool {
	u := readUnconfirmedPlaylist(ctx, in, diags)
	if u == nil {
		if !diags.HasError() {
			diags.AddError("Playlist without an id", "The state holds this playlist without an id and without a record "+
				"of its create. Remove it from the state (terraform state rm ADDRESS) and import the playlist by its id.")
		}
		return false
	}
	id := r.resolveUnconfirmedPlaylist(ctx, u, diags)
	if id == "" {
		return false
	}
	tflog.Info(ctx, "Found the playlist whose create ended without an answer", map[string]interface{}{"playlist_id": id})
	state.ID = types.StringValue(id)
	if out != nil {
		setUnconfirmedPlaylist(ctx, out, nil, diags)
	}
	return true
}

// ImportState imports a playlist by its id; Read fills in every argument.
func (r *PlaylistResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if strings.TrimSpace(req.ID) == "" {
		resp.Diagnostics.AddError("Invalid import id", "The import id must be the id of a playlist, such as the id "+
			"amazonmusic_playlists lists.")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}

// writeTracks adds the tracks of want that have (the playlist's tracks,
// a prefix of want) lacks, then reads the playlist back into state. With
// at most MaxPlaylistTracksBatch tracks in all, the whole list is sent in
// one request: without duplicates it gives the same playlist whether the
// API adds the tracks sent (skipping those it has) or replaces the list
// with them, which Amazon does not say. Larger lists are sent in batches
// of the tracks to add. A playlist that does not end up holding want is an
// error, and the state holds what it does hold.
func (r *PlaylistResource) writeTracks(ctx context.Context, state *PlaylistResourceModel, have, want []string, diags *diag.Diagnostics) {
	id := state.ID.ValueString()
	send := want[len(have):]
	if len(want) <= amazonmusic.MaxPlaylistTracksBatch {
		send = want
	}
	if len(want) > len(have) {
		tflog.Debug(ctx, "Adding tracks to the playlist", map[string]interface{}{"tracks": len(want) - len(have)})
		var sent int
		err := r.data.write(ctx, func(ctx context.Context) (err error) {
			sent, err = r.data.client.AddPlaylistTracks(ctx, id, send)
			return err
		})
		if err != nil {
			diags.AddError("Unable to add tracks to playlist "+id,
				fmt.Sprintf("Adding %d tracks did not succeed after %d were sent: %s%s The playlist is kept in the "+
					"state with the tracks it holds; the next apply replaces it.", len(send), sent, err, missingEndpointHint(err)))
			state.TrackIDs = stringList(append(slices.Clip(have), send[:sent]...))
			r.refresh(ctx, state, want, &diag.Diagnostics{})
			return
		}
	}
	if gone := r.refresh(ctx, state, want, diags); gone {
		diags.AddError("Playlist "+id+" disappeared", "The API no longer knows the playlist it has just written.")
		return
	}
	if got, ok := listStrings(state.TrackIDs); ok && !slices.Equal(got, want) {
		diags.AddError("Playlist "+id+" does not hold the configured tracks",
			fmt.Sprintf("After the tracks were added, the playlist holds %d tracks instead of the %d configured. The API's "+
				"PUT /v1/playlists/{id}/tracks may replace the playlist's tracks rather than add to them; then Terraform can "+
				"set at most %d tracks, sent in one request. The state holds the tracks the playlist holds.",
				len(got), len(want), amazonmusic.MaxPlaylistTracksBatch))
	}
}

// refresh reads the playlist and its tracks into state and reports whether
// the playlist is gone. A listed track is recorded by the id of known (the
// ids configured, or last recorded) at its place when it is that id's
// edition (see trackIDAt). An API without the listing of a playlist's
// tracks (404 or 405) leaves track_ids as it is, with a warning.
func (r *PlaylistResource) refresh(ctx context.Context, state *PlaylistResourceModel, known []string, diags *diag.Diagnostics) (gone bool) {
	id := state.ID.ValueString()
	p, err := r.data.client.Playlist(ctx, id)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		return true
	case err != nil:
		diags.AddError("Unable to read playlist "+id, "Reading the playlist did not succeed: "+err.Error())
		return false
	}
	setFromPlaylist(state, p)
	tracks, err := r.data.client.PlaylistTracks(ctx, id, amazonmusic.MaxPageSize)
	switch {
	case isMissingEndpoint(err):
		diags.AddWarning("Unable to read the tracks of playlist "+id,
			"The API does not seem to offer the listing of a playlist's tracks: "+err.Error()+". "+
				"track_ids keeps the value Terraform last wrote.")
	case err != nil:
		diags.AddError("Unable to read the tracks of playlist "+id, "Listing the tracks did not succeed: "+err.Error())
	default:
		ids := make([]string, len(tracks))
		for i := range tracks {
			ids[i] = trackIDAt(known, i, &tracks[i].Track)
		}
		state.TrackIDs = stringList(ids)
	}
	return false
}

// trackIDAt returns the id to record for track t listed at place i of a
// playlist whose ids were known: the id known at that place when the API
// lists it as another edition of it, with the known id in the album
// position of its url (asked for B097S29G3W, the API answers B097S185X9
// at albums/B097S29G3W/?trackAsin=B097S185X9); else the listed id.
func trackIDAt(known []string, i int, t *amazonmusic.Track) string {
	if i >= len(known) || known[i] == t.ID || t.URL == nil {
		return t.ID
	}
	u, err := url.Parse(*t.URL)
	if err != nil {
		return t.ID
	}
	segments := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(segments) >= 2 && segments[0] == "albums" && segments[1] == known[i] {
		return known[i]
	}
	return t.ID
}

// setFromPlaylist copies what the API answered of a playlist into state.
// An absent title or visibility keeps the state's; an absent or empty
// description is null.
func setFromPlaylist(state *PlaylistResourceModel, p *amazonmusic.Playlist) {
	if p.Title != nil {
		state.Title = types.StringValue(*p.Title)
	}
	state.Description = types.StringNull()
	if p.Description != nil && *p.Description != "" {
		state.Description = types.StringValue(*p.Description)
	}
	if p.Visibility != nil {
		state.Visibility = types.StringValue(*p.Visibility)
	}
	state.URL = types.StringPointerValue(p.URL)
	state.CuratorID = types.StringNull()
	if p.Curator != nil {
		state.CuratorID = types.StringValue(p.Curator.ID)
	}
	state.TrackCount = types.Int64PointerValue(p.TrackCount)
	state.Duration = types.Int64PointerValue(p.Duration)
}

// stringList returns a known list of strings.
func stringList(values []string) types.List {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.ListValueMust(types.StringType, elems)
}

// isMissingEndpoint reports whether err is the API answering 404 or 405,
// as it does for an endpoint it does not have.
func isMissingEndpoint(err error) bool {
	return errors.Is(err, amazonmusic.ErrNotFound) || errors.Is(err, amazonmusic.ErrMethodNotAllowed)
}

// missingEndpointHint explains a 404 or 405 from an endpoint Amazon has not
// published in full.
func missingEndpointHint(err error) string {
	if !isMissingEndpoint(err) {
		return ""
	}
	return ". This endpoint is known from write-ups, not from Amazon's published reference: this account's API " +
		"does not seem to offer it."
}
