package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// driftDetectionAttribute describes the provider's drift_detection setting.
func driftDetectionAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether refreshing library tracks reads the listing of the library to notice tracks " +
			"removed outside Terraform. Defaults to `true`; can also be set with the `" + EnvDriftDetection +
			"` environment variable.",
		Optional: true,
	}
}

// listingUse says what a caller read the listing of the library for, to
// word the diagnostics of its failure.
type listingUse struct {
	// summary is the summary of an error, such as "Unable to refresh
	// library track B08DL2BXQC".
	summary string
	// purpose completes "which Terraform reads to ...", such as "check that
	// track B08DL2BXQC is still saved".
	purpose string
	// instead is what to do when the account does not offer the listing,
	// which is then an error; empty when the caller goes on without it,
	// keeping its state, with one warning per run that drift detection is
	// off.
	instead string
}

// listingDiagnostics reports a failed call of the library cache on diags,
// for use. When the account does not offer the listing it warns, once per
// provider instance, that drift detection is off, or fails saying what to
// do instead (see listingUse). Refused credentials are an error naming the
// setting to fix; any other failure is an error with use's summary.
func listingDiagnostics(ctx context.Context, err error, diags *diag.Diagnostics, use listingUse) {
	var unavailable *listingUnavailableError
	var refused *listingCredentialsError
	var catalog *catalogReadError
	switch {
	case errors.As(err, &unavailable):
		tflog.Debug(ctx, "The API does not offer the listing of the library", map[string]interface{}{"error": unavailable.reason()})
		offered := "The Amazon Music API does not offer this account the listing of the tracks saved in the library " +
			"(GET /v1/me/library/tracks, which is not in Amazon's published API reference): " + unavailable.reason() +
			". It accepts the provider's credentials (GET /v1/me/playlists succeeded), "
		switch {
		case use.instead != "":
			diags.AddError("The library listing is not available for this account",
				offered+"so Terraform cannot read the listing to "+use.purpose+". "+use.instead)
		case unavailable.warn:
			diags.AddWarning("Drift detection is off for this run",
				offered+"so Terraform keeps the state of the library tracks as it is and cannot notice tracks removed "+
					"from the library outside Terraform. Set drift_detection = false in the provider configuration, or "+
					EnvDriftDetection+"=false, to skip the listing and this warning.")
		}
	case errors.As(err, &refused):
		diags.AddError("Amazon Music refused the provider's credentials", refused.diagnostic()+".")
	case errors.As(err, &catalog):
		diags.AddError(use.summary, "The Amazon Music API did not answer what Terraform reads to "+use.purpose+": "+
			catalog.Error()+".")
	default:
		detail := "The Amazon Music API could not list the tracks saved in the library, which Terraform reads to " +
			use.purpose + ": " + err.Error() + "."
		if use.instead == "" {
			detail += " If this account's API does not offer the listing, set drift_detection = false in the provider configuration."
		}
		diags.AddError(use.summary, detail)
	}
}
