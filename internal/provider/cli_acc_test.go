package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// The acceptance tests that terraform-plugin-testing cannot express (for_each
// over strings, interrupts, Terraform's own logs) drive the Terraform CLI
// with the provider binary, like the examples' tests.

// requiredProvidersBlock names where the provider comes from.
const requiredProvidersBlock = `terraform {
  required_providers {
    amazonmusic = {
      source = "amazonmusic-community/amazonmusic"
    }
  }
}
`

// providerEnvVars are every environment variable the provider reads.
var providerEnvVars = []string{
	EnvBaseURL, EnvAPIKey, EnvAccessToken, EnvMaxRetries,
	EnvClientID, EnvClientSecret, EnvRefreshToken, EnvTokenURL,
	EnvDriftDetection, EnvMaxRequestsPerSecond, EnvMaxConcurrency,
}

// terraformCLI is a Terraform working directory run with the CLI and a
// provider binary.
type terraformCLI struct {
	t   *testing.T
	tf  string
	dir string
	env []string
}

// newTerraformCLI writes config, with a required_providers block, as main.tf
// of a new working directory whose Terraform takes the provider from
// pluginDir (see buildProvider). The provider's environment variables of the
// test process are cleared; env (NAME=value) is added.
func newTerraformCLI(t *testing.T, pluginDir, config string, env ...string) *terraformCLI {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(requiredProvidersBlock+config), 0o600); err != nil {
		t.Fatal(err)
	}
	full := devOverrideEnv(t, pluginDir)
	for _, name := range providerEnvVars {
		full = append(full, name+"=")
	}
	return &terraformCLI{t: t, tf: terraformBinary(t), dir: dir, env: append(full, env...)}
}

// run runs terraform with args and the extra environment env, and returns
// its standard output and error together.
func (c *terraformCLI) run(env []string, args ...string) (string, error) {
	c.t.Helper()
	return runTerraform(c.t, c.tf, append(c.env[:len(c.env):len(c.env)], env...), c.dir, append(args, "-no-color")...)
}

// mustRun is run that fails the test when terraform fails.
func (c *terraformCLI) mustRun(env []string, args ...string) string {
	c.t.Helper()
	out, err := c.run(env, args...)
	if err != nil {
		c.t.Fatalf("terraform %s failed: %v\n%s", args[0], err, out)
	}
	return out
}

// stateFile is what the tests read of terraform.tfstate.
type stateFile struct {
	Resources []struct {
		Mode      string `json:"mode"`
		Type      string `json:"type"`
		Name      string `json:"name"`
		Instances []struct {
			IndexKey            any             `json:"index_key"`
			Attributes          map[string]any  `json:"attributes"`
			Identity            map[string]any  `json:"identity"`
			SensitiveAttributes json.RawMessage `json:"sensitive_attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// statePath is the path of the working directory's state file.
func (c *terraformCLI) statePath() string {
	return filepath.Join(c.dir, "terraform.tfstate")
}

// state reads the working directory's state file.
func (c *terraformCLI) state() stateFile {
	c.t.Helper()
	raw, err := os.ReadFile(c.statePath())
	if err != nil {
		c.t.Fatalf("reading the state: %v", err)
	}
	var s stateFile
	if err := json.Unmarshal(raw, &s); err != nil {
		c.t.Fatalf("the state is not the expected JSON: %v", err)
	}
	return s
}

// libraryTrackKeys returns the index keys of the instances of the
// amazonmusic_library_track resource called name in s, as strings ("" for an
// instance without key).
func (s stateFile) libraryTrackKeys(name string) []string {
	var keys []string
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type != "amazonmusic_library_track" || r.Name != name {
			continue
		}
		for _, inst := range r.Instances {
			key, _ := inst.IndexKey.(string)
			keys = append(keys, key)
		}
	}
	return keys
}
