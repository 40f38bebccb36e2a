package emulator

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
)

// playlist is one playlist of the user, its node rendered once as JSON so
// that large users cost one small allocation per playlist.
type playlist struct {
	id   string
	node json.RawMessage
	// detail holds what a request changed or read of the playlist beyond
	// its node (see playlistDetail); nil until then.
	detail *playlistDetail
	// deleted playlists keep their place, so that cursors keep their index,
	// but are neither listed nor served.
	deleted bool
	// created playlists were created by a request.
	created bool
}

// The JSON shape of a playlist node, fields in the reference's order.
type playlistNode struct {
	ID          string           `json:"id"`
	Curator     curatorJSON      `json:"curator"`
	Duration    int              `json:"duration"`
	Images      []imageJSON      `json:"images,omitempty"`
	Eligibility *eligibilityJSON `json:"eligibility,omitempty"`
	Title       string           `json:"title"`
	Description *string          `json:"description,omitempty"`
	TrackCount  int              `json:"trackCount"`
	URL         string           `json:"url"`
	Visibility  string           `json:"visibility,omitempty"`
}

type curatorJSON struct {
	ID string `json:"id"`
}

type imageJSON struct {
	URL       string `json:"url"`
	ImageType string `json:"imageType,omitempty"`
}

type eligibilityJSON struct {
	Playback                  playbackJSON `json:"playback"`
	PlaybackSubscriptionTiers []string     `json:"playbackSubscriptionTiers"`
	IsDownloadable            bool         `json:"isDownloadable"`
	IsPurchaseable            bool         `json:"isPurchaseable"`
	IsPreviewable             bool         `json:"isPreviewable"`
	IsPrimeEligible           bool         `json:"isPrimeEligible"`
}

type playbackJSON struct {
	CanPlayOnDemand bool   `json:"canPlayOnDemand"`
	ShuffleType     string `json:"shuffleType"`
}

// referenceCuratorID curates the reference's two example playlists.
const referenceCuratorID = "6ozjgidgbvjdv3j6dd5jm7ipom"

// referencePlaylists are the two playlists of the reference's example,
// verbatim.
var referencePlaylists = []playlistNode{
	{
		ID:       "15e6a15f-4c2f-4b24-a2fd-286b37ad4fa3",
		Curator:  curatorJSON{ID: referenceCuratorID},
		Duration: 3450,
		Images: []imageJSON{{
			URL:       "https://images-na.ssl-images-amazon.com/images/Playlists.png",
			ImageType: "PRIMARY",
		}},
		Eligibility: &eligibilityJSON{
			Playback:                  playbackJSON{CanPlayOnDemand: true, ShuffleType: "INLINE"},
			PlaybackSubscriptionTiers: []string{},
		},
		Title:      "00 Rock",
		TrackCount: 12,
		URL:        "https://music.amazon.ca/my/playlists/b2c6606b",
		Visibility: "PRIVATE",
	},
	{
		ID:         "28a56e15-99ea-4e0b-989e-2ba8b19c1aae",
		Curator:    curatorJSON{ID: referenceCuratorID},
		Duration:   1084,
		Images:     []imageJSON{{URL: "https://m.media-amazon.com/images/I/81P1PrmwR5L.jpg"}},
		Title:      "311 Day",
		TrackCount: 6,
		URL:        "https://music.amazon.ca/my/playlists/1e858b97",
	},
}

// Words of the generated playlists' titles: every theme alone, then with
// each suffix, then each prefix with all of those; beyond that, volumes
// ("Road Trip Vol. 2") keep titles distinct.
var (
	playlistThemes = []string{
		"Road Trip", "Deep Focus", "Late Night Drive", "Morning Run", "Sunday Morning",
		"Dinner Party", "Throwbacks", "Rainy Day", "Summer Hits", "Chill Vibes",
		"Party Starters", "Acoustic Evenings", "Coffee Shop", "Study Session", "Kitchen Dance",
		"Beach Day", "Gym Power", "Sleep Sounds", "Indie Discoveries", "Feel Good Classics",
		"Slow Jams", "Cozy Autumn", "Garden Afternoons", "Night Owl",
	}
	playlistSuffixes = []string{
		"", " Mix", " Essentials", " Favourites", " Picks", " Rotation", " Anthems", " Selection",
	}
	playlistPrefixes = []string{
		"", "Weekend ", "Everyday ", "Ultimate ", "Mellow ", "Fresh ", "Old School ", "Golden ",
	}
)

