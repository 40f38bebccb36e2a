package provider

import (
	"archive/zip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// unusedStaticToken is the static access token of the emulators of these
// tests that nothing presents: only a token the token endpoint issued is let
// in.
const unusedStaticToken = "Atza|static-token-that-nothing-presents-7c2f"

// testAccEchoProviderFactories serve the provider and the echo provider,
// which copies the data of its configuration, such as an ephemeral value,
// into the state of its echo resource.
var testAccEchoProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"amazonmusic": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(New("test")())()
	},
	"echo": echoprovider.NewProviderServer(),
}

// echoedAccessTokenConfig opens amazonmusic_access_token and hands it to the
// echo provider: echo.token.data holds its result.
const echoedAccessTokenConfig = `
ephemeral "amazonmusic_access_token" "this" {}

provider "echo" {
  data = ephemeral.amazonmusic_access_token.this
}

resource "echo" "token" {}
`

// echoedAttribute is the path of attribute of the echoed result.
func echoedAttribute(attribute string) tfjsonpath.Path {
	return tfjsonpath.New("data").AtMapKey(attribute)
}

// acceptedBy is a check that token lets a client save a track to the
// emulator at url, as another program given the token would.
func acceptedBy(url string) knownvalue.Check {
	return knownvalue.StringFunc(func(token string) error {
		client, err := amazonmusic.NewClient(amazonmusic.Config{
			BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: token, MaxRetries: 0,
		})
		if err != nil {
			return fmt.Errorf("the access token cannot make a client: %w", err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := client.SaveTrack(ctx, "B08DL2BXQC"); err != nil {
			return fmt.Errorf("the API refused the access token: %w", err)
		}
		return nil
	})
}

// expiresWithin is a check that an expires_at value is an RFC 3339 time in
// UTC between lifetime minus slack from now and lifetime from now.
func expiresWithin(lifetime, slack time.Duration) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		at, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return fmt.Errorf("expires_at %q is not RFC 3339: %w", v, err)
		}
		if !strings.HasSuffix(v, "Z") {
			return fmt.Errorf("expires_at %q is not in UTC", v)
		}
		now := time.Now()
		if at.Before(now.Add(lifetime-slack)) || at.After(now.Add(lifetime)) {
			return fmt.Errorf("expires_at %s is not within %s of %s from now", v, slack, lifetime)
		}
		return nil
	})
}

func TestAccAccessTokenEphemeralResource_refreshFlowGivesATokenTheAPIAcceptsWithItsExpiry(t *testing.T) {
	clearProviderEnv(t)
	const lifetime = 30 * time.Minute
	em, url := startEmulator(t, emulator.Options{AccessToken: unusedStaticToken, TokenLifetime: lifetime})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccEchoProviderFactories,
		Steps: []resource.TestStep{{
			Config: refreshProviderBlock(url, nil) + echoedAccessTokenConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("access_token"), knownvalue.StringRegexp(regexp.MustCompile(`^Atza\|`))),
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("access_token"), acceptedBy(url)),
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("token_type"), knownvalue.StringExact("Bearer")),
				// The run takes seconds; a minute of slack is plenty.
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("expires_at"), expiresWithin(lifetime, time.Minute)),
			},
		}},
	})
	if !em.InLibrary("B08DL2BXQC") {
		t.Error("the track saved with the echoed token is not in the library")
	}
	if tokenRequests(em) == 0 {
		t.Error("the emulator issued no access token")
	}
}

func TestAccAccessTokenEphemeralResource_staticTokenIsReturnedAsItIsWithoutExpiry(t *testing.T) {
	clearProviderEnv(t)
	em, url := startEmulator(t, emulator.Options{})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccEchoProviderFactories,
		Steps: []resource.TestStep{{
			Config: emulatorProviderBlock(url) + echoedAccessTokenConfig,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("access_token"), knownvalue.StringExact(emulator.DefaultAccessToken)),
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("token_type"), knownvalue.StringExact("Bearer")),
				statecheck.ExpectKnownValue("echo.token", echoedAttribute("expires_at"), knownvalue.Null()),
			},
		}},
	})
	expectNoRequests(t, em)
}

func TestAccAccessTokenEphemeralResource_refusedCredentialsFailClearlyWithoutSecrets(t *testing.T) {
	clearProviderEnv(t)
	const wrongSecret = "wrong-client-secret-of-the-token-test-5d1e"
	em, url := startEmulator(t, emulator.Options{})
	var err error
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccEchoProviderFactories,
		ErrorCheck: func(e error) error {
			err = e
			return nil
		},
		Steps: []resource.TestStep{{
			Config: refreshProviderBlock(url, map[string]string{"client_secret": wrongSecret}) + echoedAccessTokenConfig,
		}},
	})
	if err == nil {
		t.Fatal("expected an error, got none")
	}
	want := errorText("Unable to obtain an Amazon Music access token",
		"obtaining an access token: the Login with Amazon token endpoint answered HTTP 401 invalid_client")
	if !want.MatchString(err.Error()) {
		t.Errorf("error does not match %s:\n%s", want, err)
	}
	for _, secret := range []string{wrongSecret, emulator.DefaultRefreshToken} {
		if strings.Contains(err.Error(), secret) {
			t.Error("the error output holds a secret")
		}
	}
	if tokenRequests(em) == 0 {
		t.Error("the emulator received no token request")
	}
}

