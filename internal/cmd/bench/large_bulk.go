//go:build linux

package main

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Targets of case 6.
const (
	// maxLargeBulkFactor bounds the bulk resource's apply (beyond the time
	// its requests take) and no-op plan against terraform_data's.
	maxLargeBulkFactor = 2.0
	// maxLargeBulkGrowth bounds each figure at twice the ids against the
	// same figure at the first size: linear, not quadratic.
	maxLargeBulkGrowth = 2.5
	maxLargeBulkRSSKiB = 200 * 1024
	// largeBulkConcurrency is the bulk resource's max_concurrency.
	largeBulkConcurrency = 32
)

// importArgs import the whole library into the bulk resource of
// bulkMapConfig.
var importArgs = []string{"import", "-input=false", "-no-color", bulkMapAddress, "*"}

// largeBulkRun is what one size of case 6 measured in one repetition.
type largeBulkRun struct {
	apply, plan, importRun tfResult
	// span is the time the apply's requests took, from the first request
	// to the last answer.
	span                  time.Duration
	floorApply, floorPlan tfResult
}

// largeBulkCase is case 6: one amazonmusic_library_tracks holding L ids in
// track_id_map, then 2L, beside terraform_data holding the same ids as a
// map (and, once, L ids as a set): apply, no-op plan and import of the
// whole library, with the API answering at once.
func (b *bench) largeBulkCase(ctx context.Context, rep *report) error {
	if !b.features.bulkMap {
		rep.figures = append(rep.figures, figure{
			caseName: fmt.Sprintf("6. %d ids in one `amazonmusic_library_tracks`", b.s.largeTracks),
			what:     "apply, no-op plan", measured: "not available: the provider has no `track_id_map`",
		})
		return nil
	}
	sizes := []int{b.s.largeTracks, 2 * b.s.largeTracks}
	runs := make([][]largeBulkRun, len(sizes))
	var setFloor []tfResult
	for i := 1; i <= b.s.reps; i++ {
		for j, n := range sizes {
			b.logf("case 6, %d ids, repetition %d of %d", n, i, b.s.reps)
			run, err := b.largeBulkSize(ctx, rep, n)
			if err != nil {
				return err
			}
			runs[j] = append(runs[j], run)
		}
		if b.s.largeSetFloor && i == 1 {
			b.logf("case 6, terraform_data holding %d ids as a set", sizes[0])
			dir, err := b.config("large-set-floor", floorSetConfig(trackIDs(sizes[0])))
			if err != nil {
				return err
			}
			res, err := b.tf.run(ctx, dir, applyArgs)
			if err != nil {
				return fmt.Errorf("6. terraform_data as a set: %w", err)
			}
			b.logf("apply %s", seconds(res.wall))
			setFloor = append(setFloor, res)
		}
	}
	rep.figures = append(rep.figures, largeBulkFigures(sizes, runs, setFloor)...)
	return nil
}

