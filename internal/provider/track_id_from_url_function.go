package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

var _ function.Function = (*TrackIDFromURLFunction)(nil)

// TrackIDFromURLFunction is the track_id_from_url provider function: it
// returns the catalog track id of an Amazon Music share URL, so that a link
// copied from the app can feed amazonmusic_library_track.
type TrackIDFromURLFunction struct{}

// NewTrackIDFromURLFunction returns the track_id_from_url function.
func NewTrackIDFromURLFunction() function.Function {
	return &TrackIDFromURLFunction{}
}

// Metadata names the function.
func (f *TrackIDFromURLFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "track_id_from_url"
}

// Definition describes the function's parameter and return value.
func (f *TrackIDFromURLFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Returns the catalog track id of an Amazon Music track URL",
		MarkdownDescription: "Returns the catalog track id (10 uppercase letters or digits, such as `B08DL2BXQC`) " +
			"of an Amazon Music track URL, for the `track_id` of `amazonmusic_library_track`. It accepts:\n\n" +
			"* an album URL naming the track in its `trackAsin` query parameter, as Amazon Music shares a track: " +
			"`https://music.amazon.com/albums/B08DL2H5PV/?trackAsin=B08DL2BXQC`;\n" +
			"* a track URL: `https://music.amazon.com/tracks/B08DL2BXQC`;\n" +
			"* a track id on its own, `B08DL2BXQC`, returned as it is.\n\n" +
			"URLs may use `https` or `http` and any Amazon Music site (`music.amazon.com`, `music.amazon.de`, " +
			"`music.amazon.co.uk`, `music.amazon.com.au`, ...), with or without `www.`, " +
			"and may carry other query parameters and a fragment. " +
			"Anything else, such as a playlist URL, an album URL without `trackAsin`, a lower-case id " +
			"or a host that is not an Amazon Music site, is an error that names the accepted forms. " +
			"The function makes no API call. Provider-defined functions need Terraform 1.8 or later.",
		Parameters: []function.Parameter{
			function.StringParameter{
				Name: "url",
				MarkdownDescription: "Amazon Music album URL with a `trackAsin` parameter, track URL, or track id. " +
					"Must not be null.",
			},
		},
		Return: function.StringReturn{},
	}
}

// Run returns the track id of the url argument, or an error on that
// argument saying which forms are accepted.
func (f *TrackIDFromURLFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var url string
	resp.Error = function.ConcatFuncErrors(req.Arguments.Get(ctx, &url))
	if resp.Error != nil {
		return
	}

	id, err := amazonmusic.TrackIDFromURL(url)
	if err != nil {
		resp.Error = function.NewArgumentFuncError(0, err.Error())
		return
	}

	resp.Error = function.ConcatFuncErrors(resp.Result.Set(ctx, id))
}
