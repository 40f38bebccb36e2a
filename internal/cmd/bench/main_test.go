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
		"| 4. apply of 3 tracks, API throttled at 50 req/s, without `max_requests_per_second` |",
		"| 5. apply of 3 tracks, API latency 20ms |",
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
