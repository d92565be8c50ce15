package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figcheck"
)

// hubFixture is one actor and its ties: members it belongs to, places
// located in it, states it borders, and one programme whose sources stop
// before the figure's date, so that on hubDay it is drawn unconfirmed.
func hubFixture() Subgraph {
	sg := Subgraph{Nodes: []graph.Actor{{ID: "hub", Kind: graph.KindState, Name: "Hub"}}}
	add := func(id string, k graph.Kind, typ graph.TieType, from, to string) {
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: id, Kind: k, Name: strings.ToUpper(id[:1]) + id[1:]})
		sg.Edges = append(sg.Edges, graph.Tie{Key: string(typ) + "-" + id, Type: typ, From: from, To: to,
			Since: graph.MustDate("2001"), Attested: graph.MustDate("2026")})
	}
	for i := 0; i < 12; i++ {
		id := fmt.Sprintf("org%02d", i)
		add(id, graph.KindOrganisation, graph.TieMemberOf, "hub", id)
	}
	for i := 0; i < 4; i++ {
		id := fmt.Sprintf("place%d", i)
		add(id, graph.KindPlace, graph.TieLocatedIn, id, "hub")
	}
	for i := 0; i < 3; i++ {
		id := fmt.Sprintf("state%d", i)
		add(id, graph.KindState, graph.TieBorders, "hub", id)
	}
	add("trust-fund", graph.KindInitiative, graph.TieSupports, "hub", "trust-fund")
	sg.Nodes[len(sg.Nodes)-1].Name = "Trust fund on weapon storage management"
	add("zprog", graph.KindProgramme, graph.TieParticipates, "hub", "zprog")
	sg.Edges[len(sg.Edges)-1].Attested = graph.MustDate("2010")
	return sg
}

var hubDay = graph.MustDate("2012-02-01")

// One actor's many ties drawn with dot stand in two columns either side
// of it, long names wrapped, so the figure is taller than wide and prints
// above 6 pt; every arrow still points where its tie does, and an
// unconfirmed tie, whose tail arrow Graphviz would paint in the double
// line's transparent gap, is never written head first.
func TestStarInColumns(t *testing.T) {
	sg := hubFixture()
	opts := Options{Layout: "dot", AsOf: hubDay, Title: "Ties of Hub"}
	dot, err := DOT(sg, opts)
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	// A long name is broken over lines: the longest name in a column sets
	// the figure's width.
	if !strings.Contains(s, "label=<Trust fund on weapon<BR/>storage management>") {
		t.Error("the long name is not wrapped")
	}
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(line, " -> ") {
			continue
		}
		back := strings.Contains(line, `dir="back"`)
		if back != strings.Contains(line, "arrowtail=") && !strings.Contains(line, `dir="none"`) {
			t.Errorf("an edge written head first without its arrow moved to the tail: %s", line)
		}
		if strings.Contains(line, `"zprog" -> "hub"`) {
			t.Errorf("the unconfirmed tie is written head first: %s", line)
		}
	}
	opts.Renderer = "wasm"
	svg, err := Render(t.Context(), dot, "svg", opts)
	if err != nil {
		t.Fatal(err)
	}
	fig, err := figcheck.Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	var hub figcheck.Node
	for _, n := range fig.Nodes {
		if n.Name == "hub" {
			hub = n
		}
	}
	left, right := 0, 0
	for _, n := range fig.Nodes {
		switch {
		case n.Name == "hub":
		case n.Box.MaxX < hub.Box.MinX:
			left++
		case n.Box.MinX > hub.Box.MaxX:
			right++
		default:
			t.Errorf("%s is in the hub's column", n.Name)
		}
	}
	if left+right != len(sg.Nodes)-1 || left-right > 1 || right-left > 1 {
		t.Errorf("%d neighbours left of the hub and %d right, want %d split evenly", left, right, len(sg.Nodes)-1)
	}
	r := figcheck.Check(fig)
	if fig.Width >= fig.Height || r.MinTextPt < 6 || r.EdgesThroughNodes != 0 || r.LabelCollisions != 0 || r.LegendTruth() != 1 {
		t.Errorf("%.0f x %.0f pt: %s", fig.Width, fig.Height, r)
	}

	// A radial engine, or a graph that is not a star, is drawn as before.
	for _, c := range []struct {
		sg     Subgraph
		layout string
	}{{sg, "twopi"}, {spheresFixture().subgraph(), "dot"}} {
		dot, err := DOT(c.sg, Options{Layout: c.layout, AsOf: hubDay})
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(dot), `dir="back"`) {
			t.Errorf("%s: edges written head first outside a star drawn with dot", c.layout)
		}
	}
}
