package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
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

// The tests below drive plan and destroy through the Terraform CLI against
// accounts whose listing of the library (not in Amazon's published
// reference) fails: drift detection turns off with one warning when the
// credentials work, and refused credentials are errors, never warnings.

const driftWarning = "Warning: Drift detection is off for this run"

// bothResourcesConfig renders a provider block for the emulator at url,
// whose credentials come from the environment (see credentialsEnv), with
// ids[:2] as amazonmusic_library_track.test[0..1] and the rest as
// amazonmusic_library_tracks.test.
func bothResourcesConfig(url string, ids []string) string {
	return providerBlock(url, "", "") + libraryTracksConfig(ids[:2]) + bulkTracksConfig(ids[2:])
}

// credentialsEnv sets the provider's credentials to the emulator's.
var credentialsEnv = []string{EnvAPIKey + "=" + emulator.DefaultAPIKey, EnvAccessToken + "=" + emulator.DefaultAccessToken}

// checkOneDriftWarning fails the test unless out warns exactly once that
// drift detection is off, naming reason. Terraform folds warnings of the
// same summary into one, adding "(and N more similar warnings
// elsewhere)": that may not appear either.
func checkOneDriftWarning(t *testing.T, what, out, reason string) {
	t.Helper()
	if n := strings.Count(out, driftWarning); n != 1 || strings.Contains(out, "more similar warning") {
		t.Errorf("%s warned %d times that drift detection is off, want once:\n%s", what, n, out)
	}
	for _, want := range []string{reason, "published API reference", "drift_detection = false"} {
		if !errorText(want).MatchString(out) {
			t.Errorf("%s: the warning does not say %q:\n%s", what, want, out)
		}
	}
}

func TestAccDriftDetection_accountWithoutTheListingWarnsOnceThroughPlanAndDestroy(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	pluginDir := buildProvider(t, repositoryRoot(t))
	ids := generatedTrackIDs(4)
	for _, refusal := range listingRefusals {
		t.Run(refusal.name, func(t *testing.T) {
			t.Parallel()
			opts := refusal.opts
			opts.CatalogSize = len(ids)
			em, url := startEmulator(t, opts)
			cli := newTerraformCLI(t, pluginDir, bothResourcesConfig(url, ids), credentialsEnv...)
			cli.mustRun(nil, "apply", "-auto-approve", "-input=false")

			// Removed outside Terraform, unnoticed: the state is kept.
			em.RemoveFromLibrary(ids[0], ids[2])
			em.ResetCounts()
			code, out := planExitCode(t, cli)
			if code != 0 {
				t.Errorf("the plan is not empty:\n%s", out)
			}
			checkOneDriftWarning(t, "the plan", out, refusal.reason)
			// One listing request, one check of the credentials, and then
			// drift detection is off for the run.
			if err := expectRequests(em, http.MethodGet, libraryListingPath, 1); err != nil || em.Total() != 2 ||
				em.Count(http.MethodGet, "/v1/me/playlists") != 1 {
				t.Errorf("%v (%d requests in all): want the listing and one GET /v1/me/playlists", err, em.Total())
			}
			if keys := cli.state().libraryTrackKeys("test"); len(keys) != 2 {
				t.Errorf("the state holds %d amazonmusic_library_track after the plan, want 2", len(keys))
			}

			// Terraform does not show the warnings of the refresh that
			// precedes a destroy: the destroy goes on, reading the listing
			// once, as the plan did.
			em.ResetCounts()
			out = cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
			if n := strings.Count(out, driftWarning); n > 1 {
				t.Errorf("the destroy warned %d times that drift detection is off:\n%s", n, out)
			}
			if n := em.CountMethod(http.MethodDelete); n != len(ids) || em.Count(http.MethodGet, libraryListingPath) != 1 {
				t.Errorf("the destroy sent %d DELETE and %d listing requests, want %d and 1", n, em.Count(http.MethodGet, libraryListingPath), len(ids))
			}
			if got := em.Library(); len(got) != 0 {
				t.Errorf("library after destroy holds %v", got)
			}
		})
	}
}

