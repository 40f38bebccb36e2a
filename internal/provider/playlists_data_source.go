package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ datasource.DataSource              = (*PlaylistsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*PlaylistsDataSource)(nil)
)

// PlaylistsDataSource is the amazonmusic_playlists data source: every
// playlist the current user owns.
type PlaylistsDataSource struct {
	client *amazonmusic.Client
}

// playlistsTypeName is the data source's type name.
const playlistsTypeName = "amazonmusic_playlists"

// NewPlaylistsDataSource returns the amazonmusic_playlists data source.
func NewPlaylistsDataSource() datasource.DataSource {
	return &PlaylistsDataSource{}
}

// Metadata names the data source type.
func (d *PlaylistsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = playlistsTypeName
}

// Schema describes the data source.
func (d *PlaylistsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = playlistsSchema()
}

// playlistsSchema is the schema of amazonmusic_playlists.
func playlistsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists every playlist the current Amazon Music user owns, in the order the API returns " +
			"them. Values the API leaves out of a playlist are null.",
		Attributes: map[string]schema.Attribute{
			"page_size": schema.Int64Attribute{
				MarkdownDescription: "How many playlists to ask for per API request, `" +
					strconv.Itoa(amazonmusic.MinPageSize) + "` to `" + strconv.Itoa(amazonmusic.MaxPageSize) +
					"`. Defaults to `" + strconv.Itoa(amazonmusic.DefaultPageSize) + "`. Every playlist is returned whatever its value.",
				Optional: true,
				Validators: []validator.Int64{
					int64validator.Between(amazonmusic.MinPageSize, amazonmusic.MaxPageSize),
				},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id of the current Amazon Music user.",
				Computed:            true,
			},
			"playlists": schema.ListNestedAttribute{
				MarkdownDescription: "The user's playlists, in the API's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: playlistSchemaAttributes(),
				},
			},
		},
	}
}

// playlistSchemaAttributes describes one element of playlists. It must match
// playlistAttrTypes.
func playlistSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "Id of the playlist.",
			Computed:            true,
		},
		"title": schema.StringAttribute{
			MarkdownDescription: "Title of the playlist.",
			Computed:            true,
		},
		"curator_id": schema.StringAttribute{
			MarkdownDescription: "Id of the user who curates the playlist.",
			Computed:            true,
		},
		"duration": schema.Int64Attribute{
			MarkdownDescription: "Total duration of the playlist's tracks, in seconds.",
			Computed:            true,
		},
		"track_count": schema.Int64Attribute{
			MarkdownDescription: "Number of tracks in the playlist.",
			Computed:            true,
		},
		"url": schema.StringAttribute{
			MarkdownDescription: "Amazon Music web page of the playlist.",
			Computed:            true,
		},
		"visibility": schema.StringAttribute{
			MarkdownDescription: "Who can see the playlist, such as `PRIVATE`.",
			Computed:            true,
		},
		"images": schema.ListNestedAttribute{
			MarkdownDescription: "Pictures of the playlist: null when the API lists none, empty when it lists an empty set.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"url": schema.StringAttribute{
						MarkdownDescription: "Address of the picture.",
						Computed:            true,
					},
					"image_type": schema.StringAttribute{
						MarkdownDescription: "Kind of picture, such as `PRIMARY`.",
						Computed:            true,
					},
				},
			},
		},
		"eligibility": schema.SingleNestedAttribute{
			MarkdownDescription: "What the current user may do with the playlist; null when the API does not say.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"can_play_on_demand": schema.BoolAttribute{
					MarkdownDescription: "Whether the user may play the playlist on demand.",
					Computed:            true,
				},
				"shuffle_type": schema.StringAttribute{
					MarkdownDescription: "How the playlist is shuffled, such as `INLINE`.",
					Computed:            true,
				},
				"playback_subscription_tiers": schema.ListAttribute{
					MarkdownDescription: "Subscription tiers that may play the playlist.",
					ElementType:         types.StringType,
					Computed:            true,
				},
				"is_downloadable": schema.BoolAttribute{
					MarkdownDescription: "Whether the playlist can be downloaded.",
					Computed:            true,
				},
				"is_purchaseable": schema.BoolAttribute{
					MarkdownDescription: "Whether the playlist can be purchased.",
					Computed:            true,
				},
				"is_previewable": schema.BoolAttribute{
					MarkdownDescription: "Whether the playlist can be previewed.",
					Computed:            true,
				},
				"is_prime_eligible": schema.BoolAttribute{
					MarkdownDescription: "Whether the playlist is part of Amazon Prime.",
					Computed:            true,
				},
			},
		},
	}
}

// Configure takes the API client from the provider.
func (d *PlaylistsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read lists every playlist. The provider's protocol server answers the
// read itself (see NewProtocol6Server); this is the same read, for a server
// of the framework alone.
func (d *PlaylistsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var pageSize types.Int64
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("page_size"), &pageSize)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state, diags := readPlaylistsState(ctx, d.client, pageSize.ValueInt64Pointer())
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	raw, err := state.Unmarshal(resp.State.Raw.Type())
	if err != nil {
		resp.Diagnostics.AddError(playlistsReadFailed, "Reading back the state of the playlists failed: "+err.Error())
		return
	}
	resp.State.Raw = raw
}
