# Terraform 1.5 and later: adopt a playlist that already exists during the
# next plan and apply. Every argument is read from the API.
import {
  to = amazonmusic_playlist.road_trip
  id = "15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3"
}
