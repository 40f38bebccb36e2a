package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

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
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Amazon Music track id",
		fmt.Sprintf("The track id %.40q %s.%s", id, trackIDFormat, trackIDHint(id)))
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
