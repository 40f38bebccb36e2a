package emulator_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestCatalogTrackAnswersTheCatalogsTrack(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 3})
	for id, want := range map[string]string{
		"B08DL2BXQC": `{"data":{"track":{"id":"B08DL2BXQC","globalAsin":"B08DL2BXQC","title":"Kane Train",
			"shortTitle":"Kane Train","duration":215,
			"album":{"id":"B08DL2H5PV","title":"Kane Train","url":"https://music.amazon.com/albums/B08DL2H5PV"},
			"releaseDate":"2020-08-07T04:00:00.000Z","isrc":"GBCFB2000356",
			"url":"https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC",
			"artists":[{"id":"B000QJQ9VS","name":"The Kanes","url":"https://music.amazon.com/artists/B000QJQ9VS"},
				{"id":"B07ZQ3L1MX","name":"Harriet Vale","url":"https://music.amazon.com/artists/B07ZQ3L1MX"}],
			"audioQualities":["SD","HD","UHD"]}}}`,
		// The reference's album id answers its track, as the library endpoints do.
		"B097S29G3W": `{"data":{"track":{"id":"B097S185X9","globalAsin":"B097S185X9","title":"Something To Believe In",
			"shortTitle":"Something To Believe In","duration":198,
			"album":{"id":"B097S29G3W","title":"Something To Believe In","url":"https://music.amazon.com/albums/B097S29G3W"},
			"releaseDate":"2021-06-25T04:00:00.000Z","isrc":"USATO2100125",
			"url":"https://music.amazon.com/albums/B097S29G3W/?trackAsin=B097S185X9",
			"artists":[{"id":"B001L8OBUO","name":"Parson James","url":"https://music.amazon.com/artists/B001L8OBUO"}],
			"audioQualities":["SD","HD","UHD","360RA"]}}}`,
		"B000000001": `{"data":{"track":{"id":"B000000001","globalAsin":"B000000001","title":"Golden Harbour 1",
			"shortTitle":"Golden Harbour 1","duration":121,
			"album":{"id":"B0A0000000","title":"Album 0","url":"https://music.amazon.com/albums/B0A0000000"},
			"releaseDate":"2011-02-02T04:00:00.000Z","isrc":"QZEM00000001",
			"url":"https://music.amazon.com/albums/B0A0000000/?trackAsin=B000000001",
			"artists":[{"id":"B0R0000001","name":"Artist 1","url":"https://music.amazon.com/artists/B0R0000001"}],
			"audioQualities":["SD","HD"]}}}`,
		// Every third generated track leaves the optional fields out.
		"B000000002": `{"data":{"track":{"id":"B000000002","title":"Quiet Harbour 2","isrc":"QZEM00000002",
			"url":"https://music.amazon.com/albums/B0A0000000/?trackAsin=B000000002","album":{"id":"B0A0000000"}}}}`,
		"B00LIVE7QX": `{"data":{"track":{"id":"B00LIVE7QX","title":"Untitled (Live)",
			"url":"https://music.amazon.com/albums/B00LIVE2AL/?trackAsin=B00LIVE7QX"}}}`,
	} {
		a := send(t, srv, http.MethodGet, "/v1/tracks/"+id)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s: status %d (body %s)", id, a.status, a.body)
		}
		assertJSONEqual(t, a.body, []byte(want))
	}
	for _, id := range []string{"B000000003", "ZZZZZZZZZZ", "b08dl2bxqc"} {
		got := mustAPIError(t, send(t, srv, http.MethodGet, "/v1/tracks/"+id), http.StatusNotFound)
		if got.Code != emulator.CodeNotFound || !strings.Contains(got.Message, id) {
			t.Errorf("GET %s: error %+v, want NOT_FOUND naming the id", id, got)
		}
	}
	if a := send(t, srv, http.MethodPut, "/v1/tracks/B08DL2BXQC"); a.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT /v1/tracks/B08DL2BXQC: status %d, want 405", a.status)
	}
	if n := e.Count(http.MethodGet, "/v1/tracks/B08DL2BXQC"); n != 1 {
		t.Errorf("Count = %d, want 1", n)
	}
	if lib := e.Library(); len(lib) != 0 {
		t.Errorf("reading tracks changed the library: %v", lib)
	}

	e.InjectFaults(emulator.Fault{PathPrefix: "/v1/tracks/", Status: http.StatusOK, Body: emulator.FaultBodyWrongTypes})
	wrong := send(t, srv, http.MethodGet, "/v1/tracks/B08DL2BXQC")
	if _, ok := jsonAt(t, wrong.body, "data", "track", "id").(float64); !ok {
		t.Errorf("wrong types body = %s, want a number for data.track.id", wrong.body)
	}
}

