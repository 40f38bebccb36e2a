package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ datasource.DataSource              = (*UserDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*UserDataSource)(nil)
)

// UserDataSource is the amazonmusic_user data source: the user the access
// token belongs to.
type UserDataSource struct {
	client *amazonmusic.Client
}

// UserDataSourceModel maps the data source's state.
type UserDataSourceModel struct {
	ID     types.String `tfsdk:"id"`
	Name   types.String `tfsdk:"name"`
	URL    types.String `tfsdk:"url"`
	Images types.List   `tfsdk:"images"`
}

// NewUserDataSource returns the amazonmusic_user data source.
func NewUserDataSource() datasource.DataSource {
	return &UserDataSource{}
}

// Metadata names the data source type.
func (d *UserDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

// Schema describes the data source.
func (d *UserDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the Amazon Music user the access token belongs to. Needs the `music::profile` scope. " +
			"Values the API leaves out are null.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Id of the user, as `amazonmusic_user_profile` is imported by.",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name the user shows on Amazon Music.",
				Computed:            true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Amazon Music web page of the user's profile.",
				Computed:            true,
			},
			"images": imagesAttribute("Images of the user's profile"),
		},
	}
}

// Configure takes the API client from the provider.
func (d *UserDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// Read fetches the current user (GET /v1/me).
func (d *UserDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	tflog.Debug(ctx, "Reading the current user")
	user, err := d.client.CurrentUser(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read the current user",
			"The Amazon Music API could not read the user the access token belongs to: "+err.Error()+scopeHint(err, scopeProfile))
		return
	}
	var state UserDataSourceModel
	resp.Diagnostics.Append(state.fill(user)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// fill sets the state from the API's answer: null where the API left a
// value out.
func (m *UserDataSourceModel) fill(user *amazonmusic.User) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(user.ID)
	m.Name = types.StringPointerValue(user.Name)
	m.URL = types.StringPointerValue(user.URL)
	m.Images = imagesList(user.Images, &diags)
	return diags
}
