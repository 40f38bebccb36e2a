//go:build linux

package main

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// isrcCase is case 8: amazonmusic_tracks_by_isrc resolving I ISRCs, one
// search each, into one amazonmusic_library_tracks (track_id_map) that
// saves the track found for each, against an API answering every request
// after the latency of case 5; then the no-op plan, which searches them
// all again (a data source is read on every plan). It runs at I/5 and I.
func (b *bench) isrcCase(ctx context.Context, rep *report) error {
	sizes := []int{b.s.isrcs}
	if b.s.isrcs >= 5 {
		sizes = []int{b.s.isrcs / 5, b.s.isrcs}
	}
	for _, n := range sizes {
		if err := b.isrcRun(ctx, rep, n); err != nil {
			return err
		}
	}
	return nil
}

// isrcRun is case 8 over n ISRCs.
func (b *bench) isrcRun(ctx context.Context, rep *report, n int) error {
	latency := b.s.latency
	caseName := fmt.Sprintf("8. `amazonmusic_tracks_by_isrc` of %d ISRCs into `amazonmusic_library_tracks`, API latency %s", n, latency)
	var applies, plans []tfResult
	for i := 1; i <= b.s.reps; i++ {
		b.logf("case 8, %d ISRCs, repetition %d of %d", n, i, b.s.reps)
		err := withAPI(emulator.Options{CatalogSize: n, Latency: latency}, func(a *api) error {
			isrcs := make([]string, n)
			for i := range isrcs {
				isrcs[i] = a.ISRC(i)
			}
			dir, err := b.config("isrcs", isrcConfig(a.url, isrcs))
			if err != nil {
				return err
			}
			pa, err := b.tf.run(ctx, dir, applyArgs)
			if err != nil {
				return fmt.Errorf("%s, apply: %w", caseName, err)
			}
			check(rep, caseName, "apply: POST /v1/search/tracks (one per ISRC)", a.Count(http.MethodPost, "/v1/search/tracks"), n)
			check(rep, caseName, "apply: PUT /v1/me/library/tracks/{id}", a.CountMethod(http.MethodPut), n)
			check(rep, caseName, "apply: all requests", a.Total(), 2*n)
			check(rep, caseName, "tracks in the library after apply", len(a.Library()), n)
			applySpan := a.span()

			a.reset()
			pp, err := b.tf.run(ctx, dir, noOpPlanArgs)
			if err != nil {
				return fmt.Errorf("%s, no-op plan: %w", caseName, err)
			}
			pages := ceilDiv(n, listingPageSize)
			check(rep, caseName, "no-op plan: POST /v1/search/tracks (one per ISRC)", a.Count(http.MethodPost, "/v1/search/tracks"), n)
			check(rep, caseName, "no-op plan: GET /v1/me/library/tracks (listing pages of 100)", a.Count(http.MethodGet, "/v1/me/library/tracks"), pages)
			check(rep, caseName, "no-op plan: all requests", a.Total(), n+pages)
			b.logf("apply %s (API %s), no-op plan %s (API %s)", seconds(pa.wall), seconds(applySpan), seconds(pp.wall), seconds(a.span()))
			applies, plans = append(applies, pa), append(plans, pp)
			return nil
		})
		if err != nil {
			return err
		}
	}
	concurrency := strconv.Itoa(defaultMaxConcurrency)
	rep.figures = append(rep.figures,
		figure{
			caseName: caseName,
			what: "apply: " + thousands(int64(n)) + " searches, then " + thousands(int64(n)) + " saves, each " +
				concurrency + " at a time (the provider's default `max_concurrency`)",
			measured: "**" + seconds(medianWall(applies)) + "**",
		},
		figure{
			caseName: caseName,
			what:     "no-op plan: the " + thousands(int64(n)) + " searches again, and the listing of the library",
			measured: "**" + seconds(medianWall(plans)) + "**",
		},
	)
	return nil
}

// isrcConfig resolves isrcs with amazonmusic_tracks_by_isrc and saves the
// track found for each with one amazonmusic_library_tracks in its map form,
// as the guide to migrate from ISRCs does.
func isrcConfig(url string, isrcs []string) string {
	quoted := make([]string, len(isrcs))
	for i, isrc := range isrcs {
		quoted[i] = strconv.Quote(isrc)
	}
	return providerConfig(url, nil) + `
locals {
  isrcs = [` + strings.Join(quoted, ", ") + `]
}

data "amazonmusic_tracks_by_isrc" "all" {
  isrcs = local.isrcs
}

resource "amazonmusic_library_tracks" "all" {
  track_id_map = { for isrc, track in data.amazonmusic_tracks_by_isrc.all.tracks : track.id => isrc }
}
`
}
