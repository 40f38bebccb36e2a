// Command emulator serves the Amazon Music Web API emulator on a loopback
// address, for demos and manual tries of the provider.
//
// It prints a line, "amazonmusic emulator listening on <base URL>", to
// standard output once it accepts requests, followed by the shell lines
// that point the provider at it (its base URL and the
// built-in credentials), logs every request (method,
// path, status) to standard error, and stops gracefully on SIGINT or
// SIGTERM: the reads still waiting out their latency are answered 503, the
// writes in flight are completed (for up to 5 seconds). With -url-file it
// also writes the base URL to that file (no trailing newline) and removes
// the file when it stops.
//
// Beside the API it serves the token endpoint of Login with Amazon at
// <base URL>/auth/o2/token, so that the provider's refresh_token setting
// can be tried too (-token-lifetime sets how long its access tokens live).
//
// With -fault-rate it answers that fraction of API requests with random
// transient faults (429, 500, 502, 503, 504), drawn from -fault-seed, to
// watch the provider retry. With -library-listing-status 404 (or another
// status from 400 to 599) it refuses the listing of the library, and with
// -library-listing-shape v2 or no-collection it answers it in another
// shape, as an account whose API does not offer it, to watch the provider go
// without drift detection. With -alias-every k every k-th generated track
// answers as another id, as the reference's B097S29G3W answers B097S185X9;
// -library-listing-names says whether the listing names such a track by the
// id answered or the id sent. With
// -rate-limit it throttles API requests beyond that many a second (a token
// bucket of -rate-burst requests) with 429 THROTTLED and Retry-After, to
// watch the provider pace itself.
//
// It serves the search of tracks, POST /v1/search/tracks: with
// -shared-isrc-every n some generated tracks share an ISRC, as a single and
// its album edition do, and -search-nodes minimal answers only the id and
// title of each track found.
//
// With -outage-after it goes down that long after the start, as an outage
// of the API, or of the network to it, would: it closes every open
// connection, requests in flight included, and refuses new ones
// (connection refused). With -outage-for it comes back on the same address
// that long later, with the library and playlists it had; without, it
// stays down until stopped. A write is completed once received, whatever
// its client does: one in flight when the emulator goes down is still
// applied, only its answer is lost.
//
//	go run ./internal/cmd/emulator -url-file /tmp/amazonmusic-emulator.url
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/providerenv"
)

// shutdownTimeout bounds how long a stop waits for requests in flight.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		stop()
		os.Exit(exitCode(err, os.Stderr))
	}
}

// exitCode reports err and returns the exit status it calls for: 0 after -h
// (the usage is printed already), 1 otherwise.
func exitCode(err error, stderr io.Writer) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	fmt.Fprintln(stderr, "emulator:", err)
	return 1
}

// usageIntro is what -h prints before the flags.
const usageIntro = `The amazonmusic emulator serves a fake Amazon Music Web API on a loopback
address, for trying the amazonmusic Terraform provider without an Amazon
account. It keeps the library in memory, serves the Login with Amazon token
endpoint beside the API, and prints the environment variables that point the
provider at it.

Usage:

  emulator [flags]

Build it once, start it in a terminal of its own, paste the export lines it
prints into the shell that runs Terraform, and stop it with Ctrl-C:

  go build -o amazonmusic-emulator ./internal/cmd/emulator
  ./amazonmusic-emulator -addr 127.0.0.1:8080 -any-track-id

To watch the provider meet an outage, have the API go down 30 seconds after
the start (open connections closed, new ones refused) and come back a minute
later with the same library:

  ./amazonmusic-emulator -addr 127.0.0.1:8080 -outage-after 30s -outage-for 1m

Flags:
`

// setUsage makes -h say what the emulator is before listing the flags.
func setUsage(fs *flag.FlagSet) {
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), usageIntro)
		fs.PrintDefaults()
	}
}

