package main

import (
	"os"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/provider"
)

func TestSilenceLogsTerraformDiscards(t *testing.T) {
	tests := map[string]struct {
		env       map[string]string
		debug     bool
		wantLevel string // expected value of every provider.QuietLogLevels variable env does not set
	}{
		"-debug keeps the logs, which go to the provider's own standard error": {
			env:       map[string]string{},
			debug:     true,
			wantLevel: "",
		},
		"no TF_LOG variable turns provider and SDK logs off": {
			env:       map[string]string{},
			wantLevel: "OFF",
		},
		"TF_LOG_PATH alone does not enable logs in Terraform": {
			env:       map[string]string{"TF_LOG_PATH": "/tmp/terraform.log"},
			wantLevel: "OFF",
		},
		"TF_LOG keeps the levels Terraform asks for": {
			env:       map[string]string{"TF_LOG": "TRACE"},
			wantLevel: "",
		},
		"a provider-only level is respected": {
			env:       map[string]string{"TF_LOG_PROVIDER_AMAZONMUSIC": "DEBUG"},
			wantLevel: "",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			// Start from an environment without any TF_LOG variable;
			// t.Setenv restores the original values afterwards.
			for _, kv := range os.Environ() {
				if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TF_LOG") {
					t.Setenv(name, "")
					_ = os.Unsetenv(name)
				}
			}
			for _, name := range provider.QuietLogLevels {
				t.Setenv(name, "")
				_ = os.Unsetenv(name)
			}
			for k, v := range tt.env {
				t.Setenv(k, v)
			}

			setLogLevels(tt.debug)

			for _, name := range provider.QuietLogLevels {
				want, set := tt.env[name]
				if !set {
					want = tt.wantLevel
				}
				if got := os.Getenv(name); got != want {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
		})
	}
}