// largeBulkSize runs case 6 once at n ids: terraform_data as a map, then
// the bulk resource's apply, no-op plan, and import of the library.
func (b *bench) largeBulkSize(ctx context.Context, rep *report, n int) (largeBulkRun, error) {
	var run largeBulkRun
	ids := trackIDs(n)
	caseName := fmt.Sprintf("6. %d ids in one `amazonmusic_library_tracks` (`track_id_map`)", n)
	dir, err := b.config("large-map-floor", floorMapConfig(ids))
	if err != nil {
		return run, err
	}
	if run.floorApply, err = b.tf.run(ctx, dir, applyArgs); err != nil {
		return run, fmt.Errorf("%s, terraform_data: %w", caseName, err)
	}
	if run.floorPlan, err = b.tf.run(ctx, dir, noOpPlanArgs); err != nil {
		return run, fmt.Errorf("%s, terraform_data: %w", caseName, err)
	}
	pages := ceilDiv(n, listingPageSize)
	err = withAPI(emulator.Options{CatalogSize: n}, func(a *api) error {
		config := bulkMapConfig(a.url, ids, largeBulkConcurrency)
		dir, err := b.config("large-bulk", config)
		if err != nil {
			return err
		}
		if run.apply, err = b.tf.run(ctx, dir, applyArgs); err != nil {
			return fmt.Errorf("%s: %w", caseName, err)
		}
		run.span = a.span()
		check(rep, caseName, "apply: PUT /v1/me/library/tracks/{id}", a.CountMethod(http.MethodPut), n)
		check(rep, caseName, "apply: GET and DELETE", a.CountMethod(http.MethodGet)+a.CountMethod(http.MethodDelete), 0)
		check(rep, caseName, "tracks in the library after apply", len(a.Library()), n)

		a.reset()
		if run.plan, err = b.tf.run(ctx, dir, noOpPlanArgs); err != nil {
			return fmt.Errorf("%s: %w", caseName, err)
		}
		check(rep, caseName, "no-op plan: PUT and DELETE", a.CountMethod(http.MethodPut)+a.CountMethod(http.MethodDelete), 0)
		check(rep, caseName, "no-op plan: all requests (listing pages of 100)", a.Total(), pages)

		a.reset()
		// The import cannot know max_concurrency, which the next plan
		// would show; the ids are what it must get right.
		importDir, err := b.config("large-import", bulkMapConfig(a.url, ids, 0))
		if err != nil {
			return err
		}
		if run.importRun, err = b.tf.run(ctx, importDir, importArgs); err != nil {
			return fmt.Errorf("%s, import: %w", caseName, err)
		}
		check(rep, caseName, "import of the library: PUT and DELETE", a.CountMethod(http.MethodPut)+a.CountMethod(http.MethodDelete), 0)
		check(rep, caseName, "import of the library: all requests (listing pages of 100)", a.Total(), pages)
		if _, err = b.tf.run(ctx, importDir, noOpPlanArgs); err != nil {
			return fmt.Errorf("%s, the plan after the import: %w", caseName, err)
		}
		return nil
	})
	b.logf("terraform_data: apply %s, plan %s; bulk: apply %s (requests %s), plan %s, import %s, provider peak RSS %s",
		seconds(run.floorApply.wall), seconds(run.floorPlan.wall), seconds(run.apply.wall), seconds(run.span),
		seconds(run.plan.wall), seconds(run.importRun.wall), mib(run.peakRSS()))
	return run, err
}

// peakRSS is the largest provider process's peak resident memory.
func (r largeBulkRun) peakRSS() int64 {
	return max(r.apply.providers.maxRSSKiB, r.plan.providers.maxRSSKiB, r.importRun.providers.maxRSSKiB)
}

