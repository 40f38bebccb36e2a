# The playlists owned by the signed-in user, fetched in pages of 50.
data "amazonmusic_playlists" "mine" {
  page_size = 50
}

output "playlist_titles" {
  value = [for p in data.amazonmusic_playlists.mine.playlists : p.title]
}

output "private_playlist_ids" {
  value = [
    for p in data.amazonmusic_playlists.mine.playlists : p.id
    if p.visibility == "PRIVATE"
  ]
}
