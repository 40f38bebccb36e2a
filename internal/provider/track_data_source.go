package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
	ID    types.String `tfsdk:"id"`
	Title types.String `tfsdk:"title"`
	ISRC  types.String `tfsdk:"isrc"`
	URL   types.String `tfsdk:"url"`
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
		MarkdownDescription: "Reads a track of the Amazon Music catalog by its id (`GET /v1/tracks/{id}`), whether or " +
			"not it is saved in the library. Values the API leaves out are null. The API may answer with another " +
			"edition of the track (asked for `B097S29G3W`, it can describe `B097S185X9`): `id` stays the one configured, " +
			"and `url` names the edition answered.",
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
			"The Amazon Music API could not read track "+id+" from the catalog: "+err.Error())
		return
	}

	state.Title = types.StringPointerValue(track.Title)
	state.ISRC = types.StringPointerValue(track.ISRC)
	state.URL = types.StringPointerValue(track.URL)
	if track.ID != id {
		tflog.Debug(ctx, "The API answered with another id for the track; the configured id stays the data source's id",
			map[string]interface{}{"response_track_id": track.ID})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
