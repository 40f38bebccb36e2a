package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"net/http"
	"slices"
)

// playlistDetail is what the emulator knows of a playlist once a request
// created, changed or read its tracks: its node as fields and its entries.
// A playlist from New gets tracks derived from its index (see detail), as
// many as its trackCount.
type playlistDetail struct {
	node    playlistNode
	entries []playlistEntry
}

// playlistEntry is one track of a playlist. Its id names the entry, not
// the track: the same track may be listed twice under two entries.
type playlistEntry struct {
	id      string
	trackID string
}

// checkEndpointStatus checks a status of Options that stands for an
// endpoint the API may not have: 0, 404 or 405.
func checkEndpointStatus(what string, status int) int {
	if status != 0 && status != http.StatusNotFound && status != http.StatusMethodNotAllowed {
		panic(fmt.Sprintf("emulator: %s status %d is not 0, 404 nor 405", what, status))
	}
	return status
}

// findPlaylist returns the index of the live playlist id. The caller holds
// plMu for writing.
func (e *Emulator) findPlaylist(id string) (int, bool) {
	if e.playlistIndex == nil {
		e.playlistIndex = make(map[string]int, len(e.playlists))
		for i, p := range e.playlists {
			e.playlistIndex[p.id] = i
		}
	}
	i, ok := e.playlistIndex[id]
	if !ok || e.playlists[i].deleted {
		return 0, false
	}
	return i, true
}

// detail returns the detail of playlist i, building it on first use. The
// caller holds plMu for writing.
func (e *Emulator) detail(i int) *playlistDetail {
	p := &e.playlists[i]
	if p.detail == nil {
		d := &playlistDetail{}
		if err := json.Unmarshal(p.node, &d.node); err != nil {
			panic("emulator: decoding a playlist node: " + err.Error())
		}
		for k := range d.node.TrackCount {
			d.entries = append(d.entries, e.newEntry(TrackID((i*150+k)%MaxCatalogSize)))
		}
		p.detail = d
	}
	return p.detail
}

// newEntry returns a new entry of trackID, with an id of its own. The
// caller holds plMu for writing.
func (e *Emulator) newEntry(trackID string) playlistEntry {
	e.entries++
	sum := sha256.Sum256(fmt.Appendf(nil, "amazonmusic-emulator/entry/%d", e.entries))
	return playlistEntry{id: hex.EncodeToString(sum[:8]), trackID: trackID}
}

// render writes the node of playlist i again from its detail, with its
// track count and duration from its entries. The caller holds plMu for
// writing.
func (e *Emulator) render(i int) {
	d := e.playlists[i].detail
	d.node.TrackCount = len(d.entries)
	d.node.Duration = 0
	for _, entry := range d.entries {
		d.node.Duration += trackSeconds(entry.trackID)
	}
	raw, err := json.Marshal(d.node)
	if err != nil {
		panic("emulator: encoding a playlist: " + err.Error())
	}
	e.playlists[i].node = raw
}

// trackSeconds is the duration the emulator gives a track in a playlist.
func trackSeconds(trackID string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(trackID))
	return 120 + int(h.Sum32()%180)
}

// addPlaylist appends a new playlist of the user with the given fields and
// returns its index. The caller holds plMu for writing.
func (e *Emulator) addPlaylist(title string, description *string, visibility string) int {
	e.created++
	sum := sha256.Sum256(fmt.Appendf(nil, "amazonmusic-emulator/created-playlist/%d", e.created))
	node := playlistNode{
		ID:      uuidFrom(sum[:16]),
		Curator: curatorJSON{ID: e.userID},
		Eligibility: &eligibilityJSON{
			Playback:                  playbackJSON{CanPlayOnDemand: true, ShuffleType: "INLINE"},
			PlaybackSubscriptionTiers: []string{},
		},
		Title:       title,
		Description: description,
		URL:         "https://music.amazon.com/my/playlists/" + hex.EncodeToString(sum[16:20]),
		Visibility:  visibility,
	}
	e.findPlaylist("") // builds the index before the append
	i := len(e.playlists)
	e.playlists = append(e.playlists, playlist{id: node.ID, detail: &playlistDetail{node: node}, created: true})
	e.playlistIndex[node.ID] = i
	e.render(i)
	return i
}

// PlaylistState is a playlist as the emulator holds it.
type PlaylistState struct {
	ID          string
	Title       string
	Description *string
	Visibility  string
	// TrackIDs are the playlist's tracks in order.
	TrackIDs []string
}

// Playlist returns the playlist id, and whether the user has it.
func (e *Emulator) Playlist(id string) (PlaylistState, bool) {
	e.plMu.Lock()
	defer e.plMu.Unlock()
	i, ok := e.findPlaylist(id)
	if !ok {
		return PlaylistState{}, false
	}
	d := e.detail(i)
	state := PlaylistState{
		ID: id, Title: d.node.Title, Description: d.node.Description, Visibility: d.node.Visibility,
		TrackIDs: make([]string, len(d.entries)),
	}
	for k, entry := range d.entries {
		state.TrackIDs[k] = entry.trackID
	}
	return state, true
}

// SetPlaylistTracks replaces the tracks of the playlist id without a
// request, as another app of the user would, and reports whether the user
// has the playlist. It counts no request and checks no catalog id.
func (e *Emulator) SetPlaylistTracks(id string, trackIDs ...string) bool {
	e.plMu.Lock()
	defer e.plMu.Unlock()
	i, ok := e.findPlaylist(id)
	if !ok {
		return false
	}
	d := e.detail(i)
	d.entries = d.entries[:0]
	for _, t := range trackIDs {
		d.entries = append(d.entries, e.newEntry(t))
	}
	e.render(i)
	return true
}

// SetPlaylistTitle renames the playlist id without a request, as another
// app of the user would, and reports whether the user has the playlist.
func (e *Emulator) SetPlaylistTitle(id, title string) bool {
	e.plMu.Lock()
	defer e.plMu.Unlock()
	i, ok := e.findPlaylist(id)
	if !ok {
		return false
	}
	e.detail(i).node.Title = title
	e.render(i)
	return true
}

// CreatedPlaylists returns the ids of the playlists created by requests
// and not deleted since, in the order they were created.
func (e *Emulator) CreatedPlaylists() []string {
	e.plMu.RLock()
	defer e.plMu.RUnlock()
	var ids []string
	for _, p := range e.playlists {
		if p.created && !p.deleted {
			ids = append(ids, p.id)
		}
	}
	return slices.Clip(ids)
}
