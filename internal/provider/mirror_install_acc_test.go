package provider

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// mirrorVersion is the version the release zip of the test is built as; the
// examples' constraint (~> 0.1) accepts it.
const mirrorVersion = "0.1.0"

// TestAccMirrorInstall_initWithALockFileFromAFilesystemMirror follows the
// README's install from a filesystem mirror: a release zip built with go
// build and zip, in the registry's layout, a CLI configuration that takes
// the provider from the mirror, then terraform init, which writes the lock
// file, init again from a clean working directory with that lock file, and
// an apply of examples/library-as-code against the emulator.
func TestAccMirrorInstall_initWithALockFileFromAFilesystemMirror(t *testing.T) {
	skipUnlessAcceptance(t)
	t.Parallel()
	root := repositoryRoot(t)
	tf := terraformBinary(t)

	mirror := t.TempDir()
	packageDir := filepath.Join(mirror, filepath.FromSlash(providerSource))
	if err := os.MkdirAll(packageDir, 0o755); err != nil {
		t.Fatal(err)
	}
	binary := filepath.Join(t.TempDir(), "terraform-provider-amazonmusic_v"+mirrorVersion)
	build := exec.CommandContext(t.Context(), "go", "build", "-trimpath",
		"-ldflags", "-s -w -X main.version="+mirrorVersion, "-o", binary, ".")
	build.Dir = root
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	zipName := fmt.Sprintf("terraform-provider-amazonmusic_%s_%s_%s.zip", mirrorVersion, runtime.GOOS, runtime.GOARCH)
	writeZip(t, filepath.Join(packageDir, zipName), binary)

	cliConfig := filepath.Join(t.TempDir(), "terraformrc")
	content := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = [%q]
  }
  direct {
    exclude = [%q]
  }
}
`, mirror, providerSource, providerSource)
	if err := os.WriteFile(cliConfig, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "AMAZON_MUSIC_")
	}), "TF_CLI_CONFIG_FILE="+cliConfig, "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")

	work := copyExample(t, filepath.Join(root, "examples", "library-as-code"))
	if out, err := runTerraform(t, tf, env, work, "init", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform init from the mirror: %v\n%s", err, out)
	}
	lock, err := os.ReadFile(filepath.Join(work, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatalf("terraform init wrote no lock file: %v", err)
	}
	if !strings.Contains(string(lock), `version     = "`+mirrorVersion+`"`) || !strings.Contains(string(lock), "h1:") {
		t.Fatalf("the lock file does not pin %s with a hash:\n%s", mirrorVersion, lock)
	}

	// A clean working directory with the lock file, as a colleague's
	// checkout would be.
	if err := os.RemoveAll(filepath.Join(work, ".terraform")); err != nil {
		t.Fatal(err)
	}
	if out, err := runTerraform(t, tf, env, work, "init", "-input=false", "-no-color", "-lockfile=readonly"); err != nil {
		t.Fatalf("terraform init with the lock file: %v\n%s", err, out)
	}

	em, url := startEmulator(t, emulator.Options{})
	env = append(env, EnvBaseURL+"="+url, EnvAPIKey+"="+emulator.DefaultAPIKey, EnvAccessToken+"="+emulator.DefaultAccessToken)
	if out, err := runTerraform(t, tf, env, work, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform apply with the provider from the mirror: %v\n%s", err, out)
	}
	if got := len(em.Library()); got != len(libraryAsCodeTracks) {
		t.Errorf("the library holds %d tracks after apply, want %d", got, len(libraryAsCodeTracks))
	}
	if out, err := runTerraform(t, tf, env, work, "destroy", "-auto-approve", "-input=false", "-no-color"); err != nil {
		t.Fatalf("terraform destroy: %v\n%s", err, out)
	}
}

// writeZip writes a zip archive at name holding the file binary, executable,
// at its root, as a release archive holds the provider.
func writeZip(t *testing.T, name, binary string) {
	t.Helper()
	out, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	in, err := os.Open(binary)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	zw := zip.NewWriter(out)
	header := &zip.FileHeader{Name: filepath.Base(binary), Method: zip.Deflate}
	header.SetMode(0o755)
	w, err := zw.CreateHeader(header)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(w, in); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
