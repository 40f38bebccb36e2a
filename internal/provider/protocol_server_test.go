package provider

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
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

// The protocol server forwards every method of the framework's server, so
// that tf6server finds on it every optional interface (list resources,
// actions, state stores) the framework's server implements, including those
// of a newer framework.
func TestProtocolServerForwardsEveryMethodOfTheFramework(t *testing.T) {
	t.Parallel()
	fw := providerserver.NewProtocol6(New("test")())()
	srv := NewProtocol6Server("test")()
	if _, ok := srv.(*protocolServer); !ok {
		t.Fatalf("NewProtocol6Server serves a %T, not the protocol server: the framework's server lacks one of the interfaces of frameworkServer", srv)
	}
	fwType, srvType := reflect.TypeOf(fw), reflect.TypeOf(srv)
	if fwType.NumMethod() == 0 {
		t.Fatalf("the framework's server %s has no methods", fwType)
	}
	for i := range fwType.NumMethod() {
		want := fwType.Method(i)
		got, ok := srvType.MethodByName(want.Name)
		if !ok {
			t.Errorf("the protocol server does not forward %s of the framework's server: add its interface to frameworkServer", want.Name)
			continue
		}
		// Method types of a concrete type start with the receiver.
		if !sameSignatureAfterReceiver(got.Type, want.Type) {
			t.Errorf("%s is %s on the protocol server, %s on the framework's", want.Name, got.Type, want.Type)
		}
	}
}

// sameSignatureAfterReceiver compares two method types, both with their
// receiver, leaving the receivers out.
func sameSignatureAfterReceiver(a, b reflect.Type) bool {
	if a.NumIn() != b.NumIn() || a.NumOut() != b.NumOut() {
		return false
	}
	for i := 1; i < a.NumIn(); i++ {
		if a.In(i) != b.In(i) {
			return false
		}
	}
	for i := range a.NumOut() {
		if a.Out(i) != b.Out(i) {
			return false
		}
	}
	return true
}

// The provider declares its list resource, which Terraform reaches through
// the protocol server.
func TestProtocolServerDeclaresTheListResource(t *testing.T) {
	t.Parallel()
	resp, err := NewProtocol6Server("test")().GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) > 0 {
		t.Fatalf("GetProviderSchema: %+v", resp.Diagnostics)
	}
	if _, ok := resp.ListResourceSchemas["amazonmusic_library_track"]; !ok || len(resp.ListResourceSchemas) != 1 {
		t.Errorf("list resources = %v, want amazonmusic_library_track", slices.Collect(maps.Keys(resp.ListResourceSchemas)))
	}
}

// An unknown page_size is refused, naming the attribute, before any
// request.
func TestProtocolServerRefusesAnUnknownPageSize(t *testing.T) {
	t.Parallel()
	em, url := startEmulator(t, emulator.Options{Playlists: 3})
	s, ok := NewProtocol6Server("test")().(*protocolServer)
	if !ok {
		t.Fatal("NewProtocol6Server does not build a *protocolServer")
	}
	client, err := amazonmusic.NewClient(amazonmusic.Config{
		BaseURL: url, APIKey: emulator.DefaultAPIKey, AccessToken: emulator.DefaultAccessToken,
	})
	if err != nil {
		t.Fatal(err)
	}
	s.provider.configured.Store(newProviderData(client, false))
	typ := playlistsSchema().Type().TerraformType(t.Context())
	objType, ok := typ.(tftypes.Object)
	if !ok {
		t.Fatalf("the data source's type is a %T", typ)
	}
	attrs := map[string]tftypes.Value{}
	for name, at := range objType.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	attrs["page_size"] = tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, attrs))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.ReadDataSource(t.Context(), &tfprotov6.ReadDataSourceRequest{TypeName: playlistsTypeName, Config: &config})
	if err != nil {
		t.Fatal(err)
	}
	if resp.State != nil || len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != "Unknown configuration value" {
		t.Fatalf("ReadDataSource = state %v, diagnostics %+v; want one error about the unknown value", resp.State, resp.Diagnostics)
	}
	if want := tftypes.NewAttributePath().WithAttributeName("page_size"); !resp.Diagnostics[0].Attribute.Equal(want) {
		t.Errorf("the error concerns %v, want %v", resp.Diagnostics[0].Attribute, want)
	}
	expectNoRequests(t, em)
}

func TestProtocolDiagnosticsKeepTheAttributePath(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	diags.AddAttributeError(path.Root("playlists").AtListIndex(2).AtName("images").AtMapKey("k"), "error", "detail")
	diags.AddAttributeWarning(path.Root("tags").AtSetValue(types.StringValue("x")), "warning", "detail")
	diags.AddError("no path", "detail")
	got := protocolDiagnostics(t.Context(), diags)
	want := []*tftypes.AttributePath{
		tftypes.NewAttributePath().WithAttributeName("playlists").WithElementKeyInt(2).WithAttributeName("images").WithElementKeyString("k"),
		tftypes.NewAttributePath().WithAttributeName("tags").WithElementKeyValue(tftypes.NewValue(tftypes.String, "x")),
		nil,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d", len(got), len(want))
	}
	for i, d := range got {
		if (d.Attribute == nil) != (want[i] == nil) || (d.Attribute != nil && !d.Attribute.Equal(want[i])) {
			t.Errorf("diagnostic %d (%s) concerns %v, want %v", i, d.Summary, d.Attribute, want[i])
		}
	}
	if got[0].Severity != tfprotov6.DiagnosticSeverityError || got[1].Severity != tfprotov6.DiagnosticSeverityWarning {
		t.Errorf("severities = %v, %v; want error, warning", got[0].Severity, got[1].Severity)
	}
}
