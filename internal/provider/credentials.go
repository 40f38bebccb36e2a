package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/providervalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// A provider authenticates its requests in one of two ways: with a static
// access token (access_token), or with a refresh token and the security
// profile's client credentials (refresh_token, client_id, client_secret and
// optionally token_url), with which the API client obtains and refreshes
// access tokens itself from Login with Amazon.
//
// Each attribute falls back to its environment variable. The way chosen in
// the configuration wins over the environment: an access_token in the
// configuration ignores refresh settings from the environment and the other
// way round. Both ways in the configuration, or both in the environment
// when the configuration chooses neither, are an error.

// refreshAttributes are the attributes of the refresh flow that conflict with
// access_token, in the order messages name them.
var refreshAttributes = []string{"refresh_token", "client_id", "client_secret", "token_url"}

// conflictingCredentialsSummary is the summary of every diagnostic about
// credentials of both ways.
const conflictingCredentialsSummary = "Conflicting Amazon Music credentials"

// chooseOneAdvice ends the messages about credentials of both ways.
const chooseOneAdvice = "Choose one way to authenticate: either a static access_token, or refresh_token with " +
	"client_id and client_secret (and optionally token_url), with which the provider obtains access tokens " +
	"from Login with Amazon itself and refreshes them before they expire."

// credentialsValidator reports at plan time a configuration that sets
// access_token together with an attribute of the refresh flow.
//
// Whether the refresh settings are complete is checked when the provider is
// configured, as a missing one may come from its environment variable.
type credentialsValidator struct{}

var _ provider.ConfigValidator = credentialsValidator{}

// Description describes the validation in plain text.
func (credentialsValidator) Description(_ context.Context) string {
	return "access_token cannot be set together with refresh_token, client_id, client_secret or token_url"
}

// MarkdownDescription describes the validation in Markdown.
func (credentialsValidator) MarkdownDescription(_ context.Context) string {
	return "`access_token` cannot be set together with `refresh_token`, `client_id`, `client_secret` or `token_url`"
}

// ValidateProvider reports, on access_token, every refresh attribute set
// beside it. Unknown values are checked once known.
func (credentialsValidator) ValidateProvider(ctx context.Context, req provider.ValidateConfigRequest, resp *provider.ValidateConfigResponse) {
	var conflicting []string
	for _, attribute := range refreshAttributes {
		var check provider.ValidateConfigResponse
		providervalidator.Conflicting(path.MatchRoot("access_token"), path.MatchRoot(attribute)).
			ValidateProvider(ctx, req, &check)
		if check.Diagnostics.HasError() {
			conflicting = append(conflicting, attribute)
		}
	}
	if len(conflicting) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("access_token"), conflictingCredentialsSummary,
			"access_token cannot be set together with "+strings.Join(conflicting, ", ")+
				" in the provider configuration. "+chooseOneAdvice)
	}
}

// blank reports whether a string setting holds nothing but white space.
func blank(s settingValue[string]) bool {
	return strings.TrimSpace(s.value) == ""
}

// authSettings are the credential settings that choose how the provider
// authenticates.
type authSettings struct {
	accessToken  settingValue[string]
	refreshToken settingValue[string]
	clientID     settingValue[string]
	clientSecret settingValue[string]
	tokenURL     settingValue[string]
}

// resolveAuthSettings reads the credential settings of config, each through
// its row of the table of settings.
func resolveAuthSettings(config AmazonMusicProviderModel, diags *diag.Diagnostics) authSettings {
	return authSettings{
		accessToken:  accessTokenSetting.resolve(config.AccessToken.ValueString(), config.AccessToken.IsNull(), diags),
		refreshToken: refreshTokenSetting.resolve(config.RefreshToken.ValueString(), config.RefreshToken.IsNull(), diags),
		clientID:     clientIDSetting.resolve(config.ClientID.ValueString(), config.ClientID.IsNull(), diags),
		clientSecret: clientSecretSetting.resolve(config.ClientSecret.ValueString(), config.ClientSecret.IsNull(), diags),
		tokenURL:     tokenURLSetting.resolve(config.TokenURL.ValueString(), config.TokenURL.IsNull(), diags),
	}
}

// secrets are the values to mask in logs, whichever way is used.
func (a authSettings) secrets() []string {
	return []string{a.accessToken.value, a.refreshToken.value, a.clientSecret.value}
}

// refreshSettings are the settings that select the refresh flow.
func (a authSettings) refreshSettings() []settingValue[string] {
	return []settingValue[string]{a.refreshToken, a.clientID, a.clientSecret}
}

