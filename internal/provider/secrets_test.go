package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Credentials of the secrets tests: distinctive, so that any copy of them in
// a log, an output or a state file is found.
const (
	secretAPIKey       = "amzn1.application-oa2-client.SECRET-API-KEY-6f1c0e"
	secretAccessToken  = "Atza|SECRET-ACCESS-TOKEN-93b7d2"
	secretClientSecret = "SECRET-CLIENT-SECRET-41a8c5"
	secretRefreshToken = "Atzr|SECRET-REFRESH-TOKEN-d05e97"
	// The client ID names the security profile; it is not a secret.
	lwaClientID = "amzn1.application-oa2-client.lwa-test-client"
)

// secretsConfig is the configuration the secrets tests apply: one track and
// the playlists, read in pages of two.
const secretsConfig = `
resource "amazonmusic_library_track" "kane" {
  track_id = "B08DL2BXQC"
}

data "amazonmusic_playlists" "mine" {
  page_size = 2
}

output "playlist_titles" {
  value = [for p in data.amazonmusic_playlists.mine.playlists : p.title]
}
`

// TestAccProvider_secretsStayOutOfLogsOutputAndState applies, fails, applies
// again and destroys a track and reads the playlists with Terraform's TRACE
// log on, with every credential the provider takes, given in the provider
// block or in the environment, and a Login with Amazon refresh flow whose
// issued tokens are recorded on the wire. Faults make the provider retry,
// refresh a refused token and report an error. No credential may appear in
// the logs, in Terraform's output or in the state, and the state marks
// nothing sensitive.
func TestAccProvider_secretsStayOutOfLogsOutputAndState(t *testing.T) {
	skipUnlessAcceptance(t)
	pluginDir := buildProvider(t, repositoryRoot(t))

	t.Run("schemas have no sensitive attribute", func(t *testing.T) {
		cli := newTerraformCLI(t, pluginDir, "")
		out := cli.mustRun(nil, "providers", "schema", "-json")
		var schemas struct {
			ProviderSchemas map[string]struct {
				ResourceSchemas   map[string]json.RawMessage `json:"resource_schemas"`
				DataSourceSchemas map[string]json.RawMessage `json:"data_source_schemas"`
			} `json:"provider_schemas"`
		}
		if err := json.Unmarshal([]byte(out), &schemas); err != nil {
			t.Fatalf("terraform providers schema -json: %v\n%s", err, out)
		}
		ps, ok := schemas.ProviderSchemas[providerSource]
		if !ok || len(ps.ResourceSchemas) == 0 || len(ps.DataSourceSchemas) == 0 {
			t.Fatalf("no resource or data source schema for %s:\n%s", providerSource, out)
		}
		for kind, all := range map[string]map[string]json.RawMessage{"resource": ps.ResourceSchemas, "data source": ps.DataSourceSchemas} {
			for name, raw := range all {
				if strings.Contains(string(raw), `"sensitive":true`) {
					t.Errorf("%s %s has a sensitive attribute: nothing it keeps in the state is a secret", kind, name)
				}
			}
		}
	})

	tests := []struct {
		name    string
		lwa     bool
		inBlock bool
	}{
		{name: "access token in the environment"},
		{name: "access token in the provider block", inBlock: true},
		{name: "refresh token in the environment", lwa: true},
		{name: "refresh token in the provider block", lwa: true, inBlock: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wire := &wireCredentials{}
			em := emulator.New(emulator.Options{
				APIKey: secretAPIKey, AccessToken: secretAccessToken,
				ClientID: lwaClientID, ClientSecret: secretClientSecret, RefreshToken: secretRefreshToken,
				Playlists: 3,
			})
			srv := httptest.NewServer(wire.recording(em))
			t.Cleanup(srv.Close)

			settings := [][2]string{{"base_url", srv.URL}, {"api_key", secretAPIKey}}
			envNames := map[string]string{
				"base_url": EnvBaseURL, "api_key": EnvAPIKey, "access_token": EnvAccessToken,
				"client_id": EnvClientID, "client_secret": EnvClientSecret, "refresh_token": EnvRefreshToken, "token_url": EnvTokenURL,
			}
			secrets := map[string]string{secretAPIKey: "the API key"}
			if tt.lwa {
				settings = append(settings, [2]string{"client_id", lwaClientID}, [2]string{"client_secret", secretClientSecret},
					[2]string{"refresh_token", secretRefreshToken}, [2]string{"token_url", srv.URL + emulator.TokenPath})
				secrets[secretClientSecret] = "the client secret"
				secrets[secretRefreshToken] = "the refresh token"
			} else {
				settings = append(settings, [2]string{"access_token", secretAccessToken})
				secrets[secretAccessToken] = "the access token"
			}
			given := len(secrets)
			var block strings.Builder
			var env []string
			block.WriteString("provider \"amazonmusic\" {\n")
			for _, kv := range settings {
				if tt.inBlock {
					fmt.Fprintf(&block, "  %s = %q\n", kv[0], kv[1])
				} else {
					env = append(env, envNames[kv[0]]+"="+kv[1])
				}
			}
			block.WriteString("}\n")
			cli := newTerraformCLI(t, pluginDir, block.String()+secretsConfig, env...)

			// The first apply retries a playlists page and fails to save; the
			// second retries the save; the destroy has its token refused
			// (refreshed in the refresh flow) or retries a gateway error.
			em.InjectFaults(
				emulator.Fault{Method: http.MethodGet, Status: http.StatusServiceUnavailable, RetryAfter: "0"},
				emulator.Fault{Method: http.MethodPut, Status: http.StatusUnprocessableEntity},
				emulator.Fault{Method: http.MethodPut, Status: http.StatusTooManyRequests, RetryAfter: "0"},
			)
			if tt.lwa {
				em.InjectFaults(emulator.Fault{Method: http.MethodDelete, Status: http.StatusUnauthorized})
			} else {
				em.InjectFaults(emulator.Fault{Method: http.MethodDelete, Status: http.StatusBadGateway})
			}

			logs := t.TempDir()
			logEnv := func(name string) []string {
				return []string{"TF_LOG=TRACE", "TF_LOG_PATH=" + filepath.Join(logs, name+".log")}
			}
			outputs := make(map[string]string)
			var err error
			outputs["apply-failing"], err = cli.run(logEnv("apply-failing"), "apply", "-auto-approve", "-input=false")
			if err == nil || !strings.Contains(outputs["apply-failing"], "Unable to save track B08DL2BXQC to the library") {
				t.Errorf("the first apply did not fail on the refused save (err %v):\n%s", err, outputs["apply-failing"])
			}
			outputs["apply"] = cli.mustRun(logEnv("apply"), "apply", "-auto-approve", "-input=false")
			if !em.InLibrary("B08DL2BXQC") {
				t.Error("the track was not saved")
			}
			stateAfterApply, err := os.ReadFile(cli.statePath())
			if err != nil {
				t.Fatal(err)
			}
			outputs["destroy"] = cli.mustRun(logEnv("destroy"), "destroy", "-auto-approve", "-input=false")
			if em.InLibrary("B08DL2BXQC") {
				t.Error("the track was not removed")
			}
			if n := em.PendingFaults(); n != 0 {
				t.Errorf("%d faults were not met", n)
			}
			if tt.lwa {
				// One for each of the three runs, and one for the refused token.
				if n := wire.count("issued access token"); n < 4 {
					t.Errorf("the token endpoint issued %d access tokens, want at least 4", n)
				}
				if n := wire.count("bearer token"); n != 0 {
					t.Errorf("requests carried %d bearer tokens that the token endpoint did not issue", n)
				}
			}

			// Every credential given and every one that crossed the wire.
			for value, what := range wire.all() {
				if _, known := secrets[value]; !known {
					secrets[value] = what
				}
			}
			if tt.inBlock {
				// The configuration holds the credentials given in it: the
				// search finds them where they are.
				config := string(mustReadFile(t, filepath.Join(cli.dir, "main.tf")))
				if found := findSecrets(config, secrets); len(found) != given {
					t.Errorf("the configuration holds %v, want the %d credentials given in it", found, given)
				}
			}
			for name, out := range outputs {
				if found := findSecrets(out, secrets); len(found) > 0 {
					t.Errorf("the output of terraform %s holds %v", name, found)
				}
			}

			wantInLog := map[string][]string{
				"apply-failing": {"Configured Amazon Music API client", "sending request", "received response", "Unable to save track B08DL2BXQC to the library"},
				"apply":         {"Configured Amazon Music API client", "Saved track to the library", "Read playlists"},
				"destroy":       {"Configured Amazon Music API client", "Removed track from the library"},
			}
			logBytes := 0
			for name, wants := range wantInLog {
				raw, err := os.ReadFile(filepath.Join(logs, name+".log"))
				if err != nil {
					t.Fatalf("the TRACE log of terraform %s: %v", name, err)
				}
				logBytes += len(raw)
				log := string(raw)
				if found := findSecrets(log, secrets); len(found) > 0 {
					t.Errorf("the TRACE log of terraform %s holds %v", name, found)
				}
				if !strings.Contains(log, "[TRACE]") || !strings.Contains(log, "terraform-provider-amazonmusic") {
					t.Errorf("the log of terraform %s (%d bytes) is not a TRACE log with the provider's lines", name, len(log))
				}
				for _, want := range wants {
					if !strings.Contains(log, want) {
						t.Errorf("the TRACE log of terraform %s lacks the provider's %q", name, want)
					}
				}
				// The API client logs with the fields of the RPC that sent
				// each request.
				for _, line := range strings.Split(log, "\n") {
					if strings.Contains(line, "sending request") &&
						(!strings.Contains(line, "tf_rpc=") || strings.Contains(line, "tf_rpc=ConfigureProvider")) {
						t.Errorf("a request in the log of terraform %s is not logged with its RPC: %s", name, line)
						break
					}
				}
			}
			if log := string(mustReadFile(t, filepath.Join(logs, "apply.log"))); !regexp.MustCompile(
				`sending request: .*method=PUT.*tf_rpc=ApplyResourceChange|sending request: .*tf_rpc=ApplyResourceChange.*method=PUT`).MatchString(log) {
				t.Error("the TRACE log of terraform apply has no PUT logged with ApplyResourceChange")
			}

			for name, raw := range map[string][]byte{"after apply": stateAfterApply, "after destroy": mustReadFile(t, cli.statePath())} {
				if found := findSecrets(string(raw), secrets); len(found) > 0 {
					t.Errorf("the state %s holds %v", name, found)
				}
			}
			kinds := make(map[string]int)
			for _, what := range secrets {
				kinds[what]++
			}
			t.Logf("%d credentials %v searched in %d bytes of TRACE logs, %d outputs and 2 states",
				len(secrets), kinds, logBytes, len(outputs))

			var state stateFile
			if err := json.Unmarshal(stateAfterApply, &state); err != nil {
				t.Fatalf("the state after apply is not JSON: %v", err)
			}
			if len(state.Resources) != 2 {
				t.Errorf("the state after apply holds %d resources, want the track and the playlists", len(state.Resources))
			}
			for _, r := range state.Resources {
				for _, inst := range r.Instances {
					if s := strings.TrimSpace(string(inst.SensitiveAttributes)); s != "" && s != "[]" && s != "null" {
						t.Errorf("%s.%s marks sensitive attributes %s", r.Type, r.Name, s)
					}
					for attr := range inst.Attributes {
						if slices.Contains(sensitiveLogFieldKeys, attr) || attr == "client_id" || attr == "token_url" {
							t.Errorf("%s.%s keeps the provider setting %q in the state", r.Type, r.Name, attr)
						}
					}
				}
			}
		})
	}
}

