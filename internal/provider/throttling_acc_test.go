package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// libraryTracksCounted renders one amazonmusic_library_track per id, as
// amazonmusic_library_track.each[<index>].
func libraryTracksCounted(ids []string) string {
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_track" "each" {
  count    = length(local.track_ids)
  track_id = local.track_ids[count.index]
}
`, `"`+strings.Join(ids, `", "`)+`"`)
}

func TestAccLibraryTrackResource_everyRequestRefusedTwiceSavesEachTrackOnce(t *testing.T) {
	t.Parallel()
	const tracks = 20
	ids := make([]string, tracks)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	// A limit per request rather than per account: the first two attempts
	// of every distinct request are refused with Retry-After 1.
	em, provider := testAccEmulator(t, emulator.Options{CatalogSize: tracks, RefuseEachRequest: 2, RefusalRetryAfter: "1"})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: resource.ComposeAggregateTestCheckFunc(
			checkLibraryEmpty(em),
			func(*terraform.State) error {
				for _, id := range ids {
					if got := em.Count(http.MethodDelete, libraryPath(id)); got != 3 {
						return fmt.Errorf("DELETE %s sent %d times, want 3: two refusals, then one answered", id, got)
					}
				}
				return nil
			},
		),
		Steps: []resource.TestStep{{
			Config: provider + libraryTracksCounted(ids),
			Check: resource.ComposeAggregateTestCheckFunc(
				checkLibrary(em, ids...),
				func(*terraform.State) error {
					for _, id := range ids {
						sent, refused := em.Count(http.MethodPut, libraryPath(id)), em.Refused(http.MethodPut, libraryPath(id))
						if sent != 3 || refused != 2 {
							return fmt.Errorf("PUT %s sent %d times, %d refused; want 3 and 2: exactly one answered", id, sent, refused)
						}
					}
					return nil
				},
			),
		}},
	})
}
