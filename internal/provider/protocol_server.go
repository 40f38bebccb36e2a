package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
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
		fw := providerserver.NewProtocol6(p)()
		full, ok := fw.(frameworkServer)
		if !ok {
			// A framework whose server lacks one of the optional
			// interfaces: serving it alone keeps every RPC it answers
			// (TestProtocolServerForwardsEveryMethodOfTheFramework fails).
			return fw
		}
		return &protocolServer{frameworkServer: full, provider: p}
	}
}

// frameworkServer is what the framework's protocol 6 server implements: the
// RPCs every provider answers, and those of list resources, actions and
// state stores, which tf6server looks for on optional interfaces.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

// protocolServer is the provider's plugin protocol server: every method of
// the framework's server (TestProtocolServerForwardsEveryMethodOfTheFramework),
// with the read of amazonmusic_playlists answered directly.
type protocolServer struct {
	frameworkServer
	provider *AmazonMusicProvider
}

// ReadDataSource reads amazonmusic_playlists, and hands every other data
// source to the framework.
func (s *protocolServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName != playlistsTypeName {
		return s.frameworkServer.ReadDataSource(ctx, req)
	}
	state, diags := s.readPlaylists(ctx, req.Config)
	return &tfprotov6.ReadDataSourceResponse{State: state, Diagnostics: protocolDiagnostics(ctx, diags)}, nil
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

	pageSize, known, err := configuredPageSize(ctx, config)
	switch {
	case err != nil:
		diags.AddError("Invalid configuration",
			"The configuration of amazonmusic_playlists could not be decoded: "+err.Error())
		return nil, diags
	case !known:
		diags.AddAttributeError(path.Root("page_size"), "Unknown configuration value",
			"The page_size of amazonmusic_playlists is not known yet: the data source can only be read with a "+
				"known page_size. Set it to a value known at plan time, or leave it out.")
		return nil, diags
	}
	return readPlaylistsState(ctx, data.client, pageSize)
}

// configuredPageSize returns the page_size of an amazonmusic_playlists
// configuration: nil when it is not set. known is false when the
// configuration holds an unknown value.
func configuredPageSize(ctx context.Context, config *tfprotov6.DynamicValue) (pageSize *int64, known bool, err error) {
	raw, err := config.Unmarshal(playlistsSchema().Type().TerraformType(ctx))
	if err != nil {
		return nil, false, err
	}
	if !raw.IsFullyKnown() {
		return nil, false, nil
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		return nil, false, err
	}
	v, err := types.Int64Type.ValueFromTerraform(ctx, attrs["page_size"])
	if err != nil {
		return nil, false, err
	}
	size, ok := v.(types.Int64)
	if !ok {
		return nil, false, fmt.Errorf("page_size is a %T", v)
	}
	return size.ValueInt64Pointer(), true, nil
}

// protocolDiagnostics converts the framework's diagnostics to the protocol's,
// with the attribute each one concerns.
func protocolDiagnostics(ctx context.Context, diags diag.Diagnostics) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		severity := tfprotov6.DiagnosticSeverityWarning
		if d.Severity() == diag.SeverityError {
			severity = tfprotov6.DiagnosticSeverityError
		}
		pd := &tfprotov6.Diagnostic{Severity: severity, Summary: d.Summary(), Detail: d.Detail()}
		if withPath, ok := d.(diag.DiagnosticWithPath); ok {
			pd.Attribute = attributePath(ctx, withPath.Path())
		}
		out = append(out, pd)
	}
	return out
}

// attributePath converts a framework path to the protocol's; nil for the
// empty path, or for one it cannot convert.
func attributePath(ctx context.Context, p path.Path) *tftypes.AttributePath {
	if len(p.Steps()) == 0 {
		return nil
	}
	out := tftypes.NewAttributePath()
	for _, step := range p.Steps() {
		switch s := step.(type) {
		case path.PathStepAttributeName:
			out = out.WithAttributeName(string(s))
		case path.PathStepElementKeyInt:
			out = out.WithElementKeyInt(int(s))
		case path.PathStepElementKeyString:
			out = out.WithElementKeyString(string(s))
		case path.PathStepElementKeyValue:
			v, err := s.ToTerraformValue(ctx)
			if err != nil {
				return nil
			}
			out = out.WithElementKeyValue(v)
		default:
			return nil
		}
	}
	return out
}