// largeBulkFigures are case 6's lines of the report: at the first size the
// apply and the no-op plan against terraform_data's, at the second each
// against the first size's, the import, the memory, and the set floor.
func largeBulkFigures(sizes []int, runs [][]largeBulkRun, setFloor []tfResult) []figure {
	pick := func(rs []largeBulkRun, f func(largeBulkRun) time.Duration) time.Duration {
		ds := make([]time.Duration, len(rs))
		for i, r := range rs {
			ds[i] = f(r)
		}
		return medianDuration(ds)
	}
	apply := func(r largeBulkRun) time.Duration { return r.apply.wall }
	plan := func(r largeBulkRun) time.Duration { return r.plan.wall }
	small, large := runs[0], runs[1]
	name := func(n int) string {
		return fmt.Sprintf("6. %d ids in one `amazonmusic_library_tracks` (`track_id_map`), `max_concurrency = %d`, no latency",
			n, largeBulkConcurrency)
	}
	floorApply, floorPlan := pick(small, func(r largeBulkRun) time.Duration { return r.floorApply.wall }),
		pick(small, func(r largeBulkRun) time.Duration { return r.floorPlan.wall })
	span := pick(small, func(r largeBulkRun) time.Duration { return r.span })
	applyBound := time.Duration(maxLargeBulkFactor*float64(floorApply)) + span
	planBound := time.Duration(maxLargeBulkFactor * float64(floorPlan))
	figures := []figure{
		{
			caseName: name(sizes[0]),
			what:     "apply; `terraform_data` holding the same ids as a map; the requests (first to last answer)",
			measured: fmt.Sprintf("**%s**; %s; %s", seconds(pick(small, apply)), seconds(floorApply), seconds(span)),
			target:   fmt.Sprintf("≤ %s (%.0f × %s + %s)", seconds(applyBound), maxLargeBulkFactor, seconds(floorApply), seconds(span)),
			met:      metIf(pick(small, apply) <= applyBound),
		},
		{
			caseName: name(sizes[0]),
			what:     "no-op plan / `terraform_data`'s no-op plan",
			measured: fmt.Sprintf("%s / %s = **%.2fx**", seconds(pick(small, plan)), seconds(floorPlan), ratioOf(pick(small, plan), floorPlan)),
			target:   fmt.Sprintf("≤ %.0fx", maxLargeBulkFactor),
			met:      metIf(pick(small, plan) <= planBound),
		},
	}
	for _, g := range []struct {
		what string
		f    func(largeBulkRun) time.Duration
	}{{"apply", apply}, {"no-op plan", plan}} {
		growth := ratioOf(pick(large, g.f), pick(small, g.f))
		figures = append(figures, figure{
			caseName: name(sizes[1]),
			what:     fmt.Sprintf("%s / the same at %d ids", g.what, sizes[0]),
			measured: fmt.Sprintf("%s / %s = **%.2fx**", seconds(pick(large, g.f)), seconds(pick(small, g.f)), growth),
			target:   fmt.Sprintf("≤ %.1fx", maxLargeBulkGrowth),
			met:      metIf(growth <= maxLargeBulkGrowth),
		})
	}
	var peak int64
	for _, r := range large {
		peak = max(peak, r.peakRSS())
	}
	figures = append(figures,
		figure{
			caseName: name(sizes[1]),
			what:     "`terraform_data` as a map: apply; no-op plan. The bulk resource's requests (first to last answer)",
			measured: fmt.Sprintf("%s; %s. %s",
				seconds(pick(large, func(r largeBulkRun) time.Duration { return r.floorApply.wall })),
				seconds(pick(large, func(r largeBulkRun) time.Duration { return r.floorPlan.wall })),
				seconds(pick(large, func(r largeBulkRun) time.Duration { return r.span }))),
		},
		figure{
			caseName: name(sizes[1]),
			what:     "provider peak RSS (largest process: apply, plan or import)",
			measured: "**" + mib(peak) + "**",
			target:   "< " + mib(maxLargeBulkRSSKiB),
			met:      metIf(peak < maxLargeBulkRSSKiB),
		},
	)
	for i, rs := range runs {
		figures = append(figures, figure{
			caseName: name(sizes[i]),
			what:     "`terraform import` of the whole library (id `*`), its refresh included",
			measured: seconds(pick(rs, func(r largeBulkRun) time.Duration { return r.importRun.wall })),
		})
	}
	setWhat := "`terraform_data` holding the same ids as a set: apply"
	setMeasured := "skipped (" + envLargeSetFloor + "=0)"
	if len(setFloor) > 0 {
		setMeasured = fmt.Sprintf("%s, %.0fx the bulk resource's apply", seconds(setFloor[0].wall),
			ratioOf(setFloor[0].wall, small[0].apply.wall))
	}
	return append(figures, figure{caseName: name(sizes[0]), what: setWhat, measured: setMeasured})
}

// ratioOf is a / b, 0 when b is 0.
func ratioOf(a, b time.Duration) float64 {
	if b <= 0 {
		return 0
	}
	return a.Seconds() / b.Seconds()
}
