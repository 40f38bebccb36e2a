# A catalog album by its id: the id after albums/ in the album's link.
# Reading the catalog needs the music::catalog scope.
data "amazonmusic_album" "kane_train" {
  id = "B08DL2H5PV"
}

locals {
  album = data.amazonmusic_album.kane_train
}

# Save every track of the album, in one resource. Values the API leaves out
# are null: test them before use.
resource "amazonmusic_library_tracks" "kane_train" {
  track_id_map = local.album.tracks == null ? {} : { for track in local.album.tracks : track.id => track.id }
}

output "kane_train" {
  value = {
    title    = local.album.title
    released = local.album.release_date == null ? null : formatdate("YYYY-MM-DD", local.album.release_date)
    artists  = local.album.artists == null ? [] : [for artist in local.album.artists : artist.name]
    tracks   = local.album.track_count
  }
}
