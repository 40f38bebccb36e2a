package provider

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestCheckBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		wantErr string // empty: accepted
	}{
		{raw: "https://api.music.amazon.dev"},
		{raw: "https://api.music.amazon.dev/"},
		{raw: "https://proxy.example.com:8443/amazon-music"},
		{raw: "HTTPS://api.music.amazon.dev"},
		{raw: "http://localhost:8080"},
		{raw: "http://LOCALHOST"},
		{raw: "http://127.0.0.1:41234"},
		{raw: "http://127.1.2.3"},
		{raw: "http://[::1]:8080/"},
		{raw: "https://[2001:db8::1]"},
		{raw: "http://example.com", wantErr: "must use https"},
		{raw: "http://api.music.amazon.dev", wantErr: "must use https"},
		{raw: "http://localhost.example.com", wantErr: "must use https"},
		{raw: "http://128.0.0.1", wantErr: "must use https"},
		{raw: "http://[::2]", wantErr: "must use https"},
		{raw: "http://0.0.0.0", wantErr: "must use https"},
		{raw: "not a url", wantErr: "must be an absolute URL"},
		{raw: "api.music.amazon.dev", wantErr: "must be an absolute URL"},
		{raw: "//api.music.amazon.dev", wantErr: "must be an absolute URL"},
		{raw: "https:api.music.amazon.dev", wantErr: "must be an absolute URL"},
		{raw: "", wantErr: "must be an absolute URL"},
		{raw: "https://", wantErr: "must name a host"},
		{raw: "https:///v1", wantErr: "must name a host"},
		{raw: "https://:443", wantErr: "must name a host"},
		{raw: "ftp://api.music.amazon.dev", wantErr: `scheme must be "https"`},
		{raw: "https://api.music.amazon.dev?x=1", wantErr: "must not have a query"},
		{raw: "https://api.music.amazon.dev/?", wantErr: "must not have a query"},
		{raw: "https://api.music.amazon.dev#top", wantErr: "must not have a fragment"},
		{raw: "https://api.music.amazon.dev/#", wantErr: "must not have a fragment"},
		{raw: "https://user:s3cret@api.music.amazon.dev", wantErr: "must not carry user information"},
		{raw: "https://api.music.amazon.dev:port", wantErr: "not a valid URL"},
		{raw: "https://api.music.amazon.dev/v1", wantErr: "must not end in /v1: the provider adds /v1 to every request itself, so leave it out, as in https://api.music.amazon.dev"},
		{raw: "https://api.music.amazon.dev/v1/", wantErr: "must not end in /v1"},
		{raw: "https://api.music.amazon.dev/V1", wantErr: "must not end in /v1"},
		{raw: "http://127.0.0.1:8080/proxy/v1", wantErr: "must not end in /v1"},
		{raw: "https://proxy.example.com/v1beta"},
		{raw: "https://proxy.example.com/v1/music"},
		{raw: "https://exa mple.com", wantErr: "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			t.Parallel()
			err := checkBaseURL(tt.raw)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("checkBaseURL(%q) = %v, want nil", tt.raw, err)
			case tt.wantErr != "" && err == nil:
				t.Fatalf("checkBaseURL(%q) = nil, want an error containing %q", tt.raw, tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Fatalf("checkBaseURL(%q) = %q, want it to contain %q", tt.raw, err, tt.wantErr)
			}
			if err != nil && strings.Contains(err.Error(), "s3cret") {
				t.Errorf("checkBaseURL(%q) repeats the password: %q", tt.raw, err)
			}
		})
	}
}

func TestUserAgentNamesProviderVersionRegistryAndTerraform(t *testing.T) {
	t.Parallel()
	p := &AmazonMusicProvider{version: "1.2.3"}
	got := p.userAgent("1.11.4")
	want := "terraform-provider-amazonmusic/1.2.3 (+https://registry.terraform.io/providers/amazonmusic-community/amazonmusic) Terraform/1.11.4"
	if got != want {
		t.Errorf("userAgent = %q, want %q", got, want)
	}
}

