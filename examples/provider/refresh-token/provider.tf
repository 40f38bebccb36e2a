terraform {
  required_providers {
    amazonmusic = {
      source  = "amazonmusic-community/amazonmusic"
      version = "~> 0.1"
    }
  }
}

# With a refresh token and the client credentials of the security profile it
# was issued to, the provider obtains access tokens from Login with Amazon
# itself and replaces them before they expire: runs may last longer than an
# access token's hour.
provider "amazonmusic" {
  api_key       = var.amazon_music_api_key
  refresh_token = var.amazon_music_refresh_token
  client_id     = var.amazon_music_client_id
  client_secret = var.amazon_music_client_secret
}

variable "amazon_music_api_key" {
  description = "Security profile ID of the application, from the Amazon developer console."
  type        = string
  sensitive   = true
}

variable "amazon_music_refresh_token" {
  description = "Login with Amazon refresh token with the music::library and profile scopes."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "amazon_music_client_id" {
  description = "Client ID of the security profile."
  type        = string
}

variable "amazon_music_client_secret" {
  description = "Client secret of the security profile."
  type        = string
  sensitive   = true
  ephemeral   = true
}
