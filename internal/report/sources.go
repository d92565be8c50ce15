package report

import (
	"fmt"
	"sort"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
)

// sourceIndex is the sources table and the way citations point into it.
type sourceIndex struct {
	sources []Source
	byID    map[string]int
}

func newSourceIndex(ds *graph.Dataset, at graph.Date) *sourceIndex {
	cited, citedAt := map[string]int{}, map[string]int{}
	for _, a := range ds.Actors {
		for _, c := range a.Sources {
			cited[c.Doc]++
		}
	}
	for _, t := range ds.Ties {
		for _, c := range t.Sources {
			cited[c.Doc]++
			if t.ValidAt(at) {
				citedAt[c.Doc]++
			}
		}
	}
	si := &sourceIndex{byID: map[string]int{}}
	listed := map[string]bool{}
	for _, d := range ds.Documents {
		if listed[d.ID] {
			continue
		}
		listed[d.ID] = true
		title := d.Title
		if title == "" {
			title = d.ID
		}
		si.sources = append(si.sources, Source{ID: d.ID, Title: title, Publisher: d.Publisher,
			Published: d.Published.String(), URL: d.URL, Kind: d.Kind, Cited: cited[d.ID], CitedAt: citedAt[d.ID]})
	}
	var unlisted []string
	for id := range cited {
		if !listed[id] {
			unlisted = append(unlisted, id)
		}
	}
	sort.Strings(unlisted)
	for _, id := range unlisted {
		si.sources = append(si.sources, Source{ID: id, Title: id + " (not in the documents list)", Cited: cited[id], CitedAt: citedAt[id]})
	}
	sort.SliceStable(si.sources, func(i, j int) bool {
		a, b := si.sources[i], si.sources[j]
		if a.Cited != b.Cited {
			return a.Cited > b.Cited
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	for i := range si.sources {
		si.sources[i].Anchor = fmt.Sprintf("src-%d", i+1)
		si.byID[si.sources[i].ID] = i
	}
	return si
}

func (si *sourceIndex) cite(cs []graph.Citation) []Citation {
	var out []Citation
	for _, c := range cs {
		out = append(out, Citation{Doc: c.Doc, Detail: c.Detail()})
		if i, ok := si.byID[c.Doc]; ok {
			out[len(out)-1].Anchor = si.sources[i].Anchor
			out[len(out)-1].Number = i + 1
			out[len(out)-1].Doc = si.sources[i].Title
		}
	}
	return out
}

// docs lists once each document the citations point at, in the order of
// the sources table.
func (si *sourceIndex) docs(ids []string) []Citation {
	seen := map[int]bool{}
	var idx []int
	for _, id := range ids {
		if i, ok := si.byID[id]; ok && !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	out := make([]Citation, len(idx))
	for k, i := range idx {
		out[k] = Citation{Anchor: si.sources[i].Anchor, Number: i + 1, Doc: si.sources[i].Title}
	}
	return out
}

// docsOf lists the documents the drawn ties cite.
func (si *sourceIndex) docsOf(sg render.Subgraph) []Citation {
	var ids []string
	for _, e := range sg.Edges {
		for _, c := range e.Sources {
			ids = append(ids, c.Doc)
		}
	}
	return si.docs(ids)
}

// docsOfCitations lists the documents behind citations.
func (si *sourceIndex) docsOfCitations(cs []graph.Citation) []Citation {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Doc
	}
	return si.docs(ids)
}
