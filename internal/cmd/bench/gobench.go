//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// goBenchmarks are the Go micro-benchmarks make bench runs, by package.
// Each has sub-benchmarks at a size N and 10N, to show how the cost grows.
var goBenchmarks = []struct {
	pkg  string
	name string
}{
	{"./internal/amazonmusic", "BenchmarkPlaylistPageDecode"},
	{"./internal/provider", "BenchmarkPlaylistsState"},
	{"./internal/provider", "BenchmarkTrackIDSetChecks"},
	{"./internal/provider", "BenchmarkTrackChanges"},
}

// goBenchResult is one line of go test -bench -benchmem.
type goBenchResult struct {
	name        string // without the -GOMAXPROCS suffix
	nsPerOp     float64
	bytesPerOp  int64
	allocsPerOp int64
	// growth compares ns/op with that of the first sub-benchmark of the
	// same benchmark: "10.4x"; empty for that first one.
	growth string
}

// runGoBenchmarks runs goBenchmarks in root, one package at a time, with
// the output going to progress as well.
func runGoBenchmarks(ctx context.Context, root, benchTime string, env []string, progress io.Writer) ([]goBenchResult, error) {
	var results []goBenchResult
	for _, gb := range goBenchmarks {
		cmd := exec.CommandContext(ctx, "go", "test", "-run", "^$", "-bench", "^"+gb.name+"$",
			"-benchmem", "-benchtime", benchTime, "-count", "1", gb.pkg)
		cmd.Dir = root
		cmd.Env = env
		var out bytes.Buffer
		cmd.Stdout = io.MultiWriter(&out, progress)
		cmd.Stderr = progress
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go test -bench %s %s: %w", gb.name, gb.pkg, err)
		}
		parsed, err := parseGoBench(out.String())
		if err != nil {
			return nil, fmt.Errorf("go test -bench %s %s: %w", gb.name, gb.pkg, err)
		}
		if len(parsed) == 0 {
			return nil, fmt.Errorf("go test -bench %s %s ran no benchmark", gb.name, gb.pkg)
		}
		results = append(results, parsed...)
	}
	return results, nil
}

// parseGoBench reads the result lines of go test -bench -benchmem output:
//
//	BenchmarkX/size=100-2   	   12345	     96552 ns/op	   41052 B/op	     731 allocs/op
//
// and fills in each sub-benchmark's growth against the first of its
// benchmark.
func parseGoBench(out string) ([]goBenchResult, error) {
	var results []goBenchResult
	first := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		r := goBenchResult{name: trimProcs(fields[0])}
		for i := 2; i+1 < len(fields); i += 2 {
			v, unit := fields[i], fields[i+1]
			var err error
			switch unit {
			case "ns/op":
				r.nsPerOp, err = strconv.ParseFloat(v, 64)
			case "B/op":
				r.bytesPerOp, err = strconv.ParseInt(v, 10, 64)
			case "allocs/op":
				r.allocsPerOp, err = strconv.ParseInt(v, 10, 64)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %s %s: %w", fields[0], v, unit, err)
			}
		}
		if r.nsPerOp == 0 {
			return nil, fmt.Errorf("%s: no ns/op in %q", fields[0], sc.Text())
		}
		parent, _, isSub := strings.Cut(r.name, "/")
		if isSub {
			if base, ok := first[parent]; ok {
				r.growth = fmt.Sprintf("%.1fx", r.nsPerOp/base)
			} else {
				first[parent] = r.nsPerOp
			}
		}
		results = append(results, r)
	}
	return results, sc.Err()
}

// trimProcs drops the -GOMAXPROCS suffix go test adds to benchmark names.
func trimProcs(name string) string {
	i := strings.LastIndexByte(name, '-')
	if i < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[i+1:]); err != nil {
		return name
	}
	return name[:i]
}
