package render

import "github.com/relmap/relmap/graph"

// Place lays out a graph for a drawing that is not Graphviz's, with the same
// force layout as the large views: sizes are each node's width and height in
// points, edges pairs of node indices; the result is each node's centre in
// points. The interactive explorer places every actor once, for all dates,
// so that ties coming and going on its time slider do not move anything.
func Place(sizes [][2]float64, edges [][2]int) [][2]float64 {
	b := make([]box, len(sizes))
	for i, s := range sizes {
		b[i] = box{s[0], s[1]}
	}
	pos := forceLayout(b, edges)
	out := make([][2]float64, len(pos))
	for i, p := range pos {
		out[i] = [2]float64{p.x, p.y}
	}
	return out
}

// TieColour and TieDashed tell another kind of drawing how the diagrams draw
// a tie type, so that both read alike.
func TieColour(t graph.TieType) string { return styleOfTie(t).Colour }

// TieDashed reports whether the diagrams draw tie type t as a dashed or
// dotted line.
func TieDashed(t graph.TieType) bool {
	s := styleOfTie(t).Style
	return s == "dashed" || s == "dotted"
}

// KindFill is the fill colour the diagrams give actors of kind k.
func KindFill(k graph.Kind) string { return styleOfKind(k).Fill }
