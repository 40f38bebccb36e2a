//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// machine describes the CPU and memory, from /proc.
type machine struct {
	cpuModel string
	cores    int
	memory   string
}

// readMachine reads /proc/cpuinfo and /proc/meminfo.
func readMachine() (machine, error) {
	cpuinfo, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return machine{}, err
	}
	meminfo, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return machine{}, err
	}
	m := parseCPUInfo(cpuinfo)
	m.memory = parseMemTotal(meminfo)
	return m, nil
}

// parseCPUInfo returns the model of the first processor of /proc/cpuinfo
// and how many processors it lists.
func parseCPUInfo(data []byte) machine {
	var m machine
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "processor":
			m.cores++
		case "model name":
			if m.cpuModel == "" {
				m.cpuModel = strings.TrimSpace(value)
			}
		}
	}
	if m.cpuModel == "" {
		m.cpuModel = "unknown CPU"
	}
	return m
}

// parseMemTotal returns MemTotal of /proc/meminfo in GiB: "23.5 GiB".
func parseMemTotal(data []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) >= 2 && fields[0] == "MemTotal:" {
			kib, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return fmt.Sprintf("%.1f GiB", float64(kib)/(1024*1024))
			}
		}
	}
	return "unknown amount"
}

// terraformVersion asks the Terraform CLI for its version: "v1.11.4".
func terraformVersion(ctx context.Context, binary string, env []string) (string, error) {
	cmd := exec.CommandContext(ctx, binary, "version", "-json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s version -json: %w", binary, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.Version == "" {
		return "", fmt.Errorf("%s version -json answered %q", binary, out)
	}
	return "v" + v.Version, nil
}