// TestAccProvider_redirectToAnotherHostCarriesNoCredentials points the
// provider at a server that redirects every request to an emulator on
// another port: the credentials reach the first server only, so the
// emulator refuses the save as unauthenticated.
func TestAccProvider_redirectToAnotherHostCarriesNoCredentials(t *testing.T) {
	t.Parallel()
	wire := &wireCredentials{}
	em := emulator.New(emulator.Options{})
	target := httptest.NewServer(wire.recording(em))
	t.Cleanup(target.Close)
	first := &wireCredentials{}
	redirector := httptest.NewServer(first.recording(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	})))
	t.Cleanup(redirector.Close)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: providerBlock(redirector.URL, emulator.DefaultAPIKey, emulator.DefaultAccessToken) + libraryTrackConfig("B08DL2BXQC"),
			ExpectError: errorText("Amazon Music refused the API key or the token's scope", "Saving track B08DL2BXQC did not succeed",
				"HTTP 403 "+emulator.CodeMissingAPIKey),
		}},
	})
	if n := first.count("x-api-key") + first.count("bearer token"); n != 2 {
		t.Errorf("the first server received %d credentials, want the API key and the access token", n)
	}
	if got := wire.all(); len(got) != 0 {
		t.Errorf("the other host received credentials: %v", slices.Sorted(maps.Values(got)))
	}
	if err := expectRequests(em, http.MethodPut, libraryPath("B08DL2BXQC"), 1); err != nil {
		t.Error(err)
	}
}
