# Look the tracks up in the catalog, one by id and one from a shared link.
data "amazonmusic_track" "kane_train" {
  id = "B08DL2BXQC"
}

locals {
  shared_link = "https://music.amazon.com/albums/B07QXLZ8RN/?trackAsin=B07QXMFJ4W"
}

# A playlist of the signed-in user with its tracks in order. Tracks added at
# the end of track_ids are added in place; removing or reordering tracks
# replaces the playlist, so build the new one before the old one goes.
resource "amazonmusic_playlist" "road_trip" {
  title       = "Road Trip"
  description = "Songs for the long drive north"
  visibility  = "PRIVATE"

  track_ids = [
    data.amazonmusic_track.kane_train.id,
    provider::amazonmusic::track_id_from_url(local.shared_link),
  ]

  lifecycle {
    create_before_destroy = true
  }
}

output "road_trip_url" {
  value = amazonmusic_playlist.road_trip.url
}
