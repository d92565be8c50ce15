package views

import (
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
)

// Subgraph turns ties into a drawing: their ends, the states and
// organisations given (drawn even when no tie reaches them), and the
// programmes' place in their organisations: each programme's part_of ties
// are followed up (IPAP -> PfP -> NATO) so the figure shows why a programme
// is NATO's. Those structure ties are drawn without their citations, which
// are about the structure, not about what the figure shows.
func Subgraph(ds *graph.Dataset, states, orgs []graph.Actor, ties []graph.Tie) render.Subgraph {
	sg, seen, keys := plain(ds, states, orgs, ties)
	for added := true; added; {
		added = false
		for _, t := range ds.Ties {
			if t.Type != graph.TiePartOf || !seen[t.From] || keys[t.Key] {
				continue
			}
			if a, _ := ds.Actor(t.From); a.Kind != graph.KindProgramme {
				continue
			}
			keys[t.Key] = true
			if a, ok := ds.Actor(t.To); ok && !seen[t.To] {
				seen[t.To] = true
				sg.Nodes = append(sg.Nodes, a)
			}
			t.Sources = nil
			sg.Edges = append(sg.Edges, t)
			added = true
		}
	}
	sg.Sort()
	return sg
}

func plain(ds *graph.Dataset, states, orgs []graph.Actor, ties []graph.Tie) (render.Subgraph, map[string]bool, map[string]bool) {
	var sg render.Subgraph
	seen := map[string]bool{}
	add := func(id string) {
		if seen[id] {
			return
		}
		if a, ok := ds.Actor(id); ok {
			seen[id] = true
			sg.Nodes = append(sg.Nodes, a)
		}
	}
	for _, a := range orgs {
		add(a.ID)
	}
	for _, a := range states {
		add(a.ID)
	}
	keys := map[string]bool{}
	for _, t := range ties {
		if keys[t.Key] {
			continue
		}
		keys[t.Key] = true
		add(t.From)
		add(t.To)
		sg.Edges = append(sg.Edges, t)
	}
	return sg, seen, keys
}

// Figure is a view ready to draw: its subgraph and how to draw it.
type Figure struct {
	Title  string
	Layout string
	AsOf   graph.Date
	Graph  render.Subgraph
}

func orgLabels(orgs []graph.Actor) []string {
	var s []string
	for _, o := range orgs {
		s = append(s, o.Label())
	}
	return s
}

// AndList joins words as prose: "a, b and c".
func AndList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ComparisonLayout is the engine of the comparison figures: the states sit
// between the organisations they belong to, which no rank order shows.
const ComparisonLayout = "neato"

// Comparison is the figure of a comparison: the ties that decided its
// cells, with the states and organisations.
func Comparison(ds *graph.Dataset, res *compare.Result) Figure {
	return Figure{Title: fmt.Sprintf("The %s spheres in %s", AndList(orgLabels(res.Orgs)), RegionName(res.Region)),
		Layout: ComparisonLayout, AsOf: res.At, Graph: Subgraph(ds, res.States, res.Orgs, res.Ties())}
}

// Changes draws the deciding ties at both dates as of the later one: ties
// that ended in between are drawn faded, new ones in full.
func Changes(ds *graph.Dataset, ch *compare.Changes) Figure {
	var ties []graph.Tie
	for _, c := range ch.Changes {
		ties = append(ties, c.From.Ties...)
		ties = append(ties, c.To.Ties...)
	}
	return Figure{Title: fmt.Sprintf("Changes in the %s spheres, %s to %s (faded: no longer in force)", AndList(orgLabels(ch.Orgs)), ch.From, ch.To),
		Layout: ComparisonLayout, AsOf: ch.To, Graph: Subgraph(ds, ch.States, ch.Orgs, ties)}
}

// Caption names the documents cited by the drawn ties, by title and date,
// sorted, for a figure's caption.
func Caption(sg render.Subgraph, snap []*graph.Dataset) []string {
	titles := map[string]string{}
	for _, d := range snap {
		for _, doc := range d.Documents {
			t := doc.Title
			if !doc.Published.IsZero() {
				t += " (" + doc.Published.String() + ")"
			}
			titles[doc.ID] = t
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range sg.Edges {
		for _, id := range graph.CitedDocs(e.Sources) {
			if t, ok := titles[id]; ok && !seen[id] {
				seen[id] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}
