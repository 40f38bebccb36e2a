# Keep a few hundred (or thousand) tracks in the library of the signed-in
# user with one resource: adding an id to the list saves that track,
# removing one removes it from the library.
resource "amazonmusic_library_tracks" "favourites" {
  track_ids = [
    "B08DL2BXQC",
    "B0B6T4GQ2S",
    "B07QXMFJ4W",
  ]

  # Optional: how many requests this resource keeps in flight at once
  # (the provider's max_concurrency, 8 unless set, otherwise).
  max_concurrency = 16
}

output "favourite_titles" {
  value = { for id, track in amazonmusic_library_tracks.favourites.tracks : id => track.title }
}
