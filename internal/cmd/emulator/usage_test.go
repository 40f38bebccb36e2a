package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// runMainEnv makes the test binary run main instead of the tests, so that a
// test can check the command's exit status.
const runMainEnv = "AMAZONMUSIC_EMULATOR_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) == "1" {
		os.Args = append([]string{"emulator"}, strings.Fields(os.Getenv(runMainEnv+"_ARGS"))...)
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runMain runs the command's main with args in a child process and returns
// its exit status and output.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(t.Context(), exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), runMainEnv+"=1", runMainEnv+"_ARGS="+strings.Join(args, " "))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, stdout.String(), stderr.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), stdout.String(), stderr.String()
	default:
		t.Fatalf("running main: %v", err)
		return 0, "", ""
	}
}

func TestHelpSaysWhatTheEmulatorIsAndExitsZero(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		code, stdout, stderr := runMain(t, arg)
		if code != 0 {
			t.Errorf("%s: exit status %d, want 0 (stderr: %s)", arg, code, stderr)
		}
		for _, want := range []string{"fake Amazon Music Web API", "without an Amazon", "Ctrl-C", "-any-track-id", "-addr"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s: the usage lacks %q:\n%s", arg, want, stderr)
			}
		}
		if strings.Contains(stderr, "emulator: flag: help requested") || stdout != "" {
			t.Errorf("%s: printed more than the usage: stdout %q, stderr %q", arg, stdout, stderr)
		}
	}
}

func TestBadFlagExitsOneNamingTheProblem(t *testing.T) {
	code, _, stderr := runMain(t, "-playlists", "-1")
	if code != 1 || !strings.Contains(stderr, "emulator: -playlists must not be negative") {
		t.Errorf("exit status %d, stderr %q; want 1 and the error", code, stderr)
	}
	if exitCode(flag.ErrHelp, io.Discard) != 0 {
		t.Error("exitCode(flag.ErrHelp) != 0")
	}
}

func TestRunPrintsExportLinesThatReachTheEmulator(t *testing.T) {
	s := startRun(t)
	lines := strings.Split(strings.TrimSuffix(s.stdout.String(), "\n"), "\n")
	env := map[string]string{}
	unset := ""
	for _, line := range lines[1:] {
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "unset "):
			unset = line
		case strings.HasPrefix(line, "export "):
			name, value, _ := strings.Cut(strings.TrimPrefix(line, "export "), "=")
			env[name] = shellUnquote(t, value)
		default:
			t.Errorf("stdout line %q is neither a comment nor an export", line)
		}
	}
	want := map[string]string{
		"AMAZON_MUSIC_BASE_URL":     s.baseURL,
		"AMAZON_MUSIC_API_KEY":      emulator.DefaultAPIKey,
		"AMAZON_MUSIC_ACCESS_TOKEN": emulator.DefaultAccessToken,
	}
	for name, value := range want {
		if env[name] != value {
			t.Errorf("export of %s = %q, want %q", name, env[name], value)
		}
	}
	for _, name := range []string{"AMAZON_MUSIC_REFRESH_TOKEN", "AMAZON_MUSIC_CLIENT_ID", "AMAZON_MUSIC_CLIENT_SECRET", "AMAZON_MUSIC_TOKEN_URL"} {
		if !strings.Contains(unset, name) {
			t.Errorf("the unset line %q lacks %s, which would conflict with the access token", unset, name)
		}
	}
	status, body := get(t, env["AMAZON_MUSIC_BASE_URL"], "/v1/me/playlists", env["AMAZON_MUSIC_API_KEY"], env["AMAZON_MUSIC_ACCESS_TOKEN"])
	if status != http.StatusOK {
		t.Errorf("the exported settings got %d: %s", status, body)
	}
}

func TestExportLinesNameTheFlagsOfCustomCredentials(t *testing.T) {
	var out bytes.Buffer
	printExports(&out, "http://127.0.0.1:1", emulator.Options{APIKey: "custom-key-51e0", AccessToken: "custom-token-77aa"})
	if strings.Contains(out.String(), "custom-key-51e0") || strings.Contains(out.String(), "custom-token-77aa") {
		t.Errorf("the export lines hold a credential given on the command line:\n%s", out.String())
	}
	for _, want := range []string{"# export AMAZON_MUSIC_API_KEY=<the value given by -api-key>", "# export AMAZON_MUSIC_ACCESS_TOKEN=<the value given by -access-token>"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the export lines lack %q:\n%s", want, out.String())
		}
	}
}

func TestShellQuoteSurvivesAShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on PATH")
	}
	for _, value := range []string{"Atza|emulator-access-token", "it's $HOME `x`", "http://127.0.0.1:8080"} {
		out, err := exec.CommandContext(t.Context(), sh, "-c", "printf %s "+shellQuote(value)).Output()
		if err != nil || string(out) != value {
			t.Errorf("sh printed %q (%v) for %q", out, err, value)
		}
	}
}

func TestAnyTrackIDFlagMakesEveryWellFormedIDATrack(t *testing.T) {
	const id = "B0MYOWN123"
	plain := startRun(t)
	if status, _ := get(t, plain.baseURL, "/v1/tracks/"+id, emulator.DefaultAPIKey, emulator.DefaultAccessToken); status != http.StatusNotFound {
		t.Errorf("without -any-track-id, %s answered %d, want 404", id, status)
	}
	open := startRun(t, "-any-track-id")
	status, body := get(t, open.baseURL, "/v1/tracks/"+id, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
	if status != http.StatusOK || !strings.Contains(body, `"id":"`+id+`"`) {
		t.Errorf("with -any-track-id, %s answered %d: %s", id, status, body)
	}
	if status, _ := get(t, open.baseURL, "/v1/tracks/b0myown123", emulator.DefaultAPIKey, emulator.DefaultAccessToken); status != http.StatusNotFound {
		t.Errorf("with -any-track-id, a lowercase id answered %d, want 404", status)
	}
}

// shellUnquote undoes shellQuote for values without single quotes.
func shellUnquote(t *testing.T, quoted string) string {
	t.Helper()
	if len(quoted) < 2 || quoted[0] != '\'' || quoted[len(quoted)-1] != '\'' || strings.Count(quoted, "'") != 2 {
		t.Fatalf("%q is not a single-quoted value", quoted)
	}
	return quoted[1 : len(quoted)-1]
}
