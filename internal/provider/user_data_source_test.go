package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const (
	userDataAddress = "data.amazonmusic_user.test"
	mePath          = "/v1/me"
)

// userDataConfig renders an amazonmusic_user data source named "test".
const userDataConfig = `
data "amazonmusic_user" "test" {}
`

func TestAccUserDataSource_readsTheCurrentUserAndANameChangedInTheApp(t *testing.T) {
	t.Parallel()
	const userID = "u1listenerid"
	em, provider := testAccEmulator(t, emulator.Options{UserID: userID})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider + userDataConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userDataAddress, tfjsonpath.New("id"), knownvalue.StringExact(userID)),
					statecheck.ExpectKnownValue(userDataAddress, tfjsonpath.New("name"), knownvalue.StringExact(emulator.DefaultUserName)),
					statecheck.ExpectKnownValue(userDataAddress, tfjsonpath.New("url"),
						knownvalue.StringExact("https://music.amazon.com/profiles/"+userID)),
					statecheck.ExpectKnownValue(userDataAddress, tfjsonpath.New("images"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"url":    knownvalue.StringRegexp(regexp.MustCompile(`^https://m\.media-amazon\.com/images/I/.+\.jpg$`)),
							"height": knownvalue.Int64Exact(300),
							"width":  knownvalue.Int64Exact(300),
						}),
					})),
				},
				Check: func(*terraform.State) error {
					if n := em.Count(http.MethodGet, mePath); n == 0 {
						return fmt.Errorf("the emulator received no GET %s", mePath)
					}
					return checkNoWrites(em)
				},
			},
			{
				PreConfig: func() { em.SetUserName("Renamed In The App") },
				Config:    provider + userDataConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(userDataAddress, tfjsonpath.New("name"), knownvalue.StringExact("Renamed In The App")),
				},
			},
		},
	})
}

func TestAccUserDataSource_refusedScopeNamesMusicProfile(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{Method: http.MethodGet, PathPrefix: mePath, Status: http.StatusForbidden,
		Code: emulator.CodeInsufficientScope, Times: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + userDataConfig,
			ExpectError: errorText("Unable to read the current user", "GET /v1/me: HTTP 403 INSUFFICIENT_SCOPE",
				"The access token needs the music::profile scope"),
		}},
	})
}
