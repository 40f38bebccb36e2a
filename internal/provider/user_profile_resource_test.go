package provider

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

const (
	userProfileAddress = "amazonmusic_user_profile.test"
	profileUserID      = "u1listenerid"
)

// userProfileConfig renders an amazonmusic_user_profile named "test".
func userProfileConfig(name, visibility, playbackVisibility string) string {
	return fmt.Sprintf(`
resource "amazonmusic_user_profile" "test" {
  name                = %q
  visibility          = %q
  playback_visibility = %q
}
`, name, visibility, playbackVisibility)
}

// checkProfile checks that the emulator holds the profile, and received
// exactly puts PUT /v1/me and no other write since the last ResetCounts.
func checkProfile(em *emulator.Emulator, want emulator.Profile, puts int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := em.Profile(); got != want {
			return fmt.Errorf("the emulator holds the profile %+v, want %+v", got, want)
		}
		if err := expectRequests(em, http.MethodPut, mePath, puts); err != nil {
			return err
		}
		if n := em.CountMethod(http.MethodPut) + em.CountMethod(http.MethodDelete) + em.CountMethod(http.MethodPost); n != puts {
			return fmt.Errorf("the emulator received %d writes, want only the %d PUT /v1/me", n, puts)
		}
		return nil
	}
}

// profileStateChecks checks the state of amazonmusic_user_profile.test.
func profileStateChecks(name, visibility, playbackVisibility string) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(userProfileAddress, tfjsonpath.New("id"), knownvalue.StringExact(profileUserID)),
		statecheck.ExpectKnownValue(userProfileAddress, tfjsonpath.New("name"), knownvalue.StringExact(name)),
		statecheck.ExpectKnownValue(userProfileAddress, tfjsonpath.New("visibility"), knownvalue.StringExact(visibility)),
		statecheck.ExpectKnownValue(userProfileAddress, tfjsonpath.New("playback_visibility"), knownvalue.StringExact(playbackVisibility)),
	}
}

func TestAccUserProfileResource_setsWithOnePutUpdatesInPlaceImportsAndDestroysWithoutWrites(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{UserID: profileUserID})
	first := provider + userProfileConfig("Road Tripper", "PUBLIC", "PRIVATE")
	second := provider + userProfileConfig("Night Owl", "PRIVATE", "PUBLIC")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// Destroy leaves the profile as the last apply set it, and sends
		// no write.
		CheckDestroy: checkProfile(em, emulator.Profile{Name: "Night Owl", Visibility: "PRIVATE", PlaybackVisibility: "PUBLIC"}, 0),
		Steps: []resource.TestStep{
			{
				// The answer of the PUT names no user name: the state's comes
				// from the configuration and the read-back.
				Config:            first,
				ConfigStateChecks: profileStateChecks("Road Tripper", "PUBLIC", "PRIVATE"),
				Check: resource.ComposeAggregateTestCheckFunc(
					checkProfile(em, emulator.Profile{Name: "Road Tripper", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}, 1),
					func(*terraform.State) error {
						if em.Count(http.MethodGet, mePath) == 0 {
							return fmt.Errorf("the profile was not read back with GET %s", mePath)
						}
						return nil
					},
				),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    second,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(userProfileAddress, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: profileStateChecks("Night Owl", "PRIVATE", "PUBLIC"),
				Check:             checkProfile(em, emulator.Profile{Name: "Night Owl", Visibility: "PRIVATE", PlaybackVisibility: "PUBLIC"}, 1),
			},
			{
				PreConfig: em.ResetCounts,
				Config:    second,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: checkProfile(em, emulator.Profile{Name: "Night Owl", Visibility: "PRIVATE", PlaybackVisibility: "PUBLIC"}, 0),
			},
			{
				// The API reports no visibility: an import leaves them to the
				// next apply.
				ResourceName:            userProfileAddress,
				ImportState:             true,
				ImportStateId:           profileUserID,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"visibility", "playback_visibility"},
			},
			{
				ResourceName:  userProfileAddress,
				ImportState:   true,
				ImportStateId: "someoneelse",
				ExpectError: errorText("Cannot import the profile of user someoneelse",
					"The access token belongs to user "+profileUserID, "Import it with the id "+profileUserID),
			},
		},
	})
}