func TestLogFieldsPairsKeysAndValues(t *testing.T) {
	t.Parallel()
	got := logFields([]interface{}{"method", "PUT", 7, "seven", "dangling"})
	want := map[string]interface{}{"method": "PUT", "7": "seven", extraValueKey: "dangling"}
	if len(got) != len(want) {
		t.Fatalf("logFields = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("logFields[%q] = %v, want %v", k, got[k], v)
		}
	}
}

func TestTFLogAdapterMasksSecretsInMessagesAndFields(t *testing.T) {
	t.Parallel()
	const apiKey, token = "key-0123456789", "Atza|token-0123456789"
	var buf bytes.Buffer
	// The context of a call, as the framework hands it to a resource: its
	// own logger and fields, and none of the provider's masks.
	ctx := tflog.SetField(tflogtest.RootLogger(t.Context(), &buf), "tf_rpc", "ReadResource")
	logger := newTFLogAdapter(apiKey, token)

	logger.Warn(ctx, "retrying after "+token, "header", "Bearer "+token, "api_key", "anything", "status", 503)
	logger.Warn(ctx, "giving up", "x-api-key", apiKey)
	logger.Info(ctx, "plain", "path", "/v1/me/playlists")
	logger.Debug(ctx, "debug", "n", 1)

	out := buf.String()
	for _, secret := range []string{apiKey, token, "anything"} {
		if strings.Contains(out, secret) {
			t.Errorf("log output contains %q:\n%s", secret, out)
		}
	}
	if n := strings.Count(out, `"tf_rpc":"ReadResource"`); n != 4 {
		t.Errorf("%d messages carry the call's fields, want 4:\n%s", n, out)
	}
	for _, want := range []string{`"@level":"warn"`, `"@level":"info"`, `"@level":"debug"`, `"status":503`, "/v1/me/playlists"} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %s:\n%s", want, out)
		}
	}
}

func TestConfigureHandsOneClientToResourcesAndDataSourcesAndLogsNoSecret(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"base_url":     tftypes.NewValue(tftypes.String, url),
		"api_key":      tftypes.NewValue(tftypes.String, emulator.DefaultAPIKey),
		"access_token": tftypes.NewValue(tftypes.String, emulator.DefaultAccessToken),
		"max_retries":  tftypes.NewValue(tftypes.Number, 1),
	})
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure: %v", resp.Diagnostics)
	}
	data, ok := resp.ResourceData.(*providerData)
	if !ok || data == nil || data.client == nil || resp.DataSourceData != resp.ResourceData {
		t.Fatalf("ResourceData = %T, DataSourceData = %T: want the same *providerData with a client", resp.ResourceData, resp.DataSourceData)
	}
	if data.library == nil {
		t.Error("drift detection is on by default, but the provider data has no library cache")
	}
	client := data.client

	// A retried request makes the client log through the adapter, with the
	// logger of the call's context, as an RPC's is.
	em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusTooManyRequests, RetryAfter: "0"})
	if _, err := client.SaveTrack(tflogtest.RootLogger(t.Context(), &logs), "B08DL2BXQC"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if err := expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 2); err != nil {
		t.Error(err, "(max_retries = 1 allows one retry)")
	}

	out := logs.String()
	if !strings.Contains(out, "Configured Amazon Music API client") {
		t.Errorf("logs lack the configuration message:\n%s", out)
	}
	if !strings.Contains(out, `"status":429`) {
		t.Errorf("logs lack the client's message about the 429 answer:\n%s", out)
	}
	for _, secret := range []string{emulator.DefaultAPIKey, emulator.DefaultAccessToken} {
		if strings.Contains(out, secret) {
			t.Errorf("logs contain the secret %q:\n%s", secret, out)
		}
	}
}

