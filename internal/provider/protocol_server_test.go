package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func TestProtocolServerReadOfPlaylistsReportsWhatItCannotRead(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		configured  bool
		config      *tfprotov6.DynamicValue
		wantSummary string
	}{
		"before the provider's configuration": {
			config:      &tfprotov6.DynamicValue{MsgPack: []byte{0x80}},
			wantSummary: "Provider not configured",
		},
		"without a configuration": {
			configured:  true,
			wantSummary: "Missing configuration",
		},
		"with a configuration that is not the data source's": {
			configured:  true,
			config:      &tfprotov6.DynamicValue{MsgPack: []byte{0xc3}}, // true
			wantSummary: "Invalid configuration",
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, ok := NewProtocol6Server("test")().(*protocolServer)
			if !ok {
				t.Fatal("NewProtocol6Server does not build a *protocolServer")
			}
			if tt.configured {
				s.provider.configured.Store(&providerData{})
			}
			resp, err := s.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{
				TypeName: playlistsTypeName,
				Config:   tt.config,
			})
			if err != nil {
				t.Fatal(err)
			}
			if resp.State != nil {
				t.Errorf("State = %v, want none", resp.State)
			}
			if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
				resp.Diagnostics[0].Summary != tt.wantSummary {
				t.Fatalf("Diagnostics = %+v, want one error %q", resp.Diagnostics, tt.wantSummary)
			}
		})
	}
}

// The protocol server does not forward the optional interfaces of list
// resources, actions and state stores: declaring one of those would need
// them forwarded.
func TestProtocolServerDeclaresNoListResourceActionOrStateStore(t *testing.T) {
	t.Parallel()
	resp, err := NewProtocol6Server("test")().GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %+v", resp.Diagnostics)
	}
	if len(resp.ResourceSchemas) == 0 || len(resp.DataSourceSchemas) == 0 {
		t.Fatalf("GetProviderSchema describes %d resources and %d data sources, want some of each",
			len(resp.ResourceSchemas), len(resp.DataSourceSchemas))
	}
	if n := len(resp.ListResourceSchemas) + len(resp.ActionSchemas) + len(resp.StateStoreSchemas); n > 0 {
		t.Errorf("the provider declares %d list resources, actions or state stores: forward their interfaces in protocolServer", n)
	}
}
