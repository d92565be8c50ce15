package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
)

// chainRecords is a path of n states, one record per tie.
func chainRecords(n int) []graph.Record {
	node := func(i int) graph.Node {
		return nodeOf(graph.Actor{ID: fmt.Sprintf("s%04d", i), Kind: graph.KindState, Name: fmt.Sprintf("State %d", i)})
	}
	var recs []graph.Record
	for i := 1; i < n; i++ {
		rel := graph.Relationship{ElementID: fmt.Sprintf("r%d", i), StartID: fmt.Sprintf("n:s%04d", i-1),
			EndID: fmt.Sprintf("n:s%04d", i), Type: "BORDERS", Props: map[string]any{"key": fmt.Sprintf("k%d", i)}}
		recs = append(recs, graph.Record{Keys: []string{"a", "r", "b"}, Values: []any{node(i - 1), rel, node(i)}})
	}
	return recs
}

var placedNode = regexp.MustCompile(`(?m)^  "s\d{4}" \[.*pos="-?\d+\.\d,-?\d+\.\d!"\];$`)

// --layout force writes every node's position into the DOT, and the same
// document renders to SVG.
func TestRenderForceLayout(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}, records: chainRecords(12)}
	dir := t.TempDir()
	for _, name := range []string{"f.dot", "f.svg"} {
		if _, stderr, code := run(t, f, "render", "MATCH p=()-[:BORDERS]->() RETURN p", "--layout", "force", "-o", filepath.Join(dir, name)); code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
	}
	dot, _ := os.ReadFile(filepath.Join(dir, "f.dot"))
	if !strings.Contains(string(dot), `layout="nop2"`) || len(placedNode.FindAll(dot, -1)) != 12 {
		t.Errorf("DOT does not place all 12 nodes for nop2:\n%s", dot)
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "f.svg"))
	if n := strings.Count(string(svg), `class="node"`); n != 12 {
		t.Errorf("SVG has %d nodes, want 12", n)
	}
}

// A view keeps its own engine up to render.ForceAbove actors (which the
// exported DOT leaves to the reader to choose, with the attributes of the
// view's layout: ranks for a neighbourhood); above, auto places the nodes in Go like any other large
// subgraph, and the DOT names the engine that draws those positions.
func TestRenderLargeViewIsPlaced(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		actors int
		layout string
	}{{render.ForceAbove, `rankdir=`}, {render.ForceAbove + 1, `layout="nop2"`}} {
		f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}, records: chainRecords(c.actors)}
		path := filepath.Join(dir, fmt.Sprintf("v%d.dot", c.actors))
		if _, stderr, code := run(t, f, "render", "--view", "neighbourhood", "--param", "id=s0000", "--depth", "2", "--at", "2012-02-01", "-o", path); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		dot, _ := os.ReadFile(path)
		if !strings.Contains(string(dot), c.layout) {
			t.Errorf("%d actors: DOT lacks %s", c.actors, c.layout)
		}
		if c.actors <= render.ForceAbove && strings.Contains(string(dot), "layout=") {
			t.Errorf("%d actors: the exported DOT names its engine", c.actors)
		}
	}
}
