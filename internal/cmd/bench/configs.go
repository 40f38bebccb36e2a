//go:build linux

package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// The configurations every case applies. Those of the provider name it in
// required_providers and point it at the harness's emulator; the floor
// configurations use terraform_data, built into Terraform, and need no
// provider at all, so no configuration is ever initialized.

// trackIDs returns the catalog ids of the first n generated tracks.
func trackIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

// idsLocal is a locals block holding ids as local.ids.
func idsLocal(ids []string) string {
	var b strings.Builder
	b.WriteString("locals {\n  ids = [\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "    %q,\n", id)
	}
	b.WriteString("  ]\n}\n")
	return b.String()
}

// providerConfig is the provider's requirement and block for the emulator
// at url, with extra attributes (such as max_requests_per_second) in the
// block.
func providerConfig(url string, extra map[string]string) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    amazonmusic = {
      source = "amazonmusic-community/amazonmusic"
    }
  }
}

provider "amazonmusic" {
`)
	fmt.Fprintf(&b, "  base_url     = %q\n", url)
	fmt.Fprintf(&b, "  api_key      = %q\n", emulator.DefaultAPIKey)
	fmt.Fprintf(&b, "  access_token = %q\n", emulator.DefaultAccessToken)
	for _, name := range slices.Sorted(maps.Keys(extra)) {
		fmt.Fprintf(&b, "  %s = %s\n", name, extra[name])
	}
	b.WriteString("}\n")
	return b.String()
}

// libraryTracksConfig saves ids as one amazonmusic_library_track each,
// counted over the list of ids or, with forEach, over a set of them (what
// people write; Terraform v1.11 spends about ten times as much CPU on 1,000
// instances of it, for terraform_data too).
func libraryTracksConfig(url string, ids []string, providerExtra map[string]string, forEach bool) string {
	return providerConfig(url, providerExtra) + "\n" + idsLocal(ids) + instances("amazonmusic_library_track", "track_id", forEach)
}

// floorConfig is libraryTracksConfig's floor: as many terraform_data
// resources over the same ids.
func floorConfig(ids []string, forEach bool) string {
	return idsLocal(ids) + instances("terraform_data", "input", forEach)
}

// instances is a resource of type typ called t with one instance per id of
// local.ids, whose attribute attr holds the id: counted over the list, or
// with forEach over a set of the ids.
func instances(typ, attr string, forEach bool) string {
	if forEach {
		return fmt.Sprintf(`
resource %q "t" {
  for_each = toset(local.ids)
  %s = each.value
}
`, typ, attr)
	}
	return fmt.Sprintf(`
resource %q "t" {
  count = length(local.ids)
  %s = local.ids[count.index]
}
`, typ, attr)
}

// bulkConfig saves ids with one amazonmusic_library_tracks resource, with
// extra attributes in the provider block.
func bulkConfig(url string, ids []string, providerExtra map[string]string) string {
	return providerConfig(url, providerExtra) + "\n" + idsLocal(ids) + `
resource "amazonmusic_library_tracks" "all" {
  track_ids = toset(local.ids)
}
`
}

// floorSetConfig is bulkConfig's floor: one terraform_data holding the
// same ids as a set.
func floorSetConfig(ids []string) string {
	return idsLocal(ids) + `
resource "terraform_data" "all" {
  input = toset(local.ids)
}
`
}

// bulkMapAddress is the resource of bulkMapConfig.
const bulkMapAddress = "amazonmusic_library_tracks.all"

// bulkMapConfig saves ids with one amazonmusic_library_tracks holding them
// in track_id_map, with maxConcurrency requests in flight (the default when
// 0).
func bulkMapConfig(url string, ids []string, maxConcurrency int) string {
	setting := ""
	if maxConcurrency > 0 {
		setting = "  max_concurrency = " + strconv.Itoa(maxConcurrency) + "\n"
	}
	return providerConfig(url, nil) + "\n" + idsLocal(ids) + `
resource "amazonmusic_library_tracks" "all" {
  track_id_map = { for id in local.ids : id => id }
` + setting + `}
`
}

// floorMapConfig is bulkMapConfig's floor: one terraform_data holding the
// same ids as a map.
func floorMapConfig(ids []string) string {
	return idsLocal(ids) + `
resource "terraform_data" "all" {
  input = { for id in local.ids : id => id }
}
`
}

// playlistsOutput names the output holding how many playlists were read.
const playlistsOutput = "playlist_count"

// playlistsConfig reads every playlist in pages of pageSize and outputs how
// many there are.
func playlistsConfig(url string, pageSize int) string {
	return providerConfig(url, nil) + `
data "amazonmusic_playlists" "all" {
  page_size = ` + strconv.Itoa(pageSize) + `
}

output "` + playlistsOutput + `" {
  value = length(data.amazonmusic_playlists.all.playlists)
}
`
}

// schemaConfig only requires the provider, for `terraform providers schema`.
func schemaConfig() string {
	return providerConfig("http://127.0.0.1:1", nil)
}

// writeConfig writes config as main.tf of a new directory name below root.
func writeConfig(root, name, config string) (string, error) {
	dir := filepath.Join(root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644)
}
