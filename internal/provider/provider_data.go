package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// providerData is what Configure hands to the resources, data sources and
// ephemeral resources: the API client and what they share through one
// provider instance (one Terraform run's plan or apply).
type providerData struct {
	client *amazonmusic.Client
	// library answers which tracks are saved, from one walk of the listing;
	// nil when drift detection is off.
	library *libraryCache
	// maxConcurrency is the provider's max_concurrency (see concurrency).
	maxConcurrency int
	// catalogRefused records that the API refused a catalog read of a
	// library track's details (see firstCatalogRefusal).
	catalogRefused atomic.Bool
}

// firstCatalogRefusal reports whether this is the provider's first catalog
// read refused with 403, so that a run warns about it once.
func (d *providerData) firstCatalogRefusal() bool {
	return d.catalogRefused.CompareAndSwap(false, true)
}

// isForbidden reports whether err is an API answer 403 (a missing scope or
// a refused API key).
func isForbidden(err error) bool {
	var apiErr *amazonmusic.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusForbidden
}

// newProviderData returns the data of a provider whose client is client;
// with driftDetection, Reads of library tracks consult the listing.
func newProviderData(client *amazonmusic.Client, driftDetection bool) *providerData {
	d := &providerData{client: client}
	if driftDetection {
		d.library = newLibraryCache(client)
	}
	return d
}

// providerDataFrom returns the provider data handed to a resource or data
// source (non-nil ProviderData), reporting on diags when data holds
// something else.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	d, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data type",
			fmt.Sprintf("Expected *provider.providerData, got: %T. Please report this issue to the provider developers.", data))
		return nil
	}
	return d
}

// saveTrack saves the track id to the library and keeps the library cache
// in step. Every save of the provider goes through here.
func (d *providerData) saveTrack(ctx context.Context, id string) (*amazonmusic.TrackSaveResult, error) {
	result, err := d.client.SaveTrack(ctx, id)
	if d.library != nil {
		switch {
		case err != nil:
			d.library.writeFailed()
		case result != nil:
			d.library.saved(id, result.Track)
		default:
			d.library.saved(id, nil)
		}
	}
	return result, err
}

// removeTrack removes the track id from the library and keeps the library
// cache in step. A track the API does not know (404) is not in the library
// either. Every removal of the provider goes through here.
func (d *providerData) removeTrack(ctx context.Context, id string) (*amazonmusic.TrackSaveResult, error) {
	result, err := d.client.RemoveTrack(ctx, id)
	if d.library != nil {
		switch {
		case err == nil, errors.Is(err, amazonmusic.ErrNotFound):
			d.library.removed(id)
		default:
			d.library.writeFailed()
		}
	}
	return result, err
}
