package render

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/geo"
)

// The geo layout draws a map: each actor at its coordinates (graph.Actor.At)
// in a Lambert conformal conic projection fitted to the drawn points, over
// the country outlines of package geo. Nodes are never moved; what is
// placed is their names, each tried at several spots round its marker and
// put where it covers no other name, marker or edge label, and edge labels
// beside their edges in the same way. Graphviz only draws (nop2, as for the
// force layout), with every position, edge path and label position given.
//
// Actors without coordinates are left off the map, and the caption names
// them (Unplaced lists them for a command to report).

// mapWidth is the width, in points, the drawn points' extent is scaled to:
// with its margins and 10 pt labels the figure keeps its text above 6 pt
// printed 17 cm wide.
const mapWidth = 560.0

// mapMargin is the room round the points' extent, in points: a label
// beside a point on the edge fits, and the outlines show the region beyond.
const mapMargin = 70.0

// Marker radii, in points: a state's point is larger than a place's.
const (
	stateRadius = 6.0
	placeRadius = 4.5
	labelGap    = 2.5
)

// underlayAttr is the graph attribute through which DOT hands Render what
// it needs to draw the outlines beneath the SVG: the projection, the scale,
// the frame and one node's position to align with.
const underlayAttr = "relmap_map"

// Unplaced lists the labels of sg's actors that have no coordinates, which
// a map leaves out, sorted.
func Unplaced(sg Subgraph) []string {
	var out []string
	for _, n := range sg.Nodes {
		if n.At == nil {
			out = append(out, actorLabel(n))
		}
	}
	sort.Strings(out)
	return out
}

