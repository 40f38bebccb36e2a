package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	_ datasource.DataSource              = (*TracksByISRCDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*TracksByISRCDataSource)(nil)
)

// TracksByISRCDataSource is the amazonmusic_tracks_by_isrc data source: the
// catalog track of each of many ISRCs, one search each.
type TracksByISRCDataSource struct {
	data *providerData
}

// tracksByISRCDataSourceModel maps the data source's configuration and
// state.
type tracksByISRCDataSourceModel struct {
	ISRCs    trackIDSetValue `tfsdk:"isrcs"`
	Tracks   types.Map       `tfsdk:"tracks"`
	NotFound types.Set       `tfsdk:"not_found"`
}

// isrcTrackAttrTypes are the attributes of an element of tracks.
var isrcTrackAttrTypes = map[string]attr.Type{
	"id":         types.StringType,
	"title":      types.StringType,
	"isrc":       types.StringType,
	"url":        types.StringType,
	"candidates": types.ListType{ElemType: types.StringType},
}

// NewTracksByISRCDataSource returns the amazonmusic_tracks_by_isrc data
// source.
func NewTracksByISRCDataSource() datasource.DataSource {
	return &TracksByISRCDataSource{}
}

// Metadata names the data source type.
func (d *TracksByISRCDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tracks_by_isrc"
}

// Schema describes the data source. tracks is a map of objects rather than
// a map nested attribute, as the tracks of amazonmusic_library_tracks are,
// for the thousands of elements it may hold; the page of the data source
// describes its attributes.
func (d *TracksByISRCDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds the catalog track of each of many ISRCs, one search each, up to the provider's " +
			"`max_concurrency` at once. Needs the `music::catalog` scope.",
		Attributes: map[string]schema.Attribute{
			"isrcs": schema.SetAttribute{
				MarkdownDescription: "International Standard Recording Codes to resolve, such as `GBCFB2000356`: " +
					"12 characters, uppercase, without hyphens.",
				// The set type of track_ids, whose checks take time in
				// proportion to the number of elements, not its square.
				CustomType:  newTrackIDSetType(),
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{
					setvalidator.NoNullValues(),
					isrcsValidator(),
				},
			},
			"tracks": schema.MapAttribute{
				MarkdownDescription: "Track found for each ISRC found, keyed by ISRC: its `id` (the first of `candidates`, " +
					"in the API's order of relevance), `title`, `isrc`, `url`, and `candidates`, every track id answered.",
				ElementType: types.ObjectType{AttrTypes: isrcTrackAttrTypes},
				Computed:    true,
			},
			"not_found": schema.SetAttribute{
				MarkdownDescription: "ISRCs of `isrcs` for which the catalog has no track.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

// Configure takes the provider's data.
func (d *TracksByISRCDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Read searches the tracks of each ISRC, at most the provider's
// max_concurrency at once, and records the ISRC of every track found for
// the run (see recordingIndex). Once the run is interrupted, or a search
// met refused credentials or an API gone away, no other search is sent;
// the failures are reported by cause, as those of a bulk apply.
func (d *TracksByISRCDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var state tracksByISRCDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var isrcs []string
	resp.Diagnostics.Append(state.ISRCs.ElementsAs(ctx, &isrcs, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	slices.Sort(isrcs)
	limit := d.data.concurrency()
	tflog.Debug(ctx, "Resolving ISRCs", map[string]interface{}{"isrcs": len(isrcs), "max_concurrency": limit})

	found := make([][]amazonmusic.CatalogTrack, len(isrcs))
	outcomes := make([]trackOutcome, len(isrcs))
	// The searches halt as the run's writes do (see writeHalt), on their
	// own: a refused search stops the other searches, not the writes.
	var halt writeHalt
	runEach(len(isrcs), limit, func(i int) {
		outcomes[i] = trackOutcome{trackJob: trackJob{id: isrcs[i], change: resolveChange}}
		if outcomes[i].err = halt.check(ctx); outcomes[i].err != nil {
			return
		}
		found[i], outcomes[i].err = d.data.client.SearchTracks(ctx, amazonmusic.TrackSearch{
			Filters:    []amazonmusic.SearchFilter{{Field: amazonmusic.SearchFieldISRC, Query: isrcs[i]}},
			MaxResults: amazonmusic.MaxPageSize,
		})
		outcomes[i].err = halt.observe(outcomes[i].err)
	})
	failures := failuresOf(outcomes)
	if len(failures) > 0 {
		failures.report(&resp.Diagnostics, path.Root("isrcs"), "", false)
		return
	}

	tracks := make(map[string]attr.Value, len(isrcs))
	notFound := []attr.Value{}
	for i, isrc := range isrcs {
		if len(found[i]) == 0 {
			notFound = append(notFound, types.StringValue(isrc))
			continue
		}
		var diags diag.Diagnostics
		tracks[isrc], diags = isrcTrackValue(isrc, found[i])
		resp.Diagnostics.Append(diags...)
		for _, t := range found[i] {
			// Found by its ISRC: the track has it, whether or not the
			// answer says so.
			d.data.recordings.record(t.ID, isrc)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	tflog.Info(ctx, "Resolved ISRCs", map[string]interface{}{"isrcs": len(isrcs), "not_found": len(notFound)})
	var diags diag.Diagnostics
	state.Tracks, diags = types.MapValue(types.ObjectType{AttrTypes: isrcTrackAttrTypes}, tracks)
	resp.Diagnostics.Append(diags...)
	state.NotFound, diags = types.SetValue(types.StringType, notFound)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// isrcTrackValue is the element of tracks of an ISRC whose search answered
// found (at least one track): the first track, in the API's order of
// relevance, with every id answered as its candidates. Its isrc is the one
// searched when the answer leaves it out.
func isrcTrackValue(isrc string, found []amazonmusic.CatalogTrack) (types.Object, diag.Diagnostics) {
	var diags diag.Diagnostics
	candidates := make([]attr.Value, len(found))
	for i, t := range found {
		candidates[i] = types.StringValue(t.ID)
	}
	list, d := types.ListValue(types.StringType, candidates)
	diags.Append(d...)
	first := found[0]
	answered := types.StringValue(isrc)
	if first.ISRC != nil {
		answered = types.StringValue(*first.ISRC)
	}
	value, d := types.ObjectValue(isrcTrackAttrTypes, map[string]attr.Value{
		"id":         types.StringValue(first.ID),
		"title":      types.StringPointerValue(first.Title),
		"isrc":       answered,
		"url":        types.StringPointerValue(first.URL),
		"candidates": list,
	})
	diags.Append(d...)
	return value, diags
}
