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

// isrcFormat says, in words, what amazonmusic.ISRCPattern accepts.
const isrcFormat = "must be an ISRC: 12 characters, 2 letters, 3 letters or digits, then 7 digits, " +
	"in uppercase and without hyphens, such as GBCFB2000356"

// isrcValidator checks at plan time that a string is an ISRC
// (amazonmusic.ValidISRC), saying what is expected in the words of
// isrcFormat; an ISRC written in lowercase or with hyphens is told how to
// write it.
func isrcValidator() validator.String {
	return isrcCheck{}
}

// isrcCheck is the validator isrcValidator returns.
type isrcCheck struct{}

var _ validator.String = isrcCheck{}

// Description describes the validation in plain text.
func (isrcCheck) Description(context.Context) string {
	return "value " + isrcFormat
}

// MarkdownDescription describes the validation in Markdown.
func (c isrcCheck) MarkdownDescription(ctx context.Context) string {
	return c.Description(ctx)
}

// ValidateString reports a known value that is not an ISRC.
func (isrcCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	addISRCErrors(&resp.Diagnostics, req.Path, []string{req.ConfigValue.ValueString()})
}

// isrcsValidator returns the validator of a set of ISRCs: each error names
// the value itself rather than its place in the set.
func isrcsValidator() validator.Set {
	return isrcSetCheck{}
}

// isrcSetCheck is the validator isrcsValidator returns.
type isrcSetCheck struct{}

var _ validator.Set = isrcSetCheck{}

func (isrcSetCheck) Description(context.Context) string {
	return "every element " + isrcFormat
}

func (c isrcSetCheck) MarkdownDescription(ctx context.Context) string {
	return c.Description(ctx)
}

func (isrcSetCheck) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var isrcs []string
	for _, elem := range req.ConfigValue.Elements() {
		if s, ok := elem.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			isrcs = append(isrcs, s.ValueString())
		}
	}
	addISRCErrors(&resp.Diagnostics, req.Path, isrcs)
}

// addISRCErrors adds to diags, at p, one error for each malformed ISRC of
// isrcs, up to maxIDDiagnostics, and one more that counts the rest.
func addISRCErrors(diags *diag.Diagnostics, p path.Path, isrcs []string) {
	var bad []string
	for _, isrc := range isrcs {
		if !amazonmusic.ValidISRC(isrc) {
			bad = append(bad, isrc)
		}
	}
	slices.Sort(bad)
	for i, isrc := range bad {
		if i == maxIDDiagnostics-1 && len(bad) > maxIDDiagnostics {
			diags.AddAttributeError(p, "Invalid ISRCs",
				fmt.Sprintf("%d more values are not ISRCs either: every value %s.", len(bad)-i, isrcFormat))
			return
		}
		diags.AddAttributeError(p, fmt.Sprintf("Invalid ISRC %.40q", isrc),
			fmt.Sprintf("The value %.40q %s.%s", isrc, isrcFormat, isrcHint(isrc)))
	}
}

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