// apply chooses the way to authenticate, checks its settings and sets them
// in cfg. Problems are reported on diags, each on its attribute.
func (a authSettings) apply(cfg *amazonmusic.Config, diags *diag.Diagnostics) {
	configuredStatic := a.accessToken.configured
	var configuredRefresh, environmentRefresh []string
	for _, s := range a.refreshSettings() {
		switch {
		case s.configured:
			configuredRefresh = append(configuredRefresh, s.attribute)
		case s.present():
			environmentRefresh = append(environmentRefresh, s.envVar)
		}
	}
	conflicting := configuredRefresh
	if a.tokenURL.configured {
		conflicting = append(conflicting, a.tokenURL.attribute)
	}

	switch {
	case configuredStatic && len(conflicting) > 0:
		diags.AddAttributeError(path.Root("access_token"), conflictingCredentialsSummary,
			"access_token cannot be set together with "+strings.Join(conflicting, ", ")+
				" in the provider configuration. "+chooseOneAdvice)
	case configuredStatic:
		a.applyStatic(cfg, diags)
	case len(configuredRefresh) > 0:
		a.applyRefresh(cfg, diags)
	case a.accessToken.present() && len(environmentRefresh) > 0:
		diags.AddAttributeError(path.Root("access_token"), conflictingCredentialsSummary,
			"Both "+EnvAccessToken+" and "+strings.Join(environmentRefresh, ", ")+" are set in the environment, "+
				"and the provider configuration sets neither access_token nor refresh_token, client_id or client_secret. "+
				chooseOneAdvice+" Unset the environment variables of the other way, or set the chosen one in the provider configuration.")
	case len(environmentRefresh) > 0:
		a.applyRefresh(cfg, diags)
	default:
		a.applyStatic(cfg, diags)
	}
}

// applyStatic uses the static access token.
func (a authSettings) applyStatic(cfg *amazonmusic.Config, diags *diag.Diagnostics) {
	if blank(a.accessToken) {
		diags.AddAttributeError(path.Root("access_token"), "Missing Amazon Music access token",
			"Set the access_token attribute in the provider configuration or the "+EnvAccessToken+
				" environment variable to a Login with Amazon access token. Or let the provider obtain access tokens itself: "+
				"set refresh_token, client_id and client_secret (or "+EnvRefreshToken+", "+EnvClientID+" and "+EnvClientSecret+
				") to a Login with Amazon refresh token and the client ID and client secret of the security profile it was issued to.")
		return
	}
	if a.tokenURL.configured {
		diags.AddAttributeWarning(path.Root("token_url"), "Unused Login with Amazon token URL",
			"token_url is only used with refresh_token. The provider uses the static access token from "+
				a.accessToken.origin()+" and never asks the token endpoint.")
	}
	cfg.AccessToken = a.accessToken.value
}

// missingRefreshSetting describes, for each refresh setting, what it holds.
var missingRefreshSetting = map[string]struct{ what, value string }{
	"refresh_token": {"refresh token", "a Login with Amazon refresh token (Atzr|...) of the user whose library is managed"},
	"client_id":     {"client ID", "the client ID of the security profile the refresh token was issued to"},
	"client_secret": {"client secret", "the client secret of the security profile the refresh token was issued to"},
}

// applyRefresh uses the refresh flow.
func (a authSettings) applyRefresh(cfg *amazonmusic.Config, diags *diag.Diagnostics) {
	var given []string
	for _, s := range a.refreshSettings() {
		if !blank(s) {
			given = append(given, s.attribute+" (from "+s.origin()+")")
		}
	}
	reason := "The provider obtains its access tokens from Login with Amazon"
	if len(given) > 0 {
		reason += " because " + strings.Join(given, ", ") + " " + isOrAre(len(given)) + " set"
	}
	for _, s := range a.refreshSettings() {
		if !blank(s) {
			continue
		}
		m := missingRefreshSetting[s.attribute]
		diags.AddAttributeError(path.Root(s.attribute), "Missing Amazon Music "+m.what,
			reason+", which also needs the "+m.what+". Set the "+s.attribute+" attribute in the provider configuration or the "+
				s.envVar+" environment variable to "+m.value+".")
	}

	tokenURL := a.tokenURL.value
	if tokenURL == "" {
		tokenURL = amazonmusic.DefaultTokenURL
	} else if !a.tokenURL.configured {
		// A configured value was checked at plan time.
		if err := tokenURLAttribute.check(tokenURL); err != nil {
			diags.AddAttributeError(path.Root("token_url"), tokenURLAttribute.summary,
				"The "+EnvTokenURL+" environment variable cannot be used: "+err.Error()+".")
		}
	}
	cfg.RefreshToken = a.refreshToken.value
	cfg.ClientID = a.clientID.value
	cfg.ClientSecret = a.clientSecret.value
	cfg.TokenURL = tokenURL
}

// isOrAre agrees with a count.
func isOrAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
