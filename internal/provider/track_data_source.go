package provider

import (
	"context"
	"errors"

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
	_ datasource.DataSource              = (*TrackDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*TrackDataSource)(nil)
)

// TrackDataSource is the amazonmusic_track data source: one track of the
// Amazon Music catalog, saved or not.
type TrackDataSource struct {
	client *amazonmusic.Client
}

// TrackDataSourceModel maps the data source's state.
type TrackDataSourceModel struct {
	ID             types.String `tfsdk:"id"`
	Title          types.String `tfsdk:"title"`
	ISRC           types.String `tfsdk:"isrc"`
	URL            types.String `tfsdk:"url"`
	GlobalASIN     types.String `tfsdk:"global_asin"`
	ShortTitle     types.String `tfsdk:"short_title"`
	Duration       types.Int64  `tfsdk:"duration"`
	ReleaseDate    types.String `tfsdk:"release_date"`
	Album          types.Object `tfsdk:"album"`
	Artists        types.List   `tfsdk:"artists"`
	AudioQualities types.List   `tfsdk:"audio_qualities"`
}

// NewTrackDataSource returns the amazonmusic_track data source.
func NewTrackDataSource() datasource.DataSource {
	return &TrackDataSource{}
}

// Metadata names the data source type.
func (d *TrackDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_track"
}

// Schema describes the data source.
func (d *TrackDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a track of the Amazon Music catalog by its id, whether or not it is saved in the " +
			"library. Needs the `music::catalog` scope. Values the API leaves out are null.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Amazon Music catalog id of the track: 10 uppercase letters or digits, such as `B08DL2BXQC`.",
				Required:            true,
				Validators: []validator.String{
					trackIDValidator(),
				},
			},
			"title": schema.StringAttribute{
				MarkdownDescription: "Title of the track.",
				Computed:            true,
			},
			"isrc": schema.StringAttribute{
				MarkdownDescription: "International Standard Recording Code of the track.",
				Computed:            true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the track.",
				Computed:            true,
			},
			"global_asin": schema.StringAttribute{
				MarkdownDescription: "Global catalog id of the track the API answered; usually equal to `id`.",
				Computed:            true,
			},
			"short_title": schema.StringAttribute{
				MarkdownDescription: "Short title of the track, such as the title without a featured artist.",
				Computed:            true,
			},
			"duration": schema.Int64Attribute{
				MarkdownDescription: "Length of the track in seconds.",
				Computed:            true,
			},
			"release_date": schema.StringAttribute{
				MarkdownDescription: "Release date of the track as the API answers it, such as `2013-06-18T04:00:00.000Z`.",
				Computed:            true,
			},
			"album":   albumAttribute(),
			"artists": artistsAttribute("track"),
			"audio_qualities": schema.ListAttribute{
				MarkdownDescription: "Audio qualities the track is offered in, such as `SD`, `HD`, `UHD` and `360RA`.",
				Computed:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

// Configure takes the API client from the provider.
func (d *TrackDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read fetches the track from the catalog. An id the catalog does not know
// is an error naming it.
func (d *TrackDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state TrackDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "track_id", id)
	tflog.Debug(ctx, "Reading track from the catalog")

	track, err := d.client.Track(ctx, id)
	switch {
	case errors.Is(err, amazonmusic.ErrNotFound):
		resp.Diagnostics.AddAttributeError(path.Root("id"), "Track "+id+" not found",
			"The Amazon Music catalog has no track with id "+id+" ("+err.Error()+"). "+
				"Check the id: it is the trackAsin of the track's link, such as B08DL2BXQC.")
		return
	case err != nil:
		resp.Diagnostics.AddError("Unable to read track "+id,
			"The Amazon Music API could not read track "+id+" from the catalog: "+err.Error()+scopeHint(err, scopeCatalog))
		return
	}

	resp.Diagnostics.Append(state.fill(ctx, track)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if track.ID != id {
		tflog.Debug(ctx, "The API answered with another id for the track; the configured id stays the data source's id",
			map[string]interface{}{"response_track_id": track.ID})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// fill sets the state's computed attributes from the API's answer: null
// where the API left a value out.
func (m *TrackDataSourceModel) fill(ctx context.Context, track *amazonmusic.CatalogTrack) diag.Diagnostics {
	var diags diag.Diagnostics
	m.Title = types.StringPointerValue(track.Title)
	m.ISRC = types.StringPointerValue(track.ISRC)
	m.URL = types.StringPointerValue(track.URL)
	m.GlobalASIN = types.StringPointerValue(track.GlobalASIN)
	m.ShortTitle = types.StringPointerValue(track.ShortTitle)
	m.Duration = types.Int64PointerValue(track.Duration)
	m.ReleaseDate = types.StringPointerValue(track.ReleaseDate)

	var d diag.Diagnostics
	m.Album, d = albumValue(track.Album)
	diags.Append(d...)
	m.Artists, d = artistsValue(track.Artists)
	diags.Append(d...)

	m.AudioQualities = types.ListNull(types.StringType)
	if track.AudioQualities != nil {
		m.AudioQualities, d = types.ListValueFrom(ctx, types.StringType, track.AudioQualities)
		diags.Append(d...)
	}
	return diags
}
