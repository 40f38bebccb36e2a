package amazonmusic

import (
	"net/url"
	"strconv"
	"strings"
)

// TrackURLForms names, in words, the inputs TrackIDFromURL accepts, as a
// phrase that follows "use".
const TrackURLForms = "an Amazon Music album URL with a trackAsin parameter " +
	"(https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC) " +
	"or a track URL (https://music.amazon.com/tracks/B08DL2BXQC), " +
	"on music.amazon.com or another Amazon Music site such as music.amazon.co.uk, " +
	"or a track id of 10 uppercase letters or digits (B08DL2BXQC)"

// maxQuotedInputRunes bounds how much of a rejected input a TrackURLError
// repeats.
const maxQuotedInputRunes = 120

// TrackURLError is the error TrackIDFromURL returns for an input that is
// neither an Amazon Music track URL nor a track id.
type TrackURLError struct {
	// Input is the rejected input, as given.
	Input string
	// Reason says what is wrong with it, such as "the album URL has no
	// trackAsin parameter".
	Reason string
}

// Error formats the error as `"<input>" is not an Amazon Music track URL or
// track id: <reason>; use <TrackURLForms>`. A long input is cut.
func (e *TrackURLError) Error() string {
	return quoteInput(e.Input) + " is not an Amazon Music track URL or track id: " + e.Reason + "; use " + TrackURLForms
}

// TrackIDFromURL returns the catalog track id of s, which is one of:
//
//   - an album URL naming the track in its trackAsin query parameter, as
//     Amazon Music shares a track:
//     https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC
//   - a track URL: https://music.amazon.com/tracks/B08DL2BXQC
//   - a bare track id (see ValidTrackID): B08DL2BXQC
//
// URLs may use http or https, any Amazon Music site (music.amazon.com,
// music.amazon.<country code>, music.amazon.co.<country code> or
// music.amazon.com.<country code>, such as music.amazon.de,
// music.amazon.co.uk or music.amazon.com.au), with or without "www.", a
// trailing slash after the id, other query parameters and a fragment. They
// may not carry user information or a port. Ids are case-sensitive: a
// lower-case id is rejected, as the API rejects it.
//
// Any other input gives a *TrackURLError saying why it was rejected and
// which forms are accepted. TrackIDFromURL makes no network request.
func TrackIDFromURL(s string) (string, error) {
	if ValidTrackID(s) {
		return s, nil
	}
	reject := func(reason string) (string, error) {
		return "", &TrackURLError{Input: s, Reason: reason}
	}
	if s == "" {
		return reject("it is empty")
	}
	if !strings.Contains(s, "://") {
		return reject("it is not an http or https URL, and a track id is 10 uppercase letters or digits")
	}

	u, err := url.Parse(s)
	if err != nil {
		return reject("it is not a well-formed URL")
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return reject("the URL scheme must be https or http")
	case u.Opaque != "" || u.Host == "":
		return reject("the URL has no host")
	case u.User != nil:
		return reject("the URL carries user information, which a shared Amazon Music URL never does")
	case u.Port() != "":
		return reject("the URL names a port, which a shared Amazon Music URL never does")
	case !isMusicHost(strings.ToLower(u.Hostname())):
		return reject("the host " + strconv.Quote(u.Hostname()) + " is not an Amazon Music site")
	}

	// The escaped path keeps an encoded slash or other escape inside a
	// segment, so that it is rejected rather than decoded into the id.
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	segments := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if len(segments) != 2 {
		return reject("the path must be /albums/{album id} with a trackAsin parameter, or /tracks/{track id}")
	}
	switch kind, id := segments[0], segments[1]; kind {
	case "tracks":
		if !ValidTrackID(id) {
			return reject("the track id in the path is not 10 uppercase letters or digits")
		}
		return id, nil
	case "albums":
		// Album ids are ASINs of the same shape as track ids.
		if !ValidTrackID(id) {
			return reject("the album id in the path is not 10 uppercase letters or digits")
		}
		values := u.Query()["trackAsin"]
		switch {
		case len(values) == 0:
			return reject("the album URL has no trackAsin parameter naming the track")
		case len(values) > 1:
			return reject("the album URL has more than one trackAsin parameter")
		case !ValidTrackID(values[0]):
			return reject("the trackAsin parameter is not 10 uppercase letters or digits")
		}
		return values[0], nil
	default:
		return reject("the path must be /albums/{album id} with a trackAsin parameter, or /tracks/{track id}")
	}
}

// isMusicHost reports whether host (lower case, without port) is an Amazon
// Music site: music.amazon. followed by "com", a country code, or "co." or
// "com." and a country code, optionally after "www.".
func isMusicHost(host string) bool {
	rest, ok := strings.CutPrefix(strings.TrimPrefix(host, "www."), "music.amazon.")
	if !ok {
		return false
	}
	first, second, twoLabels := strings.Cut(rest, ".")
	if !twoLabels {
		return first == "com" || isCountryCode(first)
	}
	return (first == "co" || first == "com") && isCountryCode(second)
}

// isCountryCode reports whether s is two lower-case ASCII letters, the shape
// of a country-code top-level domain.
func isCountryCode(s string) bool {
	return len(s) == 2 && 'a' <= s[0] && s[0] <= 'z' && 'a' <= s[1] && s[1] <= 'z'
}

// quoteInput quotes s as a Go string, cut to maxQuotedInputRunes runes.
func quoteInput(s string) string {
	n := 0
	for i := range s {
		if n == maxQuotedInputRunes {
			return strconv.Quote(s[:i]) + "..."
		}
		n++
	}
	return strconv.Quote(s)
}
