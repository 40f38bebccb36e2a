//go:build linux

package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

func main() {
	if isWrapper() {
		os.Exit(runWrapper())
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// run runs every case, prints the report and writes it to the output file
// unless a case failed.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	s, err := parseSettings(args, os.Getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if s.root, err = filepath.Abs(s.root); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(s.root, "go.mod")); err != nil {
		return fmt.Errorf("-root %s is not the module's root: %w", s.root, err)
	}
	if err := becomeSubreaper(); err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "amazonmusic-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	b, err := newBench(ctx, s, work, stderr)
	if err != nil {
		return err
	}
	rep, runErr := b.runAll(ctx)
	section := rep.markdown()
	fmt.Fprintln(stdout, section)
	if runErr != nil {
		return fmt.Errorf("%w\n(%s left as it was)", runErr, s.out)
	}
	if s.out == "" {
		return nil
	}
	if err := writeGenerated(s.out, section); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "wrote the results into", s.out)
	return nil
}

// bench is one run of the harness.
type bench struct {
	s    settings
	work string
	// tf runs the Terraform being measured with the provider, floorTF
	// with the framework floor provider instead (see frameworkfloor; nil
	// unless cases 1 and 2 run). useTerraform sets them.
	tf, floorTF *terraformRunner
	// label is added to the names of cases 1 to 3, naming their Terraform,
	// when the run measures several.
	label string
	// providerEnv and floorEnv are the environments of Terraform with the
	// provider and with the framework floor provider (nil without it).
	providerEnv, floorEnv []string
	// versions are the versions of s.terraforms.
	versions []string
	log      io.Writer
	env      environment
	features features
	// goEnv is the environment of go build and go test.
	goEnv []string
	// seq numbers the configuration directories.
	seq int
}

// features are the parts of the provider some cases need, found in its
// schema.
type features struct {
	maxRequestsPerSecond bool // the provider's max_requests_per_second
	bulkResource         bool // the amazonmusic_library_tracks resource
	bulkMap              bool // its track_id_map
}

// newBench builds the provider, lays out the wrapper and the CLI
// configuration in work, and describes the machine and the versions.
func newBench(ctx context.Context, s settings, work string, log io.Writer) (*bench, error) {
	b := &bench{s: s, work: work, log: log, goEnv: os.Environ()}
	realProvider := s.provider
	if realProvider == "" {
		realProvider = filepath.Join(work, "provider", providerBinaryName)
		if err := b.goBuild(ctx, "the provider", realProvider, "."); err != nil {
			return nil, err
		}
	} else if abs, err := filepath.Abs(realProvider); err == nil {
		realProvider = abs
	}
	if _, err := os.Stat(realProvider); err != nil {
		return nil, fmt.Errorf("the provider binary: %w", err)
	}

	overrides := filepath.Join(work, "overrides")
	if err := os.MkdirAll(overrides, 0o755); err != nil {
		return nil, err
	}
	if err := copyExecutable(filepath.Join(overrides, providerBinaryName)); err != nil {
		return nil, fmt.Errorf("laying out the provider wrapper: %w", err)
	}
	cliFile := filepath.Join(work, "cli.tfrc")
	if err := os.WriteFile(cliFile, []byte(cliConfig(overrides)), 0o644); err != nil {
		return nil, err
	}
	b.providerEnv = terraformEnv(os.Environ(), cliFile, realProvider)
	if s.cases[1] {
		floorProvider := filepath.Join(work, "frameworkfloor", providerBinaryName)
		if err := b.goBuild(ctx, "the framework floor provider", floorProvider, "./internal/cmd/bench/frameworkfloor"); err != nil {
			return nil, err
		}
		b.floorEnv = terraformEnv(os.Environ(), cliFile, floorProvider)
	}

	for _, tf := range s.terraforms {
		v, err := terraformVersion(ctx, tf, b.providerEnv)
		if err != nil {
			return nil, err
		}
		b.versions = append(b.versions, v)
	}
	m, err := readMachine()
	if err != nil {
		return nil, err
	}
	b.env = environment{
		date:      time.Now().UTC().Format("2006-01-02 15:04 MST"),
		cpuModel:  m.cpuModel,
		cores:     m.cores,
		memory:    m.memory,
		goVersion: runtime.Version(),
		terraform: strings.Join(b.versions, ", "),
		reps:      s.reps,
		note:      s.quickNote(),
	}
	if err := b.useTerraform(0); err != nil {
		return nil, err
	}
	if b.features, err = b.probeFeatures(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// useTerraform makes the cases run with the i-th Terraform of the
// settings.
func (b *bench) useTerraform(i int) error {
	usage := filepath.Join(b.work, fmt.Sprintf("usage-%d", i))
	b.tf = &terraformRunner{binary: b.s.terraforms[i], env: b.providerEnv, usageDir: usage}
	dirs := []string{usage}
	b.floorTF = nil
	if b.floorEnv != nil {
		floorUsage := usage + "-floor"
		b.floorTF = &terraformRunner{binary: b.s.terraforms[i], env: b.floorEnv, usageDir: floorUsage}
		dirs = append(dirs, floorUsage)
	}
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	b.label = ""
	if len(b.versions) > 1 {
		b.label = ", Terraform " + b.versions[i]
	}
	return nil
}

// goBuild builds the main package pkg of the module into binary.
func (b *bench) goBuild(ctx context.Context, what, binary, pkg string) error {
	b.logf("building %s", what)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", binary, pkg)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = b.s.root, b.goEnv, b.log, b.log
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("building %s: %w", what, err)
	}
	return nil
}

// probeFeatures reads the provider's schema through Terraform.
func (b *bench) probeFeatures(ctx context.Context) (features, error) {
	dir, err := b.config("schema", schemaConfig())
	if err != nil {
		return features{}, err
	}
	res, err := b.tf.run(ctx, dir, []string{"providers", "schema", "-json"})
	if err != nil {
		return features{}, err
	}
	return parseFeatures([]byte(res.stdout))
}

// parseFeatures finds the features in the output of
// `terraform providers schema -json`.
func parseFeatures(out []byte) (features, error) {
	var schemas struct {
		ProviderSchemas map[string]struct {
			Provider struct {
				Block struct {
					Attributes map[string]json.RawMessage `json:"attributes"`
				} `json:"block"`
			} `json:"provider"`
			ResourceSchemas map[string]struct {
				Block struct {
					Attributes map[string]json.RawMessage `json:"attributes"`
				} `json:"block"`
			} `json:"resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal(out, &schemas); err != nil {
		return features{}, fmt.Errorf("terraform providers schema -json: %w", err)
	}
	p, ok := schemas.ProviderSchemas[providerAddress]
	if !ok {
		return features{}, errors.New("terraform providers schema -json does not describe " + providerAddress)
	}
	_, rate := p.Provider.Block.Attributes["max_requests_per_second"]
	bulkSchema, bulk := p.ResourceSchemas["amazonmusic_library_tracks"]
	_, bulkMap := bulkSchema.Block.Attributes["track_id_map"]
	return features{maxRequestsPerSecond: rate, bulkResource: bulk, bulkMap: bulkMap}, nil
}

// config writes a configuration into a new directory of the run.
func (b *bench) config(name, config string) (string, error) {
	b.seq++
	return writeConfig(b.work, fmt.Sprintf("%02d-%s", b.seq, name), config)
}

// logf reports progress on the log.
func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "==> "+format+"\n", args...)
}
