# The catalog track of each ISRC, one search each. Searching the catalog
# needs the music::catalog scope.
data "amazonmusic_tracks_by_isrc" "favourites" {
  isrcs = ["GBCFB2000356", "USUM72300412", "SEUM72200045"]
}

# Save the track found for each ISRC, labelled with the ISRC.
resource "amazonmusic_library_tracks" "favourites" {
  track_id_map = { for isrc, track in data.amazonmusic_tracks_by_isrc.favourites.tracks : track.id => isrc }
}

# The ISRCs the catalog has no track for.
output "not_found" {
  value = data.amazonmusic_tracks_by_isrc.favourites.not_found
}
