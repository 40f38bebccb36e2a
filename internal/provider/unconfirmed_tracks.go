package provider

import (
	"context"
	"encoding/json"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// unconfirmedKey is the private state key under which a library resource
// records the tracks of its state that may not be saved: those whose save
// or removal ended without the API's answer, and, after an interrupted
// create, those not saved yet. Read confirms them through the listing of
// the library, dropping those it does not find; a plan saves again those
// still configured, whether or not Read ran; destroy removes them all. So
// an unfinished run leaves nothing in the library that no later run
// removes, and the next run removes nothing the configuration wants.
const unconfirmedKey = "unconfirmed_track_ids"

// privateState is the private state of a resource's request or response.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// trackSet is a set of track ids.
type trackSet map[string]struct{}

// unconfirmedTracks returns the unconfirmed tracks recorded in p.
func unconfirmedTracks(ctx context.Context, p privateState, diags *diag.Diagnostics) trackSet {
	set := trackSet{}
	if p == nil {
		return set
	}
	raw, d := p.GetKey(ctx, unconfirmedKey)
	diags.Append(d...)
	if len(raw) == 0 {
		return set
	}
	var ids []string
	if err := json.Unmarshal(raw, &ids); err != nil {
		diags.AddError("Unreadable private state",
			"The resource's record of the tracks not known to be saved cannot be read ("+err.Error()+"). "+
				"Please report this issue to the provider developers.")
		return set
	}
	for _, id := range ids {
		set[id] = struct{}{}
	}
	return set
}

// setUnconfirmedTracks records set as the unconfirmed tracks in p, removing
// the record when set is empty.
func setUnconfirmedTracks(ctx context.Context, p privateState, set trackSet, diags *diag.Diagnostics) {
	var raw []byte
	if len(set) > 0 {
		raw, _ = json.Marshal(slices.Sorted(maps.Keys(set))) // a list of strings always encodes
	}
	diags.Append(p.SetKey(ctx, unconfirmedKey, raw)...)
}
