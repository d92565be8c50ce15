package render

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
)

// Options say how a subgraph is drawn and rendered.
type Options struct {
	Title string
	// AsOf stamps the figure with the date its ties were read at; ties not
	// in force on that date are drawn faded. Zero means not stamped.
	AsOf graph.Date
	// Sources are named in the caption.
	Sources []string
	// Layout is a Graphviz engine (dot, neato, fdp, sfdp, circo or twopi),
	// force, which places the nodes in Go and leaves Graphviz only to draw
	// them, geo, which places them by their coordinates on a map (geo.go),
	// or auto, which picks one from the subgraph's size and shape.
	Layout string
	// TieLabels adds each tie's type, period and attributes to its edge.
	// Transit order and mode, and roles short of membership, are shown
	// regardless because the figure would mislead without them.
	TieLabels bool
	// Metadata (query, parameters, dataset fingerprint) travels inside the
	// output so that a figure can be traced back to what produced it.
	Metadata map[string]string
	// Renderer is auto, wasm or native (see Render).
	Renderer string
	// DPI is a PNG's resolution; 0 fits the figure to a Slide.
	DPI float64
	// Page is a PDF's page size, one of pdf.Pages ("" is A4).
	Page string
	// OmitEngine leaves the layout engine out of the document, so that
	// whoever lays it out chooses (`sfdp x.dot`). A force layout keeps
	// it: its positions are the layout.
	OmitEngine bool
}

// Layouts lists the layout names Options.Layout accepts.
var Layouts = []string{"auto", "force", "geo", "dot", "neato", "fdp", "sfdp", "circo", "twopi"}

// placedEngine draws a graph whose nodes already have positions in points
// (neato -n2): nothing is moved and edges are drawn straight. Named in the
// document, it makes plain `dot -Tsvg` draw the same picture.
const placedEngine = "nop2"

// Size limits: beyond them a layout takes minutes and the figure is
// unreadable anyway, so the caller is asked to narrow the query.
const (
	MaxNodes = 5000
	MaxEdges = 20000
)

// TooLargeError reports a graph over the size limits.
type TooLargeError struct {
	Nodes, Edges int
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("graph too large to draw: %d nodes and %d edges (limit %d nodes, %d edges); narrow the query or the date",
		e.Nodes, e.Edges, MaxNodes, MaxEdges)
}

func checkSize(nodes, edges int) error {
	if nodes > MaxNodes || edges > MaxEdges {
		return &TooLargeError{Nodes: nodes, Edges: edges}
	}
	return nil
}

func checkLayout(l string) error {
	for _, x := range Layouts {
		if l == x {
			return nil
		}
	}
	if l == "" {
		return nil
	}
	return fmt.Errorf("unknown layout %q (want one of %s)", l, strings.Join(Layouts, ", "))
}

// splineNodes is the size up to which edges are routed round nodes.
const splineNodes = 150

// ForceAbove is the number of nodes above which AutoLayout picks force.
const ForceAbove = 300

// AutoLayout is the layout "auto" picks: dot when the subgraph is small or
// mostly sequential (transit legs, partnership ladders), where ranks carry
// meaning; neato for mid-size networks; force beyond about 300 nodes, where
// Graphviz's own engines become slow, most of all in WebAssembly.
func AutoLayout(sg Subgraph) string {
	n := len(sg.Nodes)
	switch {
	case n > ForceAbove:
		return "force"
	case n <= 40:
		return "dot"
	}
	ranked := 0
	for _, e := range sg.Edges {
		if e.Type == graph.TieTransit || SphereOf(e.To) != "" && SphereOf(e.To) != e.To {
			ranked++
		}
	}
	if ranked*3 >= len(sg.Edges) {
		return "dot"
	}
	return "neato"
}

func resolveLayout(sg Subgraph, l string) string {
	if l == "" || l == "auto" {
		return AutoLayout(sg)
	}
	return l
}

