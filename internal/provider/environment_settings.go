package provider

import (
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// envSetting is a provider setting that falls back to an environment
// variable when the provider block leaves it out.
type envSetting[T any] struct {
	attribute string // the provider block's attribute
	env       string // its environment variable
	summary   string // the summary of a bad value's error
	want      string // what the variable must hold, such as "true or false"
	// parse reads the variable's trimmed, non-empty value; false refuses it.
	parse func(raw string) (T, bool)
}

// resolve returns configured unless it is null, else the environment
// variable's value, else fallback. A value parse refuses is reported on
// diags, naming the variable and what it must hold; fallback is returned.
func (s envSetting[T]) resolve(configured T, null bool, fallback T, diags *diag.Diagnostics) T {
	if !null {
		return configured
	}
	raw := strings.TrimSpace(os.Getenv(s.env))
	if raw == "" {
		return fallback
	}
	v, ok := s.parse(raw)
	if !ok {
		diags.AddAttributeError(path.Root(s.attribute), s.summary,
			"The "+s.env+" environment variable must be "+s.want+", got "+strconv.Quote(raw)+".")
		return fallback
	}
	return v
}

// parseIntBetween returns a parser of whole numbers from least to most.
func parseIntBetween(least, most int) func(string) (int, bool) {
	return func(raw string) (int, bool) {
		n, err := strconv.Atoi(raw)
		return n, err == nil && n >= least && n <= most
	}
}

// parsePositiveFloat reads a finite number greater than 0.
func parsePositiveFloat(raw string) (float64, bool) {
	n, err := strconv.ParseFloat(raw, 64)
	return n, err == nil && n > 0 && !math.IsInf(n, 1)
}

// parseBool reads true or false, as strconv.ParseBool spells them.
func parseBool(raw string) (bool, bool) {
	b, err := strconv.ParseBool(raw)
	return b, err == nil
}
