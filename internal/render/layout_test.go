package render

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// placed lays out sg as DOT would and returns the positions with the boxes
// they were computed for.
func placed(sg Subgraph) ([]vec, []box) {
	sg = sortedCopy(sg)
	d := newDrawing(sg, Options{})
	sizes := make([]box, len(sg.Nodes))
	for i, n := range sg.Nodes {
		sizes[i] = nodeBox(n, len(d.markers[n.ID]))
	}
	return d.place(sg), sizes
}

// overlapping returns a pair of nodes whose boxes come closer than gap, by
// brute force rather than through the grid the layout itself uses.
func overlapping(pos []vec, sizes []box, gap float64) (int, int, bool) {
	for i := range pos {
		for j := i + 1; j < len(pos); j++ {
			if math.Abs(pos[i].x-pos[j].x) < (sizes[i].w+sizes[j].w)/2+gap &&
				math.Abs(pos[i].y-pos[j].y) < (sizes[i].h+sizes[j].h)/2+gap {
				return i, j, true
			}
		}
	}
	return 0, 0, false
}

// star is a hub with n leaves, the shape on which matching stalls.
func star(n int) Subgraph {
	sg := Subgraph{Nodes: []graph.Actor{{ID: "hub", Kind: graph.KindOrganisation, Name: "Hub"}}}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("leaf%03d", i)
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: id, Kind: graph.KindState, Name: "Leaf " + id})
		sg.Edges = append(sg.Edges, graph.Tie{Key: id, Type: graph.TieMemberOf, From: id, To: "hub"})
	}
	return sg
}

// clique joins every two of n nodes, twice and with a self-loop each, the
// densest input there is.
func clique(prefix string, n int) Subgraph {
	var sg Subgraph
	for i := 0; i < n; i++ {
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: fmt.Sprintf("%s%02d", prefix, i), Kind: graph.KindProgramme, Name: "A rather long programme name"})
	}
	for i, a := range sg.Nodes {
		for _, b := range sg.Nodes[i:] {
			for k := 0; k < 2; k++ {
				sg.Edges = append(sg.Edges, graph.Tie{Key: fmt.Sprintf("%s-%s-%d", a.ID, b.ID, k), Type: graph.TieCooperates, From: a.ID, To: b.ID})
			}
		}
	}
	return sg
}

// islands is several components of different shapes and many lone nodes.
func islands() Subgraph {
	var sg Subgraph
	for _, part := range []Subgraph{clique("c", 12), star(40), synthetic(60, 70)} {
		sg.Nodes = append(sg.Nodes, part.Nodes...)
		sg.Edges = append(sg.Edges, part.Edges...)
	}
	ring := 30
	for i := 0; i < ring; i++ {
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: fmt.Sprintf("r%02d", i), Kind: graph.KindPlace, Name: fmt.Sprintf("Town %d", i)})
		sg.Edges = append(sg.Edges, graph.Tie{Key: fmt.Sprintf("r%d", i), Type: graph.TieBorders,
			From: fmt.Sprintf("r%02d", i), To: fmt.Sprintf("r%02d", (i+1)%ring)})
	}
	for i := 0; i < 25; i++ {
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: fmt.Sprintf("lone%02d", i), Kind: graph.KindInitiative, Name: "Lone initiative"})
	}
	return sg
}

func layoutCases() map[string]Subgraph {
	return map[string]Subgraph{
		"synthetic":  synthetic(1000, 2000),
		"spheres":    spheresFixture().subgraph(),
		"hostile":    hostileFixture().subgraph(),
		"all-types":  allTypesFixture().subgraph(),
		"star":       star(200),
		"clique":     clique("k", 30),
		"islands":    islands(),
		"one node":   synthetic(1, 0),
		"two nodes":  synthetic(2, 1),
		"only lones": synthetic(50, 0),
	}
}

func TestForceLayoutSeparatesNodes(t *testing.T) {
	for name, sg := range layoutCases() {
		t.Run(name, func(t *testing.T) {
			pos, sizes := placed(sg)
			if len(pos) != len(sg.Nodes) {
				t.Fatalf("%d positions for %d nodes", len(pos), len(sg.Nodes))
			}
			for i, p := range pos {
				if math.IsNaN(p.x) || math.IsNaN(p.y) || math.IsInf(p.x, 0) || math.IsInf(p.y, 0) {
					t.Fatalf("node %d at %v", i, p)
				}
			}
			// The DOT rounds to a tenth of a point.
			if i, j, ok := overlapping(pos, sizes, nodeGap-0.2); ok {
				t.Errorf("nodes %d %v %v and %d %v %v are closer than %g pt", i, pos[i], sizes[i], j, pos[j], sizes[j], nodeGap)
			}
		})
	}
}

