# Start managing tracks that are already saved in the library: the import id
# is their catalog ids, separated by commas.
terraform import amazonmusic_library_tracks.favourites B08DL2BXQC,B097S29G3W,B07QXMFJ4W
