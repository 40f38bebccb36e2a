# Start managing tracks that are already saved in the library: the import id
# is their catalog ids, separated by commas.
terraform import amazonmusic_library_tracks.favourites B08DL2BXQC,B0B6T4GQ2S,B07QXMFJ4W