// config is what the command line asks for.
type config struct {
	addr    string
	urlFile string
	outage  outage
	options emulator.Options
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	setUsage(fs)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "loopback `address` to listen on (port 0 picks a free port)")
	fs.StringVar(&c.urlFile, "url-file", "", "write the base URL to this `file` once listening")
	fs.IntVar(&c.options.Playlists, "playlists", 12, "number of playlists the user owns")
	fs.IntVar(&c.options.PageCap, "page-cap", 5, "most items a page holds whatever the limit, in each paged answer: the playlists (GET /v1/me/playlists), the saved tracks (GET /v1/me/library/tracks), a playlist's tracks (GET /v1/playlists/{id}/tracks) and the tracks found (POST /v1/search/tracks) (0: no cap)")
	fs.IntVar(&c.options.CatalogSize, "catalog-size", 100, "number of generated catalog tracks B000000000, B000000001, ...")
	fs.BoolVar(&c.options.AnyTrackID, "any-track-id", false, "answer every well-formed catalog id (10 uppercase letters or digits) as a track, so that a configuration's own ids work")
	fs.DurationVar(&c.options.Latency, "latency", 0, "added to every request")
	fs.BoolVar(&c.options.PageTokens, "page-tokens", false, "add pageInfo.token to pages that have a next page")
	fs.StringVar(&c.options.APIKey, "api-key", "", "accepted x-api-key (default: the emulator's built-in key)")
	fs.StringVar(&c.options.AccessToken, "access-token", "", "accepted bearer token (default: the emulator's built-in token)")
	fs.StringVar(&c.options.ClientID, "client-id", "", "client ID the token endpoint accepts (default: the emulator's built-in one)")
	fs.StringVar(&c.options.ClientSecret, "client-secret", "", "client secret the token endpoint accepts (default: the emulator's built-in one)")
	fs.StringVar(&c.options.RefreshToken, "refresh-token", "", "refresh token the token endpoint accepts (default: the emulator's built-in one)")
	fs.DurationVar(&c.options.TokenLifetime, "token-lifetime", emulator.DefaultTokenLifetime, "how long an access token from the token endpoint is accepted")
	fs.BoolVar(&c.options.RotateRefreshTokens, "rotate-refresh-tokens", false, "answer each refresh with a new refresh token and retire the one presented")
	fs.Float64Var(&c.options.FaultRate, "fault-rate", 0, "`fraction` of API requests, 0 to 1, answered at random with 429, 500, 502, 503 or 504")
	fs.Int64Var(&c.options.FaultSeed, "fault-seed", 0, "`seed` of -fault-rate: the same seed fails the same requests, in arrival order")
	fs.Float64Var(&c.options.RateLimit, "rate-limit", 0, "`requests` a second the API accepts; beyond, 429 THROTTLED with Retry-After (0: no limit)")
	fs.IntVar(&c.options.RateBurst, "rate-burst", 0, "`size` of the token bucket of -rate-limit (0: the rate rounded up, about a second of requests)")
	addListingFlags(fs, &c.options)
	addCatalogFlags(fs, &c.options)
	addOutageFlags(fs, &c.outage)
	fs.IntVar(&c.options.RefuseEachRequest, "refuse-each-request", 0, "answer the first `n` attempts of each distinct API request (method and path) 429 THROTTLED, a limit per resource rather than per account (0: none)")
	fs.StringVar(&c.options.RefusalRetryAfter, "refusal-retry-after", "1", "Retry-After `value` of the 429s of -refuse-each-request (empty: no header)")
	if err := fs.Parse(args); err != nil {
		return config{}, err
	}
	if fs.NArg() > 0 {
		return config{}, fmt.Errorf("unexpected arguments %q: every setting is a flag", fs.Args())
	}
	for name, v := range map[string]int{
		"-playlists":    c.options.Playlists,
		"-page-cap":     c.options.PageCap,
		"-catalog-size": c.options.CatalogSize,
	} {
		if v < 0 {
			return config{}, fmt.Errorf("%s must not be negative", name)
		}
	}
	if c.options.CatalogSize > emulator.MaxCatalogSize {
		return config{}, fmt.Errorf("-catalog-size must be at most %d", emulator.MaxCatalogSize)
	}
	if c.options.Latency < 0 {
		return config{}, errors.New("-latency must not be negative")
	}
	if !(c.options.FaultRate >= 0 && c.options.FaultRate <= 1) { // NaN too
		return config{}, errors.New("-fault-rate must be between 0 and 1")
	}
	if !(c.options.RateLimit >= 0) || math.IsInf(c.options.RateLimit, 1) { // NaN too
		return config{}, errors.New("-rate-limit must be a finite number of 0 or more")
	}
	if c.options.RateBurst < 0 {
		return config{}, errors.New("-rate-burst must not be negative")
	}
	if c.options.RefuseEachRequest < 0 {
		return config{}, errors.New("-refuse-each-request must not be negative")
	}
	if c.options.TokenLifetime <= 0 {
		return config{}, errors.New("-token-lifetime must be positive")
	}
	if err := checkListingOptions(c.options); err != nil {
		return config{}, err
	}
	if err := checkCatalogOptions(c.options); err != nil {
		return config{}, err
	}
	if err := c.outage.check(); err != nil {
		return config{}, err
	}
	if err := checkLoopback(c.addr); err != nil {
		return config{}, err
	}
	return c, nil
}

// checkLoopback refuses addresses other hosts could reach: the emulator
// accepts well-known credentials.
func checkLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("-addr %q is not host:port: %w", addr, err)
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("-addr %q is not a loopback address: use 127.0.0.1, [::1] or localhost", addr)
}

