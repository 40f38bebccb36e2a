package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// valueForm is a form of value that the plan checks before any request,
// such as a catalog id or an ISRC. Each error names the value itself,
// never its place in a collection (a set element's path repeats it), says
// what the value must be, and, for a value that only differs in writing,
// how to write it.
type valueForm struct {
	// noun and plural name a value, such as "track id" and "track ids".
	noun, plural string
	// format says what a value must be, starting "must be".
	format string
	valid  func(string) bool
	// hint is the next step for a malformed value, starting with a space;
	// empty when there is none.
	hint func(string) string
}

// maxIDDiagnostics bounds the diagnostics that name one malformed value
// each; the values beyond are counted in one more diagnostic.
const maxIDDiagnostics = 10

// summary and detail word the error of a malformed value.
func (f valueForm) summary(value string) string {
	return fmt.Sprintf("Invalid %s %.40q", f.noun, value)
}

func (f valueForm) detail(value string) string {
	return fmt.Sprintf("The %s %.40q %s.%s", f.noun, value, f.format, f.hint(value))
}

// addErrors adds to diags, at p, one error for each malformed value of
// values, in order, up to maxIDDiagnostics, and one more that counts the
// rest.
func (f valueForm) addErrors(diags *diag.Diagnostics, p path.Path, values []string) {
	bad := slices.DeleteFunc(slices.Clone(values), f.valid)
	slices.Sort(bad)
	for i, value := range bad {
		if i == maxIDDiagnostics-1 && len(bad) > maxIDDiagnostics {
			diags.AddAttributeError(p, "Invalid "+f.plural,
				fmt.Sprintf("%d more values are not %s either: every value %s.", len(bad)-i, f.plural, f.format))
			return
		}
		diags.AddAttributeError(p, f.summary(value), f.detail(value))
	}
}

// formValidator checks a valueForm at plan time: of a string, of every
// element of a set of strings, or of every key of a map.
type formValidator struct{ form valueForm }

var (
	_ validator.String = formValidator{}
	_ validator.Set    = formValidator{}
	_ validator.Map    = formValidator{}
)

// Description describes the validation in plain text.
func (v formValidator) Description(context.Context) string {
	return "each value " + v.form.format
}

// MarkdownDescription describes the validation in Markdown.
func (v formValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

// ValidateString reports a known value not of the form.
func (v formValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	v.form.addErrors(&resp.Diagnostics, req.Path, []string{req.ConfigValue.ValueString()})
}

// ValidateSet reports the known elements not of the form.
func (v formValidator) ValidateSet(_ context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var values []string
	for _, elem := range req.ConfigValue.Elements() {
		if s, ok := elem.(types.String); ok && !s.IsNull() && !s.IsUnknown() {
			values = append(values, s.ValueString())
		}
	}
	v.form.addErrors(&resp.Diagnostics, req.Path, values)
}

// ValidateMap reports the keys not of the form.
func (v formValidator) ValidateMap(_ context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	keys := make([]string, 0, len(req.ConfigValue.Elements()))
	for key := range req.ConfigValue.Elements() {
		keys = append(keys, key)
	}
	v.form.addErrors(&resp.Diagnostics, req.Path, keys)
}
