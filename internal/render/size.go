package render

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figcheck"
)

// The force layout needs each node's size before Graphviz has seen the graph.
// nodeBox follows Graphviz's own sizing (shapes.c, poly_init) for the
// attributes DOT writes: Helvetica 11 pt, margin 0.08 x 0.04 in, the
// 0.75 x 0.5 in minimum, and the label box grown to fit the shape.

const (
	labelFontSize = 11.0
	lineHeight    = labelFontSize * 1.2 // Graphviz's LINESPACING
	// The margin on both sides, which Graphviz 2.43 rounds to whole
	// points.
	padX, padY = 2 * 6.0, 2 * 3.0
	minW, minH = 0.75 * 72, 0.5 * 72
	// Sphere markers: a row of 14 x 6 cells, spaced 2, under the name.
	markerW, markerH, markerSpacing = 14.0, 6.0, 2.0
	// Native Graphviz measures text with the hinted font, whose advances
	// are whole pixels and often one more than the font's own metrics,
	// which the WebAssembly build uses: names come out up to 15% wider,
	// more where they are full of punctuation. These allowances, in ems,
	// are added to each letter or digit and to each other character.
	hintingAlnum, hintingOther = 0.07, 0.16
	// slack is added on each side for rounding.
	slack = 1.0
)

// polygon describes a Graphviz node shape as shapes.c does.
type polygon struct {
	sides            int
	distortion, skew float64
}

// shapePolygons has each shape of kindStyles; a shape not listed is
// treated as a box. cds is drawn inside its box, like a box.
var shapePolygons = map[string]polygon{
	"box":           {sides: 4},
	"cds":           {sides: 4},
	"ellipse":       {sides: 1},
	"hexagon":       {sides: 6},
	"house":         {sides: 5, distortion: -0.64},
	"parallelogram": {sides: 4, skew: 0.6},
}

// textWidth estimates the width in points of one line of text at size pt,
// as native Graphviz would measure it (see hintingAlnum). Outside ASCII, letters
// are taken as wide as the widest Latin capitals and East Asian characters
// as a full em, which overstates most scripts a little.
func textWidth(s string, pt float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			adv, _ := figcheck.HelveticaAdvance(r)
			em += adv
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				em += hintingAlnum
			} else {
				em += hintingOther
			}
		case unicode.IsControl(r):
		case unicode.In(r, unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana) || r >= 0xFF00 && r <= 0xFFEF:
			em += 1
		default:
			em += 0.78
		}
	}
	return em * pt
}

// nodeBox estimates the size Graphviz gives the node drawn for n with the
// given number of sphere markers.
func nodeBox(n graph.Actor, markers int) box {
	lines := strings.Split(actorLabel(n), "\n")
	var w float64
	for _, l := range lines {
		w = max(w, textWidth(l, labelFontSize))
	}
	h := float64(len(lines)) * lineHeight
	if markers > 0 {
		// The label becomes a table: the name over the markers, with
		// the table's cell spacing around and between and the room
		// Graphviz keeps around a table cell's text.
		w = max(w, float64(markers)*(markerW+markerSpacing)-markerSpacing) + 4*markerSpacing
		h += markerH + 4*markerSpacing + 2
	}
	p, ok := shapePolygons[styleOfKind(n.Kind).Shape]
	if !ok {
		p = shapePolygons["box"]
	}
	w, h = p.size(w+padX, h+padY)
	return box{w + 2*slack, h + 2*slack}
}

// size is the node size for a padded label of w x h points.
func (p polygon) size(w, h float64) (float64, float64) {
	if p.sides == 4 && p.distortion == 0 && p.skew == 0 {
		return max(w, minW), max(h, minH)
	}
	// Other shapes start from the smallest ellipse around the label,
	// only widened where the minimum height leaves room above and below,
	// and polygons from one around that ellipse.
	if minH > h*math.Sqrt2 {
		w *= math.Sqrt(1 / (1 - (h/minH)*(h/minH)))
	} else {
		w, h = w*math.Sqrt2, h*math.Sqrt2
	}
	if p.sides > 2 {
		c := math.Cos(math.Pi / float64(p.sides))
		w, h = w/c, h/c
	}
	w, h = max(w, minW), max(h, minH)
	if p.sides < 3 {
		return w, h
	}
	// Skew and distortion move the polygon's corners beyond that box.
	sector := 2 * math.Pi / float64(p.sides)
	side := math.Sin(sector / 2)
	skewDist := math.Hypot(math.Abs(p.distortion)+math.Abs(p.skew), 1)
	gDistortion := p.distortion * math.Sqrt2 / math.Cos(sector/2)
	angle := (sector - math.Pi) / 2
	sin, cos := math.Sincos(angle)
	rx, ry := 0.5*cos, 0.5*sin
	angle += (math.Pi - sector) / 2
	var xmax, ymax float64
	for i := 0; i < p.sides; i++ {
		angle += sector
		sin, cos = math.Sincos(angle)
		rx, ry = rx+side*cos, ry+side*sin
		x := rx*(skewDist+ry*gDistortion) + ry*p.skew/2
		xmax, ymax = max(xmax, math.Abs(x*w)), max(ymax, math.Abs(ry*h))
	}
	return max(w, 2*xmax), max(h, 2*ymax)
}

// place runs the force layout on the sorted subgraph sg, sized as d draws it.
func (d *drawing) place(sg Subgraph) []vec {
	index := make(map[string]int, len(sg.Nodes))
	sizes := make([]box, len(sg.Nodes))
	for i, n := range sg.Nodes {
		index[n.ID] = i
		sizes[i] = nodeBox(n, len(d.markers[n.ID]))
	}
	edges := make([][2]int, len(sg.Edges))
	for i, e := range sg.Edges {
		edges[i] = [2]int{index[e.From], index[e.To]}
	}
	return forceLayout(sizes, edges)
}

// point writes a coordinate to a tenth of a point, without a negative zero.
func point(v float64) string {
	v = math.Round(v*10) / 10
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}
