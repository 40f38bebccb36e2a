package provider

import (
	"encoding/json"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// libraryAsCodeTracks are the tracks examples/library-as-code keeps in the
// library, with the titles the emulator's catalog gives them.
var libraryAsCodeTracks = map[string]string{
	"B08DL2BXQC": "Kane Train",
	"B0B6T4GQ2S": "Northern Skies",
	"B07QXMFJ4W": "Harbour Lights",
	"B0C1KZ5T8P": "Paper Lanterns",
	"B09HN3RPLM": "Night Drive Home",
}

// TestAccExamples_formattedAndValid checks that every configuration under
// examples/ is formatted as `terraform fmt` wants it and passes `terraform
// validate` against the provider's schema.
func TestAccExamples_formattedAndValid(t *testing.T) {
	skipUnlessAcceptance(t)

	root := repositoryRoot(t)
	examples := filepath.Join(root, "examples")
	tf := terraformBinary(t)
	env := devOverrideEnv(t, buildProvider(t, root))

	if out, err := runTerraform(t, tf, env, "", "fmt", "-check", "-recursive", "-diff", "-no-color", examples); err != nil {
		t.Errorf("terraform fmt -check found unformatted files under examples/ (run `make generate` or `terraform fmt -recursive examples`): %v\n%s", err, out)
	}

	dirs := exampleDirectories(t, examples)
	if len(dirs) == 0 {
		t.Fatalf("no directory with .tf files found under %s", examples)
	}
	for _, dir := range dirs {
		rel, err := filepath.Rel(examples, dir)
		if err != nil {
			t.Fatal(err)
		}
		// Import examples are alternatives of one another (a resource
		// takes one import block): each is validated with the rest of
		// the directory, without the others.
		alternatives, err := filepath.Glob(filepath.Join(dir, "import-by-*.tf"))
		if err != nil {
			t.Fatal(err)
		}
		if len(alternatives) == 0 {
			alternatives = []string{""}
		}
		for _, alternative := range alternatives {
			name := filepath.ToSlash(rel)
			var others []string
			for _, a := range alternatives {
				if a != alternative {
					others = append(others, filepath.Base(a))
				}
			}
			if alternative != "" {
				name += "/" + filepath.Base(alternative)
			}
			t.Run(name, func(t *testing.T) {
				if filepath.Base(alternative) == "import-by-identity.tf" {
					skipBelowTerraform(t, "1.12.0", "import blocks by identity")
				}
				validateExample(t, tf, env, copyExample(t, dir, others...), name)
			})
		}
	}
}

// validateExample runs terraform validate in work, a copy of the example
// called name, and fails unless it reports a valid configuration.
func validateExample(t *testing.T, tf string, env []string, work, name string) {
	t.Helper()
	out, err := runTerraform(t, tf, env, work, "validate", "-no-color")
	if err != nil {
		t.Fatalf("terraform validate failed for examples/%s: %v\n%s", name, err, out)
	}
	if !strings.Contains(out, "The configuration is valid") {
		t.Fatalf("terraform validate for examples/%s did not report a valid configuration:\n%s", name, out)
	}
}

// TestAccExamples_libraryAsCodeSavesAndRemovesTracks applies
// examples/library-as-code, unchanged, against an emulator with the Terraform
// CLI and the provider binary, as the demo does: after apply the library
// holds exactly the example's tracks and the outputs carry their titles and
// the user's playlists, a second plan is empty, and after destroy the library
// is empty.
//
// The CLI is driven directly: terraform-plugin-testing cannot read the state
// of resources created with for_each over strings.
func TestAccExamples_libraryAsCodeSavesAndRemovesTracks(t *testing.T) {
	skipUnlessAcceptance(t)

	const playlists = 3
	emu, url := startEmulator(t, emulator.Options{Playlists: playlists})

	root := repositoryRoot(t)
	tf := terraformBinary(t)
	// The example's provider block is empty: settings come from the
	// environment, as they do in the demo.
	env := append(devOverrideEnv(t, buildProvider(t, root)),
		EnvBaseURL+"="+url,
		EnvAPIKey+"="+emulator.DefaultAPIKey,
		EnvAccessToken+"="+emulator.DefaultAccessToken,
	)
	work := copyExample(t, filepath.Join(root, "examples", "library-as-code"))

	terraformOK := func(args ...string) string {
		t.Helper()
		out, err := runTerraform(t, tf, env, work, append(args, "-no-color")...)
		if err != nil {
			t.Fatalf("terraform %s failed: %v\n%s", args[0], err, out)
		}
		return out
	}

	terraformOK("apply", "-auto-approve", "-input=false")

	wantIDs := make([]string, 0, len(libraryAsCodeTracks))
	for id := range libraryAsCodeTracks {
		wantIDs = append(wantIDs, id)
	}
	slices.Sort(wantIDs)
	if err := checkLibrary(emu, wantIDs...)(nil); err != nil {
		t.Errorf("after apply: %v", err)
	}

	var outputs struct {
		SavedTrackTitles struct {
			Value map[string]string `json:"value"`
		} `json:"saved_track_titles"`
		PlaylistTitles struct {
			Value []string `json:"value"`
		} `json:"playlist_titles"`
		PlaylistCount struct {
			Value int `json:"value"`
		} `json:"playlist_count"`
	}
	raw := terraformOK("output", "-json")
	if err := json.Unmarshal([]byte(raw), &outputs); err != nil {
		t.Fatalf("terraform output -json is not the expected JSON: %v\n%s", err, raw)
	}
	if got := outputs.SavedTrackTitles.Value; !maps.Equal(got, libraryAsCodeTracks) {
		t.Errorf("output saved_track_titles = %v, want %v", got, libraryAsCodeTracks)
	}
	if got := outputs.PlaylistCount.Value; got != playlists {
		t.Errorf("output playlist_count = %d, want %d", got, playlists)
	}
	if got := outputs.PlaylistTitles.Value; len(got) != playlists || got[0] != "00 Rock" || got[1] != "311 Day" {
		t.Errorf("output playlist_titles = %q, want %d titles starting with the reference's \"00 Rock\" and \"311 Day\"", got, playlists)
	}

	out, err := runTerraform(t, tf, env, work, "plan", "-detailed-exitcode", "-input=false", "-no-color")
	if err != nil {
		t.Errorf("a plan after apply is not empty (terraform plan -detailed-exitcode: %v):\n%s", err, out)
	}

	terraformOK("destroy", "-auto-approve", "-input=false")
	if got := emu.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v, want it empty", got)
	}
}

