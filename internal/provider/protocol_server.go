package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// NewProtocol6Server returns a function that builds the provider's plugin
// protocol server for the given version, as tf6server.Serve expects.
//
// It is the framework's server, except that it answers the read of
// amazonmusic_playlists itself, to return tens of thousands of playlists in
// little memory and time (see readPlaylistsState). The framework still
// describes, validates and documents that data source.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return func() tfprotov6.ProviderServer {
		p := &AmazonMusicProvider{version: version}
		return &protocolServer{ProviderServer: providerserver.NewProtocol6(p)(), provider: p}
	}
}

// protocolServer is the provider's plugin protocol server.
//
// It forwards the methods of tfprotov6.ProviderServer only. The framework's
// server also implements the optional interfaces of list resources, actions
// and state stores, which Terraform calls only for those a provider
// declares; this provider declares none
// (TestProtocolServerDeclaresNoListResourceActionOrStateStore).
type protocolServer struct {
	tfprotov6.ProviderServer
	provider *AmazonMusicProvider
}

// ReadDataSource reads amazonmusic_playlists, and hands every other data
// source to the framework.
func (s *protocolServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != playlistsTypeName {
		return s.ProviderServer.ReadDataSource(ctx, req)
	}
	state, diags := s.readPlaylists(ctx, req.Config)
	return &tfprotov6.ReadDataSourceResponse{State: state, Diagnostics: protocolDiagnostics(diags)}, nil
}

// readPlaylists reads amazonmusic_playlists with the configuration config.
func (s *protocolServer) readPlaylists(ctx context.Context, config *tfprotov6.DynamicValue) (*tfprotov6.DynamicValue, diag.Diagnostics) {
	var diags diag.Diagnostics
	data := s.provider.configured.Load()
	if data == nil {
		diags.AddError("Provider not configured",
			"The provider was asked to read amazonmusic_playlists before its configuration. "+
				"Please report this issue to the provider developers.")
		return nil, diags
	}
	if config == nil {
		diags.AddError("Missing configuration",
			"Terraform sent no configuration for amazonmusic_playlists. Please report this issue to the provider developers.")
		return nil, diags
	}

	pageSize, err := configuredPageSize(ctx, config)
	if err != nil {
		diags.AddError("Invalid configuration",
			"The configuration of amazonmusic_playlists could not be decoded: "+err.Error())
		return nil, diags
	}
	return readPlaylistsState(ctx, data.client, pageSize)
}

// configuredPageSize returns the page_size of an amazonmusic_playlists
// configuration: nil when it is not set.
func configuredPageSize(ctx context.Context, config *tfprotov6.DynamicValue) (*int64, error) {
	raw, err := config.Unmarshal(playlistsSchema().Type().TerraformType(ctx))
	if err != nil {
		return nil, err
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return nil, err
	}
	v, err := types.Int64Type.ValueFromTerraform(ctx, attrs["page_size"])
	if err != nil {
		return nil, err
	}
	pageSize, ok := v.(types.Int64)
	if !ok {
		return nil, fmt.Errorf("page_size is a %T", v)
	}
	return pageSize.ValueInt64Pointer(), nil
}

// protocolDiagnostics converts the framework's diagnostics to the protocol's.
func protocolDiagnostics(diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			severity = tfprotov6.DiagnosticSeverityError
		}
		out = append(out, &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()})
	}
	return out
}
