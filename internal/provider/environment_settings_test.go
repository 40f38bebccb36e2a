package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func TestEnvSettingPrefersTheBlockThenTheEnvironmentThenTheDefault(t *testing.T) {
	const env = "AMAZON_MUSIC_TEST_SETTING"
	s := envSetting[int]{attribute: "some_setting", env: env, summary: "Invalid setting",
		want: "a whole number from 1 to 3", parse: parseIntBetween(1, 3)}
	for _, tt := range []struct {
		name       string
		configured int
		null       bool
		env        string
		want       int
		wantErr    string
	}{
		{name: "configured wins over the environment", configured: 2, env: "3", want: 2},
		{name: "environment when the block leaves it out", null: true, env: " 3 ", want: 3},
		{name: "default when neither sets it", null: true, env: "  ", want: 9},
		{name: "bad environment value", null: true, env: "4", want: 9,
			wantErr: `The ` + env + ` environment variable must be a whole number from 1 to 3, got "4".`},
		{name: "configured ignores a bad environment value", configured: 1, env: "many", want: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(env, tt.env)
			var diags diag.Diagnostics
			if got := s.resolve(tt.configured, tt.null, 9, &diags); got != tt.want {
				t.Errorf("resolve = %d, want %d", got, tt.want)
			}
			switch {
			case tt.wantErr == "" && diags.HasError():
				t.Errorf("unexpected diagnostics: %v", diags)
			case tt.wantErr != "":
				if len(diags) != 1 || diags[0].Detail() != tt.wantErr || diags[0].Summary() != "Invalid setting" {
					t.Fatalf("diagnostics = %v, want one error %q", diags, tt.wantErr)
				}
				withPath, ok := diags[0].(diag.DiagnosticWithPath)
				if !ok || !withPath.Path().Equal(path.Root("some_setting")) {
					t.Errorf("the error is not at the attribute some_setting: %v", diags[0])
				}
			}
		})
	}
}

func TestEnvironmentParsersRefuseWhatTheSettingsCannotTake(t *testing.T) {
	for _, raw := range []string{"0", "-1", "+Inf", "NaN", "fast"} {
		if v, ok := parsePositiveFloat(raw); ok {
			t.Errorf("parsePositiveFloat(%q) = %v, accepted", raw, v)
		}
	}
	if v, ok := parsePositiveFloat("0.5"); !ok || v != 0.5 {
		t.Errorf("parsePositiveFloat(0.5) = %v, %v", v, ok)
	}
	for _, raw := range []string{"yes", "2", "on"} {
		if _, ok := parseBool(raw); ok {
			t.Errorf("parseBool(%q) accepted", raw)
		}
	}
	if v, ok := parseBool("false"); !ok || v {
		t.Errorf("parseBool(false) = %v, %v", v, ok)
	}
}
