package render

import (
	"context"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-graphviz"
	"github.com/goccy/go-graphviz/cgraph"
)

// Routing edges round nodes (splines=true) is most of what the WebAssembly
// Graphviz spends on a radial figure: before routing any edge it builds a
// visibility graph of every node's outline, whatever the number of edges
// to route (the NATO sphere took 11 ms with straight edges and 77 ms with
// every edge routed, and about as long with only the 35 of 59 that pass
// near a node left to it). So a figure that asks for routing is laid out
// with straight edges, which places the nodes as routing would (the same
// engine, overlap removal and sep); each edge that runs through a node
// other than its ends is then bent round it here, as a curve clear of every
// node, clipped to its ends' outlines with room for its arrows; and the
// nodes and edges are drawn where they are (the nop2 engine, neato -n2).
// An edge no bend clears is left to Graphviz's router after all.

// routedEngines are the engines whose figures are routed this way: the
// ones DOT gives splines=true (dot routes its own edges between ranks).
var routedEngines = map[string]bool{"neato": true, "fdp": true, "sfdp": true, "circo": true, "twopi": true}

// routeClear is how far, in points, an edge keeps from a node it does not
// end at: the router's own edge margin (esep="+2").
const routeClear = 2.0

// drawRouted draws g as drawWasm does with layout, routing only the edges
// that need it; the caller holds wasmMu. A figure that does not ask for
// routed edges is drawn in one pass. finish, if not nil, sets what only
// the drawing needs (a PNG's resolution), after the layout.
func drawRouted(ctx context.Context, g *graphviz.Graph, format, layout string, finish func() error) ([]byte, error) {
	if !routedEngines[layout] || g.GetStr("splines") != "true" {
		if finish != nil {
			if err := finish(); err != nil {
				return nil, err
			}
		}
		return drawWasm(ctx, g, format, layout)
	}
	if err := g.SafeSet("splines", "line", ""); err != nil {
		return nil, err
	}
	// Rendering to xdot writes the layout into the graph's attributes
	// (pos, label positions, and each node's outline as drawing
	// operations), where bending reads it.
	wasmGV.SetLayout(graphviz.Layout(layout))
	if err := wasmGV.Render(context.Background(), g, graphviz.Format("xdot"), io.Discard); err != nil {
		return nil, fmt.Errorf("laying out with %s (WebAssembly Graphviz): %w", layout, err)
	}
	if err := bendCrossing(g); err != nil {
		return nil, err
	}
	// Edges left without a path, if any, are routed by Graphviz. A layout
	// the document names would win over the engine asked for, and lay
	// the figure out again.
	if err := g.SafeSet("splines", "true", ""); err != nil {
		return nil, err
	}
	if err := g.SafeSet("layout", placedEngine, ""); err != nil {
		return nil, err
	}
	if finish != nil {
		if err := finish(); err != nil {
			return nil, err
		}
	}
	return drawWasm(ctx, g, format, placedEngine)
}

// outline is a node's drawn shape: a polygon (rounded corners by their
// control points) or an ellipse, with its bounding box.
type outline struct {
	poly     []vec
	ellipse  bool
	c, r     vec // an ellipse's centre and radii
	box      rect
	hasShape bool
}

// outlineOf reads the first shape of a node's xdot drawing operations
// (_draw_): E/e is an ellipse, P/p a polygon, B/b a B-spline (a rounded
// box). Colours and styles before it are single tokens.
func outlineOf(draw string) outline {
	f := strings.Fields(draw)
	num := func(i int) float64 {
		if i >= len(f) {
			return 0
		}
		v, _ := strconv.ParseFloat(f[i], 64)
		return v
	}
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case "E", "e":
			o := outline{ellipse: true, c: vec{num(i + 1), num(i + 2)}, r: vec{num(i + 3), num(i + 4)}, hasShape: true}
			o.box = rect{o.c.x - o.r.x, o.c.y - o.r.y, o.c.x + o.r.x, o.c.y + o.r.y}
			return o
		case "P", "p", "B", "b":
			n := int(num(i + 1))
			if n < 2 || i+1+2*n >= len(f) {
				return outline{}
			}
			o := outline{hasShape: true, box: rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}}
			for k := 0; k < n; k++ {
				p := vec{num(i + 2 + 2*k), num(i + 3 + 2*k)}
				o.poly = append(o.poly, p)
				o.box = rect{min(o.box.x0, p.x), min(o.box.y0, p.y), max(o.box.x1, p.x), max(o.box.y1, p.y)}
			}
			return o
		}
	}
	return outline{}
}

