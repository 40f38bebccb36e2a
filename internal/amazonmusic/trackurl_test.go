package amazonmusic_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// trackURLAccepted maps inputs TrackIDFromURL accepts to the id it must
// return. Album and track ids differ, so that returning the wrong one fails.
var trackURLAccepted = map[string]string{
	// Bare ids.
	"B08DL2BXQC": "B08DL2BXQC",
	"0123456789": "0123456789",

	// Album URLs naming the track in trackAsin, as Amazon Music shares them.
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":                   "B08DL2BXQC",
	"https://music.amazon.com/albums/B08DL2H5PV?trackAsin=B08DL2BXQC":                    "B08DL2BXQC",
	"https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9":                   "B097S185X9",
	"https://music.amazon.com/albums/B08DL2H5PV/?ref=dm_sh_abc&trackAsin=B08DL2BXQC":     "B08DL2BXQC",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC&ref=dm_sh_abc#top": "B08DL2BXQC",
	"http://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":                    "B08DL2BXQC",
	"https://www.music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":               "B08DL2BXQC",
	"https://MUSIC.Amazon.COM/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":                   "B08DL2BXQC",
	"HTTPS://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":                   "B08DL2BXQC",

	// Track URLs.
	"https://music.amazon.com/tracks/B08DL2BXQC":                               "B08DL2BXQC",
	"https://music.amazon.com/tracks/B08DL2BXQC/":                              "B08DL2BXQC",
	"https://music.amazon.com/tracks/B08DL2BXQC?marketplaceId=ATVPDKIKX0DER":   "B08DL2BXQC",
	"https://music.amazon.com/tracks/B08DL2BXQC#play":                          "B08DL2BXQC",
	"http://www.music.amazon.com/tracks/B08DL2BXQC?musicTerritory=US#play":     "B08DL2BXQC",
	"https://music.amazon.com/tracks/B08DL2BXQC?trackAsin=B000000000&ref=dm_x": "B08DL2BXQC",

	// Other Amazon Music sites, with one- and two-part country domains.
	"https://music.amazon.de/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":         "B08DL2BXQC",
	"https://music.amazon.ca/tracks/B08DL2BXQC":                               "B08DL2BXQC",
	"https://music.amazon.co.uk/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":      "B08DL2BXQC",
	"https://www.music.amazon.co.uk/tracks/B08DL2BXQC":                        "B08DL2BXQC",
	"https://music.amazon.com.au/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":     "B08DL2BXQC",
	"https://music.amazon.co.jp/tracks/B08DL2BXQC":                            "B08DL2BXQC",
	"http://music.amazon.com.br/albums/B08DL2H5PV?trackAsin=B08DL2BXQC#x":     "B08DL2BXQC",
	"https://music.amazon.com.mx/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC&a=b": "B08DL2BXQC",
}

