# Pick a playlist from the user's playlists by title, then read its tracks.
data "amazonmusic_playlists" "mine" {}

locals {
  rock_id = one([for p in data.amazonmusic_playlists.mine.playlists : p.id if p.title == "00 Rock"])
}

data "amazonmusic_playlist" "rock" {
  id = local.rock_id
}

output "rock_track_titles" {
  value = [for t in data.amazonmusic_playlist.rock.tracks : t.title]
}

# Keep every track of the playlist saved in the library too.
resource "amazonmusic_library_tracks" "rock" {
  track_ids = [for t in data.amazonmusic_playlist.rock.tracks : t.id]
}
