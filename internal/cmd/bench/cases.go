//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The Terraform commands of the cases. No configuration is initialized:
// the provider comes from dev_overrides, and terraform_data is built in.
var (
	applyArgs = []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	// With -detailed-exitcode a plan with changes exits 2, a failure to run.
	noOpPlanArgs = []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}
	readPlanArgs = []string{"plan", "-input=false", "-no-color"}
)

// Targets of the report.
const (
	maxApplyRatio        = 1.3
	maxProviderCPUShare  = 0.05
	maxPlaylistsReadTime = 2 * time.Second
	maxPlaylistsRSSKiB   = 100 * 1024
	pacedAPITimeFactor   = 1.15 // of tracks/rate, with max_requests_per_second
	unpacedAPITimeFactor = 1.5  // of tracks/rate, without
	minBulkSpeedup       = 5.0
	// refusedTracks are applied in case 4 against an API that refuses the
	// first refusedAttempts attempts of every request with Retry-After:
	// 1, at Terraform's default parallelism of 10: two waves of about 2 s
	// of waiting each, plus Terraform's own time.
	refusedTracks       = 20
	refusedAttempts     = 2
	maxRefusedApplyTime = 8 * time.Second
)

// wideBulkConcurrency is the max_concurrency of the bulk resource's second
// run in case 5.
const wideBulkConcurrency = 32

// listingPageSize is the page size the provider lists the library with.
const listingPageSize = 100

// runAll runs every case, then the Go micro-benchmarks: cases 1 to 3 with
// each Terraform of the settings, cases 4 to 8, which measure the pace of
// the API, the bulk resource's scale, the provider's stop or the
// resolution of ISRCs rather than Terraform, with the first. A case that fails or sends a wrong number of
// requests makes the returned error; the other cases still run.
func (b *bench) runAll(ctx context.Context) (report, error) {
	rep := report{env: b.env}
	var errs []error
	for i := range b.s.terraforms {
		if err := b.useTerraform(i); err != nil {
			return rep, err
		}
		for _, c := range []struct {
			number int
			run    func(context.Context, *report) error
		}{
			{1, b.applyAndPlanCases}, {3, b.playlistsCase}, {4, b.throttledCase}, {5, b.bulkCase}, {6, b.largeBulkCase},
			{7, b.unfinishedRunsCase}, {8, b.isrcCase},
		} {
			if !b.s.cases[c.number] || (i > 0 && c.number > 3) {
				continue
			}
			if err := c.run(ctx, &rep); err != nil {
				errs = append(errs, err)
				if ctx.Err() != nil {
					return rep, errors.Join(errs...)
				}
			}
		}
	}
	if err := rep.countErrors(); err != nil {
		errs = append(errs, err)
	}
	switch {
	case !b.s.goBench:
		rep.goBenchErr = "turned off (" + envGoBench + "=0)."
	default:
		b.logf("Go micro-benchmarks")
		results, err := runGoBenchmarks(ctx, b.s.root, b.s.benchTime, b.goEnv, b.log)
		if err != nil {
			rep.goBenchErr = "failed."
			errs = append(errs, err)
		}
		rep.goBench = results
	}
	return rep, errors.Join(errs...)
}

// check records a request count in the report; the same count checked in
// several repetitions is listed once.
func check(rep *report, caseName, what string, got, want int) {
	c := countCheck{caseName: caseName, what: what, got: got, want: want}
	if !slices.Contains(rep.counts, c) {
		rep.counts = append(rep.counts, c)
	}
}

// withAPI serves an emulator with opts while f runs.
func withAPI(opts emulator.Options, f func(a *api) error) error {
	a, err := startAPI(opts)
	if err != nil {
		return err
	}
	return errors.Join(f(a), a.close())
}