// inside reports whether p lies within grow points of the outline.
func (o outline) inside(p vec, grow float64) bool {
	if p.x < o.box.x0-grow || p.x > o.box.x1+grow || p.y < o.box.y0-grow || p.y > o.box.y1+grow {
		return false
	}
	if o.ellipse {
		dx, dy := (p.x-o.c.x)/(o.r.x+grow), (p.y-o.c.y)/(o.r.y+grow)
		return dx*dx+dy*dy <= 1
	}
	in := false
	for i, j := 0, len(o.poly)-1; i < len(o.poly); j, i = i, i+1 {
		a, b := o.poly[i], o.poly[j]
		if (a.y > p.y) != (b.y > p.y) && p.x < (b.x-a.x)*(p.y-a.y)/(b.y-a.y)+a.x {
			in = !in
		}
		if grow > 0 && segmentDistance(p, a, b) < grow {
			return true
		}
	}
	return in
}

func segmentDistance(p, a, b vec) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	t := 0.0
	if l := dx*dx + dy*dy; l > 0 {
		t = max(0, min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
	}
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}

// cubic is a cubic Bézier curve.
type cubic [4]vec

func (c cubic) at(t float64) vec {
	u := 1 - t
	a, b, d, e := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return vec{a*c[0].x + b*c[1].x + d*c[2].x + e*c[3].x, a*c[0].y + b*c[1].y + d*c[2].y + e*c[3].y}
}

// between is the part of c from t0 to t1, as a cubic of its own.
func (c cubic) between(t0, t1 float64) cubic {
	_, right := c.split(t0)
	if t0 < 1 {
		right, _ = right.split((t1 - t0) / (1 - t0))
	}
	return right
}

// split cuts c at t (de Casteljau).
func (c cubic) split(t float64) (cubic, cubic) {
	lerp := func(a, b vec) vec { return vec{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t} }
	p01, p12, p23 := lerp(c[0], c[1]), lerp(c[1], c[2]), lerp(c[2], c[3])
	p012, p123 := lerp(p01, p12), lerp(p12, p23)
	m := lerp(p012, p123)
	return cubic{c[0], p01, p012, m}, cubic{m, p123, p23, c[3]}
}

// bendSamples is how many points along a curve are tested against nodes.
const bendSamples = 48

// bendOffsets are the control points' offsets from the straight line that
// bend tries, in points: every pair on a 20 pt grid up to 200, by total
// offset, then by the first and the second (so the order, and the curve
// chosen, never vary).
var bendOffsets = func() [][2]float64 {
	var out [][2]float64
	for i := -10; i <= 10; i++ {
		for j := -10; j <= 10; j++ {
			out = append(out, [2]float64{20 * float64(i), 20 * float64(j)})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if sa, sb := math.Abs(a[0])+math.Abs(a[1]), math.Abs(b[0])+math.Abs(b[1]); sa != sb {
			return sa < sb
		}
		if a[0] != b[0] {
			return a[0] > b[0]
		}
		return a[1] > b[1]
	})
	return out
}()

// bend returns a curve from a to b, bent as little as it takes to keep
// clear of every outline in others, and how far its middle is off the
// straight line; false if no bend tried clears them. The straight line
// comes first.
func bend(a, b vec, others []outline) (cubic, float64, bool) {
	d := vec{b.x - a.x, b.y - a.y}
	l := math.Hypot(d.x, d.y)
	if l == 0 {
		return cubic{}, 0, false
	}
	n := vec{-d.y / l, d.x / l}
	// A curve lies within the box of its control points: only the
	// outlines that box meets are tested point by point.
	var near []outline
	clear := func(c cubic) bool {
		box := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for _, p := range c {
			box = rect{min(box.x0, p.x), min(box.y0, p.y), max(box.x1, p.x), max(box.y1, p.y)}
		}
		near = near[:0]
		for _, o := range others {
			if o.box.x0-routeClear <= box.x1 && box.x0 <= o.box.x1+routeClear &&
				o.box.y0-routeClear <= box.y1 && box.y0 <= o.box.y1+routeClear {
				near = append(near, o)
			}
		}
		for i := 1; i < bendSamples && len(near) > 0; i++ {
			p := c.at(float64(i) / bendSamples)
			for _, o := range near {
				if o.inside(p, routeClear) {
					return false
				}
			}
		}
		return true
	}
	// The curve's middle lies three quarters of the control points'
	// offset from the straight line.
	// The two control points move off the line independently, the least
	// bent curves first (bendOffsets), so that a node beside one end is
	// cleared by bending that end more.
	limit := max(80, 0.8*l)
	for _, o := range bendOffsets {
		if max(math.Abs(o[0]), math.Abs(o[1])) > limit {
			continue
		}
		c := cubic{a, vec{a.x + d.x/3 + n.x*o[0], a.y + d.y/3 + n.y*o[0]},
			vec{a.x + 2*d.x/3 + n.x*o[1], a.y + 2*d.y/3 + n.y*o[1]}, b}
		if clear(c) {
			return c, math.Abs(o[0]) + math.Abs(o[1]), true
		}
	}
	return cubic{}, 0, false
}

