# The user the access token belongs to. Reading it needs the music::profile
# scope.
data "amazonmusic_user" "me" {}

output "profile" {
  value = {
    id   = data.amazonmusic_user.me.id
    name = data.amazonmusic_user.me.name
    url  = data.amazonmusic_user.me.url
  }
}