// onMap keeps the actors with coordinates and the ties between them.
func onMap(sg Subgraph) Subgraph {
	out := Subgraph{Dangling: sg.Dangling}
	placed := map[string]bool{}
	for _, n := range sg.Nodes {
		if n.At != nil {
			out.Nodes = append(out.Nodes, n)
			placed[n.ID] = true
		}
	}
	for _, e := range sg.Edges {
		if placed[e.From] && placed[e.To] {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}

// geoMap is a laid-out map.
type geoMap struct {
	proj          geo.LCC
	scale, ox, oy float64 // plane coordinates times scale, less ox, oy, are points
	frame         rect    // the map's frame, in points
	pos           map[string]vec
	radius        map[string]float64
	nodeLabel     map[string]vec // centres of names
	edgeLabel     map[string]vec // centres of edge labels, by tie key
	shift         map[string]vec // edges between the same two actors run side by side, by tie key
	anchor        string         // an actor id, to align the underlay with
}

// parallelGap is the distance between edges that join the same two actors.
const parallelGap = 5.0

// ends are where an edge is drawn from and to: its actors' points, moved
// aside when it shares them with other edges.
func (m *geoMap) ends(e graph.Tie) (vec, vec) {
	a, b, s := m.pos[e.From], m.pos[e.To], m.shift[e.Key]
	return vec{a.x + s.x, a.y + s.y}, vec{b.x + s.x, b.y + s.y}
}

func (m *geoMap) at(lat, lon float64) vec {
	x, y := m.proj.Project(lat, lon)
	return vec{x*m.scale - m.ox, y*m.scale - m.oy}
}

// layoutMap projects and scales sg's actors (all of which have coordinates)
// and places the labels.
func (d *drawing) layoutMap(sg Subgraph, edges []graph.Tie) *geoMap {
	m := &geoMap{pos: map[string]vec{}, radius: map[string]float64{}, nodeLabel: map[string]vec{}, edgeLabel: map[string]vec{},
		shift: map[string]vec{}}
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for _, n := range sg.Nodes {
		minLat, maxLat = math.Min(minLat, n.At.Lat), math.Max(maxLat, n.At.Lat)
		minLon, maxLon = math.Min(minLon, n.At.Lon), math.Max(maxLon, n.At.Lon)
	}
	if len(sg.Nodes) == 0 {
		minLat, maxLat, minLon, maxLon = 35, 55, 50, 80 // Central Asia, for an empty map
	}
	// A span too small to fit a cone on (one point) gets a region round it.
	if maxLat-minLat < 6 {
		c := (minLat + maxLat) / 2
		minLat, maxLat = c-3, c+3
	}
	if maxLon-minLon < 8 {
		c := (minLon + maxLon) / 2
		minLon, maxLon = c-4, c+4
	}
	m.proj = geo.Fit(minLat, maxLat, minLon, maxLon)
	// The extent in the plane: its corners and the middle of its northern
	// and southern edges, which bulge on a conic map.
	var ext rect
	first := true
	for _, lat := range []float64{minLat, maxLat} {
		for _, lon := range []float64{minLon, (minLon + maxLon) / 2, maxLon} {
			x, y := m.proj.Project(lat, lon)
			if first {
				ext, first = rect{x, y, x, y}, false
			}
			ext = rect{math.Min(ext.x0, x), math.Min(ext.y0, y), math.Max(ext.x1, x), math.Max(ext.y1, y)}
		}
	}
	m.scale = mapWidth / math.Max(ext.w(), ext.h())
	m.ox, m.oy = ext.x0*m.scale-mapMargin, ext.y0*m.scale-mapMargin
	m.frame = rect{0, 0, ext.w()*m.scale + 2*mapMargin, ext.h()*m.scale + 2*mapMargin}
	var obstacles []rect
	for _, n := range sg.Nodes {
		p := m.at(n.At.Lat, n.At.Lon)
		m.pos[n.ID] = p
		r := placeRadius
		if n.Kind == graph.KindState {
			r = stateRadius
		}
		m.radius[n.ID] = r
		obstacles = append(obstacles, rect{p.x - r, p.y - r, p.x + r, p.y + r})
		if m.anchor == "" {
			m.anchor = n.ID
		}
	}
	pairs := map[[2]string][]graph.Tie{}
	for _, e := range edges {
		k := [2]string{min(e.From, e.To), max(e.From, e.To)}
		pairs[k] = append(pairs[k], e)
	}
	for k, group := range pairs {
		a, b := m.pos[k[0]], m.pos[k[1]]
		l := dist(a, b)
		if len(group) < 2 || l == 0 {
			continue
		}
		nx, ny := -(b.y-a.y)/l, (b.x-a.x)/l
		for i, e := range group {
			o := (float64(i) - float64(len(group)-1)/2) * parallelGap
			m.shift[e.Key] = vec{nx * o, ny * o}
		}
	}
	var segs [][2]vec
	for _, e := range edges {
		a, b := m.ends(e)
		segs = append(segs, [2]vec{a, b})
	}
	// Names first, northernmost first (a stable order that starts where
	// names crowd least), then edge labels.
	order := append([]graph.Actor(nil), sg.Nodes...)
	sort.SliceStable(order, func(i, j int) bool { return m.pos[order[i].ID].y > m.pos[order[j].ID].y })
	for _, n := range order {
		w, h := textWidth(actorLabel(n), labelFontSize)+4, lineHeight+2
		p, r := m.pos[n.ID], m.radius[n.ID]
		var cands []vec
		for _, k := range []float64{1, 2.5, 4.5} {
			dx, dy := r+labelGap*k+w/2, r+labelGap*k+h/2
			cands = append(cands, vec{p.x + dx, p.y}, vec{p.x - dx, p.y}, vec{p.x, p.y + dy}, vec{p.x, p.y - dy},
				vec{p.x + dx, p.y + dy*0.8}, vec{p.x + dx, p.y - dy*0.8}, vec{p.x - dx, p.y + dy*0.8}, vec{p.x - dx, p.y - dy*0.8})
		}
		best := bestSpot(cands, w, h, obstacles, segs, m.frame)
		m.nodeLabel[n.ID] = best
		obstacles = append(obstacles, rect{best.x - w/2, best.y - h/2, best.x + w/2, best.y + h/2})
	}
	for _, e := range edges {
		lines := d.edgeLabel(e)
		if len(lines) == 0 {
			continue
		}
		w := 0.0
		for _, l := range lines {
			w = math.Max(w, textWidth(l, smallTextPt))
		}
		w += 4
		h := float64(len(lines))*smallTextPt*1.2 + 2
		a, b := m.ends(e)
		l := dist(a, b)
		var cands []vec
		if l > 0 {
			ux, uy := (b.x-a.x)/l, (b.y-a.y)/l
			// Offset across the edge far enough that the box clears it
			// whatever the edge's slope, then further out.
			off := math.Abs(uy)*w/2 + math.Abs(ux)*h/2 + 3
			for _, extra := range []float64{0, 8, 18} {
				for _, t := range []float64{0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8} {
					c := vec{a.x + (b.x-a.x)*t, a.y + (b.y-a.y)*t}
					o := off + extra
					cands = append(cands, vec{c.x - uy*o, c.y + ux*o}, vec{c.x + uy*o, c.y - ux*o})
				}
			}
		}
		// Round the middle, for an edge too short to hold its label.
		mid := vec{(a.x + b.x) / 2, (a.y + b.y) / 2}
		for _, r := range []float64{1, 1.8, 2.6} {
			dx, dy := r*(w/2+6), r*(h/2+6)
			cands = append(cands, vec{mid.x + dx, mid.y}, vec{mid.x - dx, mid.y}, vec{mid.x, mid.y - dy}, vec{mid.x, mid.y + dy},
				vec{mid.x + dx, mid.y - dy}, vec{mid.x - dx, mid.y - dy}, vec{mid.x + dx, mid.y + dy}, vec{mid.x - dx, mid.y + dy})
		}
		best := bestSpot(cands, w, h, obstacles, segs, m.frame)
		m.edgeLabel[e.Key] = best
		obstacles = append(obstacles, rect{best.x - w/2, best.y - h/2, best.x + w/2, best.y + h/2})
	}
	return m
}

// smallTextPt is smallText as a number.
var smallTextPt, _ = strconv.ParseFloat(smallText, 64)

// bestSpot is the first candidate centre for a w x h label that overlaps
// nothing, or else the one that overlaps least: boxes (markers and labels
// placed before) count far more than edges crossed, and leaving the frame
// more than either.
func bestSpot(cands []vec, w, h float64, boxes []rect, segs [][2]vec, frame rect) vec {
	best, bestScore := cands[0], math.Inf(1)
	for i, c := range cands {
		r := rect{c.x - w/2, c.y - h/2, c.x + w/2, c.y + h/2}
		score := float64(i) * 0.01
		for _, o := range boxes {
			if r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1 {
				score += 1000
			}
		}
		for _, s := range segs {
			if segmentMeetsRect(s[0], s[1], r) {
				score++
			}
		}
		if r.x0 < frame.x0 || r.y0 < frame.y0 || r.x1 > frame.x1 || r.y1 > frame.y1 {
			score += 5000
		}
		if score < bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// segmentMeetsRect reports whether the segment a-b enters r (Liang-Barsky).
func segmentMeetsRect(a, b vec, r rect) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := b.x-a.x, b.y-a.y
	for _, pq := range [][2]float64{{-dx, a.x - r.x0}, {dx, r.x1 - a.x}, {-dy, a.y - r.y0}, {dy, r.y1 - a.y}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// geoNodeAttrs draws an actor as a marker in its kind's colour, named
// beside it.
func (d *drawing) geoNodeAttrs(n graph.Actor, m *geoMap) [][2]string {
	attrs := d.nodeAttrs(n)
	out := make([][2]string, 0, len(attrs)+6)
	for _, a := range attrs {
		switch a[0] {
		case "shape", "label", "style":
			continue
		case "penwidth":
			if a[1] == quote("1") {
				a[1] = quote("1.5") // a ring that reads over the land
			}
		}
		out = append(out, a)
	}
	p, l, r := m.pos[n.ID], m.nodeLabel[n.ID], m.radius[n.ID]
	return append(out,
		// A point has no label of its own; an empty one would be
		// read as the default (the node's name) by some builds.
		[2]string{"shape", quote("point")},
		[2]string{"style", quote("filled")},
		[2]string{"width", quote(strconv.FormatFloat(2*r/72, 'f', 4, 64))},
		[2]string{"height", quote(strconv.FormatFloat(2*r/72, 'f', 4, 64))},
		[2]string{"xlabel", "<" + htmlText(actorLabel(n)) + ">"},
		[2]string{"pos", quote(point(p.x) + "," + point(p.y) + "!")},
		[2]string{"xlp", quote(point(l.x) + "," + point(l.y))},
	)
}

// geoEdgeAttrs gives an edge its straight path between the markers'
// rims and its label's place.
func (d *drawing) geoEdgeAttrs(e graph.Tie, m *geoMap) [][2]string {
	attrs := d.edgeAttrs(e)
	a, b := m.ends(e)
	l := dist(a, b)
	if l == 0 {
		return attrs
	}
	ux, uy := (b.x-a.x)/l, (b.y-a.y)/l
	p0 := vec{a.x + ux*m.radius[e.From], a.y + uy*m.radius[e.From]}
	end := vec{b.x - ux*m.radius[e.To], b.y - uy*m.radius[e.To]}
	arrow := true
	for _, at := range attrs {
		if at[0] == "arrowhead" && at[1] == quote("none") || at[0] == "dir" && at[1] == quote("none") {
			arrow = false
		}
	}
	p3 := end
	spline := ""
	if arrow && l > 20 {
		p3 = vec{end.x - ux*10, end.y - uy*10}
		spline = "e," + point(end.x) + "," + point(end.y) + " "
	}
	lerp := func(t float64) vec { return vec{p0.x + (p3.x-p0.x)*t, p0.y + (p3.y-p0.y)*t} }
	p1, p2 := lerp(1.0/3), lerp(2.0/3)
	for _, p := range []vec{p0, p1, p2, p3} {
		spline += point(p.x) + "," + point(p.y) + " "
	}
	attrs = append(attrs, [2]string{"pos", quote(strings.TrimSpace(spline))})
	if lp, ok := m.edgeLabel[e.Key]; ok {
		attrs = append(attrs, [2]string{"lp", quote(point(lp.x) + "," + point(lp.y))})
	}
	return attrs
}

// frameNodes are two invisible nodes at the frame's corners, so that the
// drawing's bounding box holds the whole map.
func frameNodes(b *bytes.Buffer, m *geoMap) {
	for i, c := range []vec{{m.frame.x0, m.frame.y0}, {m.frame.x1, m.frame.y1}} {
		fmt.Fprintf(b, "  %s [shape=\"point\", style=\"invis\", width=\"0\", label=\"\", pos=\"%s,%s!\"];\n",
			quote(fmt.Sprintf("frame#%d", i)), point(c.x), point(c.y))
	}
}

// underlaySpec is the underlayAttr value: projection, scale and offsets,
// frame, and the anchor node with its position.
func (m *geoMap) underlaySpec() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	a := m.pos[m.anchor]
	return strings.Join([]string{"lcc", f(m.proj.Lat1), f(m.proj.Lat2), f(m.proj.Lat0), f(m.proj.Lon0),
		f(m.scale), f(m.ox), f(m.oy), f(m.frame.x1), f(m.frame.y1), m.anchor, point(a.x), point(a.y)}, " ")
}

// mapCaption says how the map is drawn and what it leaves out.
func mapCaption(m *geoMap, unplaced []string) string {
	s := "Map: " + m.proj.Name() + "; " + geo.Attribution + "."
	if len(unplaced) > 0 {
		s += " Not on the map, without coordinates: " + strings.Join(unplaced, ", ") + "."
	}
	return s
}

// Underlay colours: sea, land and borders, pale enough that every tie
// colour reads over them.
const (
	seaFill    = "#EEF3F7"
	landFill   = "#FAF7F0"
	borderLine = "#C4BBAA"
)

var graphGroupRE = regexp.MustCompile(`<g id="graph0" class="graph"[^>]*>\s*(?:<title>[^<]*</title>\s*)?<polygon[^>]*/>`)

// withUnderlay draws the outlines beneath the figure an SVG of a geo
// layout shows, reading spec (underlaySpec) from the document. An SVG it
// cannot align with is returned as it is.
func withUnderlay(svg []byte, spec string) []byte {
	f := strings.Fields(spec)
	if len(f) != 13 || f[0] != "lcc" {
		return svg
	}
	num := make([]float64, 13)
	for i, s := range f {
		if i == 0 || i == 10 {
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return svg
		}
		num[i] = v
	}
	m := &geoMap{proj: geo.NewLCC(num[1], num[2], num[3], num[4]), scale: num[5], ox: num[6], oy: num[7]}
	frame := rect{0, 0, num[8], num[9]}
	// Where the anchor node's marker was drawn gives the shift from the
	// layout's points to the SVG's.
	at := bytes.Index(svg, []byte("<title>"+xmlEscape(f[10])+"</title>"))
	if at < 0 {
		return svg
	}
	cx, cy, ok := attrFloat(svg[at:], "cx"), attrFloat(svg[at:], "cy"), true
	if math.IsNaN(cx) || math.IsNaN(cy) {
		ok = false
	}
	loc := graphGroupRE.FindIndex(svg)
	if !ok || loc == nil {
		return svg
	}
	tx, ty := cx-num[11], cy+num[12]
	svgX := func(x float64) string { return strconv.FormatFloat(math.Round((x+tx)*10)/10, 'f', -1, 64) }
	svgY := func(y float64) string { return strconv.FormatFloat(math.Round((-y+ty)*10)/10, 'f', -1, 64) }
	countries, err := geo.Outlines()
	if err != nil {
		return svg
	}
	// Every shape carries its own colours and is cut to the frame here
	// rather than by a clip path: the PDF writer reads shapes one by one,
	// without inheritance or clipping.
	var b bytes.Buffer
	b.WriteString("\n<g id=\"relmap-map\" class=\"map-underlay\">\n")
	fmt.Fprintf(&b, "<path id=\"relmap-map-frame\" d=\"M%s,%sL%s,%sL%s,%sL%s,%sZ\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.8\"/>\n",
		svgX(frame.x0), svgY(frame.y0), svgX(frame.x1), svgY(frame.y0), svgX(frame.x1), svgY(frame.y1), svgX(frame.x0), svgY(frame.y1),
		seaFill, borderLine)
	// One path per ring: the PDF writer reads a path as one polygon.
	for _, c := range countries {
		for _, ring := range c.Rings {
			pts := densify(ring)
			proj := make([]vec, len(pts))
			box := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
			for i, p := range pts {
				v := m.at(p.Lat, p.Lon)
				proj[i] = v
				box = rect{math.Min(box.x0, v.x), math.Min(box.y0, v.y), math.Max(box.x1, v.x), math.Max(box.y1, v.y)}
			}
			if box.x1 < frame.x0 || box.x0 > frame.x1 || box.y1 < frame.y0 || box.y0 > frame.y1 {
				continue
			}
			proj = clipRing(proj, frame)
			if len(proj) < 3 {
				continue
			}
			var d strings.Builder
			for i, v := range proj {
				if i == 0 {
					d.WriteString("M")
				} else {
					d.WriteString("L")
				}
				d.WriteString(svgX(v.x) + "," + svgY(v.y))
			}
			d.WriteString("Z")
			fmt.Fprintf(&b, "<path d=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"0.6\"><title>%s</title></path>\n",
				d.String(), landFill, borderLine, xmlEscape(c.Name))
		}
	}
	b.WriteString("</g>")
	out := make([]byte, 0, len(svg)+b.Len())
	out = append(out, svg[:loc[1]]...)
	out = append(out, b.Bytes()...)
	return append(out, svg[loc[1]:]...)
}

// clipRing cuts a ring to r (Sutherland-Hodgman, one side at a time).
func clipRing(ring []vec, r rect) []vec {
	sides := []struct {
		in  func(p vec) bool
		cut func(a, b vec) vec
	}{
		{func(p vec) bool { return p.x >= r.x0 }, func(a, b vec) vec { return vec{r.x0, a.y + (b.y-a.y)*(r.x0-a.x)/(b.x-a.x)} }},
		{func(p vec) bool { return p.x <= r.x1 }, func(a, b vec) vec { return vec{r.x1, a.y + (b.y-a.y)*(r.x1-a.x)/(b.x-a.x)} }},
		{func(p vec) bool { return p.y >= r.y0 }, func(a, b vec) vec { return vec{a.x + (b.x-a.x)*(r.y0-a.y)/(b.y-a.y), r.y0} }},
		{func(p vec) bool { return p.y <= r.y1 }, func(a, b vec) vec { return vec{a.x + (b.x-a.x)*(r.y1-a.y)/(b.y-a.y), r.y1} }},
	}
	for _, s := range sides {
		if len(ring) == 0 {
			return nil
		}
		var out []vec
		prev := ring[len(ring)-1]
		for _, p := range ring {
			switch {
			case s.in(p) && !s.in(prev):
				out = append(out, s.cut(prev, p), p)
			case s.in(p):
				out = append(out, p)
			case s.in(prev):
				out = append(out, s.cut(prev, p))
			}
			prev = p
		}
		ring = out
	}
	return ring
}

// densify splits steps longer than a degree, so that a border clipped
// along a parallel follows its curve on the cone.
func densify(ring []geo.LonLat) []geo.LonLat {
	out := make([]geo.LonLat, 0, len(ring))
	for i, p := range ring {
		if i > 0 {
			q := ring[i-1]
			n := int(math.Ceil(math.Max(math.Abs(p.Lon-q.Lon), math.Abs(p.Lat-q.Lat))))
			for k := 1; k < n; k++ {
				t := float64(k) / float64(n)
				out = append(out, geo.LonLat{Lon: q.Lon + (p.Lon-q.Lon)*t, Lat: q.Lat + (p.Lat-q.Lat)*t})
			}
		}
		out = append(out, p)
	}
	return out
}

// attrFloat reads the first name="number" attribute in b.
func attrFloat(b []byte, name string) float64 {
	i := bytes.Index(b, []byte(" "+name+"=\""))
	if i < 0 {
		return math.NaN()
	}
	rest := b[i+len(name)+3:]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(string(rest[:j]), 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// routePalette colours a map's routes, in order of route id: hues apart
// from the spheres' and dark enough over the pale land.
var routePalette = []string{"#7A4FA0", "#B8860B", "#C2185B", "#5D6D7E", "#6B8E23", "#8C510A"}

// routeColours gives each drawn route a colour of its own, up to the
// palette's length; routes past it keep the transit colour and their names
// on the labels.
func (d *drawing) routeColours() {
	ids := make([]string, 0, len(d.routes))
	for r := range d.routes {
		ids = append(ids, r)
	}
	if len(ids) < 2 || len(ids) > len(routePalette) {
		return
	}
	sort.Strings(ids)
	d.routeColour = map[string]string{}
	for i, r := range ids {
		d.routeColour[r] = routePalette[i]
	}
}