// DOT writes the subgraph as a Graphviz document. The output depends only on
// sg and opts: nodes are written in order of ID and edges in order of (type,
// from, to, key), so a diagram can be diffed and kept as a golden file.
func DOT(sg Subgraph, opts Options) ([]byte, error) {
	if err := checkSize(len(sg.Nodes), len(sg.Edges)); err != nil {
		return nil, err
	}
	if err := checkLayout(opts.Layout); err != nil {
		return nil, err
	}
	sg = sortedCopy(sg)
	layout := resolveLayout(sg, opts.Layout)
	var unplaced []string
	if layout == "geo" {
		unplaced = Unplaced(sg)
		sg = onMap(sg)
	}
	d := newDrawing(sg, opts)
	d.edgeLabelAt = "label"
	drawn := d.mergeParallel(sg.Edges)

	var pos []vec
	var gm *geoMap
	engine := layout
	switch layout {
	case "force":
		pos = d.place(sg)
		engine = placedEngine
	case "geo":
		gm = d.layoutMap(sg, drawn)
		d.mapNote = mapCaption(gm, unplaced)
		engine = placedEngine
	}

	// st is set when a dot layout draws a star in three columns (star.go).
	var st *starSides
	var b bytes.Buffer
	b.WriteString("digraph relmap {\n")
	var attrs [][2]string
	if !opts.OmitEngine || layout == "force" || layout == "geo" {
		attrs = append(attrs, [2]string{"layout", quote(engine)})
	}
	attrs = append(attrs, [][2]string{
		{"charset", quote("UTF-8")},
		{"fontname", quote("Helvetica")},
		{"bgcolor", quote("white")},
		{"outputorder", quote("edgesfirst")},
		{"labelloc", quote("t")},
		{"labeljust", quote("l")},
	}...)
	switch layout {
	case "dot":
		// Left to right reads as a sequence, but a long chain (a route's
		// legs) grows too wide for a page, where its labels shrink below
		// print size; it runs top to bottom instead.
		rankdir := "LR"
		if st = findStar(sg, d.isUnconfirmed); st == nil && longestChain(sg) > maxChainLR {
			rankdir = "TB"
		}
		attrs = append(attrs, [2]string{"rankdir", quote(rankdir)}, [2]string{"nodesep", quote("0.3")})
		if st != nil {
			// The spokes fan out over a tall column: longer ones
			// meet it at gentler angles, their arrows and labels
			// apart. A labelled edge spans two ranks (its label
			// takes the one between), so with labels each rank
			// gap is half as wide.
			sep := "1.2"
			for _, e := range drawn {
				if len(d.edgeLabel(e)) > 0 {
					sep = "0.6"
					break
				}
			}
			attrs = append(attrs, [2]string{"ranksep", quote(sep)})
			d.wrapNames = true
		}
	case "neato", "fdp", "sfdp", "circo", "twopi":
		// overlap=false means Prism, which the WebAssembly build runs
		// about a hundred times slower than native Graphviz on large
		// graphs (two minutes for 1,000 nodes); scaling is near-instant.
		overlap := "false"
		if len(sg.Nodes) > 300 {
			overlap = "scale"
		}
		attrs = append(attrs, [2]string{"overlap", quote(overlap)})
		// Straight edges run under the nodes between their ends (the
		// NATO sphere had 29 of 58 doing so), which reads as ties that do
		// not exist; the spline router takes them round. Past
		// splineNodes it costs more than a second.
		// The router needs room between nodes (sep) wider than the
		// room it keeps around edges (esep), or it gives up and draws
		// straight lines through nodes after all.
		if len(sg.Nodes) <= splineNodes {
			attrs = append(attrs, [2]string{"splines", quote("true")}, [2]string{"sep", quote("+4")}, [2]string{"esep", quote("+2")})
		}
		// In the middle of a spoke a label crowds the hub, where all
		// spokes meet ("partner" over "partner" round the SCO); at the
		// tail it sits by the actor it speaks of, where there is room.
		d.edgeLabelAt = "taillabel"
		// A small radial figure has room for longer spokes, which keeps
		// the labels at their middles ("dialogue partner", "observer")
		// clear of the nodes at either end.
		if layout == "twopi" && len(sg.Nodes) <= 20 {
			attrs = append(attrs, [2]string{"ranksep", quote("1.5")})
		}
	case "force":
		// Curved edges around nodes would need the costly spline router;
		// straight ones are what sfdp draws by default too.
		attrs = append(attrs, [2]string{"splines", quote("line")})
	case "geo":
		attrs = append(attrs, [2]string{"splines", quote("line")}, [2]string{underlayAttr, quote(gm.underlaySpec())})
	}
	if len(opts.Metadata) > 0 {
		// URL query encoding keeps the metadata machine-readable and free
		// of quotes, backslashes and markup, which DOT's quoted strings
		// and the SVG comment Graphviz makes of this attribute handle
		// differently from one Graphviz version to the next.
		attrs = append(attrs, [2]string{"comment", quote("relmap " + metadataQuery(opts.Metadata))})
	}
	if lbl := d.graphLabel(); lbl != "" {
		attrs = append(attrs, [2]string{"label", "<" + lbl + ">"})
	}
	writeAttrStmt(&b, "graph", attrs)
	writeAttrStmt(&b, "node", [][2]string{{"fontname", quote("Helvetica")}, {"fontsize", quote("11")}, {"margin", quote("0.08,0.04")}})
	// Edge labels, legend and caption are the smallest text: at 10 pt
	// they stay above 6 pt when a figure as wide as the NATO sphere is
	// printed 17 cm wide.
	writeAttrStmt(&b, "edge", [][2]string{{"fontname", quote("Helvetica")}, {"fontsize", quote(smallText)}})

	for i, n := range sg.Nodes {
		fmt.Fprintf(&b, "  %s", d.name[n.ID])
		if gm != nil {
			writeAttrList(&b, d.geoNodeAttrs(n, gm))
			continue
		}
		attrs := d.nodeAttrs(n)
		if pos != nil {
			attrs = append(attrs, [2]string{"pos", quote(point(pos[i].x) + "," + point(pos[i].y) + "!")})
		}
		writeAttrList(&b, attrs)
	}
	if gm != nil {
		frameNodes(&b, gm)
	}
	for _, e := range drawn {
		if gm != nil {
			fmt.Fprintf(&b, "  %s -> %s", d.name[e.From], d.name[e.To])
			writeAttrList(&b, d.geoEdgeAttrs(e, gm))
			continue
		}
		if st.reversed(e) {
			fmt.Fprintf(&b, "  %s -> %s", d.name[e.To], d.name[e.From])
			writeAttrList(&b, reverse(d.edgeAttrs(e)))
			continue
		}
		fmt.Fprintf(&b, "  %s -> %s", d.name[e.From], d.name[e.To])
		writeAttrList(&b, d.edgeAttrs(e))
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// wrapNameAt is the length from which a name is broken over lines where
// names are wrapped (drawing.wrapNames).
const wrapNameAt = 22

// smallText is the point size of edge labels, the legend and the caption.
const smallText = "10"

// maxChainLR is the longest chain of ties that the dot layout still runs
// left to right: five ranks of nodes fit 17 cm with their labels at print
// size.
const maxChainLR = 4

// longestChain is the number of ties on the longest path of sg's directed
// ties, each node counted once on a path (a cycle is cut where it closes).
// The memo keeps it linear on the acyclic graphs views draw.
func longestChain(sg Subgraph) int {
	out := map[string][]string{}
	for _, e := range sg.Edges {
		if e.From != e.To {
			out[e.From] = append(out[e.From], e.To)
		}
	}
	memo := map[string]int{}
	onPath := map[string]bool{}
	var depth func(string) int
	depth = func(n string) int {
		if v, ok := memo[n]; ok {
			return v
		}
		onPath[n] = true
		best := 0
		for _, m := range out[n] {
			if !onPath[m] {
				best = max(best, 1+depth(m))
			}
		}
		onPath[n] = false
		memo[n] = best
		return best
	}
	longest := 0
	for _, n := range sg.Nodes {
		longest = max(longest, depth(n.ID))
	}
	return longest
}

func sortedCopy(sg Subgraph) Subgraph {
	out := Subgraph{Dangling: sg.Dangling}
	out.Nodes = append([]graph.Actor(nil), sg.Nodes...)
	seen := map[string]bool{}
	for _, n := range sg.Nodes {
		seen[n.ID] = true
	}
	// An edge to a node that is not drawn would make Graphviz invent an
	// unstyled node; leave it out as the collector does.
	for _, e := range sg.Edges {
		if seen[e.From] && seen[e.To] {
			out.Edges = append(out.Edges, e)
		} else {
			out.Dangling++
		}
	}
	out.Sort()
	return out
}

func writeAttrStmt(b *bytes.Buffer, kind string, attrs [][2]string) {
	fmt.Fprintf(b, "  %s", kind)
	writeAttrList(b, attrs)
}

func writeAttrList(b *bytes.Buffer, attrs [][2]string) {
	b.WriteString(" [")
	for i, a := range attrs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a[0])
		b.WriteByte('=')
		b.WriteString(a[1])
	}
	b.WriteString("];\n")
}

