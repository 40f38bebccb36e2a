# A track link as the Amazon Music app shares it.
locals {
  shared_url = "https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"
}

# Save the shared track to the library of the signed-in user.
resource "amazonmusic_library_track" "shared" {
  track_id = provider::amazonmusic::track_id_from_url(local.shared_url)
}

output "shared_track_id" {
  value = amazonmusic_library_track.shared.track_id # "B08DL2BXQC"
}
