package graph

import (
	"errors"
	"testing"
)

// A document id that names no document is refused with the ones it may
// have meant, instead of answering as a document that attests nothing.
func TestCheckDocuments(t *testing.T) {
	ds := &Dataset{Documents: []Document{{ID: "eucam-watch-11"}, {ID: "general-reference"}}}
	for _, c := range []struct {
		doc, want string
	}{
		{"eucam-watch-11", ""},
		{"eucam-watch-1", `doc: no document has the id "eucam-watch-1" (did you mean eucam-watch-11?)`},
		{"eucam", `doc: no document has the id "eucam" (did you mean eucam-watch-11?)`},
		{"zzz", "doc: no document has the id \"zzz\"; `relmap query --named sources-list` lists the documents"},
	} {
		err := CheckDocuments(ds, map[string]string{"doc": c.doc})
		var de *DocumentError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.doc, err)
		case c.want != "" && (!errors.As(err, &de) || err.Error() != c.want):
			t.Errorf("%s: %v\nwant %s", c.doc, err, c.want)
		}
	}
}
