package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var (
	_ resource.Resource                = (*UserProfileResource)(nil)
	_ resource.ResourceWithConfigure   = (*UserProfileResource)(nil)
	_ resource.ResourceWithImportState = (*UserProfileResource)(nil)
)

// UserProfileResource is the amazonmusic_user_profile resource: the name
// and visibilities of the user the access token belongs to. The API sets
// all three at once (PUT /v1/me) and reads back only the name (GET
// /v1/me), so the visibilities in the state are those last written.
type UserProfileResource struct {
	data *providerData
}

// UserProfileResourceModel maps the resource's state.
type UserProfileResourceModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	Visibility         types.String `tfsdk:"visibility"`
	PlaybackVisibility types.String `tfsdk:"playback_visibility"`
}

// NewUserProfileResource returns the amazonmusic_user_profile resource.
func NewUserProfileResource() resource.Resource {
	return &UserProfileResource{}
}

// Metadata names the resource type.
func (r *UserProfileResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user_profile"
}

// visibilityValidators check a visibility at plan time.
func visibilityValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(amazonmusic.VisibilityPublic, amazonmusic.VisibilityPrivate)}
}

// Schema describes the resource.
func (r *UserProfileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The name and visibilities of the Amazon Music user the access token belongs to. " +
			"Needs the `music::profile` scope. Destroying it changes nothing in Amazon Music.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Id of the user, as `amazonmusic_user` reports it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name the user shows on Amazon Music. A name changed in the app shows in the next plan.",
				Required:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(regexp.MustCompile(`\S`), "must not be empty or blank"),
				},
			},
			"visibility": schema.StringAttribute{
				MarkdownDescription: "Who can see the user's profile: `PUBLIC` or `PRIVATE`. The API does not report it, so " +
					"a change made in the app does not show in a plan.",
				Required:   true,
				Validators: visibilityValidators(),
			},
			"playback_visibility": schema.StringAttribute{
				MarkdownDescription: "Who can see what the user plays: `PUBLIC` or `PRIVATE`. The API does not report it, " +
					"so a change made in the app does not show in a plan.",
				Required:   true,
				Validators: visibilityValidators(),
			},
		},
	}
}

// Configure takes the provider's data.
func (r *UserProfileResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	if req.ProviderData == nil {
		return
	}
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// Create sets the profile (see set).
func (r *UserProfileResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.set(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// Update sets the profile (see set): one PUT, whatever changed.
func (r *UserProfileResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.set(ctx, req.Plan, &resp.State, &resp.Diagnostics)
}

// set sends the planned profile and, when that succeeds, records it as the
// state.
func (r *UserProfileResource) set(ctx context.Context, planned tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	var plan UserProfileResourceModel
	diags.Append(planned.Get(ctx, &plan)...)
	if diags.HasError() || !r.put(ctx, &plan, diags) {
		return
	}
	diags.Append(state.Set(ctx, &plan)...)
}

// put sends the profile of plan (PUT /v1/me, every field, as the API
// requires) and reads the user back (GET /v1/me) for its id. The answer of
// the PUT is not read: its name is null. The name stays the configured one;
// a read-back that differs is a warning, and the next plan shows it. It
// reports whether plan is ready to be the state.
func (r *UserProfileResource) put(ctx context.Context, plan *UserProfileResourceModel, diags *diag.Diagnostics) bool {
	profile := amazonmusic.Profile{
		Name:               plan.Name.ValueString(),
		Visibility:         plan.Visibility.ValueString(),
		PlaybackVisibility: plan.PlaybackVisibility.ValueString(),
	}
	err := r.data.write(ctx, func(ctx context.Context) error { return r.data.client.UpdateProfile(ctx, profile) })
	if err != nil {
		diags.AddError("Unable to set the user's profile",
			"Setting the name and visibilities of the current user (PUT /v1/me) did not succeed: "+err.Error()+
				scopeHint(err, scopeProfile))
		return false
	}
	tflog.Info(ctx, "Set the user's profile", map[string]interface{}{
		"visibility": profile.Visibility, "playback_visibility": profile.PlaybackVisibility,
	})
	user, err := r.data.client.CurrentUser(ctx)
	if err != nil {
		diags.AddError("Unable to read the user's profile back",
			"The profile was set, but reading the current user back (GET /v1/me) did not succeed: "+err.Error()+
				scopeHint(err, scopeProfile)+" The next apply sets the profile again.")
		return false
	}
	if plan.ID.IsUnknown() || plan.ID.IsNull() {
		plan.ID = types.StringValue(user.ID)
	} else if plan.ID.ValueString() != user.ID {
		diags.AddError("The access token belongs to another user",
			"The profile in the state is that of user "+plan.ID.ValueString()+", but the access token belongs to user "+
				user.ID+", whose profile this apply has just set. Remove the resource from the state "+
				"(terraform state rm) before managing another user's profile.")
		return false
	}
	if user.Name != nil && *user.Name != profile.Name {
		diags.AddWarning("The user's name reads back differently",
			"After setting the name "+profile.Name+", the API answers the name "+*user.Name+
				". The state keeps the configured name; the next plan shows the difference if it remains.")
	}
	return true
}

// Read refreshes the profile from GET /v1/me: the name, which the app may
// have changed. The API answers no visibility: those in the state stay as
// they are.
func (r *UserProfileResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state UserProfileResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	user, err := r.data.client.CurrentUser(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to read the user's profile",
			"Reading the current user (GET /v1/me) did not succeed: "+err.Error()+scopeHint(err, scopeProfile))
		return
	}
	if user.ID != state.ID.ValueString() {
		resp.Diagnostics.AddError("The access token belongs to another user",
			"The profile in the state is that of user "+state.ID.ValueString()+", but the access token belongs to user "+
				user.ID+". Use a token of user "+state.ID.ValueString()+", or remove the resource from the state "+
				"(terraform state rm) to manage the profile of user "+user.ID+".")
		return
	}
	if user.Name != nil {
		state.Name = types.StringValue(*user.Name)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Delete leaves the profile as it is: a user's profile cannot be deleted,
// and no value is more right than another to set it back to. Nothing is
// sent.
func (r *UserProfileResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state UserProfileResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning("The user's profile is left as it is",
		"Terraform no longer manages the profile of user "+state.ID.ValueString()+", but Amazon Music keeps its name "+
			state.Name.ValueString()+" and its visibilities: a profile cannot be deleted, and nothing was sent. "+
			"Change them in the app, or with this resource, if they should be otherwise.")
}

// ImportState imports the profile by the id of the user the access token
// belongs to. Read fills in the name; the visibilities, which the API does
// not report, stay null until the next apply sets them from the
// configuration with one PUT.
func (r *UserProfileResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	user, err := r.data.client.CurrentUser(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to import the user's profile",
			"Reading the current user (GET /v1/me) did not succeed: "+err.Error()+scopeHint(err, scopeProfile))
		return
	}
	if req.ID != user.ID {
		resp.Diagnostics.AddError("Cannot import the profile of user "+req.ID,
			"The access token belongs to user "+user.ID+", and only that user's profile can be managed with it. "+
				"Import it with the id "+user.ID+" (data.amazonmusic_user reports it).")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), user.ID)...)
}
