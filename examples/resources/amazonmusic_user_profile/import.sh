# Start managing the profile of the user the access token belongs to, by
# that user's id (as data.amazonmusic_user reports it). The next apply sets
# visibility and playback_visibility from the configuration.
terraform import amazonmusic_user_profile.me 6ozjgidgbvjdv3j6dd5jm7ipom
