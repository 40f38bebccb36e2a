// Package providerenv names the environment variables the provider reads
// when its block leaves a setting out. The provider's table of settings
// uses them, and so do the tools that set them for it, such as the
// emulator's export lines, without depending on Terraform.
package providerenv

// Prefix starts the name of every variable below.
const Prefix = "AMAZON_MUSIC_"

// The variables, one for each setting of the provider block.
const (
	BaseURL              = "AMAZON_MUSIC_BASE_URL"
	APIKey               = "AMAZON_MUSIC_API_KEY"
	AccessToken          = "AMAZON_MUSIC_ACCESS_TOKEN"
	MaxRetries           = "AMAZON_MUSIC_MAX_RETRIES"
	ClientID             = "AMAZON_MUSIC_CLIENT_ID"
	ClientSecret         = "AMAZON_MUSIC_CLIENT_SECRET"
	RefreshToken         = "AMAZON_MUSIC_REFRESH_TOKEN"
	TokenURL             = "AMAZON_MUSIC_TOKEN_URL"
	DriftDetection       = "AMAZON_MUSIC_DRIFT_DETECTION"
	MaxRequestsPerSecond = "AMAZON_MUSIC_MAX_REQUESTS_PER_SECOND"
	MaxConcurrency       = "AMAZON_MUSIC_MAX_CONCURRENCY"
	RequestTimeout       = "AMAZON_MUSIC_REQUEST_TIMEOUT"
)
