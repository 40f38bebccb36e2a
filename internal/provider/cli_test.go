package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The acceptance tests that terraform-plugin-testing cannot express (for_each
// over strings, interrupts, Terraform's own logs) drive the Terraform CLI
// with the provider binary, like the examples' tests.

// requiredProvidersBlock names where the provider comes from.
const requiredProvidersBlock = `terraform {
  required_providers {
    amazonmusic = {
      source = "amazonmusic-community/amazonmusic"
    }
  }
}
`

// terraformCLI is a Terraform working directory run with the CLI and a
// provider binary.
type terraformCLI struct {
	t   *testing.T
	tf  string
	dir string
	env []string
}

// newTerraformCLI writes config, with a required_providers block, as main.tf
// of a new working directory whose Terraform takes the provider from
// pluginDir (see buildProvider). The provider's environment variables of the
// test process are cleared; env (NAME=value) is added.
func newTerraformCLI(t *testing.T, pluginDir, config string, env ...string) *terraformCLI {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(requiredProvidersBlock+config), 0o600); err != nil {
		t.Fatal(err)
	}
	full := devOverrideEnv(t, pluginDir)
	for _, s := range providerSettings {
		full = append(full, s.envVar+"=")
	}
	return &terraformCLI{t: t, tf: terraformBinary(t), dir: dir, env: append(full, env...)}
}

// run runs terraform with args and the extra environment env, and returns
// its standard output and error together.
func (c *terraformCLI) run(env []string, args ...string) (string, error) {
	c.t.Helper()
	return runTerraform(c.t, c.tf, append(c.env[:len(c.env):len(c.env)], env...), c.dir, append(args, "-no-color")...)
}

// mustRun is run that fails the test when terraform fails.
func (c *terraformCLI) mustRun(env []string, args ...string) string {
	c.t.Helper()
	out, err := c.run(env, args...)
	if err != nil {
		c.t.Fatalf("terraform %s failed: %v\n%s", args[0], err, out)
	}
	return out
}

// stateFile is what the tests read of terraform.tfstate.
type stateFile struct {
	Resources []struct {
		Mode      string          `json:"mode"`
		Type      string          `json:"type"`
		Name      string          `json:"name"`
		Instances []stateInstance `json:"instances"`
	} `json:"resources"`
}

// stateInstance is one instance of a resource in terraform.tfstate.
type stateInstance struct {
	IndexKey            any             `json:"index_key"`
	Status              string          `json:"status"` // "tainted" or empty
	Attributes          map[string]any  `json:"attributes"`
	Identity            map[string]any  `json:"identity"`
	SensitiveAttributes json.RawMessage `json:"sensitive_attributes"`
}

// instance returns the first instance of the managed resource typ.name in
// s, and whether s has one.
func (s stateFile) instance(typ, name string) (stateInstance, bool) {
	for _, r := range s.Resources {
		if r.Mode == "managed" && r.Type == typ && r.Name == name && len(r.Instances) > 0 {
			return r.Instances[0], true
		}
	}
	return stateInstance{}, false
}

// statePath is the path of the working directory's state file.
func (c *terraformCLI) statePath() string {
	return filepath.Join(c.dir, "terraform.tfstate")
}

// state reads the working directory's state file.
func (c *terraformCLI) state() stateFile {
	c.t.Helper()
	raw, err := os.ReadFile(c.statePath())
	if err != nil {
		c.t.Fatalf("reading the state: %v", err)
	}
	var s stateFile
	if err := json.Unmarshal(raw, &s); err != nil {
		c.t.Fatalf("the state is not the expected JSON: %v", err)
	}
	return s
}

// libraryTrackKeys returns the index keys of the instances of the
// amazonmusic_library_track resource called name in s, as strings ("" for an
// instance without key).
func (s stateFile) libraryTrackKeys(name string) []string {
	var keys []string
	for _, r := range s.Resources {
		if r.Mode != "managed" || r.Type != "amazonmusic_library_track" || r.Name != name {
			continue
		}
		for _, inst := range r.Instances {
			key, _ := inst.IndexKey.(string)
			keys = append(keys, key)
		}
	}
	return keys
}

// terraformProcess is a Terraform command running in the background, in a
// process group of its own with the provider it starts, as a shell runs a
// command that a terminal's Ctrl-C then signals.
type terraformProcess struct {
	t    *testing.T
	cmd  *exec.Cmd
	out  *syncBuffer
	done chan struct{}
	err  error
}

// start starts terraform with args (and -no-color) in the background. The test kills its process group at
// the end if it is still running.
func (c *terraformCLI) start(args ...string) *terraformProcess {
	c.t.Helper()
	cmd := exec.Command(c.tf, append([]string{"-chdir=" + c.dir}, append(args, "-no-color")...)...)
	cmd.Env = c.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	p := &terraformProcess{t: c.t, cmd: cmd, out: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("starting terraform %s: %v", args[0], err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	c.t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-p.done
		}
	})
	return p
}

// signal sends sig to the command's process group: os.Interrupt as a
// terminal's Ctrl-C, syscall.SIGKILL as a runner killed with its job.
func (p *terraformProcess) signal(sig syscall.Signal) {
	p.t.Helper()
	if err := syscall.Kill(-p.cmd.Process.Pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		p.t.Fatalf("signalling terraform: %v", err)
	}
}

// wait waits at most limit for the command to end and returns its output
// and error; the test fails when it runs longer.
func (p *terraformProcess) wait(limit time.Duration) (string, error) {
	p.t.Helper()
	select {
	case <-p.done:
		return p.out.String(), p.err
	case <-time.After(limit):
		p.t.Fatalf("terraform %s still runs after %v:\n%s", p.cmd.Args[2], limit, p.out.String())
		return "", nil
	}
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitUntil polls cond until it holds, failing the test with what after
// limit.
func waitUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", limit, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// writeConfig replaces main.tf of the working directory with config, with a
// required_providers block, as newTerraformCLI writes it.
func (c *terraformCLI) writeConfig(config string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(requiredProvidersBlock+config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// terraformBinary returns the Terraform CLI the acceptance tests use:
// TF_ACC_TERRAFORM_PATH when set, else terraform on PATH.
func terraformBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatalf("terraform not found on PATH: install Terraform >= 1.11: %v", err)
	}
	return p
}

// runTerraform runs the Terraform CLI with env, in dir when it is not empty,
// and returns its combined output.
func runTerraform(t *testing.T, tf string, env []string, dir string, args ...string) (string, error) {
	t.Helper()
	if dir != "" {
		args = append([]string{"-chdir=" + dir}, args...)
	}
	cmd := exec.CommandContext(t.Context(), tf, args...)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// planExitCode runs `terraform plan -detailed-exitcode` in cli with the
// extra environment env and returns its exit code (0: no changes, 2:
// changes) and output. Any other outcome fails the test.
func planExitCode(t *testing.T, cli *terraformCLI, env ...string) (int, string) {
	t.Helper()
	out, err := cli.run(env, "plan", "-detailed-exitcode", "-input=false")
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out
	case errors.As(err, &exit) && exit.ExitCode() == 2:
		return 2, out
	}
	t.Fatalf("terraform plan failed: %v\n%s", err, out)
	return 0, ""
}
