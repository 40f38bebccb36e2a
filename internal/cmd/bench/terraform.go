//go:build linux

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/providerenv"
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
	stderr    string
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
	p, err := t.start(ctx, dir, args)
	if err != nil {
		return tfResult{}, err
	}
	res, exitErr, err := p.end()
	if exitErr != nil {
		return tfResult{}, fmt.Errorf("%s in %s: %w\n%s", p.what, dir, exitErr, tail(res.stdout, res.stderr))
	}
	if err != nil {
		return tfResult{}, err
	}
	return res, nil
}

// tfProcess is a Terraform command running in the background, started by
// terraformRunner.start; end waits for it.
type tfProcess struct {
	cmd       *exec.Cmd
	ctx       context.Context
	what      string
	usageFile string
	// cpuBefore is the harness's children's CPU time when it started.
	cpuBefore      time.Duration
	stdout, stderr bytes.Buffer
	started        time.Time
	// exited is when the command's Wait returned, waitErr what it
	// returned; both are set once done is closed.
	done    chan struct{}
	exited  time.Time
	waitErr error
}

// start starts terraform with args in dir, in a process group of its own,
// and returns at once.
func (t *terraformRunner) start(ctx context.Context, dir string, args []string) (*tfProcess, error) {
	t.seq++
	p := &tfProcess{
		ctx:       ctx,
		what:      "terraform " + strings.Join(args, " "),
		usageFile: filepath.Join(t.usageDir, strconv.Itoa(t.seq)+".jsonl"),
		done:      make(chan struct{}),
	}
	cmd := exec.CommandContext(ctx, t.binary, args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), t.env...), envUsageFile+"="+p.usageFile)
	cmd.Stdout, cmd.Stderr = &p.stdout, &p.stderr
	// Terraform and its providers get a process group of their own: an
	// interrupt of the harness reaches Terraform once, as SIGINT, and
	// Terraform stops its providers itself.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = p.interrupt
	cmd.WaitDelay = 30 * time.Second
	p.cmd = cmd

	var err error
	if p.cpuBefore, err = childrenCPU(); err != nil {
		return nil, err
	}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s in %s: %w", p.what, dir, err)
	}
	go func() {
		p.waitErr = cmd.Wait()
		p.exited = time.Now()
		close(p.done)
	}()
	return p, nil
}

// interrupt sends SIGINT to the command's process group, as a terminal's
// Ctrl-C does. A group that has exited meanwhile is no error.
func (p *tfProcess) interrupt() error {
	if err := syscall.Kill(-p.cmd.Process.Pid, syscall.SIGINT); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("interrupting %s: %w", p.what, err)
	}
	return nil
}

// kill kills the command's process group, for a run the harness gives up
// on, and waits for it and for what it left behind.
func (p *tfProcess) kill() {
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	<-p.done
	_, _ = reapLeftovers(leftoverGrace)
}

// exitWithin waits up to limit for the command to exit; past it, it kills
// the command and fails.
func (p *tfProcess) exitWithin(limit time.Duration) error {
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-p.done:
		return nil
	case <-timer.C:
		p.kill()
		return fmt.Errorf("%s in %s still ran after %s: killed", p.what, p.cmd.Dir, limit)
	}
}

// end waits for the command to exit, then for the processes it left
// behind. exitErr is the command's own failure (nil when it exited 0), with
// res still describing the run; err is what keeps the harness from
// trusting the run: the harness interrupted, processes that had to be
// killed, usage lost (read only after an exit 0).
func (p *tfProcess) end() (res tfResult, exitErr, err error) {
	<-p.done
	killed, reapErr := reapLeftovers(leftoverGrace)
	after, err := childrenCPU()
	if err != nil {
		return tfResult{}, nil, err
	}
	if p.ctx.Err() != nil {
		return tfResult{}, nil, fmt.Errorf("%s in %s: interrupted", p.what, p.cmd.Dir)
	}
	res = tfResult{wall: p.exited.Sub(p.started), cpu: after - p.cpuBefore, stdout: p.stdout.String(), stderr: p.stderr.String()}
	switch {
	case reapErr != nil:
		err = fmt.Errorf("%s: looking for processes left behind: %w", p.what, reapErr)
	case killed > 0:
		err = fmt.Errorf("%s %w: killed %d", p.what, errLeftovers, killed)
	case p.waitErr == nil:
		if res.providers, err = readUsage(p.usageFile); err != nil {
			err = fmt.Errorf("%s: %w", p.what, err)
		}
	}
	return res, p.waitErr, err
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
// the provider does (TF_CLI_ARGS*, TF_LOG*, the variables of the provider's
// settings, the CLI configuration the machine may name), plus the
// harness's CLI configuration and the real provider for the wrapper.
func terraformEnv(base []string, cliConfig, realProvider string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "TF_"), strings.HasPrefix(name, providerenv.Prefix),
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