func TestConfigureReportsEveryUnknownValueOnItsAttribute(t *testing.T) {
	clearProviderEnv(t)
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"base_url":     tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"api_key":      tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"access_token": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"max_retries":  tftypes.NewValue(tftypes.Number, tftypes.UnknownValue),
	})
	want := map[string]string{
		"base_url":     EnvBaseURL,
		"api_key":      EnvAPIKey,
		"access_token": EnvAccessToken,
		"max_retries":  EnvMaxRetries,
	}
	if n := resp.Diagnostics.ErrorsCount(); n != len(want) {
		t.Fatalf("got %d errors, want %d: %v", n, len(want), resp.Diagnostics)
	}
	for _, d := range resp.Diagnostics.Errors() {
		if !strings.HasPrefix(d.Summary(), "Unknown Amazon Music ") {
			t.Errorf("summary %q does not say the value is unknown", d.Summary())
		}
	}
	for attr, env := range want {
		found := false
		for _, d := range resp.Diagnostics.Errors() {
			if strings.Contains(d.Detail(), env) && diagPath(d) == attr {
				found = true
			}
		}
		if !found {
			t.Errorf("no error on %s naming %s: %v", attr, env, resp.Diagnostics)
		}
	}
	if resp.ResourceData != nil {
		t.Errorf("ResourceData = %T, want nil after errors", resp.ResourceData)
	}
}

func TestConfigureTreatsBlankCredentialsAsMissing(t *testing.T) {
	clearProviderEnv(t)
	var logs bytes.Buffer
	resp := configureProvider(t, &logs, map[string]tftypes.Value{
		"api_key":      tftypes.NewValue(tftypes.String, "  "),
		"access_token": tftypes.NewValue(tftypes.String, "\t"),
	})
	got := map[string]string{}
	for _, d := range resp.Diagnostics.Errors() {
		got[diagPath(d)] = d.Summary()
	}
	want := map[string]string{
		"api_key":      "Missing Amazon Music API key",
		"access_token": "Missing Amazon Music access token",
	}
	if len(got) != len(want) || got["api_key"] != want["api_key"] || got["access_token"] != want["access_token"] {
		t.Errorf("errors by attribute = %v, want %v", got, want)
	}
}

func TestAccProvider_rejectsBadBaseURLsAtPlanTime(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ baseURL, want string }{
		{"http://example.com", "must use https"},
		{"not a url", "must be an absolute URL"},
		{"https://api.music.amazon.dev?debug=1", "must not have a query string"},
		{"https://api.music.amazon.dev/v1", "must not end in /v1"},
	} {
		t.Run(tt.baseURL, func(t *testing.T) {
			t.Parallel()
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					// A plan of a new resource makes no request, whatever
					// the base URL.
					PlanOnly:    true,
					Config:      providerBlock(tt.baseURL, "key", "token") + libraryTrackConfig("B08DL2BXQC"),
					ExpectError: errorText("Invalid Amazon Music API base URL", "The base_url value cannot be used: it "+tt.want),
				}},
			})
		})
	}
}

