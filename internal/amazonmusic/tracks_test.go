package amazonmusic_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestValidTrackID(t *testing.T) {
	tests := map[string]bool{
		"B08DL2BXQC":           true,
		"B097S29G3W":           true,
		"0123456789":           true,
		"b08dl2bxqc":           false,
		"B08DL2BXQ":            false,
		"B08DL2BXQCX":          false,
		"B08DL2BXQ/":           false,
		"B08DL2BXQ\n":          false,
		"B08DL2BXQC\n":         false,
		"":                     false,
		"../../me/":            false,
		"B08DL2B%2F":           false,
		"B08DL2BXQ\u00c9":      false,
		"B08DL2BXQC?limit=100": false,
	}
	for id, want := range tests {
		if got := amazonmusic.ValidTrackID(id); got != want {
			t.Errorf("ValidTrackID(%q) = %t, want %t", id, got, want)
		}
		if got := amazonmusic.TrackIDPattern.MatchString(id); got != want {
			t.Errorf("TrackIDPattern.MatchString(%q) = %t, want %t", id, got, want)
		}
	}
}

func TestSaveTrackSavesItToTheLibrary(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})

	got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
	if err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got.SaveState != "SAVED" {
		t.Errorf("SaveState = %q, want SAVED", got.SaveState)
	}
	if got.Track == nil || got.Track.ID != "B08DL2BXQC" {
		t.Fatalf("Track = %+v, want id B08DL2BXQC", got.Track)
	}
	if got.Track.Title == nil || *got.Track.Title != "Kane Train" {
		t.Errorf("Title = %v, want Kane Train", got.Track.Title)
	}
	if got.Track.ISRC == nil || *got.Track.ISRC != "GBCFB2000356" {
		t.Errorf("ISRC = %v, want GBCFB2000356", got.Track.ISRC)
	}
	if !emu.InLibrary("B08DL2BXQC") {
		t.Error("the emulator's library does not hold B08DL2BXQC")
	}
	if n := emu.Count(http.MethodPut, "/v1/me/library/tracks/B08DL2BXQC"); n != 1 {
		t.Errorf("emulator received %d PUT requests, want 1", n)
	}
}

func TestSaveTrackLeavesAbsentFieldsNil(t *testing.T) {
	client, _ := newEmulatorClient(t, emulator.Options{})
	got, err := client.SaveTrack(t.Context(), "B00LIVE7QX") // a built-in track without ISRC
	if err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}
	if got.Track == nil || got.Track.ISRC != nil {
		t.Errorf("Track = %+v, want a track with a nil ISRC", got.Track)
	}
	if got.Track.Title == nil {
		t.Error("Title is nil, want the track's title")
	}
}

func TestRemoveTrackKeepsTheAnswersOtherTrackID(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	if _, err := client.SaveTrack(t.Context(), "B097S29G3W"); err != nil {
		t.Fatalf("SaveTrack: %v", err)
	}

	got, err := client.RemoveTrack(t.Context(), "B097S29G3W")
	if err != nil {
		t.Fatalf("RemoveTrack: %v", err)
	}
	if got.SaveState != "REMOVED" {
		t.Errorf("SaveState = %q, want REMOVED", got.SaveState)
	}
	if got.Track == nil || got.Track.ID != "B097S185X9" {
		t.Errorf("Track = %+v, want the answer's id B097S185X9", got.Track)
	}
	if emu.InLibrary("B097S29G3W") {
		t.Error("B097S29G3W is still in the emulator's library")
	}
	if n := emu.Count(http.MethodDelete, "/v1/me/library/tracks/B097S29G3W"); n != 1 {
		t.Errorf("emulator received %d DELETE requests, want 1", n)
	}
}

func TestUnknownTrackIsNotFound(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	const id = "B000000000" // well-formed, not in the catalog

	_, err := client.RemoveTrack(t.Context(), id)
	if !errors.Is(err, amazonmusic.ErrNotFound) {
		t.Fatalf("err = %v, want one matching ErrNotFound", err)
	}
	var apiErr *amazonmusic.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %T, want *APIError", err)
	}
	want := amazonmusic.APIError{
		StatusCode: http.StatusNotFound,
		Code:       emulator.CodeNotFound,
		Method:     http.MethodDelete,
		Path:       "/v1/me/library/tracks/" + id,
		Attempts:   1,
	}
	if apiErr.StatusCode != want.StatusCode || apiErr.Code != want.Code || apiErr.Method != want.Method || apiErr.Path != want.Path || apiErr.Attempts != want.Attempts {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	if !strings.Contains(apiErr.Message, "not in the catalog") {
		t.Errorf("Message = %q, want the emulator's message", apiErr.Message)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "DELETE /v1/me/library/tracks/"+id+": HTTP 404 NOT_FOUND: ") {
		t.Errorf("Error() = %q, want method, path, status and code first", msg)
	}
	if n := emu.Total(); n != 1 {
		t.Errorf("emulator received %d requests, want 1 (404 is not retried)", n)
	}
}

