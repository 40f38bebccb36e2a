// Command frameworkfloor is the floor of the provider's CPU time in make
// bench's cases 1 and 2: a provider built with terraform-plugin-framework,
// registered as amazonmusic, whose amazonmusic_library_track has the real
// resource's schema (the same attributes, validators and plan modifiers) and
// does nothing else: no API, no logs, no drift detection. Its processes'
// CPU time is what the framework and the plugin protocol cost the same
// Terraform commands.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	providerschema "github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	amazonmusic "github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/provider"
)

func main() {
	// As the provider's main does.
	amazonmusic.SilenceLogsTerraformDiscards()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return floorProvider{} },
		providerserver.ServeOpts{Address: "registry.terraform.io/amazonmusic-community/amazonmusic"})
	if err != nil {
		log.Fatal(err)
	}
}

type floorProvider struct{}

func (floorProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "amazonmusic"
}

// Schema holds the provider settings the harness's configurations set.
func (floorProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerschema.Schema{Attributes: map[string]providerschema.Attribute{
		"base_url":     providerschema.StringAttribute{Optional: true},
		"api_key":      providerschema.StringAttribute{Optional: true, Sensitive: true},
		"access_token": providerschema.StringAttribute{Optional: true, Sensitive: true},
	}}
}

func (floorProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}

func (floorProvider) Resources(context.Context) []func() resource.Resource {
	return []func() resource.Resource{func() resource.Resource { return floorTrack{} }}
}

func (floorProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// floorTrack is amazonmusic_library_track without the API.
type floorTrack struct{}

var _ resource.ResourceWithIdentity = floorTrack{}

func (floorTrack) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "amazonmusic_library_track"
}

// Schema is the real resource's.
func (floorTrack) Schema(ctx context.Context, req resource.SchemaRequest, resp *resource.SchemaResponse) {
	amazonmusic.NewLibraryTrackResource().Schema(ctx, req, resp)
}

// IdentitySchema is the real resource's identity, which Terraform 1.12 and
// later carry with every instance.
func (floorTrack) IdentitySchema(ctx context.Context, req resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	if r, ok := amazonmusic.NewLibraryTrackResource().(resource.ResourceWithIdentity); ok {
		r.IdentitySchema(ctx, req, resp)
	}
}

// Create fills in what the API would answer, and the identity.
func (floorTrack) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var m amazonmusic.LibraryTrackResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &m)...)
	id := m.TrackID.ValueString()
	m.ID = m.TrackID
	m.SavedTrackID = m.TrackID
	if resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("track_id"), id)...)
	}
	m.Title = types.StringValue("Track " + id)
	m.ISRC = types.StringValue("QZES72000000")
	m.URL = types.StringValue("https://music.amazon.com/tracks/" + id)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// Read keeps the state, which the framework has already copied, and sets
// the identity where the state has none, as the real resource does (always
// with a Terraform that keeps no identities).
func (floorTrack) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	if resp.Identity == nil || !resp.Identity.Raw.IsNull() {
		return
	}
	var id types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("track_id"), &id)...)
	resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("track_id"), id)...)
}

// Update never runs: changing track_id replaces the resource.
func (floorTrack) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}

func (floorTrack) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
