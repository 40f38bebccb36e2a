// Package provider implements the amazonmusic Terraform provider: its
// schema and configuration, the amazonmusic_library_track,
// amazonmusic_library_tracks and amazonmusic_playlist resources, the
// amazonmusic_library_track list resource, the amazonmusic_playlists,
// amazonmusic_playlist and amazonmusic_track data sources, the
// amazonmusic_access_token ephemeral resource and the track_id_from_url
// function.
package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// registryURL is the provider's page in the Terraform Registry, named in the
// User-Agent header.
const registryURL = "https://registry.terraform.io/providers/amazonmusic-community/amazonmusic"

var (
	_ provider.Provider                       = (*AmazonMusicProvider)(nil)
	_ provider.ProviderWithConfigValidators   = (*AmazonMusicProvider)(nil)
	_ provider.ProviderWithFunctions          = (*AmazonMusicProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*AmazonMusicProvider)(nil)
	_ provider.ProviderWithListResources      = (*AmazonMusicProvider)(nil)
)

// AmazonMusicProvider is the amazonmusic provider.
type AmazonMusicProvider struct {
	// version is the provider's release version, "dev" for a local build and
	// "test" in acceptance tests.
	version string
}

// AmazonMusicProviderModel maps the provider's configuration block.
type AmazonMusicProviderModel struct {
	BaseURL     types.String `tfsdk:"base_url"`
	APIKey      types.String `tfsdk:"api_key"`
	AccessToken types.String `tfsdk:"access_token"`
	MaxRetries  types.Int64  `tfsdk:"max_retries"`

	ClientID     types.String `tfsdk:"client_id"`
	ClientSecret types.String `tfsdk:"client_secret"`
	RefreshToken types.String `tfsdk:"refresh_token"`
	TokenURL     types.String `tfsdk:"token_url"`

	DriftDetection types.Bool `tfsdk:"drift_detection"`

	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
	MaxConcurrency       types.Int64   `tfsdk:"max_concurrency"`
	RequestTimeout       types.String  `tfsdk:"request_timeout"`
}

// New returns a function that builds the provider for the given version, as
// providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &AmazonMusicProvider{version: version}
	}
}

// Metadata names the provider and reports its version.
func (p *AmazonMusicProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "amazonmusic"
	resp.Version = p.version
}

// Schema describes the provider's configuration block.
func (p *AmazonMusicProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the current user's Amazon Music library, playlists and profile, and finds catalog tracks, through the " +
			"[Amazon Music Web API](https://developer.amazon.com/docs/music/API_web_overview.html) v1. " +
			"It authenticates with a security profile ID (`api_key`) and either a Login with Amazon access token " +
			"or a refresh token with the security profile's client ID and secret, with which it renews access tokens itself.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Root URL of the Amazon Music Web API, without `/v1`: an `https` URL, or `http` for a loopback host. " +
					"Defaults to `" + amazonmusic.DefaultBaseURL + "`; can also be set with the `" + EnvBaseURL + "` environment variable.",
				Optional:   true,
				Validators: []validator.String{urlValidator{endpoint: baseURLAttribute}},
			},
			"api_key": schema.StringAttribute{
				MarkdownDescription: "Security profile ID from the Amazon developer console, sent as the `x-api-key` header. " +
					"Required, with no default; can also be set with the `" + EnvAPIKey + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "Login with Amazon access token (`Atza|...`), never renewed: a run must end before it expires, " +
					"about an hour after it was issued. Conflicts with `refresh_token`, `client_id`, `client_secret` and `token_url`. " +
					"Can also be set with the `" + EnvAccessToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"refresh_token": schema.StringAttribute{
				MarkdownDescription: "Login with Amazon refresh token (`Atzr|...`). " +
					"With `client_id` and `client_secret`, the provider gets access tokens from `token_url` and renews them itself. " +
					"Conflicts with `access_token`. Can also be set with the `" + EnvRefreshToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of the security profile the refresh token was issued to (`amzn1.application-oa2-client....`), " +
					"used with `refresh_token`. Can also be set with the `" + EnvClientID + "` environment variable.",
				Optional: true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Client secret of the security profile the refresh token was issued to, used with `refresh_token`. " +
					"Can also be set with the `" + EnvClientSecret + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"token_url": schema.StringAttribute{
				MarkdownDescription: "Login with Amazon token endpoint, used with `refresh_token`: an `https` URL, or `http` for a loopback host. " +
					"Defaults to `" + amazonmusic.DefaultTokenURL + "`; can also be set with the `" + EnvTokenURL + "` environment variable.",
				Optional:   true,
				Validators: []validator.String{urlValidator{endpoint: tokenURLAttribute}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a request answered `429` or `5xx`, or lost to a network error, is retried " +
					"after its first attempt, `0` (no retries) to `" + strconv.Itoa(MaxMaxRetries) + "`. Defaults to `" +
					strconv.Itoa(amazonmusic.DefaultMaxRetries) + "`; can also be set with the `" + EnvMaxRetries + "` environment variable.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, MaxMaxRetries)},
			},
			"drift_detection":         driftDetectionAttribute(),
			"max_requests_per_second": maxRequestsPerSecondAttribute(),
			"request_timeout":         requestTimeoutAttribute(),
			"max_concurrency":         maxConcurrencyAttribute(),
		},
	}
}

