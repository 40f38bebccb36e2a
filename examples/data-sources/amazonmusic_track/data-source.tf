# A catalog track by its id, whether or not it is saved in the library.
# Reading the catalog needs the music::catalog scope.
data "amazonmusic_track" "kane_train" {
  id = "B08DL2BXQC"
}

locals {
  track = data.amazonmusic_track.kane_train
}

# Values the API leaves out are null: test them before use.
output "kane_train" {
  value = {
    title   = local.track.title
    isrc    = local.track.isrc
    album   = local.track.album == null ? null : local.track.album.title
    artists = local.track.artists == null ? [] : [for artist in local.track.artists : artist.name]
    length  = local.track.duration == null ? null : format("%d:%02d", floor(local.track.duration / 60), local.track.duration % 60)
    uhd     = local.track.audio_qualities == null ? false : contains(local.track.audio_qualities, "UHD")
  }
}

# Save it, with its id taken from the data source.
resource "amazonmusic_library_track" "kane_train" {
  track_id = data.amazonmusic_track.kane_train.id
}
