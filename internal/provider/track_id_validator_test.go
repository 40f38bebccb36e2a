package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestTrackIDValidatorNamesTheIDAndSuggestsUpperForLowercase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		value    types.String
		wantErr  bool
		wantHint string // in the detail; empty: no upper() hint
	}{
		{value: types.StringValue("B08DL2BXQC")},
		{value: types.StringNull()},
		{value: types.StringUnknown()},
		{value: types.StringValue("b08dl2bxqc"), wantErr: true, wantHint: `write "B08DL2BXQC", or wrap a value that comes in lowercase in upper()`},
		{value: types.StringValue("B08dl2BXQC"), wantErr: true, wantHint: `write "B08DL2BXQC"`},
		{value: types.StringValue("b08dl2bxq"), wantErr: true},
		{value: types.StringValue("b08-l2bxqc"), wantErr: true},
		{value: types.StringValue(""), wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.value.String(), func(t *testing.T) {
			t.Parallel()
			p := path.Root("track_ids").AtSetValue(tt.value)
			var resp validator.StringResponse
			trackIDValidator().ValidateString(t.Context(), validator.StringRequest{Path: p, ConfigValue: tt.value}, &resp)
			if got := resp.Diagnostics.HasError(); got != tt.wantErr {
				t.Fatalf("error = %t, want %t: %v", got, tt.wantErr, resp.Diagnostics)
			}
			if !tt.wantErr {
				return
			}
			d := resp.Diagnostics.Errors()[0]
			detail := d.Detail()
			want := fmt.Sprintf("The track id %q %s.", tt.value.ValueString(), trackIDFormat)
			if !strings.HasPrefix(detail, want) {
				t.Errorf("detail %q does not start with %q", detail, want)
			}
			if strings.Contains(detail, "Value(") || strings.Contains(detail, "track_ids") {
				t.Errorf("detail %q names the attribute path, not just the id", detail)
			}
			if hasHint := strings.Contains(detail, "upper()"); hasHint != (tt.wantHint != "") || !strings.Contains(detail, tt.wantHint) {
				t.Errorf("detail %q: want hint %q", detail, tt.wantHint)
			}
		})
	}
}

func TestAccTrackIDValidator_lowercaseIDSuggestsUpperAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	for name, config := range map[string]string{
		"amazonmusic_library_track":  libraryTrackConfig("b08dl2bxqc"),
		"amazonmusic_library_tracks": bulkTracksConfig([]string{"B07QXMFJ4W", "b08dl2bxqc"}),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					PlanOnly:    true,
					Config:      provider + config,
					ExpectError: errorText(`Invalid track id "b08dl2bxqc"`, `The track id "b08dl2bxqc" must be an Amazon Music catalog id`, `write "B08DL2BXQC", or wrap a value that comes in lowercase in upper()`),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}
