//go:build linux

package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// prSetChildSubreaper is prctl's PR_SET_CHILD_SUBREAPER.
const prSetChildSubreaper = 36

// becomeSubreaper makes the harness the parent of every process that its
// children leave behind, so that none outlives it and the CPU time of each
// counts in RUSAGE_CHILDREN once reaped.
func becomeSubreaper() error {
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		return fmt.Errorf("prctl(PR_SET_CHILD_SUBREAPER): %w", errno)
	}
	return nil
}

// childrenCPU returns the user and system time of the harness's children
// that have been waited for, their own children included.
func childrenCPU() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0, fmt.Errorf("getrusage: %w", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// reapLeftovers waits up to grace for the processes a finished command
// left behind (reparented to the harness) to exit, reaping them, then kills
// and reaps those still there. It reports how many it had to kill.
func reapLeftovers(grace time.Duration) (killed int, err error) {
	deadline := time.Now().Add(grace)
	for {
		pids, err := childPIDs(os.Getpid())
		if err != nil {
			return 0, err
		}
		for _, pid := range pids {
			var ws syscall.WaitStatus
			_, _ = syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		}
		if pids, err = childPIDs(os.Getpid()); err != nil || len(pids) == 0 {
			return killed, err
		}
		if time.Now().After(deadline) {
			for _, pid := range pids {
				if syscall.Kill(pid, syscall.SIGKILL) == nil {
					killed++
				}
				var ws syscall.WaitStatus
				_, _ = syscall.Wait4(pid, &ws, 0, nil)
			}
			return killed, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// childPIDs lists the processes whose parent is pid, from /proc.
func childPIDs(pid int) ([]int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	var pids []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue // gone meanwhile
		}
		if ppid, ok := parentFromStat(stat); ok && ppid == pid {
			pids = append(pids, child)
		}
	}
	return pids, nil
}

// parentFromStat returns the parent process id from the content of
// /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may hold spaces
// and parentheses.
func parentFromStat(stat []byte) (int, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	fields := bytes.Fields(stat[i+1:])
	if len(fields) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(string(fields[1]))
	return ppid, err == nil
}

// errLeftovers says that a command left processes that had to be killed.
var errLeftovers = errors.New("left processes running after it exited")
