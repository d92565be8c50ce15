package figcheck

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// svg wraps hand-made elements in a Graphviz-like document 481.89 pt wide
// (17 cm), so that print sizes read back as the font sizes written.
func svg(body ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<svg width="481.89pt" height="300pt" viewBox="0 0 481.89 300" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="translate(4 296)">
<title>g</title>
<polygon fill="white" stroke="none" points="-4,4 -4,-296 478,-296 478,4 -4,4"/>
` + strings.Join(body, "\n") + `
</g>
</svg>`)
}

// box is a node drawn as a polygon with its name as text.
func box(name string, x, y, w, h float64) string {
	return fmt.Sprintf(`<g id="node_%s" class="node"><title>%s</title>
<polygon fill="#f5f5f5" stroke="#444444" points="%g,%g %g,%g %g,%g %g,%g %g,%g"/>
<text text-anchor="middle" x="%g" y="%g" font-family="Helvetica,sans-Serif" font-size="11.00">%s</text>
</g>`, name, name, x, y, x+w, y, x+w, y+h, x, y+h, x, y, x+w/2, y+h/2+4, name)
}

// ellipse is a node drawn as an ellipse.
func ellipse(name string, cx, cy, rx, ry float64) string {
	return fmt.Sprintf(`<g id="node_%s" class="node"><title>%s</title>
<ellipse fill="#dcebf7" stroke="#444444" cx="%g" cy="%g" rx="%g" ry="%g"/>
</g>`, name, name, cx, cy, rx, ry)
}

// edge is a tie drawn as one cubic Bézier from a to b (control points a
// third of the way), with an optional label at lx, ly.
func edge(id, typ, from, to string, ax, ay, bx, by float64, colour, width, dash, label string, lx, ly float64) string {
	da := ""
	if dash != "" {
		da = fmt.Sprintf(` stroke-dasharray="%s"`, dash)
	}
	lbl := ""
	if label != "" {
		lbl = fmt.Sprintf(`<text text-anchor="start" x="%g" y="%g" font-family="Helvetica,sans-Serif" font-size="9.00" fill="%s">%s</text>`, lx, ly, colour, label)
	}
	return fmt.Sprintf(`<g id="%s" class="edge"><title>%s&#45;&gt;%s</title>
<g id="a_%s"><a xlink:title="%s: %s → %s">
<path fill="none" stroke="%s" stroke-width="%s"%s d="M%g,%gC%g,%g %g,%g %g,%g"/>
<polygon fill="%s" stroke="%s" points="%g,%g %g,%g %g,%g"/>
</a></g>
%s
</g>`, id, from, to, id, typ, from, to, colour, width, da,
		ax, ay, ax+(bx-ax)/3, ay+(by-ay)/3, ax+2*(bx-ax)/3, ay+2*(by-ay)/3, bx, by,
		colour, colour, bx, by, bx-3, by-3, bx-3, by+3, lbl)
}

// graphText is a text of the graph's own label.
func graphText(x, y, size float64, s string) string {
	return fmt.Sprintf(`<text text-anchor="start" x="%g" y="%g" font-family="Helvetica,sans-Serif" font-size="%g">%s</text>`, x, y, size, s)
}

// swatch is a legend line of n cells of length seg with gaps between.
func swatch(x, y float64, colour string, height, seg, gap float64, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		x0 := x + float64(i)*(seg+gap)
		fmt.Fprintf(&b, `<polygon fill="%s" stroke="none" points="%g,%g %g,%g %g,%g %g,%g %g,%g"/>`+"\n",
			colour, x0, y, x0+seg, y, x0+seg, y+height, x0, y+height, x0, y)
	}
	return b.String()
}

func check(t *testing.T, doc []byte) Report {
	t.Helper()
	f, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	return Check(f)
}

func TestEdgesThroughNodes(t *testing.T) {
	a, b, c := box("a", 0, -100, 60, 30), box("b", 300, -100, 60, 30), box("c", 150, -100, 60, 30)
	cUp := box("c", 150, -160, 60, 30)
	el := ellipse("c", 180, -85, 30, 15)
	for _, tc := range []struct {
		name string
		doc  []byte
		want int
	}{
		{"straight through a box", svg(a, b, c, edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)), 1},
		{"through an ellipse", svg(a, b, el, edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)), 1},
		{"clear of the box", svg(a, b, cUp, edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)), 0},
		// Grazing the outline by less than the tolerance is not passing through.
		{"grazing", svg(a, b, box("c", 150, -84, 60, 30), edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)), 0},
		// Its own ends do not count.
		{"ends", svg(a, b, edge("edge1", "member_of", "a", "b", 30, -85, 330, -85, "#0072b2", "2", "", "", 0, 0)), 0},
		// An edge counts once however many nodes it crosses.
		{"two nodes, one edge", svg(a, b, c, box("d", 230, -100, 40, 30), edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			if r.EdgesThroughNodes != tc.want {
				t.Errorf("edges through nodes = %d, want %d (%v)", r.EdgesThroughNodes, tc.want, r.Problems)
			}
		})
	}
}

func TestLabelCollisions(t *testing.T) {
	a, b, c := box("a", 0, -100, 60, 30), box("b", 300, -100, 60, 30), box("c", 0, -200, 60, 30)
	e1 := func(lx, ly float64) string {
		return edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#009e73", "2", "5,2", "observer", lx, ly)
	}
	e2 := func(lx, ly float64) string {
		return edge("edge2", "member_of", "c", "b", 60, -185, 300, -90, "#009e73", "2", "5,2", "observer", lx, ly)
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		want int
	}{
		{"apart", svg(a, b, c, e1(150, -90), e2(150, -150)), 0},
		{"observer observer", svg(a, b, c, e1(150, -90), e2(170, -92)), 1},
		{"label on a node", svg(a, b, c, e1(10, -85), e2(150, -150)), 1},
		// A node's own name is inside it.
		{"own name", svg(a, b), 0},
		{"legend over a node", svg(a, b, graphText(5, -90, 9, "Sources: a long caption")), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			if r.LabelCollisions != tc.want {
				t.Errorf("label collisions = %d, want %d (%v)", r.LabelCollisions, tc.want, r.Problems)
			}
		})
	}
}

func TestPrintSize(t *testing.T) {
	doc := svg(box("a", 0, -100, 60, 30), graphText(0, -200, 7, "caption"))
	if r := check(t, doc); math.Abs(r.MinTextPt-7) > 0.01 {
		t.Errorf("smallest text = %.2f pt, want 7 (the figure is 17 cm wide)", r.MinTextPt)
	}
	// Twice as wide: scaled to half, the 11 pt name prints at 5.5 pt.
	wide := strings.Replace(string(svg(box("a", 0, -100, 60, 30))), `width="481.89pt"`, `width="963.78pt"`, 1)
	if r := check(t, []byte(wide)); math.Abs(r.MinTextPt-5.5) > 0.01 {
		t.Errorf("smallest text = %.2f pt, want 5.5", r.MinTextPt)
	}
}

func TestLegendTruth(t *testing.T) {
	nodes := box("a", 0, -100, 60, 30) + box("b", 300, -100, 60, 30) + box("c", 0, -200, 60, 30)
	blue := edge("edge1", "member_of", "a", "b", 60, -85, 300, -85, "#0072b2", "2", "", "", 0, 0)
	dotted := edge("edge2", "part_of", "c", "b", 60, -185, 300, -90, "#999999", "1", "1,5", "", 0, 0)
	entry := func(y float64, colour string, h, seg, gap float64, n int, label string) string {
		return swatch(10, y, colour, h, seg, gap, n) + graphText(40, y+3, 9, label)
	}
	for _, tc := range []struct {
		name             string
		body             []string
		true, entries, n int
	}{
		{"true", []string{nodes, blue, dotted,
			entry(-280, "#0072b2", 2, 24, 0, 1, "member of (NATO)"),
			entry(-265, "#999999", 1, 1, 4, 5, "part of")}, 4, 2, 4},
		// The bug of the NATO sphere: a black legend line for blue edges.
		{"wrong colour", []string{nodes, blue, dotted,
			entry(-280, "#333333", 2, 24, 0, 1, "member of"),
			entry(-265, "#999999", 1, 1, 4, 5, "part of")}, 2, 2, 4},
		{"wrong dash", []string{nodes, blue, dotted,
			entry(-280, "#0072b2", 2, 24, 0, 1, "member of"),
			entry(-265, "#999999", 1, 5, 2, 4, "part of")}, 2, 2, 4},
		{"wrong width", []string{nodes, blue, dotted,
			entry(-280, "#0072b2", 4, 24, 0, 1, "member of"),
			entry(-265, "#999999", 1, 1, 4, 5, "part of")}, 2, 2, 4},
		{"missing entry", []string{nodes, blue, dotted,
			entry(-280, "#0072b2", 2, 24, 0, 1, "member of")}, 2, 1, 3},
		// A text glyph line reads as its colour and kind of line.
		{"glyph", []string{nodes, blue,
			`<text text-anchor="start" x="10" y="-277" font-family="Helvetica,sans-Serif" font-size="14.00" fill="#0072b2">━━━</text>`,
			graphText(40, -277, 9, "member of")}, 2, 1, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, svg(tc.body...))
			if r.LegendTrue != tc.true || r.LegendEntries != tc.entries || r.LegendEntries+r.LegendStyles != tc.n {
				t.Errorf("legend true %d of %d (%d entries), want %d of %d (%d entries): %v",
					r.LegendTrue, r.LegendEntries+r.LegendStyles, r.LegendEntries, tc.true, tc.n, tc.entries, r.Problems)
			}
		})
	}
}

// An unconfirmed tie is drawn as a faded double line; its legend entry
// must be faded and double too, and a plain entry of the same colour does
// not speak for it.
func TestLegendTruthFadedDouble(t *testing.T) {
	nodes := box("a", 0, -100, 60, 30) + box("b", 300, -100, 60, 30)
	// Graphviz draws the colour list "#0072B273:transparent:#0072B273" as
	// three paths, the middle one unpainted, each at 45% opacity.
	faded := `<g id="edge1" class="edge"><title>a&#45;&gt;b</title>
<g id="a_edge1"><a xlink:title="ipap: a → b">
<path fill="none" stroke="#0072b2" stroke-width="2" stroke-opacity="0.450980" d="M60,-87C140,-87 220,-87 300,-87"/>
<path fill="none" stroke="none" stroke-width="2" d="M60,-85C140,-85 220,-85 300,-85"/>
<path fill="none" stroke="#0072b2" stroke-width="2" stroke-opacity="0.450980" d="M60,-83C140,-83 220,-83 300,-83"/>
</a></g></g>`
	fadedCell := func(y float64) string {
		return fmt.Sprintf(`<polygon fill="#0072b2" fill-opacity="0.450980" stroke="none" points="10,%g 36,%g 36,%g 10,%g 10,%g"/>`, y, y, y+2, y+2, y)
	}
	label := graphText(40, -276, 10, "ipap (NATO)")
	for _, tc := range []struct {
		name    string
		legend  string
		true, n int
	}{
		{"faded double", fadedCell(-284) + fadedCell(-276) + label, 2, 2},
		{"plain", swatch(10, -280, "#0072b2", 2, 26, 0, 1) + label, 0, 2},
		{"faded single", fadedCell(-280) + label, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, svg(nodes, faded, tc.legend))
			if r.LegendTrue != tc.true || r.LegendEntries+r.LegendStyles != tc.n {
				t.Errorf("legend true %d of %d, want %d of %d: %v", r.LegendTrue, r.LegendEntries+r.LegendStyles, tc.true, tc.n, r.Problems)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, doc := range []string{"", "<html></html>", "<svg><g>"} {
		if _, err := Parse([]byte(doc)); err == nil {
			t.Errorf("Parse(%q): no error", doc)
		}
	}
}

func TestPathSampling(t *testing.T) {
	ps := pathPoints("M0,0C10,0 20,0 30,0L30,10")
	if len(ps) < 5 || ps[0] != (Point{0, 0}) || ps[len(ps)-1] != (Point{30, 10}) {
		t.Errorf("path points %v", ps)
	}
	for _, p := range ps[1 : len(ps)-1] {
		if p.Y != 0 || p.X <= 0 || p.X > 30 {
			t.Errorf("sample %v off the straight segment", p)
		}
	}
}

func TestEmptyBand(t *testing.T) {
	legend := graphText(10, -280, 10, "The NATO sphere")
	// The title's box reaches 2.1 pt below its baseline at -280; the node
	// starts at -178: a band of 99.9 pt (the figure is 17 cm wide).
	far := check(t, svg(legend, box("a", 0, -178, 60, 30)))
	if far.EmptyBand < 99.8 || far.EmptyBand > 100 {
		t.Errorf("empty band %.1f pt, want 99.9", far.EmptyBand)
	}
	// An edge running through the gap fills it.
	filled := check(t, svg(legend, box("a", 0, -178, 60, 30), box("b", 200, -290, 60, 30),
		edge("edge1", "member_of", "a", "b", 60, -163, 200, -275, "#0072b2", "2", "", "", 0, 0)))
	if filled.EmptyBand > 1 {
		t.Errorf("empty band %.1f pt across a drawn edge", filled.EmptyBand)
	}
	// So does a map drawn beneath the graph, and its outlines are no
	// legend swatches.
	underlay := `<g id="relmap-map" class="map-underlay">
<path d="M0,-250L480,-250L480,-170L0,-170Z" fill="#eef3f7" stroke="#c4bbaa"/>
<polygon fill="#f8f4ec" points="20,-200 60,-200 60,-198 20,-198 20,-200"/>
</g>`
	mapped := check(t, svg(legend, underlay, box("a", 0, -178, 60, 30)))
	if mapped.EmptyBand > 30 || mapped.LegendEntries != 0 {
		t.Errorf("over a map: empty band %.1f pt (want under 30: the map's top is 30 pt below the title), %d legend entries", mapped.EmptyBand, mapped.LegendEntries)
	}
}
