package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// trackIDSetType is the type of the track_ids of amazonmusic_library_tracks:
// a set of strings whose values tell the framework, when it checks an
// applied or refreshed state against the prior one, that two equal sets are
// the same (trackIDSetValue.SetSemanticEquals). Without that, the framework
// compares every element with every prior one, which takes seconds for a
// thousand tracks and grows with the square of their number.
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

// ValueType returns the value type of the type.
func (t trackIDSetType) ValueType(context.Context) attr.Value {
	return trackIDSetValue{}
}

// trackIDSetValue is a value of trackIDSetType.
type trackIDSetValue struct {
	basetypes.SetValue
}

var _ basetypes.SetValuableWithSemanticEquals = trackIDSetValue{}

// newTrackIDSetValue returns the set of ids.
func newTrackIDSetValue(ctx context.Context, ids []string) (trackIDSetValue, diag.Diagnostics) {
	set, diags := types.SetValueFrom(ctx, types.StringType, ids)
	return trackIDSetValue{SetValue: set}, diags
}

// Type returns trackIDSetType.
func (v trackIDSetValue) Type(context.Context) attr.Type {
	return newTrackIDSetType()
}

// Equal reports whether o is a trackIDSetValue of the same elements.
func (v trackIDSetValue) Equal(o attr.Value) bool {
	other, ok := o.(trackIDSetValue)
	return ok && v.SetValue.Equal(other.SetValue)
}

// SetSemanticEquals reports whether prior holds the same ids.
func (v trackIDSetValue) SetSemanticEquals(ctx context.Context, prior basetypes.SetValuable) (bool, diag.Diagnostics) {
	priorSet, diags := prior.ToSetValue(ctx)
	if diags.HasError() {
		return false, diags
	}
	return v.SetValue.Equal(priorSet), diags
}
