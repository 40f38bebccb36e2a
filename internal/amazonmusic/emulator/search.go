package emulator

import (
	"cmp"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash/fnv"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// The search of tracks, POST /v1/search/tracks, as Amazon's Search page
// publishes it:
//
//	{"searchFilters":[{"field":"isrc","query":"GBCFB2000356"}],"limit":10,"sortBy":"relevance","token":"..."}
//	-> {"data":{"searchTracks":{"pageInfo":{"hasNextPage":true,"token":"..."},
//	     "edgeCount":10,"edges":[{"node":{"id":"B08DL2BXQC","title":"Kane Train",...}}]}}}
//
// searchFilters is required and holds at least one filter; a track is
// answered when it matches them all. A filter's query is required and not
// blank; its field, when present and not empty, is one of
//
//	id, asin       the track's id (which globalAsin repeats), exactly
//	isrc           its ISRC, exactly but for case
//	albumId        the id of its album (see albumIDOf), exactly
//	artistId       the id of one of its artists, exactly
//	name           its title, as a substring, case aside
//	albumName      its album's title, as a substring, case aside
//	artistName     the name of one of its artists, as a substring, case aside
//	categoryId     nothing: the emulator has no categories
//
// and without a field the filter is a match query: the title, an artist's
// name or the album's title holds the query (as a substring, case aside).
// Ids are those the catalog answers: an aliased track (Options.AliasEvery)
// is found by its alias, as GET /v1/tracks/{id} names it, and the
// reference's B097S29G3W by the B097S185X9 it answers.
//
// The search covers the built-in tracks and the generated ones (not the
// tracks Options.AnyTrackID makes of other ids). limit is 1 to 100
// (default 100) and a page holds at most PageCap tracks. sortBy orders the
// tracks, every order ending ties in catalog order:
//
//	relevance    catalog order (the default): the built-in tracks in
//	             BuiltinTrackIDs' order, each once, then the generated ones
//	             by index
//	release      newest releaseDate first, tracks without one last
//	popularity   most popular first: a track's popularity is the FNV-1a
//	             32-bit hash of its id modulo 1000
//	name         titles in ascending order, case aside
//
// A page with more after it has pageInfo.token, which the next request
// sends as token with the same searchFilters and sortBy (limit may change).
// The token is opaque: the base64url of "emulator-search-token:<n>:<digest>",
// where n is the catalog position to continue from (relevance) or the
// number of tracks already answered (other orders), and the digest is of
// the filters and sortBy. edgeCount is the number of edges of the page.
//
// A node is the track as GET /v1/tracks/{id} answers it, or only its id
// and title with Options.SearchNodes = SearchNodesMinimal.
//
// 400 INVALID_PARAMETER answers a body that is not a JSON object of that
// shape, missing or empty searchFilters, a filter without a query, an
// unknown field, a limit outside 1 to 100, an unknown sortBy, and a token
// that is malformed or from another search. An empty token or sortBy counts
// as none.
//
// Filters on id, asin, isrc and albumId are answered from the ids and ISRCs
// themselves (a generated ISRC, "QZEM" and 8 digits, names its track),
// without going through the catalog, so that resolving thousands of ISRCs
// one request each stays cheap against a large catalog. The other filters
// go through the catalog in relevance order and stop once the page is full
// and one more track matches; the other orders go through every match.

// SearchNodeShape is the shape of the nodes of POST /v1/search/tracks.
type SearchNodeShape int

const (
	// SearchNodesFull answers each track as GET /v1/tracks/{id} does.
	SearchNodesFull SearchNodeShape = iota
	// SearchNodesMinimal answers each track's id and title only, the part
	// of a node Amazon's published example shows.
	SearchNodesMinimal
)

// Fields of a search filter. matchField stands for a filter without one.
const (
	matchField = ""

	fieldID         = "id"
	fieldASIN       = "asin"
	fieldAlbumID    = "albumId"
	fieldAlbumName  = "albumName"
	fieldArtistID   = "artistId"
	fieldArtistName = "artistName"
	fieldCategoryID = "categoryId"
	fieldName       = "name"
	fieldISRC       = "isrc"
)

// searchFields are the fields a filter may name.
var searchFields = []string{
	fieldID, fieldASIN, fieldAlbumID, fieldAlbumName, fieldArtistID,
	fieldArtistName, fieldCategoryID, fieldName, fieldISRC,
}

// Orders of sortBy.
const (
	sortRelevance  = "relevance"
	sortRelease    = "release"
	sortPopularity = "popularity"
	sortName       = "name"
)

// searchTokenPrefix starts every decoded search token.
const searchTokenPrefix = "emulator-search-token:"

// searchBody is the body of POST /v1/search/tracks.
type searchBody struct {
	SearchFilters []searchFilterJSON `json:"searchFilters"`
	Limit         *int               `json:"limit"`
	Token         string             `json:"token"`
	SortBy        string             `json:"sortBy"`
}

type searchFilterJSON struct {
	Field string  `json:"field"`
	Query *string `json:"query"`
}

// searchFilter is a checked filter.
type searchFilter struct {
	field string
	query string
	// lower is query in lower case, for the substring matches.
	lower string
}

// search is a checked search request.
type search struct {
	filters []searchFilter
	sortBy  string
	// size is how many tracks the page holds at most.
	size int
	// from is the n of the token, 0 without one.
	from int
	// digest names the filters and sortBy in tokens.
	digest string
}

type searchAnswer struct {
	Data struct {
		SearchTracks searchConnectionJSON `json:"searchTracks"`
	} `json:"data"`
}

type searchConnectionJSON struct {
	PageInfo  pageInfoJSON     `json:"pageInfo"`
	EdgeCount int              `json:"edgeCount"`
	Edges     []searchEdgeJSON `json:"edges"`
}

type searchEdgeJSON struct {
	Node any `json:"node"`
}

// minimalNode is a node with SearchNodesMinimal.
type minimalNode struct {
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
}

// match is a track a search found, at its catalog position.
type match struct {
	pos   int
	track CatalogTrack
}

// serveSearchTracks answers POST /v1/search/tracks.
func (e *Emulator) serveSearchTracks(w http.ResponseWriter, r *http.Request) {
	var body searchBody
	if !readBody(w, r, &body) {
		return
	}
	s, ok := e.checkSearch(w, body)
	if !ok {
		return
	}
	var (
		page []match
		next int
		more bool
	)
	if s.sortBy == sortRelevance {
		page, next, more, ok = e.searchInCatalogOrder(s)
	} else {
		page, next, more, ok = e.searchSorted(s)
	}
	if !ok {
		writeBadSearchToken(w, body.Token)
		return
	}

	var answer searchAnswer
	conn := &answer.Data.SearchTracks
	conn.Edges = make([]searchEdgeJSON, len(page))
	for i, m := range page {
		if e.searchNodes == SearchNodesMinimal {
			conn.Edges[i].Node = minimalNode{ID: m.track.ID, Title: m.track.Title}
		} else {
			conn.Edges[i].Node = m.track
		}
	}
	conn.EdgeCount = len(page)
	conn.PageInfo.HasNextPage = more
	if more {
		conn.PageInfo.Token = searchToken(next, s.digest)
	}
	writeJSON(w, http.StatusOK, answer)
}

// checkSearch checks body and answers 400 when it is not a search the API
// takes.
func (e *Emulator) checkSearch(w http.ResponseWriter, body searchBody) (search, bool) {
	bad := func(message string) (search, bool) {
		writeError(w, http.StatusBadRequest, CodeInvalidParameter, message)
		return search{}, false
	}
	if len(body.SearchFilters) == 0 {
		return bad("searchFilters must hold at least one filter")
	}
	s := search{sortBy: cmp.Or(body.SortBy, sortRelevance), size: defaultLimit}
	for i, f := range body.SearchFilters {
		if f.Query == nil || strings.TrimSpace(*f.Query) == "" {
			return bad("searchFilters[" + strconv.Itoa(i) + "] has no query")
		}
		if f.Field != matchField && !slices.Contains(searchFields, f.Field) {
			return bad("searchFilters[" + strconv.Itoa(i) + "]: field " + quote(f.Field) +
				" must be one of " + strings.Join(searchFields, ", "))
		}
		s.filters = append(s.filters, searchFilter{field: f.Field, query: *f.Query, lower: strings.ToLower(*f.Query)})
	}
	if body.Limit != nil {
		if *body.Limit < minLimit || *body.Limit > maxLimit {
			return bad("limit " + strconv.Itoa(*body.Limit) + " must be an integer from 1 to 100")
		}
		s.size = *body.Limit
	}
	if e.pageCap > 0 {
		s.size = min(s.size, e.pageCap)
	}
	switch s.sortBy {
	case sortRelevance, sortRelease, sortPopularity, sortName:
	default:
		return bad("sortBy " + quote(body.SortBy) + " must be relevance, release, popularity or name")
	}
	s.digest = searchDigest(s.filters, s.sortBy)
	if body.Token != "" {
		from, ok := parseSearchToken(body.Token, s.digest)
		if !ok {
			writeBadSearchToken(w, body.Token)
			return search{}, false
		}
		s.from = from
	}
	return s, true
}

// writeBadSearchToken answers 400 for a token this search did not hand out.
func writeBadSearchToken(w http.ResponseWriter, token string) {
	writeError(w, http.StatusBadRequest, CodeInvalidParameter,
		"token "+quote(token)+" is not a token of this search")
}

// searchDigest names the filters and order of a search, so that a token
// is only taken by the search that handed it out.
func searchDigest(filters []searchFilter, sortBy string) string {
	h := sha256.New()
	h.Write([]byte(sortBy + "\n"))
	for _, f := range filters {
		h.Write([]byte(f.field + "\x00" + f.query + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// searchToken is the token of the page that starts at n.
func searchToken(n int, digest string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(searchTokenPrefix + strconv.Itoa(n) + ":" + digest))
}

// parseSearchToken returns the n of token when token is a token of the
// search digest names.
func parseSearchToken(token, digest string) (int, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(raw), searchTokenPrefix)
	if !ok {
		return 0, false
	}
	number, got, ok := strings.Cut(rest, ":")
	if !ok || got != digest || number == "" || strings.Trim(number, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(number)
	if err != nil || strconv.Itoa(n) != number {
		return 0, false
	}
	return n, true
}

// searchInCatalogOrder returns the page of a relevance search: the tracks
// matching s from catalog position s.from on, at most s.size, and the
// position of the next match when there is one. It reports false when
// s.from is beyond the catalog.
func (e *Emulator) searchInCatalogOrder(s search) (page []match, next int, more, ok bool) {
	if s.from > e.catalogLen() {
		return nil, 0, false, false
	}
	page = []match{}
	e.eachCandidate(s, s.from, func(m match) bool {
		if len(page) == s.size {
			next, more = m.pos, true
			return false
		}
		page = append(page, m)
		return true
	})
	return page, next, more, true
}

// searchSorted returns the page of a search in another order than
// relevance: every match sorted, from the s.from-th on. It reports false
// when s.from is beyond the matches.
func (e *Emulator) searchSorted(s search) (page []match, next int, more, ok bool) {
	var all []match
	e.eachCandidate(s, 0, func(m match) bool {
		all = append(all, m)
		return true
	})
	if s.from > len(all) {
		return nil, 0, false, false
	}
	slices.SortStableFunc(all, searchOrder(s.sortBy))
	end := min(s.from+s.size, len(all))
	page = append([]match{}, all[s.from:end]...)
	return page, end, end < len(all), true
}

// searchOrder compares two matches in the order sortBy names; the matches
// come in catalog order, and a stable sort keeps it for ties.
func searchOrder(sortBy string) func(a, b match) int {
	switch sortBy {
	case sortRelease:
		return func(a, b match) int {
			switch {
			case a.track.ReleaseDate == b.track.ReleaseDate:
				return 0
			case a.track.ReleaseDate == "":
				return 1
			case b.track.ReleaseDate == "":
				return -1
			}
			return -strings.Compare(a.track.ReleaseDate, b.track.ReleaseDate)
		}
	case sortPopularity:
		return func(a, b match) int {
			return cmp.Compare(popularity(b.track.ID), popularity(a.track.ID))
		}
	default:
		return func(a, b match) int {
			return strings.Compare(strings.ToLower(a.track.Title), strings.ToLower(b.track.Title))
		}
	}
}

// popularity is the popularity of track id in the order sortBy=popularity:
// the FNV-1a 32-bit hash of the id modulo 1000.
func popularity(id string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(id))
	return int(h.Sum32() % 1000)
}

// eachCandidate hands yield the tracks matching s, in catalog order from
// position from on, until yield returns false. A filter on id, asin, isrc
// or albumId names the few positions to look at; otherwise every position
// is looked at.
func (e *Emulator) eachCandidate(s search, from int, yield func(match) bool) {
	var positions []int
	indexed := false
	for _, f := range s.filters {
		if f.field == fieldCategoryID {
			return
		}
		if p, ok := e.indexedPositions(f); ok && (!indexed || len(p) < len(positions)) {
			positions, indexed = p, true
		}
	}
	try := func(pos int) bool {
		track := e.catalogDetails(e.trackAt(pos))
		for _, f := range s.filters {
			if !f.matches(track) {
				return true
			}
		}
		return yield(match{pos: pos, track: track})
	}
	if indexed {
		slices.Sort(positions)
		for _, pos := range slices.Compact(positions) {
			if pos >= from && !try(pos) {
				return
			}
		}
		return
	}
	for pos := from; pos < e.catalogLen(); pos++ {
		if !try(pos) {
			return
		}
	}
}

// indexedPositions returns the catalog positions of the tracks that may
// match f, a filter on id, asin, isrc or albumId, found from the query
// alone; the caller checks them. It reports false for other filters.
func (e *Emulator) indexedPositions(f searchFilter) ([]int, bool) {
	var positions []int
	generated := func(i int) {
		if i >= 0 && i < e.catalogSize {
			positions = append(positions, len(builtinCatalog)+i)
		}
	}
	switch f.field {
	case fieldID, fieldASIN:
		if p, ok := builtinPositions.byID[f.query]; ok {
			positions = append(positions, p)
		}
		if i, ok := generatedIndex(f.query); ok {
			generated(i)
		}
		if i, ok := digitsIndex(f.query, "B1"); ok {
			generated(i)
		}
	case fieldISRC:
		isrc := strings.ToUpper(f.query)
		positions = append(positions, builtinPositions.byISRC[isrc]...)
		if i, ok := digitsIndex(isrc[min(2, len(isrc)):], "EM"); ok && strings.HasPrefix(isrc, "QZ") {
			// The track that owns it, and the next one, which may share it.
			generated(i)
			generated(i + 1)
		}
	case fieldAlbumID:
		positions = append(positions, builtinPositions.byAlbum[f.query]...)
		if k, ok := generatedAlbumIndex(f.query); ok {
			for i := 10 * k; i < 10*k+10; i++ {
				generated(i)
			}
		}
		if i, ok := generatedIndex(f.query); ok {
			// The album in the url of an aliased track.
			generated(i)
		}
	default:
		return nil, false
	}
	return positions, true
}

// matches reports whether track matches f.
func (f searchFilter) matches(track CatalogTrack) bool {
	switch f.field {
	case fieldID, fieldASIN:
		return track.ID == f.query
	case fieldISRC:
		return track.ISRC != "" && strings.EqualFold(track.ISRC, f.query)
	case fieldAlbumID:
		return albumIDOf(track) == f.query
	case fieldArtistID:
		return slices.ContainsFunc(track.Artists, func(a Artist) bool { return a.ID == f.query })
	case fieldName:
		return f.holds(track.Title)
	case fieldAlbumName:
		return track.Album != nil && f.holds(track.Album.Title)
	case fieldArtistName:
		return slices.ContainsFunc(track.Artists, func(a Artist) bool { return f.holds(a.Name) })
	case matchField:
		return f.holds(track.Title) || (track.Album != nil && f.holds(track.Album.Title)) ||
			slices.ContainsFunc(track.Artists, func(a Artist) bool { return f.holds(a.Name) })
	}
	return false // categoryId
}

// holds reports whether s holds the query, case aside.
func (f searchFilter) holds(s string) bool {
	return s != "" && strings.Contains(strings.ToLower(s), f.lower)
}
