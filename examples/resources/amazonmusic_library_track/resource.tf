# Save the track "Kane Train" to the library of the signed-in user.
resource "amazonmusic_library_track" "kane_train" {
  track_id = "B08DL2BXQC"
}

output "kane_train_title" {
  value = amazonmusic_library_track.kane_train.title
}
