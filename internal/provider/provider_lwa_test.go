package provider

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// tokenURL is the emulator's token endpoint at baseURL.
func tokenURL(baseURL string) string {
	return baseURL + emulator.TokenPath
}

// tokenRequests is how many token requests em received.
func tokenRequests(em *emulator.Emulator) int {
	return em.Count(http.MethodPost, emulator.TokenPath)
}

// providerBlockWith renders an amazonmusic provider block with string
// arguments in the given order; empty values are left out.
func providerBlockWith(args ...[2]string) string {
	var b strings.Builder
	b.WriteString("provider \"amazonmusic\" {\n")
	for _, kv := range args {
		if kv[1] != "" {
			fmt.Fprintf(&b, "  %s = %q\n", kv[0], kv[1])
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// refreshProviderBlock renders a provider block for the emulator at baseURL
// that uses the refresh flow with the emulator's default credentials, but
// for the arguments in overrides.
func refreshProviderBlock(baseURL string, overrides map[string]string) string {
	args := [][2]string{
		{"base_url", baseURL},
		{"api_key", emulator.DefaultAPIKey},
		{"client_id", emulator.DefaultClientID},
		{"client_secret", emulator.DefaultClientSecret},
		{"refresh_token", emulator.DefaultRefreshToken},
		{"token_url", tokenURL(baseURL)},
	}
	for i, kv := range args {
		if v, ok := overrides[kv[0]]; ok {
			args[i][1] = v
		}
	}
	return providerBlockWith(args...)
}

// checkTokenRequests checks that the emulator received want token requests.
func checkTokenRequests(em *emulator.Emulator, want int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		return expectRequests(em, http.MethodPost, emulator.TokenPath, want)
	}
}

func TestAccProvider_refreshFlowFromTheProviderBlockSavesAndRemovesATrack(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config: refreshProviderBlock(url, nil) + libraryTrackConfig("B08DL2BXQC"),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkLibrary(em, "B08DL2BXQC"),
				// The plan before it made no request: the apply asked once.
				checkTokenRequests(em, 1),
			),
		}},
	})
}

func TestAccProvider_refreshFlowFromTheEnvironmentSavesAndRemovesATrack(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	t.Setenv(EnvBaseURL, url)
	t.Setenv(EnvAPIKey, emulator.DefaultAPIKey)
	t.Setenv(EnvClientID, emulator.DefaultClientID)
	t.Setenv(EnvClientSecret, emulator.DefaultClientSecret)
	t.Setenv(EnvRefreshToken, emulator.DefaultRefreshToken)
	t.Setenv(EnvTokenURL, tokenURL(url))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config: `provider "amazonmusic" {}` + libraryTrackConfig("B08DL2BXQC"),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkLibrary(em, "B08DL2BXQC"),
				checkTokenRequests(em, 1),
			),
		}},
	})
}

func TestAccProvider_wrongClientSecretFailsClearlyWithoutRevealingSecrets(t *testing.T) {
	clearProviderEnv(t)
	const wrongSecret = "wrong-client-secret-visible-nowhere-0123"
	em, url := startEmulator(t, emulator.Options{})
	err := testAccCaptureError(t, resource.TestStep{
		Config: refreshProviderBlock(url, map[string]string{"client_secret": wrongSecret}) + libraryTrackConfig("B08DL2BXQC"),
	})
	want := errorText("Unable to save track B08DL2BXQC to the library",
		"obtaining an access token: the Login with Amazon token endpoint answered HTTP 401 invalid_client",
		"check the client ID and client secret")
	if !want.MatchString(err.Error()) {
		t.Errorf("error does not match %s:\n%s", want, err)
	}
	for _, secret := range []string{wrongSecret, emulator.DefaultRefreshToken, emulator.DefaultClientSecret} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error output contains the secret %q:\n%s", secret, err)
		}
	}
	if n := em.CountMethod(http.MethodPut); n != 0 {
		t.Errorf("emulator received %d PUT requests, want none without an access token", n)
	}
	if n := tokenRequests(em); n == 0 {
		t.Error("emulator received no token request")
	}
}

