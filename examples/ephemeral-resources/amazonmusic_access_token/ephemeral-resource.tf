# The access token the provider authenticates with. Terraform never writes it
# to the plan or the state.
ephemeral "amazonmusic_access_token" "this" {}

# Hand it to a command that calls the Amazon Music Web API itself: here, curl
# saves the first page of the user's playlists to playlists.json. A
# provisioner's environment is not kept, and Terraform hides the command's
# output because the token is sensitive. The API key comes from the same
# AMAZON_MUSIC_API_KEY variable the provider reads.
resource "terraform_data" "export_playlists" {
  provisioner "local-exec" {
    command = <<-EOT
      curl --fail --silent --show-error --output playlists.json \
        --header "x-api-key: $AMAZON_MUSIC_API_KEY" \
        --header "Authorization: $AMAZON_MUSIC_AUTHORIZATION" \
        "$${AMAZON_MUSIC_BASE_URL:-https://api.music.amazon.dev}/v1/me/playlists"
    EOT
    environment = {
      AMAZON_MUSIC_AUTHORIZATION = "${ephemeral.amazonmusic_access_token.this.token_type} ${ephemeral.amazonmusic_access_token.this.access_token}"
    }
  }
}