func TestAccProvider_rejectsMaxRetriesOutOfRangeAtPlanTime(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ value, want string }{
		{"-1", "max_retries value must be between 0 and 20, got: -1"},
		{"1000000", "max_retries value must be between 0 and 20, got: 1000000"},
	} {
		t.Run(tt.value, func(t *testing.T) {
			t.Parallel()
			em, url := startEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PlanOnly: true,
					Config: `
provider "amazonmusic" {
  base_url     = "` + url + `"
  api_key      = "` + emulator.DefaultAPIKey + `"
  access_token = "` + emulator.DefaultAccessToken + `"
  max_retries  = ` + tt.value + `
}
` + libraryTrackConfig("B08DL2BXQC"),
					ExpectError: errorText(tt.want),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

// testAccCaptureError runs steps, which must fail, and returns their error.
func testAccCaptureError(t *testing.T, steps ...resource.TestStep) error {
	t.Helper()
	var got error
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		ErrorCheck: func(err error) error {
			got = err
			return nil
		},
		Steps: steps,
	})
	if got == nil {
		t.Fatal("expected an error, got none")
	}
	return got
}

func TestAccProvider_missingCredentialNamesAttributeAndVariableWithoutSecrets(t *testing.T) {
	const apiKey, token = "key-visible-nowhere-0123", "Atza|token-visible-nowhere-0123"
	tests := []struct {
		name           string
		apiKey, token  string
		attribute, env string
		presentSecret  string
		wantSummary    string
	}{
		{name: "api_key", token: token, attribute: "api_key", env: EnvAPIKey, presentSecret: token,
			wantSummary: "Missing Amazon Music API key"},
		{name: "access_token", apiKey: apiKey, attribute: "access_token", env: EnvAccessToken, presentSecret: apiKey,
			wantSummary: "Missing Amazon Music access token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearProviderEnv(t)
			em, url := startEmulator(t, emulator.Options{})
			err := testAccCaptureError(t, resource.TestStep{
				Config: providerBlock(url, tt.apiKey, tt.token) + libraryTrackConfig("B08DL2BXQC"),
			})
			want := errorText(tt.wantSummary,
				"Set the "+tt.attribute+" attribute in the provider configuration or the "+tt.env+" environment variable")
			if !want.MatchString(err.Error()) {
				t.Errorf("error does not match %s:\n%s", want, err)
			}
			if strings.Contains(err.Error(), tt.presentSecret) {
				t.Errorf("error output contains the configured secret:\n%s", err)
			}
			expectNoRequests(t, em)
		})
	}
}

func TestAccProvider_readsEverySettingFromTheEnvironment(t *testing.T) {
	em, url := startEmulator(t, emulator.Options{})
	t.Setenv(EnvBaseURL, url)
	t.Setenv(EnvAPIKey, emulator.DefaultAPIKey)
	t.Setenv(EnvAccessToken, emulator.DefaultAccessToken)
	t.Setenv(EnvMaxRetries, "0")
	config := `provider "amazonmusic" {}` + libraryTrackConfig("B08DL2BXQC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{
			{
				// With AMAZON_MUSIC_MAX_RETRIES=0 a 503 is not retried.
				PreConfig: func() {
					em.InjectFaults(emulator.Fault{Method: http.MethodPut, Status: http.StatusServiceUnavailable})
				},
				Config:      config,
				ExpectError: errorText("Unable to save track B08DL2BXQC to the library"),
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(libraryTrackAddress, tfjsonpath.New("title"), knownvalue.StringExact("Kane Train")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					checkLibrary(em, "B08DL2BXQC"),
					func(*terraform.State) error {
						return expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 2)
					},
				),
			},
		},
	})
}

func TestAccProvider_configurationWinsOverTheEnvironment(t *testing.T) {
	em, url := startEmulator(t, emulator.Options{})
	// Each of these would fail if it were used.
	t.Setenv(EnvBaseURL, "http://127.0.0.1:9")
	t.Setenv(EnvAPIKey, "wrong-key")
	t.Setenv(EnvAccessToken, "wrong-token")
	t.Setenv(EnvMaxRetries, "not-a-number")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config: `
provider "amazonmusic" {
  base_url     = "` + url + `"
  api_key      = "` + emulator.DefaultAPIKey + `"
  access_token = "` + emulator.DefaultAccessToken + `"
  max_retries  = 2
}
` + libraryTrackConfig("B08DL2BXQC"),
			Check: checkLibrary(em, "B08DL2BXQC"),
		}},
	})
}