func TestAccProvider_conflictingCredentialsFailAtPlanTimeWithoutRequests(t *testing.T) {
	clearProviderEnv(t)
	tests := []struct {
		name        string
		extra       [][2]string
		conflicting string
	}{
		{"access token and refresh token", [][2]string{
			{"access_token", emulator.DefaultAccessToken},
			{"refresh_token", emulator.DefaultRefreshToken},
		}, "refresh_token"},
		{"access token and client credentials", [][2]string{
			{"access_token", emulator.DefaultAccessToken},
			{"client_id", emulator.DefaultClientID},
			{"client_secret", emulator.DefaultClientSecret},
		}, "client_id, client_secret"},
		{"access token and token URL", [][2]string{
			{"access_token", emulator.DefaultAccessToken},
			{"token_url", "https://api.amazon.com/auth/o2/token"},
		}, "token_url"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			em, url := startEmulator(t, emulator.Options{})
			config := providerBlockWith(append([][2]string{
				{"base_url", url}, {"api_key", emulator.DefaultAPIKey},
			}, tt.extra...)...)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PlanOnly: true,
					Config:   config + libraryTrackConfig("B08DL2BXQC"),
					ExpectError: errorText("Conflicting Amazon Music credentials",
						"access_token cannot be set together with "+tt.conflicting+" in the provider configuration",
						"Choose one way to authenticate"),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

func TestCredentialsValidatorReportsAccessTokenBesideRefreshSettings(t *testing.T) {
	t.Parallel()
	str := func(v string) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	tests := []struct {
		name   string
		values map[string]tftypes.Value
		want   string // empty: no error
	}{
		{"access token alone", map[string]tftypes.Value{"access_token": str("t")}, ""},
		{"refresh settings alone", map[string]tftypes.Value{"refresh_token": str("r"), "client_id": str("i"), "token_url": str("https://x")}, ""},
		{"refresh token alone, the rest may come from the environment", map[string]tftypes.Value{"refresh_token": str("r")}, ""},
		{"access token and refresh token", map[string]tftypes.Value{"access_token": str("t"), "refresh_token": str("r")}, "refresh_token"},
		{"access token and every refresh setting", map[string]tftypes.Value{
			"access_token": str("t"), "refresh_token": str("r"), "client_id": str("i"), "client_secret": str("s"), "token_url": str("https://x"),
		}, "refresh_token, client_id, client_secret, token_url"},
		{"access token unknown", map[string]tftypes.Value{"access_token": unknown, "refresh_token": str("r")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			var schemaResp provider.SchemaResponse
			New("test")().Schema(ctx, provider.SchemaRequest{}, &schemaResp)
			objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
			if !ok {
				t.Fatalf("provider schema type is %T, want an object", schemaResp.Schema.Type().TerraformType(ctx))
			}
			attrs := make(map[string]tftypes.Value, len(objType.AttributeTypes))
			for name, typ := range objType.AttributeTypes {
				attrs[name] = tftypes.NewValue(typ, nil)
				if v, ok := tt.values[name]; ok {
					attrs[name] = v
				}
			}
			req := provider.ValidateConfigRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, attrs)}}
			var resp provider.ValidateConfigResponse
			credentialsValidator{}.ValidateProvider(ctx, req, &resp)

			if tt.want == "" {
				if resp.Diagnostics.HasError() {
					t.Errorf("errors %v, want none", resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("got %v, want one error", resp.Diagnostics)
			}
			d := resp.Diagnostics.Errors()[0]
			if diagPath(d) != "access_token" || d.Summary() != conflictingCredentialsSummary ||
				!strings.Contains(d.Detail(), "access_token cannot be set together with "+tt.want+" in the provider configuration") {
				t.Errorf("error on %q: %s: %s; want it on access_token naming %s", diagPath(d), d.Summary(), d.Detail(), tt.want)
			}
		})
	}
}

func TestAccProvider_incompleteRefreshSettingsNameWhatIsMissingAndItsVariable(t *testing.T) {
	tests := []struct {
		name   string
		config [][2]string
		env    map[string]string
		want   []string
	}{
		{
			name:   "refresh token alone in the configuration",
			config: [][2]string{{"refresh_token", emulator.DefaultRefreshToken}},
			want: []string{
				"Missing Amazon Music client ID",
				"because refresh_token (from the provider configuration) is set, which also needs the client ID",
				"Set the client_id attribute in the provider configuration or the " + EnvClientID + " environment variable",
				"Missing Amazon Music client secret",
				"Set the client_secret attribute in the provider configuration or the " + EnvClientSecret + " environment variable",
			},
		},
		{
			name: "client secret missing from the environment",
			env:  map[string]string{EnvRefreshToken: emulator.DefaultRefreshToken, EnvClientID: emulator.DefaultClientID},
			want: []string{
				"Missing Amazon Music client secret",
				"because refresh_token (from the " + EnvRefreshToken + " environment variable), client_id (from the " + EnvClientID + " environment variable) are set",
				"Set the client_secret attribute in the provider configuration or the " + EnvClientSecret + " environment variable",
			},
		},
		{
			name:   "client credentials without refresh token",
			config: [][2]string{{"client_id", emulator.DefaultClientID}},
			env:    map[string]string{EnvClientSecret: emulator.DefaultClientSecret},
			want: []string{
				"Missing Amazon Music refresh token",
				"Set the refresh_token attribute in the provider configuration or the " + EnvRefreshToken + " environment variable",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearProviderEnv(t)
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			em, url := startEmulator(t, emulator.Options{})
			config := providerBlockWith(append([][2]string{{"base_url", url}, {"api_key", emulator.DefaultAPIKey}}, tt.config...)...)
			err := testAccCaptureError(t, resource.TestStep{PlanOnly: true, Config: config + libraryTrackConfig("B08DL2BXQC")})
			for _, w := range tt.want {
				if !errorText(w).MatchString(err.Error()) {
					t.Errorf("error does not say %q:\n%s", w, err)
				}
			}
			for _, secret := range []string{emulator.DefaultRefreshToken, emulator.DefaultClientSecret} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error output contains the secret %q:\n%s", secret, err)
				}
			}
			expectNoRequests(t, em)
		})
	}
}

