package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	_ datasource.DataSource              = (*PlaylistsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*PlaylistsDataSource)(nil)
)

// PlaylistsDataSource is the amazonmusic_playlists data source: the
// playlists the current user owns, every one or the first max_results.
type PlaylistsDataSource struct {
	client *amazonmusic.Client
}

// NewPlaylistsDataSource returns the amazonmusic_playlists data source.
func NewPlaylistsDataSource() datasource.DataSource {
	return &PlaylistsDataSource{}
}

// Metadata names the data source type.
func (d *PlaylistsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_playlists"
}

// Schema describes the data source.
func (d *PlaylistsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = playlistsSchema()
}

// playlistsSchema is the schema of amazonmusic_playlists.
func playlistsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the playlists the current Amazon Music user owns, in the order the API returns " +
			"them: every one, or the first `max_results`. Values the API leaves out of a playlist are null.",
		Attributes: map[string]schema.Attribute{
			"page_size": schema.Int64Attribute{
				MarkdownDescription: "How many playlists to ask for per API request, `" +
					strconv.Itoa(amazonmusic.MinPageSize) + "` to `" + strconv.Itoa(amazonmusic.MaxPageSize) +
					"`. Defaults to `" + strconv.Itoa(amazonmusic.DefaultPageSize) + "`. The same playlists are returned whatever its value.",
				Optional: true,
				Validators: []validator.Int64{
					int64validator.Between(amazonmusic.MinPageSize, amazonmusic.MaxPageSize),
				},
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: "Reads at most this many playlists (at least `1`), the first in the API's order, and asks " +
					"for no page beyond them. Leave it out to read every playlist.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.AtLeast(1)},
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

// playlistSchemaAttributes describes one element of playlists, which
// playlistModel maps.
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

// playlistsDataSourceModel maps the data source's configuration and state.
type playlistsDataSourceModel struct {
	PageSize   types.Int64  `tfsdk:"page_size"`
	MaxResults types.Int64  `tfsdk:"max_results"`
	UserID     types.String `tfsdk:"user_id"`
	Playlists  types.List   `tfsdk:"playlists"`
}

// playlistModel maps the attributes of one element of playlists, which
// amazonmusic_playlist shares (playlistSchemaAttributes).
type playlistModel struct {
	ID          types.String `tfsdk:"id"`
	Title       types.String `tfsdk:"title"`
	CuratorID   types.String `tfsdk:"curator_id"`
	Duration    types.Int64  `tfsdk:"duration"`
	TrackCount  types.Int64  `tfsdk:"track_count"`
	URL         types.String `tfsdk:"url"`
	Visibility  types.String `tfsdk:"visibility"`
	Images      types.List   `tfsdk:"images"`
	Eligibility types.Object `tfsdk:"eligibility"`
}

// The types of the values of playlists, which playlistSchemaAttributes
// describes.
var (
	imageAttrTypes = map[string]attr.Type{
		"url":        types.StringType,
		"image_type": types.StringType,
	}
	imageType = types.ObjectType{AttrTypes: imageAttrTypes}

	eligibilityAttrTypes = map[string]attr.Type{
		"can_play_on_demand":          types.BoolType,
		"shuffle_type":                types.StringType,
		"playback_subscription_tiers": types.ListType{ElemType: types.StringType},
		"is_downloadable":             types.BoolType,
		"is_purchaseable":             types.BoolType,
		"is_previewable":              types.BoolType,
		"is_prime_eligible":           types.BoolType,
	}

	playlistAttrTypes = map[string]attr.Type{
		"id":          types.StringType,
		"title":       types.StringType,
		"curator_id":  types.StringType,
		"duration":    types.Int64Type,
		"track_count": types.Int64Type,
		"url":         types.StringType,
		"visibility":  types.StringType,
		"images":      types.ListType{ElemType: imageType},
		"eligibility": types.ObjectType{AttrTypes: eligibilityAttrTypes},
	}
	playlistType = types.ObjectType{AttrTypes: playlistAttrTypes}
)

// newPlaylistModel maps a playlist the API answered: fields it left out are
// null, and a list it sent empty stays empty.
func newPlaylistModel(p *amazonmusic.Playlist) (playlistModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := playlistModel{
		ID:          types.StringValue(p.ID),
		Title:       types.StringPointerValue(p.Title),
		CuratorID:   types.StringNull(),
		Duration:    types.Int64PointerValue(p.Duration),
		TrackCount:  types.Int64PointerValue(p.TrackCount),
		URL:         types.StringPointerValue(p.URL),
		Visibility:  types.StringPointerValue(p.Visibility),
		Images:      types.ListNull(imageType),
		Eligibility: types.ObjectNull(eligibilityAttrTypes),
	}
	if p.Curator != nil {
		m.CuratorID = types.StringValue(p.Curator.ID)
	}
	if p.Images != nil {
		images := make([]attr.Value, len(p.Images))
		for i, img := range p.Images {
			obj, d := types.ObjectValue(imageAttrTypes, map[string]attr.Value{
				"url":        types.StringPointerValue(img.URL),
				"image_type": types.StringPointerValue(img.ImageType),
			})
			diags.Append(d...)
			images[i] = obj
		}
		var d diag.Diagnostics
		m.Images, d = types.ListValue(imageType, images)
		diags.Append(d...)
	}
	if p.Eligibility != nil {
		var d diag.Diagnostics
		m.Eligibility, d = eligibilityValue(p.Eligibility)
		diags.Append(d...)
	}
	return m, diags
}

// eligibilityValue maps a playlist's eligibility.
func eligibilityValue(e *amazonmusic.Eligibility) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics
	canPlayOnDemand, shuffleType := types.BoolNull(), types.StringNull()
	if e.Playback != nil {
		canPlayOnDemand = types.BoolPointerValue(e.Playback.CanPlayOnDemand)
		shuffleType = types.StringPointerValue(e.Playback.ShuffleType)
	}
	tiers := types.ListNull(types.StringType)
	if e.PlaybackSubscriptionTiers != nil {
		elems := make([]attr.Value, len(e.PlaybackSubscriptionTiers))
		for i, tier := range e.PlaybackSubscriptionTiers {
			elems[i] = types.StringValue(tier)
		}
		var d diag.Diagnostics
		tiers, d = types.ListValue(types.StringType, elems)
		diags.Append(d...)
	}
	obj, d := types.ObjectValue(eligibilityAttrTypes, map[string]attr.Value{
		"can_play_on_demand":          canPlayOnDemand,
		"shuffle_type":                shuffleType,
		"playback_subscription_tiers": tiers,
		"is_downloadable":             types.BoolPointerValue(e.IsDownloadable),
		"is_purchaseable":             types.BoolPointerValue(e.IsPurchaseable),
		"is_previewable":              types.BoolPointerValue(e.IsPreviewable),
		"is_prime_eligible":           types.BoolPointerValue(e.IsPrimeEligible),
	})
	diags.Append(d...)
	return obj, diags
}

// objectValue is m as an element of playlists.
func (m playlistModel) objectValue() (types.Object, diag.Diagnostics) {
	return types.ObjectValue(playlistAttrTypes, map[string]attr.Value{
		"id":          m.ID,
		"title":       m.Title,
		"curator_id":  m.CuratorID,
		"duration":    m.Duration,
		"track_count": m.TrackCount,
		"url":         m.URL,
		"visibility":  m.Visibility,
		"images":      m.Images,
		"eligibility": m.Eligibility,
	})
}

// newPlaylistsModel is the data source's state: the configured arguments,
// the user and the playlists in the API's order. The values are built
// directly rather than by reflection: a user may own many thousands of
// playlists.
func newPlaylistsModel(config playlistsDataSourceModel, userID string, playlists []amazonmusic.Playlist) (playlistsDataSourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := playlistsDataSourceModel{
		PageSize:   config.PageSize,
		MaxResults: config.MaxResults,
		UserID:     types.StringNull(),
		Playlists:  types.ListNull(playlistType),
	}
	if userID != "" {
		m.UserID = types.StringValue(userID)
	}
	elems := make([]attr.Value, len(playlists))
	for i := range playlists {
		p, d := newPlaylistModel(&playlists[i])
		diags.Append(d...)
		obj, d := p.objectValue()
		diags.Append(d...)
		elems[i] = obj
	}
	if diags.HasError() {
		return m, diags
	}
	var d diag.Diagnostics
	m.Playlists, d = types.ListValue(playlistType, elems)
	diags.Append(d...)
	return m, diags
}

// Read lists the playlists, every one or the first max_results, in pages
// of page_size.
func (d *PlaylistsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config playlistsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, arg := range []struct {
		name  string
		value types.Int64
	}{{"page_size", config.PageSize}, {"max_results", config.MaxResults}} {
		if arg.value.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(arg.name), "Unknown configuration value",
				"The "+arg.name+" of amazonmusic_playlists is not known yet: the data source can only be read with a "+
					"known "+arg.name+". Set it to a value known at plan time, or leave it out.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	size := amazonmusic.DefaultPageSize
	if !config.PageSize.IsNull() {
		size = int(config.PageSize.ValueInt64())
	}
	most := 0 // every playlist
	if !config.MaxResults.IsNull() {
		most = int(config.MaxResults.ValueInt64())
	}
	tflog.Debug(ctx, "Reading playlists", map[string]interface{}{"page_size": size, "max_results": most})

	userID, playlists, err := d.client.FirstPlaylists(ctx, size, most)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read playlists",
			"The Amazon Music API could not list the current user's playlists: "+err.Error())
		return
	}

	tflog.Debug(ctx, "Read playlists", map[string]interface{}{"count": len(playlists)})

	state, diags := newPlaylistsModel(config, userID, playlists)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
