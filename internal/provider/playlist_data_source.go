package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ datasource.DataSource              = (*PlaylistDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*PlaylistDataSource)(nil)
)

// PlaylistDataSource is the amazonmusic_playlist data source: one playlist
// by id, with its tracks.
type PlaylistDataSource struct {
	client *amazonmusic.Client
}

// NewPlaylistDataSource returns the amazonmusic_playlist data source.
func NewPlaylistDataSource() datasource.DataSource {
	return &PlaylistDataSource{}
}

// Metadata names the data source type.
func (d *PlaylistDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_playlist"
}

// Schema describes the data source: the attributes of an element of
// amazonmusic_playlists, with description and tracks.
func (d *PlaylistDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := playlistSchemaAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Id of the playlist, such as one `amazonmusic_playlists` lists.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthBetween(1, 200)},
	}
	attrs["description"] = schema.StringAttribute{
		MarkdownDescription: "Description of the playlist; null when it has none.",
		Computed:            true,
	}
	attrs["tracks"] = schema.ListNestedAttribute{
		MarkdownDescription: "The playlist's tracks, in playlist order. A track listed twice appears twice.",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{MarkdownDescription: "Catalog id of the track.", Computed: true},
			"title": schema.StringAttribute{MarkdownDescription: "Title of the track.", Computed: true},
			"isrc": schema.StringAttribute{
				MarkdownDescription: "International Standard Recording Code of the track.",
				Computed:            true,
			},
			"url": schema.StringAttribute{MarkdownDescription: "Amazon Music web page of the track.", Computed: true},
		}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "**Preview.** Reads one playlist of the current user by id, with all its tracks in order. " +
			"Values the API leaves out are null.",
		Attributes: attrs,
	}
}

// Configure takes the API client from the provider.
func (d *PlaylistDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read reads the playlist and every page of its tracks.
func (d *PlaylistDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var id types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("id"), &id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	playlistID := id.ValueString()
	summary := "Unable to read playlist " + playlistID
	ctx = tflog.SetField(ctx, "playlist_id", playlistID)

	p, err := d.client.Playlist(ctx, playlistID)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		resp.Diagnostics.AddAttributeError(path.Root("id"), summary,
			"The current user has no playlist "+playlistID+": "+err.Error())
		return
	case err != nil:
		resp.Diagnostics.AddError(summary, "Reading the playlist did not succeed: "+err.Error())
		return
	}
	tracks, err := d.client.PlaylistTracks(ctx, playlistID, amazonmusic.MaxPageSize)
	if err != nil {
		resp.Diagnostics.AddError(summary, "Listing the playlist's tracks did not succeed: "+err.Error()+missingEndpointHint(err))
		return
	}

	state, diags := newPlaylistDataSourceModel(playlistID, p, tracks)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	tflog.Debug(ctx, "Read playlist", map[string]interface{}{"tracks": len(tracks)})
}

// playlistDataSourceModel maps the data source's state: the attributes of
// an element of amazonmusic_playlists, with description and tracks.
type playlistDataSourceModel struct {
	playlistModel
	Description types.String `tfsdk:"description"`
	Tracks      types.List   `tfsdk:"tracks"`
}

// playlistTrackAttrTypes are the attributes of an element of tracks.
var playlistTrackAttrTypes = map[string]attr.Type{
	"id":    types.StringType,
	"title": types.StringType,
	"isrc":  types.StringType,
	"url":   types.StringType,
}

// newPlaylistDataSourceModel maps playlist id, as the API answered it, and
// its tracks in playlist order. The configured id stands for the playlist,
// whatever id the API answers.
func newPlaylistDataSourceModel(id string, p *amazonmusic.Playlist, tracks []amazonmusic.PlaylistTrack) (playlistDataSourceModel, diag.Diagnostics) {
	playlist, diags := newPlaylistModel(p)
	playlist.ID = types.StringValue(id)
	elems := make([]attr.Value, len(tracks))
	for i, t := range tracks {
		obj, d := types.ObjectValue(playlistTrackAttrTypes, map[string]attr.Value{
			"id":    types.StringValue(t.ID),
			"title": types.StringPointerValue(t.Title),
			"isrc":  types.StringPointerValue(t.ISRC),
			"url":   types.StringPointerValue(t.URL),
		})
		diags.Append(d...)
		elems[i] = obj
	}
	// A playlist without tracks has an empty list.
	list, d := types.ListValue(types.ObjectType{AttrTypes: playlistTrackAttrTypes}, elems)
	diags.Append(d...)
	return playlistDataSourceModel{
		playlistModel: playlist,
		Description:   types.StringPointerValue(p.Description),
		Tracks:        list,
	}, diags
}
