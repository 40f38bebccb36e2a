# The tracks saved in an Amazon Music library, kept as code: add a catalog id
# to the list and apply to save the track, remove it and apply to take the
# track out of the library again.
#
# The provider block is empty: the settings come from the environment
# (AMAZON_MUSIC_API_KEY, AMAZON_MUSIC_ACCESS_TOKEN and, for the emulator,
# AMAZON_MUSIC_BASE_URL).

terraform {
  required_version = ">= 1.11"

  required_providers {
    amazonmusic = {
      source  = "amazonmusic-community/amazonmusic"
      version = "~> 0.1"
    }
  }
}

provider "amazonmusic" {}

locals {
  # Amazon Music catalog ids of the tracks to keep in the library.
  library_track_ids = [
    "B08DL2BXQC", # Kane Train
    "B0B6T4GQ2S", # Northern Skies
    "B07QXMFJ4W", # Harbour Lights
    "B0C1KZ5T8P", # Paper Lanterns
    "B09HN3RPLM", # Night Drive Home
  ]
}

resource "amazonmusic_library_track" "saved" {
  for_each = toset(local.library_track_ids)

  track_id = each.value
}

data "amazonmusic_playlists" "mine" {}
