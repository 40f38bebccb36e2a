package provider

import (
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// EnvDriftDetection sets drift_detection when the provider block does not.
const EnvDriftDetection = "AMAZON_MUSIC_DRIFT_DETECTION"

// driftDetectionAttribute describes the provider's drift_detection setting.
func driftDetectionAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether refreshing an `amazonmusic_library_track` checks that the track is still saved, " +
			"so that a track removed outside Terraform is saved again by the next apply. The provider lists the library " +
			"once per run (`GET /v1/me/library/tracks`, pages of up to 100 tracks) and answers every track's refresh from " +
			"that list. Defaults to `true`; can also be set with the `" + EnvDriftDetection + "` environment variable. " +
			"Set it to `false` for an account whose API does not offer the listing: refresh then makes no API call. " +
			"A listing answered `404` or `403` turns drift detection off for the rest of the run with a warning.",
		Optional: true,
	}
}

// driftDetectionSetting returns the configured drift_detection, else the
// environment variable's value, else true. A bad environment value is
// reported on diags.
func driftDetectionSetting(configured types.Bool, diags *diag.Diagnostics) bool {
	if !configured.IsNull() {
		return configured.ValueBool()
	}
	raw := strings.TrimSpace(os.Getenv(EnvDriftDetection))
	if raw == "" {
		return true
	}
	on, err := strconv.ParseBool(raw)
	if err != nil {
		diags.AddAttributeError(path.Root("drift_detection"), "Invalid Amazon Music drift detection setting",
			"The "+EnvDriftDetection+" environment variable must be true or false, got "+strconv.Quote(raw)+".")
		return true
	}
	return on
}
