//go:build linux

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"
)

// The harness measures every provider process Terraform starts by putting a
// copy of itself, named like the provider, in the directory the CLI
// configuration's dev_overrides point at. Started under that name, the
// binary is the wrapper: it starts the real provider (envRealProvider) as a
// child with the same arguments, environment and standard streams, so that
// go-plugin's handshake on standard output reaches Terraform unchanged,
// waits for it, and appends the child's resource usage to the file named by
// envUsageFile.
const (
	providerBinaryName = "terraform-provider-amazonmusic"
	envRealProvider    = "AMAZONMUSIC_BENCH_REAL_PROVIDER"
	envUsageFile       = "AMAZONMUSIC_BENCH_USAGE_FILE"
)

// usageRecord is one line of the usage file. Each wrapper writes a start
// record when it starts and an end record when its provider has exited, so
// that the harness notices a provider whose usage was lost.
type usageRecord struct {
	Event string `json:"event"` // "start" or "end"
	PID   int    `json:"pid"`   // the wrapper's process id
	// The provider's resource usage, in end records.
	UserNanos int64 `json:"user_ns,omitempty"`
	SysNanos  int64 `json:"sys_ns,omitempty"`
	MaxRSSKiB int64 `json:"maxrss_kib,omitempty"`
	ExitCode  int   `json:"exit_code"`
}

// isWrapper reports whether this process was started as the provider.
func isWrapper() bool {
	return filepath.Base(os.Args[0]) == providerBinaryName && os.Getenv(envRealProvider) != ""
}

// runWrapper runs the real provider and returns the exit code to exit with:
// the provider's own.
func runWrapper() int {
	provider, usageFile := os.Getenv(envRealProvider), os.Getenv(envUsageFile)
	if err := appendUsage(usageFile, usageRecord{Event: "start", PID: os.Getpid()}); err != nil {
		fmt.Fprintln(os.Stderr, "provider wrapper:", err)
		return 1
	}
	code, usage, err := wrap(provider, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "provider wrapper:", err)
		return 1
	}
	usage.Event, usage.PID, usage.ExitCode = "end", os.Getpid(), code
	if err := appendUsage(usageFile, usage); err != nil {
		fmt.Fprintln(os.Stderr, "provider wrapper:", err)
		return 1
	}
	return code
}

// wrap runs provider with args and this process's environment and standard
// streams, and returns its exit code and resource usage. SIGTERM is passed
// on to it; SIGINT is not, as the provider, in the same process group,
// receives its own (and, as go-plugin servers do, ignores it: Terraform
// stops it).
func wrap(provider string, args []string) (int, usageRecord, error) {
	cmd := exec.Command(provider, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		return 0, usageRecord{}, err
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			select {
			case sig := <-signals:
				if sig == syscall.SIGTERM {
					_ = cmd.Process.Signal(sig)
				}
			case <-done:
				return
			}
		}
	}()
	err := cmd.Wait()
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return 0, usageRecord{}, err
	}
	return cmd.ProcessState.ExitCode(), usageOf(cmd.ProcessState), nil
}

// usageOf returns the CPU time and peak resident set of a process that
// exited.
func usageOf(state *os.ProcessState) usageRecord {
	ru, ok := state.SysUsage().(*syscall.Rusage)
	if !ok {
		return usageRecord{UserNanos: int64(state.UserTime()), SysNanos: int64(state.SystemTime())}
	}
	return usageRecord{
		UserNanos: ru.Utime.Nano(),
		SysNanos:  ru.Stime.Nano(),
		MaxRSSKiB: ru.Maxrss, // kilobytes on Linux
	}
}

// appendUsage appends one record to the usage file. Records are short lines
// written with one write(2) in append mode, so the providers Terraform runs
// at once do not mix theirs.
func appendUsage(name string, rec usageRecord) error {
	if name == "" {
		return errors.New(envUsageFile + " is not set")
	}
	line, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(line, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// providerUsage is the usage of every provider process of one Terraform
// command.
type providerUsage struct {
	processes int
	cpu       time.Duration // user and system time, summed
	maxRSSKiB int64         // the largest peak resident set
}

// readUsage reads a usage file. It fails when a provider started and
// recorded no end: its usage would be missing from the sums.
func readUsage(name string) (providerUsage, error) {
	data, err := os.ReadFile(name)
	if errors.Is(err, os.ErrNotExist) {
		return providerUsage{}, nil
	}
	if err != nil {
		return providerUsage{}, err
	}
	var u providerUsage
	started := map[int]bool{}
	for i, line := range splitLines(data) {
		var rec usageRecord
		if err := json.Unmarshal(line, &rec); err != nil {
			return providerUsage{}, fmt.Errorf("%s line %d: %w", filepath.Base(name), i+1, err)
		}
		switch rec.Event {
		case "start":
			started[rec.PID] = true
		case "end":
			if !started[rec.PID] {
				return providerUsage{}, fmt.Errorf("%s line %d: end of provider wrapper %d that never started", filepath.Base(name), i+1, rec.PID)
			}
			delete(started, rec.PID)
			u.processes++
			u.cpu += time.Duration(rec.UserNanos + rec.SysNanos)
			u.maxRSSKiB = max(u.maxRSSKiB, rec.MaxRSSKiB)
		default:
			return providerUsage{}, fmt.Errorf("%s line %d: unknown event %q", filepath.Base(name), i+1, rec.Event)
		}
	}
	if len(started) > 0 {
		return providerUsage{}, fmt.Errorf("%d provider process(es) started and never reported their usage: Terraform did not wait for them", len(started))
	}
	return u, nil
}

// splitLines returns the non-empty lines of data.
func splitLines(data []byte) [][]byte {
	var lines [][]byte
	start := 0
	for i, b := range data {
		if b == '\n' {
			if i > start {
				lines = append(lines, data[start:i])
			}
			start = i + 1
		}
	}
	if start < len(data) {
		lines = append(lines, data[start:])
	}
	return lines
}
