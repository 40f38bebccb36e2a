package amazonmusic

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	tests := []struct {
		in       string
		maxRunes int
		want     string
	}{
		{in: "plain", maxRunes: 10, want: "plain"},
		{in: "  padded on both sides  ", maxRunes: 50, want: "padded on both sides"},
		{in: "a\r\n\t b", maxRunes: 10, want: "a b"},
		{in: "bell\x07ring", maxRunes: 10, want: "bell ring"},
		{in: "bad\xffutf8", maxRunes: 10, want: "bad utf8"},
		{in: "zero\u200bwidth", maxRunes: 20, want: "zero width"},
		{in: "Motörhead – Ace", maxRunes: 20, want: "Motörhead – Ace"},
		{in: "abcdefghij", maxRunes: 10, want: "abcdefghij"},
		{in: "abcdefghijk", maxRunes: 10, want: "abcdefghij..."},
		{in: "abcdefghi jk", maxRunes: 10, want: "abcdefghi..."},
		{in: "äöüäöüäöüäöü", maxRunes: 3, want: "äöü..."},
		{in: "\x00\x01\x02", maxRunes: 10, want: ""},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in, tt.maxRunes); got != tt.want {
			t.Errorf("sanitize(%q, %d) = %q, want %q", tt.in, tt.maxRunes, got, tt.want)
		}
	}
}

// FuzzDecodeError checks that no error answer makes parseErrorBody panic,
// and that it always gives something to show, on one printable line of
// bounded length.
func FuzzDecodeError(f *testing.F) {
	seeds := []struct {
		status      int
		contentType string
		body        string
	}{
		{404, "application/json", `{"error":{"status":"404","code":"NOT_FOUND","message":"Track not found"}}`},
		{403, "application/json", `{"message":"Forbidden"}`},
		{401, "application/json", `{"error":{"status":401,"code":"INVALID_ACCESS_TOKEN"}}`},
		{500, "application/json", `{"error":{"status":"500","code":"INTER`},
		{500, "application/json", `{"error":null}`},
		{500, "application/json", `{"error":"boom"}`},
		{500, "application/json", `[1,2,3]`},
		{502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>"},
		{502, "text/html", "<script>x<y</script><!-- c --><p>a &amp; b &#x1F600; &bogus;</p>"},
		{503, "", ""},
		{504, "text/plain; charset=\"utf-8\"", "upstream timed out\n"},
		{429, "application/octet-stream", "\xff\xfe\x00\x01"},
		{0, "text/\x00html", "<"},
		{999, "a/b;;;", strings.Repeat("é", 300)},
	}
	for _, s := range seeds {
		f.Add(s.status, s.contentType, []byte(s.body))
	}
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		code, message := parseErrorBody(status, contentType, body)
		if code == "" && message == "" {
			t.Errorf("parseErrorBody(%d, %q, %q) gave neither code nor message", status, contentType, body)
		}
		for name, s := range map[string]string{"code": code, "message": message} {
			if !utf8.ValidString(s) {
				t.Errorf("%s %q is not valid UTF-8", name, s)
			}
			for _, r := range s {
				if !unicode.IsPrint(r) && r != ' ' {
					t.Errorf("%s %q holds the unprintable %U", name, s, r)
				}
			}
			if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
				t.Errorf("%s %q has uncollapsed white space", name, s)
			}
		}
		if n := utf8.RuneCountInString(code); n > maxCodeRunes+3 {
			t.Errorf("code has %d runes, want at most %d", n, maxCodeRunes+3)
		}
		// Status text, content type and excerpt: well under 400 runes.
		if n := utf8.RuneCountInString(message); n > maxMessageRunes+3 {
			t.Errorf("message has %d runes, want at most %d", n, maxMessageRunes+3)
		}
	})
}
