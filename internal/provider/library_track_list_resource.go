package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ list.ListResource              = (*LibraryTrackListResource)(nil)
	_ list.ListResourceWithConfigure = (*LibraryTrackListResource)(nil)
)

// LibraryTrackListResource lists the tracks saved in the current user's
// library as amazonmusic_library_track resources, for `terraform query`.
type LibraryTrackListResource struct {
	data *providerData
}

// NewLibraryTrackListResource returns the amazonmusic_library_track list
// resource.
func NewLibraryTrackListResource() list.ListResource {
	return &LibraryTrackListResource{}
}

// Metadata names the list resource after the resource it lists.
func (r *LibraryTrackListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_library_track"
}

// ListResourceConfigSchema describes the list block's configuration: there
// is nothing to configure, every saved track is listed.
func (r *LibraryTrackListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists every track saved in the current user's Amazon Music library, each with its " +
			"identity and its title as display name, for `terraform query`. It takes no arguments.",
	}
}

// Configure takes the API client from the provider.
func (r *LibraryTrackListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// List walks the listing of the library once, in pages as large as the API
// grants (through the library cache, which drift detection reads too), and
// streams one result per saved track, in the listing's order, up to the
// limit Terraform asks for.
func (r *LibraryTrackListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	if r.data == nil {
		var diags diag.Diagnostics
		diags.AddError("Provider not configured",
			"The provider was asked to list library tracks before its configuration. "+
				"Please report this issue to the provider developers.")
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	tflog.Debug(ctx, "Listing the tracks saved in the library", map[string]interface{}{"limit": req.Limit})
	tracks, err := r.data.libraryForListing().all(ctx)
	if err != nil {
		var diags diag.Diagnostics
		listingDiagnostics(ctx, err, &diags, listingUse{
			summary: "Unable to list library tracks",
			purpose: "list the tracks it holds",
			instead: "Import them one by one instead, with an import block per track: identity = { track_id = \"<catalog id>\" }.",
		})
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	tflog.Debug(ctx, "Listed the tracks saved in the library", map[string]interface{}{"count": len(tracks)})
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range tracks {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			if !push(libraryTrackListResult(ctx, req, &tracks[i])) {
				return
			}
		}
	}
}

// libraryTrackListResult is the result of one listed track: its identity,
// its title as display name (its id when the listing gives no title) and,
// when Terraform asks for it, the resource as an import would read it from
// the listing.
func libraryTrackListResult(ctx context.Context, req list.ListRequest, t *amazonmusic.Track) list.ListResult {
	result := req.NewListResult(ctx)
	result.DisplayName = t.ID
	if t.Title != nil && *t.Title != "" {
		result.DisplayName = *t.Title
	}
	result.Diagnostics.Append(setTrackIdentity(ctx, result.Identity, t.ID)...)
	if req.IncludeResource {
		result.Diagnostics.Append(result.Resource.Set(ctx, LibraryTrackResourceModel{
			ID:           types.StringValue(t.ID),
			TrackID:      types.StringValue(t.ID),
			SavedTrackID: types.StringValue(answeredTrackID(*t)),
			Title:        types.StringPointerValue(t.Title),
			ISRC:         types.StringPointerValue(t.ISRC),
			URL:          types.StringPointerValue(t.URL),
		})...)
	}
	return result
}