// trackURLRejected maps inputs TrackIDFromURL rejects to a part of the
// reason the error must give.
var trackURLRejected = map[string]string{
	// Not a URL, and not a track id.
	"":                                     "it is empty",
	"b08dl2bxqc":                           "a track id is 10 uppercase letters or digits",
	"B08DL2BXQ":                            "a track id is 10 uppercase letters or digits",
	"B08DL2BXQCX":                          "a track id is 10 uppercase letters or digits",
	" B08DL2BXQC":                          "a track id is 10 uppercase letters or digits",
	"B08DL2BXQC\n":                         "a track id is 10 uppercase letters or digits",
	"music.amazon.com/tracks/B08DL2BXQC":   "it is not an http or https URL",
	"//music.amazon.com/tracks/B08DL2BXQC": "it is not an http or https URL",
	"https://music.amazon.com/tracks/B08DL2BXQC\n":   "it is not a well-formed URL",
	"https://music.amazon.com:bad/tracks/B08DL2BXQC": "it is not a well-formed URL",

	// Wrong scheme, host, port or user information.
	"ftp://music.amazon.com/tracks/B08DL2BXQC":                        "scheme must be https or http",
	"javascript://music.amazon.com/tracks/B08DL2BXQC":                 "scheme must be https or http",
	"https:///tracks/B08DL2BXQC":                                      "the URL has no host",
	"https://user@music.amazon.com/tracks/B08DL2BXQC":                 "user information",
	"https://music.amazon.com@evil.com/tracks/B08DL2BXQC":             "user information",
	"https://music.amazon.com:8443/tracks/B08DL2BXQC":                 "names a port",
	"https://music.amazon.evil.com/tracks/B08DL2BXQC":                 `host "music.amazon.evil.com" is not an Amazon Music site`,
	"https://evilmusic.amazon.com/tracks/B08DL2BXQC":                  `host "evilmusic.amazon.com" is not an Amazon Music site`,
	"https://music.amazon.com.evil.com/tracks/B08DL2BXQC":             "is not an Amazon Music site",
	"https://music.amazon.co.uk.evil/tracks/B08DL2BXQC":               "is not an Amazon Music site",
	"https://music.amazon.com./tracks/B08DL2BXQC":                     "is not an Amazon Music site",
	"https://music.amazon.xyz/tracks/B08DL2BXQC":                      "is not an Amazon Music site",
	"https://music.amazon.org.uk/tracks/B08DL2BXQC":                   "is not an Amazon Music site",
	"https://www.www.music.amazon.com/tracks/B08DL2BXQC":              "is not an Amazon Music site",
	"https://amazon.com/tracks/B08DL2BXQC":                            "is not an Amazon Music site",
	"https://www.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC":  "is not an Amazon Music site",
	"https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC":           "is not an Amazon Music site",
	"https://music.amazon.com.evil.com/albums/B08DL2H5PV?trackAsin=1": "is not an Amazon Music site",

	// Album URLs without a usable trackAsin.
	"https://music.amazon.com/albums/B08DL2H5PV":                                   "no trackAsin parameter",
	"https://music.amazon.com/albums/B08DL2H5PV/?ref=dm_sh_abc":                    "no trackAsin parameter",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackasin=B08DL2BXQC":             "no trackAsin parameter",
	"https://music.amazon.com/albums/B08DL2H5PV/#trackAsin=B08DL2BXQC":             "no trackAsin parameter",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=":                       "trackAsin parameter is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=b08dl2bxqc":             "trackAsin parameter is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC%20":          "trackAsin parameter is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQ":              "trackAsin parameter is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=../../me":               "trackAsin parameter is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC&trackAsin=X": "more than one trackAsin parameter",
	"https://music.amazon.com/albums/b08dl2h5pv/?trackAsin=B08DL2BXQC":             "album id in the path is not 10 uppercase letters or digits",
	"https://music.amazon.com/albums//?trackAsin=B08DL2BXQC":                       "album id in the path is not 10 uppercase letters or digits",

	// Track URLs with a bad id, and other paths.
	"https://music.amazon.com/tracks/b08dl2bxqc":                            "track id in the path is not 10 uppercase letters or digits",
	"https://music.amazon.com/tracks/B08DL2BXQ":                             "track id in the path is not 10 uppercase letters or digits",
	"https://music.amazon.com/tracks/B08DL2BX%51C":                          "track id in the path is not 10 uppercase letters or digits",
	"https://music.amazon.com/tracks/":                                      "the path must be /albums/{album id}",
	"https://music.amazon.com/tracks/B08DL2BXQC/B08DL2BXQC":                 "the path must be /albums/{album id}",
	"https://music.amazon.com/tracks%2FB08DL2BXQC":                          "the path must be /albums/{album id}",
	"https://music.amazon.com//tracks/B08DL2BXQC":                           "the path must be /albums/{album id}",
	"https://music.amazon.com/tracks/B08DL2BXQC//":                          "the path must be /albums/{album id}",
	"https://music.amazon.com/":                                             "the path must be /albums/{album id}",
	"https://music.amazon.com":                                              "the path must be /albums/{album id}",
	"https://music.amazon.com/?trackAsin=B08DL2BXQC":                        "the path must be /albums/{album id}",
	"https://music.amazon.com/playlists/B01M11SBC8":                         "the path must be /albums/{album id}",
	"https://music.amazon.com/user-playlists/1e858b97?trackAsin=B08DL2BXQC": "the path must be /albums/{album id}",
	"https://music.amazon.ca/my/playlists/b2c6606b":                         "the path must be /albums/{album id}",
	"https://music.amazon.com/artists/B000QJPXGE/khruangbin":                "the path must be /albums/{album id}",
	"https://music.amazon.com/en-us/tracks/B08DL2BXQC":                      "the path must be /albums/{album id}",
	"https://music.amazon.com/albums/B08DL2H5PV/B08DL2BXQC":                 "the path must be /albums/{album id}",
}

