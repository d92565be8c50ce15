package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
)

// comparisonSubgraph turns the ties that decided a comparison into a drawing:
// the states, the organisations, and the programmes through which a state
// sits in a sphere, styled by sphere like every other figure.
func comparisonSubgraph(ds *graph.Dataset, states, orgs []graph.Actor, ties []graph.Tie) render.Subgraph {
	var sg render.Subgraph
	seen := map[string]bool{}
	addNode := func(id string) {
		if seen[id] {
			return
		}
		a, ok := ds.Actor(id)
		if !ok {
			return
		}
		seen[id] = true
		sg.Nodes = append(sg.Nodes, a)
	}
	for _, a := range orgs {
		addNode(a.ID)
	}
	for _, a := range states {
		addNode(a.ID)
	}
	keys := map[string]bool{}
	for _, t := range ties {
		if keys[t.Key] {
			continue
		}
		keys[t.Key] = true
		addNode(t.From)
		addNode(t.To)
		sg.Edges = append(sg.Edges, t)
	}
	// A programme belongs to its organisation's sphere: follow its part_of
	// ties up (IPAP -> PfP -> NATO) so the drawing shows why it is NATO's.
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
			addNode(t.To)
			t.Sources = nil // the structure is not what the figure cites
			sg.Edges = append(sg.Edges, t)
			added = true
		}
	}
	sg.Sort()
	return sg
}

func orgLabels(orgs []graph.Actor) string {
	var s []string
	for _, o := range orgs {
		s = append(s, o.Label())
	}
	return strings.Join(s, ", ")
}

func (o *compareOptions) drawTo(cmd *cobra.Command, ds *graph.Dataset, sg render.Subgraph, title string, asOf graph.Date) error {
	format, err := formatOf(o.output)
	if err != nil {
		return err
	}
	if o.output == "-" {
		return usagef("-o - would mix the drawing with the table on stdout; name a file")
	}
	opts := render.Options{Title: title, AsOf: asOf, Layout: "neato",
		Sources:  captionSources(sg, []*graph.Dataset{ds}),
		Metadata: map[string]string{"command": "relmap compare", "fingerprint": graph.FingerprintOf([]*graph.Dataset{ds}).Hash}}
	return o.g.draw(cmd, sg, opts, format, o.output)
}

func (o *compareOptions) draw(cmd *cobra.Command, ds *graph.Dataset, res *compare.Result) error {
	sg := comparisonSubgraph(ds, res.States, res.Orgs, res.Ties())
	title := fmt.Sprintf("%s spheres in %s", orgLabels(res.Orgs), res.Region)
	return o.drawTo(cmd, ds, sg, title, res.At)
}

// drawDiff draws the deciding ties at both dates as of the later one: ties
// that ended in between are drawn faded, new ones in full.
func (o *compareOptions) drawDiff(cmd *cobra.Command, ds *graph.Dataset, ch *compare.Changes) error {
	var ties []graph.Tie
	for _, c := range ch.Changes {
		ties = append(ties, c.From.Ties...)
		ties = append(ties, c.To.Ties...)
	}
	sg := comparisonSubgraph(ds, ch.States, ch.Orgs, ties)
	title := fmt.Sprintf("Changes in the %s spheres, %s to %s (faded: no longer in force)", orgLabels(ch.Orgs), ch.From, ch.To)
	return o.drawTo(cmd, ds, sg, title, ch.To)
}