func TestUnknownCatalogIDIs404NamingTheID(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 5})
	for _, id := range []string{
		"B0ZZZZZZZZ",         // well-formed, not in the catalog
		emulator.TrackID(5),  // just past the generated catalog
		"b08dl2bxqc",         // lowercase
		"B08DL2BXQ",          // too short
		"B08DL2BXQCX",        // too long
		"B08DL-BXQC",         // not a letter or digit
		"B08DL2BXQC%2Fextra", // escaped slash
	} {
		for _, method := range []string{http.MethodPut, http.MethodDelete} {
			t.Run(method+" "+id, func(t *testing.T) {
				a := send(t, srv, method, "/v1/me/library/tracks/"+id)
				got := mustAPIError(t, a, http.StatusNotFound)
				if got.Code != emulator.CodeNotFound {
					t.Errorf("code = %q, want %q", got.Code, emulator.CodeNotFound)
				}
				name := strings.ReplaceAll(id, "%2F", "/")
				if !strings.Contains(got.Message, name) {
					t.Errorf("message %q does not name %q", got.Message, name)
				}
			})
		}
	}
	if got := e.Library(); len(got) != 0 {
		t.Errorf("Library() = %v after 404s, want empty", got)
	}
}

func TestGeneratedCatalogTracksAreDeterministicAndSavable(t *testing.T) {
	e, srv := start(t, emulator.Options{CatalogSize: 25})
	isrc := regexp.MustCompile(`^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$`)
	asin := regexp.MustCompile(`^B0[0-9]{8}$`)

	titles := map[string]bool{}
	for _, i := range []int{0, 1, 9, 10, 24} {
		id := emulator.TrackID(i)
		if !asin.MatchString(id) {
			t.Errorf("TrackID(%d) = %q, want B0 and 8 digits", i, id)
		}
		track, state := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id), "saveTrack")
		if state != "SAVED" || track.ID != id {
			t.Errorf("saving %s answered %+v %q", id, track, state)
		}
		if !isrc.MatchString(track.ISRC) {
			t.Errorf("track %s: isrc %q is not ISRC-shaped", id, track.ISRC)
		}
		if !strings.HasPrefix(track.URL, "https://music.amazon.com/albums/") ||
			!strings.HasSuffix(track.URL, "/?trackAsin="+id) {
			t.Errorf("track %s: url %q", id, track.URL)
		}
		if track.Title == "" {
			t.Errorf("track %s has no title", id)
		}
		titles[track.Title] = true
		if again, ok := emulator.New(emulator.Options{CatalogSize: 25}).Track(id); !ok || again != track {
			t.Errorf("Track(%s) of another emulator = %+v, %v; want %+v", id, again, ok, track)
		}
	}
	if len(titles) != 5 {
		t.Errorf("titles %v are not distinct", titles)
	}
	if got := len(e.Library()); got != 5 {
		t.Errorf("library holds %d tracks, want 5", got)
	}
}

func TestTrackIDPanicsOutOfRange(t *testing.T) {
	for _, i := range []int{-1, emulator.MaxCatalogSize} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("TrackID(%d) did not panic", i)
				}
			}()
			emulator.TrackID(i)
		}()
	}
}

func TestBuiltinTracksAreInEveryCatalog(t *testing.T) {
	e := emulator.New(emulator.Options{})
	ids := emulator.BuiltinTrackIDs()
	if len(ids) < 5 || ids[0] != "B08DL2BXQC" || ids[1] != "B097S29G3W" {
		t.Fatalf("BuiltinTrackIDs() = %v, want the reference's tracks first and a handful more", ids)
	}
	for _, id := range ids {
		track, ok := e.Track(id)
		if !ok || track.ID == "" || track.Title == "" || track.URL == "" {
			t.Errorf("Track(%s) = %+v, %v; want a complete built-in track", id, track, ok)
		}
	}
	if _, ok := e.Track(emulator.TrackID(0)); ok {
		t.Error("Track(TrackID(0)) found with CatalogSize 0")
	}
}

func TestAnyTrackIDAnswersEveryWellFormedID(t *testing.T) {
	e, srv := start(t, emulator.Options{AnyTrackID: true})
	isrc := regexp.MustCompile(`^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$`)
	for _, id := range []string{"B0ZZZZZZZZ", "B07XJ8C8F5", "0123456789"} {
		track, state := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id), "saveTrack")
		if state != "SAVED" || track.ID != id || track.Title == "" || !isrc.MatchString(track.ISRC) ||
			!strings.HasSuffix(track.URL, "/?trackAsin="+id) {
			t.Errorf("saving %s answered %+v %q", id, track, state)
		}
		if again, ok := emulator.New(emulator.Options{AnyTrackID: true}).Track(id); !ok || again != track {
			t.Errorf("Track(%s) of another emulator = %+v, %v; want %+v", id, again, ok, track)
		}
	}
	// The named tracks keep their own answers.
	if track, _ := saveAnswer(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"), "saveTrack"); track.Title != "Kane Train" {
		t.Errorf("B08DL2BXQC answered %+v, want Kane Train", track)
	}
	if got := len(e.Library()); got != 4 {
		t.Errorf("library holds %d tracks, want 4", got)
	}
	// Malformed ids are still unknown.
	for _, id := range []string{"b08dl2bxqc", "B08DL2BXQ", "B08DL-BXQC"} {
		mustAPIError(t, send(t, srv, http.MethodPut, "/v1/me/library/tracks/"+id), http.StatusNotFound)
	}
	// Without the option, the same ids are not in the catalog.
	if _, ok := emulator.New(emulator.Options{}).Track("B0ZZZZZZZZ"); ok {
		t.Error("B0ZZZZZZZZ is a catalog track without AnyTrackID")
	}
}
