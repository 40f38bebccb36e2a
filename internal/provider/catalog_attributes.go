package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/amazonmusic-community/terraform-provider-amazonmusic/internal/amazonmusic"
)

// The attributes that the catalog's objects share (the album of a track,
// the artists of a track or an album, the images of an album or the user),
// as schema attributes and as values built from the API's answers. Values
// the API leaves out are null.

// Attribute types of a track's album, of an artist and of an image with
// its size.
var (
	trackAlbumAttrTypes = map[string]attr.Type{
		"id": types.StringType, "title": types.StringType, "url": types.StringType,
	}
	trackArtistAttrTypes = map[string]attr.Type{
		"id": types.StringType, "name": types.StringType, "url": types.StringType,
	}
	sizedImageAttrTypes = map[string]attr.Type{
		"url": types.StringType, "height": types.Int64Type, "width": types.Int64Type,
	}
)

// albumAttribute is the computed album of a track.
func albumAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: "Album of the track; null when the API names none.",
		Computed:            true,
		Attributes: map[string]schema.Attribute{
			"id":    schema.StringAttribute{MarkdownDescription: "Catalog id of the album.", Computed: true},
			"title": schema.StringAttribute{MarkdownDescription: "Title of the album.", Computed: true},
			"url":   schema.StringAttribute{MarkdownDescription: "Amazon Music web page of the album.", Computed: true},
		},
	}
}

// artistsAttribute is the computed list of artists of a track or an album,
// as of names it.
func artistsAttribute(of string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Artists of the " + of + ", in the API's order; null when the API names none.",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"id":   schema.StringAttribute{MarkdownDescription: "Catalog id of the artist.", Computed: true},
				"name": schema.StringAttribute{MarkdownDescription: "Name of the artist.", Computed: true},
				"url":  schema.StringAttribute{MarkdownDescription: "Amazon Music web page of the artist.", Computed: true},
			},
		},
	}
}

// imagesAttribute is the computed list of images of an album or the user,
// described as what.
func imagesAttribute(what string) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: what + ", in the API's order; null when the API answers none.",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"url":    schema.StringAttribute{MarkdownDescription: "Address of the image.", Computed: true},
				"height": schema.Int64Attribute{MarkdownDescription: "Height of the image in pixels.", Computed: true},
				"width":  schema.Int64Attribute{MarkdownDescription: "Width of the image in pixels.", Computed: true},
			},
		},
	}
}

// albumValue is the album attribute of a catalog track: null when the API
// names none, and each of its values null when the API leaves it out.
func albumValue(a *amazonmusic.Album) (types.Object, diag.Diagnostics) {
	if a == nil {
		return types.ObjectNull(trackAlbumAttrTypes), nil
	}
	return types.ObjectValue(trackAlbumAttrTypes, map[string]attr.Value{
		"id": types.StringPointerValue(a.ID), "title": types.StringPointerValue(a.Title), "url": types.StringPointerValue(a.URL),
	})
}

// artistsValue is the artists attribute of a catalog track, in the API's
// order: null when the API names none.
func artistsValue(artists []amazonmusic.Artist) (types.List, diag.Diagnostics) {
	artistType := types.ObjectType{AttrTypes: trackArtistAttrTypes}
	if artists == nil {
		return types.ListNull(artistType), nil
	}
	var diags diag.Diagnostics
	values := make([]attr.Value, 0, len(artists))
	for _, a := range artists {
		artist, d := types.ObjectValue(trackArtistAttrTypes, map[string]attr.Value{
			"id": types.StringPointerValue(a.ID), "name": types.StringPointerValue(a.Name), "url": types.StringPointerValue(a.URL),
		})
		diags.Append(d...)
		values = append(values, artist)
	}
	list, d := types.ListValue(artistType, values)
	diags.Append(d...)
	return list, diags
}

// imagesList is the list of images of an album or the user: null when the
// API answered none.
func imagesList(images []amazonmusic.Image, diags *diag.Diagnostics) types.List {
	sizedImageType := types.ObjectType{AttrTypes: sizedImageAttrTypes}
	if images == nil {
		return types.ListNull(sizedImageType)
	}
	values := make([]attr.Value, 0, len(images))
	for _, img := range images {
		image, d := types.ObjectValue(sizedImageAttrTypes, map[string]attr.Value{
			"url": types.StringPointerValue(img.URL), "height": types.Int64PointerValue(img.Height), "width": types.Int64PointerValue(img.Width),
		})
		diags.Append(d...)
		values = append(values, image)
	}
	list, d := types.ListValue(sizedImageType, values)
	diags.Append(d...)
	return list
}