func TestAccProvider_bothWaysInTheEnvironmentIsAnError(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	t.Setenv(EnvBaseURL, url)
	t.Setenv(EnvAPIKey, emulator.DefaultAPIKey)
	t.Setenv(EnvAccessToken, emulator.DefaultAccessToken)
	t.Setenv(EnvRefreshToken, emulator.DefaultRefreshToken)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PlanOnly: true,
			Config:   `provider "amazonmusic" {}` + libraryTrackConfig("B08DL2BXQC"),
			ExpectError: errorText("Conflicting Amazon Music credentials",
				"Both "+EnvAccessToken+" and "+EnvRefreshToken+" are set in the environment",
				"Choose one way to authenticate"),
		}},
	})
	expectNoRequests(t, em)
}

func TestAccProvider_theWayChosenInTheConfigurationWinsOverTheEnvironment(t *testing.T) {
	t.Run("refresh settings in the configuration, access token in the environment", func(t *testing.T) {
		clearProviderEnv(t)
		em, url := startEmulator(t, emulator.Options{})
		t.Setenv(EnvAccessToken, "Atza|wrong-token-that-would-fail")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             checkLibraryEmpty(em),
			Steps: []resource.TestStep{{
				Config: refreshProviderBlock(url, nil) + libraryTrackConfig("B08DL2BXQC"),
				Check:  resource.ComposeAggregateTestCheckFunc(checkLibrary(em, "B08DL2BXQC"), checkTokenRequests(em, 1)),
			}},
		})
	})
	t.Run("access token in the configuration, refresh settings in the environment", func(t *testing.T) {
		clearProviderEnv(t)
		em, url := startEmulator(t, emulator.Options{})
		t.Setenv(EnvRefreshToken, "Atzr|wrong-refresh-token-that-would-fail")
		t.Setenv(EnvClientID, "wrong-client")
		t.Setenv(EnvClientSecret, "wrong-secret")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			CheckDestroy:             checkLibraryEmpty(em),
			Steps: []resource.TestStep{{
				Config: providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + libraryTrackConfig("B08DL2BXQC"),
				Check:  resource.ComposeAggregateTestCheckFunc(checkLibrary(em, "B08DL2BXQC"), checkTokenRequests(em, 0)),
			}},
		})
	})
}

func TestAccProvider_noCredentialsMentionsBothWays(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PlanOnly: true,
			Config:   providerBlock(url, emulator.DefaultAPIKey, "") + libraryTrackConfig("B08DL2BXQC"),
			ExpectError: errorText("Missing Amazon Music access token",
				"Set the access_token attribute in the provider configuration or the "+EnvAccessToken+" environment variable",
				"Or let the provider obtain access tokens itself: set refresh_token, client_id and client_secret",
				"(or "+EnvRefreshToken+", "+EnvClientID+" and "+EnvClientSecret+")"),
		}},
	})
	expectNoRequests(t, em)
}

