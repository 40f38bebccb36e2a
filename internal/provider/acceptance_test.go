package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
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
	return em, emulatorProviderBlock(url)
}

// providerBlock renders an amazonmusic provider block; empty arguments are
// left out.
func providerBlock(baseURL, apiKey, accessToken string) string {
	return providerBlockWith([2]string{"base_url", baseURL}, [2]string{"api_key", apiKey}, [2]string{"access_token", accessToken})
}

// emulatorProviderBlock renders a provider block for the emulator at url,
// with its credentials, and extra arguments (name, HCL value).
func emulatorProviderBlock(url string, extra ...[2]string) string {
	args := [][2]string{
		{"base_url", strconv.Quote(url)},
		{"api_key", strconv.Quote(emulator.DefaultAPIKey)},
		{"access_token", strconv.Quote(emulator.DefaultAccessToken)},
	}
	return hclProviderBlock(append(args, extra...)...)
}

// providerBlockWith renders an amazonmusic provider block with string
// arguments in the given order; empty values are left out.
func providerBlockWith(args ...[2]string) string {
	quoted := make([][2]string, 0, len(args))
	for _, kv := range args {
		if kv[1] != "" {
			quoted = append(quoted, [2]string{kv[0], strconv.Quote(kv[1])})
		}
	}
	return hclProviderBlock(quoted...)
}

// hclProviderBlock renders an amazonmusic provider block with arguments
// (name, HCL value) in the given order. Every provider block of the tests
// is rendered here.
func hclProviderBlock(args ...[2]string) string {
	var b strings.Builder
	b.WriteString("provider \"amazonmusic\" {\n")
	for _, kv := range args {
		fmt.Fprintf(&b, "  %s = %s\n", kv[0], kv[1])
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

// skipBelowTerraform skips t when the Terraform CLI of the acceptance tests
// (see terraformBinary) is older than minimum, naming feature.
func skipBelowTerraform(t *testing.T, minimum, feature string) {
	t.Helper()
	tf := terraformBinary(t)
	// OpenTofu prints its warning about a missing CLI configuration file on
	// standard output: an empty one keeps the JSON clean.
	cliConfig := filepath.Join(t.TempDir(), "empty.tfrc")
	if err := os.WriteFile(cliConfig, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), tf, "version", "-json")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s version -json: %v", tf, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("%s version -json is not the expected JSON: %v\n%s", tf, err, out)
	}
	have, ok := parseVersion(v.Version)
	if !ok {
		t.Fatalf("%s reports the version %q, not major.minor.patch", tf, v.Version)
	}
	least, ok := parseVersion(minimum)
	if !ok {
		t.Fatalf("bad minimum version %q", minimum)
	}
	if slices.Compare(have, least) < 0 {
		// The wording of tfversion.SkipBelow, which the CI leg of the newest
		// Terraform looks for.
		t.Skipf("%s is %s, below minimum version %s: %s need it", tf, v.Version, minimum, feature)
	}
}

// parseVersion returns the major, minor and patch numbers of a version such
// as "1.11.4" or "1.12.0-beta1".
func parseVersion(v string) ([]int, bool) {
	v, _, _ = strings.Cut(v, "-")
	parts := strings.Split(v, ".")
	if len(parts) != 3 {
		return nil, false
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return nil, false
		}
		nums[i] = n
	}
	return nums, true
}

// providerSource is the provider's full address, as the CLI resolves the
// examples' required_providers blocks: in the registry of
// TF_ACC_PROVIDER_HOST when it is set (registry.opentofu.org for OpenTofu),
// else in the Terraform Registry.
var providerSource = providerHost() + "/amazonmusic-community/amazonmusic"

// providerHost is the registry host that a source address without one, such
// as "amazonmusic-community/amazonmusic", means to the CLI under test.
// terraform-plugin-testing reads the same variable.
func providerHost() string {
	if host := os.Getenv(resource.EnvTfAccProviderHost); host != "" {
		return host
	}
	return "registry.terraform.io"
}

// skipUnlessAcceptance skips t unless TF_ACC is set, as resource.Test does
// for the tests that go through it.
func skipUnlessAcceptance(t *testing.T) {
	t.Helper()
	if os.Getenv(resource.EnvTfAcc) == "" {
		t.Skipf("acceptance tests skipped unless env %q set", resource.EnvTfAcc)
	}
}

// repositoryRoot returns the directory holding go.mod, two levels above this
// package.
func repositoryRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found: %v", err)
	}
	return root
}

