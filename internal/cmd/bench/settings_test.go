//go:build linux

package main

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func envOf(m map[string]string) func(string) string {
	return func(name string) string { return m[name] }
}

func TestParseSettingsDefaultsToAFullRun(t *testing.T) {
	s, err := parseSettings(nil, envOf(nil), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.reps != 3 || s.tracks != 1000 || s.playlists != 10_000 || s.throttleTracks != 300 || s.bulkTracks != 500 ||
		s.rate != 50 || s.pageSize != 100 || s.unfinishedTracks != 5000 || !s.goBench || !s.forEach || !slices.Equal(s.terraforms, []string{"terraform"}) ||
		s.quickNote() != "" {
		t.Errorf("defaults = %+v", s)
	}
}

func TestParseSettingsQuickThenEnvironmentThenFlags(t *testing.T) {
	s, err := parseSettings([]string{"-n", "7"}, envOf(map[string]string{
		envQuick: "1", envTracks: "50", envPlaylists: "300", envGoBench: "0",
	}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if s.reps != 1 || s.tracks != 7 || s.playlists != 300 || s.goBench || s.quickNote() == "" {
		t.Errorf("settings = %+v", s)
	}
}

func TestParseSettingsTakesTheTerraformBinaries(t *testing.T) {
	s, err := parseSettings(nil, envOf(map[string]string{envTerraform: "terraform, /opt/tf-1.16/terraform,", envForEach: "0"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"terraform", "/opt/tf-1.16/terraform"}; !slices.Equal(s.terraforms, want) || s.forEach {
		t.Errorf("terraforms = %q, forEach = %t; want %q and false", s.terraforms, s.forEach, want)
	}
	s, err = parseSettings([]string{"-terraform", "/usr/bin/terraform"}, envOf(map[string]string{envTerraform: "x"}), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"/usr/bin/terraform"}; !slices.Equal(s.terraforms, want) {
		t.Errorf("terraforms = %q, want the flag's %q", s.terraforms, want)
	}
	if _, err := parseSettings([]string{"-terraform", " , "}, envOf(nil), io.Discard); err == nil || !strings.Contains(err.Error(), "-terraform") {
		t.Errorf("an empty -terraform was accepted: %v", err)
	}
}

func TestParseSettingsRefusesBadValues(t *testing.T) {
	for _, tt := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{env: map[string]string{envTracks: "many"}, want: "BENCH_N"},
		{env: map[string]string{envQuick: "maybe"}, want: "BENCH_QUICK"},
		{args: []string{"-reps", "0"}, want: "-reps must be at least 1"},
		{env: map[string]string{envUnfinished: "4"}, want: "-unfinished-tracks must be at least 5"},
		{args: []string{"stray"}, want: "unexpected arguments"},
	} {
		_, err := parseSettings(tt.args, envOf(tt.env), io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parseSettings(%q, %v) = %v, want an error mentioning %q", tt.args, tt.env, err, tt.want)
		}
	}
}

func TestParseCasesRunsCasesOneAndTwoTogether(t *testing.T) {
	got, err := parseCases("2, 4")
	if err != nil {
		t.Fatal(err)
	}
	if !got[1] || !got[2] || got[3] || !got[4] || got[5] {
		t.Errorf("parseCases(2, 4) = %v, want 1, 2 and 4", got)
	}
	if all, err := parseCases(""); err != nil || len(all) != caseCount {
		t.Errorf("parseCases(\"\") = %v, %v; want every case", all, err)
	}
	for _, bad := range []string{"0", strconv.Itoa(caseCount + 1), "x", "1,,3"} {
		if _, err := parseCases(bad); err == nil {
			t.Errorf("parseCases(%q) accepted it", bad)
		}
	}
}