func TestAccProvider_rejectsBadTokenURLs(t *testing.T) {
	t.Run("in the configuration, at plan time", func(t *testing.T) {
		clearProviderEnv(t)
		em, url := startEmulator(t, emulator.Options{})
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				PlanOnly: true,
				Config: providerBlockWith(
					[2]string{"base_url", url}, [2]string{"api_key", emulator.DefaultAPIKey},
					[2]string{"refresh_token", emulator.DefaultRefreshToken}, [2]string{"client_id", emulator.DefaultClientID},
					[2]string{"client_secret", emulator.DefaultClientSecret}, [2]string{"token_url", "http://example.com/auth/o2/token"},
				) + libraryTrackConfig("B08DL2BXQC"),
				ExpectError: errorText("Invalid Login with Amazon token URL", "The token_url value cannot be used: it must use https"),
			}},
		})
		expectNoRequests(t, em)
	})
	t.Run("in the environment", func(t *testing.T) {
		clearProviderEnv(t)
		em, url := startEmulator(t, emulator.Options{})
		t.Setenv(EnvTokenURL, "https://api.amazon.com/auth/o2/token?debug=1")
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{{
				PlanOnly: true,
				Config: providerBlockWith(
					[2]string{"base_url", url}, [2]string{"api_key", emulator.DefaultAPIKey},
					[2]string{"refresh_token", emulator.DefaultRefreshToken}, [2]string{"client_id", emulator.DefaultClientID},
					[2]string{"client_secret", emulator.DefaultClientSecret},
				) + libraryTrackConfig("B08DL2BXQC"),
				ExpectError: errorText("Invalid Login with Amazon token URL",
					"The "+EnvTokenURL+" environment variable cannot be used: it must not have a query string"),
			}},
		})
		expectNoRequests(t, em)
	})
}

// bulkTrackIDs are the catalog ids of the long apply.
func bulkTrackIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

// TestAccProvider_applyOutlivingSeveralAccessTokensSucceeds saves 50 tracks,
// with for_each over their catalog ids, in one apply while access tokens
// live 2 seconds and every request takes 600 ms. The provider replaces a
// token when a quarter of its life is left, so one token serves requests
// started within 1.5 s of asking for it; with Terraform's 10 parallel
// operations, each starts at most two 600 ms requests in that window, 20
// per token: 50 saves need at least three tokens, however fast the machine.
//
// The Terraform CLI is driven directly, with the provider binary:
// terraform-plugin-testing cannot read the state of resources created with
// for_each over strings.
func TestAccProvider_applyOutlivingSeveralAccessTokensSucceeds(t *testing.T) {
	skipUnlessAcceptance(t)
	const tracks = 50
	em, url := startEmulator(t, emulator.Options{
		CatalogSize:   tracks,
		TokenLifetime: 2 * time.Second,
		Latency:       600 * time.Millisecond,
	})
	ids := bulkTrackIDs(tracks)
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	config := `terraform {
  required_providers {
    amazonmusic = {
      source = "amazonmusic-community/amazonmusic"
    }
  }
}

` + refreshProviderBlock(url, nil) + `
resource "amazonmusic_library_track" "bulk" {
  for_each = toset([` + strings.Join(quoted, ", ") + `])
  track_id = each.value
}
`
	work := t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	tf := terraformBinary(t)
	env := devOverrideEnv(t, buildProvider(t, repositoryRoot(t)))
	for _, name := range []string{EnvBaseURL, EnvAPIKey, EnvAccessToken, EnvMaxRetries, EnvRefreshToken, EnvClientID, EnvClientSecret, EnvTokenURL} {
		env = append(env, name+"=")
	}

	began := time.Now()
	out, err := runTerraform(t, tf, env, work, "apply", "-auto-approve", "-input=false", "-no-color")
	elapsed := time.Since(began)
	if err != nil {
		t.Fatalf("terraform apply failed after %s: %v\n%s", elapsed.Round(time.Millisecond), err, out)
	}
	tokens, puts := tokenRequests(em), em.CountMethod(http.MethodPut)
	t.Logf("apply took %s: %d token requests, %d PUT requests for %d tracks", elapsed.Round(time.Millisecond), tokens, puts, tracks)
	if got := em.Library(); !slices.Equal(got, ids) {
		t.Errorf("library after apply holds %d tracks, want the %d of the configuration", len(got), tracks)
	}
	if tokens < 3 {
		t.Errorf("emulator received %d token requests during the apply, want at least 3", tokens)
	}
	if puts < tracks {
		t.Errorf("emulator received %d PUT requests, want at least %d", puts, tracks)
	}
	for _, unwanted := range []string{"401", emulator.CodeInvalidAccessToken, "Error", emulator.DefaultClientSecret, emulator.DefaultRefreshToken} {
		if strings.Contains(out, unwanted) {
			t.Errorf("terraform apply output contains %q:\n%s", unwanted, out)
		}
	}

	em.SetLatency(0)
	if out, err := runTerraform(t, tf, env, work, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform destroy failed: %v\n%s", err, out)
	}
	if got := em.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %d tracks, want none", len(got))
	}
}

