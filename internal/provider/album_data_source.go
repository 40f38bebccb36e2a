package provider

import (
	"context"
	"errors"

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
	_ datasource.DataSource              = (*AlbumDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*AlbumDataSource)(nil)
)

// AlbumDataSource is the amazonmusic_album data source: one album of the
// Amazon Music catalog with its tracks in album order.
type AlbumDataSource struct {
	client *amazonmusic.Client
}

// AlbumDataSourceModel maps the data source's state.
type AlbumDataSourceModel struct {
	ID          types.String `tfsdk:"id"`
	Title       types.String `tfsdk:"title"`
	URL         types.String `tfsdk:"url"`
	ReleaseDate types.String `tfsdk:"release_date"`
	Duration    types.Int64  `tfsdk:"duration"`
	Artists     types.List   `tfsdk:"artists"`
	TrackCount  types.Int64  `tfsdk:"track_count"`
	Tracks      types.List   `tfsdk:"tracks"`
	Images      types.List   `tfsdk:"images"`
}

// albumTrackAttrTypes are the attribute types of each track of an album.
var albumTrackAttrTypes = map[string]attr.Type{
	"id": types.StringType, "title": types.StringType, "url": types.StringType,
}

// NewAlbumDataSource returns the amazonmusic_album data source.
func NewAlbumDataSource() datasource.DataSource {
	return &AlbumDataSource{}
}

// Metadata names the data source type.
func (d *AlbumDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_album"
}

// Schema describes the data source.
func (d *AlbumDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an album of the Amazon Music catalog by its id, with its tracks in album order. " +
			"Needs the `music::catalog` scope. Values the API leaves out are null.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Amazon Music catalog id of the album: 10 uppercase letters or digits, such as `B08DL2H5PV` " +
					"(the id after `albums/` in the album's link).",
				Required: true,
				Validators: []validator.String{
					albumIDValidator(),
				},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Title of the album.",
				Computed:            true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the album.",
				Computed:            true,
			},
			"release_date": schema.StringAttribute{
				MarkdownDescription: "Release date of the album as the API answers it, such as `2013-06-18T04:00:00.000Z`.",
				Computed:            true,
			},
			"duration": schema.Int64Attribute{
				MarkdownDescription: "Length of the album in seconds.",
				Computed:            true,
			},
			"artists": artistsAttribute("album"),
			"track_count": schema.Int64Attribute{
				MarkdownDescription: "Number of tracks on the album, as the API reports it.",
				Computed:            true,
			},
			"tracks": schema.ListNestedAttribute{
				MarkdownDescription: "Tracks of the album in album order; null when the API lists none.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":    schema.StringAttribute{MarkdownDescription: "Catalog id of the track, as `amazonmusic_library_tracks` takes it.", Computed: true},
						"title": schema.StringAttribute{MarkdownDescription: "Title of the track.", Computed: true},
						"url":   schema.StringAttribute{MarkdownDescription: "Amazon Music web page of the track.", Computed: true},
					},
				},
			},
			"images": imagesAttribute("Cover images of the album"),
		},
	}
}

// Configure takes the API client from the provider.
func (d *AlbumDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read fetches the album from the catalog. An id the catalog does not know
// is an error naming it.
func (d *AlbumDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state AlbumDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "album_id", id)
	tflog.Debug(ctx, "Reading album from the catalog")

	album, err := d.client.Album(ctx, id)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Album "+id+" not found",
			"The Amazon Music catalog has no album with id "+id+" ("+err.Error()+"). "+
				"Check the id: it follows albums/ in the album's link, such as B08DL2H5PV.")
		return
	case err != nil:
		resp.Diagnostics.AddError("Unable to read album "+id,
			"The Amazon Music API could not read album "+id+" from the catalog: "+err.Error()+scopeHint(err, scopeCatalog))
		return
	}

	resp.Diagnostics.Append(state.fill(album)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// fill sets the state's computed attributes from the API's answer: null
// where the API left a value out.
func (m *AlbumDataSourceModel) fill(album *amazonmusic.CatalogAlbum) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Title = types.StringPointerValue(album.Title)
	m.URL = types.StringPointerValue(album.URL)
	m.ReleaseDate = types.StringPointerValue(album.ReleaseDate)
	m.Duration = types.Int64PointerValue(album.Duration)
	m.TrackCount = types.Int64PointerValue(album.TrackCount)
	var d diag.Diagnostics
	m.Artists, d = artistsValue(album.Artists)
	diags.Append(d...)
	m.Images = imagesList(album.Images, &diags)

	trackType := types.ObjectType{AttrTypes: albumTrackAttrTypes}
	m.Tracks = types.ListNull(trackType)
	if album.Tracks != nil {
		tracks := make([]attr.Value, 0, len(album.Tracks))
		for _, t := range album.Tracks {
			track, d := types.ObjectValue(albumTrackAttrTypes, map[string]attr.Value{
				"id": types.StringValue(t.ID), "title": types.StringPointerValue(t.Title), "url": types.StringPointerValue(t.URL),
			})
			diags.Append(d...)
			tracks = append(tracks, track)
		}
		var d diag.Diagnostics
		m.Tracks, d = types.ListValue(trackType, tracks)
		diags.Append(d...)
	}
	return diags
}
