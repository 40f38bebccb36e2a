package emulator

import (
	"crypto/sha256"
	"net/http"
	"slices"
	"strconv"
)

// The catalog read of an album, GET /v1/albums/{id}, answers the published
// shape of Amazon's Albums page under data.album:
//
//	{"data":{"album":{"id":"B08DL2H5PV","globalAsin":"B08DL2H5PV","title":"Kane Train",
//	  "shortTitle":"Kane Train","duration":215,"url":"https://music.amazon.com/albums/B08DL2H5PV",
//	  "releaseDate":"2020-08-07T04:00:00.000Z","availableMarkets":[{"id":"US","name":"United States"}],
//	  "artists":[{"id":"B000QJQ9VS","name":"The Kanes","url":"..."}],
//	  "eligibility":{"playbackSubscriptionTiers":["UNLIMITED"],"isDownloadable":true,...},
//	  "parentalSettings":{"isKidFriendly":true,"hasExplicitLanguage":false},
//	  "tracks":[{"id":"B08DL2BXQC","title":"Kane Train","url":"..."}],"trackCount":1,
//	  "images":[{"height":500,"width":500,"url":"..."}]}}}
//
// The albums are those the catalog's tracks name (see albumIDOf), each
// holding those tracks in album order, as the catalog answers them:
//
//   - generated album B0A and 7 digits of k (generatedAlbumID) holds the
//     generated tracks 10k to 10k+9 inside the catalog, but for the aliased
//     ones (Options.AliasEvery); its title, url, release date and artists
//     are those of its tracks' details (the artists of all its tracks, in
//     track order), and its duration the sum of theirs;
//   - an aliased generated track is alone on the album its url names, the
//     id it stands for (as the reference's B097S29G3W holds B097S185X9),
//     which has no field beyond its id, url and track;
//   - a built-in track is alone on the album of its details, or of its url
//     when it has no details (its title is then the track's); B07QXLZ8RN,
//     whose details name an album without title or url, has neither, nor
//     the fields its track says nothing of (markets, eligibility, parental
//     settings, images).
//
// Every track an album lists can be read (GET /v1/tracks/{id}) and saved.
// An id no track names is answered 404 NOT_FOUND, as the catalog read of a
// track answers an unknown id. The albums of the tracks Options.AnyTrackID
// makes of other ids are not served.

// CatalogAlbum is an album as GET /v1/albums/{id} answers it. Empty fields
// are left out of answers.
type CatalogAlbum struct {
	ID               string            `json:"id"`
	GlobalASIN       string            `json:"globalAsin,omitempty"`
	Title            string            `json:"title,omitempty"`
	ShortTitle       string            `json:"shortTitle,omitempty"`
	Duration         int               `json:"duration,omitempty"`
	URL              string            `json:"url,omitempty"`
	ReleaseDate      string            `json:"releaseDate,omitempty"`
	AvailableMarkets []Market          `json:"availableMarkets,omitempty"`
	Artists          []Artist          `json:"artists,omitempty"`
	Eligibility      *Eligibility      `json:"eligibility,omitempty"`
	ParentalSettings *ParentalSettings `json:"parentalSettings,omitempty"`
	Tracks           []AlbumTrack      `json:"tracks"`
	TrackCount       int               `json:"trackCount"`
	Images           []Image           `json:"images,omitempty"`
}

// Market is a market an album is available in.
type Market struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// Eligibility says how an album may be played and bought.
type Eligibility struct {
	PlaybackSubscriptionTiers []string `json:"playbackSubscriptionTiers"`
	IsDownloadable            bool     `json:"isDownloadable"`
	IsPurchaseable            bool     `json:"isPurchaseable"`
	IsPreviewable             bool     `json:"isPreviewable"`
	IsPrimeEligible           bool     `json:"isPrimeEligible"`
}

// ParentalSettings are an album's parental settings.
type ParentalSettings struct {
	IsKidFriendly       bool `json:"isKidFriendly"`
	HasExplicitLanguage bool `json:"hasExplicitLanguage"`
}

// AlbumTrack is a track of an album.
type AlbumTrack struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Image is an image of an album or of the user.
type Image struct {
	Height int    `json:"height"`
	Width  int    `json:"width"`
	URL    string `json:"url"`
}

// markets are the markets albums are available in: the first three for
// every album, the last for every other one.
var markets = []Market{
	{ID: "US", Name: "United States"},
	{ID: "CA", Name: "Canada"},
	{ID: "GB", Name: "United Kingdom"},
	{ID: "DE", Name: "Germany"},
}

type albumAnswer struct {
	Data struct {
		Album CatalogAlbum `json:"album"`
	} `json:"data"`
}