func TestConfigureWithRefreshSettingsLogsNoSecret(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"base_url":      tftypes.NewValue(tftypes.String, url),
		"api_key":       tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"client_id":     tftypes.NewValue(tftypes.String, emulator.DefaultClientID),
		"client_secret": tftypes.NewValue(tftypes.String, emulator.DefaultClientSecret),
		"refresh_token": tftypes.NewValue(tftypes.String, emulator.DefaultRefreshToken),
		"token_url":     tftypes.NewValue(tftypes.String, tokenURL(url)),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*providerData)
	if !ok || data.client == nil {
		t.Fatalf("ResourceData = %T, want *providerData with a client", resp.ResourceData)
	}
	client := data.client
	// The client logs with the logger of the call's context, as an RPC's is.
	ctx := tflogtest.RootLogger(t.Context(), &logs)
	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	em.ExpireAccessTokens()
	if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack after the token expired: %v", err)
	}
	if n := tokenRequests(em); n != 2 {
		t.Errorf("token requests = %d, want 2", n)
	}

	out := logs.String()
	for _, want := range []string{"obtained an access token from Login with Amazon", "Login with Amazon refresh token", "the API refused the access token"} {
		if !strings.Contains(out, want) {
			t.Errorf("logs lack %q:\n%s", want, out)
		}
	}
	for _, secret := range []string{emulator.DefaultAPIKey, emulator.DefaultClientSecret, emulator.DefaultRefreshToken, "Atza|"} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain the secret %q:\n%s", secret, out)
		}
	}
}

func TestConfigureReportsUnknownRefreshSettingsOnTheirAttributes(t *testing.T) {
	clearProviderEnv(t)
	var logs bytes.Buffer
	unknown := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"api_key":       tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"client_id":     unknown,
		"client_secret": unknown,
		"refresh_token": unknown,
		"token_url":     unknown,
	})
	want := map[string]string{
		"client_id":     EnvClientID,
		"client_secret": EnvClientSecret,
		"refresh_token": EnvRefreshToken,
		"token_url":     EnvTokenURL,
	}
	got := map[string]string{}
	for _, d := range resp.Diagnostics.Errors() {
		got[diagPath(d)] = d.Summary() + ": " + d.Detail()
	}
	if len(got) != len(want) {
		t.Errorf("errors on %d attributes, want %d: %v", len(got), len(want), resp.Diagnostics)
	}
	for attr, env := range want {
		if !strings.HasPrefix(got[attr], "Unknown Amazon Music ") || !strings.Contains(got[attr], env) {
			t.Errorf("error on %s = %q, want an unknown-value error naming %s", attr, got[attr], env)
		}
	}
}

func TestConfigureWarnsThatATokenURLBesideAStaticTokenIsUnused(t *testing.T) {
	clearProviderEnv(t)
	t.Setenv(EnvAccessToken, emulator.DefaultAccessToken)
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"api_key":   tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"token_url": tftypes.NewValue(tftypes.String, amazonmusic.DefaultTokenURL),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 || diagPath(warnings[0]) != "token_url" || warnings[0].Summary() != "Unused Login with Amazon token URL" ||
		!strings.Contains(warnings[0].Detail(), "the "+EnvAccessToken+" environment variable") {
		t.Errorf("warnings = %v, want one on token_url saying the static token from %s is used", warnings, EnvAccessToken)
	}
	if resp.ResourceData == nil {
		t.Error("no client was configured")
	}
}

func TestTFLogAdapterIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	// A context with a field, as the framework sets them, and masks already,
	// as Configure's has: tflog masks the context's fields in place on every
	// message, so 20 goroutines logging through it directly would write one
	// map together (go test -race reports it). The adapter adds its masks
	// first, which copies the fields, so it needs no lock: run with -race.
	ctx := maskSecrets(tflog.SetField(tflogtest.RootLogger(t.Context(), &syncWriter{w: &buf}), "tf_rpc", "ApplyResourceChange"), "other-secret")
	logger := newTFLogAdapter("s3cret-value")

	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			for j := range 50 {
				logger.Debug(ctx, "sending request", "attempt", j, "worker", i, "header", "s3cret-value", "other", "other-secret")
			}
		})
	}
	wg.Wait()
	if n := strings.Count(buf.String(), "sending request"); n != 20*50 {
		t.Errorf("%d messages logged, want %d", n, 20*50)
	}
	if strings.Contains(buf.String(), "s3cret-value") || strings.Contains(buf.String(), "other-secret") {
		t.Error("a message holds a masked value")
	}
	if n := strings.Count(buf.String(), `"tf_rpc":"ApplyResourceChange"`); n != 20*50 {
		t.Errorf("%d messages carry the context's field, want %d", n, 20*50)
	}
}

// syncWriter serializes writes to w.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