// drawing holds what DOT works out about the whole subgraph before writing
// any node: names, sphere markers and what the legend must list.
type drawing struct {
	opts     Options
	name     map[string]string   // actor id -> DOT node ID
	markers  map[string][]string // actor id -> sphere orgs, in display order
	kinds    map[graph.Kind]bool
	looks    map[tieLook]bool // how the drawn ties look, for the legend
	spheres  map[string]bool
	routes   map[string]bool
	faded    bool
	nodeByID map[string]graph.Actor
	// parallel holds, by the key of the edge drawn for them, ties of one
	// look between the same two actors (Kazakhstan's IPAP cycles), which
	// are drawn as one edge: side by side they would read as unlabelled
	// duplicates.
	parallel map[string][]graph.Tie
	// edgeLabelAt is the attribute an edge's label goes in: label (the
	// middle of the edge) or taillabel.
	edgeLabelAt string
	// mapNote names a map's projection and what it leaves out, under
	// the sources.
	mapNote string
	// routeColour tells a map's routes apart by colour (geo.go); nil
	// elsewhere, where each leg's label names its route.
	routeColour map[string]string
	// wrapNames breaks long actor names over lines: in a star's columns
	// the longest name sets the figure's width.
	wrapNames bool
}

// safeID reports whether id can be a DOT node name as it is: 1 to 100
// ASCII letters, digits, '_', '.' or '-'. (A regexp with {1,100} took half
// a millisecond to compile at every start of every command.)
func safeID(id string) bool {
	if len(id) == 0 || len(id) > 100 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func newDrawing(sg Subgraph, opts Options) *drawing {
	d := &drawing{
		opts: opts, name: map[string]string{}, markers: map[string][]string{},
		kinds: map[graph.Kind]bool{}, looks: map[tieLook]bool{}, spheres: map[string]bool{},
		routes: map[string]bool{}, nodeByID: map[string]graph.Actor{}, parallel: map[string][]graph.Tie{},
	}
	for i, n := range sg.Nodes {
		// Actor IDs are slugs; anything else gets a synthetic name so that
		// no DOT quoting subtlety depends on data.
		if safeID(n.ID) {
			d.name[n.ID] = quote(n.ID)
		} else {
			d.name[n.ID] = quote(fmt.Sprintf("node#%d", i))
		}
		d.nodeByID[n.ID] = n
		d.kinds[n.Kind] = true
		if s := SphereOf(n.ID); s != "" {
			d.spheres[s] = true
		}
	}
	// A marker says the actor is inside a sphere by graph's sphere rule,
	// judged on the drawn ties in force (all of them when the figure has
	// no date): a suspension drawn beside a membership clears the marker.
	bearing := map[string][]graph.Tie{}
	for _, e := range sg.Edges {
		if e.Type == graph.TieTransit && e.Attrs["route"] != "" {
			d.routes[e.Attrs["route"]] = true
		}
	}
	if opts.Layout == "geo" {
		d.routeColours()
	}
	for _, e := range sg.Edges {
		d.looks[d.look(e)] = true
		if d.isFaded(e) {
			d.faded = true
			continue
		}
		if _, ok := graph.TieStanding(e); ok && SphereOf(e.To) != "" {
			bearing[e.From] = append(bearing[e.From], e)
		}
	}
	for id, ties := range bearing {
		for _, s := range graph.Spheres {
			if s.Standing(id, ties) == graph.Inside {
				d.markers[id] = append(d.markers[id], s.Org)
			}
		}
	}
	return d
}

func (d *drawing) isFaded(e graph.Tie) bool {
	return !d.opts.AsOf.IsZero() && !graph.ValidAt(e.Since, e.Until, d.opts.AsOf)
}

// isUnconfirmed reports a drawn tie that the figure's date finds in force
// but no source speaks for on it (graph.Tie.UnconfirmedAt).
func (d *drawing) isUnconfirmed(e graph.Tie) bool {
	return !d.opts.AsOf.IsZero() && e.UnconfirmedAt(d.opts.AsOf)
}

func (d *drawing) nodeAttrs(n graph.Actor) [][2]string {
	ks := styleOfKind(n.Kind)
	style := "filled"
	if ks.Style != "" {
		style += "," + ks.Style
	}
	outline, width := "#444444", "1"
	if c := SphereColour(n.ID); c != "" {
		outline, width = c, "2.5"
	}
	label := htmlText(actorLabel(n))
	if d.wrapNames && len([]rune(actorLabel(n))) > wrapNameAt {
		label = wrapHTML(actorLabel(n), wrapNameAt)
	}
	if ms := d.markers[n.ID]; len(ms) > 0 {
		var cells strings.Builder
		for _, s := range ms {
			fmt.Fprintf(&cells, `<TD BGCOLOR="%s" WIDTH="14" HEIGHT="6" FIXEDSIZE="TRUE"></TD>`, sphereColours[s])
		}
		label = fmt.Sprintf(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR><TD COLSPAN="%d">%s</TD></TR><TR>%s</TR></TABLE>`,
			len(ms), label, cells.String())
	}
	tip := n.Name
	if tip == "" {
		tip = actorLabel(n)
	}
	tip += " (" + string(n.Kind)
	if n.Region != "" {
		tip += ", " + n.Region
	}
	tip += ")"
	return [][2]string{
		{"shape", quote(ks.Shape)},
		{"style", quote(style)},
		{"fillcolor", quote(ks.Fill)},
		{"color", quote(outline)},
		{"penwidth", quote(width)},
		{"label", "<" + label + ">"},
		{"tooltip", quoteEsc(tip)},
	}
}

// tieLook is how a tie is drawn and how the legend names that look. The
// edge and its legend entry are both made from it, so they cannot differ.
type tieLook struct {
	Type   graph.TieType
	Label  string // the legend's words: the type, then what sets this look apart
	Colour string
	Dash   string // solid, dashed or dotted
	Width  string // penwidth
	Arrow  string
	// Unconfirmed: drawn as a faded double line (see unconfirmedLine).
	Unconfirmed bool
}

// line is the edge's colour attribute: the look's colour, or for an
// unconfirmed tie the colour list of the faded double line.
func (l tieLook) line() string {
	if l.Unconfirmed {
		return unconfirmedLine(l.Colour)
	}
	return l.Colour
}

func (d *drawing) look(e graph.Tie) tieLook {
	ts := styleOfTie(e.Type)
	l := tieLook{Type: e.Type, Label: strings.ReplaceAll(string(e.Type), "_", " "), Colour: ts.Colour,
		Dash: ts.Style, Width: ts.Width, Arrow: ts.Arrow}
	if l.Dash == "bold" || l.Dash == "" {
		l.Dash = "solid" // the width says bold
	}
	if info, ok := graph.LookupTieType(e.Type); ok && info.Sphere {
		if s := SphereOf(e.To); s != "" {
			l.Colour = sphereColours[s]
			l.Label += " (" + sphereName(s) + ")"
		}
	}
	if weakTie(e) {
		l.Dash = "dashed"
		l.Label += ", short of belonging"
	}
	if c := d.routeColour[e.Attrs["route"]]; c != "" && e.Type == graph.TieTransit {
		l.Colour = c
		l.Label += ": " + e.Attrs["route"]
	}
	switch {
	case d.isFaded(e):
		l.Colour = "#BBBBBB"
		l.Label += ", not in force on " + d.opts.AsOf.String()
	case d.isUnconfirmed(e):
		// The legend lists unconfirmed looks under one heading that
		// names the date (legend), so the label stays the type's.
		l.Unconfirmed = true
	}
	return l
}

func (d *drawing) edgeAttrs(e graph.Tie) [][2]string {
	l := d.look(e)
	info, known := graph.LookupTieType(e.Type)
	attrs := [][2]string{
		{"color", quote(l.line())},
		{"fontcolor", quote(l.Colour)},
		{"style", quote(l.Dash)},
		{"penwidth", quote(l.Width)},
		{"arrowhead", quote(l.Arrow)},
	}
	if known && info.Symmetric {
		attrs = append(attrs, [2]string{"dir", quote("none")})
	}
	if lbl := d.edgeLabel(e); len(lbl) > 0 {
		parts := make([]string, len(lbl))
		for i, p := range lbl {
			parts[i] = htmlText(p)
		}
		attrs = append(attrs, [2]string{d.edgeLabelAt, "<" + strings.Join(parts, "<BR/>") + ">"})
	}
	tip := fmt.Sprintf("%s: %s → %s", e.Type, actorLabel(d.nodeByID[e.From]), actorLabel(d.nodeByID[e.To]))
	group := d.parallel[e.Key]
	if len(group) == 0 {
		group = []graph.Tie{e}
	}
	sep := ", "
	for _, g := range group {
		if p := period(g); p != "" {
			tip += sep + p
			sep = "; "
		}
	}
	var sources []graph.Citation
	for _, g := range group {
		for _, src := range g.Sources {
			if !slices.Contains(sources, src) {
				sources = append(sources, src)
			}
		}
	}
	if d.isUnconfirmed(e) {
		tip += "\nunconfirmed on " + d.opts.AsOf.String() + ": " + lastAttestedText(graph.LastAttested(group))
	}
	if len(sources) > 0 {
		tip += "\nsources: " + graph.CitationsText(sources)
	}
	attrs = append(attrs, [2]string{"tooltip", quoteEsc(tip)})
	return attrs
}

// attrsShownAlways are the attributes edgeLabel places itself.
var attrsShownAlways = map[string]bool{"order": true, "mode": true, "route": true, "role": true, "status": true}

// mergeParallel returns the edges to draw: each group of ties of one look
// between the same two actors becomes its first tie, and d.parallel
// remembers the group.
func (d *drawing) mergeParallel(edges []graph.Tie) []graph.Tie {
	type pair struct {
		from, to string
		look     tieLook
		label    string
	}
	first := map[pair]int{}
	var out []graph.Tie
	for _, e := range edges {
		k := pair{e.From, e.To, d.look(e), strings.Join(d.shownAlways(e), "\n")}
		if i, ok := first[k]; ok {
			key := out[i].Key
			if len(d.parallel[key]) == 0 {
				d.parallel[key] = []graph.Tie{out[i]}
			}
			d.parallel[key] = append(d.parallel[key], e)
			continue
		}
		first[k] = len(out)
		out = append(out, e)
	}
	return out
}

// parallelLabel sums up merged ties: "IPAP 2006–…, 2 ties", in years,
// … for a tie still open, "cycles" when every tie is a cycle.
func (d *drawing) parallelLabel(group []graph.Tie) string {
	var since, until graph.Date
	open, cycles := false, true
	for i, e := range group {
		if i == 0 || e.Since.IsZero() || !since.IsZero() && e.Since.Year < since.Year {
			since = e.Since
		}
		if e.Until.IsZero() {
			open = true
		} else if e.Until.Year > until.Year {
			until = e.Until
		}
		cycles = cycles && e.Attrs["cycle"] != ""
	}
	from, to := "?", "…"
	if !since.IsZero() {
		from = strconv.Itoa(since.Year)
	}
	if !open && !until.IsZero() {
		to = strconv.Itoa(until.Year)
	}
	unit := "ties"
	if cycles {
		unit = "cycles"
	}
	return fmt.Sprintf("%s %s–%s, %d %s", actorLabel(d.nodeByID[group[0].To]), from, to, len(group), unit)
}

func (d *drawing) edgeLabel(e graph.Tie) []string {
	var lines []string
	if group := d.parallel[e.Key]; len(group) > 1 {
		lines = append(lines, d.parallelLabel(group))
	}
	if d.opts.TieLabels {
		lines = append(lines, strings.ReplaceAll(string(e.Type), "_", " "))
	}
	lines = append(lines, d.shownAlways(e)...)
	if d.opts.TieLabels {
		var names []string
		for k, v := range e.Attrs {
			if v != "" && !attrsShownAlways[k] {
				names = append(names, k)
			}
		}
		sort.Strings(names)
		for _, k := range names {
			lines = append(lines, k+": "+e.Attrs[k])
		}
		if p := period(e); p != "" && len(d.parallel[e.Key]) < 2 {
			lines = append(lines, p)
		}
	}
	return lines
}

// shownAlways is what an edge's label says whatever the options: a
// transit leg's order, mode and route, and a role or status short of
// belonging. Ties that differ in it are never merged.
func (d *drawing) shownAlways(e graph.Tie) []string {
	var lines []string
	if e.Type == graph.TieTransit {
		leg := e.Attrs["order"]
		if m := e.Attrs["mode"]; m != "" {
			if leg != "" {
				leg += ". "
			}
			leg += m
		}
		if len(d.routes) > 1 && e.Attrs["route"] != "" && d.routeColour == nil {
			leg += " (" + e.Attrs["route"] + ")"
		}
		if leg != "" {
			lines = append(lines, leg)
		}
	}
	if weakTie(e) {
		for _, k := range []string{"role", "status"} {
			if v := e.Attrs[k]; v != "" {
				lines = append(lines, strings.ReplaceAll(v, "_", " "))
			}
		}
	}
	return lines
}

func period(e graph.Tie) string {
	if e.Since.IsZero() && e.Until.IsZero() {
		return ""
	}
	return e.Since.String() + "–" + e.Until.String()
}

// graphLabel is the title, the date stamp, the legend and the caption, as one
// HTML-like label on the graph. A label rather than a legend cluster works
// with every layout engine (neato and sfdp ignore clusters) and adds no nodes
// or edges that a reader, or a test, would have to tell from the data.
func (d *drawing) graphLabel() string {
	var rows []string
	if d.opts.Title != "" {
		rows = append(rows, `<TD ALIGN="LEFT"><FONT POINT-SIZE="16"><B>`+htmlText(d.opts.Title)+`</B></FONT></TD>`)
	}
	if !d.opts.AsOf.IsZero() {
		rows = append(rows, `<TD ALIGN="LEFT"><FONT POINT-SIZE="11">as of `+htmlText(d.opts.AsOf.String())+`</FONT></TD>`)
	}
	if lg := d.legend(); lg != "" {
		rows = append(rows, `<TD ALIGN="LEFT">`+lg+`</TD>`)
	}
	if len(d.opts.Sources) > 0 {
		rows = append(rows, `<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="`+smallText+`">`+wrapHTML("Sources: "+strings.Join(d.opts.Sources, "; "), 100)+`</FONT></TD>`)
	}
	if d.mapNote != "" {
		rows = append(rows, `<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="`+smallText+`">`+wrapHTML(d.mapNote, 100)+`</FONT></TD>`)
	}
	if len(rows) == 0 {
		return ""
	}
	return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="2"><TR>` +
		strings.Join(rows, "</TR><TR>") + `</TR></TABLE>`
}

// legend lists only what is drawn: a legend that explains absent symbols
// sends the reader looking for them.
func (d *drawing) legend() string {
	var kinds []legendEntry
	for _, k := range graph.Kinds {
		if d.kinds[k.Kind] {
			kinds = append(kinds, legendKind(string(k.Kind), kindStyles[k.Kind]))
		}
	}
	for _, name := range unstyled(d.kinds, kindStyles) {
		if name == "" {
			name = "unknown kind"
		}
		kinds = append(kinds, legendKind(name, otherKind))
	}
	var spheres []legendEntry
	for _, s := range graph.Spheres {
		if d.spheres[s.Org] {
			spheres = append(spheres, legendEntry{
				fmt.Sprintf(`<TD BGCOLOR="%s" WIDTH="14" HEIGHT="8" FIXEDSIZE="TRUE"></TD>`, sphereColours[s.Org]),
				sphereName(s.Org) + " sphere"})
		}
	}
	// Unconfirmed looks follow the others under a heading that says what
	// unconfirmed means and on which day, once: said in every entry, it
	// made the legend's columns, and so the figure, wider than a page
	// prints at 6 pt.
	confirmed, unconfirmed := map[tieLook]bool{}, map[tieLook]bool{}
	for l := range d.looks {
		if l.Unconfirmed {
			unconfirmed[l] = true
		} else {
			confirmed[l] = true
		}
	}
	var rows []string
	for g, group := range [][]legendEntry{kinds, legendTies(confirmed), legendTies(unconfirmed), spheres} {
		if g == 2 && len(group) > 0 {
			rows = append(rows, fmt.Sprintf(`<TD COLSPAN="%d" ALIGN="LEFT"><FONT POINT-SIZE="%s">%s</FONT></TD>`,
				3*legendPerRow, smallText, htmlText(UnconfirmedLegend(d.opts.AsOf))))
		}
		for i := 0; i < len(group); i += legendPerRow {
			var row strings.Builder
			for _, e := range group[i:min(i+legendPerRow, len(group))] {
				row.WriteString(e.swatch + `<TD ALIGN="LEFT"><FONT POINT-SIZE="` + smallText + `">` + htmlText(e.label) + `</FONT></TD><TD WIDTH="12"></TD>`)
			}
			rows = append(rows, row.String())
		}
	}
	if len(rows) == 0 {
		return ""
	}
	return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="1" ALIGN="LEFT"><TR>` +
		strings.Join(rows, "</TR><TR>") + `</TR></TABLE>`
}

// legendEntry is a swatch cell and the words beside it. The legend is one
// grid of entries, legendPerRow to a row, each group (kinds, ties,
// spheres) starting a row: a swatch sits right before its own words and a
// gap wider than that comes before the next swatch.
type legendEntry struct {
	swatch string // a <TD>
	label  string // text, escaped when written
}

// unstyled lists, sorted, the drawn kinds or tie types that the data has but
// the domain does not know, which get the fallback style.
func unstyled[K ~string, S any](drawn map[K]bool, styles map[K]S) []string {
	var out []string
	for k := range drawn {
		if _, ok := styles[k]; !ok {
			out = append(out, string(k))
		}
	}
	sort.Strings(out)
	return out
}

func legendKind(name string, ks kindStyle) legendEntry {
	return legendEntry{fmt.Sprintf(`<TD BGCOLOR="%s" BORDER="1" COLOR="#444444" WIDTH="20" HEIGHT="11" FIXEDSIZE="TRUE"></TD>`, ks.Fill), name}
}

// legendPerRow is how many tie entries share a legend row: more would
// widen the figure, and shrink it in print.
const legendPerRow = 3

// legendTies has one entry per look drawn, in the domain's order of tie
// types and then by label, each a line drawn as the edges are (colour,
// width, dashes).
func legendTies(looks map[tieLook]bool) []legendEntry {
	order := map[graph.TieType]int{}
	for i, t := range graph.TieTypes {
		order[t.Type] = i
	}
	ls := make([]tieLook, 0, len(looks))
	for l := range looks {
		ls = append(ls, l)
	}
	sort.Slice(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		oa, ka := order[a.Type]
		ob, kb := order[b.Type]
		switch {
		case ka != kb:
			return ka
		case oa != ob:
			return oa < ob
		case a.Type != b.Type:
			return a.Type < b.Type
		}
		return a.Label < b.Label
	})
	out := make([]legendEntry, len(ls))
	for i, l := range ls {
		out[i] = legendEntry{`<TD>` + swatch(l) + `</TD>`, l.Label}
	}
	return out
}

// swatch draws a line of the look's colour, width and dashes as table
// cells, the dashes at Graphviz's own SVG lengths (5 on 2 off, dots 1 on
// 5 off). Cells are whole points high, so a width rounds to the nearest.
func swatch(l tieLook) string {
	w, _ := strconv.ParseFloat(l.Width, 64)
	h := max(1, int(math.Round(w)))
	var on, off, n int
	switch l.Dash {
	case "dashed":
		on, off, n = 5, 2, 4
	case "dotted":
		on, off, n = 1, 5, 5
	default:
		on, off, n = 26, 0, 1
	}
	line := func(colour string) string {
		var b strings.Builder
		b.WriteString(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR>`)
		for i := 0; i < n; i++ {
			if i > 0 {
				fmt.Fprintf(&b, `<TD WIDTH="%d" HEIGHT="%d" FIXEDSIZE="TRUE"></TD>`, off, h)
			}
			fmt.Fprintf(&b, `<TD BGCOLOR="%s" WIDTH="%d" HEIGHT="%d" FIXEDSIZE="TRUE"></TD>`, colour, on, h)
		}
		b.WriteString(`</TR></TABLE>`)
		return b.String()
	}
	if !l.Unconfirmed {
		return line(l.Colour)
	}
	// Two faded lines a line's width apart, as the edge is drawn.
	faded := line(l.Colour + unconfirmedAlpha)
	return fmt.Sprintf(`<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0"><TR><TD>%s</TD></TR>`+
		`<TR><TD WIDTH="%d" HEIGHT="%d" FIXEDSIZE="TRUE"></TD></TR><TR><TD>%s</TD></TR></TABLE>`, faded, n*on+(n-1)*off, h, faded)
}

// quote makes a DOT quoted string of a value this package controls (colours,
// shapes, slugs checked by safeID).
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// escaper replaces the runes it lists and drops other control characters,
// which have no business in a label and some of which XML forbids.
type escaper map[rune]string

func (e escaper) escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if rep, ok := e[r]; ok {
			b.WriteString(rep)
		} else if !unicode.IsControl(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// htmlText escapes data for the text of an HTML-like label: markup
// characters become entities so no name can open an element. Graphviz
// expands \N, \G and friends in HTML-like text too (after decoding
// entities, so &#92; does not help), once, in every version tried; a doubled
// backslash reads back as one. Newlines become line breaks.
var htmlText = escaper{
	'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&quot;", '\'': "&#39;",
	'\\': `\\`, '\n': "<BR/>", '\t': " ",
}.escape

// tooltipText escapes data for a tooltip, which DOT writes as a quoted
// escString. Graphviz expands \N, \G and friends in tooltips once for
// edges but twice for nodes, so no number of backslashes reads back the same
// everywhere; a backslash is shown as U+29F5, which looks alike and means
// nothing to Graphviz. & is written as an entity because the SVG writer
// passes entities through.
var tooltipText = escaper{
	'\\': "\u29F5", '"': `\"`, '&': "&amp;", '\n': `\n`, '\t': " ",
}.escape

func quoteEsc(s string) string { return `"` + tooltipText(s) + `"` }

// wrapHTML escapes s and breaks it into lines of about width characters at
// spaces.
func wrapHTML(s string, width int) string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
	}
	for i, l := range lines {
		lines[i] = htmlText(l)
	}
	return strings.Join(lines, "<BR/>")
}

// metadataQuery encodes metadata as a URL query, keys sorted.
func metadataQuery(md map[string]string) string {
	v := url.Values{}
	for k, x := range md {
		v.Set(k, x)
	}
	return v.Encode()
}
