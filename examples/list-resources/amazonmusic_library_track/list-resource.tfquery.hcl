# Every track saved in the library, for `terraform query`. Terraform keeps
# the first 100 results unless limit asks for more: set it above the size
# of the library.
list "amazonmusic_library_track" "all" {
  provider = amazonmusic
  limit    = 10000
}
