package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// trackIDSetType is the type of the track_ids of amazonmusic_library_tracks:
// a set of strings whose checks take time in proportion to the number of
// ids. The framework's set type and values compare every element with every
// other one, to look for duplicates (Validate) and to compare two sets
// (Equal), and compare every element with every prior one when it checks an
// applied or refreshed state (trackIDSetValue.SetSemanticEquals tells it
// that two equal sets are the same): seconds for a thousand tracks, growing
// with the square of their number.
type trackIDSetType struct {
	basetypes.SetType
}

var _ basetypes.SetTypable = trackIDSetType{}

// newTrackIDSetType returns the type of track_ids.
func newTrackIDSetType() trackIDSetType {
	return trackIDSetType{SetType: basetypes.SetType{ElemType: types.StringType}}
}

// Equal reports whether o is a trackIDSetType of the same elements.
func (t trackIDSetType) Equal(o attr.Type) bool {
	other, ok := o.(trackIDSetType)
	return ok && t.SetType.Equal(other.SetType)
}

// String names the type.
func (t trackIDSetType) String() string {
	return "trackIDSetType"
}

// ValueFromSet wraps a set value.
func (t trackIDSetType) ValueFromSet(_ context.Context, in basetypes.SetValue) (basetypes.SetValuable, diag.Diagnostics) {
	return trackIDSetValue{SetValue: in}, nil
}

// ValueFromTerraform converts a Terraform value.
func (t trackIDSetType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.SetType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	set, ok := v.(basetypes.SetValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return trackIDSetValue{SetValue: set}, nil
}

// Validate checks a Terraform value of the type as basetypes.SetType does,
// reporting duplicate elements, which Terraform never sends, by looking each
// one up in a map.
func (t trackIDSetType) Validate(_ context.Context, in tftypes.Value, p path.Path) diag.Diagnostics {
	var diags diag.Diagnostics
	if !in.Type().Is(tftypes.Set{}) {
		diags.AddAttributeError(p, "Set Type Validation Error",
			fmt.Sprintf("Expected a set of track ids, got %s. This is always an error in the provider. "+
				"Please report it to the provider developers.", in.Type()))
		return diags
	}
	if !in.IsKnown() || in.IsNull() {
		return diags
	}
	var elems []tftypes.Value
	if err := in.As(&elems); err != nil {
		diags.AddAttributeError(p, "Set Type Validation Error",
			"Reading the set of track ids failed: "+err.Error()+". This is always an error in the provider. "+
				"Please report it to the provider developers.")
		return diags
	}
	seen := make(map[string]bool, len(elems))
	for _, elem := range elems {
		var id string
		if !elem.IsKnown() || elem.IsNull() || elem.As(&id) != nil {
			continue
		}
		if seen[id] {
			diags.AddAttributeError(p, "Duplicate Set Element",
				fmt.Sprintf("This attribute contains duplicate values of: %q", id))
		}
		seen[id] = true
	}
	return diags
}

// ValueType returns the value type of the type.
func (t trackIDSetType) ValueType(context.Context) attr.Value {
	return trackIDSetValue{}
}

// trackIDSetValue is a value of trackIDSetType.
type trackIDSetValue struct {
	basetypes.SetValue
}

var _ basetypes.SetValuableWithSemanticEquals = trackIDSetValue{}

// newTrackIDSetValue returns the set of ids, which holds no duplicates.
// (types.SetValueFrom would compare every id with every other one.)
func newTrackIDSetValue(ids []string) (trackIDSetValue, diag.Diagnostics) {
	elems := make([]attr.Value, len(ids))
	for i, id := range ids {
		elems[i] = types.StringValue(id)
	}
	set, diags := types.SetValue(types.StringType, elems)
	return trackIDSetValue{SetValue: set}, diags
}

// Type returns trackIDSetType.
func (v trackIDSetValue) Type(context.Context) attr.Type {
	return newTrackIDSetType()
}

// Equal reports whether o is a trackIDSetValue of the same elements.
func (v trackIDSetValue) Equal(o attr.Value) bool {
	other, ok := o.(trackIDSetValue)
	if !ok {
		return false
	}
	if v.IsNull() || v.IsUnknown() || other.IsNull() || other.IsUnknown() {
		return v.SetValue.Equal(other.SetValue)
	}
	mine, theirs := v.Elements(), other.Elements()
	if len(mine) != len(theirs) {
		return false
	}
	// String tells every value apart: a quoted string, or <unknown> or
	// <null>.
	elems := make(map[string]bool, len(mine))
	for _, e := range mine {
		elems[e.String()] = true
	}
	for _, e := range theirs {
		if !elems[e.String()] {
			return false
		}
	}
	return true
}

// SetSemanticEquals reports whether prior holds the same ids.
func (v trackIDSetValue) SetSemanticEquals(ctx context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	priorSet, diags := prior.ToSetValue(ctx)
	if diags.HasError() {
		return false, diags
	}
	return v.Equal(trackIDSetValue{SetValue: priorSet}), diags
}