// applyAndPlanCases are cases 1 and 2: apply of N library tracks and the
// no-op plan after it, each beside the same with terraform_data, with count
// over the list of ids and, when the settings ask for it, with for_each over
// a set of them.
func (b *bench) applyAndPlanCases(ctx context.Context, rep *report) error {
	layouts := []bool{false}
	if b.s.forEach {
		layouts = append(layouts, true)
	}
	var errs []error
	for _, forEach := range layouts {
		if err := b.applyAndPlan(ctx, rep, forEach); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// applyAndPlan runs cases 1 and 2 with count, or with for_each.
func (b *bench) applyAndPlan(ctx context.Context, rep *report, forEach bool) error {
	n := b.s.tracks
	ids := trackIDs(n)
	layout := ""
	if forEach {
		layout = ", for_each"
	}
	applyCase := fmt.Sprintf("1. apply, N=%d%s%s", n, layout, b.label)
	planCase := fmt.Sprintf("2. no-op plan, N=%d%s%s", n, layout, b.label)
	listingPages := ceilDiv(n, listingPageSize)

	var applies, plans, floorApplies, floorPlans, frameworkApplies, frameworkPlans []tfResult
	for i := 1; i <= b.s.reps; i++ {
		b.logf("cases 1 and 2%s%s, repetition %d of %d: terraform_data", layout, b.label, i, b.s.reps)
		dir, err := b.config("floor", floorConfig(ids, forEach))
		if err != nil {
			return err
		}
		fa, err := b.tf.run(ctx, dir, applyArgs)
		if err != nil {
			return fmt.Errorf("%s, terraform_data: %w", applyCase, err)
		}
		fp, err := b.tf.run(ctx, dir, noOpPlanArgs)
		if err != nil {
			return fmt.Errorf("%s, terraform_data: %w", planCase, err)
		}
		b.logf("apply %s, no-op plan %s", seconds(fa.wall), seconds(fp.wall))

		b.logf("cases 1 and 2%s%s, repetition %d of %d: amazonmusic_library_track", layout, b.label, i, b.s.reps)
		err = withAPI(emulator.Options{CatalogSize: n}, func(a *api) error {
			dir, err := b.config("tracks", libraryTracksConfig(a.url, ids, nil, forEach))
			if err != nil {
				return err
			}
			pa, err := b.tf.run(ctx, dir, applyArgs)
			if err != nil {
				return fmt.Errorf("%s: %w", applyCase, err)
			}
			check(rep, applyCase, "PUT /v1/me/library/tracks/{id}", a.CountMethod(http.MethodPut), n)
			check(rep, applyCase, "GET and DELETE", a.CountMethod(http.MethodGet)+a.CountMethod(http.MethodDelete), 0)
			check(rep, applyCase, "tracks in the library after apply", len(a.Library()), n)

			a.reset()
			pp, err := b.tf.run(ctx, dir, noOpPlanArgs)
			if err != nil {
				return fmt.Errorf("%s: %w", planCase, err)
			}
			check(rep, planCase, "PUT and DELETE", a.CountMethod(http.MethodPut)+a.CountMethod(http.MethodDelete), 0)
			check(rep, planCase, "GET /v1/me/library/tracks (listing pages of 100)", a.Count(http.MethodGet, "/v1/me/library/tracks"), listingPages)
			check(rep, planCase, "all requests", a.Total(), listingPages)
			b.logf("apply %s, no-op plan %s", seconds(pa.wall), seconds(pp.wall))
			applies, plans = append(applies, pa), append(plans, pp)
			return nil
		})
		if err != nil {
			return err
		}
		floorApplies, floorPlans = append(floorApplies, fa), append(floorPlans, fp)

		b.logf("cases 1 and 2%s%s, repetition %d of %d: the framework floor provider", layout, b.label, i, b.s.reps)
		dir, err = b.config("framework-floor", libraryTracksConfig("http://127.0.0.1:1", ids, nil, forEach))
		if err != nil {
			return err
		}
		wa, err := b.floorTF.run(ctx, dir, applyArgs)
		if err != nil {
			return fmt.Errorf("%s, framework floor: %w", applyCase, err)
		}
		wp, err := b.floorTF.run(ctx, dir, noOpPlanArgs)
		if err != nil {
			return fmt.Errorf("%s, framework floor: %w", planCase, err)
		}
		b.logf("apply %s, no-op plan %s", seconds(wa.wall), seconds(wp.wall))
		frameworkApplies, frameworkPlans = append(frameworkApplies, wa), append(frameworkPlans, wp)
	}

	ratio := pairedRatio(applies, floorApplies)
	rep.figures = append(rep.figures,
		figure{
			caseName: applyCase,
			what:     "time: `amazonmusic_library_track` / `terraform_data`",
			measured: fmt.Sprintf("%s / %s = **%.2fx**", seconds(medianWall(applies)), seconds(medianWall(floorApplies)), ratio),
			target:   fmt.Sprintf("≤ %.1fx", maxApplyRatio),
			met:      metIf(ratio <= maxApplyRatio),
		},
		shareFigure(applyCase, applies),
	)
	rep.figures = append(rep.figures, frameworkFloorFigures(applyCase, applies, frameworkApplies)...)
	ratio = pairedRatio(plans, floorPlans)
	rep.figures = append(rep.figures,
		figure{
			caseName: planCase,
			what:     "time: `amazonmusic_library_track` / `terraform_data`",
			measured: fmt.Sprintf("%s / %s = **%.2fx**", seconds(medianWall(plans)), seconds(medianWall(floorPlans)), ratio),
		},
		shareFigure(planCase, plans),
	)
	rep.figures = append(rep.figures, frameworkFloorFigures(planCase, plans, frameworkPlans)...)
	return nil
}

// frameworkFloorFigures compare the provider's CPU time in runs with the
// framework floor provider's in floorRuns, the same commands: the floor's
// share of its commands' CPU time, and the provider's CPU time beyond the
// floor's against its whole command's.
func frameworkFloorFigures(caseName string, runs, floorRuns []tfResult) []figure {
	floorShares, ownShares := make([]float64, len(runs)), make([]float64, len(runs))
	var floorCPU, floorAllCPU, ownCPU []time.Duration
	for i, r := range runs {
		f := floorRuns[i]
		floorShares[i] = f.providerShare()
		floorCPU, floorAllCPU = append(floorCPU, f.providers.cpu), append(floorAllCPU, f.cpu)
		own := r.providers.cpu - f.providers.cpu
		ownCPU = append(ownCPU, own)
		ownShares[i] = float64(own) / float64(r.cpu)
	}
	own := median(ownShares)
	return []figure{
		{
			caseName: caseName,
			what:     "framework floor (the same resource schema, no API, no logic): its provider CPU / its whole command's CPU",
			measured: fmt.Sprintf("%s / %s = **%s**",
				seconds(medianDuration(floorCPU)), seconds(medianDuration(floorAllCPU)), percent(median(floorShares))),
		},
		{
			caseName: caseName,
			what:     "the provider's CPU beyond the framework floor's / whole command's CPU",
			measured: fmt.Sprintf("%s = **%s**", seconds(medianDuration(ownCPU)), percent(own)),
			target:   "< " + percent(maxProviderCPUShare),
			met:      metIf(own < maxProviderCPUShare),
		},
	}
}

// shareFigure is the provider processes' share of the CPU time of runs.
func shareFigure(caseName string, runs []tfResult) figure {
	shares := make([]float64, len(runs))
	var providerCPU, allCPU []time.Duration
	var processes []float64
	for i, r := range runs {
		shares[i] = r.providerShare()
		providerCPU = append(providerCPU, r.providers.cpu)
		allCPU = append(allCPU, r.cpu)
		processes = append(processes, float64(r.providers.processes))
	}
	share := median(shares)
	return figure{
		caseName: caseName,
		what:     "provider CPU (user+sys) / whole command's CPU",
		measured: fmt.Sprintf("%s / %s = **%s** (%.0f provider processes)",
			seconds(medianDuration(providerCPU)), seconds(medianDuration(allCPU)), percent(share), median(processes)),
		target: "< " + percent(maxProviderCPUShare),
		met:    metIf(share < maxProviderCPUShare),
	}
}

// pairedRatio is the median over repetitions of the ratio of a's time to
// b's in the same repetition.
func pairedRatio(a, b []tfResult) float64 {
	ratios := make([]float64, len(a))
	for i := range a {
		ratios[i] = a[i].wall.Seconds() / b[i].wall.Seconds()
	}
	return median(ratios)
}

func medianWall(runs []tfResult) time.Duration {
	walls := make([]time.Duration, len(runs))
	for i, r := range runs {
		walls[i] = r.wall
	}
	return medianDuration(walls)
}

// playlistCount finds the plan's output of the number of playlists.
var playlistCount = regexp.MustCompile(`(?m)^\s*\+?\s*` + playlistsOutput + `\s*=\s*(\d+)\s*$`)

// fewPlaylists is the smaller size case 3 reads besides P, to show how the
// read grows with the number of playlists.
const fewPlaylists = 1000

// playlistsCase is case 3: the playlists data source over 1,000 playlists,
// then over P (once when P is at most 1,000).
func (b *bench) playlistsCase(ctx context.Context, rep *report) error {
	sizes := []int{b.s.playlists}
	if b.s.playlists > fewPlaylists {
		sizes = []int{fewPlaylists, b.s.playlists}
	}
	for _, p := range sizes {
		if err := b.playlistsRead(ctx, rep, p); err != nil {
			return err
		}
	}
	return nil
}

// playlistsRead is case 3 over p playlists.
func (b *bench) playlistsRead(ctx context.Context, rep *report, p int) error {
	size := b.s.pageSize
	caseName := fmt.Sprintf("3. `amazonmusic_playlists`, P=%d, page_size=%d%s", p, size, b.label)
	pages := ceilDiv(p, size)
	var runs []tfResult
	var spans []time.Duration
	for i := 1; i <= b.s.reps; i++ {
		b.logf("case 3%s, repetition %d of %d", b.label, i, b.s.reps)
		err := withAPI(emulator.Options{Playlists: p}, func(a *api) error {
			dir, err := b.config("playlists", playlistsConfig(a.url, size))
			if err != nil {
				return err
			}
			res, err := b.tf.run(ctx, dir, readPlanArgs)
			if err != nil {
				return fmt.Errorf("%s: %w", caseName, err)
			}
			check(rep, caseName, "GET /v1/me/playlists (ceil(P/page_size))", a.Count(http.MethodGet, "/v1/me/playlists"), pages)
			check(rep, caseName, "all requests", a.Total(), pages)
			m := playlistCount.FindStringSubmatch(res.stdout)
			got := -1
			if m != nil {
				got, _ = strconv.Atoi(m[1])
			}
			check(rep, caseName, "playlists in the output", got, p)
			b.logf("plan %s, API %s, provider peak RSS %s", seconds(res.wall), seconds(a.span()), mib(res.providers.maxRSSKiB))
			runs, spans = append(runs, res), append(spans, a.span())
			return nil
		})
		if err != nil {
			return err
		}
	}
	wall := medianWall(runs)
	var providerCPU []time.Duration
	var peak int64
	for _, r := range runs {
		providerCPU = append(providerCPU, r.providers.cpu)
		peak = max(peak, r.providers.maxRSSKiB)
	}
	rep.figures = append(rep.figures,
		figure{
			caseName: caseName,
			what:     "time of `terraform plan`, the read end to end",
			measured: "**" + seconds(wall) + "**",
			target:   "< " + seconds(maxPlaylistsReadTime),
			met:      metIf(wall < maxPlaylistsReadTime),
		},
		figure{
			caseName: caseName,
			what:     "of which the API walk (first request to last answer); provider CPU",
			measured: seconds(medianDuration(spans)) + "; " + seconds(medianDuration(providerCPU)),
		},
		figure{
			caseName: caseName,
			what:     "provider peak RSS (largest process, largest run)",
			measured: "**" + mib(peak) + "**",
			target:   "< " + mib(maxPlaylistsRSSKiB),
			met:      metIf(peak < maxPlaylistsRSSKiB),
		},
	)
	return nil
}

// throttledCase is case 4: tracks applied against an API that answers 429
// beyond R requests a second, with and without max_requests_per_second.
func (b *bench) throttledCase(ctx context.Context, rep *report) error {
	t, r := b.s.throttleTracks, b.s.rate
	ids := trackIDs(t)
	ideal := time.Duration(float64(t) / r * float64(time.Second))
	variants := []struct {
		name   string
		extra  map[string]string
		factor float64
		ok     bool
	}{
		{"with `max_requests_per_second = " + strconv.FormatFloat(r, 'g', -1, 64) + "`",
			map[string]string{"max_requests_per_second": strconv.FormatFloat(r, 'g', -1, 64)}, pacedAPITimeFactor, b.features.maxRequestsPerSecond},
		{"without `max_requests_per_second`", nil, unpacedAPITimeFactor, true},
	}
	for _, v := range variants {
		caseName := fmt.Sprintf("4. apply of %d tracks, API throttled at %g req/s, %s", t, r, v.name)
		target := time.Duration(v.factor * float64(ideal))
		if !v.ok {
			rep.figures = append(rep.figures, figure{
				caseName: caseName, what: "API time; apply time; 429s",
				measured: "not available: the provider has no `max_requests_per_second`",
				target:   "API ≤ " + seconds(target),
			})
			continue
		}
		var runs []tfResult
		var spans []time.Duration
		var throttled []float64
		for i := 1; i <= b.s.reps; i++ {
			b.logf("case 4 %s, repetition %d of %d", v.name, i, b.s.reps)
			err := withAPI(emulator.Options{CatalogSize: t, RateLimit: r}, func(a *api) error {
				dir, err := b.config("throttled", libraryTracksConfig(a.url, ids, v.extra, false))
				if err != nil {
					return err
				}
				res, err := b.tf.run(ctx, dir, applyArgs)
				if err != nil {
					return fmt.Errorf("%s: %w", caseName, err)
				}
				n429 := a.Throttled()
				check(rep, caseName, "tracks in the library after apply", len(a.Library()), t)
				check(rep, caseName, "PUT answered other than 429 (PUT sent less 429s)", a.CountMethod(http.MethodPut)-n429, t)
				check(rep, caseName, "GET and DELETE", a.CountMethod(http.MethodGet)+a.CountMethod(http.MethodDelete), 0)
				b.logf("apply %s, API %s, %d answered 429", seconds(res.wall), seconds(a.span()), n429)
				runs, spans, throttled = append(runs, res), append(spans, a.span()), append(throttled, float64(n429))
				return nil
			})
			if err != nil {
				return err
			}
		}
		span := medianDuration(spans)
		rep.figures = append(rep.figures, figure{
			caseName: caseName,
			what:     "API time (first request to last answer); apply time; 429s received",
			measured: fmt.Sprintf("**%s**; %s; %.0f", seconds(span), seconds(medianWall(runs)), median(throttled)),
			target:   fmt.Sprintf("API ≤ %s (%.2f × %d/%g)", seconds(target), v.factor, t, r),
			met:      metIf(span <= target),
		})
	}
	return b.refusedCase(ctx, rep)
}

// refusedCase runs with case 4: refusedTracks applied against an API that
// refuses the first refusedAttempts attempts of every distinct request
// with Retry-After: 1 (a limit per resource rather than per account).
func (b *bench) refusedCase(ctx context.Context, rep *report) error {
	ids := trackIDs(refusedTracks)
	caseName := fmt.Sprintf("4. apply of %d tracks, every request refused %d times with `Retry-After: 1`", refusedTracks, refusedAttempts)
	var runs []tfResult
	for i := 1; i <= b.s.reps; i++ {
		b.logf("case 4, refusals of each request, repetition %d of %d", i, b.s.reps)
		opts := emulator.Options{CatalogSize: refusedTracks, RefuseEachRequest: refusedAttempts, RefusalRetryAfter: "1"}
		err := withAPI(opts, func(a *api) error {
			dir, err := b.config("refused", libraryTracksConfig(a.url, ids, nil, false))
			if err != nil {
				return err
			}
			res, err := b.tf.run(ctx, dir, applyArgs)
			if err != nil {
				return fmt.Errorf("%s: %w", caseName, err)
			}
			answered := 0
			for _, id := range ids {
				path := "/v1/me/library/tracks/" + id
				if a.Count(http.MethodPut, path)-a.Refused(http.MethodPut, path) == 1 {
					answered++
				}
			}
			check(rep, caseName, "tracks in the library after apply", len(a.Library()), refusedTracks)
			check(rep, caseName, "tracks with exactly one PUT answered other than 429", answered, refusedTracks)
			b.logf("apply %s, API %s, %d answered 429", seconds(res.wall), seconds(a.span()), a.RefusedTotal())
			runs = append(runs, res)
			return nil
		})
		if err != nil {
			return err
		}
	}
	wall := medianWall(runs)
	rep.figures = append(rep.figures, figure{
		caseName: caseName,
		what:     "apply time through Terraform (parallelism 10)",
		measured: "**" + seconds(wall) + "**",
		target:   "≤ " + seconds(maxRefusedApplyTime),
		met:      metIf(wall <= maxRefusedApplyTime),
	})
	return nil
}

// bulkCase is case 5: tracks applied against an API with latency, as
// separate resources and as one amazonmusic_library_tracks.
func (b *bench) bulkCase(ctx context.Context, rep *report) error {
	n, latency := b.s.bulkTracks, b.s.latency
	ids := trackIDs(n)
	caseName := fmt.Sprintf("5. apply of %d tracks, API latency %s", n, latency)
	if !b.features.bulkResource {
		rep.figures = append(rep.figures, figure{
			caseName: caseName, what: "time: separate resources / one `amazonmusic_library_tracks`",
			measured: "not available: the provider has no `amazonmusic_library_tracks`",
			target:   fmt.Sprintf("≥ %.0fx", minBulkSpeedup),
		})
		return nil
	}
	apply := func(name string, config func(url string) string) (tfResult, error) {
		var res tfResult
		err := withAPI(emulator.Options{CatalogSize: n, Latency: latency}, func(a *api) error {
			dir, err := b.config(name, config(a.url))
			if err != nil {
				return err
			}
			if res, err = b.tf.run(ctx, dir, applyArgs); err != nil {
				return fmt.Errorf("%s, %s: %w", caseName, name, err)
			}
			check(rep, caseName, name+": PUT /v1/me/library/tracks/{id}", a.CountMethod(http.MethodPut), n)
			check(rep, caseName, name+": DELETE", a.CountMethod(http.MethodDelete), 0)
			check(rep, caseName, name+": tracks in the library after apply", len(a.Library()), n)
			b.logf("%s: apply %s, API %s, %d GET", name, seconds(res.wall), seconds(a.span()), a.CountMethod(http.MethodGet))
			return nil
		})
		return res, err
	}
	var separate, bulk, bulkWide, floor []tfResult
	wide := map[string]string{"max_concurrency": strconv.Itoa(wideBulkConcurrency)}
	for i := 1; i <= b.s.reps; i++ {
		b.logf("case 5, repetition %d of %d", i, b.s.reps)
		s, err := apply("separate", func(url string) string { return libraryTracksConfig(url, ids, nil, false) })
		if err != nil {
			return err
		}
		k, err := apply("bulk", func(url string) string { return bulkConfig(url, ids, nil) })
		if err != nil {
			return err
		}
		w, err := apply("bulk at max_concurrency "+wide["max_concurrency"], func(url string) string { return bulkConfig(url, ids, wide) })
		if err != nil {
			return err
		}
		dir, err := b.config("bulk-floor", floorSetConfig(ids))
		if err != nil {
			return err
		}
		f, err := b.tf.run(ctx, dir, applyArgs)
		if err != nil {
			return fmt.Errorf("%s, terraform_data: %w", caseName, err)
		}
		b.logf("terraform_data holding the ids: apply %s", seconds(f.wall))
		separate, bulk, bulkWide, floor = append(separate, s), append(bulk, k), append(bulkWide, w), append(floor, f)
	}
	speedup := pairedRatio(separate, bulk)
	wideSpeedup := pairedRatio(separate, bulkWide)
	floorSpeedup := pairedRatio(separate, floor)
	rep.figures = append(rep.figures,
		figure{
			caseName: caseName,
			what:     "time: separate `amazonmusic_library_track` / one `amazonmusic_library_tracks` (default `max_concurrency` 8)",
			measured: fmt.Sprintf("%s / %s = **%.1fx**", seconds(medianWall(separate)), seconds(medianWall(bulk)), speedup),
			target:   fmt.Sprintf("≥ %.0fx", minBulkSpeedup),
			met:      metIf(speedup >= minBulkSpeedup),
		},
		figure{
			caseName: caseName,
			what:     fmt.Sprintf("time: separate / one `amazonmusic_library_tracks` with `max_concurrency = %d`", wideBulkConcurrency),
			measured: fmt.Sprintf("%s / %s = **%.1fx**", seconds(medianWall(separate)), seconds(medianWall(bulkWide)), wideSpeedup),
			target:   fmt.Sprintf("≥ %.0fx", minBulkSpeedup),
			met:      metIf(wideSpeedup >= minBulkSpeedup),
		},
		figure{
			caseName: caseName,
			what:     "floor: one `terraform_data` holding the same ids as a set (no plugin, no API); separate / floor, the most one resource could gain",
			measured: fmt.Sprintf("%s; %s / %s = **%.1fx**", seconds(medianWall(floor)), seconds(medianWall(separate)), seconds(medianWall(floor)), floorSpeedup),
		},
	)
	return nil
}