// TestAccExamples_largeLibraryAdoptsTheLibraryAndConvergesOnTheFile applies
// examples/large-library, unchanged, against an emulator whose library
// already holds one track of the example's file and one it does not list:
// the import block adopts both, and the apply saves the rest of the file
// and removes the other, so that the library holds exactly the file's ids.
// A second plan is empty, and destroy empties the library.
func TestAccExamples_largeLibraryAdoptsTheLibraryAndConvergesOnTheFile(t *testing.T) {
	skipUnlessAcceptance(t)

	emu, url := startEmulator(t, emulator.Options{})
	const listed, unlisted = "B08DL2BXQC", "B09HN3RPLM"
	emu.AddToLibrary(listed)
	emu.AddToLibrary(unlisted)

	root := repositoryRoot(t)
	dir := filepath.Join(root, "examples", "large-library")
	raw, err := os.ReadFile(filepath.Join(dir, "track_ids.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fileIDs := slices.Sorted(slices.Values(strings.Fields(string(raw))))
	if !slices.Contains(fileIDs, listed) || slices.Contains(fileIDs, unlisted) {
		t.Fatalf("examples/large-library/track_ids.txt = %v: the test needs %s in it and %s not", fileIDs, listed, unlisted)
	}
	env := append(devOverrideEnv(t, buildProvider(t, root)),
		EnvBaseURL+"="+url,
		EnvAPIKey+"="+emulator.DefaultAPIKey,
		EnvAccessToken+"="+emulator.DefaultAccessToken,
	)
	work := copyExample(t, dir)
	terraformOK := func(args ...string) string {
		t.Helper()
		out, err := runTerraform(t, terraformBinary(t), env, work, append(args, "-no-color")...)
		if err != nil {
			t.Fatalf("terraform %s failed: %v\n%s", args[0], err, out)
		}
		return out
	}

	out := terraformOK("apply", "-auto-approve", "-input=false")
	if !strings.Contains(out, "1 imported, 0 added, 1 changed, 0 destroyed") {
		t.Errorf("apply did not import the library and change it once:\n%s", out)
	}
	if got := emu.Library(); !slices.Equal(got, fileIDs) {
		t.Errorf("library after apply holds %v, want the file's %v", got, fileIDs)
	}
	// One save per id of the file not yet saved, one removal of the other.
	if puts, deletes := emu.CountMethod(http.MethodPut), emu.CountMethod(http.MethodDelete); puts != len(fileIDs)-1 || deletes != 1 {
		t.Errorf("apply sent %d PUT and %d DELETE, want %d and 1", puts, deletes, len(fileIDs)-1)
	}
	if out, err := runTerraform(t, terraformBinary(t), env, work, "plan", "-detailed-exitcode", "-input=false", "-no-color"); err != nil {
		t.Errorf("a plan after apply is not empty (terraform plan -detailed-exitcode: %v):\n%s", err, out)
	}
	terraformOK("destroy", "-auto-approve", "-input=false")
	if got := emu.Library(); len(got) != 0 {
		t.Errorf("library after destroy holds %v, want it empty", got)
	}
}

// exampleDirectories returns the directories under root that hold .tf files,
// skipping hidden ones such as .terraform.
func exampleDirectories(t *testing.T, root string) []string {
	t.Helper()
	var dirs []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if !d.IsDir() && filepath.Ext(path) == ".tf" {
			if dir := filepath.Dir(path); !slices.Contains(dirs, dir) {
				dirs = append(dirs, dir)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("listing %s: %v", root, err)
	}
	return dirs
}

// copyExample copies the files of dir (its .tf files and the data they
// read), but those named in leaveOut, into a temporary directory, so that
// Terraform leaves no working files in the source tree. Snippets that do not
// say where the provider comes from get a required_providers block.
func copyExample(t *testing.T, dir string, leaveOut ...string) string {
	t.Helper()
	work := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	declaresSource := false
	for _, e := range entries {
		if !e.Type().IsRegular() || slices.Contains(leaveOut, e.Name()) {
			continue
		}
		f := filepath.Join(dir, e.Name())
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(f) == ".tf" {
			declaresSource = declaresSource || strings.Contains(string(content), "required_providers")
		}
		if err := os.WriteFile(filepath.Join(work, filepath.Base(f)), content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if !declaresSource {
		const required = `terraform {
  required_providers {
    amazonmusic = {
      source = "amazonmusic-community/amazonmusic"
    }
  }
}
`
		if err := os.WriteFile(filepath.Join(work, "required_providers.tf"), []byte(required), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return work
}
