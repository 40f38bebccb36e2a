package provider

import (
	"fmt"
	"slices"
	"testing"
)

func TestTrackChangesSavesTheAddedAndRemovesTheDropped(t *testing.T) {
	t.Parallel()
	want := []string{"B000000001", "B000000002", "B000000004"}
	have := []string{"B000000000", "B000000001", "B000000003", "B000000004"}
	answered := map[string]string{"B000000003": "B100000003"}
	got := trackChanges(want, have, func(id string) string { return answered[id] }, nil)
	wantJobs := []trackJob{
		{id: "B000000002", change: saveChange},
		{id: "B000000000", change: removeChange},
		{id: "B000000003", savedID: "B100000003", change: removeChange},
	}
	if !slices.Equal(got, wantJobs) {
		t.Errorf("trackChanges = %+v, want %+v", got, wantJobs)
	}
	if got := trackChanges(want, want, func(string) string { return "" }, nil); len(got) != 0 {
		t.Errorf("trackChanges of equal lists = %+v, want none", got)
	}
}

// BenchmarkTrackChanges finds the changes of an update of
// amazonmusic_library_tracks whose ids are half kept, a quarter added and a
// quarter removed, at 1,000 and 10,000 ids: the time grows with the number
// of ids.
func BenchmarkTrackChanges(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		ids := make([]string, n+n/4)
		for i := range ids {
			ids[i] = fmt.Sprintf("B%09d", i)
		}
		have, want := ids[:n], ids[n/4:]
		b.Run(fmt.Sprintf("ids=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if jobs := trackChanges(want, have, func(string) string { return "" }, nil); len(jobs) != n/2 {
					b.Fatalf("%d changes, want %d", len(jobs), n/2)
				}
			}
		})
	}
}
