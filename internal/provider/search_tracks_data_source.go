package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	_ datasource.DataSource                     = (*SearchTracksDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*SearchTracksDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*SearchTracksDataSource)(nil)
)

// Bounds of max_results of amazonmusic_search_tracks.
const (
	defaultSearchResults = 100
	maxSearchResults     = 1000
)

// SearchTracksDataSource is the amazonmusic_search_tracks data source: the
// catalog's tracks that match a search, in the API's order.
type SearchTracksDataSource struct {
	data *providerData
}

// searchTracksDataSourceModel maps the data source's configuration and
// state.
type searchTracksDataSourceModel struct {
	Query      types.String `tfsdk:"query"`
	Name       types.String `tfsdk:"name"`
	ArtistName types.String `tfsdk:"artist_name"`
	AlbumName  types.String `tfsdk:"album_name"`
	ISRC       types.String `tfsdk:"isrc"`
	SortBy     types.String `tfsdk:"sort_by"`
	MaxResults types.Int64  `tfsdk:"max_results"`
	Tracks     types.List   `tfsdk:"tracks"`
}

// foundTrackAttrTypes are the attributes of an element of tracks.
var foundTrackAttrTypes = map[string]attr.Type{
	"id":           types.StringType,
	"title":        types.StringType,
	"isrc":         types.StringType,
	"url":          types.StringType,
	"duration":     types.Int64Type,
	"release_date": types.StringType,
	"album":        types.ObjectType{AttrTypes: trackAlbumAttrTypes},
	"artists":      types.ListType{ElemType: types.ObjectType{AttrTypes: trackArtistAttrTypes}},
}

// NewSearchTracksDataSource returns the amazonmusic_search_tracks data
// source.
func NewSearchTracksDataSource() datasource.DataSource {
	return &SearchTracksDataSource{}
}

// Metadata names the data source type.
func (d *SearchTracksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_search_tracks"
}

// searchFilterAttributes are the attributes that each add a filter to the
// search, with the API's field they filter on (empty: a match query).
var searchFilterAttributes = []struct {
	attribute, field string
}{
	{"query", ""},
	{"name", amazonmusic.SearchFieldName},
	{"artist_name", amazonmusic.SearchFieldArtistName},
	{"album_name", amazonmusic.SearchFieldAlbumName},
	{"isrc", amazonmusic.SearchFieldISRC},
}

// Schema describes the data source.
func (d *SearchTracksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Searches the Amazon Music catalog for tracks and returns them in the API's order, at most " +
			"`max_results`. Every filter set must match; at least one is required. Needs the `music::catalog` scope.",
		Attributes: map[string]schema.Attribute{
			"query": schema.StringAttribute{
				MarkdownDescription: "Words to find in the track's title, an artist's name or the album's title.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Words to find in the track's title.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"artist_name": schema.StringAttribute{
				MarkdownDescription: "Words to find in the name of one of the track's artists.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"album_name": schema.StringAttribute{
				MarkdownDescription: "Words to find in the title of the track's album.",
				Optional:            true,
				Validators:          nonEmpty,
			},
			"isrc": schema.StringAttribute{
				MarkdownDescription: "International Standard Recording Code of the tracks to find, such as `GBCFB2000356`: " +
					"one recording can be several catalog tracks, such as a single and an album edition.",
				Optional:   true,
				Validators: []validator.String{isrcValidator()},
			},
			"sort_by": schema.StringAttribute{
				MarkdownDescription: "Order of the results: `relevance` (the API's default), `release` (newest first), " +
					"`popularity` or `name`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(amazonmusic.SearchSortOrders...)},
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: "Most tracks to return, `1` to `" + strconv.Itoa(maxSearchResults) + "`; the search " +
					"asks for no page beyond them. Defaults to `" + strconv.Itoa(defaultSearchResults) + "`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxSearchResults)},
			},
			"tracks": schema.ListNestedAttribute{
				MarkdownDescription: "Tracks found, in the API's order; empty when none matches. Values the API leaves " +
					"out are null.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id":    schema.StringAttribute{MarkdownDescription: "Catalog id of the track.", Computed: true},
						"title": schema.StringAttribute{MarkdownDescription: "Title of the track.", Computed: true},
						"isrc": schema.StringAttribute{
							MarkdownDescription: "International Standard Recording Code of the track.",
							Computed:            true,
						},
						"url": schema.StringAttribute{MarkdownDescription: "Amazon Music web page of the track.", Computed: true},
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
					},
				},
			},
		},
	}
}

// ConfigValidators requires at least one filter.
func (d *SearchTracksDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	filters := make([]path.Expression, len(searchFilterAttributes))
	for i, f := range searchFilterAttributes {
		filters[i] = path.MatchRoot(f.attribute)
	}
	return []datasource.ConfigValidator{datasourcevalidator.AtLeastOneOf(filters...)}
}

// Configure takes the provider's data.
func (d *SearchTracksDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read runs the search, walking its pages until max_results or the last
// one, and records the ISRC of every track found for the run (see
// recordingIndex).
func (d *SearchTracksDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state searchTracksDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	search := amazonmusic.TrackSearch{
		SortBy:     state.SortBy.ValueString(),
		MaxResults: defaultSearchResults,
	}
	if !state.MaxResults.IsNull() {
		search.MaxResults = int(state.MaxResults.ValueInt64())
	}
	for _, f := range searchFilterAttributes {
		var value types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(f.attribute), &value)...)
		if !value.IsNull() {
			search.Filters = append(search.Filters, amazonmusic.SearchFilter{Field: f.field, Query: value.ValueString()})
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Debug(ctx, "Searching the catalog for tracks", map[string]interface{}{
		"filters": len(search.Filters), "max_results": search.MaxResults,
	})

	found, err := d.data.client.SearchTracks(ctx, search)
	if err != nil {
		resp.Diagnostics.AddError("Unable to search the catalog for tracks",
			"The Amazon Music API could not search the catalog: "+err.Error()+"."+scopeHint(err, scopeCatalog))
		return
	}
	values := make([]attr.Value, len(found))
	for i := range found {
		var diags diag.Diagnostics
		values[i], diags = foundTrackValue(&found[i])
		resp.Diagnostics.Append(diags...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	for _, t := range found {
		if t.ISRC != nil {
			d.data.recordings.record(t.ID, *t.ISRC)
		}
	}
	var diags diag.Diagnostics
	state.Tracks, diags = types.ListValue(types.ObjectType{AttrTypes: foundTrackAttrTypes}, values)
	resp.Diagnostics.Append(diags...)
	tflog.Debug(ctx, "Searched the catalog for tracks", map[string]interface{}{"tracks": len(found)})
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// foundTrackValue is the element of tracks of a track found: null where the
// API left a value out.
func foundTrackValue(t *amazonmusic.CatalogTrack) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics
	album, d := albumValue(t.Album)
	diags.Append(d...)
	artists, d := artistsValue(t.Artists)
	diags.Append(d...)
	value, d := types.ObjectValue(foundTrackAttrTypes, map[string]attr.Value{
		"id":           types.StringValue(t.ID),
		"title":        types.StringPointerValue(t.Title),
		"isrc":         types.StringPointerValue(t.ISRC),
		"url":          types.StringPointerValue(t.URL),
		"duration":     types.Int64PointerValue(t.Duration),
		"release_date": types.StringPointerValue(t.ReleaseDate),
		"album":        album,
		"artists":      artists,
	})
	diags.Append(d...)
	return value, diags
}