// run serves the emulator until ctx is done.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}

	emu := emulator.New(c.options)
	srv, err := emulator.NewServerAt(c.addr, logRequests(emu, stderr))
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.addr, err)
	}
	baseURL := srv.URL()

	if c.urlFile != "" {
		if err := writeFileAtomically(c.urlFile, baseURL); err != nil {
			srv.Close()
			return fmt.Errorf("writing the base URL: %w", err)
		}
		defer os.Remove(c.urlFile)
	}
	fmt.Fprintln(stdout, "amazonmusic emulator listening on", baseURL)
	printExports(stdout, baseURL, c.options)
	printCredentials(stderr, c.options)
	if c.options.FaultRate > 0 {
		fmt.Fprintf(stderr, "answering %g%% of API requests with random faults (seed %d)\n", 100*c.options.FaultRate, c.options.FaultSeed)
	}
	if c.options.RateLimit > 0 {
		fmt.Fprintf(stderr, "throttling API requests beyond %g a second\n", c.options.RateLimit)
	}
	if status := c.options.LibraryListingStatus; status != 0 {
		fmt.Fprintf(stderr, "answering the listing of the library with HTTP %d\n", status)
	}
	if c.outage.after > 0 {
		fmt.Fprintln(stderr, "outage planned:", c.outage)
	}

	awaitErr := c.outage.await(ctx, srv, newLogger(stderr))
	fmt.Fprintln(stderr, "amazonmusic emulator stopping")
	return errors.Join(awaitErr, stop(srv, emu, stderr))
}

// stop shuts srv down: the reads still waiting are answered 503 at once,
// and the writes in flight are completed, for up to shutdownTimeout; after
// that, their answers are lost, which stop reports to stderr. It returns
// the error that made srv stop serving unbidden, if any.
func stop(srv *emulator.Server, emu *emulator.Emulator, stderr io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(stderr, "amazonmusic emulator stopped after waiting %s for %d write(s) still in their latency or fault delay: their answers are lost\n",
			shutdownTimeout, emu.InFlight())
		return nil
	}
	return err
}

// printCredentials tells which credentials the emulator accepts, naming
// only the built-in ones: credentials given on the command line are never
// printed.
func printCredentials(w io.Writer, opts emulator.Options) {
	if opts.APIKey == "" {
		fmt.Fprintf(w, "accepting the built-in x-api-key %q\n", emulator.DefaultAPIKey)
	} else {
		fmt.Fprintln(w, "accepting the x-api-key given by -api-key")
	}
	if opts.AccessToken == "" {
		fmt.Fprintf(w, "accepting the built-in bearer token %q\n", emulator.DefaultAccessToken)
	} else {
		fmt.Fprintln(w, "accepting the bearer token given by -access-token")
	}
	for _, cred := range []struct{ what, flag, value, builtin string }{
		{"client ID", "-client-id", opts.ClientID, emulator.DefaultClientID},
		{"client secret", "-client-secret", opts.ClientSecret, emulator.DefaultClientSecret},
		{"refresh token", "-refresh-token", opts.RefreshToken, emulator.DefaultRefreshToken},
	} {
		if cred.value == "" {
			fmt.Fprintf(w, "token endpoint %s: accepting the built-in %s %q\n", emulator.TokenPath, cred.what, cred.builtin)
		} else {
			fmt.Fprintf(w, "token endpoint %s: accepting the %s given by %s\n", emulator.TokenPath, cred.what, cred.flag)
		}
	}
	fmt.Fprintf(w, "token endpoint %s: access tokens live %s\n", emulator.TokenPath, opts.TokenLifetime)
}

// printExports prints the shell lines that point the provider at the
// emulator, ready to paste. A credential given on the command line is not
// printed: a comment names its flag instead.
func printExports(w io.Writer, baseURL string, opts emulator.Options) {
	fmt.Fprintln(w, "# Point the amazonmusic provider at this emulator: paste into the shell that runs Terraform.")
	fmt.Fprintln(w, "unset", providerenv.RefreshToken, providerenv.ClientID, providerenv.ClientSecret, providerenv.TokenURL)
	fmt.Fprintf(w, "export %s=%s\n", providerenv.BaseURL, shellQuote(baseURL))
	for _, cred := range []struct{ env, flag, value, builtin string }{
		{providerenv.APIKey, "-api-key", opts.APIKey, emulator.DefaultAPIKey},
		{providerenv.AccessToken, "-access-token", opts.AccessToken, emulator.DefaultAccessToken},
	} {
		if cred.value == "" {
			fmt.Fprintf(w, "export %s=%s\n", cred.env, shellQuote(cred.builtin))
		} else {
			fmt.Fprintf(w, "# export %s=<the value given by %s>\n", cred.env, cred.flag)
		}
	}
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// writeFileAtomically writes content to a temporary file beside name and
// renames it, so that a reader never sees a partial file.
func writeFileAtomically(name, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := io.WriteString(tmp, content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