// buildProvider compiles the provider into a temporary directory and returns
// that directory.
func buildProvider(t *testing.T, root string) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("go not found on PATH: %v", err)
	}
	dir := t.TempDir()
	cmd := exec.CommandContext(t.Context(), goBin, "build", "-o", filepath.Join(dir, "terraform-provider-amazonmusic"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of the provider failed: %v\n%s", err, out)
	}
	return dir
}

// devOverrideEnv writes a Terraform CLI configuration that takes the
// provider from pluginDir and returns the environment that selects it. The
// provider's own AMAZON_MUSIC_* settings are left out of it.
func devOverrideEnv(t *testing.T, pluginDir string) []string {
	t.Helper()
	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	content := fmt.Sprintf(`provider_installation {
  dev_overrides {
    %q = %q
  }
  direct {}
}
`, providerSource, pluginDir)
	if err := os.WriteFile(cliConfig, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "AMAZON_MUSIC_")
	})
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	)
}

// generatedTrackIDs returns the catalog ids emulator.TrackID(0) to
// emulator.TrackID(n-1).
func generatedTrackIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = emulator.TrackID(i)
	}
	return ids
}

// libraryTracksConfig renders amazonmusic_library_track.test with one
// instance per id, amazonmusic_library_track.test[i] saving ids[i].
func libraryTracksConfig(ids []string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_track" "test" {
  count    = length(local.track_ids)
  track_id = local.track_ids[count.index]
}
`, strings.Join(quoted, ", "))
}

// trackAddress is the address of instance i of libraryTracksConfig.
func trackAddress(i int) string {
	return fmt.Sprintf("%s[%d]", libraryTrackAddress, i)
}

// expectRequestsPerTrack returns an error unless the emulator received
// want[id] requests with method for each track id of want.
func expectRequestsPerTrack(em *emulator.Emulator, method string, want map[string]int) error {
	var errs []string
	for _, id := range slices.Sorted(maps.Keys(want)) {
		if err := expectRequests(em, method, libraryPath(id), want[id]); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}

// forEachTracksConfig renders amazonmusic_library_track.all with one
// instance per id, keyed by the id.
func forEachTracksConfig(ids []string) string {
	var b strings.Builder
	b.WriteString("resource \"amazonmusic_library_track\" \"all\" {\n  for_each = toset([\n")
	for _, id := range ids {
		fmt.Fprintf(&b, "    %q,\n", id)
	}
	b.WriteString("  ])\n  track_id = each.value\n}\n")
	return b.String()
}

// newTestProviderData starts an emulator with opts and returns it with the
// provider data of a client of it, drift detection on, and no retries.
func newTestProviderData(t *testing.T, opts emulator.Options) (*emulator.Emulator, *providerData) {
	t.Helper()
	em, url := startEmulator(t, opts)
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	return em, newProviderData(client, true)
}

// listingRefusal is an answer of an account without the listing, and what
// the warning says of it.
type listingRefusal struct {
	name   string
	opts   emulator.Options
	reason string
}

// listingRefusals are the answers of an account without the listing: every
// status that will not change on retry, and 200s in another shape.
var listingRefusals = []listingRefusal{
	{"status 400", emulator.Options{LibraryListingStatus: http.StatusBadRequest}, "HTTP 400 BAD_REQUEST"},
	{"status 403", emulator.Options{LibraryListingStatus: http.StatusForbidden}, "HTTP 403 INSUFFICIENT_SCOPE"},
	{"status 404", emulator.Options{LibraryListingStatus: http.StatusNotFound}, "HTTP 404 NOT_FOUND"},
	{"status 405", emulator.Options{LibraryListingStatus: http.StatusMethodNotAllowed}, "HTTP 405 METHOD_NOT_ALLOWED"},
	{"status 410", emulator.Options{LibraryListingStatus: http.StatusGone}, "HTTP 410 GONE"},
	{"status 422", emulator.Options{LibraryListingStatus: http.StatusUnprocessableEntity}, "HTTP 422 UNPROCESSABLE_ENTITY"},
	{"status 501", emulator.Options{LibraryListingStatus: http.StatusNotImplemented}, "HTTP 501 NOT_IMPLEMENTED"},
	{"V2 shape", emulator.Options{LibraryListingShape: emulator.ListingShapeV2}, "answered HTTP 200 without data.user,"},
	{"no collection", emulator.Options{LibraryListingShape: emulator.ListingShapeNoCollection}, "answered HTTP 200 without data.user.tracks,"},
}

// aliasedIDs are the configured ids of the tests: generated tracks 0 and 2
// answer as other ids (emulator.Options.AliasEvery = 2), as does the
// reference's B097S29G3W.
var aliasedIDs = []string{emulator.TrackID(0), emulator.TrackID(1), emulator.TrackID(2), emulator.TrackID(3), "B097S29G3W"}

// checkAliasedIDsDestroyed checks, after the destroy of aliasedIDs (the last
// step having saved aliasedIDs[0] again), that the library is empty and that
// each track was removed by its configured id.
func checkAliasedIDsDestroyed(em *emulator.Emulator) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		if err := checkLibraryEmpty(em)(s); err != nil {
			return err
		}
		return checkWrites(em, []string{aliasedIDs[0]}, aliasedIDs)(s)
	}
}

// aliasingOptions are the emulator options of the tests, with the listing
// naming saved tracks as names says.
func aliasingOptions(names emulator.ListingNaming) emulator.Options {
	return emulator.Options{CatalogSize: 4, AliasEvery: 2, ListingNames: names}
}

// answeredID is the id the emulator answers for id.
func answeredID(em *emulator.Emulator, id string) string {
	t, ok := em.Track(id)
	if !ok {
		panic("emulator does not know track " + id)
	}
	return t.ID
}

// checkListingNames checks that the emulator's listing names the tracks of
// aliasedIDs as names says.
func checkListingNames(em *emulator.Emulator, names emulator.ListingNaming) resource.TestCheckFunc {
	return func(*terraform.State) error {
		listed := map[string]bool{}
		for _, id := range em.LibraryListing() {
			listed[id] = true
		}
		for _, id := range aliasedIDs {
			want := id
			if names == emulator.ListingNamesAnsweredID {
				want = answeredID(em, id)
			}
			if !listed[want] || len(listed) != len(aliasedIDs) {
				return fmt.Errorf("the listing names %v, want %s among %d tracks", em.LibraryListing(), want, len(aliasedIDs))
			}
		}
		return nil
	}
}

const libraryTrackAddress = "amazonmusic_library_track.test"

// libraryListingPath is the API path of the listing of the library.
const libraryListingPath = "/v1/me/library/tracks"

// libraryPath is the API path of a track in the library.
func libraryPath(trackID string) string {
	return "/v1/me/library/tracks/" + trackID
}

// checkLibraryEmpty is a CheckDestroy that asks the emulator, not the state,
// whether any track is left in the library.
func checkLibraryEmpty(em *emulator.Emulator) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ids := em.Library(); len(ids) != 0 {
			return fmt.Errorf("library still holds %v after destroy", ids)
		}
		return nil
	}
}

// checkLibrary checks that the emulator's library holds exactly the tracks
// of ids (one track each, saved by that id or the id the API answers for
// it).
func checkLibrary(em *emulator.Emulator, ids ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got := em.Library()
		missing := slices.DeleteFunc(slices.Clone(ids), em.InLibrary)
		if len(missing) > 0 || len(got) != len(ids) {
			return fmt.Errorf("library holds %v, want the tracks of %v", got, slices.Sorted(slices.Values(ids)))
		}
		return nil
	}
}

// checkOnlyListingRead fails when the emulator received any request but
// those for the listing of the library.
func checkOnlyListingRead(em *emulator.Emulator) error {
	if total, listing := em.Total(), em.Count(http.MethodGet, libraryListingPath); total != listing {
		return fmt.Errorf("emulator received %d requests, %d of them for the listing of the library; want only those", total, listing)
	}
	return nil
}

// checkNoWrites fails when the emulator received any PUT or DELETE.
func checkNoWrites(em *emulator.Emulator) error {
	if puts, deletes := em.CountMethod(http.MethodPut), em.CountMethod(http.MethodDelete); puts+deletes != 0 {
		return fmt.Errorf("emulator received %d PUT and %d DELETE requests, want none", puts, deletes)
	}
	return nil
}

const bulkTracksAddress = "amazonmusic_library_tracks.test"

// bulkTracksConfig renders amazonmusic_library_tracks.test listing ids, with
// extra lines (such as "max_concurrency = 4") in its body.
func bulkTracksConfig(ids []string, extra ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	var body strings.Builder
	for _, line := range extra {
		body.WriteString("  " + line + "\n")
	}
	return fmt.Sprintf(`
