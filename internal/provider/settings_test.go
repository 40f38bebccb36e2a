package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

func TestSettingPrefersTheBlockThenTheEnvironmentThenTheDefault(t *testing.T) {
	const env = "AMAZON_MUSIC_TEST_SETTING"
	s := providerSetting[int]{
		settingName: settingName{attribute: "some_setting", envVar: env, what: "test setting"},
		want:        "a whole number from 1 to 3", parse: parseIntBetween(1, 3), fallback: 9,
	}
	for _, tt := range []struct {
		name        string
		configured  int
		null        bool
		env         string
		want        int
		wantFromEnv bool
		wantErr     string
	}{
		{name: "configured wins over the environment", configured: 2, env: "3", want: 2},
		{name: "environment when the block leaves it out", null: true, env: " 3 ", want: 3, wantFromEnv: true},
		{name: "default when neither sets it", null: true, env: "  ", want: 9},
		{name: "bad environment value", null: true, env: " 4 ", want: 9,
			wantErr: `The ` + env + ` environment variable must be a whole number from 1 to 3, got "4".`},
		{name: "configured ignores a bad environment value", configured: 1, env: "many", want: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(env, tt.env)
			var diags diag.Diagnostics
			got := s.resolve(tt.configured, tt.null, &diags)
			if got.value != tt.want || got.configured == tt.null || got.fromEnv != tt.wantFromEnv {
				t.Errorf("resolve = %+v, want %d (configured %t, from the environment %t)", got, tt.want, !tt.null, tt.wantFromEnv)
			}
			switch {
			case tt.wantErr == "" && diags.HasError():
				t.Errorf("unexpected diagnostics: %v", diags)
			case tt.wantErr != "":
				if len(diags) != 1 || diags[0].Detail() != tt.wantErr || diags[0].Summary() != "Invalid Amazon Music test setting" {
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

func TestStringSettingTakesItsVariableAsItIs(t *testing.T) {
	const env = "AMAZON_MUSIC_TEST_SETTING"
	s := providerSetting[string]{settingName: settingName{attribute: "some_setting", envVar: env, what: "test setting"}}
	for _, tt := range []struct {
		name        string
		configured  string
		null        bool
		env         string
		want        string
		wantPresent bool
		wantOrigin  string
	}{
		{name: "configured, even blank", configured: " ", env: "x", want: " ", wantPresent: true,
			wantOrigin: "the provider configuration"},
		{name: "environment, untrimmed", null: true, env: " x ", want: " x ", wantPresent: true,
			wantOrigin: "the " + env + " environment variable"},
		{name: "blank environment is present", null: true, env: "  ", want: "  ", wantPresent: true,
			wantOrigin: "the " + env + " environment variable"},
		{name: "empty environment is unset", null: true, want: "",
			wantOrigin: "the " + env + " environment variable"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(env, tt.env)
			var diags diag.Diagnostics
			got := s.resolve(tt.configured, tt.null, &diags)
			if diags.HasError() {
				t.Errorf("unexpected diagnostics: %v", diags)
			}
			if got.value != tt.want || got.present() != tt.wantPresent || got.origin() != tt.wantOrigin {
				t.Errorf("resolve = %q (present %t, from %s), want %q (present %t, from %s)",
					got.value, got.present(), got.origin(), tt.want, tt.wantPresent, tt.wantOrigin)
			}
		})
	}
}

// TestSettingsTableHasOneRowPerAttributeNamedAfterIt fails when an
// attribute of the provider schema has no row in the table of settings, a
// row names no attribute, or a variable is not named after its attribute.
func TestSettingsTableHasOneRowPerAttributeNamedAfterIt(t *testing.T) {
	t.Parallel()
	var schemaResp provider.SchemaResponse
	New("test")().Schema(t.Context(), provider.SchemaRequest{}, &schemaResp)
	rows := map[string]settingName{}
	for _, s := range providerSettings {
		if _, ok := rows[s.attribute]; ok {
			t.Errorf("two rows for %s", s.attribute)
		}
		rows[s.attribute] = s
		if _, ok := schemaResp.Schema.Attributes[s.attribute]; !ok {
			t.Errorf("the row of %s names no attribute of the provider schema", s.attribute)
		}
		if want := "AMAZON_MUSIC_" + strings.ToUpper(s.attribute); s.envVar != want {
			t.Errorf("the variable of %s is %s, want %s", s.attribute, s.envVar, want)
		}
		if s.what == "" {
			t.Errorf("the row of %s does not say what messages call it", s.attribute)
		}
	}
	for name := range schemaResp.Schema.Attributes {
		if _, ok := rows[name]; !ok {
			t.Errorf("the attribute %s has no row in the table of settings", name)
		}
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
