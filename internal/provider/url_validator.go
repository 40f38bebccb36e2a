package provider

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// endpointURL is a provider attribute that holds the URL of an endpoint.
type endpointURL struct {
	attribute string // e.g. "base_url"
	summary   string // summary of the diagnostics about it
	example   string // a valid value, named in messages
	// apiRoot marks the URL the client adds /v1/... to: it must not end
	// in /v1 itself.
	apiRoot bool
}

// The provider's URL attributes.
var (
	baseURLAttribute = endpointURL{
		attribute: "base_url",
		summary:   invalidBaseURLSummary,
		example:   amazonmusic.DefaultBaseURL,
		apiRoot:   true,
	}
	tokenURLAttribute = endpointURL{
		attribute: "token_url",
		summary:   "Invalid Login with Amazon token URL",
		example:   amazonmusic.DefaultTokenURL,
	}
)

// check reports why raw cannot be the attribute's URL, or nil when it can
// (see checkEndpointURL and checkNoVersionSuffix).
func (e endpointURL) check(raw string) error {
	if err := checkEndpointURL(raw, e.example); err != nil {
		return err
	}
	if e.apiRoot {
		return checkNoVersionSuffix(raw, e.example)
	}
	return nil
}

// checkNoVersionSuffix refuses an API root whose path ends in /v1: the
// client adds /v1 to every path, so every request would go to /v1/v1/...
// and be answered 404 as if no track existed. raw has passed
// checkEndpointURL.
func checkNoVersionSuffix(raw, example string) error {
	u, err := url.Parse(raw)
	if err != nil {
		// Not repeated: the parser's message quotes raw.
		return errors.New("it is not a valid URL")
	}
	segments := strings.Split(strings.TrimRight(u.Path, "/"), "/")
	if strings.EqualFold(segments[len(segments)-1], "v1") {
		return errors.New("it must not end in /v1: the provider adds /v1 to every request itself, so leave it out, as in " + example)
	}
	return nil
}

// checkBaseURL reports why raw cannot be the API's base URL, or nil when it
// can (see checkEndpointURL).
func checkBaseURL(raw string) error {
	return baseURLAttribute.check(raw)
}

// checkEndpointURL reports why raw cannot be the URL of an endpoint, or nil
// when it can: it must be an absolute URL with a host and no query or
// fragment, and use https, except that plain http is accepted for a loopback
// host (localhost, 127.0.0.0/8, ::1), where a local emulator or proxy
// listens. example is a valid URL that messages name.
//
// The messages never repeat raw, which could carry credentials.
func checkEndpointURL(raw, example string) error {
	u, err := url.Parse(raw)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return errors.New("it is not a valid URL: " + err.Error())
	}

	switch {
	case u.Scheme == "" || u.Opaque != "":
		return errors.New("it must be an absolute URL such as " + example)
	case u.Host == "" || u.Hostname() == "":
		return errors.New("it must name a host, such as " + example)
	case u.User != nil:
		return errors.New("it must not carry user information; credentials have attributes of their own")
	case u.RawQuery != "" || u.ForceQuery:
		return errors.New("it must not have a query string")
	case strings.Contains(raw, "#"):
		return errors.New("it must not have a fragment")
	}

	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		if isLoopbackHost(u.Hostname()) {
			return nil
		}
		return errors.New("it must use https; plain http is only accepted for a loopback host (localhost, 127.0.0.0/8 or ::1)")
	default:
		return errors.New(`its scheme must be "https" (or "http" for a loopback host), not "` + u.Scheme + `"`)
	}
}

// isLoopbackHost reports whether host (without port or brackets) is
// localhost or a loopback IP address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// invalidBaseURLSummary is the summary of every diagnostic about a base URL.
const invalidBaseURLSummary = "Invalid Amazon Music API base URL"

// urlValidator checks a URL attribute at plan time with checkEndpointURL.
type urlValidator struct {
	endpoint endpointURL
}

var _ validator.String = urlValidator{}

// Description describes the validation in plain text.
func (v urlValidator) Description(_ context.Context) string {
	return "value must be an absolute https URL with a host and no query or fragment (http only for localhost, 127.0.0.0/8 or ::1)"
}

// MarkdownDescription describes the validation in Markdown.
func (v urlValidator) MarkdownDescription(_ context.Context) string {
	return "value must be an absolute `https` URL with a host and no query or fragment (`http` only for `localhost`, `127.0.0.0/8` or `::1`)"
}

// ValidateString runs checkEndpointURL on a known value.
func (v urlValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.endpoint.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.endpoint.summary,
			"The "+v.endpoint.attribute+" value cannot be used: "+err.Error()+".")
	}
}
