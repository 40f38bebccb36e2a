package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestTrackIDSetValueIsSemanticallyEqualToTheSameIDsInAnyOrder(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, _ := newTrackIDSetValue([]string{"B08DL2BXQC", "B07QXMFJ4W"})
	b, _ := newTrackIDSetValue([]string{"B07QXMFJ4W", "B08DL2BXQC"})
	c, _ := newTrackIDSetValue([]string{"B08DL2BXQC"})
	if equal, diags := a.SetSemanticEquals(ctx, b); !equal || diags.HasError() {
		t.Errorf("SetSemanticEquals of the same ids = %t, %v; want true", equal, diags)
	}
	if equal, _ := a.SetSemanticEquals(ctx, c); equal {
		t.Error("SetSemanticEquals of different ids = true, want false")
	}
	if !a.Equal(b) || a.Equal(c) || a.Equal(a.SetValue) {
		t.Error("Equal does not compare the ids and the type")
	}
	v, err := newTrackIDSetType().ValueFromTerraform(ctx, tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
		[]tftypes.Value{tftypes.NewValue(tftypes.String, "B08DL2BXQC")}))
	if err != nil || !v.Equal(c) {
		t.Errorf("ValueFromTerraform = %v, %v; want %v", v, err, c)
	}
}

// trackIDSetTerraformValue is a Terraform set of the given elements, which
// may repeat (Terraform never sends such a set).
func trackIDSetTerraformValue(elems ...tftypes.Value) tftypes.Value {
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

func TestTrackIDSetTypeValidateReportsDuplicates(t *testing.T) {
	t.Parallel()
	id := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	tests := map[string]struct {
		in      tftypes.Value
		wantErr string
	}{
		"distinct ids":  {in: trackIDSetTerraformValue(id("B08DL2BXQC"), id("B07QXMFJ4W"))},
		"empty":         {in: trackIDSetTerraformValue()},
		"null":          {in: tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, nil)},
		"unknown":       {in: tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, tftypes.UnknownValue)},
		"unknown ids":   {in: trackIDSetTerraformValue(tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.String, tftypes.UnknownValue))},
		"a repeated id": {in: trackIDSetTerraformValue(id("B08DL2BXQC"), id("B07QXMFJ4W"), id("B08DL2BXQC")), wantErr: `duplicate values of: "B08DL2BXQC"`},
		"not a set":     {in: tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil), wantErr: "Expected a set of track ids"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			diags := newTrackIDSetType().Validate(t.Context(), tt.in, path.Root("track_ids"))
			if tt.wantErr == "" {
				if diags.HasError() {
					t.Fatalf("Validate = %v, want no error", diags)
				}
				return
			}
			if diags.ErrorsCount() != 1 || !strings.Contains(diags[0].Detail(), tt.wantErr) {
				t.Fatalf("Validate = %v, want one error saying %q", diags, tt.wantErr)
			}
		})
	}
}

func TestTrackIDSetValueEqual(t *testing.T) {
	t.Parallel()
	set := func(ids ...string) trackIDSetValue {
		v, diags := newTrackIDSetValue(ids)
		if diags.HasError() {
			t.Fatal(diags)
		}
		return v
	}
	null := trackIDSetValue{SetValue: types.SetNull(types.StringType)}
	unknown := trackIDSetValue{SetValue: types.SetUnknown(types.StringType)}
	tests := []struct {
		name string
		a, b trackIDSetValue
		want bool
	}{
		{"same ids in another order", set("B08DL2BXQC", "B07QXMFJ4W"), set("B07QXMFJ4W", "B08DL2BXQC"), true},
		{"one id more", set("B08DL2BXQC"), set("B08DL2BXQC", "B07QXMFJ4W"), false},
		{"another id", set("B08DL2BXQC"), set("B07QXMFJ4W"), false},
		{"both empty", set(), set(), true},
		{"empty and null", set(), null, false},
		{"both null", null, null, true},
		{"null and unknown", null, unknown, false},
		{"both unknown", unknown, unknown, true},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%s: Equal = %t, want %t", tt.name, got, tt.want)
		}
		if got := tt.b.Equal(tt.a); got != tt.want {
			t.Errorf("%s, the other way: Equal = %t, want %t", tt.name, got, tt.want)
		}
	}
}

// BenchmarkTrackIDSetChecks validates a set of 1,000 and 10,000 ids and
// compares it with an equal one, as the framework does on every plan of
// amazonmusic_library_tracks: the cost grows linearly.
func BenchmarkTrackIDSetChecks(b *testing.B) {
	for _, n := range []int{1_000, 10_000} {
		ids := make([]string, n)
		elems := make([]tftypes.Value, n)
		for i := range ids {
			ids[i] = fmt.Sprintf("B%09d", i)
			elems[i] = tftypes.NewValue(tftypes.String, ids[i])
		}
		raw := trackIDSetTerraformValue(elems...)
		a, _ := newTrackIDSetValue(ids)
		c, _ := newTrackIDSetValue(ids)
		b.Run(fmt.Sprintf("ids=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if diags := newTrackIDSetType().Validate(context.Background(), raw, path.Root("track_ids")); diags.HasError() {
					b.Fatal(diags)
				}
				if !a.Equal(c) {
					b.Fatal("equal sets compare unequal")
				}
			}
		})
	}
}
