package provider

import (
	"bytes"
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/vmihailenco/msgpack/v5"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// readPlaylistsState lists every playlist of the current user in pages of
// pageSize (nil: the API's default) and returns the data source's state as
// the plugin protocol carries it, with page_size as configured.
//
// A user may own tens of thousands of playlists, so the state is written
// straight from the API's answers in the protocol's MessagePack form: the
// framework's values of them, their copies and its checks of them would
// take several hundred megabytes and seconds (see BENCHMARKS.md).
func readPlaylistsState(ctx context.Context, client *amazonmusic.Client, pageSize *int64) (*tfprotov6.DynamicValue, diag.Diagnostics) {
	var diags diag.Diagnostics
	size := amazonmusic.DefaultPageSize
	if pageSize != nil {
		size = int(*pageSize)
	}
	tflog.Debug(ctx, "Reading playlists", map[string]interface{}{"page_size": size})

	userID, playlists, err := client.Playlists(ctx, size)
	if err != nil {
		diags.AddError(playlistsReadFailed,
			"The Amazon Music API could not list the current user's playlists: "+err.Error())
		return nil, diags
	}
	state, err := encodePlaylistsState(pageSize, userID, playlists)
	if err != nil {
		diags.AddError(playlistsReadFailed, "Writing the state of the playlists failed: "+err.Error())
		return nil, diags
	}

	tflog.Debug(ctx, "Read playlists", map[string]interface{}{"count": len(playlists)})
	return &tfprotov6.DynamicValue{MsgPack: state}, diags
}

// playlistsReadFailed is the summary of the errors of a read of
// amazonmusic_playlists.
const playlistsReadFailed = "Unable to read playlists"

// encodePlaylistsState writes the data source's state: an object of the
// attributes of the data source's schema. Fields the API left out are null;
// an empty list the API sent stays empty.
//
// The attributes of every object are written in the order of their names,
// as tftypes writes them: the bytes are those the framework would send for
// the same state (TestEncodePlaylistsStateMatchesTheFramework).
func encodePlaylistsState(pageSize *int64, userID string, playlists []amazonmusic.Playlist) ([]byte, error) {
	var buf bytes.Buffer
	w := msgpackWriter{enc: msgpack.NewEncoder(&buf)}

	w.object(3)
	w.key("page_size")
	w.int64(pageSize)
	w.key("playlists")
	w.array(len(playlists))
	for i := range playlists {
		w.playlist(&playlists[i])
	}
	w.key("user_id")
	if userID == "" {
		w.null()
	} else {
		w.string(&userID)
	}
	return buf.Bytes(), w.err
}

// playlist writes one element of playlists.
func (w *msgpackWriter) playlist(p *amazonmusic.Playlist) {
	w.object(playlistAttributeCount)
	w.playlistAttributes(p)
}

// playlistAttributeCount is how many attributes playlistAttributes writes.
const playlistAttributeCount = 9

// playlistAttributes writes the attributes of a playlist, in the order of
// their names, as the framework writes them.
func (w *msgpackWriter) playlistAttributes(p *amazonmusic.Playlist) {
	w.key("curator_id")
	if p.Curator == nil {
		w.null()
	} else {
		w.string(&p.Curator.ID)
	}
	w.key("duration")
	w.int64(p.Duration)
	w.key("eligibility")
	w.eligibility(p.Eligibility)
	w.key("id")
	w.string(&p.ID)
	w.key("images")
	writeList(w, p.Images, func(img *amazonmusic.Image) {
		w.object(2)
		w.key("image_type")
		w.string(img.ImageType)
		w.key("url")
		w.string(img.URL)
	})
	w.key("title")
	w.string(p.Title)
	w.key("track_count")
	w.int64(p.TrackCount)
	w.key("url")
	w.string(p.URL)
	w.key("visibility")
	w.string(p.Visibility)
}

// eligibility writes a playlist's eligibility.
func (w *msgpackWriter) eligibility(e *amazonmusic.Eligibility) {
	if e == nil {
		w.null()
		return
	}
	var canPlayOnDemand *bool
	var shuffleType *string
	if e.Playback != nil {
		canPlayOnDemand, shuffleType = e.Playback.CanPlayOnDemand, e.Playback.ShuffleType
	}
	w.object(7)
	w.key("can_play_on_demand")
	w.bool(canPlayOnDemand)
	w.key("is_downloadable")
	w.bool(e.IsDownloadable)
	w.key("is_previewable")
	w.bool(e.IsPreviewable)
	w.key("is_prime_eligible")
	w.bool(e.IsPrimeEligible)
	w.key("is_purchaseable")
	w.bool(e.IsPurchaseable)
	w.key("playback_subscription_tiers")
	writeList(w, e.PlaybackSubscriptionTiers, w.string)
	w.key("shuffle_type")
	w.string(shuffleType)
}

// msgpackWriter writes values in the plugin protocol's MessagePack form, the
// one tftypes and Terraform decode, and keeps the first error.
type msgpackWriter struct {
	enc *msgpack.Encoder
	err error
}

func (w *msgpackWriter) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

// object starts an object of n attributes: n keys, each followed by its
// value.
func (w *msgpackWriter) object(n int) { w.keep(w.enc.EncodeMapLen(n)) }

// array starts a list of n elements.
func (w *msgpackWriter) array(n int) { w.keep(w.enc.EncodeArrayLen(n)) }

func (w *msgpackWriter) key(name string) { w.keep(w.enc.EncodeString(name)) }

func (w *msgpackWriter) null() { w.keep(w.enc.EncodeNil()) }

// string, int64 and bool write a string, number or bool attribute: null
// when the pointer is nil.
func (w *msgpackWriter) string(s *string) { writeOptional(w, s, w.enc.EncodeString) }

func (w *msgpackWriter) int64(n *int64) { writeOptional(w, n, w.enc.EncodeInt) }

func (w *msgpackWriter) bool(b *bool) { writeOptional(w, b, w.enc.EncodeBool) }

// writeList writes a list of elems, each with write, or null when elems is
// nil: an empty list the API sent stays empty.
func writeList[T any](w *msgpackWriter, elems []T, write func(*T)) {
	if elems == nil {
		w.null()
		return
	}
	w.array(len(elems))
	for i := range elems {
		write(&elems[i])
	}
}

// writeOptional writes *v with encode, or null when v is nil.
func writeOptional[T any](w *msgpackWriter, v *T, encode func(T) error) {
	if v == nil {
		w.null()
		return
	}
	w.keep(encode(*v))
}
