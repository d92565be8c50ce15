// Package export writes relmap datasets in formats other tools read: GraphML
// for Gephi, NetworkX, yEd and Cytoscape, and a JSON document for scripts.
// (The CSV seed files, which relmap itself reads back, are seed.WriteCSV.)
//
// Output is deterministic: the same datasets give the same bytes, whatever
// order their items come in, so exports can be diffed and kept in version
// control.
package export

import (
	"sort"

	"github.com/relmap/relmap/graph"
)

// sorted returns copies of ds in canonical order: datasets by name, their
// items by ID or key. The datasets passed in are left as they were.
func sorted(ds []*graph.Dataset) []*graph.Dataset {
	out := make([]*graph.Dataset, 0, len(ds))
	for _, d := range ds {
		if d == nil {
			continue
		}
		c := &graph.Dataset{
			Name:      d.Name,
			Documents: append([]graph.Document(nil), d.Documents...),
			Actors:    append([]graph.Actor(nil), d.Actors...),
			Ties:      append([]graph.Tie(nil), d.Ties...),
		}
		c.Sort()
		out = append(out, c)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
