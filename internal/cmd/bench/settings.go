//go:build linux

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// settings are the sizes and repetitions of a run.
type settings struct {
	// root is the module's root directory, where the provider is built and
	// the Go benchmarks run.
	root string
	// out is the markdown file whose generated section is replaced; empty
	// prints the report only.
	out string
	// provider is a prebuilt provider binary; empty builds one from root.
	provider string
	// terraforms are the Terraform CLIs the cases run with: cases 1 to 3
	// with each of them, cases 4 to 7 (which measure the API's pace, the
	// bulk resource's scale or the provider's stop) with the first.
	terraforms []string
	// forEach also runs cases 1 and 2 with for_each over a set of the
	// ids, besides count over their list.
	forEach bool

	// reps is how many times each Terraform case runs; the report gives
	// the median.
	reps int
	// tracks is N of the apply and no-op plan cases.
	tracks int
	// playlists is P of the playlists data source case, read in pages of
	// pageSize.
	playlists int
	pageSize  int
	// throttleTracks are applied against an API limited to rate requests
	// a second.
	throttleTracks int
	rate           float64
	// bulkTracks are applied against an API answering each request after
	// latency, as separate resources and as one bulk resource.
	bulkTracks int
	latency    time.Duration
	// largeTracks are held by one bulk resource as a map, beside
	// terraform_data, then twice as many; largeSetFloor also applies
	// terraform_data holding largeTracks as a set (minutes).
	largeTracks   int
	largeSetFloor bool
	// unfinishedTracks are held by one bulk resource whose apply is
	// interrupted, then cut off from the API, once a fifth are saved.
	unfinishedTracks int
	// isrcs are resolved by amazonmusic_tracks_by_isrc into one bulk
	// resource, at isrcs/5 and isrcs.
	isrcs int

	// cases are the numbers of the Terraform cases to run; cases 1 and 2
	// run together.
	cases map[int]bool

	// goBench runs the Go micro-benchmarks with -benchtime benchTime.
	goBench   bool
	benchTime string
}

// Environment variables that override the defaults (the flags win over
// them).
const (
	envQuick          = "BENCH_QUICK"
	envReps           = "BENCH_REPS"
	envTracks         = "BENCH_N"
	envPlaylists      = "BENCH_PLAYLISTS"
	envThrottleTracks = "BENCH_THROTTLE_TRACKS"
	envBulkTracks     = "BENCH_BULK_TRACKS"
	envLargeTracks    = "BENCH_LARGE_TRACKS"
	envLargeSetFloor  = "BENCH_LARGE_SET_FLOOR"
	envUnfinished     = "BENCH_UNFINISHED_TRACKS"
	envISRCs          = "BENCH_ISRCS"
	envCases          = "BENCH_CASES"
	envGoBench        = "BENCH_GO"
	envBenchTime      = "BENCH_BENCHTIME"
	envTerraform      = "BENCH_TERRAFORM"
	envForEach        = "BENCH_FOR_EACH"
)

// defaultSettings are the sizes of a full run, or of a quick one (a smoke
// test of the harness whose figures mean little).
func defaultSettings(quick bool) settings {
	s := settings{
		root:             ".",
		out:              "BENCHMARKS.md",
		terraforms:       []string{"terraform"},
		forEach:          true,
		reps:             3,
		tracks:           1000,
		playlists:        10_000,
		pageSize:         100,
		throttleTracks:   300,
		rate:             50,
		bulkTracks:       500,
		latency:          20 * time.Millisecond,
		largeTracks:      10_000,
		largeSetFloor:    true,
		unfinishedTracks: 5000,
		isrcs:            5000,
		goBench:          true,
		benchTime:        "1s",
	}
	if quick {
		s.reps = 1
		s.tracks = 100
		s.playlists = 1000
		s.throttleTracks = 100
		s.bulkTracks = 100
		s.largeTracks = 1000
		s.largeSetFloor = false
		s.unfinishedTracks = 500
		s.isrcs = 500
		s.benchTime = "100ms"
	}
	return s
}

