package provider

import (
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// unconfirmedPlaylistKey is the private state key under which a playlist
// whose create ended without the API's answer is recorded. The API gives a
// playlist its id, so such a playlist is in the state without one, with
// the title it was created with and the ids of the playlists that had that
// title before. The next refresh finds it as the one playlist with that
// title that is not among them, or drops it when there is none; an update
// or a destroy that runs without a refresh finds it the same way. So a
// lost answer leaves no playlist that no later command removes.
const unconfirmedPlaylistKey = "unconfirmed_playlist"

// unconfirmedPlaylist is the record of a playlist whose create ended
// without the API's answer.
type unconfirmedPlaylist struct {
	Title string `json:"title"`
	// Before are the ids of the playlists that had the title before the
	// create.
	Before []string `json:"before"`
}

// playlistsTitled returns the ids of the current user's playlists titled
// title, read from the listing of the playlists.
func (r *PlaylistResource) playlistsTitled(ctx context.Context, title string) ([]string, error) {
	_, playlists, err := r.data.client.Playlists(ctx, amazonmusic.MaxPageSize)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, p := range playlists {
		if p.Title != nil && *p.Title == title {
			ids = append(ids, p.ID)
		}
	}
	return ids, nil
}

// readUnconfirmedPlaylist returns the record of p, nil when it has none.
func readUnconfirmedPlaylist(ctx context.Context, p privateState, diags *diag.Diagnostics) *unconfirmedPlaylist {
	raw, d := p.GetKey(ctx, unconfirmedPlaylistKey)
	diags.Append(d...)
	if len(raw) == 0 {
		return nil
	}
	var u unconfirmedPlaylist
	if err := json.Unmarshal(raw, &u); err != nil {
		diags.AddError("Unreadable private state",
			"The resource's record of a playlist not known to be created cannot be read ("+err.Error()+"). "+
				"Please report this issue to the provider developers.")
		return nil
	}
	return &u
}

// setUnconfirmedPlaylist records u in p; nil removes the record.
func setUnconfirmedPlaylist(ctx context.Context, p privateState, u *unconfirmedPlaylist, diags *diag.Diagnostics) {
	var raw []byte
	if u != nil {
		raw, _ = json.Marshal(u) // strings always encode
	}
	diags.Append(p.SetKey(ctx, unconfirmedPlaylistKey, raw)...)
}

// findUnconfirmedPlaylist returns the ids of the playlists that may be the
// one u records: those titled u.Title that were not before its create.
func (r *PlaylistResource) findUnconfirmedPlaylist(ctx context.Context, u *unconfirmedPlaylist) ([]string, error) {
	ids, err := r.playlistsTitled(ctx, u.Title)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(ids, func(id string) bool { return slices.Contains(u.Before, id) }), nil
}

// resolveUnconfirmedPlaylist looks for the playlist u records and returns
// its id, "" when no playlist is it. Several candidates are an error in
// diags, naming them, as is a failed listing.
func (r *PlaylistResource) resolveUnconfirmedPlaylist(ctx context.Context, u *unconfirmedPlaylist, diags *diag.Diagnostics) string {
	candidates, err := r.findUnconfirmedPlaylist(ctx, u)
	switch {
	case err != nil:
		diags.AddError("Unable to find playlist "+u.Title,
			"The create of this playlist ended without the API's answer, and the listing of the playlists, which "+
				"tells whether it was created, did not succeed: "+err.Error())
	case len(candidates) > 1:
		diags.AddError("Unable to tell which playlist is "+u.Title,
			"The create of this playlist ended without the API's answer, and since then several playlists with its "+
				"title appeared: "+strings.Join(candidates, ", ")+". Import the one this resource created "+
				"(terraform import ADDRESS ID) after removing it from the state (terraform state rm ADDRESS), and "+
				"delete the others in the Amazon Music app.")
	case len(candidates) == 1:
		return candidates[0]
	}
	return ""
}
