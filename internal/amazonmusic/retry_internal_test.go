package amazonmusic

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"
)

// now is the fixed time the Retry-After tests are relative to.
var now = time.Date(2026, time.March, 14, 15, 9, 26, 0, time.UTC)

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		value    string
		want     time.Duration
		wantOK   bool
		scenario string
	}{
		{value: "0", want: 0, wantOK: true, scenario: "no wait"},
		{value: "1", want: time.Second, wantOK: true, scenario: "delta-seconds"},
		{value: "120", want: 2 * time.Minute, wantOK: true, scenario: "delta-seconds"},
		{value: " 7 ", want: 7 * time.Second, wantOK: true, scenario: "surrounding space"},
		{value: "600", want: 10 * time.Minute, wantOK: true, scenario: "exactly the cap"},
		{value: "601", want: MaxRetryAfter, wantOK: true, scenario: "over the cap"},
		{value: "99999999999999999999999", want: MaxRetryAfter, wantOK: true, scenario: "overflows uint64"},
		{value: "9223372036", want: MaxRetryAfter, wantOK: true, scenario: "overflows a Duration"},
		{value: now.Add(30 * time.Second).Format(http.TimeFormat), want: 30 * time.Second, wantOK: true, scenario: "IMF-fixdate"},
		{value: now.Add(30 * time.Second).Format(time.RFC850), want: 30 * time.Second, wantOK: true, scenario: "obsolete RFC 850 date"},
		{value: now.Add(30 * time.Second).Format(time.ANSIC), want: 30 * time.Second, wantOK: true, scenario: "asctime date"},
		{value: now.Add(-time.Hour).Format(http.TimeFormat), want: 0, wantOK: true, scenario: "date in the past"},
		{value: now.Add(48 * time.Hour).Format(http.TimeFormat), want: MaxRetryAfter, wantOK: true, scenario: "date far ahead"},
		{value: "", scenario: "empty"},
		{value: "   ", scenario: "blank"},
		{value: "-1", scenario: "negative"},
		{value: "+5", scenario: "sign"},
		{value: "1.5", scenario: "fraction"},
		{value: "1e3", scenario: "exponent"},
		{value: "soon", scenario: "word"},
		{value: "0x10", scenario: "hex"},
		{value: "2026-03-14T15:09:56Z", scenario: "RFC 3339 is not an HTTP date"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario+" "+tt.value, func(t *testing.T) {
			got, ok := parseRetryAfter(tt.value, now)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("parseRetryAfter(%q) = %v, %t; want %v, %t", tt.value, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

func TestBackoffHonoursRetryAfterOnAnyRetryableStatus(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504} {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {"3"}}}
		if got := backoff(time.Millisecond, 2*time.Millisecond, 0, resp); got != 3*time.Second {
			t.Errorf("HTTP %d with Retry-After 3: backoff = %v, want 3s", status, got)
		}
	}
	resp := &http.Response{StatusCode: 503, Header: http.Header{"Retry-After": {"later"}}}
	if got := backoff(time.Millisecond, 2*time.Millisecond, 0, resp); got < time.Millisecond || got > 2*time.Millisecond {
		t.Errorf("malformed Retry-After: backoff = %v, want the exponential wait within [1ms, 2ms]", got)
	}
	if got := backoff(time.Second, time.Second, 3, nil); got != time.Second {
		t.Errorf("network error (no response): backoff = %v, want min = max = 1s", got)
	}
}

func TestBackoffGrowsExponentiallyWithinBounds(t *testing.T) {
	const waitMin, waitMax = 100 * time.Millisecond, 3 * time.Second
	tests := []struct {
		attempt        int
		floor, ceiling time.Duration
	}{
		{attempt: 0, floor: 100 * time.Millisecond, ceiling: 100 * time.Millisecond},
		{attempt: 1, floor: 100 * time.Millisecond, ceiling: 200 * time.Millisecond},
		{attempt: 2, floor: 200 * time.Millisecond, ceiling: 400 * time.Millisecond},
		{attempt: 3, floor: 400 * time.Millisecond, ceiling: 800 * time.Millisecond},
		{attempt: 5, floor: 1500 * time.Millisecond, ceiling: 3 * time.Second},
		{attempt: 40, floor: 1500 * time.Millisecond, ceiling: 3 * time.Second},
		{attempt: 1000, floor: 1500 * time.Millisecond, ceiling: 3 * time.Second},
	}
	for _, tt := range tests {
		if got := backoffCeiling(waitMin, waitMax, tt.attempt); got != tt.ceiling {
			t.Errorf("backoffCeiling(attempt %d) = %v, want %v", tt.attempt, got, tt.ceiling)
		}
		seen := make(map[time.Duration]bool)
		for range 200 {
			got := backoff(waitMin, waitMax, tt.attempt, nil)
			if got < tt.floor || got > tt.ceiling {
				t.Fatalf("backoff(attempt %d) = %v, want within [%v, %v]", tt.attempt, got, tt.floor, tt.ceiling)
			}
			seen[got] = true
		}
		if tt.floor < tt.ceiling && len(seen) < 10 {
			t.Errorf("backoff(attempt %d) took only %d values in 200 draws, want jitter", tt.attempt, len(seen))
		}
	}
}

func TestBackoffCeilingSurvivesOverflowAndInvertedBounds(t *testing.T) {
	if got := backoffCeiling(time.Duration(1<<62), time.Duration(1<<62+1), 5); got != time.Duration(1<<62+1) {
		t.Errorf("backoffCeiling near overflow = %v, want max", got)
	}
	if got := backoffCeiling(2*time.Second, time.Second, 3); got != 2*time.Second {
		t.Errorf("backoffCeiling with max < min = %v, want min", got)
	}
	if got := jitteredBackoff(2*time.Second, time.Second, 3); got != 2*time.Second {
		t.Errorf("jitteredBackoff with max < min = %v, want min", got)
	}
}

func TestCheckRetry(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	certErr := &url.Error{Op: "Get", URL: "https://x", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}

	tests := []struct {
		name      string
		ctx       context.Context
		status    int // 0: a network error
		err       error
		wantRetry bool
		wantErr   error // errors.Is target; nil for no error
	}{
		{name: "200", status: 200},
		{name: "400", status: 400},
		{name: "401", status: 401},
		{name: "403", status: 403},
		{name: "404", status: 404},
		{name: "422", status: 422},
		{name: "429", status: 429, wantRetry: true},
		{name: "500", status: 500, wantRetry: true},
		{name: "501", status: 501},
		{name: "502", status: 502, wantRetry: true},
		{name: "503", status: 503, wantRetry: true},
		{name: "504", status: 504, wantRetry: true},
		{name: "599", status: 599, wantRetry: true},
		{name: "600", status: 600},
		{name: "connection refused", err: &url.Error{Op: "Get", URL: "http://x", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, wantRetry: true},
		{name: "connection reset", err: &url.Error{Op: "Get", URL: "http://x", Err: io.ErrUnexpectedEOF}, wantRetry: true},
		{name: "untrusted certificate", err: certErr, wantErr: certErr},
		{name: "wrong host name", err: &url.Error{Op: "Get", URL: "https://x", Err: x509.HostnameError{Certificate: &x509.Certificate{}, Host: "x"}}},
		{name: "expired certificate", err: &url.Error{Op: "Get", URL: "https://x", Err: x509.CertificateInvalidError{Reason: x509.Expired}}},
		{name: "TLS to a plain HTTP server", err: &url.Error{Op: "Get", URL: "https://x", Err: tls.RecordHeaderError{Msg: "first record does not look like a TLS handshake"}}},
		{name: "unsupported scheme", err: &url.Error{Op: "Get", URL: "ftp://x", Err: errors.New(`unsupported protocol scheme "ftp"`)}},
		{name: "invalid header", err: &url.Error{Op: "Get", URL: "http://x", Err: errors.New(`net/http: invalid header field value for "Authorization"`)}},
		{name: "too many redirects", err: &url.Error{Op: "Get", URL: "http://x", Err: errTooManyRedirects}, wantErr: errTooManyRedirects},
		{name: "context canceled", ctx: canceled, status: 503, wantErr: context.Canceled},
		{name: "context canceled during a network error", ctx: canceled, err: errors.New("read: connection reset"), wantErr: context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			var resp *http.Response
			if tt.err == nil {
				resp = &http.Response{StatusCode: tt.status, Header: http.Header{}}
			}
			retry, err := checkRetry(ctx, resp, tt.err)
			if retry != tt.wantRetry {
				t.Errorf("retry = %t, want %t", retry, tt.wantRetry)
			}
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			case tt.err == nil && tt.wantErr == nil && err != nil:
				t.Errorf("err = %v, want none", err)
			case tt.err != nil && !tt.wantRetry && err == nil:
				t.Errorf("a permanent network error gave no error")
			}
		})
	}
}

