//go:build linux

package main

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

func TestParentFromStatReadsPastTheCommandName(t *testing.T) {
	tests := []struct {
		stat string
		want int
		ok   bool
	}{
		{"1234 (terraform) S 42 1234 1234 0 -1", 42, true},
		{"1234 (a b) c)) R 7 1 1", 7, true},
		{"1234 (broken", 0, false},
		{"1234 (x) S", 0, false},
	}
	for _, tt := range tests {
		got, ok := parentFromStat([]byte(tt.stat))
		if got != tt.want || ok != tt.ok {
			t.Errorf("parentFromStat(%q) = %d, %t; want %d, %t", tt.stat, got, ok, tt.want, tt.ok)
		}
	}
}

func TestReapLeftoversKillsAChildThatOutlivesTheGrace(t *testing.T) {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pid := cmd.Process.Pid
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	pids, err := childPIDs(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range pids {
		found = found || p == pid
	}
	if !found {
		t.Fatalf("childPIDs = %v, want it to list %d", pids, pid)
	}

	start := time.Now()
	killed, err := reapLeftovers(100 * time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	if killed != 1 {
		t.Errorf("reapLeftovers killed %d processes, want 1", killed)
	}
	if elapsed := time.Since(start); elapsed > 10*time.Second {
		t.Errorf("reapLeftovers took %s", elapsed)
	}
	if pids, _ := childPIDs(os.Getpid()); len(pids) != 0 {
		t.Errorf("children left: %v", pids)
	}
}
