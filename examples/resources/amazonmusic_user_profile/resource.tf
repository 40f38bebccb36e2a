# The name and visibilities of the signed-in user's profile. There is one
# profile per user: declare this resource once. Destroying it leaves the
# profile as it is.
resource "amazonmusic_user_profile" "me" {
  name                = "Road Tripper"
  visibility          = "PUBLIC"
  playback_visibility = "PRIVATE"
}
