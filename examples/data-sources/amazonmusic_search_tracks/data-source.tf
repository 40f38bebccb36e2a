# The tracks of one recording, by its ISRC: a single and its album edition
# can share one. Searching the catalog needs the music::catalog scope.
data "amazonmusic_search_tracks" "kane_train" {
  isrc = "GBCFB2000356"
}

# Every filter set must match: tracks titled "Harbour" by an artist named
# "Vale", newest first.
data "amazonmusic_search_tracks" "harbour" {
  name        = "Harbour"
  artist_name = "Vale"
  sort_by     = "release"
  max_results = 20
}

# Values the API leaves out are null: test them before use.
output "harbour" {
  value = [
    for track in data.amazonmusic_search_tracks.harbour.tracks : {
      id      = track.id
      title   = track.title
      album   = track.album == null ? null : track.album.title
      artists = track.artists == null ? [] : [for artist in track.artists : artist.name]
    }
  ]
}

# Save the first track found, when there is one.
resource "amazonmusic_library_tracks" "kane_train" {
  track_ids = [for track in slice(data.amazonmusic_search_tracks.kane_train.tracks, 0, 1) : track.id]
}
