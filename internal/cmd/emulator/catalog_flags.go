package main

import (
	"errors"
	"flag"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// searchNodeShapes are the values of -search-nodes.
var searchNodeShapes = map[string]emulator.SearchNodeShape{
	"full":    emulator.SearchNodesFull,
	"minimal": emulator.SearchNodesMinimal,
}

// addCatalogFlags defines on fs the flags of the catalog's ISRCs and of the
// search of tracks, which set o.
func addCatalogFlags(fs *flag.FlagSet, o *emulator.Options) {
	fs.IntVar(&o.SharedISRCEvery, "shared-isrc-every", 0, "generated track i carries the ISRC of track i-1 when i%`n` is 1, as a single and its album edition do: a search of that ISRC answers both (0: every track has its own)")
	fs.Func("search-nodes", "`shape` of the tracks POST /v1/search/tracks answers: full (default, as GET /v1/tracks/{id} answers them) or minimal (id and title only)", func(v string) error {
		shape, ok := searchNodeShapes[v]
		if !ok {
			return errors.New("must be full or minimal")
		}
		o.SearchNodes = shape
		return nil
	})
}

// checkCatalogOptions refuses the values of those flags the emulator does
// not take.
func checkCatalogOptions(o emulator.Options) error {
	if o.SharedISRCEvery < 0 {
		return errors.New("-shared-isrc-every must not be negative")
	}
	return nil
}