func TestGiveUpHandsBackTheLastAnswer(t *testing.T) {
	resp := &http.Response{StatusCode: 503, Body: io.NopCloser(strings.NewReader("x"))}
	got, err := giveUp(resp, nil, 5)
	if got != resp || err != nil {
		t.Errorf("giveUp(503, nil) = %v, %v; want the response and no error", got, err)
	}

	cause := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}
	_, err = giveUp(nil, &url.Error{Op: "Get", URL: "http://x/v1/me/playlists", Err: cause}, 3)
	if err == nil || !errors.Is(err, syscall.ECONNREFUSED) || !strings.HasPrefix(err.Error(), "giving up after 3 attempts: ") || strings.Contains(err.Error(), "http://x") {
		t.Errorf("giveUp(network error) = %v, want the cause after 3 attempts, without the URL", err)
	}

	_, err = giveUp(resp, context.Canceled, 2)
	if !errors.Is(err, context.Canceled) || strings.Contains(err.Error(), "attempt") {
		t.Errorf("giveUp(canceled) = %v, want context.Canceled as it is", err)
	}
}

func TestNilLoggerKeepsRetryablehttpSilent(t *testing.T) {
	c, err := NewClient(Config{APIKey: "k", AccessToken: "t"})
	if err != nil {
		t.Fatal(err)
	}
	// retryablehttp logs to stderr unless its Logger is nil.
	if c.http.Logger != nil {
		t.Errorf("retryablehttp logger = %#v, want nil", c.http.Logger)
	}
}

