package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// EnvDriftDetection sets drift_detection when the provider block does not.
const EnvDriftDetection = "AMAZON_MUSIC_DRIFT_DETECTION"

// driftDetectionAttribute describes the provider's drift_detection setting.
func driftDetectionAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether refreshing library tracks reads the listing of the library to notice tracks " +
			"removed outside Terraform. Defaults to `true`; can also be set with the `" + EnvDriftDetection +
			"` environment variable.",
		Optional: true,
	}
}

// driftDetectionSetting returns the configured drift_detection, else the
// environment variable's value, else true. A bad environment value is
// reported on diags.
func driftDetectionSetting(configured types.Bool, diags *diag.Diagnostics) bool {
	return envSetting[bool]{
		attribute: "drift_detection", env: EnvDriftDetection,
		summary: "Invalid Amazon Music drift detection setting",
		want:    "true or false",
		parse:   parseBool,
	}.resolve(configured.ValueBool(), configured.IsNull(), true, diags)
}

// listingDiagnostics reports a failed call of the library cache on diags.
// When the account does not offer the listing it warns, once per provider
// instance, that drift detection is off: the caller then keeps its state as
// it is. Refused credentials are an error naming the setting to fix; any
// other failure is an error with summary, saying that the listing is read
// to check what (such as "that track B08DL2BXQC is still saved").
func listingDiagnostics(ctx context.Context, err error, diags *diag.Diagnostics, summary, what string) {
	var unavailable *listingUnavailableError
	var refused *listingCredentialsError
	var catalog *catalogReadError
	switch {
	case errors.As(err, &unavailable):
		tflog.Debug(ctx, "The API does not offer the listing of the library; keeping the state",
			map[string]interface{}{"error": unavailable.reason()})
		if unavailable.warn {
			diags.AddWarning("Drift detection is off for this run",
				"The Amazon Music API does not offer this account the listing of the tracks saved in the library "+
					"(GET /v1/me/library/tracks, which is not in Amazon's published API reference): "+unavailable.reason()+
					". It accepts the provider's credentials (GET /v1/me/playlists succeeded), so Terraform keeps the state "+
					"of the library tracks as it is and cannot notice tracks removed from the library outside Terraform. "+
					"Set drift_detection = false in the provider configuration, or "+EnvDriftDetection+"=false, "+
					"to skip the listing and this warning.")
		}
	case errors.As(err, &refused):
		diags.AddError("Amazon Music refused the provider's credentials", refused.diagnostic()+".")
	case errors.As(err, &catalog):
		diags.AddError(summary, "The Amazon Music API did not answer what Terraform reads to check "+what+": "+
			catalog.Error()+".")
	default:
		diags.AddError(summary,
			"The Amazon Music API could not list the tracks saved in the library, which Terraform reads to check "+
				what+": "+err.Error()+". "+
				"If this account's API does not offer the listing, set drift_detection = false in the provider configuration.")
	}
}
