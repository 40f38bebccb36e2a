package provider

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

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
