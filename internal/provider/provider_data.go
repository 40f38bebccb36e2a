package provider

import (
	"context"
	"fmt"
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
	// halt ends the writes of the run once one met refused credentials or
	// an API gone away.
	halt writeHalt
	// recordings holds the ISRC of every track the run's searches found,
	// for the warning of amazonmusic_library_tracks about ids that are the
	// same recording.
	recordings recordingIndex
}

// firstCatalogRefusal reports whether this is the provider's first catalog
// read refused with 403, so that a run warns about it once.
func (d *providerData) firstCatalogRefusal() bool {
	return d.catalogRefused.CompareAndSwap(false, true)
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

// write sends one write of the provider through send: nothing is sent once
// ctx is done or the run's writes halted (see writeHalt), and a failure
// that halts them is recorded. Every write of the provider goes through
// here.
func (d *providerData) write(ctx context.Context, send func(context.Context) error) error {
	if err := d.halt.check(ctx); err != nil {
		return err
	}
	return d.halt.observe(send(ctx))
}

// libraryForListing returns the library cache, or, with drift detection
// off, a new one for a caller that reads the listing all the same: a query
// of the list resource, an import of the whole library.
func (d *providerData) libraryForListing() *libraryCache {
	if d.library != nil {
		return d.library
	}
	return newLibraryCache(d.client)
}
