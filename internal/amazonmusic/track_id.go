package amazonmusic

import (
	"fmt"
	"regexp"
)

// TrackIDPattern matches a catalog track id: 10 uppercase letters or digits
// (ASIN-like, usually starting with B0, as in B08DL2BXQC).
var TrackIDPattern = regexp.MustCompile(`^[A-Z0-9]{10}$`)

// ValidTrackID reports whether id is a well-formed catalog track id.
func ValidTrackID(id string) bool {
	return TrackIDPattern.MatchString(id)
}

// invalidTrackID is the error of a malformed catalog track id.
func invalidTrackID(id string) error {
	return fmt.Errorf("amazonmusic: invalid track id %.40q: a catalog track id is 10 uppercase letters or digits, such as B08DL2BXQC", id)
}
