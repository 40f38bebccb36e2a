package provider

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The recordings the run knows of: one recording, named by its ISRC, can be
// several catalog tracks (a single and its album edition). The search data
// sources record the ISRC of every track they found, and
// amazonmusic_library_tracks warns at plan when two of its ids are the
// same recording.

// recordingIndex maps catalog track ids to their ISRCs, as the searches of
// one run answered them. It is safe for concurrent use; the zero value is
// empty and ready.
type recordingIndex struct {
	mu   sync.Mutex
	isrc map[string]string
}

// record notes that track id has the given ISRC; an empty one is ignored.
func (r *recordingIndex) record(id, isrc string) {
	if id == "" || isrc == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.isrc == nil {
		r.isrc = map[string]string{}
	}
	r.isrc[id] = strings.ToUpper(isrc)
}

// lookup returns the ISRC recorded for track id, empty when none.
func (r *recordingIndex) lookup(id string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.isrc[id]
}

// empty reports whether nothing was recorded.
func (r *recordingIndex) empty() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.isrc) == 0
}

// sameRecordings returns, for each ISRC that more than one of ids has, the
// ids that have it, sorted; isrcOf tells the ISRC of an id, empty when
// unknown. The ISRCs come sorted.
func sameRecordings(ids []string, isrcOf func(id string) string) (isrcs []string, idsOf map[string][]string) {
	byISRC := map[string][]string{}
	for _, id := range ids {
		if isrc := isrcOf(id); isrc != "" {
			byISRC[isrc] = append(byISRC[isrc], id)
		}
	}
	idsOf = map[string][]string{}
	for isrc, same := range byISRC {
		if len(same) > 1 {
			slices.Sort(same)
			idsOf[isrc] = same
		}
	}
	return slices.Sorted(maps.Keys(idsOf)), idsOf
}

// maxListedRecordings is how many recordings the warning of duplicates
// names before it counts the rest.
const maxListedRecordings = 5

// sameRecordingsText words the recordings of sameRecordings in short:
// "GBCFB2000356 (B08DL2BXQC, B08DL3CXRD), ... and 3 more".
func sameRecordingsText(isrcs []string, idsOf map[string][]string) string {
	shown := isrcs[:min(len(isrcs), maxListedRecordings)]
	parts := make([]string, len(shown))
	for i, isrc := range shown {
		parts[i] = isrc + " (" + shortIDList(idsOf[isrc]) + ")"
	}
	text := strings.Join(parts, "; ")
	if rest := len(isrcs) - len(shown); rest > 0 {
		text += "; and " + strconv.Itoa(rest) + " more"
	}
	return text
}