func TestDefaultHTTPClientHasTimeoutAndTLS12(t *testing.T) {
	c, err := NewClient(Config{APIKey: "k", AccessToken: "t"})
	if err != nil {
		t.Fatal(err)
	}
	hc := c.http.HTTPClient
	if hc.Timeout != DefaultTimeout {
		t.Errorf("Timeout = %v, want %v", hc.Timeout, DefaultTimeout)
	}
	transport, ok := hc.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("Transport = %T, want *http.Transport", hc.Transport)
	}
	if transport.TLSClientConfig == nil || transport.TLSClientConfig.MinVersion != tls.VersionTLS12 {
		t.Errorf("TLSClientConfig = %+v, want MinVersion TLS 1.2", transport.TLSClientConfig)
	}
	if hc.CheckRedirect == nil {
		t.Error("CheckRedirect is nil, want the credential-stripping policy")
	}
	if c.http.RetryMax != 0 || c.http.RetryWaitMin != DefaultRetryWaitMin || c.http.RetryWaitMax != DefaultRetryWaitMax {
		t.Errorf("RetryMax %d, RetryWaitMin %v, RetryWaitMax %v; want 0, %v, %v",
			c.http.RetryMax, c.http.RetryWaitMin, c.http.RetryWaitMax, DefaultRetryWaitMin, DefaultRetryWaitMax)
	}
}

func TestRedirectPolicyStopsAfterTenRedirects(t *testing.T) {
	policy := redirectPolicy(nil)
	req, _ := http.NewRequest(http.MethodGet, "http://a.example/v1/me/playlists", nil)
	via := make([]*http.Request, maxRedirects)
	for i := range via {
		via[i] = req
	}
	if err := policy(req, via[:maxRedirects-1]); err != nil {
		t.Errorf("redirect %d: %v, want it followed", maxRedirects-1, err)
	}
	if err := policy(req, via); !errors.Is(err, errTooManyRedirects) {
		t.Errorf("redirect %d: %v, want errTooManyRedirects", maxRedirects, err)
	}
}

func TestRedirectPolicyStripsCredentialsOffTheFirstOrigin(t *testing.T) {
	tests := []struct {
		from, to  string
		wantStrip bool
	}{
		{from: "https://api.example/v1/a", to: "https://api.example/v1/b"},
		{from: "https://api.example/v1/a", to: "https://other.example/v1/a", wantStrip: true},
		{from: "https://api.example/v1/a", to: "https://sub.api.example/v1/a", wantStrip: true},
		{from: "http://127.0.0.1:8080/v1/a", to: "http://127.0.0.1:9090/v1/a", wantStrip: true},
		{from: "https://api.example/v1/a", to: "http://api.example/v1/a", wantStrip: true},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s to %s", tt.from, tt.to), func(t *testing.T) {
			first, _ := http.NewRequest(http.MethodGet, tt.from, nil)
			next, _ := http.NewRequest(http.MethodGet, tt.to, nil)
			next.Header.Set("x-api-key", "k")
			next.Header.Set("Authorization", "Bearer t")
			next.Header.Set("User-Agent", "ua")
			if err := redirectPolicy(nil)(next, []*http.Request{first}); err != nil {
				t.Fatal(err)
			}
			stripped := next.Header.Get("x-api-key") == "" && next.Header.Get("Authorization") == ""
			if stripped != tt.wantStrip {
				t.Errorf("credentials stripped = %t, want %t (headers %v)", stripped, tt.wantStrip, next.Header)
			}
			if next.Header.Get("User-Agent") != "ua" {
				t.Error("User-Agent was stripped")
			}
		})
	}
}

// FuzzParseRetryAfter checks that no header value makes parseRetryAfter
// panic or return a wait outside [0, MaxRetryAfter].
func FuzzParseRetryAfter(f *testing.F) {
	for _, seed := range []string{
		"0", "1", "120", "-1", "+5", " 3 ", "1.5", "", "soon",
		"99999999999999999999", "9223372036854775807",
		"Fri, 31 Dec 1999 23:59:59 GMT", "Sun, 06 Nov 1994 08:49:37 GMT",
		"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
		now.Add(time.Minute).Format(http.TimeFormat), now.Add(1000 * time.Hour).Format(http.TimeFormat),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, value string) {
		wait, ok := parseRetryAfter(value, now)
		if !ok && wait != 0 {
			t.Errorf("parseRetryAfter(%q) = %v, false; want 0 when not ok", value, wait)
		}
		if wait < 0 || wait > MaxRetryAfter {
			t.Errorf("parseRetryAfter(%q) = %v, outside [0, %v]", value, wait, MaxRetryAfter)
		}
		if trimmed := strings.TrimSpace(value); isDigits(trimmed) && !ok {
			t.Errorf("parseRetryAfter(%q) rejected delta-seconds", value)
		}
	})
}
