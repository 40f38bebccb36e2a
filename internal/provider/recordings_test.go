package provider

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestSameRecordingsGroupsIDsByISRC(t *testing.T) {
	t.Parallel()
	isrcOf := map[string]string{
		"B000000000": "QZEM00000000", "B000000001": "QZEM00000000", // a single and its album edition
		"B000000002": "QZEM00000002",
		"B000000003": "QZEM00000003", "B000000004": "QZEM00000003", "B000000005": "QZEM00000003",
		// B000000006: unknown
	}
	ids := []string{"B000000005", "B000000000", "B000000006", "B000000003", "B000000002", "B000000001", "B000000004"}
	isrcs, idsOf := sameRecordings(ids, func(id string) string { return isrcOf[id] })
	if want := []string{"QZEM00000000", "QZEM00000003"}; !slices.Equal(isrcs, want) {
		t.Fatalf("ISRCs %v, want %v", isrcs, want)
	}
	want := map[string][]string{
		"QZEM00000000": {"B000000000", "B000000001"},
		"QZEM00000003": {"B000000003", "B000000004", "B000000005"},
	}
	if !maps.EqualFunc(idsOf, want, slices.Equal) {
		t.Errorf("ids %v, want %v", idsOf, want)
	}
	if got, want := sameRecordingsText(isrcs, idsOf),
		"QZEM00000000 (B000000000, B000000001); QZEM00000003 (B000000003, B000000004, B000000005)"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}

	if isrcs, _ := sameRecordings(ids, func(string) string { return "" }); len(isrcs) != 0 {
		t.Errorf("knowing no ISRC, it found %v", isrcs)
	}
}

func TestSameRecordingsTextIsShort(t *testing.T) {
	t.Parallel()
	idsOf := map[string][]string{}
	var isrcs []string
	for _, isrc := range []string{"QZEM00000001", "QZEM00000002", "QZEM00000003", "QZEM00000004", "QZEM00000005", "QZEM00000006", "QZEM00000007"} {
		isrcs = append(isrcs, isrc)
		idsOf[isrc] = []string{"B000000001", "B000000002", "B000000003", "B000000004", "B000000005", "B000000006", "B000000007"}
	}
	got := sameRecordingsText(isrcs, idsOf)
	want := "QZEM00000001 (B000000001, B000000002, B000000003, B000000004, B000000005 and 2 more); "
	if !strings.HasPrefix(got, want) {
		t.Errorf("text starts %q, want %q", got, want)
	}
	if suffix := "; and 2 more"; !strings.HasSuffix(got, suffix) {
		t.Errorf("text %q does not end with %q", got, suffix)
	}
}

func TestRecordingIndexRecordsInUppercase(t *testing.T) {
	t.Parallel()
	var r recordingIndex
	if !r.empty() || r.lookup("B000000000") != "" {
		t.Fatal("a new index is not empty")
	}
	r.record("B000000000", "qzem00000000")
	r.record("B000000001", "")
	if got := r.lookup("B000000000"); got != "QZEM00000000" {
		t.Errorf("lookup = %q, want QZEM00000000", got)
	}
	if r.empty() || r.lookup("B000000001") != "" {
		t.Error("an empty ISRC was recorded, or the index stayed empty")
	}
}
