package provider

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestMaxRequestsPerSecondSettingPrefersConfigThenEnvironment(t *testing.T) {
	tests := []struct {
		name       string
		configured types.Float64
		env        string
		want       float64
		wantErr    bool
	}{
		{name: "neither: no maximum", configured: types.Float64Null(), want: 0},
		{name: "environment", configured: types.Float64Null(), env: "12.5", want: 12.5},
		{name: "environment with blanks", configured: types.Float64Null(), env: " 3 ", want: 3},
		{name: "configuration wins", configured: types.Float64Value(2), env: "12.5", want: 2},
		{name: "environment not a number", configured: types.Float64Null(), env: "fast", wantErr: true},
		{name: "environment zero", configured: types.Float64Null(), env: "0", wantErr: true},
		{name: "environment negative", configured: types.Float64Null(), env: "-1", wantErr: true},
		{name: "environment infinite", configured: types.Float64Null(), env: "Inf", wantErr: true},
		{name: "environment NaN", configured: types.Float64Null(), env: "NaN", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvMaxRequestsPerSecond, tt.env)
			var diags diag.Diagnostics
			got := maxRequestsPerSecondSetting.resolve(tt.configured.ValueFloat64(), tt.configured.IsNull(), &diags).value
			if diags.HasError() != tt.wantErr {
				t.Fatalf("errors = %v, want error %t", diags, tt.wantErr)
			}
			if tt.wantErr {
				if detail := diags.Errors()[0].Detail(); !strings.Contains(detail, EnvMaxRequestsPerSecond) {
					t.Errorf("error %q does not name %s", detail, EnvMaxRequestsPerSecond)
				}
				return
			}
			if got != tt.want {
				t.Errorf("max_requests_per_second = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMaxConcurrencySettingPrefersConfigThenEnvironmentThenDefault(t *testing.T) {
	tests := []struct {
		name       string
		configured types.Int64
		env        string
		want       int
		wantErr    bool
	}{
		{name: "neither: the default", configured: types.Int64Null(), want: DefaultMaxConcurrency},
		{name: "environment", configured: types.Int64Null(), env: "16", want: 16},
		{name: "environment bounds", configured: types.Int64Null(), env: "64", want: 64},
		{name: "configuration wins", configured: types.Int64Value(2), env: "16", want: 2},
		{name: "environment zero", configured: types.Int64Null(), env: "0", wantErr: true},
		{name: "environment too high", configured: types.Int64Null(), env: "65", wantErr: true},
		{name: "environment not a number", configured: types.Int64Null(), env: "eight", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvMaxConcurrency, tt.env)
			var diags diag.Diagnostics
			got := maxConcurrencySetting.resolve(int(tt.configured.ValueInt64()), tt.configured.IsNull(), &diags).value
			if diags.HasError() != tt.wantErr {
				t.Fatalf("errors = %v, want error %t", diags, tt.wantErr)
			}
			if tt.wantErr {
				if detail := diags.Errors()[0].Detail(); !strings.Contains(detail, EnvMaxConcurrency) {
					t.Errorf("error %q does not name %s", detail, EnvMaxConcurrency)
				}
				return
			}
			if got != tt.want {
				t.Errorf("max_concurrency = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestPositiveFloat64ValidatorAcceptsOnlyNumbersAboveZero(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		value types.Float64
		ok    bool
	}{
		{types.Float64Value(0.001), true},
		{types.Float64Value(50), true},
		{types.Float64Null(), true},
		{types.Float64Unknown(), true},
		{types.Float64Value(0), false},
		{types.Float64Value(-2), false},
		{types.Float64Value(math.Inf(1)), false},
	} {
		var resp validator.Float64Response
		positiveFloat64Validator{}.ValidateFloat64(context.Background(), validator.Float64Request{
			Path: path.Root("max_requests_per_second"), ConfigValue: tt.value,
		}, &resp)
		if resp.Diagnostics.HasError() == tt.ok {
			t.Errorf("value %v: errors %v, want ok %t", tt.value, resp.Diagnostics, tt.ok)
		}
	}
}

func TestProviderDataConcurrencyDefaultsWhenUnset(t *testing.T) {
	t.Parallel()
	if got := (&providerData{}).concurrency(); got != DefaultMaxConcurrency {
		t.Errorf("concurrency of unset provider data = %d, want %d", got, DefaultMaxConcurrency)
	}
	if got := (&providerData{maxConcurrency: 3}).concurrency(); got != 3 {
		t.Errorf("concurrency = %d, want 3", got)
	}
}