func TestWrongCredentialsFailWithoutRevealingThem(t *testing.T) {
	const wrongKey = "amzn1.application-oa2-client.wrong-key-0001"
	const wrongToken = "Atza|wrong-token-0002"
	tests := []struct {
		name        string
		apiKey      string
		accessToken string
		wantStatus  int
		wantCode    string
	}{
		{name: "wrong api key", apiKey: wrongKey, accessToken: emulator.DefaultAccessToken, wantStatus: http.StatusForbidden, wantCode: emulator.CodeInvalidAPIKey},
		{name: "wrong access token", apiKey: emulator.DefaultAPIKey, accessToken: wrongToken, wantStatus: http.StatusUnauthorized, wantCode: emulator.CodeInvalidAccessToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, emu := newEmulatorClient(t, emulator.Options{}, func(cfg *amazonmusic.Config) {
				cfg.APIKey = tt.apiKey
				cfg.AccessToken = tt.accessToken
			})
			_, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			var apiErr *amazonmusic.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *APIError", err)
			}
			if apiErr.StatusCode != tt.wantStatus || apiErr.Code != tt.wantCode {
				t.Errorf("got HTTP %d %s, want HTTP %d %s", apiErr.StatusCode, apiErr.Code, tt.wantStatus, tt.wantCode)
			}
			if errors.Is(err, amazonmusic.ErrNotFound) {
				t.Error("an authentication error matches ErrNotFound")
			}
			assertNoSecret(t, "error", err.Error(), tt.apiKey, tt.accessToken, emulator.DefaultAPIKey, emulator.DefaultAccessToken)
			if emu.InLibrary("B08DL2BXQC") {
				t.Error("the track was saved with wrong credentials")
			}
			if n := emu.Total(); n != 1 {
				t.Errorf("emulator received %d requests, want 1 (%d is not retried)", n, tt.wantStatus)
			}
		})
	}
}

func TestInvalidTrackIDIsRejectedBeforeSending(t *testing.T) {
	client, emu := newEmulatorClient(t, emulator.Options{})
	for _, id := range []string{"", "b08dl2bxqc", "B08DL2BXQ", "../../me/x", "B08DL2BXQ/", "B08DL2%2FQ"} {
		if _, err := client.SaveTrack(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid track id") {
			t.Errorf("SaveTrack(%q) error = %v, want an invalid track id error", id, err)
		}
		if _, err := client.RemoveTrack(t.Context(), id); err == nil || !strings.Contains(err.Error(), "invalid track id") {
			t.Errorf("RemoveTrack(%q) error = %v, want an invalid track id error", id, err)
		}
	}
	if n := emu.Total(); n != 0 {
		t.Errorf("emulator received %d requests, want 0", n)
	}
}

func TestTrackAnswerThatCannotBeUsedIsAnUnexpectedResponse(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{name: "no saveTrack", body: `{"data":{}}`, want: "no data.saveTrack"},
		{name: "null saveTrack", body: `{"data":{"saveTrack":null}}`, want: "no data.saveTrack"},
		{name: "no data", body: `{"errors":[]}`, want: "no data.saveTrack"},
		{name: "answer of the other endpoint", body: `{"data":{"removeTrack":{"saveState":"REMOVED"}}}`, want: "no data.saveTrack"},
		{name: "truncated JSON", body: `{"data":{"saveTrack":{"track":{"id":"B0`, want: "unexpected EOF"},
		{name: "wrong type", body: `{"data":{"saveTrack":{"track":{"id":42}}}}`, want: "cannot unmarshal number"},
		{name: "saveTrack is a string", body: `{"data":{"saveTrack":"SAVED"}}`, want: "cannot unmarshal string"},
		{name: "empty body", body: "", want: "empty body"},
		{name: "two JSON values", body: `{"data":{"saveTrack":{}}} {}`, want: "more than one JSON value"},
		{name: "trailing garbage", body: `{"data":{"saveTrack":{}}} garbage`, want: "after the first value"},
		{name: "HTML", body: `<html><body>OK</body></html>`, want: "invalid character '<'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				writeJSON(w, tt.body)
			})
			got, err := client.SaveTrack(t.Context(), "B08DL2BXQC")
			if err == nil {
				t.Fatalf("SaveTrack = %+v, want an error", got)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "unexpected response from PUT /v1/me/library/tracks/B08DL2BXQC: ") || !strings.Contains(msg, tt.want) {
				t.Errorf("error = %q, want an unexpected response error mentioning %q", msg, tt.want)
			}
		})
	}
}

func TestTrackAnswerWithUnknownFieldsIsAccepted(t *testing.T) {
	client, _, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		writeJSON(w, `{"data":{"removeTrack":{"track":{"id":"B097S185X9","album":{"id":"B097S29G3W"},"explicit":false},"saveState":"REMOVED","extra":[1,2]}},"meta":{}}`)
	})
	got, err := client.RemoveTrack(t.Context(), "B097S29G3W")
	if err != nil {
		t.Fatalf("RemoveTrack: %v", err)
	}
	if got.Track == nil || got.Track.ID != "B097S185X9" || got.SaveState != "REMOVED" || got.Track.Title != nil {
		t.Errorf("RemoveTrack = %+v (track %+v), want track B097S185X9 without title, REMOVED", got, got.Track)
	}
}
