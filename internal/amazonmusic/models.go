package amazonmusic

// The types below mirror the JSON shapes of the Amazon Music Web API v1.
// Every field the API may leave out is a pointer or a slice, so that an absent
// field stays distinguishable from a zero value.

// Track is a catalog track as the library endpoints describe it.
type Track struct {
	ID    string  `json:"id"`
	Title *string `json:"title,omitempty"`
	ISRC  *string `json:"isrc,omitempty"`
	URL   *string `json:"url,omitempty"`
}

// CatalogTrack is a track as the catalog read (GET /v1/tracks/{id})
// describes it: the fields of Track and those of Amazon's published Tracks
// page.
type CatalogTrack struct {
	Track
	// GlobalASIN is the track's global id (equal to ID in Amazon's example).
	GlobalASIN *string `json:"globalAsin,omitempty"`
	ShortTitle *string `json:"shortTitle,omitempty"`
	// Duration is the track's length in seconds.
	Duration *int64 `json:"duration,omitempty"`
	Album    *Album `json:"album,omitempty"`
	// ReleaseDate is as answered, such as "2013-06-18T04:00:00.000Z".
	ReleaseDate *string  `json:"releaseDate,omitempty"`
	Artists     []Artist `json:"artists,omitempty"`
	// AudioQualities are the qualities the track is offered in, such as
	// "SD", "HD", "UHD" and "360RA".
	AudioQualities []string `json:"audioQualities,omitempty"`
}

// Album is the album of a catalog track.
type Album struct {
	ID    *string `json:"id,omitempty"`
	Title *string `json:"title,omitempty"`
	URL   *string `json:"url,omitempty"`
}

// Artist is one artist of a catalog track.
type Artist struct {
	ID   *string `json:"id,omitempty"`
	Name *string `json:"name,omitempty"`
	URL  *string `json:"url,omitempty"`
}

// TrackSaveResult is the answer of saving a track to, or removing it from,
// the library (the API's SaveTrackResponse).
type TrackSaveResult struct {
	Track     *Track `json:"track,omitempty"`
	SaveState string `json:"saveState,omitempty"`
}

// Playlist is one playlist owned by the current user.
type Playlist struct {
	ID          string       `json:"id"`
	Title       *string      `json:"title,omitempty"`
	Description *string      `json:"description,omitempty"`
	Curator     *Curator     `json:"curator,omitempty"`
	Duration    *int64       `json:"duration,omitempty"`
	TrackCount  *int64       `json:"trackCount,omitempty"`
	URL         *string      `json:"url,omitempty"`
	Visibility  *string      `json:"visibility,omitempty"`
	Images      []Image      `json:"images,omitempty"`
	Eligibility *Eligibility `json:"eligibility,omitempty"`
}

// Curator names the user who curates a playlist.
type Curator struct {
	ID string `json:"id"`
}

// Image is a picture of a playlist, an album or a user. A playlist's
// images have a type; an album's and a user's have a size in pixels.
type Image struct {
	URL       *string `json:"url,omitempty"`
	ImageType *string `json:"imageType,omitempty"`
	Height    *int64  `json:"height,omitempty"`
	Width     *int64  `json:"width,omitempty"`
}

// Eligibility says what the current user may do with a playlist.
type Eligibility struct {
	Playback                  *Playback `json:"playback,omitempty"`
	PlaybackSubscriptionTiers []string  `json:"playbackSubscriptionTiers"`
	IsDownloadable            *bool     `json:"isDownloadable,omitempty"`
	IsPurchaseable            *bool     `json:"isPurchaseable,omitempty"`
	IsPreviewable             *bool     `json:"isPreviewable,omitempty"`
	IsPrimeEligible           *bool     `json:"isPrimeEligible,omitempty"`
}

// Playback holds the playback part of a playlist's eligibility.
type Playback struct {
	CanPlayOnDemand *bool   `json:"canPlayOnDemand,omitempty"`
	ShuffleType     *string `json:"shuffleType,omitempty"`
}
