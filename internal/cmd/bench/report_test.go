//go:build linux

package main

import (
	"errors"
	"strings"
	"testing"
)

func TestReplaceGeneratedKeepsTheTextAroundTheMarkers(t *testing.T) {
	doc := "# Intro\n\nhand-written\n\n" + beginMarker + "\n\nold\n\n" + endMarker + "\n\nafter\n"
	got, err := replaceGenerated([]byte(doc), "\nnew table\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "# Intro\n\nhand-written\n\n" + beginMarker + "\n\nnew table\n\n" + endMarker + "\n\nafter\n"
	if string(got) != want {
		t.Errorf("replaceGenerated =\n%s\nwant\n%s", got, want)
	}
	again, err := replaceGenerated(got, "newer")
	if err != nil || !strings.Contains(string(again), "\n\nnewer\n\n") || strings.Contains(string(again), "new table") {
		t.Errorf("a second replacement = %q, %v", again, err)
	}
}

func TestReplaceGeneratedRefusesADocumentWithoutMarkers(t *testing.T) {
	for _, doc := range []string{
		"# no markers\n",
		endMarker + "\n" + beginMarker + "\n",
		beginMarker + " only\n",
	} {
		if _, err := replaceGenerated([]byte(doc), "x"); !errors.Is(err, errNoMarkers) {
			t.Errorf("replaceGenerated(%q) = %v, want errNoMarkers", doc, err)
		}
	}
}

func TestReportMarksMissedTargetsAndWrongCounts(t *testing.T) {
	rep := report{
		env: environment{date: "2026-01-02", cpuModel: "CPU", cores: 2, memory: "1.0 GiB", goVersion: "go1.26.8", terraform: "v1.11.4", reps: 3},
		figures: []figure{
			{caseName: "1. a", what: "ratio", measured: "1.1x", target: "≤ 1.3x", met: metIf(true)},
			{caseName: "1. a", what: "share", measured: "9 %", target: "< 5 %", met: metIf(false)},
			{caseName: "2. b", what: "time", measured: "3 s"},
		},
		counts: []countCheck{
			{caseName: "2. b", what: "PUT", got: 0, want: 0},
			{caseName: "2. b", what: "GET", got: 11, want: 10},
		},
		goBench: []goBenchResult{{name: "BenchmarkX/n=1", nsPerOp: 1234567, bytesPerOp: 2048, allocsPerOp: 3}},
	}
	md := rep.markdown()
	for _, want := range []string{
		"- Machine: CPU, 2 cores, 1.0 GiB of memory",
		"- Go 1.26.8, Terraform v1.11.4",
		"| 1. a | ratio | 1.1x | ≤ 1.3x | met |",
		"| 1. a | share | 9 % | < 5 % | **missed** |",
		"| 2. b | time | 3 s | — |  |",
		"| 2. b | GET | 11 **wrong** | 10 |",
		"| 2. b | PUT | 0 | 0 |",
		"| `BenchmarkX/n=1` | 1,234,567 | 2,048 | 3 |  |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q:\n%s", want, md)
		}
	}
	err := rep.countErrors()
	if err == nil || !strings.Contains(err.Error(), "2. b: GET: sent 11, want 10") || strings.Contains(err.Error(), "PUT") {
		t.Errorf("countErrors = %v, want the wrong GET count only", err)
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tt := range []struct {
		in   []float64
		want float64
	}{
		{nil, 0}, {[]float64{3}, 3}, {[]float64{5, 1, 3}, 3}, {[]float64{4, 1, 3, 2}, 2.5},
	} {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %g, want %g", tt.in, got, tt.want)
		}
	}
}
