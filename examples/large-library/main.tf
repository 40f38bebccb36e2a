# A library of thousands of tracks kept as code: the catalog ids live in
# track_ids.txt, one a line, and one amazonmusic_library_tracks holds them
# in track_id_map, the form Terraform plans in time that grows with the
# number of ids (10,000 ids apply in seconds). Add a line and apply to save
# a track; delete one and apply to take it out of the library.
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
  # One catalog id a line; blank lines are skipped. A JSON list works as
  # well: jsondecode(file("${path.module}/track_ids.json")).
  track_ids = compact([
    for line in split("\n", file("${path.module}/track_ids.txt")) : upper(trimspace(line))
  ])
}

resource "amazonmusic_library_tracks" "library" {
  # Each id labelled with itself, as an import with the id "*" labels them:
  # the plan shows "B08DL2BXQC" = "B08DL2BXQC" for a track added or removed.
  track_id_map = { for id in local.track_ids : id => id }

  # Requests in flight at once; the API's rate limits still apply.
  max_concurrency = 32
}

output "saved_track_count" {
  value = length(amazonmusic_library_tracks.library.track_id_map)
}