func TestAccDriftDetection_refusedCredentialsFailPlanAndDestroy(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	pluginDir := buildProvider(t, repositoryRoot(t))
	ids := generatedTrackIDs(4)
	const wrongKey = "amzn1.application-oa2-client.wrong"
	for _, tt := range []struct {
		name string
		// refuse makes the emulator refuse what the provider sends from now
		// on, and returns the environment of the refused runs and what
		// undoes it.
		refuse func(em *emulator.Emulator) (env []string, restore func())
		want   []string
		checks int
		// once is advice the output must give exactly once.
		once string
	}{
		{
			name: "wrong api key",
			refuse: func(*emulator.Emulator) ([]string, func()) {
				return []string{EnvAPIKey + "=" + wrongKey}, func() {}
			},
			want:   []string{"HTTP 403 INVALID_API_KEY", "Check api_key (" + EnvAPIKey + ")", "music::library scope"},
			checks: 1,
		},
		{
			name: "expired access token",
			refuse: func(em *emulator.Emulator) ([]string, func()) {
				em.SetAccessToken("Atza|a-token-the-provider-does-not-have")
				return nil, func() { em.SetAccessToken("") }
			},
			want: []string{"HTTP 401 INVALID_ACCESS_TOKEN", "Access tokens expire after about an hour"},
			once: "Access tokens expire after about an hour",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{CatalogSize: len(ids), LibraryListingStatus: http.StatusNotFound})
			cli := newTerraformCLI(t, pluginDir, bothResourcesConfig(url, ids), credentialsEnv...)
			cli.mustRun(nil, "apply", "-auto-approve", "-input=false")

			env, restore := tt.refuse(em)
			for _, command := range [][]string{{"plan", "-input=false"}, {"destroy", "-auto-approve", "-input=false"}} {
				em.ResetCounts()
				out, err := cli.run(env, command...)
				want := errorText(append([]string{"Error: Amazon Music refused the provider's credentials"}, tt.want...)...)
				if err == nil || !want.MatchString(out) || strings.Contains(out, driftWarning) || strings.Contains(out, wrongKey) {
					t.Errorf("terraform %s: err %v; want an error matching %s, no warning, no credential:\n%s", command[0], err, want, out)
				}
				if n := strings.Count(strings.Join(strings.Fields(out), " "), tt.once); tt.once != "" && n != 1 {
					t.Errorf("terraform %s: the advice %q is given %d times, want once:\n%s", command[0], tt.once, n, out)
				}
				if err := checkNoWrites(em); err != nil {
					t.Errorf("terraform %s: %v", command[0], err)
				}
				if err := expectRequests(em, http.MethodGet, "/v1/me/playlists", tt.checks); err != nil {
					t.Errorf("terraform %s: %v", command[0], err)
				}
			}
			if got := em.Library(); len(got) != len(ids) {
				t.Errorf("library holds %v after the refused destroy, want the %d tracks", got, len(ids))
			}
			restore()
			cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
			if got := em.Library(); len(got) != 0 {
				t.Errorf("library after destroy holds %v", got)
			}
		})
	}
}

// stateObjects returns v, a list of JSON objects of a state file, failing
// the test when it is something else.
func stateObjects(t *testing.T, v any) []map[string]any {
	t.Helper()
	list, ok := v.([]any)
	if !ok {
		t.Fatalf("the state holds %T where a list was expected", v)
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		if out[i], ok = e.(map[string]any); !ok {
			t.Fatalf("the state holds %T where an object was expected", e)
		}
	}
	return out
}

// dropSavedTrackIDs removes saved_track_id from every library track of the
// state file at path, as a state written before it existed.
func dropSavedTrackIDs(t *testing.T, path string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]any
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	dropped := 0
	for _, r := range stateObjects(t, state["resources"]) {
		for _, inst := range stateObjects(t, r["instances"]) {
			attrs, _ := inst["attributes"].(map[string]any)
			if _, ok := attrs["saved_track_id"]; ok {
				delete(attrs, "saved_track_id")
				dropped++
			}
			tracks, _ := attrs["tracks"].(map[string]any)
			for _, track := range tracks {
				if track, ok := track.(map[string]any); ok {
					delete(track, "saved_track_id")
					dropped++
				}
			}
		}
	}
	if dropped == 0 {
		t.Fatal("the state holds no saved_track_id to drop")
	}
	raw, err = json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestAccLibraryTrackIDs_stateWithoutSavedTrackIDRefreshesWithoutChanges(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	// B097S29G3W and generated track 0 answer as other ids, under which
	// the listing names them.
	ids := []string{"B097S29G3W", "B08DL2BXQC", emulator.TrackID(0), emulator.TrackID(1)}
	em, url := startEmulator(t, emulator.Options{CatalogSize: 2, AliasEvery: 2})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), bothResourcesConfig(url, ids), credentialsEnv...)
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	dropSavedTrackIDs(t, cli.statePath())

	em.ResetCounts()
	if code, out := planExitCode(t, cli); code != 0 {
		t.Errorf("the plan of a state without saved_track_id is not empty:\n%s", out)
	}
	if err := checkNoWrites(em); err != nil {
		t.Error(err)
	}
	cli.mustRun(nil, "apply", "-refresh-only", "-auto-approve", "-input=false")
	raw, err := os.ReadFile(cli.statePath())
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"B097S185X9", emulator.AliasTrackID(0)} {
		if !strings.Contains(string(raw), `"saved_track_id": "`+id+`"`) {
			t.Errorf("the refreshed state does not record saved_track_id %s:\n%s", id, raw)
		}
	}
	cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if got := em.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v", got)
	}
}
