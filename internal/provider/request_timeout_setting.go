package provider

import (
	"context"
	"strconv"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// Bounds of request_timeout.
const (
	MinRequestTimeout = time.Second
	MaxRequestTimeout = 10 * time.Minute
)

// requestTimeoutAttribute describes the provider's request_timeout
// setting.
func requestTimeoutAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Longest wait for one attempt of a request, answer included, as a duration from `1s` to " +
			"`10m` such as `\"45s\"`; a request that times out is retried. Defaults to `\"" +
			amazonmusic.DefaultTimeout.String() + "\"`; can also be set with the `" + EnvRequestTimeout +
			"` environment variable.",
		Optional:   true,
		Validators: []validator.String{requestTimeoutValidator{}},
	}
}

// parseRequestTimeout reads a duration within the bounds of
// request_timeout.
func parseRequestTimeout(raw string) (time.Duration, bool) {
	d, err := time.ParseDuration(raw)
	return d, err == nil && d >= MinRequestTimeout && d <= MaxRequestTimeout
}

// requestTimeoutValidator checks request_timeout at plan time.
type requestTimeoutValidator struct{}

var _ validator.String = requestTimeoutValidator{}

func (requestTimeoutValidator) Description(context.Context) string {
	return "value must be a duration from " + MinRequestTimeout.String() + " to " + MaxRequestTimeout.String() +
		", such as 45s"
}

func (v requestTimeoutValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v requestTimeoutValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, ok := parseRequestTimeout(req.ConfigValue.ValueString()); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+strconv.Quote(req.ConfigValue.ValueString()))
	}
}
