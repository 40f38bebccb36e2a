package provider

import (
	"context"
	"math"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Bounds of max_concurrency, the number of requests a bulk resource keeps
// in flight at once.
const (
	DefaultMaxConcurrency = 8
	MinMaxConcurrency     = 1
	MaxMaxConcurrency     = 64
)

// maxRequestsPerSecondAttribute describes the provider's
// max_requests_per_second setting.
func maxRequestsPerSecondAttribute() schema.Float64Attribute {
	return schema.Float64Attribute{
		MarkdownDescription: "Most requests a second the provider sends, all resources and data sources together, " +
			"retries included; above `0`, such as `0.5`. No default: as fast as the API allows. " +
			"Can also be set with the `" + EnvMaxRequestsPerSecond + "` environment variable.",
		Optional:   true,
		Validators: []validator.Float64{positiveFloat64Validator{}},
	}
}

// maxConcurrencyAttribute describes the provider's max_concurrency
// setting.
func maxConcurrencyAttribute() schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: "Most requests one `amazonmusic_library_tracks` keeps in flight while it saves or removes " +
			"tracks, `" + strconv.Itoa(MinMaxConcurrency) + "` to `" + strconv.Itoa(MaxMaxConcurrency) +
			"`, unless it sets its own `max_concurrency`. Defaults to `" + strconv.Itoa(DefaultMaxConcurrency) +
			"`; can also be set with the `" + EnvMaxConcurrency + "` environment variable.",
		Optional:   true,
		Validators: []validator.Int64{int64validator.Between(MinMaxConcurrency, MaxMaxConcurrency)},
	}
}

// positiveFloat64Validator accepts numbers greater than 0.
type positiveFloat64Validator struct{}

var _ validator.Float64 = positiveFloat64Validator{}

func (positiveFloat64Validator) Description(context.Context) string {
	return "value must be greater than 0"
}

func (v positiveFloat64Validator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v positiveFloat64Validator) ValidateFloat64(ctx context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueFloat64(); !(n > 0) || math.IsInf(n, 1) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+strconv.FormatFloat(n, 'g', -1, 64))
	}
}

// concurrency is the provider's max_concurrency: how many requests one bulk
// resource keeps in flight when it sets none itself.
func (d *providerData) concurrency() int {
	if d.maxConcurrency < MinMaxConcurrency {
		return DefaultMaxConcurrency
	}
	return d.maxConcurrency
}