// edgeEnds are what the straight layout says of an edge's ends: the
// arrow tips and the lengths of the arrows (the gap between a tip and the
// line), where it has them.
type edgeEnds struct {
	start, tip           vec
	tailArrow, headArrow float64
	hasTail, hasHead     bool
}

// parseEdgePos reads an edge's pos: optional "s,x,y" and "e,x,y" arrow
// tips, then the spline's points.
func parseEdgePos(s string) (edgeEnds, []vec, bool) {
	var ee edgeEnds
	var pts []vec
	for _, f := range strings.Fields(s) {
		switch {
		case strings.HasPrefix(f, "s,"):
			x, y, ok := parsePoint(f[2:])
			if !ok {
				return ee, nil, false
			}
			ee.start, ee.hasTail = vec{x, y}, true
		case strings.HasPrefix(f, "e,"):
			x, y, ok := parsePoint(f[2:])
			if !ok {
				return ee, nil, false
			}
			ee.tip, ee.hasHead = vec{x, y}, true
		default:
			x, y, ok := parsePoint(f)
			if !ok {
				return ee, nil, false
			}
			pts = append(pts, vec{x, y})
		}
	}
	if len(pts) < 2 {
		return ee, nil, false
	}
	if ee.hasTail {
		ee.tailArrow = math.Hypot(ee.start.x-pts[0].x, ee.start.y-pts[0].y)
	}
	if ee.hasHead {
		last := pts[len(pts)-1]
		ee.headArrow = math.Hypot(ee.tip.x-last.x, ee.tip.y-last.y)
	}
	return ee, pts, true
}

// leave is the parameter at which c, starting inside o at t=from, leaves
// it going towards to (bisection after a coarse walk).
func leave(c cubic, o outline, from, to float64) float64 {
	in, out := from, to
	const steps = 32
	for i := 1; i <= steps; i++ {
		t := from + (to-from)*float64(i)/steps
		if !o.inside(c.at(t), 0) {
			out = t
			break
		}
		in = t
	}
	for range 24 {
		m := (in + out) / 2
		if o.inside(c.at(m), 0) {
			in = m
		} else {
			out = m
		}
	}
	return out
}

// back is the parameter, from t towards to, at which c is dist away
// from c.at(t): where a line ends for an arrow dist long to reach t.
func back(c cubic, t, to, dist float64) float64 {
	p := c.at(t)
	near, far := t, to
	if math.Hypot(c.at(far).x-p.x, c.at(far).y-p.y) < dist {
		return far
	}
	for range 30 {
		m := (near + far) / 2
		q := c.at(m)
		if math.Hypot(q.x-p.x, q.y-p.y) < dist {
			near = m
		} else {
			far = m
		}
	}
	return far
}

func pointText(p vec) string {
	return strconv.FormatFloat(p.x, 'f', 2, 64) + "," + strconv.FormatFloat(p.y, 'f', 2, 64)
}

