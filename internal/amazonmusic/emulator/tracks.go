package emulator

import (
	"fmt"
	"net/http"
)

// The catalog read of a track, GET /v1/tracks/{id}, answers the published
// shape of Amazon's Tracks page under data.track: the fields of the library
// endpoints' tracks, plus globalAsin, shortTitle, duration (seconds),
// album {id, title, url}, releaseDate, artists [{id, name, url}] and
// audioQualities:
//
//	{"data":{"track":{"id":"B08DL2BXQC","globalAsin":"B08DL2BXQC","title":"Kane Train",
//	  "shortTitle":"Kane Train","duration":215,"album":{"id":"B08DL2H5PV",...},
//	  "releaseDate":"2020-08-07T04:00:00.000Z","isrc":"GBCFB2000356","url":"...",
//	  "artists":[{"id":"B000QJQ9VS","name":"The Kanes","url":"..."}],"audioQualities":["SD","HD"]}}}
//
// Some tracks leave optional fields out (see CatalogTrack). The answer's
// id may differ from the requested one, as for the library endpoints
// (B097S29G3W answers B097S185X9); an id the catalog does not know is
// answered 404 NOT_FOUND.

// CatalogTrack is a track as GET /v1/tracks/{id} answers it. Empty fields
// are left out of answers.
type CatalogTrack struct {
	Track
	GlobalASIN     string   `json:"globalAsin,omitempty"`
	ShortTitle     string   `json:"shortTitle,omitempty"`
	Duration       int      `json:"duration,omitempty"`
	Album          *Album   `json:"album,omitempty"`
	ReleaseDate    string   `json:"releaseDate,omitempty"`
	Artists        []Artist `json:"artists,omitempty"`
	AudioQualities []string `json:"audioQualities,omitempty"`
}

// Album is the album of a catalog track.
type Album struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	URL   string `json:"url,omitempty"`
}

// Artist is one artist of a catalog track.
type Artist struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

// builtinDetails are the catalog fields of the built-in tracks, by the id
// the API answers. Tracks missing here (B00LIVE7QX) have none of them.
var builtinDetails = map[string]CatalogTrack{
	"B08DL2BXQC": {
		GlobalASIN: "B08DL2BXQC", ShortTitle: "Kane Train", Duration: 215,
		Album:       &Album{ID: "B08DL2H5PV", Title: "Kane Train", URL: "https://music.amazon.com/albums/B08DL2H5PV"},
		ReleaseDate: "2020-08-07T04:00:00.000Z",
		Artists: []Artist{
			{ID: "B000QJQ9VS", Name: "The Kanes", URL: "https://music.amazon.com/artists/B000QJQ9VS"},
			{ID: "B07ZQ3L1MX", Name: "Harriet Vale", URL: "https://music.amazon.com/artists/B07ZQ3L1MX"},
		},
		AudioQualities: []string{"SD", "HD", "UHD"},
	},
	"B097S185X9": {
		GlobalASIN: "B097S185X9", ShortTitle: "Something To Believe In", Duration: 198,
		Album:          &Album{ID: "B097S29G3W", Title: "Something To Believe In", URL: "https://music.amazon.com/albums/B097S29G3W"},
		ReleaseDate:    "2021-06-25T04:00:00.000Z",
		Artists:        []Artist{{ID: "B001L8OBUO", Name: "Parson James", URL: "https://music.amazon.com/artists/B001L8OBUO"}},
		AudioQualities: []string{"SD", "HD", "UHD", "360RA"},
	},
	"B07QXMFJ4W": {
		GlobalASIN: "B07QXMFJ4W", Duration: 241,
		// An album without title or url, an artist without url.
		Album:          &Album{ID: "B07QXLZ8RN"},
		Artists:        []Artist{{ID: "B00HARB0UR", Name: "Harbour Lights Trio"}},
		AudioQualities: []string{"SD"},
	},
}

// catalogDetails returns the catalog answer of track, as the library
// endpoints answer it. Every third generated track leaves the optional
// fields out but its album's id.
func (e *Emulator) catalogDetails(track Track) CatalogTrack {
	if details, ok := builtinDetails[track.ID]; ok {
		details.Track = track
		return details
	}
	i, ok := generatedIndex(track.ID)
	if !ok {
		return CatalogTrack{Track: track}
	}
	album := fmt.Sprintf("B0A%07d", i/10)
	details := CatalogTrack{Track: track, Album: &Album{ID: album}}
	if i%3 == 2 {
		return details
	}
	artist := fmt.Sprintf("B0R%07d", i%50)
	details.GlobalASIN = track.ID
	details.ShortTitle = track.Title
	details.Duration = 120 + i%240
	details.Album.Title = fmt.Sprintf("Album %d", i/10)
	details.Album.URL = "https://music.amazon.com/albums/" + album
	details.ReleaseDate = fmt.Sprintf("20%02d-%02d-%02dT04:00:00.000Z", 10+i%15, 1+i%12, 1+i%28)
	details.Artists = []Artist{{ID: artist, Name: fmt.Sprintf("Artist %d", i%50), URL: "https://music.amazon.com/artists/" + artist}}
	details.AudioQualities = []string{"SD", "HD"}
	return details
}

// CatalogTrack returns what GET /v1/tracks/{id} answers for catalog id id,
// and whether id is in the catalog.
func (e *Emulator) CatalogTrack(id string) (CatalogTrack, bool) {
	track, ok := e.Track(id)
	if !ok {
		return CatalogTrack{}, false
	}
	return e.catalogDetails(track), true
}

type trackAnswer struct {
	Data struct {
		Track CatalogTrack `json:"track"`
	} `json:"data"`
}

// serveTrack answers GET /v1/tracks/{id}.
func (e *Emulator) serveTrack(w http.ResponseWriter, id string) {
	track, ok := e.catalogTrack(w, id)
	if !ok {
		return
	}
	var answer trackAnswer
	answer.Data.Track = e.catalogDetails(track)
	writeJSON(w, http.StatusOK, answer)
}
