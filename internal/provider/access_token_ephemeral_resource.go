package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ ephemeral.EphemeralResource              = (*AccessTokenEphemeralResource)(nil)
	_ ephemeral.EphemeralResourceWithConfigure = (*AccessTokenEphemeralResource)(nil)
)

// accessTokenType is the token_type of every access token: the scheme of the
// Authorization header that carries it.
const accessTokenType = "Bearer"

// AccessTokenEphemeralResource is the amazonmusic_access_token ephemeral
// resource: the access token the provider authenticates with, handed to the
// configuration without ever being written to a plan or the state.
//
// It sets no RenewAt: an access token cannot be extended in place, and
// Terraform cannot hand a renewed ephemeral resource new values.
type AccessTokenEphemeralResource struct {
	client *amazonmusic.Client
}

// AccessTokenEphemeralResourceModel maps the ephemeral resource's result.
type AccessTokenEphemeralResourceModel struct {
	AccessToken types.String `tfsdk:"access_token"`
	TokenType   types.String `tfsdk:"token_type"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

// NewAccessTokenEphemeralResource returns the amazonmusic_access_token
// ephemeral resource.
func NewAccessTokenEphemeralResource() ephemeral.EphemeralResource {
	return &AccessTokenEphemeralResource{}
}

// Metadata names the ephemeral resource type.
func (r *AccessTokenEphemeralResource) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_access_token"
}

// Schema describes the ephemeral resource.
func (r *AccessTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Login with Amazon access token the provider authenticates with, for passing to other " +
			"tools. It is never written to a plan or the state.",
		Attributes: map[string]schema.Attribute{
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The access token (`Atza|...`), sent to the Amazon Music Web API as " +
					"`Authorization: Bearer <access_token>` with the security profile ID as `x-api-key`.",
				Computed:  true,
				Sensitive: true,
			},
			"token_type": schema.StringAttribute{
				MarkdownDescription: "The scheme of the `Authorization` header that carries the token: always `" + accessTokenType + "`.",
				Computed:            true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the token expires, in RFC 3339 format (UTC), as Login with Amazon announced it. " +
					"Null with a static `access_token`, or when Login with Amazon did not say.",
				Computed: true,
			},
		},
	}
}

// Configure takes the API client from the provider.
func (r *AccessTokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Open obtains the access token through the provider's client.
func (r *AccessTokenEphemeralResource) Open(ctx context.Context, _ ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	if r.client == nil {
		resp.Diagnostics.AddError("Unconfigured Amazon Music provider",
			"The amazonmusic_access_token ephemeral resource needs a configured provider. "+
				"Please report this issue to the provider developers.")
		return
	}

	token, expiry, err := r.client.AccessToken(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to obtain an Amazon Music access token", err.Error())
		return
	}

	result := AccessTokenEphemeralResourceModel{
		AccessToken: types.StringValue(token),
		TokenType:   types.StringValue(accessTokenType),
		ExpiresAt:   types.StringNull(),
	}
	if !expiry.IsZero() {
		result.ExpiresAt = types.StringValue(expiry.UTC().Format(time.RFC3339))
	}
	tflog.Debug(ctx, "Opened Amazon Music access token", map[string]interface{}{
		"expires_at": result.ExpiresAt.ValueString(),
	})
	resp.Diagnostics.Append(resp.Result.Set(ctx, &result)...)
}
