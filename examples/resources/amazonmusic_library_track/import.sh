# Start managing a track that is already saved in the library, by its
# catalog id.
terraform import amazonmusic_library_track.kane_train B08DL2BXQC
