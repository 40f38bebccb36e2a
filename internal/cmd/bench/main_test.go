//go:build linux

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain lets the test binary stand in for the provider wrapper, as the
// harness's own binary does: the harness copies its executable, here the
// test binary, under the provider's name.
func TestMain(m *testing.M) {
	if isWrapper() {
		os.Exit(runWrapper())
	}
	os.Exit(m.Run())
}

// TestBenchRunsEveryCaseAndChecksTheRequestCounts runs the whole harness
// with tiny sizes against the real Terraform CLI: every case must run, its
// request counts must be the exact ones (the harness fails otherwise), the
// generated section must be replaced, and nothing may be left behind.
func TestBenchRunsEveryCaseAndChecksTheRequestCounts(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("drives the Terraform CLI: set TF_ACC=1 to run it")
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform not found on PATH")
	}
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "BENCHMARKS.md")
	intro := "# Benchmarks\n\nWritten by hand.\n\n"
	if err := os.WriteFile(out, []byte(intro+beginMarker+"\nold figures\n"+endMarker+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	err := run(t.Context(), []string{
		"-root", "../../..", "-out", out, "-go-bench=false",
		"-reps", "1", "-n", "3", "-playlists", "150", "-throttle-tracks", "3", "-bulk-tracks", "3",
		"-large-tracks", "4", "-large-set-floor=true", "-unfinished-tracks", "40",
	}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nprogress:\n%s", err, stderr.String())
	}

	doc, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	if !strings.HasPrefix(text, intro+beginMarker) || !strings.HasSuffix(text, endMarker+"\n") || strings.Contains(text, "old figures") {
		t.Errorf("the generated section was not replaced in place:\n%s", text)
	}
	for _, row := range []string{
		"| 1. apply, N=3 | PUT /v1/me/library/tracks/{id} | 3 | 3 |",
		"| 2. no-op plan, N=3 | PUT and DELETE | 0 | 0 |",
		"| 2. no-op plan, N=3 | GET /v1/me/library/tracks (listing pages of 100) | 1 | 1 |",
		"| 3. `amazonmusic_playlists`, P=150, page_size=100 | GET /v1/me/playlists (ceil(P/page_size)) | 2 | 2 |",
		"| 3. `amazonmusic_playlists`, P=150, page_size=100 | playlists in the output | 150 | 150 |",
		"| 1. apply, N=3 | time: `amazonmusic_library_track` / `terraform_data` |",
		"| 1. apply, N=3, for_each | PUT /v1/me/library/tracks/{id} | 3 | 3 |",
		"| 2. no-op plan, N=3, for_each | GET /v1/me/library/tracks (listing pages of 100) | 1 | 1 |",
		"| 1. apply, N=3, for_each | time: `amazonmusic_library_track` / `terraform_data` |",
		"| 4. apply of 3 tracks, API throttled at 50 req/s, without `max_requests_per_second` |",
		"| 5. apply of 3 tracks, API latency 20ms |",
		"| 6. 4 ids in one `amazonmusic_library_tracks` (`track_id_map`) | apply: PUT /v1/me/library/tracks/{id} | 4 | 4 |",
		"| 6. 8 ids in one `amazonmusic_library_tracks` (`track_id_map`) | import of the library: PUT and DELETE | 0 | 0 |",
		"`terraform_data` holding the same ids as a set: apply",
		"| 7. unfinished runs: 40 ids in one `amazonmusic_library_tracks` (`track_id_map`), API latency 800ms | Ctrl-C: tracks in the library missing from the state | 0 | 0 |",
		"| 7. unfinished runs: 40 ids in one `amazonmusic_library_tracks` (`track_id_map`), API latency 800ms | apply after Ctrl-C: DELETE | 0 | 0 |",
		"| 7. unfinished runs: 40 ids in one `amazonmusic_library_tracks` (`track_id_map`), API latency 800ms | API down: tracks in the library missing from the state | 0 | 0 |",
		"from the outage to Terraform's exit, failed, naming the host |",
	} {
		if !strings.Contains(text, row) {
			t.Errorf("the report lacks the row %q:\n%s", row, text)
		}
	}
	if !strings.Contains(stdout.String(), "| Case | Figure | Measured | Target | |") {
		t.Errorf("the table was not printed:\n%s", stdout.String())
	}

	if pids, err := childPIDs(os.Getpid()); err != nil || len(pids) > 0 {
		t.Errorf("processes left behind: %v (%v)", pids, err)
	}
	if left, err := os.ReadDir(tmp); err != nil || len(left) > 0 {
		t.Errorf("the temporary directory still holds %v (%v)", left, err)
	}
}

// TestBenchMeasuresEachTerraform runs case 3 with the Terraform on PATH and
// the one of TF_ACC_TERRAFORM_PATH: the report has the case once for each,
// named after its version.
func TestBenchMeasuresEachTerraform(t *testing.T) {
	other := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || other == "" {
		t.Skip("drives two Terraform CLIs: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH to another Terraform than the one on PATH")
	}
	onPath, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform not found on PATH")
	}
	// The harness overrides the provider's registry.terraform.io address,
	// which OpenTofu does not resolve provider sources to.
	cmd := exec.CommandContext(t.Context(), other, "version")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null")
	if out, _ := cmd.Output(); bytes.HasPrefix(out, []byte("OpenTofu")) {
		t.Skip("TF_ACC_TERRAFORM_PATH is OpenTofu, which the harness does not measure")
	}
	var versions []string
	for _, tf := range []string{onPath, other} {
		v, err := terraformVersion(t.Context(), tf, append(os.Environ(), "TF_CLI_CONFIG_FILE=/dev/null"))
		if err != nil {
			t.Skipf("%s is not a Terraform the harness can run: %v", tf, err)
		}
		versions = append(versions, v)
	}
	if versions[0] == versions[1] {
		t.Skipf("TF_ACC_TERRAFORM_PATH is the same Terraform %s as the one on PATH", versions[0])
	}
	t.Setenv("TMPDIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{
		"-root", "../../..", "-out", "", "-go-bench=false", "-cases", "3",
		"-reps", "1", "-playlists", "150", "-terraform", onPath + "," + other,
	}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\nprogress:\n%s", err, stderr.String())
	}
	for _, v := range versions {
		row := "| 3. `amazonmusic_playlists`, P=150, page_size=100, Terraform " + v + " | playlists in the output | 150 | 150 |"
		if !strings.Contains(stdout.String(), row) {
			t.Errorf("the report lacks the row %q:\n%s", row, stdout.String())
		}
	}
	if !strings.Contains(stdout.String(), "Terraform "+versions[0]+", "+versions[1]) {
		t.Errorf("the report does not name both versions:\n%s", stdout.String())
	}
}

