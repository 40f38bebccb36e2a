package provider

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// The longest descriptions the schema may carry: one or two sentences for an
// attribute, a short paragraph for a resource, data source, ephemeral
// resource, list resource, function or the provider. Longer explanations go
// in templates/.
const (
	maxAttributeDescription = 300
	maxTypeDescription      = 500
)

// described is what every framework schema, attribute, block, function
// definition and function parameter answers.
type described interface {
	GetDescription() string
	GetMarkdownDescription() string
}

// texts is a pair of descriptions held in fields, such as a function
// definition's.
type texts struct{ description, markdown string }

func (t texts) GetDescription() string         { return t.description }
func (t texts) GetMarkdownDescription() string { return t.markdown }

// descriptionChecker gathers the descriptions over their limit.
type descriptionChecker struct {
	offenders []string
	// attributes counts the attributes and blocks walked, so that a walk
	// that finds nothing fails instead of passing.
	attributes int
}

// check records both descriptions of d when one is over limit.
func (c *descriptionChecker) check(where string, d described, limit int) {
	for _, field := range []struct{ name, text string }{
		{"Description", d.GetDescription()},
		{"MarkdownDescription", d.GetMarkdownDescription()},
	} {
		if n := len(field.text); n > limit {
			c.offenders = append(c.offenders, fmt.Sprintf("%s: %s is %d characters (limit %d)", where, field.name, n, limit))
		}
	}
}

// walkSchema checks a schema's own descriptions, then those of its
// attributes and blocks, nested ones included. It reads the fields every
// framework schema package names alike (Attributes, Blocks, NestedObject),
// so one walk serves the provider, resource, data source, ephemeral
// resource, list resource and identity schemas.
func (c *descriptionChecker) walkSchema(where string, s described) {
	c.check(where, s, maxTypeDescription)
	c.walkChildren(where, reflect.ValueOf(s))
}

// walkChildren walks the Attributes and Blocks of v and of its NestedObject.
func (c *descriptionChecker) walkChildren(where string, v reflect.Value) {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return
	}
	for _, field := range []string{"Attributes", "Blocks"} {
		m := v.FieldByName(field)
		if !m.IsValid() || m.Kind() != reflect.Map {
			continue
		}
		keys := m.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, key := range keys {
			child := m.MapIndex(key)
			childWhere := where + "." + key.String()
			if d, ok := child.Interface().(described); ok {
				c.attributes++
				c.check(childWhere, d, maxAttributeDescription)
			}
			c.walkChildren(childWhere, child)
		}
	}
	if nested := v.FieldByName("NestedObject"); nested.IsValid() {
		c.walkChildren(where, nested)
	}
}

// walkFunction checks a function's descriptions and its parameters'.
func (c *descriptionChecker) walkFunction(where string, def function.Definition) {
	c.check(where, texts{def.Description, def.MarkdownDescription}, maxTypeDescription)
	if n := len(def.Summary); n > maxAttributeDescription {
		c.offenders = append(c.offenders, fmt.Sprintf("%s: Summary is %d characters (limit %d)", where, n, maxAttributeDescription))
	}
	params := def.Parameters
	if def.VariadicParameter != nil {
		params = append(params, def.VariadicParameter)
	}
	for _, p := range params {
		c.attributes++
		c.check(where+"("+p.GetName()+")", p, maxAttributeDescription)
	}
}

// walkProvider checks every description the provider declares, asking the
// provider for its resources, data sources, ephemeral resources, list
// resources and functions.
func (c *descriptionChecker) walkProvider(ctx context.Context, t *testing.T, p provider.Provider) {
	t.Helper()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	c.walkSchema("provider "+meta.TypeName, ps.Schema)

	for _, f := range p.Resources(ctx) {
		r := f()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		var s resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &s)
		c.walkSchema("resource "+md.TypeName, s.Schema)
		if withIdentity, ok := r.(resource.ResourceWithIdentity); ok {
			var is resource.IdentitySchemaResponse
			withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &is)
			c.walkChildren("resource "+md.TypeName+" identity", reflect.ValueOf(is.IdentitySchema))
		}
	}
	for _, f := range p.DataSources(ctx) {
		d := f()
		var md datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		c.walkSchema("data source "+md.TypeName, s.Schema)
	}
	if pe, ok := p.(provider.ProviderWithEphemeralResources); ok {
		for _, f := range pe.EphemeralResources(ctx) {
			e := f()
			var md ephemeral.MetadataResponse
			e.Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			var s ephemeral.SchemaResponse
			e.Schema(ctx, ephemeral.SchemaRequest{}, &s)
			c.walkSchema("ephemeral resource "+md.TypeName, s.Schema)
		}
	}
	if pl, ok := p.(provider.ProviderWithListResources); ok {
		for _, f := range pl.ListResources(ctx) {
			l := f()
			var md resource.MetadataResponse
			l.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &md)
			var s list.ListResourceSchemaResponse
			l.ListResourceConfigSchema(ctx, list.ListResourceSchemaRequest{}, &s)
			c.walkSchema("list resource "+md.TypeName, s.Schema)
		}
	}
	if pf, ok := p.(provider.ProviderWithFunctions); ok {
		for _, f := range pf.Functions(ctx) {
			fn := f()
			var md function.MetadataResponse
			fn.Metadata(ctx, function.MetadataRequest{}, &md)
			var def function.DefinitionResponse
			fn.Definition(ctx, function.DefinitionRequest{}, &def)
			c.walkFunction("function "+md.Name, def.Definition)
		}
	}
}

// TestDescriptionsAreTerse fails when a description the provider declares
// is longer than the documentation's limits: an attribute's (or a block's,
// or a function parameter's) over 300 characters, or a resource's, data
// source's, ephemeral resource's, list resource's, function's or the
// provider's over 500. It names each one by its type and attribute path,
// with its length.
func TestDescriptionsAreTerse(t *testing.T) {
	t.Parallel()
	var c descriptionChecker
	c.walkProvider(t.Context(), t, New("test")())
	if c.attributes == 0 {
		t.Fatal("no attribute found: the walk proves nothing")
	}
	for _, o := range c.offenders {
		t.Error(o)
	}
}

// TestDescriptionCheckerFindsNestedOffenders proves the walk reaches nested
// attributes and blocks and reads both descriptions, so that the check
// above cannot pass by walking too little.
func TestDescriptionCheckerFindsNestedOffenders(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxAttributeDescription+1)
	s := rschema.Schema{
		Description: "short",
		Attributes: map[string]rschema.Attribute{
			"list": rschema.ListNestedAttribute{
				Optional: true,
				NestedObject: rschema.NestedAttributeObject{
					Attributes: map[string]rschema.Attribute{
						"leaf": rschema.StringAttribute{Optional: true, MarkdownDescription: long},
					},
				},
			},
		},
		Blocks: map[string]rschema.Block{
			"block": rschema.SingleNestedBlock{
				Attributes: map[string]rschema.Attribute{
					"inner": rschema.StringAttribute{Optional: true, Description: long},
				},
			},
		},
	}
	var c descriptionChecker
	c.walkSchema("resource test", s)
	want := []string{
		"resource test.list.leaf: MarkdownDescription is 301 characters (limit 300)",
		"resource test.block.inner: Description is 301 characters (limit 300)",
	}
	if fmt.Sprint(c.offenders) != fmt.Sprint(want) {
		t.Errorf("offenders %q, want %q", c.offenders, want)
	}
}
