package provider

import (
	"strings"
	"testing"
)

func TestParseTrackIDList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		raw     string
		want    []string
		wantErr string
	}{
		{raw: "B08DL2BXQC", want: []string{"B08DL2BXQC"}},
		{raw: " B08DL2BXQC , B07QXMFJ4W,B08DL2BXQC", want: []string{"B07QXMFJ4W", "B08DL2BXQC"}},
		{raw: "", wantErr: "empty"},
		{raw: "   ", wantErr: "empty"},
		{raw: "B08DL2BXQC,,B07QXMFJ4W", wantErr: `""`},
		{raw: "B08DL2BXQC,b07qxmfj4w,nope", wantErr: `"b07qxmfj4w", "nope"`},
		{raw: "B08DL2BXQC;B07QXMFJ4W", wantErr: `"B08DL2BXQC;B07QXMFJ4W"`},
	}
	for _, tt := range tests {
		got, err := parseTrackIDList(tt.raw)
		switch {
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("parseTrackIDList(%q) error = %v, want one containing %s", tt.raw, err, tt.wantErr)
		case tt.wantErr == "" && err != nil:
			t.Errorf("parseTrackIDList(%q) = %v", tt.raw, err)
		case tt.wantErr == "" && strings.Join(got, ",") != strings.Join(tt.want, ","):
			t.Errorf("parseTrackIDList(%q) = %v, want %v", tt.raw, got, tt.want)
		}
	}
}
