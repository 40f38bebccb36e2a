package emulator

import "sort"

// libraryEntry is one save of a track to the library: the save's sequence
// number, the id of the track saved (the id the save answered) and the id
// the save named, which differ for an aliased id (see Options.AliasEvery).
type libraryEntry struct {
	seq  int
	id   string
	sent string
}

// libraryIndex is the user's library: the saved tracks, by the id of the
// track saved, in the order they were saved. Saving a saved id keeps its place; removing an id and saving it
// again puts it last. Emulator.mu guards it; the zero value is an empty
// library.
//
// The listing's cursors are "<seq>:<id>": a page continues after the save
// its cursor names, also when tracks were removed or saved meanwhile, so a
// walk never repeats a track and only misses those removed before it got to
// them. While nothing is removed, seq is the track's index in the listing.
type libraryIndex struct {
	// saved maps each saved track id to the sequence number of its save.
	saved map[string]int
	// sent maps each saved track id to the id its save named.
	sent map[string]string
	// order holds the saves by sequence number. Entries of removed tracks
	// stay until compact drops them.
	order []libraryEntry
	// stale counts the entries of order whose track was removed.
	stale int
	// next is the sequence number of the next save.
	next int
}

// add saves track id, named sent by its save, unless it is saved already.
func (l *libraryIndex) add(id, sent string) {
	if _, ok := l.saved[id]; ok {
		return
	}
	if l.saved == nil {
		l.saved = make(map[string]int)
		l.sent = make(map[string]string)
	}
	l.saved[id] = l.next
	l.sent[id] = sent
	l.order = append(l.order, libraryEntry{seq: l.next, id: id, sent: sent})
	l.next++
}

// remove removes id, if it is saved.
func (l *libraryIndex) remove(id string) {
	if _, ok := l.saved[id]; !ok {
		return
	}
	delete(l.saved, id)
	delete(l.sent, id)
	l.stale++
	if l.stale > 64 && l.stale > len(l.order)/2 {
		l.compact()
	}
}

// compact drops the entries of removed tracks from order.
func (l *libraryIndex) compact() {
	live := l.order[:0]
	for _, e := range l.order {
		if l.live(e) {
			live = append(live, e)
		}
	}
	clear(l.order[len(live):])
	l.order = live
	l.stale = 0
}

// live reports whether e is the save of a track still in the library.
func (l *libraryIndex) live(e libraryEntry) bool {
	seq, ok := l.saved[e.id]
	return ok && seq == e.seq
}

// has reports whether id is saved.
func (l *libraryIndex) has(id string) bool {
	_, ok := l.saved[id]
	return ok
}

// entries returns the saves of the tracks saved, in the order they were
// saved.
func (l *libraryIndex) entries() []libraryEntry {
	out := make([]libraryEntry, 0, len(l.saved))
	for _, e := range l.order {
		if l.live(e) {
			out = append(out, e)
		}
	}
	return out
}

// page returns at most n saves that come after the save with sequence
// number after (all saves when after is negative), and whether more follow.
func (l *libraryIndex) page(after, n int) (entries []libraryEntry, more bool) {
	i := sort.Search(len(l.order), func(i int) bool { return l.order[i].seq > after })
	entries = make([]libraryEntry, 0, min(n, len(l.saved)))
	for ; i < len(l.order); i++ {
		e := l.order[i]
		if !l.live(e) {
			continue
		}
		if len(entries) == n {
			return entries, true
		}
		entries = append(entries, e)
	}
	return entries, false
}

// knows reports whether the cursor of save seq of id may have been handed
// out: seq was given to a save of id (by the id of its track or the id it
// named), or to a save compacted away since.
func (l *libraryIndex) knows(seq int, id string) bool {
	if seq >= l.next {
		return false
	}
	i := sort.Search(len(l.order), func(i int) bool { return l.order[i].seq >= seq })
	if i < len(l.order) && l.order[i].seq == seq {
		return l.order[i].id == id || l.order[i].sent == id
	}
	return validCatalogID(id)
}