resource "amazonmusic_library_tracks" "test" {
  track_ids = [%s]
%s}
`, strings.Join(quoted, ", "), body.String())
}

// bulkStateChecks checks that amazonmusic_library_tracks.test holds exactly
// ids, each with the emulator's track.
func bulkStateChecks(em *emulator.Emulator, ids ...string) []statecheck.StateCheck {
	tracks := make(map[string]knownvalue.Check, len(ids))
	for _, id := range ids {
		tracks[id] = emulatorTrack(em, id)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("id"), knownvalue.StringExact("library")),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("track_ids"), trackIDsExact(ids...)),
		statecheck.ExpectKnownValue(bulkTracksAddress, tfjsonpath.New("tracks"), knownvalue.MapExact(tracks)),
	}
}

// checkWrites checks that, since the last ResetCounts, the emulator received
// exactly one PUT for each id of puts and one DELETE for each id of
// deletes, and no other PUT or DELETE.
func checkWrites(em *emulator.Emulator, puts, deletes []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var errs []string
		for method, ids := range map[string][]string{http.MethodPut: puts, http.MethodDelete: deletes} {
			for _, id := range ids {
				if err := expectRequests(em, method, libraryPath(id), 1); err != nil {
					errs = append(errs, err.Error())
				}
			}
			if got := em.CountMethod(method); got != len(ids) {
				errs = append(errs, fmt.Sprintf("emulator received %d %s requests, want %d: %v", got, method, len(ids), ids))
			}
		}
		if len(errs) > 0 {
			slices.Sort(errs)
			return fmt.Errorf("%s", strings.Join(errs, "\n"))
		}
		return nil
	}
}

// bulkTracksMapConfig renders amazonmusic_library_tracks.test listing ids
// in track_id_map, from a list as users write it, with extra lines in its
// body.
func bulkTracksMapConfig(ids []string, extra ...string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = strconv.Quote(id)
	}
	var body strings.Builder
	for _, line := range extra {
		body.WriteString("  " + line + "\n")
	}
	return fmt.Sprintf(`