// serveAlbum answers GET /v1/albums/{id}.
func (e *Emulator) serveAlbum(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if !validCatalogID(id) {
		writeError(w, http.StatusNotFound, CodeNotFound,
			"album "+quote(id)+" is not a catalog id (10 uppercase letters or digits)")
		return
	}
	album, ok := e.CatalogAlbum(id)
	if !ok {
		writeError(w, http.StatusNotFound, CodeNotFound, "album "+quote(id)+" is not in the catalog")
		return
	}
	var answer albumAnswer
	answer.Data.Album = album
	writeJSON(w, http.StatusOK, answer)
}

// CatalogAlbum returns what GET /v1/albums/{id} answers for album id, and
// whether the catalog has it.
func (e *Emulator) CatalogAlbum(id string) (CatalogAlbum, bool) {
	if positions, ok := builtinPositions.byAlbum[id]; ok {
		return e.builtinAlbum(id, positions), true
	}
	if k, ok := generatedAlbumIndex(id); ok {
		return e.generatedAlbum(k)
	}
	if i, ok := generatedIndex(id); ok && i < e.catalogSize && e.aliased(i) {
		track := e.aliasedTrack(i)
		return CatalogAlbum{
			ID:         id,
			URL:        albumURL(id),
			Tracks:     []AlbumTrack{albumTrack(track)},
			TrackCount: 1,
		}, true
	}
	return CatalogAlbum{}, false
}

// generatedAlbum returns generated album k, and false when none of the
// tracks inside the catalog is on it.
func (e *Emulator) generatedAlbum(k int) (CatalogAlbum, bool) {
	id := generatedAlbumID(k)
	album := CatalogAlbum{
		ID:          id,
		GlobalASIN:  id,
		Title:       "Album " + strconv.Itoa(k),
		ShortTitle:  "Album " + strconv.Itoa(k),
		URL:         albumURL(id),
		ReleaseDate: generatedAlbumReleaseDate(k),
	}
	seen := map[string]bool{}
	for i := 10 * k; i < min(10*k+10, e.catalogSize); i++ {
		if e.aliased(i) {
			continue
		}
		details := e.catalogDetails(e.generatedTrack(i))
		album.Tracks = append(album.Tracks, albumTrack(details.Track))
		album.Duration += details.Duration
		for _, artist := range details.Artists {
			if !seen[artist.ID] {
				seen[artist.ID] = true
				album.Artists = append(album.Artists, artist)
			}
		}
	}
	if len(album.Tracks) == 0 {
		return CatalogAlbum{}, false
	}
	album.TrackCount = len(album.Tracks)
	decorateAlbum(&album, k)
	return album, true
}

// builtinAlbum returns the album id of the built-in tracks at positions of
// builtinCatalog.
func (e *Emulator) builtinAlbum(id string, positions []int) CatalogAlbum {
	album := CatalogAlbum{ID: id}
	for _, p := range positions {
		details := e.catalogDetails(builtinCatalog[p])
		album.Tracks = append(album.Tracks, albumTrack(details.Track))
		album.Duration += details.Duration
		album.Artists = append(album.Artists, details.Artists...)
		if details.Album != nil {
			album.Title, album.URL = details.Album.Title, details.Album.URL
			album.ReleaseDate = details.ReleaseDate
		} else {
			album.Title, album.URL = details.Title, albumURL(id)
		}
	}
	album.TrackCount = len(album.Tracks)
	if album.Title == "" {
		// As its tracks' details, the album leaves its optional fields out.
		return album
	}
	album.GlobalASIN, album.ShortTitle = id, album.Title
	sum := sha256.Sum256([]byte(id))
	decorateAlbum(&album, int(sum[0]))
	return album
}

// decorateAlbum sets the fields of album that its tracks say nothing of,
// derived from n.
func decorateAlbum(album *CatalogAlbum, n int) {
	album.AvailableMarkets = slices.Clone(markets[:3+n%2])
	tiers := []string{"UNLIMITED"}
	if n%3 != 2 {
		tiers = []string{"PRIME", "UNLIMITED"}
	}
	album.Eligibility = &Eligibility{
		PlaybackSubscriptionTiers: tiers,
		IsDownloadable:            n%2 == 0,
		IsPurchaseable:            true,
		IsPreviewable:             true,
		IsPrimeEligible:           n%3 != 2,
	}
	album.ParentalSettings = &ParentalSettings{IsKidFriendly: n%5 != 4, HasExplicitLanguage: n%5 == 4}
	sum := sha256.Sum256([]byte("amazonmusic-emulator/album/" + album.ID))
	url := "https://m.media-amazon.com/images/I/" + imageName(sum[:8]) + ".jpg"
	album.Images = []Image{{Height: 500, Width: 500, URL: url}, {Height: 1000, Width: 1000, URL: url}}
}

// albumTrack is track as an album lists it.
func albumTrack(track Track) AlbumTrack {
	return AlbumTrack{ID: track.ID, Title: track.Title, URL: track.URL}
}

// albumURL is the url of album id.
func albumURL(id string) string {
	return "https://music.amazon.com/albums/" + id
}
