package provider

import (
	"fmt"
	"strings"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// isrcFormat says, in words, what amazonmusic.ISRCPattern accepts.
const isrcFormat = "must be an ISRC: 12 characters, 2 letters, 3 letters or digits, then 7 digits, " +
	"in uppercase and without hyphens, such as GBCFB2000356"

// isrcForm is an ISRC (amazonmusic.ValidISRC).
var isrcForm = valueForm{noun: "ISRC", plural: "ISRCs", format: isrcFormat, valid: amazonmusic.ValidISRC, hint: isrcHint}

// isrcValidator checks at plan time that a string is an ISRC, and
// isrcsValidator that every element of a set is; an ISRC written in
// lowercase or with hyphens is told how to write it.
func isrcValidator() formValidator  { return formValidator{isrcForm} }
func isrcsValidator() formValidator { return formValidator{isrcForm} }

// isrcHint is the next step for a malformed ISRC that only lacks uppercase
// or carries hyphens, as ISRCs are often printed (GB-CFB-20-00356): the
// ISRC to write, and the functions that convert such values.
func isrcHint(isrc string) string {
	dehyphenated := strings.ReplaceAll(isrc, "-", "")
	fixed := strings.ToUpper(dehyphenated)
	if fixed == isrc || !amazonmusic.ValidISRC(fixed) {
		return ""
	}
	var convert string
	switch {
	case dehyphenated == isrc:
		convert = "upper(value)"
	case fixed == dehyphenated:
		convert = `replace(value, "-", "")`
	default:
		convert = `upper(replace(value, "-", ""))`
	}
	return fmt.Sprintf(" Write %q, or convert values that come in that form with %s.", fixed, convert)
}
