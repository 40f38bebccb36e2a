package provider

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// declaredNames returns, by kind, the names of everything the provider
// declares, as configurations write them.
func declaredNames(ctx context.Context, t *testing.T) map[string][]string {
	t.Helper()
	p := New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	names := map[string][]string{}
	for _, f := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		names["resource"] = append(names["resource"], resp.TypeName)
	}
	for _, f := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		names["data source"] = append(names["data source"], resp.TypeName)
	}
	withEphemeral, ok := p.(provider.ProviderWithEphemeralResources)
	if !ok {
		t.Fatal("the provider declares no ephemeral resources")
	}
	for _, f := range withEphemeral.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		f().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		names["ephemeral resource"] = append(names["ephemeral resource"], resp.TypeName)
	}
	withFunctions, ok := p.(provider.ProviderWithFunctions)
	if !ok {
		t.Fatal("the provider declares no functions")
	}
	for _, f := range withFunctions.Functions(ctx) {
		var resp function.MetadataResponse
		f().Metadata(ctx, function.MetadataRequest{}, &resp)
		names["function"] = append(names["function"], "provider::"+meta.TypeName+"::"+resp.Name)
	}
	return names
}

// TestDocsIndexNamesEverythingTheProviderDeclares fails when the provider's
// page of the documentation (docs/index.md, from templates/index.md.tmpl)
// does not name one of its resources, data sources, ephemeral resources or
// functions.
func TestDocsIndexNamesEverythingTheProviderDeclares(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(repositoryRoot(t), "docs", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	index := string(raw)
	names := declaredNames(t.Context(), t)
	for _, kind := range []string{"resource", "data source", "ephemeral resource", "function"} {
		if len(names[kind]) == 0 {
			t.Errorf("the provider declares no %s: the check would prove nothing", kind)
		}
		for _, name := range names[kind] {
			if !strings.Contains(index, "`"+name+"`") {
				t.Errorf("docs/index.md does not name the %s `%s`: add it to templates/index.md.tmpl and run make generate", kind, name)
			}
		}
	}
}

// TestDocsIndexNamesEveryEnvironmentVariable fails when the provider's page
// of the documentation does not name the environment variable of one of
// its settings.
func TestDocsIndexNamesEveryEnvironmentVariable(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(repositoryRoot(t), "docs", "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	var schemaResp provider.SchemaResponse
	New("test")().Schema(t.Context(), provider.SchemaRequest{}, &schemaResp)
	if len(providerSettings) != len(schemaResp.Schema.Attributes) {
		t.Errorf("%d settings for %d attributes of the provider schema", len(providerSettings), len(schemaResp.Schema.Attributes))
	}
	for _, s := range providerSettings {
		if !strings.Contains(string(raw), "`"+s.envVar+"`") {
			t.Errorf("docs/index.md does not name %s, the environment variable of %s", s.envVar, s.attribute)
		}
	}
}
