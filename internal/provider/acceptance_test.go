package provider

import (
	"fmt"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// testAccProtoV6ProviderFactories serve a fresh provider to every Terraform
// command of the acceptance tests, as the released binary does.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"amazonmusic": func() (tfprotov6.ProviderServer, error) {
		return providerserver.NewProtocol6WithError(New("test")())()
	},
}

// startEmulator serves a new emulator with opts on a loopback httptest
// server for the rest of the test, and returns it with its URL.
func startEmulator(t testing.TB, opts emulator.Options) (*emulator.Emulator, string) {
	t.Helper()
	em := emulator.New(opts)
	srv := httptest.NewServer(em)
	t.Cleanup(srv.Close)
	return em, srv.URL
}

// testAccEmulator starts an emulator (see startEmulator) and returns it with
// a provider block that points at it with the emulator's credentials.
func testAccEmulator(t *testing.T, opts emulator.Options) (*emulator.Emulator, string) {
	t.Helper()
	em, url := startEmulator(t, opts)
	return em, providerBlock(url, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
}

// providerBlock renders an amazonmusic provider block; empty arguments are
// left out.
func providerBlock(baseURL, apiKey, accessToken string) string {
	var b strings.Builder
	b.WriteString("provider \"amazonmusic\" {\n")
	for _, kv := range [][2]string{{"base_url", baseURL}, {"api_key", apiKey}, {"access_token", accessToken}} {
		if kv[1] != "" {
			fmt.Fprintf(&b, "  %s = %q\n", kv[0], kv[1])
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// libraryTrackConfig renders an amazonmusic_library_track named "test".
func libraryTrackConfig(trackID string) string {
	return fmt.Sprintf(`
resource "amazonmusic_library_track" "test" {
  track_id = %q
}
`, trackID)
}

// clearProviderEnv empties the provider's environment variables for the
// test, so that only the configuration counts.
func clearProviderEnv(t *testing.T) {
	t.Helper()
	for _, s := range providerSettings {
		t.Setenv(s.envVar, "")
	}
}

// errorText matches Terraform output holding each of parts, in order, with
// anything between them and whatever line wrapping Terraform applied
// between their words.
func errorText(parts ...string) *regexp.Regexp {
	patterns := make([]string, len(parts))
	for i, part := range parts {
		words := strings.Fields(part)
		for j, w := range words {
			words[j] = regexp.QuoteMeta(w)
		}
		patterns[i] = strings.Join(words, `\s+`)
	}
	return regexp.MustCompile(strings.Join(patterns, `[\s\S]*`))
}

// expectRequests returns an error unless the emulator received exactly want
// requests with method to path.
func expectRequests(em *emulator.Emulator, method, path string, want int) error {
	if got := em.Count(method, path); got != want {
		return fmt.Errorf("emulator received %d %s %s requests, want %d", got, method, path, want)
	}
	return nil
}

// expectNoRequests fails the test when the emulator received any request.
func expectNoRequests(t *testing.T, em *emulator.Emulator) {
	t.Helper()
	if n := em.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want none", n)
	}
}
