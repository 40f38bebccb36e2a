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
		MarkdownDescription: "Returns the catalog track id, such as `B08DL2BXQC`, of an Amazon Music track URL or of an " +
			"album URL naming the track in `trackAsin`, as the app shares a track, for the `track_id` of " +
			"`amazonmusic_library_track`. It makes no API call.",
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
