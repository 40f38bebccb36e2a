package amazonmusic_test

import (
	"testing"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
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
