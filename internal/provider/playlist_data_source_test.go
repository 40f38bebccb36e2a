package provider

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestAccPlaylistDataSource_readsTheReferencePlaylistWithEveryPageOfItsTracks(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 2, PageCap: 5})
	id := em.PlaylistIDs()[0]
	em.SetPlaylistTracks(id, append([]string{"B08DL2BXQC", "B00LIVE7QX"}, catalogIDs(9)...)...)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: em.ResetCounts,
			Config:    provider + playlistDataConfig(id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("title"), knownvalue.StringExact("00 Rock")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("track_count"), knownvalue.Int64Exact(11)),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("url"), knownvalue.StringExact("https://music.amazon.ca/my/playlists/b2c6606b")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("images").AtSliceIndex(0).AtMapKey("image_type"), knownvalue.StringExact("PRIMARY")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("eligibility").AtMapKey("shuffle_type"), knownvalue.StringExact("INLINE")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks"), knownvalue.ListSizeExact(11)),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks").AtSliceIndex(0), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id":    knownvalue.StringExact("B08DL2BXQC"),
					"title": knownvalue.StringExact("Kane Train"),
					"isrc":  knownvalue.StringExact("GBCFB2000356"),
					"url":   knownvalue.StringExact("https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"),
				})),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks").AtSliceIndex(1).AtMapKey("isrc"), knownvalue.Null()),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks").AtSliceIndex(10).AtMapKey("id"), knownvalue.StringExact(emulator.TrackID(8))),
			},
			Check: func(*terraform.State) error {
				// 11 tracks in pages of at most 5: 3 pages per read.
				reads := em.Count(http.MethodGet, "/v1/playlists/"+id)
				if pages := em.Count(http.MethodGet, "/v1/playlists/"+id+"/tracks"); reads == 0 || pages != 3*reads {
					return fmt.Errorf("%d reads of the playlist and %d pages of its tracks, want 3 pages per read", reads, pages)
				}
				return nil
			},
		}},
	})
}

func TestAccPlaylistDataSource_readsTheDescriptionOfAManagedPlaylist(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: 3})
	config := provider + playlistConfig("Mix", catalogIDs(3), `  description = "Three tracks"`) + `
data "amazonmusic_playlist" "test" {
  id = amazonmusic_playlist.test.id
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkNoPlaylistLeft(em),
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("description"), knownvalue.StringExact("Three tracks")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("visibility"), knownvalue.StringExact("PRIVATE")),
				statecheck.ExpectKnownValue(playlistDataAddress, tfjsonpath.New("tracks").AtSliceIndex(2).AtMapKey("id"), knownvalue.StringExact(emulator.TrackID(2))),
			},
		}},
	})
}

func TestAccPlaylistDataSource_unknownPlaylistIsAClearError(t *testing.T) {
	t.Parallel()
	_, provider := testAccEmulator(t, emulator.Options{Playlists: 2})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      provider + playlistDataConfig("no-such-playlist"),
			ExpectError: errorText("Unable to read playlist no-such-playlist", "has no playlist", "HTTP 404"),
		}},
	})
}

func TestAccPlaylistDataSource_exampleSavesThePlaylistsTracks(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{Playlists: 2, CatalogSize: 20, PageCap: 5})
	example, err := os.ReadFile(filepath.Join(repositoryRoot(t), "examples", "data-sources", "amazonmusic_playlist", "data-source.tf"))
	if err != nil {
		t.Fatal(err)
	}
	rock, _ := em.Playlist(em.PlaylistIDs()[0])

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             checkLibraryEmpty(em),
		Steps: []resource.TestStep{{
			Config: provider + string(example),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("rock_track_titles", knownvalue.ListSizeExact(len(rock.TrackIDs))),
			},
			Check: checkLibrary(em, rock.TrackIDs...),
		}},
	})
}
