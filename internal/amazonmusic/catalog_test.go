package amazonmusic_test

import (
	"net/http"
	"reflect"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
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
