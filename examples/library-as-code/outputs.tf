output "saved_track_titles" {
  description = "Titles of the saved tracks, by catalog id."
  value       = { for id, track in amazonmusic_library_track.saved : id => track.title }
}

output "playlist_titles" {
  description = "Titles of the playlists the user owns."
  value       = [for playlist in data.amazonmusic_playlists.mine.playlists : playlist.title]
}

output "playlist_count" {
  description = "How many playlists the user owns."
  value       = length(data.amazonmusic_playlists.mine.playlists)
}
