terraform {
  required_providers {
    amazonmusic = {
      source  = "amazonmusic-community/amazonmusic"
      version = "~> 0.1"
    }
  }
}

# Every setting may also come from the environment, which keeps secrets out
# of the configuration altogether:
#
#   AMAZON_MUSIC_API_KEY        security profile ID, sent as x-api-key
#   AMAZON_MUSIC_ACCESS_TOKEN   Login with Amazon access token (Atza|...)
#   AMAZON_MUSIC_REFRESH_TOKEN  Login with Amazon refresh token (Atzr|...),
#   AMAZON_MUSIC_CLIENT_ID      with the security profile's client ID
#   AMAZON_MUSIC_CLIENT_SECRET  and client secret, instead of an access token
#   AMAZON_MUSIC_TOKEN_URL      token endpoint, https://api.amazon.com/auth/o2/token by default
#   AMAZON_MUSIC_BASE_URL       API endpoint, https://api.music.amazon.dev by default
#   AMAZON_MUSIC_MAX_RETRIES    retries of a request answered 429 or 5xx
#   AMAZON_MUSIC_DRIFT_DETECTION          false: refresh makes no API call
#   AMAZON_MUSIC_MAX_REQUESTS_PER_SECOND  cap on the rate of all requests
#   AMAZON_MUSIC_MAX_CONCURRENCY          requests in flight per amazonmusic_library_tracks
#   AMAZON_MUSIC_REQUEST_TIMEOUT          longest wait for one attempt of a request
#
# A value written in this block takes precedence over the environment.
provider "amazonmusic" {
  api_key      = var.amazon_music_api_key
  access_token = var.amazon_music_access_token
  max_retries  = 4
}

variable "amazon_music_api_key" {
  description = "Security profile ID of the application, from the Amazon developer console."
  type        = string
  sensitive   = true
}

# Ephemeral: the short-lived access token is kept out of plan files and state.
variable "amazon_music_access_token" {
  description = "Login with Amazon access token with the music::library and profile scopes."
  type        = string
  sensitive   = true
  ephemeral   = true
}
