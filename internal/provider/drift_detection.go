package provider

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// EnvDriftDetection sets drift_detection when the provider block does not.
const EnvDriftDetection = "AMAZON_MUSIC_DRIFT_DETECTION"

// driftDetectionAttribute describes the provider's drift_detection setting.
func driftDetectionAttribute() schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: "Whether refreshing library tracks reads the listing of the library " +
			"(`GET /v1/me/library/tracks`, not in Amazon's published reference) to notice tracks removed outside " +
			"Terraform; an account without it gets a warning and no drift detection. Defaults to `true`, or `" +
			EnvDriftDetection + "`.",
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

// listingUnavailableError means that the account does not offer the listing
// of the library: the listing failed in a way that will not change on retry
// while a published endpoint accepted the same credentials (see
// libraryCache).
type listingUnavailableError struct {
	// err is the listing's answer: an *amazonmusic.APIError or an
	// *amazonmusic.ShapeError.
	err error
	// warn is true for the one call that should tell the user.
	warn bool
}

func (e *listingUnavailableError) Error() string {
	return "the API does not offer the listing of the library: " + e.reason()
}

func (e *listingUnavailableError) Unwrap() error { return e.err }

// reason names the listing's status, or the shape of its answer.
func (e *listingUnavailableError) reason() string {
	var shape *amazonmusic.ShapeError
	if errors.As(e.err, &shape) {
		return shape.Method + " " + shape.Path + " answered HTTP 200 without " + shape.Missing +
			", where the API's paged listings have their items"
	}
	return e.err.Error()
}

// listingCredentialsError means that the API refused the credentials: the
// listing answered 401, or the published endpoint checked after it answered
// 401 or 403.
type listingCredentialsError struct {
	// refused is the answer that refused the credentials.
	refused *amazonmusic.APIError
	// listing is the listing's own failure when refused is the check's.
	listing error
}

func (e *listingCredentialsError) Error() string {
	var b strings.Builder
	b.WriteString("the Amazon Music API refused the provider's credentials: ")
	b.WriteString(e.refused.Error())
	if e.listing != nil {
		b.WriteString(" (the listing of the library answered: " + e.listing.Error() + ")")
	}
	if e.refused.StatusCode == http.StatusUnauthorized {
		b.WriteString(". The access token is missing, wrong or expired. Access tokens expire after about an hour: " +
			"set refresh_token, client_id and client_secret so that the provider gets new ones, or give a fresh access_token")
	} else {
		b.WriteString(". Check api_key (" + EnvAPIKey + "): it must be the ID of a security profile that Amazon Music " +
			"enabled; and check that the access token was issued for that security profile with the music::library scope")
	}
	return b.String()
}

func (e *listingCredentialsError) Unwrap() error { return e.refused }

// listingCheckError is a listing that failed as for an account without it,
// while the check of the credentials failed for another reason (network,
// server error): whether the listing is offered is unknown.
type listingCheckError struct {
	listing, check error
}

func (e *listingCheckError) Error() string {
	return e.listing.Error() + "; checking the credentials with GET /v1/me/playlists failed too: " + e.check.Error()
}

func (e *listingCheckError) Unwrap() []error { return []error{e.listing, e.check} }

// listingDiagnostics reports a failed call of the library cache on diags
// and says whether the caller should keep its state as it is: when the
// account does not offer the listing it warns, once per provider instance,
// that drift detection is off, and returns true; refused credentials are an
// error naming the setting to fix; any other failure is an error with
// summary, saying that the listing is read to check what (such as "that
// track B08DL2BXQC is still saved").
func listingDiagnostics(ctx context.Context, err error, diags *diag.Diagnostics, summary, what string) bool {
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
		return true
	case errors.As(err, &refused):
		diags.AddError("Amazon Music refused the provider's credentials", refused.Error()+".")
	case errors.As(err, &catalog):
		diags.AddError(summary, "The Amazon Music API did not answer what Terraform reads to check "+what+": "+
			catalog.Error()+".")
	default:
		diags.AddError(summary,
			"The Amazon Music API could not list the tracks saved in the library, which Terraform reads to check "+
				what+": "+err.Error()+". "+
				"If this account's API does not offer the listing, set drift_detection = false in the provider configuration.")
	}
	return false
}