// Components are packed near one another: the figure is not much larger than
// the boxes it holds and not a long strip.
func TestForceLayoutPacksComponents(t *testing.T) {
	for name, sg := range map[string]Subgraph{"islands": islands(), "only lones": synthetic(50, 0), "synthetic": synthetic(1000, 2000)} {
		t.Run(name, func(t *testing.T) {
			pos, sizes := placed(sg)
			b := boundsOf(pos, sizes)
			var area float64
			for _, s := range sizes {
				area += (s.w + nodeGap) * (s.h + nodeGap)
			}
			if r := b.w() * b.h() / area; r > 12 {
				t.Errorf("figure %.0f x %.0f pt is %.1f times the area of its nodes", b.w(), b.h(), r)
			}
			if r := max(b.w()/b.h(), b.h()/b.w()); r > 2.5 {
				t.Errorf("figure %.0f x %.0f pt has aspect %.1f", b.w(), b.h(), r)
			}
		})
	}
}

func TestForceLayoutDeterministic(t *testing.T) {
	sg := synthetic(1000, 2000)
	opts := Options{Layout: "force", Title: "Synthetic"}
	a, err := DOT(sg, opts)
	if err != nil {
		t.Fatal(err)
	}
	// The same subgraph delivered in another order.
	rev := Subgraph{}
	for i := len(sg.Nodes) - 1; i >= 0; i-- {
		rev.Nodes = append(rev.Nodes, sg.Nodes[i])
	}
	for i := len(sg.Edges) - 1; i >= 0; i-- {
		rev.Edges = append(rev.Edges, sg.Edges[i])
	}
	for _, in := range []Subgraph{sg, rev} {
		b, err := DOT(in, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two force layouts of the same subgraph differ")
		}
	}
}

var posAttr = regexp.MustCompile(`pos="(-?\d+\.\d),(-?\d+\.\d)!"`)

// Above ForceAbove nodes auto places every node in points and names the
// engine that draws without moving them; below, the DOT has no positions.
func TestDOTCarriesPositions(t *testing.T) {
	big, err := DOT(synthetic(ForceAbove+1, 400), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(big, []byte(`layout="nop2"`)) || !bytes.Contains(big, []byte(`splines="line"`)) {
		t.Error("force layout does not ask for nop2 with straight edges")
	}
	nodes := 0
	for _, line := range strings.Split(string(big), "\n") {
		if strings.HasPrefix(line, `  "n`) && !strings.Contains(line, "->") {
			nodes++
			if !posAttr.MatchString(line) {
				t.Errorf("node without a position: %s", line)
			}
		}
	}
	if nodes != ForceAbove+1 {
		t.Errorf("%d node lines, want %d", nodes, ForceAbove+1)
	}
	small, err := DOT(synthetic(ForceAbove, 400), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(small, []byte("pos=")) || bytes.Contains(small, []byte("nop2")) {
		t.Error("a graph below the threshold got positions")
	}
}

// nodeShapes reads the bounding box of each node's outline from Graphviz's
// SVG, by node title: the points of its polygons and paths (whose Bézier
// control points bound the curve) and the extent of its ellipses.
func nodeShapes(t *testing.T, svg []byte) map[string]rect {
	t.Helper()
	out := map[string]rect{}
	dec := xml.NewDecoder(bytes.NewReader(svg))
	depth, nodeDepth := 0, -1
	var title string
	inTitle := false
	num := regexp.MustCompile(`-?\d+(?:\.\d+)?`)
	grow := func(x, y float64) {
		r, ok := out[title]
		if !ok {
			r = rect{x, y, x, y}
		}
		out[title] = rect{min(r.x0, x), min(r.y0, y), max(r.x1, x), max(r.y1, y)}
	}
	attr := func(e xml.StartElement, name string) string {
		for _, a := range e.Attr {
			if a.Name.Local == name {
				return a.Value
			}
		}
		return ""
	}
	f := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("number %q: %v", s, err)
		}
		return v
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if e.Name.Local == "g" && attr(e, "class") == "node" {
				nodeDepth = depth
			}
			if nodeDepth < 0 {
				continue
			}
			switch e.Name.Local {
			case "title":
				inTitle = true
				title = ""
			case "polygon", "path":
				ps := num.FindAllString(attr(e, "points")+" "+attr(e, "d"), -1)
				for i := 0; i+1 < len(ps); i += 2 {
					grow(f(ps[i]), f(ps[i+1]))
				}
			case "ellipse":
				cx, cy, rx, ry := f(attr(e, "cx")), f(attr(e, "cy")), f(attr(e, "rx")), f(attr(e, "ry"))
				grow(cx-rx, cy-ry)
				grow(cx+rx, cy+ry)
			}
		case xml.CharData:
			if inTitle {
				title += string(e)
			}
		case xml.EndElement:
			inTitle = false
			if depth == nodeDepth {
				nodeDepth = -1
			}
			depth--
		}
	}
	return out
}

