package render

import (
	"bytes"
	"testing"

	"github.com/goccy/go-graphviz"

	"github.com/relmap/relmap/graph"
)

// FuzzDOT feeds arbitrary text into every place a name, attribute, note or
// source reaches the DOT builder. Whatever the text, the DOT must parse, hold
// exactly the nodes and edges given (text can add none), and be the same on
// a second build.
func FuzzDOT(f *testing.F) {
	for _, s := range []string{"", "Kazakhstan", "Қазақстан", `<script>alert(1)</script>`, `"q" & <b>`,
		`a\Nb\G\\`, "line\nbreak", "}; node [shape=box]; x -> y; {", `</TD></TR></TABLE>>`, "\x00\x7f", "&#92;"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, name, attr string) {
		sg := Subgraph{
			Nodes: []graph.Actor{
				{ID: "kazakhstan", Kind: graph.KindState, Name: name, Short: attr},
				{ID: "csto", Kind: graph.KindOrganisation, Name: attr},
				{ID: "pfp", Kind: graph.KindProgramme, Name: name},
			},
			Edges: []graph.Tie{
				{Key: "k1", Type: graph.TieMemberOf, From: "kazakhstan", To: "csto", Attrs: map[string]string{"role": attr}, Sources: []graph.Citation{{Doc: name}}},
				{Key: "k2", Type: graph.TieParticipates, From: "kazakhstan", To: "pfp", Attrs: map[string]string{"status": name}},
			},
		}
		opts := Options{Title: name, Sources: []string{attr}, TieLabels: true, Metadata: map[string]string{"query": name}}
		dot, err := DOT(sg, opts)
		if err != nil {
			return // refusing input is allowed; crashing or misparsing is not
		}
		again, _ := DOT(sg, opts)
		if !bytes.Equal(dot, again) {
			t.Fatal("DOT is not deterministic")
		}
		nodes, edges, err := count(dot)
		if err != nil {
			t.Fatalf("DOT does not parse: %v\n%s", err, dot)
		}
		if nodes != 3 || edges != 2 {
			t.Fatalf("text changed the graph: %d nodes, %d edges\n%s", nodes, edges, dot)
		}
	})
}

// count parses dot with the WebAssembly Graphviz, as Render does.
func count(dot []byte) (nodes, edges int, err error) {
	err = withParsed(dot, func(g *graphviz.Graph) error {
		if nodes, err = g.NodeNum(); err == nil {
			edges, err = g.EdgeNum()
		}
		return err
	})
	return nodes, edges, err
}
