# Adopt every track already saved in the library, with no request but the
# listing of the library. The plan then shows the ids track_ids.txt adds and
# those it leaves out: applying it REMOVES from the library every saved track
# that the file does not list, so read the plan first.
import {
  to = amazonmusic_library_tracks.library
  id = "*"
}