func TestParseFeaturesFindsTheRateSettingAndTheBulkResource(t *testing.T) {
	tests := []struct {
		name string
		json string
		want features
	}{
		{
			name: "both",
			json: `{"provider_schemas":{"` + providerAddress + `":{"provider":{"block":{"attributes":{"max_requests_per_second":{}}}},"resource_schemas":{"amazonmusic_library_tracks":{}}}}}`,
			want: features{maxRequestsPerSecond: true, bulkResource: true},
		},
		{
			name: "the bulk resource's map form",
			json: `{"provider_schemas":{"` + providerAddress + `":{"provider":{"block":{}},"resource_schemas":{"amazonmusic_library_tracks":{"block":{"attributes":{"track_id_map":{}}}}}}}}`,
			want: features{bulkResource: true, bulkMap: true},
		},
		{
			name: "neither",
			json: `{"provider_schemas":{"` + providerAddress + `":{"provider":{"block":{"attributes":{"base_url":{}}}},"resource_schemas":{"amazonmusic_library_track":{}}}}}`,
			want: features{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseFeatures([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("parseFeatures = %+v, want %+v", got, tt.want)
			}
		})
	}
	if _, err := parseFeatures([]byte(`{"provider_schemas":{}}`)); err == nil {
		t.Error("parseFeatures accepted a schema without the provider")
	}
}