// ConfigValidators checks at plan time the combinations of attributes that
// are wrong whatever the environment holds.
func (p *AmazonMusicProvider) ConfigValidators(_ context.Context) []provider.ConfigValidator {
	return []provider.ConfigValidator{credentialsValidator{}}
}

// Configure builds the API client from the configuration and the environment
// and hands it to the resources and data sources.
func (p *AmazonMusicProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	diags := &resp.Diagnostics
	var config AmazonMusicProviderModel
	diags.Append(req.Config.Get(ctx, &config)...)
	if diags.HasError() {
		return
	}

	// A value that is unknown until a resource is created cannot configure
	// the client: each is reported on its attribute.
	for _, s := range providerSettings {
		var value attr.Value
		diags.Append(req.Config.GetAttribute(ctx, path.Root(s.attribute), &value)...)
		if value != nil && value.IsUnknown() {
			s.reportUnknown(diags)
		}
	}
	if diags.HasError() {
		return
	}

	baseURL := baseURLSetting.resolve(config.BaseURL.ValueString(), config.BaseURL.IsNull(), diags)
	apiKey := apiKeySetting.resolve(config.APIKey.ValueString(), config.APIKey.IsNull(), diags).value
	auth := resolveAuthSettings(config, diags)
	// Nothing is logged before this point: from here on, the credentials
	// are masked in every message of the provider and of its API client.
	secrets := append([]string{apiKey}, auth.secrets()...)
	ctx = maskSecrets(ctx, secrets...)

	if baseURL.value == "" {
		baseURL.value = amazonmusic.DefaultBaseURL
	} else if !baseURL.configured {
		// A configured value was checked at plan time; one from the
		// environment is checked here.
		if err := checkBaseURL(baseURL.value); err != nil {
			diags.AddAttributeError(path.Root("base_url"), invalidBaseURLSummary,
				"The "+EnvBaseURL+" environment variable cannot be used: "+err.Error()+".")
		}
	}
	if strings.TrimSpace(apiKey) == "" {
		diags.AddAttributeError(path.Root("api_key"), "Missing Amazon Music API key",
			"Set the api_key attribute in the provider configuration or the "+EnvAPIKey+
				" environment variable to the security profile ID from the Amazon developer console.")
	}
	clientConfig := amazonmusic.Config{
		BaseURL:   baseURL.value,
		APIKey:    apiKey,
		UserAgent: p.userAgent(req.TerraformVersion),
		Logger:    newTFLogAdapter(secrets...),
	}
	auth.apply(&clientConfig, diags)
	clientConfig.MaxRetries = maxRetriesSetting.resolve(int(config.MaxRetries.ValueInt64()), config.MaxRetries.IsNull(), diags).value
	driftDetection := driftDetectionSetting.resolve(config.DriftDetection.ValueBool(), config.DriftDetection.IsNull(), diags).value
	clientConfig.MaxRequestsPerSecond = maxRequestsPerSecondSetting.resolve(
		config.MaxRequestsPerSecond.ValueFloat64(), config.MaxRequestsPerSecond.IsNull(), diags).value
	maxConcurrency := maxConcurrencySetting.resolve(int(config.MaxConcurrency.ValueInt64()), config.MaxConcurrency.IsNull(), diags).value
	// A configured request_timeout was checked at plan time.
	requestTimeout, _ := parseRequestTimeout(config.RequestTimeout.ValueString())
	clientConfig.Timeout = requestTimeoutSetting.resolve(requestTimeout, config.RequestTimeout.IsNull(), diags).value
	if diags.HasError() {
		return
	}

	logFields := clientLogFields(clientConfig)
	logFields["drift_detection"] = driftDetection
	logFields["max_concurrency"] = maxConcurrency
	tflog.Debug(ctx, "Creating Amazon Music API client", logFields)

	client, err := amazonmusic.NewClient(clientConfig)
	if err != nil {
		diags.AddError("Unable to create Amazon Music API client",
			"The provider could not create its API client: "+err.Error())
		return
	}

	data := newProviderData(client, driftDetection)
	data.maxConcurrency = maxConcurrency
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ListResourceData = data

	tflog.Info(ctx, "Configured Amazon Music API client", map[string]interface{}{"base_url": baseURL.value})
}

