//go:build linux

package main

import (
	"slices"
	"strings"
	"testing"
)

func TestTerraformEnvDropsSettingsThatChangeTheRun(t *testing.T) {
	env := terraformEnv([]string{
		"PATH=/bin", "HOME=/root",
		"TF_CLI_CONFIG_FILE=/nonexistent", "TF_LOG=TRACE", "TF_CLI_ARGS_apply=-parallelism=1",
		"AMAZON_MUSIC_MAX_REQUESTS_PER_SECOND=1", "CHECKPOINT_DISABLE=",
	}, "/tmp/cli.tfrc", "/tmp/provider")
	for _, want := range []string{
		"PATH=/bin", "HOME=/root", "TF_CLI_CONFIG_FILE=/tmp/cli.tfrc", "CHECKPOINT_DISABLE=1",
		envRealProvider + "=/tmp/provider",
	} {
		if !slices.Contains(env, want) {
			t.Errorf("env lacks %q: %q", want, env)
		}
	}
	for _, kv := range env {
		for _, banned := range []string{"TF_LOG", "TF_CLI_ARGS", "AMAZON_MUSIC_", "/nonexistent"} {
			if strings.Contains(kv, banned) {
				t.Errorf("env keeps %q", kv)
			}
		}
	}
}

func TestCLIConfigOverridesTheProviderWithTheWrapperDirectory(t *testing.T) {
	got := cliConfig("/tmp/overrides")
	want := `"registry.terraform.io/amazonmusic-community/amazonmusic" = "/tmp/overrides"`
	if !strings.Contains(got, "dev_overrides") || !strings.Contains(got, want) {
		t.Errorf("cliConfig =\n%s\nwant dev_overrides with %s", got, want)
	}
}

func TestConfigsUseTheSameIDs(t *testing.T) {
	ids := trackIDs(3)
	if !slices.Equal(ids, []string{"B000000000", "B000000001", "B000000002"}) {
		t.Fatalf("trackIDs(3) = %q", ids)
	}
	for name, config := range map[string]string{
		"floor":              floorConfig(ids, false),
		"for_each floor":     floorConfig(ids, true),
		"set floor":          floorSetConfig(ids),
		"tracks":             libraryTracksConfig("http://127.0.0.1:1", ids, map[string]string{"max_requests_per_second": "50"}, false),
		"tracks in for_each": libraryTracksConfig("http://127.0.0.1:1", ids, nil, true),
		"bulk":               bulkConfig("http://127.0.0.1:1", ids, map[string]string{"max_concurrency": "32"}),
		"playlist":           playlistsConfig("http://127.0.0.1:1", 100),
	} {
		if name != "playlist" && !strings.Contains(config, `"B000000002",`) {
			t.Errorf("%s config lacks the ids:\n%s", name, config)
		}
		isFloor := strings.HasSuffix(name, "floor")
		if !isFloor && !strings.Contains(config, `base_url     = "http://127.0.0.1:1"`) {
			t.Errorf("%s config does not point at the emulator:\n%s", name, config)
		}
		if isFloor && strings.Contains(config, "amazonmusic") {
			t.Errorf("the floor config uses the provider:\n%s", config)
		}
	}
	if c := libraryTracksConfig("u", ids, map[string]string{"max_requests_per_second": "50"}, false); !strings.Contains(c, "max_requests_per_second = 50") {
		t.Errorf("the provider block lacks the extra setting:\n%s", c)
	}
	for _, forEach := range []bool{false, true} {
		want := "count = length(local.ids)"
		if forEach {
			want = "for_each = toset(local.ids)"
		}
		for name, c := range map[string]string{
			"tracks": libraryTracksConfig("u", ids, nil, forEach),
			"floor":  floorConfig(ids, forEach),
		} {
			if !strings.Contains(c, want) {
				t.Errorf("the %s config with forEach %t lacks %q:\n%s", name, forEach, want, c)
			}
		}
	}
}
