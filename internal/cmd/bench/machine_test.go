//go:build linux

package main

import "testing"

func TestParseCPUInfoCountsProcessorsAndTakesTheFirstModel(t *testing.T) {
	m := parseCPUInfo([]byte("processor\t: 0\nmodel name\t: AMD EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"))
	if m.cores != 2 || m.cpuModel != "AMD EPYC 7B13" {
		t.Errorf("parseCPUInfo = %+v", m)
	}
	if m := parseCPUInfo(nil); m.cpuModel != "unknown CPU" || m.cores != 0 {
		t.Errorf("parseCPUInfo(nil) = %+v", m)
	}
}

func TestParseMemTotalInGiB(t *testing.T) {
	if got := parseMemTotal([]byte("MemTotal:       24683656 kB\nMemFree: 1 kB\n")); got != "23.5 GiB" {
		t.Errorf("parseMemTotal = %q, want 23.5 GiB", got)
	}
	if got := parseMemTotal([]byte("MemFree: 1 kB\n")); got != "unknown amount" {
		t.Errorf("parseMemTotal without MemTotal = %q", got)
	}
}
