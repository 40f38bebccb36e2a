package provider

import (
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/providerenv"
)

// Environment variables the provider reads when an attribute of its block
// is null, named in package providerenv.
const (
	EnvBaseURL     = providerenv.BaseURL
	EnvAPIKey      = providerenv.APIKey
	EnvAccessToken = providerenv.AccessToken
	EnvMaxRetries  = providerenv.MaxRetries

	EnvClientID     = providerenv.ClientID
	EnvClientSecret = providerenv.ClientSecret
	EnvRefreshToken = providerenv.RefreshToken
	EnvTokenURL     = providerenv.TokenURL

	EnvDriftDetection       = providerenv.DriftDetection
	EnvMaxRequestsPerSecond = providerenv.MaxRequestsPerSecond
	EnvMaxConcurrency       = providerenv.MaxConcurrency
	EnvRequestTimeout       = providerenv.RequestTimeout
)

// settingName names a provider setting: its attribute, its environment
// variable and the words that name it in messages.
type settingName struct {
	// attribute is the attribute of the provider block, such as
	// "max_retries".
	attribute string
	// envVar is the environment variable read when the attribute is null.
	envVar string
	// what names the setting in messages, such as "maximum retry count".
	what string
}

// providerSetting is a row of the table of settings: a setting's name and,
// for a setting that is not a string, what its environment variable must
// hold, how to read it and the setting's default.
type providerSetting[T any] struct {
	settingName
	// want says what the environment variable must hold, such as "true or
	// false".
	want string
	// parse reads the environment variable's trimmed, non-empty value;
	// false refuses it. A string setting has none: it takes the variable
	// as it is.
	parse func(raw string) (T, bool)
	// fallback is the value when neither the configuration nor the
	// environment sets the setting.
	fallback T
}

// The table of the provider's settings, one row per attribute of the
// provider block. Configure reads each with resolve; the feature files keep
// their attributes' schemas, and with them the bounds the rows name.
var (
	baseURLSetting = providerSetting[string]{
		settingName: settingName{attribute: "base_url", envVar: EnvBaseURL, what: "base URL"},
	}
	apiKeySetting = providerSetting[string]{
		settingName: settingName{attribute: "api_key", envVar: EnvAPIKey, what: "API key"},
	}
	accessTokenSetting = providerSetting[string]{
		settingName: settingName{attribute: "access_token", envVar: EnvAccessToken, what: "access token"},
	}
	maxRetriesSetting = providerSetting[int]{
		settingName: settingName{attribute: "max_retries", envVar: EnvMaxRetries, what: "maximum retry count"},
		want: "a whole number from 0 to " + strconv.Itoa(MaxMaxRetries) + ", such as " +
			strconv.Itoa(amazonmusic.DefaultMaxRetries),
		parse:    parseIntBetween(0, MaxMaxRetries),
		fallback: amazonmusic.DefaultMaxRetries,
	}
	refreshTokenSetting = providerSetting[string]{
		settingName: settingName{attribute: "refresh_token", envVar: EnvRefreshToken, what: "refresh token"},
	}
	clientIDSetting = providerSetting[string]{
		settingName: settingName{attribute: "client_id", envVar: EnvClientID, what: "client ID"},
	}
	clientSecretSetting = providerSetting[string]{
		settingName: settingName{attribute: "client_secret", envVar: EnvClientSecret, what: "client secret"},
	}
	tokenURLSetting = providerSetting[string]{
		settingName: settingName{attribute: "token_url", envVar: EnvTokenURL, what: "token URL"},
	}
	driftDetectionSetting = providerSetting[bool]{
		settingName: settingName{attribute: "drift_detection", envVar: EnvDriftDetection, what: "drift detection setting"},
		want:        "true or false",
		parse:       parseBool,
		fallback:    true,
	}
	maxRequestsPerSecondSetting = providerSetting[float64]{
		settingName: settingName{attribute: "max_requests_per_second", envVar: EnvMaxRequestsPerSecond, what: "maximum request rate"},
		want:        "a number of requests a second greater than 0, such as 5 or 0.5",
		parse:       parsePositiveFloat,
		fallback:    0, // no maximum
	}
	maxConcurrencySetting = providerSetting[int]{
		settingName: settingName{attribute: "max_concurrency", envVar: EnvMaxConcurrency, what: "maximum concurrency"},
		want:        "a whole number from " + strconv.Itoa(MinMaxConcurrency) + " to " + strconv.Itoa(MaxMaxConcurrency),
		parse:       parseIntBetween(MinMaxConcurrency, MaxMaxConcurrency),
		fallback:    DefaultMaxConcurrency,
	}
	requestTimeoutSetting = providerSetting[time.Duration]{
		settingName: settingName{attribute: "request_timeout", envVar: EnvRequestTimeout, what: "request timeout"},
		want:        "a duration from " + MinRequestTimeout.String() + " to " + MaxRequestTimeout.String() + ", such as 45s",
		parse:       parseRequestTimeout,
		fallback:    amazonmusic.DefaultTimeout,
	}
)

