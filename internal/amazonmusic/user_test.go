package amazonmusic_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic/emulator"
)

func TestUpdateProfileThenCurrentUserReadsItBack(t *testing.T) {
	t.Parallel()
	client, emu := newEmulatorClient(t, emulator.Options{})
	user, err := client.CurrentUser(t.Context())
	if err != nil {
		t.Fatalf("CurrentUser: %v", err)
	}
	if user.ID != emulator.DefaultUserID || user.Name == nil || *user.Name != emulator.DefaultUserName {
		t.Errorf("user = %+v, want %s named %q", user, emulator.DefaultUserID, emulator.DefaultUserName)
	}
	p := amazonmusic.Profile{Name: "Quiet Listener", Visibility: amazonmusic.VisibilityPublic, PlaybackVisibility: amazonmusic.VisibilityPrivate}
	if err := client.UpdateProfile(t.Context(), p); err != nil {
		t.Fatalf("UpdateProfile (the answer's name is null): %v", err)
	}
	if got := emu.Profile(); got != (emulator.Profile{Name: p.Name, Visibility: p.Visibility, PlaybackVisibility: p.PlaybackVisibility}) {
		t.Errorf("emulator profile = %+v, want %+v", got, p)
	}
	if user, err = client.CurrentUser(t.Context()); err != nil || user.Name == nil || *user.Name != p.Name {
		t.Errorf("CurrentUser after the update = %+v, %v, want the name %q", user, err, p.Name)
	}
}

func TestUpdateProfileSendsEveryFieldAndRefusesBadVisibilities(t *testing.T) {
	t.Parallel()
	var body string
	client, rec, _ := newFakeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		raw, _ := io.ReadAll(r.Body)
		body = string(raw)
		writeJSON(w, `{"id":"amzn1.account.X","name":null}`)
	})
	if err := client.UpdateProfile(t.Context(), amazonmusic.Profile{Name: "A", Visibility: "PUBLIC", PlaybackVisibility: "public"}); err == nil {
		t.Error("UpdateProfile with playback visibility \"public\" succeeded, want an error")
	}
	if rec.count() != 0 {
		t.Fatalf("requests after a refused profile = %d, want 0", rec.count())
	}
	if err := client.UpdateProfile(t.Context(), amazonmusic.Profile{Name: "A", Visibility: "PUBLIC", PlaybackVisibility: "PRIVATE"}); err != nil {
		t.Fatalf("UpdateProfile: %v", err)
	}
	if r := rec.request(t, 0); r.Method != http.MethodPut || r.URL.Path != "/v1/me" {
		t.Errorf("request = %s %s, want PUT /v1/me", r.Method, r.URL.Path)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(body), &got); err != nil || len(got) != 3 || got["name"] != "A" || got["visibility"] != "PUBLIC" || got["playbackVisibility"] != "PRIVATE" {
		t.Errorf("body = %s, want name, visibility and playbackVisibility", body)
	}
}

func TestCurrentUserReportsAnswersWithoutAUser(t *testing.T) {
	t.Parallel()
	for body, want := range map[string]string{
		`{"user":{"id":"amzn1.account.X"}}`:   "no data.user",
		`{"data":{"user":{"name":"Nobody"}}}`: "the user has no id",
	} {
		client, _, _ := newFakeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { writeJSON(w, body) })
		if _, err := client.CurrentUser(t.Context()); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("answer %s: err = %v, want %q", body, err, want)
		}
	}
}