// parseSettings reads the environment, then the command line.
func parseSettings(args []string, getenv func(string) string, stderr io.Writer) (settings, error) {
	quick, err := envBool(getenv, envQuick, false)
	if err != nil {
		return settings{}, err
	}
	s := defaultSettings(quick)
	for _, v := range []struct {
		name string
		dst  *int
	}{
		{envReps, &s.reps},
		{envTracks, &s.tracks},
		{envPlaylists, &s.playlists},
		{envThrottleTracks, &s.throttleTracks},
		{envBulkTracks, &s.bulkTracks},
		{envLargeTracks, &s.largeTracks},
		{envUnfinished, &s.unfinishedTracks},
		{envISRCs, &s.isrcs},
	} {
		if raw := strings.TrimSpace(getenv(v.name)); raw != "" {
			n, err := strconv.Atoi(raw)
			if err != nil {
				return settings{}, fmt.Errorf("%s=%q is not a whole number", v.name, raw)
			}
			*v.dst = n
		}
	}
	cases := strings.TrimSpace(getenv(envCases))
	if s.largeSetFloor, err = envBool(getenv, envLargeSetFloor, s.largeSetFloor); err != nil {
		return settings{}, err
	}
	terraforms := strings.Join(s.terraforms, ",")
	if raw := strings.TrimSpace(getenv(envTerraform)); raw != "" {
		terraforms = raw
	}
	if s.goBench, err = envBool(getenv, envGoBench, s.goBench); err != nil {
		return settings{}, err
	}
	if s.forEach, err = envBool(getenv, envForEach, s.forEach); err != nil {
		return settings{}, err
	}
	if raw := strings.TrimSpace(getenv(envBenchTime)); raw != "" {
		s.benchTime = raw
	}

	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&s.root, "root", s.root, "`directory` of the module: the provider is built and the Go benchmarks run there")
	fs.StringVar(&s.out, "out", s.out, "markdown `file` whose generated section is replaced (empty: print only)")
	fs.StringVar(&s.provider, "provider", s.provider, "prebuilt provider `binary` (default: build one from -root)")
	fs.StringVar(&terraforms, "terraform", terraforms, "comma-separated Terraform CLI `binaries`: cases 1 to 3 run with each, 4 to 7 with the first (env "+envTerraform+")")
	fs.BoolVar(&s.forEach, "for-each", s.forEach, "also run cases 1 and 2 with for_each over a set of the ids (env "+envForEach+")")
	fs.IntVar(&s.reps, "reps", s.reps, "repetitions of each Terraform case; the median is reported (env "+envReps+")")
	fs.IntVar(&s.tracks, "n", s.tracks, "tracks of the apply and no-op plan cases (env "+envTracks+")")
	fs.IntVar(&s.playlists, "playlists", s.playlists, "playlists of the data source case (env "+envPlaylists+")")
	fs.IntVar(&s.throttleTracks, "throttle-tracks", s.throttleTracks, "tracks applied against the throttled API (env "+envThrottleTracks+")")
	fs.IntVar(&s.bulkTracks, "bulk-tracks", s.bulkTracks, "tracks of the separate versus bulk case (env "+envBulkTracks+")")
	fs.IntVar(&s.largeTracks, "large-tracks", s.largeTracks, "ids of the large bulk case, then twice as many (env "+envLargeTracks+")")
	fs.IntVar(&s.unfinishedTracks, "unfinished-tracks", s.unfinishedTracks, "ids of the bulk resource whose apply is interrupted, then cut off from the API (env "+envUnfinished+")")
	fs.IntVar(&s.isrcs, "isrcs", s.isrcs, "ISRCs resolved by amazonmusic_tracks_by_isrc, at a fifth of it and at it (env "+envISRCs+")")
	fs.BoolVar(&s.largeSetFloor, "large-set-floor", s.largeSetFloor, "also apply terraform_data holding the large case's ids as a set, for minutes (env "+envLargeSetFloor+")")
	fs.StringVar(&cases, "cases", cases, "comma-separated `numbers` of the Terraform cases to run, 1 to "+strconv.Itoa(caseCount)+" (default: all; env "+envCases+")")
	fs.BoolVar(&s.goBench, "go-bench", s.goBench, "also run the Go micro-benchmarks (env "+envGoBench+")")
	fs.StringVar(&s.benchTime, "benchtime", s.benchTime, "-benchtime of the Go micro-benchmarks (env "+envBenchTime+")")
	if err := fs.Parse(args); err != nil {
		return settings{}, err
	}
	if fs.NArg() > 0 {
		return settings{}, fmt.Errorf("unexpected arguments %q: every setting is a flag", fs.Args())
	}
	if s.cases, err = parseCases(cases); err != nil {
		return settings{}, err
	}
	s.terraforms = parseList(terraforms)
	return s, s.check()
}

