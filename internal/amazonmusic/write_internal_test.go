package amazonmusic

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"testing/iotest"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

func TestIsWrite(t *testing.T) {
	for method, want := range map[string]bool{
		http.MethodPut: true, http.MethodPost: true, http.MethodDelete: true, http.MethodPatch: true,
		http.MethodGet: false, http.MethodHead: false, http.MethodOptions: false,
	} {
		if got := isWrite(method); got != want {
			t.Errorf("isWrite(%s) = %t, want %t", method, got, want)
		}
	}
}

func TestNothingSent(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{name: "connection refused", err: &url.Error{Op: "Put", URL: "http://x", Err: &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}}, want: true},
		{name: "unknown host", err: &url.Error{Op: "Put", URL: "http://x", Err: &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x"}}}, want: true},
		{name: "untrusted certificate", err: &url.Error{Op: "Put", URL: "https://x", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}, want: true},
		{name: "connection reset", err: &url.Error{Op: "Put", URL: "http://x", Err: &net.OpError{Op: "read", Err: syscall.ECONNRESET}}},
		{name: "EOF", err: &url.Error{Op: "Put", URL: "http://x", Err: io.EOF}},
		{name: "canceled", err: &url.Error{Op: "Put", URL: "http://x", Err: context.Canceled}},
		{name: "no error"},
	}
	for _, tt := range tests {
		if got := nothingSent(tt.err); got != tt.want {
			t.Errorf("%s: nothingSent = %t, want %t", tt.name, got, tt.want)
		}
	}
}

func TestBufferErrorBodyKeepsTheBytesAndTheReadError(t *testing.T) {
	resp := &http.Response{StatusCode: 503, Body: io.NopCloser(iotest.TimeoutReader(strings.NewReader("partial")))}
	bufferErrorBody(resp)
	got, err := io.ReadAll(resp.Body)
	if string(got) != "partial" || !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("buffered body = %q, %v; want %q and the read error", got, err, "partial")
	}

	resp = &http.Response{StatusCode: 404, Body: io.NopCloser(strings.NewReader(strings.Repeat("x", maxErrorBodyBytes+10)))}
	bufferErrorBody(resp)
	if got, err := io.ReadAll(resp.Body); len(got) != maxErrorBodyBytes || err != nil {
		t.Errorf("buffered body of %d bytes, %v; want the first %d", len(got), err, maxErrorBodyBytes)
	}
}

func TestOutcomeUnknownErrorMatchesTheSentinelAndItsCauses(t *testing.T) {
	apiErr := &APIError{StatusCode: 503, Method: "PUT", Path: "/v1/playlists/p1", Attempts: 3}
	err := error(&outcomeUnknownError{err: apiErr})
	var got *APIError
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.As(err, &got) || got != apiErr {
		t.Errorf("err = %v, want ErrOutcomeUnknown and the APIError", err)
	}
	if want := apiErr.Error() + " (outcome unknown: the API may have applied the request)"; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err, want)
	}
	if errors.Is(apiErr, ErrOutcomeUnknown) {
		t.Error("the APIError alone matches ErrOutcomeUnknown")
	}
}

func TestUnansweredIsANetworkErrorWithoutAnAnswer(t *testing.T) {
	refused := &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}
	resp := &http.Response{StatusCode: 200}
	tests := []struct {
		name string
		resp *http.Response
		err  error
		want error
	}{
		{name: "refused", err: &url.Error{Op: "Get", URL: "http://x/v1?limit=1", Err: refused}, want: refused},
		{name: "EOF", err: &url.Error{Op: "Get", URL: "http://x", Err: io.EOF}, want: io.EOF},
		{name: "body cut off", resp: resp, err: io.ErrUnexpectedEOF},
		{name: "canceled", err: context.Canceled},
		{name: "canceled on the wire", err: &url.Error{Op: "Get", URL: "http://x", Err: context.Canceled}},
		{name: "untrusted certificate", err: &url.Error{Op: "Get", URL: "https://x", Err: &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}}},
		{name: "token", err: errors.New("obtaining an access token: the Login with Amazon token endpoint answered HTTP 400")},
	}
	for _, tt := range tests {
		if got := unanswered(tt.resp, tt.err); got != tt.want {
			t.Errorf("%s: unanswered = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHostPortNamesThePortOfEveryBaseURL(t *testing.T) {
	for base, want := range map[string]string{
		"https://api.music.amazon.dev":  "api.music.amazon.dev:443",
		"http://127.0.0.1":              "127.0.0.1:80",
		"http://127.0.0.1:8080/prefix":  "127.0.0.1:8080",
		"https://[::1]:8443":            "[::1]:8443",
		"https://api.music.amazon.dev/": "api.music.amazon.dev:443",
	} {
		if got := hostPort(base); got != want {
			t.Errorf("hostPort(%q) = %q, want %q", base, got, want)
		}
	}
}

func TestWriteGraceDefaults(t *testing.T) {
	for grace, want := range map[time.Duration]time.Duration{
		0: DefaultWriteGrace, -1: 0, -time.Hour: 0, time.Second: time.Second,
	} {
		if got := writeGrace(grace); got != want {
			t.Errorf("writeGrace(%v) = %v, want %v", grace, got, want)
		}
	}
}

func TestTimeoutBoundsTheAttemptsOfTheClientNewClientBuilds(t *testing.T) {
	if DefaultTimeout != 30*time.Second {
		t.Errorf("DefaultTimeout = %v, want 30s", DefaultTimeout)
	}
	tests := []struct {
		name       string
		timeout    time.Duration
		httpClient *http.Client
		want       time.Duration
	}{
		{name: "default", want: DefaultTimeout},
		{name: "set", timeout: 7 * time.Second, want: 7 * time.Second},
		{name: "HTTPClient's own", timeout: 7 * time.Second, httpClient: &http.Client{Timeout: 3 * time.Second}, want: 3 * time.Second},
		{name: "HTTPClient without", httpClient: &http.Client{}, want: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{
				APIKey: "k", RefreshToken: "Atzr|r", ClientID: "id", ClientSecret: "s",
				Timeout: tt.timeout, HTTPClient: tt.httpClient,
			}
			c, err := NewClient(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.http.HTTPClient.Timeout; got != tt.want {
				t.Errorf("API client timeout = %v, want %v", got, tt.want)
			}
			tokens, ok := c.tokens.(*lwaTokens)
			if !ok {
				t.Fatalf("tokens = %T, want *lwaTokens", c.tokens)
			}
			rt, ok := tokens.http.Transport.(*retryablehttp.RoundTripper)
			if !ok {
				t.Fatalf("token client transport = %T, want *retryablehttp.RoundTripper", tokens.http.Transport)
			}
			if got := rt.Client.HTTPClient.Timeout; got != tt.want {
				t.Errorf("token client timeout = %v, want %v", got, tt.want)
			}
		})
	}
}
