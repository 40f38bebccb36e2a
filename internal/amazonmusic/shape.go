package amazonmusic

import (
	"bytes"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
)

// Bounds of a shape.
const (
	maxShapeDepth   = 6
	maxShapeMembers = 12
	maxShapeRunes   = 300
)

// shape describes a JSON answer by its member names and the kinds of its
// values, never the values themselves, for messages about answers the
// client cannot use: {"data":{"createPlaylist":{"ok":true}}} is
// {data:{createPlaylist:{ok:bool}}}. Objects show their members in name
// order, lists the shape of their first element; deeper levels, further
// members and long shapes are cut with "...".
func shape(raw []byte) string {
	raw = bytes.TrimSpace(raw)
	var v any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		return "not JSON (" + strconv.Itoa(len(raw)) + " bytes)"
	}
	var b strings.Builder
	writeShape(&b, v, 0)
	return sanitize(b.String(), maxShapeRunes)
}

// writeShape writes the shape of v, depth levels down.
func writeShape(b *strings.Builder, v any, depth int) {
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString("bool")
	case json.Number:
		b.WriteString("number")
	case string:
		b.WriteString("string")
	case []any:
		switch {
		case len(v) == 0:
			b.WriteString("[]")
		case depth >= maxShapeDepth:
			b.WriteString("[...]")
		default:
			b.WriteByte('[')
			writeShape(b, v[0], depth+1)
			if len(v) > 1 {
				b.WriteString(", ...")
			}
			b.WriteByte(']')
		}
	case map[string]any:
		writeObjectShape(b, v, depth)
	}
}

// writeObjectShape writes the shape of an object.
func writeObjectShape(b *strings.Builder, obj map[string]any, depth int) {
	if len(obj) == 0 {
		b.WriteString("{}")
		return
	}
	if depth >= maxShapeDepth {
		b.WriteString("{...}")
		return
	}
	names := make([]string, 0, len(obj))
	for name := range obj {
		names = append(names, name)
	}
	slices.Sort(names)
	b.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		if i == maxShapeMembers {
			b.WriteString("...")
			break
		}
		b.WriteString(sanitize(name, 40))
		b.WriteByte(':')
		writeShape(b, obj[name], depth+1)
	}
	b.WriteByte('}')
}
