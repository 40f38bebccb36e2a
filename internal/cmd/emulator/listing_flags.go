package main

import (
	"errors"
	"flag"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// Values of -library-listing-names and -library-listing-shape.
var (
	listingNames = map[string]emulator.ListingNaming{
		"answered": emulator.ListingNamesAnsweredID,
		"sent":     emulator.ListingNamesSentID,
	}
	listingShapes = map[string]emulator.ListingShape{
		"v1":            emulator.ListingShapeV1,
		"v2":            emulator.ListingShapeV2,
		"no-collection": emulator.ListingShapeNoCollection,
	}
)

// addListingFlags defines on fs the flags of aliased ids and of the listing
// of the library, which set o.
func addListingFlags(fs *flag.FlagSet, o *emulator.Options) {
	fs.IntVar(&o.LibraryListingStatus, "library-listing-status", 0, "`status` answered to GET /v1/me/library/tracks, as for an account whose API lacks the listing: 400 to 599 (0: serve the listing)")
	fs.IntVar(&o.AliasEvery, "alias-every", 0, "generated track i answers as track B1<8 digits of i> when i is a multiple of this `k` (0: no aliases)")
	fs.Func("library-listing-names", "`id` the listing names a track saved by an alias by: answered (default) or sent", func(v string) error {
		names, ok := listingNames[v]
		if !ok {
			return errors.New("must be answered or sent")
		}
		o.ListingNames = names
		return nil
	})
	fs.Func("library-listing-shape", "`shape` of the listing's answers: v1 (default), v2 ({\"items\":[...],\"nextToken\":...}) or no-collection (data.user without tracks)", func(v string) error {
		shape, ok := listingShapes[v]
		if !ok {
			return errors.New("must be v1, v2 or no-collection")
		}
		o.LibraryListingShape = shape
		return nil
	})
}

// checkListingOptions refuses the values of those flags the emulator does
// not take.
func checkListingOptions(o emulator.Options) error {
	if status := o.LibraryListingStatus; status != 0 && (status < 400 || status > 599) {
		return errors.New("-library-listing-status must be 0 or from 400 to 599")
	}
	if o.AliasEvery < 0 {
		return errors.New("-alias-every must not be negative")
	}
	return nil
}
