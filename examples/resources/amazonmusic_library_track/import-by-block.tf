# Terraform 1.5 and later: adopt a track that is already saved in the
# library during the next plan and apply.
import {
  to = amazonmusic_library_track.kane_train
  id = "B08DL2BXQC"
}
