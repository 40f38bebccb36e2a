package provider

import (
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// listTracks runs the list resource's List with limit against data and
// returns the results it pushes.
func listTracks(t *testing.T, data *providerData, limit int64, includeResource bool) []list.ListResult {
	t.Helper()
	ctx := t.Context()
	var schemaResp resource.SchemaResponse
	NewLibraryTrackResource().Schema(ctx, resource.SchemaRequest{}, &schemaResp)
	var identityResp resource.IdentitySchemaResponse
	(&LibraryTrackResource{}).IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &identityResp)
	r := &LibraryTrackListResource{data: data}
	var stream list.ListResultsStream
	r.List(ctx, list.ListRequest{
		Limit:                  limit,
		IncludeResource:        includeResource,
		ResourceSchema:         schemaResp.Schema,
		ResourceIdentitySchema: identityResp.IdentitySchema,
	}, &stream)
	var results []list.ListResult
	for result := range stream.Results {
		results = append(results, result)
	}
	return results
}

// The list resource pushes no more results than Terraform's limit asks for.
func TestLibraryTrackListResourceStopsAtTheLimit(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{CatalogSize: 5})
	em.AddToLibrary(generatedTrackIDs(5)...)
	if got := listTracks(t, data, 3, false); len(got) != 3 {
		t.Errorf("List with limit 3 pushed %d results", len(got))
	}
	if got := listTracks(t, data, 0, false); len(got) != 5 {
		t.Errorf("List without a limit pushed %d results, want the 5 saved tracks", len(got))
	}
	// The two lists read the one walk of the provider's library cache.
	if got := em.Count(http.MethodGet, libraryListingPath); got != 1 {
		t.Errorf("the listing was read %d times, want once", got)
	}
}

// A track the listing gives no title is displayed by its id, and its
// resource has a null title.
func TestLibraryTrackListResourceDisplaysAnUntitledTrackByItsID(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{})
	// An id the catalog does not know is listed with its id alone.
	em.AddToLibrary("B0ZZZZZZZZ")
	results := listTracks(t, data, 10, true)
	if len(results) != 1 {
		t.Fatalf("List pushed %d results, want 1", len(results))
	}
	r := results[0]
	if r.Diagnostics.HasError() {
		t.Fatalf("List: %v", r.Diagnostics)
	}
	if r.DisplayName != "B0ZZZZZZZZ" {
		t.Errorf("DisplayName = %q, want the track id", r.DisplayName)
	}
	var model LibraryTrackResourceModel
	if diags := r.Resource.Get(t.Context(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	if model.TrackID != types.StringValue("B0ZZZZZZZZ") || !model.Title.IsNull() {
		t.Errorf("resource = %+v, want track_id B0ZZZZZZZZ and a null title", model)
	}
	var identity libraryTrackIdentityModel
	if diags := r.Identity.Get(t.Context(), &identity); diags.HasError() || identity.TrackID.ValueString() != "B0ZZZZZZZZ" {
		t.Errorf("identity = %+v (%v), want track_id B0ZZZZZZZZ", identity, diags)
	}
}

// A listing that fails yields one result: an error that says why.
func TestLibraryTrackListResourceReportsAFailedListingOnce(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		opts        emulator.Options
		wantSummary string
	}{
		"refused credentials": {
			opts:        emulator.Options{AccessToken: "Atza|another-token"},
			wantSummary: "Amazon Music refused the provider's credentials",
		},
		"listing not offered": {
			opts:        emulator.Options{LibraryListingStatus: http.StatusNotFound},
			wantSummary: "The library listing is not available for this account",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, data := newTestProviderData(t, tt.opts)
			results := listTracks(t, data, 100, false)
			if len(results) != 1 || len(results[0].Diagnostics) != 1 || !results[0].Diagnostics.HasError() ||
				results[0].Diagnostics[0].Summary() != tt.wantSummary {
				t.Fatalf("List pushed %+v, want one result with the error %q", results, tt.wantSummary)
			}
		})
	}
}

// The resource of a listed track records the id the API answers for it, as
// an import of the track does: the track id of its url, also where the
// listing names the track by the id its save sent.
func TestLibraryTrackListResourceRecordsTheAnsweredID(t *testing.T) {
	t.Parallel()
	em, data := newTestProviderData(t, emulator.Options{ListingNames: emulator.ListingNamesSentID})
	// Asked for B097S29G3W, the API answers B097S185X9.
	em.AddToLibrary("B097S29G3W")
	results := listTracks(t, data, 10, true)
	if len(results) != 1 || results[0].Diagnostics.HasError() {
		t.Fatalf("List pushed %+v, want one track", results)
	}
	var model LibraryTrackResourceModel
	if diags := results[0].Resource.Get(t.Context(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	if model.TrackID.ValueString() != "B097S29G3W" || model.SavedTrackID.ValueString() != "B097S185X9" {
		t.Errorf("track_id = %s, saved_track_id = %s; want B097S29G3W, the id saved, and B097S185X9, the id answered",
			model.TrackID, model.SavedTrackID)
	}
}