// bendCrossing bends every edge of laid-out g whose straight line runs
// within routeClear of a node other than its ends (bend), and clears the
// path of those no bend clears, which the nop2 engine then routes.
func bendCrossing(g *graphviz.Graph) error {
	type nodeAt struct {
		name   string
		centre vec
		shape  outline
	}
	var nodes []nodeAt
	index := map[string]int{}
	for n, err := g.FirstNode(); n != nil; n, err = g.NextNode(n) {
		if err != nil {
			return err
		}
		name, err := n.Name()
		if err != nil {
			return err
		}
		x, y, ok := parsePoint(n.GetStr("pos"))
		if !ok {
			return fmt.Errorf("routing edges: node %s has no position after layout", name)
		}
		o := outlineOf(n.GetStr("_draw_"))
		if !o.hasShape {
			// Shapes drawn without outline operations
			// (plaintext) are their boxes.
			w, _ := strconv.ParseFloat(n.GetStr("width"), 64)
			h, _ := strconv.ParseFloat(n.GetStr("height"), 64)
			w, h = w*36, h*36
			o = outline{hasShape: true, box: rect{x - w, y - h, x + w, y + h},
				poly: []vec{{x - w, y - h}, {x + w, y - h}, {x + w, y + h}, {x - w, y + h}}}
		}
		index[name] = len(nodes)
		nodes = append(nodes, nodeAt{name, vec{x, y}, o})
	}
	// Every call into the WebAssembly Graphviz costs a lookup of the
	// function it calls, so the loop asks it as little as it can: the
	// nodes in the order read above are the tails of their out-edges,
	// and an edge's path is read only when it is bent.
	others := make([]outline, 0, len(nodes))
	k := -1
	for n, err := g.FirstNode(); n != nil; n, err = g.NextNode(n) {
		if err != nil {
			return err
		}
		k++
		tail := nodes[k]
		for e, err := g.FirstOut(n); e != nil; e, err = g.NextOut(e) {
			if err != nil {
				return err
			}
			hn, err := e.Head()
			if err != nil {
				return err
			}
			hname, err := hn.Name()
			if err != nil {
				return err
			}
			head := nodes[index[hname]]
			if tail.name == hname {
				continue // a loop keeps the layout's own path
			}
			others = others[:0]
			for _, o := range nodes {
				if o.name != tail.name && o.name != hname {
					others = append(others, o.shape)
				}
			}
			c, off, ok := bend(tail.centre, head.centre, others)
			if ok && off == 0 {
				continue // straight and clear: as laid out
			}
			ends, _, posOK := parseEdgePos(e.GetStr("pos"))
			if !posOK {
				continue
			}
			if !ok {
				if err := clearPath(e); err != nil {
					return err
				}
				continue
			}
			// Clip to the ends' outlines, then step back from each
			// tip by its arrow's length.
			t0 := leave(c, tail.shape, 0, 0.5)
			t1 := 1 - leave(reverseCubic(c), head.shape, 0, 0.5)
			start, tip := c.at(t0), c.at(t1)
			s0, s1 := t0, t1
			if ends.hasTail {
				s0 = back(c, t0, t1, ends.tailArrow)
			}
			if ends.hasHead {
				s1 = back(c, t1, s0, ends.headArrow)
			}
			part := c.between(s0, s1)
			var pos []string
			if ends.hasTail {
				pos = append(pos, "s,"+pointText(start))
			}
			if ends.hasHead {
				pos = append(pos, "e,"+pointText(tip))
			}
			for _, p := range part {
				pos = append(pos, pointText(p))
			}
			if err := e.SafeSet("pos", strings.Join(pos, " "), ""); err != nil {
				return err
			}
			// Its labels were placed beside the straight line; left
			// unplaced, Graphviz places them beside the curve, clear
			// of what is already placed.
			for _, attr := range []string{"lp", "tail_lp", "head_lp", "xlp"} {
				if e.GetStr(attr) != "" {
					if err := e.SafeSet(attr, "", ""); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func reverseCubic(c cubic) cubic { return cubic{c[3], c[2], c[1], c[0]} }

// clearPath leaves e's path and label positions to the router.
func clearPath(e *cgraph.Edge) error {
	for _, attr := range []string{"pos", "lp", "tail_lp", "head_lp", "xlp"} {
		if e.GetStr(attr) != "" {
			if err := e.SafeSet(attr, "", ""); err != nil {
				return err
			}
		}
	}
	return nil
}

// parsePoint reads a Graphviz point, "x,y" (a trailing ! is allowed).
func parsePoint(s string) (float64, float64, bool) {
	xs, ys, ok := strings.Cut(strings.TrimSuffix(s, "!"), ",")
	if !ok {
		return 0, 0, false
	}
	x, err1 := strconv.ParseFloat(xs, 64)
	y, err2 := strconv.ParseFloat(ys, 64)
	return x, y, err1 == nil && err2 == nil
}
