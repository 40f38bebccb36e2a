# Terraform 1.12 and later: name the track by the resource's identity.
import {
  to       = amazonmusic_library_track.kane_train
  identity = { track_id = "B08DL2BXQC" }
}
