# The access token the provider authenticates with. Terraform never writes it
# to the plan or the state.
ephemeral "amazonmusic_access_token" "this" {}

# Hand it to a script that calls the Amazon Music Web API itself. A
# provisioner's environment is not kept, and Terraform hides the command's
# output because the token is sensitive.
resource "terraform_data" "export_playlists" {
  provisioner "local-exec" {
    command = "./export-playlists.sh"
    environment = {
      AMAZON_MUSIC_AUTHORIZATION = "${ephemeral.amazonmusic_access_token.this.token_type} ${ephemeral.amazonmusic_access_token.this.access_token}"
    }
  }
}
