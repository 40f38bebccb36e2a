//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// tfResult is what one Terraform command cost.
type tfResult struct {
	wall time.Duration
	// cpu is the user and system time of the whole command: Terraform and
	// every provider it started.
	cpu time.Duration
	// providers is the usage of the provider processes it started.
	providers providerUsage
	stdout    string
}

// providerShare is the providers' part of the command's CPU time.
func (r tfResult) providerShare() float64 {
	if r.cpu <= 0 {
		return 0
	}
	return float64(r.providers.cpu) / float64(r.cpu)
}

// terraformRunner runs Terraform commands one at a time, each in its own
// process group, with the harness's CLI configuration.
type terraformRunner struct {
	binary string
	env    []string
	// usageDir holds one usage file per command.
	usageDir string
	seq      int
}

// leftoverGrace is how long the processes a command leaves behind may take
// to exit before they are killed.
const leftoverGrace = 5 * time.Second

// run runs terraform with args in dir and fails unless it exits 0.
func (t *terraformRunner) run(ctx context.Context, dir string, args []string) (tfResult, error) {
	t.seq++
	usageFile := filepath.Join(t.usageDir, strconv.Itoa(t.seq)+".jsonl")
	cmd := exec.CommandContext(ctx, t.binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), t.env...), envUsageFile+"="+usageFile)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// Terraform and its providers get a process group of their own: an
	// interrupt of the harness reaches Terraform once, as SIGINT, and
	// Terraform stops its providers itself.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second

	before, err := childrenCPU()
	if err != nil {
		return tfResult{}, err
	}
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	killed, reapErr := reapLeftovers(leftoverGrace)
	after, err := childrenCPU()
	if err != nil {
		return tfResult{}, err
	}

	what := "terraform " + strings.Join(args, " ")
	if ctx.Err() != nil {
		return tfResult{}, fmt.Errorf("%s in %s: interrupted", what, dir)
	}
	if runErr != nil {
		return tfResult{}, fmt.Errorf("%s in %s: %w\n%s", what, dir, runErr, tail(stdout.String(), stderr.String()))
	}
	if reapErr != nil {
		return tfResult{}, fmt.Errorf("%s: looking for processes left behind: %w", what, reapErr)
	}
	if killed > 0 {
		return tfResult{}, fmt.Errorf("%s %w: killed %d", what, errLeftovers, killed)
	}
	usage, err := readUsage(usageFile)
	if err != nil {
		return tfResult{}, fmt.Errorf("%s: %w", what, err)
	}
	return tfResult{wall: wall, cpu: after - before, providers: usage, stdout: stdout.String()}, nil
}

// tail returns the end of a failed command's output, for its error.
func tail(stdout, stderr string) string {
	const keep = 4000
	out := strings.TrimSpace(stdout)
	if len(out) > keep {
		out = "..." + out[len(out)-keep:]
	}
	errOut := strings.TrimSpace(stderr)
	if len(errOut) > keep {
		errOut = "..." + errOut[len(errOut)-keep:]
	}
	return "stdout:\n" + out + "\nstderr:\n" + errOut
}

// terraformEnv is the environment of every Terraform command: the
// harness's own without the variables that would change what Terraform or
// the provider does (TF_CLI_ARGS*, TF_LOG*, the provider's AMAZON_MUSIC_*
// settings, the CLI configuration the machine may name), plus the
// harness's CLI configuration and the real provider for the wrapper.
func terraformEnv(base []string, cliConfig, realProvider string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "TF_"), strings.HasPrefix(name, "AMAZON_MUSIC_"),
			strings.HasPrefix(name, "AMAZONMUSIC_BENCH_"), name == "CHECKPOINT_DISABLE":
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		envRealProvider+"="+realProvider,
	)
}

// cliConfig is the Terraform CLI configuration: the provider comes from
// overrideDir, and nothing is ever installed.
func cliConfig(overrideDir string) string {
	return fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, providerAddress, overrideDir)
}

// providerAddress is the provider's address in the registry.
const providerAddress = "registry.terraform.io/amazonmusic-community/amazonmusic"

// copyExecutable copies the running executable to dst, executable.
func copyExecutable(dst string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(self)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o755)
}