// accessTokenThroughAliasConfig opens amazonmusic_access_token with the
// default provider and hands the token to an aliased provider block, which
// saves a track with it.
const accessTokenThroughAliasConfig = `
ephemeral "amazonmusic_access_token" "this" {}

provider "amazonmusic" {
  alias        = "with_token"
  base_url     = %q
  api_key      = %q
  access_token = ephemeral.amazonmusic_access_token.this.access_token
}

resource "amazonmusic_library_track" "test" {
  provider = amazonmusic.with_token
  track_id = "B08DL2BXQC"
}
`

// TestAccAccessTokenEphemeralResource_tokenWorksInAProviderBlockAndStaysOutOfPlanAndState
// drives the Terraform CLI: the token the ephemeral resource obtains with a
// refresh token configures a second provider block, which saves and then
// removes a track with it. No token the emulator issued, nor any access
// token at all, is in the saved plan, the state, `show -json` of either, or
// Terraform's output.
func TestAccAccessTokenEphemeralResource_tokenWorksInAProviderBlockAndStaysOutOfPlanAndState(t *testing.T) {
	skipUnlessAcceptance(t)
	skipBelowTerraform(t, "1.10.0", "ephemeral resources")

	wire := &wireCredentials{}
	em := emulator.New(emulator.Options{AccessToken: unusedStaticToken})
	srv := httptest.NewServer(wire.recording(em))
	t.Cleanup(srv.Close)

	config := refreshProviderBlock(srv.URL, nil) + fmt.Sprintf(accessTokenThroughAliasConfig, srv.URL, emulator.DefaultAPIKey)
	cli := newTerraformCLI(t, buildProvider(t, repositoryRoot(t)), config)

	outputs := map[string]string{
		"plan": cli.mustRun(nil, "plan", "-input=false", "-out=tfplan"),
	}
	outputs["show plan"] = cli.mustRun(nil, "show", "-json", "tfplan")
	planFile := planFileText(t, filepath.Join(cli.dir, "tfplan"))
	outputs["apply"] = cli.mustRun(nil, "apply", "-input=false", "tfplan")
	if !em.InLibrary("B08DL2BXQC") {
		t.Fatal("the track was not saved with the token handed to the aliased provider")
	}
	state := string(mustReadFile(t, cli.statePath()))
	outputs["show state"] = cli.mustRun(nil, "show", "-json")
	outputs["destroy"] = cli.mustRun(nil, "destroy", "-auto-approve", "-input=false")
	if em.InLibrary("B08DL2BXQC") {
		t.Error("the track was not removed with the token handed to the aliased provider")
	}

	// Every request of the aliased provider carried a token the token
	// endpoint issued to the ephemeral resource: plan, apply and destroy
	// each open it.
	if n := wire.count("issued access token"); n < 2 {
		t.Errorf("the token endpoint issued %d access tokens, want at least 2", n)
	}
	if n := wire.count("bearer token"); n != 0 {
		t.Errorf("requests carried %d bearer tokens that the token endpoint did not issue", n)
	}

	// The access tokens: the other credentials are in the configuration,
	// which a saved plan holds and show -json of it repeats.
	secrets := make(map[string]string)
	for value, what := range wire.all() {
		if what == "issued access token" || what == "bearer token" {
			secrets[value] = what
		}
	}
	places := map[string]string{"the saved plan": planFile, "the state after apply": state}
	for name, out := range outputs {
		places["the output of terraform "+name] = out
	}
	for place, text := range places {
		if found := findSecrets(text, secrets); len(found) > 0 {
			t.Errorf("%s holds %v", place, found)
		}
		if strings.Contains(text, "Atza|") {
			t.Errorf("%s holds an access token", place)
		}
	}

	// The state holds the track and nothing of the ephemeral resource.
	var shown struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Address string `json:"address"`
					Mode    string `json:"mode"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(outputs["show state"]), &shown); err != nil {
		t.Fatalf("show -json of the state is not the expected JSON: %v", err)
	}
	var addresses []string
	for _, r := range shown.Values.RootModule.Resources {
		addresses = append(addresses, r.Mode+" "+r.Address)
	}
	if len(addresses) != 1 || addresses[0] != "managed amazonmusic_library_track.test" {
		t.Errorf("the state holds %v, want only the track", addresses)
	}
}

// planFileText returns the contents of every file of the saved plan at name,
// a zip archive, one after the other.
func planFileText(t *testing.T, name string) string {
	t.Helper()
	archive, err := zip.OpenReader(name)
	if err != nil {
		t.Fatalf("the saved plan is not a zip archive: %v", err)
	}
	defer archive.Close()
	var b strings.Builder
	for _, f := range archive.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("opening %s of the saved plan: %v", f.Name, err)
		}
		_, err = io.Copy(&b, r)
		r.Close()
		if err != nil {
			t.Fatalf("reading %s of the saved plan: %v", f.Name, err)
		}
	}
	if b.Len() == 0 {
		t.Fatal("the saved plan holds nothing")
	}
	return b.String()
}