// userAgent is the User-Agent header the client sends.
func (p *AmazonMusicProvider) userAgent(terraformVersion string) string {
	return fmt.Sprintf("terraform-provider-amazonmusic/%s (+%s) Terraform/%s", p.version, registryURL, terraformVersion)
}

// Resources lists the provider's resources.
func (p *AmazonMusicProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewLibraryTrackResource,
		NewLibraryTracksResource,
		NewPlaylistResource,
		NewUserProfileResource,
	}
}

// ListResources lists the provider's list resources, which `terraform
// query` reads.
func (p *AmazonMusicProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewLibraryTrackListResource,
	}
}

// DataSources lists the provider's data sources.
func (p *AmazonMusicProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewPlaylistsDataSource,
		NewPlaylistDataSource,
		NewTrackDataSource,
		NewAlbumDataSource,
		NewUserDataSource,
		NewSearchTracksDataSource,
		NewTracksByISRCDataSource,
	}
}

// EphemeralResources lists the provider's ephemeral resources.
func (p *AmazonMusicProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewAccessTokenEphemeralResource,
	}
}

// Functions lists the provider's functions.
func (p *AmazonMusicProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewTrackIDFromURLFunction,
	}
}

// clientLogFields are the log fields that describe the client's
// configuration, without its secrets.
func clientLogFields(c amazonmusic.Config) map[string]interface{} {
	fields := map[string]interface{}{
		"base_url":                c.BaseURL,
		"max_retries":             c.MaxRetries,
		"max_requests_per_second": c.MaxRequestsPerSecond,
		"request_timeout":         c.Timeout.String(),
		"auth":                    "access token",
	}
	if c.RefreshToken != "" {
		fields["auth"] = "Login with Amazon refresh token"
		fields["token_url"] = c.TokenURL
	}
	return fields
}

// MaxMaxRetries bounds max_retries. With the client's backoff (1 s doubling
// up to 30 s between attempts, with jitter) 20 retries already wait up to
// about eight minutes for one request; more would only stall an apply
// behind an API that keeps failing, each of its parallel requests in turn.
const MaxMaxRetries = 20

// clientFromProviderData returns the API client of the provider data handed
// to a resource, data source or ephemeral resource (non-nil ProviderData),
// reporting on diags when data holds something else.
func clientFromProviderData(data any, diags *diag.Diagnostics) *amazonmusic.Client {
	d := providerDataFrom(data, diags)
	if d == nil {
		return nil
	}
	return d.client
}
