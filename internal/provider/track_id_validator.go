package provider

import (
	"fmt"
	"strings"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackIDFormat says, in words, what amazonmusic.TrackIDPattern accepts.
const trackIDFormat = "must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"

// trackIDForm is a catalog track id (amazonmusic.ValidTrackID); albumIDForm
// is a catalog album id, of the same form.
var (
	trackIDForm = valueForm{
		noun: "track id", plural: "track ids", format: trackIDFormat,
		valid: amazonmusic.ValidTrackID, hint: catalogIDHint,
	}
	albumIDForm = valueForm{
		noun: "album id", plural: "album ids",
		format: "must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2H5PV",
		valid:  amazonmusic.ValidTrackID, hint: catalogIDHint,
	}
)

// trackIDValidator checks at plan time that a string is a catalog track id;
// trackIDsValidator that every element of a set, or every key of a map,
// is; albumIDValidator that a string is a catalog album id. An id in
// lowercase is told how to write it.
func trackIDValidator() formValidator  { return formValidator{trackIDForm} }
func trackIDsValidator() formValidator { return formValidator{trackIDForm} }
func albumIDValidator() formValidator  { return formValidator{albumIDForm} }

// catalogIDHint is the next step for a malformed id that only lacks
// uppercase: write it in uppercase, or convert it with upper().
func catalogIDHint(id string) string {
	upper := strings.ToUpper(id)
	if upper == id || !amazonmusic.ValidTrackID(upper) {
		return ""
	}
	return fmt.Sprintf(" Catalog ids are uppercase: write %q, or wrap a value that comes in lowercase in upper(), as in upper(var.track_id).", upper)
}
