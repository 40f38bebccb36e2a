package provider

import (
	"bytes"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// configureDriftDetection configures the provider for an emulator's
// credentials with drift_detection set to value (nil: not set) and the
// environment variable set to env.
func configureDriftDetection(t *testing.T, value any, env string) (*providerData, string) {
	t.Helper()
	clearProviderEnv(t)
	t.Setenv(EnvDriftDetection, env)
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"base_url":        tftypes.NewValue(tftypes.String, "http://127.0.0.1:1"),
		"api_key":         tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"access_token":    tftypes.NewValue(tftypes.String, emulator.DefaultAccessToken),
		"drift_detection": tftypes.NewValue(tftypes.Bool, value),
	})
	var errs []string
	for _, d := range resp.Diagnostics.Errors() {
		errs = append(errs, d.Summary()+": "+d.Detail())
	}
	if len(errs) > 0 {
		return nil, strings.Join(errs, "\n")
	}
	data, ok := resp.ResourceData.(*providerData)
	if !ok {
		t.Fatalf("ResourceData = %T, want *providerData", resp.ResourceData)
	}
	return data, ""
}

func TestConfigureDriftDetectionFromTheBlockTheEnvironmentOrTheDefault(t *testing.T) {
	for _, tt := range []struct {
		name  string
		value any
		env   string
		want  bool
	}{
		{"default", nil, "", true},
		{"block false", false, "", false},
		{"block true wins over the environment", true, "false", true},
		{"block false wins over the environment", false, "true", false},
		{"environment false", nil, "false", false},
		{"environment 0", nil, "0", false},
		{"environment TRUE", nil, "TRUE", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data, errs := configureDriftDetection(t, tt.value, tt.env)
			if errs != "" {
				t.Fatalf("Configure failed: %s", errs)
			}
			if got := data.library != nil; got != tt.want {
				t.Errorf("drift detection on = %t, want %t", got, tt.want)
			}
		})
	}
}

func TestConfigureRejectsABadDriftDetectionEnvironmentValue(t *testing.T) {
	_, errs := configureDriftDetection(t, nil, "maybe")
	if want := `Invalid Amazon Music drift detection setting: The ` + EnvDriftDetection + ` environment variable must be true or false, got "maybe".`; errs != want {
		t.Errorf("errors = %q, want %q", errs, want)
	}
}

func TestConfigureRejectsAnUnknownDriftDetection(t *testing.T) {
	clearProviderEnv(t)
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"api_key":         tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"access_token":    tftypes.NewValue(tftypes.String, emulator.DefaultAccessToken),
		"drift_detection": tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue),
	})
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 || errs[0].Summary() != "Unknown Amazon Music drift detection setting" {
		t.Fatalf("errors = %v, want one about the unknown drift detection setting", errs)
	}
	if p, ok := errs[0].(interface{ Path() path.Path }); !ok || !p.Path().Equal(path.Root("drift_detection")) {
		t.Errorf("the error is not on drift_detection: %v", errs[0])
	}
	if resp.ResourceData != nil {
		t.Errorf("ResourceData = %T after an error, want nil", resp.ResourceData)
	}
}

func TestListingDiagnosticsWarnOnlyForAnAccountWithoutTheListing(t *testing.T) {
	listing := &amazonmusic.APIError{StatusCode: http.StatusMethodNotAllowed, Method: http.MethodGet, Path: libraryListingPath}
	refused := &amazonmusic.APIError{StatusCode: http.StatusForbidden, Code: emulator.CodeInvalidAPIKey, Method: http.MethodGet, Path: "/v1/me/playlists"}
	catalog := &amazonmusic.APIError{StatusCode: http.StatusForbidden, Code: emulator.CodeInsufficientScope, Method: http.MethodGet, Path: catalogPath("B097S29G3W")}
	for _, tt := range []struct {
		name                string
		err                 error
		warnings, errs      int
		summary, detailPart string
	}{
		{"unavailable, first", &listingUnavailableError{err: listing, warn: true}, 1, 0, "Drift detection is off for this run", "HTTP 405"},
		{"unavailable, later", &listingUnavailableError{err: listing}, 0, 0, "", ""},
		{"credentials", &listingCredentialsError{refused: refused, listing: listing}, 0, 1, "Amazon Music refused the provider's credentials", "Check api_key"},
		{"catalog", &catalogReadError{id: "B097S29G3W", err: catalog}, 0, 1, "Unable to refresh x",
			"reading track B097S29G3W from the catalog, to learn which track id the API answers for it: GET /v1/tracks/B097S29G3W: HTTP 403 INSUFFICIENT_SCOPE (the catalog read needs the music::catalog scope)"},
		{"other", errors.New("boom"), 0, 1, "Unable to refresh x", "could not list the tracks saved in the library, which Terraform reads to check y: boom"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var diags diag.Diagnostics
			listingDiagnostics(t.Context(), tt.err, &diags, listingUse{summary: "Unable to refresh x", purpose: "check y"})
			if diags.WarningsCount() != tt.warnings || diags.ErrorsCount() != tt.errs {
				t.Fatalf("%d warnings, %d errors, want %d, %d: %v", diags.WarningsCount(), diags.ErrorsCount(), tt.warnings, tt.errs, diags)
			}
			if len(diags) == 1 && (diags[0].Summary() != tt.summary || !strings.Contains(diags[0].Detail(), tt.detailPart)) {
				t.Errorf("diagnostic %q: %q, want %q mentioning %q", diags[0].Summary(), diags[0].Detail(), tt.summary, tt.detailPart)
			}
		})
	}
}
