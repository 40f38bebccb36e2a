//go:build linux

package main

import "testing"

func TestParseGoBenchReadsResultsAndGrowth(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic
cpu: AMD EPYC
BenchmarkPlaylistPageDecode/playlists=100-2         	     100	   2000000 ns/op	  23.27 MB/s	  283124 B/op	    2571 allocs/op
BenchmarkPlaylistPageDecode/playlists=1000-2        	      20	  21000000 ns/op	  31.65 MB/s	 3633194 B/op	   25000 allocs/op
BenchmarkFlat-16	1000	1500.5 ns/op	0 B/op	0 allocs/op
PASS
ok  	github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic	0.621s
`
	got, err := parseGoBench(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []goBenchResult{
		{name: "BenchmarkPlaylistPageDecode/playlists=100", nsPerOp: 2000000, bytesPerOp: 283124, allocsPerOp: 2571},
		{name: "BenchmarkPlaylistPageDecode/playlists=1000", nsPerOp: 21000000, bytesPerOp: 3633194, allocsPerOp: 25000, growth: "10.5x"},
		{name: "BenchmarkFlat", nsPerOp: 1500.5},
	}
	if len(got) != len(want) {
		t.Fatalf("parseGoBench = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("result %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseGoBenchRefusesAResultWithoutTime(t *testing.T) {
	if _, err := parseGoBench("BenchmarkX-2 10 5 B/op 1 allocs/op\n"); err == nil {
		t.Error("parseGoBench accepted a line without ns/op")
	}
	if _, err := parseGoBench("BenchmarkX-2 10 many ns/op\n"); err == nil {
		t.Error("parseGoBench accepted a malformed ns/op")
	}
}

func TestTrimProcsDropsOnlyANumericSuffix(t *testing.T) {
	for in, want := range map[string]string{
		"BenchmarkA-2":           "BenchmarkA",
		"BenchmarkA/size=10-16":  "BenchmarkA/size=10",
		"BenchmarkA/with-dash":   "BenchmarkA/with-dash",
		"BenchmarkWithoutSuffix": "BenchmarkWithoutSuffix",
		"BenchmarkA/with-dash-2": "BenchmarkA/with-dash",
	} {
		if got := trimProcs(in); got != want {
			t.Errorf("trimProcs(%q) = %q, want %q", in, got, want)
		}
	}
}