func TestTrackIDFromURL_returnsTheTrackIDOfEveryAcceptedForm(t *testing.T) {
	for input, want := range trackURLAccepted {
		got, err := amazonmusic.TrackIDFromURL(input)
		if err != nil {
			t.Errorf("TrackIDFromURL(%q) failed: %v", input, err)
			continue
		}
		if got != want {
			t.Errorf("TrackIDFromURL(%q) = %q, want %q", input, got, want)
		}
	}
}

func TestTrackIDFromURL_rejectsOtherInputsSayingWhyAndWhatIsAccepted(t *testing.T) {
	for input, reason := range trackURLRejected {
		got, err := amazonmusic.TrackIDFromURL(input)
		if err == nil {
			t.Errorf("TrackIDFromURL(%q) = %q, want an error", input, got)
			continue
		}
		if got != "" {
			t.Errorf("TrackIDFromURL(%q) returned id %q along with its error", input, got)
		}
		var urlErr *amazonmusic.TrackURLError
		if !errors.As(err, &urlErr) {
			t.Errorf("TrackIDFromURL(%q) error is a %T, want *amazonmusic.TrackURLError", input, err)
			continue
		}
		if urlErr.Input != input {
			t.Errorf("TrackIDFromURL(%q) error has Input %q", input, urlErr.Input)
		}
		msg := err.Error()
		if !strings.Contains(urlErr.Reason, reason) || !strings.Contains(msg, reason) {
			t.Errorf("TrackIDFromURL(%q) error = %q, want the reason %q", input, msg, reason)
		}
		if !strings.HasSuffix(msg, "; use "+amazonmusic.TrackURLForms) {
			t.Errorf("TrackIDFromURL(%q) error = %q, want it to end with the accepted forms", input, msg)
		}
	}
}

func TestTrackURLError_quotesTheInputAndCutsALongOne(t *testing.T) {
	short := (&amazonmusic.TrackURLError{Input: "bad\nid", Reason: "it is wrong"}).Error()
	if want := `"bad\nid" is not an Amazon Music track URL or track id: it is wrong; use an Amazon Music album URL`; !strings.HasPrefix(short, want) {
		t.Errorf("error = %q, want it to start with %q", short, want)
	}

	long := "https://music.amazon.com/albums/B08DL2H5PV/?ref=" + strings.Repeat("é", 500)
	msg := (&amazonmusic.TrackURLError{Input: long, Reason: "it is wrong"}).Error()
	if strings.Contains(msg, long) {
		t.Errorf("error repeats the whole %d-byte input", len(long))
	}
	if !strings.Contains(msg, `"https://music.amazon.com/albums/B08DL2H5PV/?ref=é`) || !strings.Contains(msg, `é"... is not`) {
		t.Errorf("error = %q, want the input's beginning, quoted and cut with ...", msg)
	}
}

func FuzzTrackIDFromURL(f *testing.F) {
	for input := range trackURLAccepted {
		f.Add(input)
	}
	for input := range trackURLRejected {
		f.Add(input)
	}
	f.Fuzz(func(t *testing.T, input string) {
		id, err := amazonmusic.TrackIDFromURL(input)
		if err != nil {
			var urlErr *amazonmusic.TrackURLError
			if !errors.As(err, &urlErr) {
				t.Fatalf("TrackIDFromURL(%q) error is a %T, want *amazonmusic.TrackURLError", input, err)
			}
			if id != "" {
				t.Fatalf("TrackIDFromURL(%q) returned id %q along with its error", input, id)
			}
			if amazonmusic.ValidTrackID(input) {
				t.Fatalf("TrackIDFromURL(%q) rejected a valid bare id: %v", input, err)
			}
			return
		}
		if !amazonmusic.ValidTrackID(id) {
			t.Fatalf("TrackIDFromURL(%q) = %q, which is not a valid track id", input, id)
		}
		if amazonmusic.ValidTrackID(input) && id != input {
			t.Fatalf("TrackIDFromURL(%q) = %q, want the bare id itself", input, id)
		}
	})
}