// providerSettings lists the names of the rows above, for what applies to
// every setting: Configure's check of unknown values, and the tests that
// clear the environment or look for the variables in the documentation.
var providerSettings = []settingName{
	baseURLSetting.settingName,
	apiKeySetting.settingName,
	accessTokenSetting.settingName,
	maxRetriesSetting.settingName,
	refreshTokenSetting.settingName,
	clientIDSetting.settingName,
	clientSecretSetting.settingName,
	tokenURLSetting.settingName,
	driftDetectionSetting.settingName,
	maxRequestsPerSecondSetting.settingName,
	maxConcurrencySetting.settingName,
	requestTimeoutSetting.settingName,
}

// settingValue is the value of a setting and where it comes from.
type settingValue[T any] struct {
	settingName
	value T
	// configured is true when the value comes from the provider block.
	configured bool
	// fromEnv is true when the value comes from the environment variable.
	fromEnv bool
}

// resolve returns the setting's value: configured unless null is true,
// else the environment variable's value, else the setting's fallback.
//
// A string setting takes its variable as it is, and only an empty one
// counts as unset. Any other setting reads its variable with parse once
// trimmed, and a blank one counts as unset; a value parse refuses is an
// error on the setting's attribute, naming the variable and what it must
// hold, and the fallback is returned.
func (s providerSetting[T]) resolve(configured T, null bool, diags *diag.Diagnostics) settingValue[T] {
	if !null {
		return settingValue[T]{settingName: s.settingName, value: configured, configured: true}
	}
	raw := os.Getenv(s.envVar)
	if s.parse == nil {
		// Only the rows of type string have no parser, so the assertion
		// holds.
		value, _ := any(raw).(T)
		return settingValue[T]{settingName: s.settingName, value: value, fromEnv: raw != ""}
	}
	unset := settingValue[T]{settingName: s.settingName, value: s.fallback}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return unset
	}
	value, ok := s.parse(raw)
	if !ok {
		diags.AddAttributeError(path.Root(s.attribute), "Invalid Amazon Music "+s.what,
			"The "+s.envVar+" environment variable must be "+s.want+", got "+strconv.Quote(raw)+".")
		return unset
	}
	return settingValue[T]{settingName: s.settingName, value: value, fromEnv: true}
}

// present reports whether the setting was given at all: in the
// configuration, even blank, or by its environment variable.
func (v settingValue[T]) present() bool {
	return v.configured || v.fromEnv
}

// origin names where the value comes from.
func (v settingValue[T]) origin() string {
	if v.configured {
		return "the provider configuration"
	}
	return "the " + v.envVar + " environment variable"
}

// reportUnknown adds an error on the setting's attribute, for a value that
// is unknown at configuration time, which happens when it comes from a
// resource not yet created.
func (s settingName) reportUnknown(diags *diag.Diagnostics) {
	diags.AddAttributeError(path.Root(s.attribute), "Unknown Amazon Music "+s.what,
		"The provider cannot create the Amazon Music API client as there is an unknown configuration value for the "+
			s.what+". Either target apply the source of the value first, set the value statically in the configuration, "+
			"or use the "+s.envVar+" environment variable.")
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
