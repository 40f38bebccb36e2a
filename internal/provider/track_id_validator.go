package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

// maxIDDiagnostics bounds the diagnostics that name one malformed id each;
// the ids beyond are counted in one more diagnostic.
const maxIDDiagnostics = 10

// trackIDCollectionValidator checks at plan time that every id of a set of
// track ids, or every key of a map keyed by track id, is a catalog track
// id. Each error names the id itself (not its place in the collection),
// and one written in lowercase is told to go through upper().
type trackIDCollectionValidator struct{}

var (
	_ validator.Set = trackIDCollectionValidator{}
	_ validator.Map = trackIDCollectionValidator{}
)

// trackIDsValidator returns the validator of track_ids and track_id_map.
func trackIDsValidator() trackIDCollectionValidator { return trackIDCollectionValidator{} }

func (trackIDCollectionValidator) Description(context.Context) string {
	return "every track id " + trackIDFormat
}

func (v trackIDCollectionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (trackIDCollectionValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var ids []string
	for _, elem := range req.ConfigValue.Elements() {
		if s, ok := elem.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			ids = append(ids, s.ValueString())
		}
	}
	addTrackIDErrors(&resp.Diagnostics, req.Path, ids)
}

func (trackIDCollectionValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	ids := make([]string, 0, len(req.ConfigValue.Elements()))
	for id := range req.ConfigValue.Elements() {
		ids = append(ids, id)
	}
	addTrackIDErrors(&resp.Diagnostics, req.Path, ids)
}

// addTrackIDErrors adds to diags, at p, one error for each malformed id of
// ids, up to maxIDDiagnostics, and one more that counts the rest.
func addTrackIDErrors(diags *diag.Diagnostics, p path.Path, ids []string) {
	var bad []string
	for _, id := range ids {
		if !amazonmusic.ValidTrackID(id) {
			bad = append(bad, id)
		}
	}
	slices.Sort(bad)
	for i, id := range bad {
		if i == maxIDDiagnostics-1 && len(bad) > maxIDDiagnostics {
			diags.AddAttributeError(p, "Invalid track ids",
				fmt.Sprintf("%d more ids are not catalog track ids either: every id %s.", len(bad)-i, trackIDFormat))
			return
		}
		detail := fmt.Sprintf("The id %.40q %s.", id, trackIDFormat)
		if upper := strings.ToUpper(id); upper != id && amazonmusic.ValidTrackID(upper) {
			detail += fmt.Sprintf(" Write it as %q, for example with upper().", upper)
		}
		diags.AddAttributeError(p, "Invalid track id "+fmt.Sprintf("%.40q", id), detail)
	}
}
