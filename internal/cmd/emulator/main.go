// Command emulator serves the Amazon Music Web API emulator on a loopback
// address, for demos and manual tries of the provider.
//
// It prints one line, "amazonmusic emulator listening on <base URL>", to
// standard output once it accepts requests, logs every request (method,
// path, status) to standard error, and stops gracefully on SIGINT or
// SIGTERM. With -url-file it also writes the base URL to that file (no
// trailing newline) and removes the file when it stops.
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
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// shutdownTimeout bounds how long a stop waits for requests in flight.
const shutdownTimeout = 5 * time.Second

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "emulator:", err)
		stop()
		os.Exit(1)
	}
}

// config is what the command line asks for.
type config struct {
	addr    string
	urlFile string
	options emulator.Options
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:0", "loopback `address` to listen on (port 0 picks a free port)")
	fs.StringVar(&c.urlFile, "url-file", "", "write the base URL to this `file` once listening")
	fs.IntVar(&c.options.Playlists, "playlists", 12, "number of playlists the user owns")
	fs.IntVar(&c.options.PageCap, "page-cap", 5, "most playlists per page whatever the limit (0: no cap)")
	fs.IntVar(&c.options.CatalogSize, "catalog-size", 100, "number of generated catalog tracks B000000000, B000000001, ...")
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
	if c.options.TokenLifetime <= 0 {
		return config{}, errors.New("-token-lifetime must be positive")
	}
	if err := checkListingOptions(c.options); err != nil {
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

	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", c.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", c.addr, err)
	}
	if tcp, ok := ln.Addr().(*net.TCPAddr); !ok || !tcp.IP.IsLoopback() {
		_ = ln.Close()
		return fmt.Errorf("-addr %q resolved to %s, which is not a loopback address", c.addr, ln.Addr())
	}
	baseURL := "http://" + ln.Addr().String()

	// Requests in flight see their context end when the server stops, so
	// that long latencies and fault delays do not hold the shutdown.
	serveCtx, stopServing := context.WithCancel(context.WithoutCancel(ctx))
	defer stopServing()
	srv := &http.Server{
		Handler:           logRequests(emulator.New(c.options), stderr),
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return serveCtx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if c.urlFile != "" {
		if err := writeFileAtomically(c.urlFile, baseURL); err != nil {
			stopServing()
			err = fmt.Errorf("writing the base URL: %w", err)
			_ = srv.Close()
			if serveErr := <-served; !errors.Is(serveErr, http.ErrServerClosed) {
				err = errors.Join(err, serveErr)
			}
			return err
		}
		defer os.Remove(c.urlFile)
	}
	fmt.Fprintln(stdout, "amazonmusic emulator listening on", baseURL)
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

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(stderr, "amazonmusic emulator stopping")
	stopServing()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("stopping: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	return nil
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
