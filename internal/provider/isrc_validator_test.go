package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestISRCValidatorSaysHowToWriteAnISRC(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		value, hint string
		valid       bool
	}{
		{value: "GBCFB2000356", valid: true},
		{value: "US1232100125", valid: true},
		{value: "gbcfb2000356", hint: ` Write "GBCFB2000356", or convert values that come in that form with upper(value).`},
		{value: "GB-CFB-20-00356", hint: ` Write "GBCFB2000356", or convert values that come in that form with replace(value, "-", "").`},
		{value: "gb-cfb-20-00356", hint: ` Write "GBCFB2000356", or convert values that come in that form with upper(replace(value, "-", "")).`},
		{value: "GBCFB200035"},   // 11 characters
		{value: "GBCFB20003567"}, // 13
		{value: "G1CFB2000356"},  // a digit in the country code
		{value: "GBCFB20003X6"},  // a letter in the designation
		{value: "B08DL2BXQC"},    // a track id
		{value: ""},
	} {
		var resp validator.StringResponse
		isrcValidator().ValidateString(t.Context(), validator.StringRequest{
			Path: path.Root("isrc"), ConfigValue: types.StringValue(tc.value),
		}, &resp)
		if got := !resp.Diagnostics.HasError(); got != tc.valid {
			t.Errorf("%q: valid = %v, want %v (%v)", tc.value, got, tc.valid, resp.Diagnostics)
			continue
		}
		if got := isrcHint(tc.value); got != tc.hint {
			t.Errorf("isrcHint(%q) = %q, want %q", tc.value, got, tc.hint)
		}
	}
}

func TestISRCsValidatorBoundsItsDiagnostics(t *testing.T) {
	t.Parallel()
	var elems []string
	for range 15 {
		elems = append(elems, "bad-"+string(rune('a'+len(elems))))
	}
	set, _ := types.SetValueFrom(t.Context(), types.StringType, append(elems, "GBCFB2000356"))
	var resp validator.SetResponse
	isrcsValidator().ValidateSet(t.Context(), validator.SetRequest{Path: path.Root("isrcs"), ConfigValue: set}, &resp)
	if n := resp.Diagnostics.ErrorsCount(); n != maxIDDiagnostics {
		t.Errorf("%d errors for 15 bad ISRCs, want %d: %v", n, maxIDDiagnostics, resp.Diagnostics)
	}
	last := resp.Diagnostics.Errors()[maxIDDiagnostics-1]
	if last.Summary() != "Invalid ISRCs" {
		t.Errorf("the last error is %q, want the count of the rest", last.Summary())
	}
}
