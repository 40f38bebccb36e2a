package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackIDFormat says, in words, what amazonmusic.TrackIDPattern accepts.
const trackIDFormat = "must be an Amazon Music catalog id: 10 uppercase letters or digits, such as B08DL2BXQC"

// trackIDValidator checks at plan time that a string is a catalog track id
// (amazonmusic.ValidTrackID), saying what is expected in the words of
// trackIDFormat; an id in lowercase is told how to write it.
func trackIDValidator() validator.String {
	return trackIDCheck{}
}

// trackIDCheck is the validator trackIDValidator returns.
type trackIDCheck struct{}

var _ validator.String = trackIDCheck{}

// Description describes the validation in plain text.
func (trackIDCheck) Description(_ context.Context) string {
	return "value " + trackIDFormat
}

// MarkdownDescription describes the validation in Markdown.
func (c trackIDCheck) MarkdownDescription(ctx context.Context) string {
	return c.Description(ctx)
}

// ValidateString reports a known value that is not a catalog id, naming the
// value rather than its path (a set element's path repeats the value).
func (trackIDCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	id := req.ConfigValue.ValueString()
	if amazonmusic.ValidTrackID(id) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, invalidTrackIDSummary(id), invalidTrackIDDetail(id))
}

// invalidTrackIDSummary and invalidTrackIDDetail word the error of a
// malformed track id, naming the id itself.
func invalidTrackIDSummary(id string) string {
	return fmt.Sprintf("Invalid track id %.40q", id)
}

func invalidTrackIDDetail(id string) string {
	return fmt.Sprintf("The track id %.40q %s.%s", id, trackIDFormat, trackIDHint(id))
}

// trackIDHint is the next step for a malformed id that only lacks
// uppercase: write it in uppercase, or convert it with upper().
func trackIDHint(id string) string {
	upper := strings.ToUpper(id)
	if upper == id || !amazonmusic.ValidTrackID(upper) {
		return ""
	}
	return fmt.Sprintf(" Catalog ids are uppercase: write %q, or wrap a value that comes in lowercase in upper(), as in upper(var.track_id).", upper)
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
		diags.AddAttributeError(p, invalidTrackIDSummary(id), invalidTrackIDDetail(id))
	}
}
