package graph

import (
	"fmt"
	"sort"
	"strings"
)

// DocumentError is a document id that names no document in the graph: a
// question about it would answer nothing and look like a document that
// attests nothing.
type DocumentError struct {
	Param string // the parameter that gave the id
	ID    string
	Known []string // the documents there are, sorted
}

func (e *DocumentError) Error() string {
	var b strings.Builder
	if e.Param != "" {
		b.WriteString(e.Param + ": ")
	}
	fmt.Fprintf(&b, "no document has the id %q", e.ID)
	if near := Nearest(e.ID, e.Known, 3); len(near) > 0 {
		fmt.Fprintf(&b, " (did you mean %s?)", strings.Join(near, " or "))
		return b.String()
	}
	var begins []string
	for _, id := range e.Known {
		if strings.HasPrefix(id, e.ID) {
			begins = append(begins, id)
		}
	}
	if len(begins) > 0 {
		fmt.Fprintf(&b, " (did you mean %s?)", strings.Join(begins, " or "))
		return b.String()
	}
	b.WriteString("; `relmap query --named sources-list` lists the documents")
	return b.String()
}

// CheckDocuments checks that each document id docs gives (by parameter) is
// a document of ds: the first that is not, by parameter name, is a
// *DocumentError.
func CheckDocuments(ds *Dataset, docs map[string]string) error {
	params := make([]string, 0, len(docs))
	for p := range docs {
		params = append(params, p)
	}
	sort.Strings(params)
	var known []string
	have := map[string]bool{}
	for _, d := range ds.Documents {
		known = append(known, d.ID)
		have[d.ID] = true
	}
	sort.Strings(known)
	for _, p := range params {
		if !have[docs[p]] {
			return &DocumentError{Param: p, ID: docs[p], Known: known}
		}
	}
	return nil
}
