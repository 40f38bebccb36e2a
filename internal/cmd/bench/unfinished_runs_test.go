//go:build linux

package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestUnfinishedLatencyKeepsSmallAppliesWritingLongEnough(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want time.Duration
	}{
		{5000, 20 * time.Millisecond},
		{500, 64 * time.Millisecond},
		{40, 800 * time.Millisecond},
	} {
		if got := unfinishedLatency(tt.n, 20*time.Millisecond); got != tt.want {
			t.Errorf("unfinishedLatency(%d, 20ms) = %s, want %s", tt.n, got, tt.want)
		}
	}
}

func TestStateTrackIDsReadsTheKeysOfTheBulkResourcesMap(t *testing.T) {
	dir := t.TempDir()
	if ids, err := stateTrackIDs(dir); err != nil || ids != nil {
		t.Errorf("stateTrackIDs without a state = %q, %v; want none", ids, err)
	}
	state := `{"version":4,"resources":[
  {"mode":"managed","type":"amazonmusic_library_tracks","name":"other","instances":[{"attributes":{"track_id_map":{"B9":"B9"}}}]},
  {"mode":"managed","type":"amazonmusic_library_tracks","name":"all","instances":[{"status":"tainted","attributes":{"track_id_map":{"B2":"B2","B1":"B1"}}}]}
]}`
	if err := os.WriteFile(filepath.Join(dir, "terraform.tfstate"), []byte(state), 0o644); err != nil {
		t.Fatal(err)
	}
	ids, err := stateTrackIDs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"B1", "B2"}; !slices.Equal(ids, want) {
		t.Errorf("stateTrackIDs = %q, want %q", ids, want)
	}
	if orphans := missingFrom(ids, []string{"B1", "B3"}); !slices.Equal(orphans, []string{"B3"}) {
		t.Errorf("missingFrom = %q, want [B3]", orphans)
	}
}
