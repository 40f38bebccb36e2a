//go:build linux

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestWrapperPassesStreamsAndExitCodeAndRecordsUsage starts the test binary
// under the provider's name, as Terraform starts the wrapper, with a shell
// standing in for the provider.
func TestWrapperPassesStreamsAndExitCodeAndRecordsUsage(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, providerBinaryName)
	if err := copyExecutable(wrapper); err != nil {
		t.Fatal(err)
	}
	usageFile := filepath.Join(dir, "usage.jsonl")
	cmd := exec.Command(wrapper, "-c", `read line; echo "got $line and $BENCH_TEST_VALUE"; echo oops >&2; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; exit 3`)
	cmd.Env = append(os.Environ(), envRealProvider+"=/bin/sh", envUsageFile+"="+usageFile, "BENCH_TEST_VALUE=env")
	cmd.Stdin = strings.NewReader("input\n")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 3 {
		t.Fatalf("wrapper ended with %v, want exit code 3; stderr: %s", err, stderr.String())
	}
	if got := stdout.String(); got != "got input and env\n" {
		t.Errorf("stdout = %q, want the child's line", got)
	}
	if got := stderr.String(); got != "oops\n" {
		t.Errorf("stderr = %q, want the child's line", got)
	}

	u, err := readUsage(usageFile)
	if err != nil {
		t.Fatal(err)
	}
	if u.processes != 1 || u.cpu <= 0 || u.maxRSSKiB <= 0 {
		t.Errorf("usage = %+v, want one process with CPU time and a peak RSS", u)
	}
}

func TestReadUsageSumsProcessesAndRefusesOneWithoutEnd(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "usage.jsonl")
	for _, rec := range []usageRecord{
		{Event: "start", PID: 10},
		{Event: "start", PID: 11},
		{Event: "end", PID: 11, UserNanos: 300, SysNanos: 200, MaxRSSKiB: 2048},
		{Event: "end", PID: 10, UserNanos: 1000, SysNanos: 500, MaxRSSKiB: 4096},
	} {
		if err := appendUsage(name, rec); err != nil {
			t.Fatal(err)
		}
	}
	u, err := readUsage(name)
	if err != nil {
		t.Fatal(err)
	}
	if want := (providerUsage{processes: 2, cpu: 2000 * time.Nanosecond, maxRSSKiB: 4096}); u != want {
		t.Errorf("readUsage = %+v, want %+v", u, want)
	}

	if err := appendUsage(name, usageRecord{Event: "start", PID: 12}); err != nil {
		t.Fatal(err)
	}
	if _, err := readUsage(name); err == nil || !strings.Contains(err.Error(), "never reported") {
		t.Errorf("readUsage of a provider without end = %v, want an error", err)
	}

	if u, err := readUsage(filepath.Join(dir, "none.jsonl")); err != nil || u != (providerUsage{}) {
		t.Errorf("readUsage of no file = %+v, %v; want nothing, as for a command without provider", u, err)
	}
}