locals {
  track_ids = [%s]
}

resource "amazonmusic_library_tracks" "test" {
  track_id_map = { for id in local.track_ids : id => id }
%s}
`, strings.Join(quoted, ", "), body.String())
}

const playlistDataAddress = "data.amazonmusic_playlist.test"

// playlistDataConfig renders an amazonmusic_playlist data source named
// "test" for the playlist id.
func playlistDataConfig(id string) string {
	return fmt.Sprintf(`
data "amazonmusic_playlist" "test" {
  id = %q
}
`, id)
}

// playlistConfig renders an amazonmusic_playlist named "test"; extra goes
// inside the block as it is.
func playlistConfig(title string, ids []string, extra string) string {
	quoted := make([]string, len(ids))
	for i, id := range ids {
		quoted[i] = fmt.Sprintf("%q", id)
	}
	return fmt.Sprintf(`
resource "amazonmusic_playlist" "test" {
  title     = %q
  track_ids = [%s]
%s
}
`, title, strings.Join(quoted, ", "), extra)
}

// catalogIDs returns the ids of the first n generated catalog tracks.
func catalogIDs(n int) []string {
	ids := make([]string, 0, n)
	for i := range n {
		ids = append(ids, emulator.TrackID(i))
	}
	return ids
}

// checkNoPlaylistLeft is a CheckDestroy that asks the emulator whether a
// playlist created by a request is left.
func checkNoPlaylistLeft(em *emulator.Emulator) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if ids := em.CreatedPlaylists(); len(ids) != 0 {
			return fmt.Errorf("playlists %v are left after destroy", ids)
		}
		return nil
	}
}

const (
	playlistsAddress = "data.amazonmusic_playlists.test"
	playlistsPath    = "/v1/me/playlists"
)

// playlistsConfig renders an amazonmusic_playlists data source named "test"
// without page_size.
const playlistsConfig = `
data "amazonmusic_playlists" "test" {}
`

func ptr[T any](v T) *T { return &v }

// configureProvider runs the provider's Configure with the given attribute
// values (absent ones null) and a logger writing to logs.
func configureProvider(t *testing.T, logs *bytes.Buffer, values map[string]tftypes.Value) *provider.ConfigureResponse {
	t.Helper()
	ctx := tflogtest.RootLogger(t.Context(), logs)
	p := New("test")()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)

	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("provider schema type is %T, want an object", schemaResp.Schema.Type().TerraformType(ctx))
	}
	attrs := make(map[string]tftypes.Value, len(objType.AttributeTypes))
	for name, typ := range objType.AttributeTypes {
		attrs[name] = tftypes.NewValue(typ, nil)
		if v, ok := values[name]; ok {
			attrs[name] = v
		}
	}
	req := provider.ConfigureRequest{
		TerraformVersion: "1.11.4",
		Config:           tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, attrs)},
	}
	resp := &provider.ConfigureResponse{}
	p.Configure(ctx, req, resp)
	return resp
}

// tokenURL is the emulator's token endpoint at baseURL.
func tokenURL(baseURL string) string {
	return baseURL + emulator.TokenPath
}

// tokenRequests is how many token requests em received.
func tokenRequests(em *emulator.Emulator) int {
	return em.Count(http.MethodPost, emulator.TokenPath)
}

// refreshProviderBlock renders a provider block for the emulator at baseURL
// that uses the refresh flow with the emulator's default credentials, but
// for the arguments in overrides.
func refreshProviderBlock(baseURL string, overrides map[string]string) string {
	args := [][2]string{
		{"base_url", baseURL},
		{"api_key", emulator.DefaultAPIKey},
		{"client_id", emulator.DefaultClientID},
		{"client_secret", emulator.DefaultClientSecret},
		{"refresh_token", emulator.DefaultRefreshToken},
		{"token_url", tokenURL(baseURL)},
	}
	for i, kv := range args {
		if v, ok := overrides[kv[0]]; ok {
			args[i][1] = v
		}
	}
	return providerBlockWith(args...)
}

// wireCredentials records every credential that reaches a server: the
// x-api-key and bearer token of each request, and the access and refresh
// tokens the token endpoint issues.
type wireCredentials struct {
	mu     sync.Mutex
	values map[string]string // value -> what it is
}

// add records value as what, unless it is empty or already recorded: an
// issued access token stays "issued access token" when it comes back as a
// bearer token.
func (w *wireCredentials) add(what, value string) {
	if value == "" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.values == nil {
		w.values = make(map[string]string)
	}
	if _, ok := w.values[value]; !ok {
		w.values[value] = what
	}
}

// all returns the recorded credentials, value to what it is.
func (w *wireCredentials) all() map[string]string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return maps.Clone(w.values)
}

// count returns how many recorded credentials are what.
func (w *wireCredentials) count(what string) int {
	n := 0
	for _, kind := range w.all() {
		if kind == what {
			n++
		}
	}
	return n
}

// recording returns next, recording the credentials of what passes through.
func (w *wireCredentials) recording(next http.Handler) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.add("x-api-key", r.Header.Get("x-api-key"))
		if token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			w.add("bearer token", token)
		}
		if r.URL.Path != emulator.TokenPath {
			next.ServeHTTP(rw, r)
			return
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		var issued struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &issued) == nil {
			w.add("issued access token", issued.AccessToken)
			w.add("issued refresh token", issued.RefreshToken)
		}
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		rw.WriteHeader(rec.Code)
		_, _ = rw.Write(rec.Body.Bytes())
	})
}

// findSecrets returns a description of each secret that text holds.
func findSecrets(text string, secrets map[string]string) []string {
	var found []string
	for value, what := range secrets {
		if strings.Contains(text, value) {
			found = append(found, what)
		}
	}
	slices.Sort(found)
	return found
}

// mustReadFile returns the content of name.
func mustReadFile(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// catalogPath is the API path of a catalog track.
func catalogPath(id string) string {
	return "/v1/tracks/" + id
}

// trackIDsExact checks a set of exactly ids.
func trackIDsExact(ids ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		checks[i] = knownvalue.StringExact(id)
	}
	return knownvalue.SetExact(checks)
}

// emulatorTrack checks an element of tracks against what the emulator
// answers for id; attributes it leaves out must be null.
func emulatorTrack(em *emulator.Emulator, id string) knownvalue.Check {
	t, ok := em.Track(id)
	if !ok {
		panic("emulator does not know track " + id)
	}
	value := func(s string) knownvalue.Check {
		if s == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(s)
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"saved_track_id": knownvalue.StringExact(t.ID),
		"title":          value(t.Title),
		"isrc":           value(t.ISRC),
		"url":            value(t.URL),
	})
}
