package provider

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackIDFormat says, in words, what amazonmusic.TrackIDPattern accepts.
const trackIDFormat = "must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"

// trackIDValidator checks at plan time that a string is a catalog track id
// (amazonmusic.TrackIDPattern), saying what is expected in the words of
// trackIDFormat.
func trackIDValidator() validator.String {
	return stringvalidator.RegexMatches(amazonmusic.TrackIDPattern, trackIDFormat)
}

// parseTrackIDList reads a comma-separated list of catalog track ids, such
// as "B08DL2BXQC,B07QXMFJ4W"; blanks around the ids are ignored, and so are
// repeated ids. It returns the ids sorted, or an error that quotes every
// malformed one.
func parseTrackIDList(raw string) ([]string, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("the list of track ids is empty")
	}
	var ids, bad []string
	for _, part := range strings.Split(raw, ",") {
		id := strings.TrimSpace(part)
		if !amazonmusic.ValidTrackID(id) {
			bad = append(bad, fmt.Sprintf("%.40q", id))
			continue
		}
		ids = append(ids, id)
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("every id %s; got %s", trackIDFormat, strings.Join(bad, ", "))
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}