// Graphviz draws each node inside the box the layout reserved for it, so the
// drawn nodes do not overlap either; both renderers draw the same nodes and
// edges at the same places. The cases cover every shape, the sphere markers
// under a name, and hostile, multi-line and Cyrillic names.
func TestForceLayoutDrawn(t *testing.T) {
	for name, sg := range map[string]Subgraph{
		"synthetic": synthetic(1000, 2000),
		"spheres":   spheresFixture().subgraph(),
		"hostile":   hostileFixture().subgraph(),
		"all-types": allTypesFixture().subgraph(),
	} {
		t.Run(name, func(t *testing.T) { checkDrawn(t, sg) })
	}
}

func checkDrawn(t *testing.T, sg Subgraph) {
	sg = sortedCopy(sg)
	opts := Options{Layout: "force", Title: "Force layout", AsOf: graph.MustDate("2012-02-01")}
	dot, err := DOT(sg, opts)
	if err != nil {
		t.Fatal(err)
	}
	d := newDrawing(sg, opts)
	want := map[string]box{}
	for _, n := range sg.Nodes {
		want[n.ID] = nodeBox(n, len(d.markers[n.ID]))
	}
	renderers := []string{"wasm"}
	if NativeAvailable() {
		renderers = append(renderers, "native")
	}
	centres := map[string]map[string]vec{}
	var docs []svgDoc
	for _, r := range renderers {
		opts.Renderer = r
		svg, err := Render(context.Background(), dot, "svg", opts)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, parseSVG(t, svg))
		shapes := nodeShapes(t, svg)
		if len(shapes) != len(sg.Nodes) {
			t.Fatalf("%s: %d node shapes for %d nodes", r, len(shapes), len(sg.Nodes))
		}
		var ids []string
		var pos []vec
		var got []box
		centres[r] = map[string]vec{}
		for _, n := range sg.Nodes {
			title := strings.Trim(d.name[n.ID], `"`)
			s, b := shapes[title], want[n.ID]
			if s.w() > b.w+0.5 || s.h() > b.h+0.5 {
				t.Errorf("%s: %s (%s %q) drawn %.1f x %.1f, reserved %.1f x %.1f", r, n.ID, styleOfKind(n.Kind).Shape, actorLabel(n), s.w(), s.h(), b.w, b.h)
			}
			c := vec{(s.x0 + s.x1) / 2, (s.y0 + s.y1) / 2}
			ids, pos, got = append(ids, n.ID), append(pos, c), append(got, box{s.w(), s.h()})
			centres[r][n.ID] = c
		}
		if i, j, ok := overlapping(pos, got, 0); ok {
			t.Errorf("%s: %s and %s overlap in the SVG", r, ids[i], ids[j])
		}
	}
	if len(docs) < 2 {
		return
	}
	if a, b := keys(docs[0].nodes), keys(docs[1].nodes); a != b {
		t.Errorf("nodes differ:\nwasm   %s\nnative %s", a, b)
	}
	if a, b := keys(docs[0].edges), keys(docs[1].edges); a != b {
		t.Errorf("edges differ:\nwasm   %s\nnative %s", a, b)
	}
	// The drawings may be shifted as a whole (the title's width differs
	// with the fonts), but not one node against another.
	first := sg.Nodes[0].ID
	w0, n0 := centres["wasm"][first], centres["native"][first]
	for _, n := range sg.Nodes {
		w, x := centres["wasm"][n.ID], centres["native"][n.ID]
		if math.Abs((w.x-w0.x)-(x.x-n0.x)) > 1 || math.Abs((w.y-w0.y)-(x.y-n0.y)) > 1 {
			t.Errorf("%s at %v in wasm, %v in native (relative to %s)", n.ID, w, x, first)
			break
		}
	}
}
