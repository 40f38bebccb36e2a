package amazonmusic_test

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

// ref returns a pointer to v.
func ref[T any](v T) *T { return &v }

func TestTrackDecodesThePublishedFieldsAndLeavesAbsentOnesNil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		body string
		want amazonmusic.CatalogTrack
	}{
		{
			name: "every published field, and fields the client does not map",
			body: `{"data":{"track":{"id":"B00E0WOVLK","globalAsin":"B00E0WOVLK","title":"Blurred Lines (feat. T.I. & Pharrell)",
				"shortTitle":"Blurred Lines","duration":263,
				"album":{"id":"B00E0WOJ4Q","title":"Blurred Lines","url":"https://music.amazon.com/albums/B00E0WOJ4Q"},
				"releaseDate":"2013-06-18T04:00:00.000Z","isrc":"USUM71304578",
				"url":"https://music.amazon.com/albums/B00E0WOJ4Q/?trackAsin=B00E0WOVLK",
				"artists":[{"id":"B000APZ8S4","name":"Robin Thicke","url":"https://music.amazon.com/artists/B000APZ8S4"},
					{"id":"B000QJQ9VS","name":"T.I."}],
				"musicTerritory":{"code":"US","territoryName":"United States"},"market":{"id":"ATVPDKIKX0DER","name":"US"},
				"eligibility":{"isDownloadable":false,"isPurchaseable":true,"isPreviewable":true},
				"audioQualities":["SD","HD","UHD","360RA"]}}}`,
			want: amazonmusic.CatalogTrack{
				Track: amazonmusic.Track{
					ID: "B00E0WOVLK", Title: ref("Blurred Lines (feat. T.I. & Pharrell)"), ISRC: ref("USUM71304578"),
					URL: ref("https://music.amazon.com/albums/B00E0WOJ4Q/?trackAsin=B00E0WOVLK"),
				},
				GlobalASIN: ref("B00E0WOVLK"), ShortTitle: ref("Blurred Lines"), Duration: ref(int64(263)),
				Album:       &amazonmusic.Album{ID: ref("B00E0WOJ4Q"), Title: ref("Blurred Lines"), URL: ref("https://music.amazon.com/albums/B00E0WOJ4Q")},
				ReleaseDate: ref("2013-06-18T04:00:00.000Z"),
				Artists: []amazonmusic.Artist{
					{ID: ref("B000APZ8S4"), Name: ref("Robin Thicke"), URL: ref("https://music.amazon.com/artists/B000APZ8S4")},
					{ID: ref("B000QJQ9VS"), Name: ref("T.I.")},
				},
				AudioQualities: []string{"SD", "HD", "UHD", "360RA"},
			},
		},
		{
			name: "only an id",
			body: `{"data":{"track":{"id":"B00E0WOVLK"}}}`,
			want: amazonmusic.CatalogTrack{Track: amazonmusic.Track{ID: "B00E0WOVLK"}},
		},
		{
			name: "nulls and an album with only an id",
			body: `{"data":{"track":{"id":"B00E0WOVLK","title":null,"duration":null,"album":{"id":"B00E0WOJ4Q"},"artists":null,"audioQualities":null}}}`,
			want: amazonmusic.CatalogTrack{Track: amazonmusic.Track{ID: "B00E0WOVLK"}, Album: &amazonmusic.Album{ID: ref("B00E0WOJ4Q")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, tt.body)
			})
			got, err := client.Track(t.Context(), "B00E0WOVLK")
			if err != nil {
				t.Fatalf("Track: %v", err)
			}
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("Track =\n%#v\nwant\n%#v", *got, tt.want)
			}
		})
	}
}

func TestTrackReadsACatalogTrack(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})

	track, err := client.Track(t.Context(), "B08DL2BXQC")
	if err != nil {
		t.Fatalf("Track: %v", err)
	}
	if track.ID != "B08DL2BXQC" || track.Title == nil || *track.Title != "Kane Train" ||
		track.ISRC == nil || *track.ISRC != "GBCFB2000356" || track.URL == nil {
		t.Errorf("Track = %+v, want the reference's Kane Train", track)
	}
	// Another edition may answer, as for the library endpoints.
	other, err := client.Track(t.Context(), "B097S29G3W")
	if err != nil || other.ID != "B097S185X9" {
		t.Errorf("Track(B097S29G3W) = %+v, %v; want B097S185X9", other, err)
	}
	live, err := client.Track(t.Context(), "B00LIVE7QX")
	if err != nil || live.ISRC != nil || live.Title == nil {
		t.Errorf("Track(B00LIVE7QX) = %+v, %v; want a title and a nil isrc", live, err)
	}
	if n := emu.Count(http.MethodGet, "/v1/tracks/B08DL2BXQC"); n != 1 {
		t.Errorf("emulator received %d requests for the track, want 1", n)
	}

	_, err = client.Track(t.Context(), "ZZZZZZZZZZ")
	if !errors.Is(err, amazonmusic.ErrNotFound) || !strings.Contains(err.Error(), "GET /v1/tracks/ZZZZZZZZZZ: HTTP 404") {
		t.Errorf("Track(ZZZZZZZZZZ) error = %v, want a 404 naming the request", err)
	}
}

func TestTrackRejectsMalformedIDsBeforeSending(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	for _, id := range []string{"", "b08dl2bxqc", "B08DL2BXQ", "../me/x/B0"} {
		if _, err := client.Track(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid track id") {
			t.Errorf("Track(%q) error = %v, want an invalid track id error", id, err)
		}
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want 0", n)
	}
}

func TestTrackAnswerWithoutATrackIsAnUnexpectedResponse(t *testing.T) {
	for _, body := range []string{`{"data":{}}`, `{"data":{"track":null}}`, `{}`} {
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
			writeJSON(w, body)
		})
		_, err := client.Track(t.Context(), "B08DL2BXQC")
		if err == nil || err.Error() != "unexpected response from GET /v1/tracks/B08DL2BXQC: no data.track" {
			t.Errorf("body %s: error = %v, want no data.track", body, err)
		}
	}
}
