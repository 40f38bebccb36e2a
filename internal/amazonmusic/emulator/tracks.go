package emulator

import "net/http"

// The catalog read of a track, GET /v1/tracks/{id}, is not in the
// reference. The emulator answers the track as the library endpoints do,
// under data.track:
//
//	{"data":{"track":{"id":"B08DL2BXQC","title":"Kane Train","isrc":"GBCFB2000356",
//	  "url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC"}}}
//
// The answer's id may differ from the requested one, as for the library
// endpoints (B097S29G3W answers B097S185X9); an id the catalog does not know
// is answered 404 NOT_FOUND.

type trackAnswer struct {
	Data struct {
		Track Track `json:"track"`
	} `json:"data"`
}

// serveTrack answers GET /v1/tracks/{id}.
func (e *Emulator) serveTrack(w http.ResponseWriter, id string) {
	track, ok := e.catalogTrack(w, id)
	if !ok {
		return
	}
	var answer trackAnswer
	answer.Data.Track = track
	writeJSON(w, http.StatusOK, answer)
}
