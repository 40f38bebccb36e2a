# Terraform 1.5 and later: adopt tracks that are already saved in the
# library during the next plan and apply.
import {
  to = amazonmusic_library_tracks.favourites
  id = "B08DL2BXQC,B0B6T4GQ2S,B07QXMFJ4W"
}
