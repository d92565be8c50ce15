package render

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
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
	// them, or auto, which picks one from the subgraph's size and shape.
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
var Layouts = []string{"auto", "force", "dot", "neato", "fdp", "sfdp", "circo", "twopi"}

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
	d := newDrawing(sg, opts)

	var pos []vec
	engine := layout
	if layout == "force" {
		pos = d.place(sg)
		engine = placedEngine
	}

	var b bytes.Buffer
	b.WriteString("digraph relmap {\n")
	var attrs [][2]string
	if !opts.OmitEngine || layout == "force" {
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
		attrs = append(attrs, [2]string{"rankdir", quote("LR")}, [2]string{"nodesep", quote("0.3")})
	case "neato", "fdp", "sfdp", "circo", "twopi":
		// overlap=false means Prism, which the WebAssembly build runs
		// about a hundred times slower than native Graphviz on large
		// graphs (two minutes for 1,000 nodes); scaling is near-instant.
		overlap := "false"
		if len(sg.Nodes) > 300 {
			overlap = "scale"
		}
		attrs = append(attrs, [2]string{"overlap", quote(overlap)})
	case "force":
		// Curved edges around nodes would need the costly spline router;
		// straight ones are what sfdp draws by default too.
		attrs = append(attrs, [2]string{"splines", quote("line")})
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
	writeAttrStmt(&b, "edge", [][2]string{{"fontname", quote("Helvetica")}, {"fontsize", quote("9")}})

	for i, n := range sg.Nodes {
		fmt.Fprintf(&b, "  %s", d.name[n.ID])
		attrs := d.nodeAttrs(n)
		if pos != nil {
			attrs = append(attrs, [2]string{"pos", quote(point(pos[i].x) + "," + point(pos[i].y) + "!")})
		}
		writeAttrList(&b, attrs)
	}
	for _, e := range sg.Edges {
		fmt.Fprintf(&b, "  %s -> %s", d.name[e.From], d.name[e.To])
		writeAttrList(&b, d.edgeAttrs(e))
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
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
	opts    Options
	name    map[string]string   // actor id -> DOT node ID
	markers map[string][]string // actor id -> sphere orgs, in display order
	kinds   map[graph.Kind]bool
	ties    map[graph.TieType]bool
	spheres map[string]bool
	routes  map[string]bool
	faded   bool
	// unconfirmed: some drawn tie is in force on AsOf only because its
	// end is open, no source speaking for it that day.
	unconfirmed bool
	nodeByID    map[string]graph.Actor
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
		kinds: map[graph.Kind]bool{}, ties: map[graph.TieType]bool{}, spheres: map[string]bool{},
		routes: map[string]bool{}, nodeByID: map[string]graph.Actor{},
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
		d.ties[e.Type] = true
		if e.Type == graph.TieTransit && e.Attrs["route"] != "" {
			d.routes[e.Attrs["route"]] = true
		}
		if d.isFaded(e) {
			d.faded = true
			continue
		}
		if d.isUnconfirmed(e) {
			d.unconfirmed = true
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

func (d *drawing) edgeAttrs(e graph.Tie) [][2]string {
	ts := styleOfTie(e.Type)
	colour, style := ts.Colour, ts.Style
	info, known := graph.LookupTieType(e.Type)
	if known && info.Sphere {
		if c := SphereColour(e.To); c != "" {
			colour = c
		}
	}
	if weakTie(e) {
		style = "dashed"
	}
	line := colour
	switch {
	case d.isFaded(e):
		colour, line = "#BBBBBB", "#BBBBBB"
	case d.isUnconfirmed(e):
		line = unconfirmedLine(colour)
	}
	attrs := [][2]string{
		{"color", quote(line)},
		{"fontcolor", quote(colour)},
		{"style", quote(style)},
		{"penwidth", quote(ts.Width)},
		{"arrowhead", quote(ts.Arrow)},
	}
	if known && info.Symmetric {
		attrs = append(attrs, [2]string{"dir", quote("none")})
	}
	if lbl := d.edgeLabel(e); len(lbl) > 0 {
		parts := make([]string, len(lbl))
		for i, p := range lbl {
			parts[i] = htmlText(p)
		}
		attrs = append(attrs, [2]string{"label", "<" + strings.Join(parts, "<BR/>") + ">"})
	}
	tip := fmt.Sprintf("%s: %s → %s", e.Type, actorLabel(d.nodeByID[e.From]), actorLabel(d.nodeByID[e.To]))
	if p := period(e); p != "" {
		tip += ", " + p
	}
	if d.isUnconfirmed(e) {
		tip += "\nunconfirmed on " + d.opts.AsOf.String() + ": " + lastAttestedText(e.Attested)
	}
	if len(e.Sources) > 0 {
		tip += "\nsources: " + graph.CitationsText(e.Sources)
	}
	attrs = append(attrs, [2]string{"tooltip", quoteEsc(tip)})
	return attrs
}

// attrsShownAlways are the attributes edgeLabel places itself.
var attrsShownAlways = map[string]bool{"order": true, "mode": true, "route": true, "role": true, "status": true}

func (d *drawing) edgeLabel(e graph.Tie) []string {
	var lines []string
	if d.opts.TieLabels {
		lines = append(lines, strings.ReplaceAll(string(e.Type), "_", " "))
	}
	if e.Type == graph.TieTransit {
		leg := e.Attrs["order"]
		if m := e.Attrs["mode"]; m != "" {
			if leg != "" {
				leg += ". "
			}
			leg += m
		}
		if len(d.routes) > 1 && e.Attrs["route"] != "" {
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
		if p := period(e); p != "" {
			lines = append(lines, p)
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
		rows = append(rows, `<TD ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9">`+wrapHTML("Sources: "+strings.Join(d.opts.Sources, "; "), 110)+`</FONT></TD>`)
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
	var cells []string
	for _, k := range graph.Kinds {
		if d.kinds[k.Kind] {
			cells = append(cells, legendKind(string(k.Kind), kindStyles[k.Kind]))
		}
	}
	for _, name := range unstyled(d.kinds, kindStyles) {
		if name == "" {
			name = "unknown kind"
		}
		cells = append(cells, legendKind(name, otherKind))
	}
	var ties []string
	for _, t := range graph.TieTypes {
		if d.ties[t.Type] {
			ties = append(ties, legendTie(string(t.Type), tieStyles[t.Type]))
		}
	}
	for _, name := range unstyled(d.ties, tieStyles) {
		ties = append(ties, legendTie(name, otherTie))
	}
	var spheres []string
	for _, s := range graph.Spheres {
		if d.spheres[s.Org] {
			spheres = append(spheres, fmt.Sprintf(`<TD BGCOLOR="%s" WIDTH="14" HEIGHT="8" FIXEDSIZE="TRUE"></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">%s sphere</FONT></TD>`,
				sphereColours[s.Org], htmlText(sphereName(s.Org))))
		}
	}
	if d.faded {
		ties = append(ties, legendTie("not in force on "+d.opts.AsOf.String(), tieStyle{Colour: "#BBBBBB", Style: "solid"}))
	}
	if d.unconfirmed {
		ties = append(ties, legendTie(UnconfirmedLegend(d.opts.AsOf), tieStyle{Colour: unconfirmedLegendColour, Style: unconfirmedStyle}))
	}
	var rows []string
	for _, group := range [][]string{cells, ties, spheres} {
		if len(group) > 0 {
			rows = append(rows, "<TR>"+strings.Join(group, "")+"</TR>")
		}
	}
	if len(rows) == 0 {
		return ""
	}
	return `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="1" CELLPADDING="1" ALIGN="LEFT"><TR><TD ALIGN="LEFT">` +
		strings.Join(legendRows(rows), `</TD></TR><TR><TD ALIGN="LEFT">`) + `</TD></TR></TABLE>`
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

// legendRows puts each group in its own left-aligned table, so groups of
// different lengths do not stretch one another's columns.
func legendRows(rows []string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = `<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1" ALIGN="LEFT">` + r + `</TABLE>`
	}
	return out
}

func legendKind(name string, ks kindStyle) string {
	return fmt.Sprintf(`<TD BGCOLOR="%s" BORDER="1" COLOR="#444444"><FONT POINT-SIZE="9">%s</FONT></TD>`, ks.Fill, htmlText(name))
}

func legendTie(name string, ts tieStyle) string {
	return fmt.Sprintf(`<TD><FONT COLOR="%s">%s</FONT></TD><TD ALIGN="LEFT"><FONT POINT-SIZE="9">%s</FONT></TD>`,
		ts.Colour, lineGlyph(ts.Style), htmlText(strings.ReplaceAll(name, "_", " ")))
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