func TestAccUserProfileResource_showsANameChangedInTheAppAndWarnsOnDestroy(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{UserID: profileUserID})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)),
		emulatorProviderBlock(url)+userProfileConfig("Road Tripper", "PUBLIC", "PRIVATE"))
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if err := checkProfile(em, emulator.Profile{Name: "Road Tripper", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}, 1)(nil); err != nil {
		t.Fatal(err)
	}

	em.SetUserName("Renamed In The App")
	code, out := planExitCode(t, cli)
	if code != 2 || !strings.Contains(out, `"Renamed In The App" -> "Road Tripper"`) {
		t.Fatalf("plan exited %d, want 2 with the name changed back from the app's:\n%s", code, out)
	}
	em.ResetCounts()
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if err := checkProfile(em, emulator.Profile{Name: "Road Tripper", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}, 1)(nil); err != nil {
		t.Fatal(err)
	}
	if code, out := planExitCode(t, cli); code != 0 {
		t.Fatalf("plan after the apply exited %d, want no changes:\n%s", code, out)
	}

	em.ResetCounts()
	out = cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if !strings.Contains(out, "Warning: The user's profile is left as it is") {
		t.Errorf("destroy did not warn that the profile stays:\n%s", out)
	}
	if err := checkProfile(em, emulator.Profile{Name: "Road Tripper", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}, 0)(nil); err != nil {
		t.Error(err)
	}
}

func TestAccUserProfileResource_importThenSetsTheVisibilitiesWithOnePut(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{UserID: profileUserID})
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)),
		emulatorProviderBlock(url)+userProfileConfig(emulator.DefaultUserName, "PUBLIC", "PUBLIC"))

	if out, err := cli.run(nil, "import", "-input=false", userProfileAddress, "someoneelse"); err == nil ||
		!errorText("Cannot import the profile of user someoneelse", "belongs to user "+profileUserID).MatchString(out) {
		t.Fatalf("import by another user's id: err %v, want the refusal naming the token's user:\n%s", err, out)
	}
	cli.mustRun(nil, "import", "-input=false", userProfileAddress, profileUserID)
	if err := checkNoWrites(em); err != nil {
		t.Fatal(err)
	}
	attrs := cli.state().Resources[0].Instances[0].Attributes
	if attrs["id"] != profileUserID || attrs["name"] != emulator.DefaultUserName || attrs["visibility"] != nil {
		t.Fatalf("imported state %v, want the user's id and name, and no visibility", attrs)
	}

	code, out := planExitCode(t, cli)
	if code != 2 || !strings.Contains(out, `+ visibility          = "PUBLIC"`) {
		t.Fatalf("plan after import exited %d, want 2 setting the visibilities:\n%s", code, out)
	}
	cli.mustRun(nil, "apply", "-auto-approve", "-input=false")
	if err := checkProfile(em, emulator.Profile{Name: emulator.DefaultUserName, Visibility: "PUBLIC", PlaybackVisibility: "PUBLIC"}, 1)(nil); err != nil {
		t.Fatal(err)
	}
	if code, out := planExitCode(t, cli); code != 0 {
		t.Fatalf("plan after the apply exited %d, want no changes:\n%s", code, out)
	}
}

func TestAccUserProfileResource_badArgumentsFailAtPlanTimeWithoutRequests(t *testing.T) {
	t.Parallel()
	for name, tt := range map[string]struct {
		config string
		want   string
	}{
		"visibility in lower case": {userProfileConfig("Road Tripper", "public", "PRIVATE"), `Attribute visibility value must be one of: ["PUBLIC" "PRIVATE"], got: "public"`},
		"playback visibility":      {userProfileConfig("Road Tripper", "PRIVATE", "FRIENDS"), `Attribute playback_visibility value must be one of`},
		"empty name":               {userProfileConfig("", "PRIVATE", "PRIVATE"), "Attribute name must not be empty or blank"},
		"blank name":               {userProfileConfig("   ", "PRIVATE", "PRIVATE"), "Attribute name must not be empty or blank"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			em, provider := testAccEmulator(t, emulator.Options{})
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      provider + tt.config,
					PlanOnly:    true,
					ExpectError: errorText(tt.want),
				}},
			})
			expectNoRequests(t, em)
		})
	}
}

func TestAccUserProfileResource_refusedScopeNamesMusicProfile(t *testing.T) {
	t.Parallel()
	em, provider := testAccEmulator(t, emulator.Options{})
	em.InjectFaults(emulator.Fault{Method: http.MethodPut, PathPrefix: mePath, Status: http.StatusForbidden,
		Code: emulator.CodeInsufficientScope, Times: 100})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: provider + userProfileConfig("Road Tripper", "PUBLIC", "PRIVATE"),
			ExpectError: errorText("Unable to set the user's profile", "PUT /v1/me", "HTTP 403 INSUFFICIENT_SCOPE",
				"The access token needs the music::profile scope"),
		}},
	})
	if got := em.Profile(); got.Name != emulator.DefaultUserName {
		t.Errorf("a refused PUT changed the profile: %+v", got)
	}
}