func TestAccProvider_rejectsBadEnvironmentValues(t *testing.T) {
	tests := []struct {
		name, env, value, want string
	}{
		{"plain http base URL", EnvBaseURL, "http://example.com",
			"The " + EnvBaseURL + " environment variable cannot be used: it must use https"},
		{"base URL with a fragment", EnvBaseURL, "https://api.music.amazon.dev/#x",
			"The " + EnvBaseURL + " environment variable cannot be used: it must not have a fragment"},
		{"base URL ending in /v1", EnvBaseURL, "https://api.music.amazon.dev/v1/",
			"The " + EnvBaseURL + " environment variable cannot be used: it must not end in /v1"},
		{"negative max retries", EnvMaxRetries, "-1",
			"The " + EnvMaxRetries + " environment variable must be a whole number from 0 to 20"},
		{"max retries not a number", EnvMaxRetries, "four",
			"The " + EnvMaxRetries + " environment variable must be a whole number from 0 to 20"},
		{"huge max retries", EnvMaxRetries, "1000000",
			"The " + EnvMaxRetries + " environment variable must be a whole number from 0 to 20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearProviderEnv(t)
			t.Setenv(EnvAPIKey, "key")
			t.Setenv(EnvAccessToken, "token")
			t.Setenv(tt.env, tt.value)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PlanOnly:    true,
					Config:      `provider "amazonmusic" {}` + libraryTrackConfig("B08DL2BXQC"),
					ExpectError: errorText(tt.want),
				}},
			})
		})
	}
}

func TestAccProvider_unknownAPIKeyIsReportedOnTheAttribute(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
resource "terraform_data" "key" {
  input = "` + emulator.DefaultAPIKey + `"
}

provider "amazonmusic" {
  base_url     = "` + url + `"
  api_key      = terraform_data.key.output
  access_token = "` + emulator.DefaultAccessToken + `"
}
` + libraryTrackConfig("B08DL2BXQC"),
			ExpectError: errorText("Unknown Amazon Music API key",
				"Either target apply the source of the value first, set the value statically in the configuration, or use the "+EnvAPIKey+" environment variable"),
		}},
	})
	expectNoRequests(t, em)
}

// diagPath returns the attribute path of d, or "" when it has none.
func diagPath(d diag.Diagnostic) string {
	if withPath, ok := d.(diag.DiagnosticWithPath); ok {
		return withPath.Path().String()
	}
	return ""
}

func TestConfigureReportsAnUnknownValueOfEveryAttribute(t *testing.T) {
	clearProviderEnv(t)
	var schemaResp provider.SchemaResponse
	New("test")().Schema(t.Context(), provider.SchemaRequest{}, &schemaResp)
	if len(schemaResp.Schema.Attributes) == 0 {
		t.Fatal("the provider schema has no attributes")
	}
	for name, attribute := range schemaResp.Schema.Attributes {
		t.Run(name, func(t *testing.T) {
			var logs bytes.Buffer
			typ := attribute.GetType().TerraformType(t.Context())
			resp := configureProvider(t, &logs, map[string]tftypes.Value{name: tftypes.NewValue(typ, tftypes.UnknownValue)})
			errs := resp.Diagnostics.Errors()
			if len(errs) != 1 || diagPath(errs[0]) != name ||
				!strings.HasPrefix(errs[0].Summary(), "Unknown Amazon Music ") || !strings.Contains(errs[0].Detail(), "AMAZON_MUSIC_") {
				t.Errorf("errors = %v, want one on %s saying it is unknown and naming its environment variable", resp.Diagnostics, name)
			}
		})
	}
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
				Config: emulatorProviderBlock(url) + libraryTrackConfig("B08DL2BXQC"),
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
	ids := generatedTrackIDs(tracks)
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	config := refreshProviderBlock(url, nil) + `
resource "amazonmusic_library_track" "bulk" {
  for_each = toset([` + strings.Join(quoted, ", ") + `])
  track_id = each.value
}
`
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	began := time.Now()
	out, err := cli.run(nil, "apply", "-auto-approve", "-input=false")
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
	if out, err := cli.run(nil, "destroy", "-auto-approve", "-input=false"); err != nil {
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
