# A catalog track by its id, whether or not it is saved in the library.
data "amazonmusic_track" "kane_train" {
  id = "B08DL2BXQC"
}

output "kane_train" {
  value = "${data.amazonmusic_track.kane_train.title} (ISRC ${data.amazonmusic_track.kane_train.isrc})"
}

# Save it, with its id taken from the data source.
resource "amazonmusic_library_track" "kane_train" {
  track_id = data.amazonmusic_track.kane_train.id
}