// check refuses sizes the cases cannot run with.
func (s settings) check() error {
	var errs []error
	for _, v := range []struct {
		name string
		n    int
	}{
		{"-reps", s.reps}, {"-n", s.tracks}, {"-playlists", s.playlists},
		{"-throttle-tracks", s.throttleTracks}, {"-bulk-tracks", s.bulkTracks}, {"-large-tracks", s.largeTracks}, {"-isrcs", s.isrcs},
	} {
		if v.n < 1 {
			errs = append(errs, fmt.Errorf("%s must be at least 1, got %d", v.name, v.n))
		}
	}
	if s.unfinishedTracks < minUnfinishedTracks {
		errs = append(errs, fmt.Errorf("-unfinished-tracks must be at least %d (a fifth of them are saved before the interrupt), got %d",
			minUnfinishedTracks, s.unfinishedTracks))
	}
	if s.benchTime == "" {
		errs = append(errs, errors.New("-benchtime must not be empty"))
	}
	if len(s.terraforms) == 0 {
		errs = append(errs, errors.New("-terraform must name at least one binary"))
	}
	return errors.Join(errs...)
}

// caseCount is the number of the last Terraform case.
const caseCount = 8

// parseCases reads a comma-separated list of case numbers; empty selects
// every case.
func parseCases(list string) (map[int]bool, error) {
	cases := map[int]bool{}
	if list == "" {
		for i := 1; i <= caseCount; i++ {
			cases[i] = true
		}
		return cases, nil
	}
	for _, f := range strings.Split(list, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > caseCount {
			return nil, fmt.Errorf("-cases %q: %q is not a case number from 1 to %d", list, f, caseCount)
		}
		cases[n] = true
	}
	// Case 2 plans what case 1 applied.
	if cases[1] || cases[2] {
		cases[1], cases[2] = true, true
	}
	return cases, nil
}

// parseList splits a comma-separated list, leaving out empty items.
func parseList(list string) []string {
	var items []string
	for _, f := range strings.Split(list, ",") {
		if f = strings.TrimSpace(f); f != "" {
			items = append(items, f)
		}
	}
	return items
}

// envBool reads a boolean environment variable: 1, true, 0, false and the
// other forms strconv.ParseBool accepts; def when unset.
func envBool(getenv func(string) string, name string, def bool) (bool, error) {
	raw := strings.TrimSpace(getenv(name))
	if raw == "" {
		return def, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return false, fmt.Errorf("%s=%q is neither true nor false (1 or 0)", name, raw)
	}
	return v, nil
}

// quickNote tells, in the report, that the sizes differ from a full run.
func (s settings) quickNote() string {
	full := defaultSettings(false)
	if s.tracks == full.tracks && s.playlists == full.playlists && s.throttleTracks == full.throttleTracks &&
		s.bulkTracks == full.bulkTracks && s.largeTracks == full.largeTracks && s.largeSetFloor == full.largeSetFloor &&
		s.unfinishedTracks == full.unfinishedTracks && s.isrcs == full.isrcs &&
		s.reps == full.reps && len(s.cases) == caseCount && s.forEach {
		return ""
	}
	return "Sizes or cases differ from a full run (" + envQuick + " or overrides): the targets are scaled where they depend " +
		"on a size, and the figures are a smoke test rather than a measurement."
}