// generatedTitle returns the title of generated playlist i (i >= 2),
// distinct from every other playlist's.
func generatedTitle(i int) string {
	j := i - len(referencePlaylists)
	t, s, p := len(playlistThemes), len(playlistSuffixes), len(playlistPrefixes)
	title := playlistPrefixes[(j/(t*s))%p] + playlistThemes[j%t] + playlistSuffixes[(j/t)%s]
	if volume := j / (t * s * p); volume > 0 {
		title += " Vol. " + strconv.Itoa(volume+1)
	}
	return title
}

// buildPlaylists returns the n playlists of userID: the reference's two,
// then generated ones.
func buildPlaylists(n int, userID string) []playlist {
	out := make([]playlist, n)
	for i := range out {
		var node playlistNode
		if i < len(referencePlaylists) {
			node = referencePlaylists[i]
		} else {
			node = generatedPlaylist(i, userID)
		}
		raw, err := json.Marshal(node)
		if err != nil {
			panic("emulator: encoding playlist: " + err.Error())
		}
		out[i] = playlist{id: node.ID, node: raw}
	}
	return out
}

// generatedPlaylist returns playlist i (i >= 2), derived from i alone:
//   - visibility alternates PRIVATE (even i) and PUBLIC (odd i);
//   - like the reference's second playlist, every third one (i%3 == 1)
//     leaves optional fields out, in turn: eligibility, visibility and
//     imageType; images altogether; eligibility; visibility and imageType;
//   - playbackSubscriptionTiers is ["UNLIMITED"] when i%5 == 0 and
//     ["PRIME", "UNLIMITED"] when i%5 == 3, empty otherwise.
func generatedPlaylist(i int, userID string) playlistNode {
	sum := sha256.Sum256(fmt.Appendf(nil, "amazonmusic-emulator/playlist/%d", i))
	trackCount := 1 + int(binary.BigEndian.Uint16(sum[16:18])%150)
	secondsPerTrack := 120 + int(binary.BigEndian.Uint16(sum[18:20])%180)

	tiers := []string{}
	switch i % 5 {
	case 0:
		tiers = []string{"UNLIMITED"}
	case 3:
		tiers = []string{"PRIME", "UNLIMITED"}
	}
	node := playlistNode{
		ID:       uuidFrom(sum[:16]),
		Curator:  curatorJSON{ID: userID},
		Duration: trackCount * secondsPerTrack,
		Images: []imageJSON{{
			URL:       "https://m.media-amazon.com/images/I/" + imageName(sum[24:32]) + ".jpg",
			ImageType: "PRIMARY",
		}},
		Eligibility: &eligibilityJSON{
			Playback:                  playbackJSON{CanPlayOnDemand: i%7 != 6, ShuffleType: "INLINE"},
			PlaybackSubscriptionTiers: tiers,
			IsPreviewable:             i%2 == 1,
			IsPrimeEligible:           i%5 == 3,
		},
		Title:      generatedTitle(i),
		TrackCount: trackCount,
		URL:        "https://music.amazon.ca/my/playlists/" + hex.EncodeToString(sum[20:24]),
		Visibility: "PRIVATE",
	}
	if i%2 == 1 {
		node.Visibility = "PUBLIC"
	}
	if i%3 == 1 {
		switch (i / 3) % 4 {
		case 0:
			node.Eligibility = nil
			node.Visibility = ""
			node.Images[0].ImageType = ""
		case 1:
			node.Images = nil
		case 2:
			node.Eligibility = nil
		case 3:
			node.Visibility = ""
			node.Images[0].ImageType = ""
		}
	}
	return node
}

// uuidFrom formats 16 bytes as a version 4 UUID.
func uuidFrom(b []byte) string {
	var u [16]byte
	copy(u[:], b)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// imageName turns 8 bytes into an 11 character image name like the API's
// ("81P1PrmwR5L").
func imageName(b []byte) string {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	v := binary.BigEndian.Uint64(b)
	name := make([]byte, 11)
	for i := range name {
		name[i] = alphabet[v%uint64(len(alphabet))]
		v /= uint64(len(alphabet))
	}
	return string(name)
}

// PlaylistIDs returns the ids of the user's playlists in the API's order.
func (e *Emulator) PlaylistIDs() []string {
	e.plMu.RLock()
	defer e.plMu.RUnlock()
	ids := make([]string, 0, len(e.playlists))
	for _, p := range e.playlists {
		if !p.deleted {
			ids = append(ids, p.id)
		}
	}
	return ids
}
