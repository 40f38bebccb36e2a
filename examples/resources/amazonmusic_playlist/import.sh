# Start managing a playlist that already exists, by its id (as
# amazonmusic_playlists lists it).
terraform import amazonmusic_playlist.road_trip 15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3
