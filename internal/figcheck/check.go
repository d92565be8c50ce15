package figcheck

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// PageWidth is the width a figure is scaled to for the print-size
// measure: 17 cm, the text width of an A4 page with 2 cm margins.
const PageWidth = 17 / 2.54 * 72

// Tolerances: an edge must run this deep inside a node to count as
// passing through it (arrowheads and splines graze outlines), boxes must
// overlap by more than this to collide, and widths and opacities of an
// entry and a tie may differ by this much (a swatch's height is whole
// points; SVG writes opacities to six digits).
const (
	throughDepth = 2.0
	overlapTol   = 0.5
	widthTol     = 0.5
	opacityTol   = 0.02
)

// Report holds the counts for one figure; Problems names each one found.
type Report struct {
	EdgesThroughNodes int     // edges whose path runs through a node that is not one of their ends
	LabelCollisions   int     // pairs of owners (node, edge, the graph's label) with a text of one over a text or the outline of the other
	MinTextPt         float64 // smallest text height, in points, with the figure scaled to PageWidth
	LegendEntries     int     // legend entries for ties found
	LegendStyles      int     // distinct drawn edge styles (type, colour, width, dash)
	LegendTrue        int     // entries that match drawn ties of their type plus drawn styles that have an entry
	EmptyBand         float64 // the tallest band across the figure with nothing drawn in it, in points at 17 cm
	Problems          []string
}

// LegendTruth is the share of legend entries and drawn styles that agree,
// 1 when there is nothing to agree on.
func (r Report) LegendTruth() float64 {
	n := r.LegendEntries + r.LegendStyles
	if n == 0 {
		return 1
	}
	return float64(r.LegendTrue) / float64(n)
}

func (r Report) String() string {
	return fmt.Sprintf("edges through nodes %d, label collisions %d, smallest text %.1f pt at 17 cm, legend truth %.0f%% (%d/%d), widest empty band %.0f pt",
		r.EdgesThroughNodes, r.LabelCollisions, r.MinTextPt, 100*r.LegendTruth(), r.LegendTrue, r.LegendEntries+r.LegendStyles, r.EmptyBand)
}

// Check measures f.
func Check(f *Figure) Report {
	var r Report
	r.throughNodes(f)
	r.collisions(f)
	r.printSize(f)
	r.legend(f)
	r.emptyBand(f)
	return r
}

// emptyBand finds the tallest horizontal band, between the first and the
// last thing drawn, that nothing crosses: a gap a reader sees as the
// figure falling apart (legend here, graph far below).
func (r *Report) emptyBand(f *Figure) {
	var spans [][2]float64
	add := func(b Rect) {
		if b.MaxY >= b.MinY {
			spans = append(spans, [2]float64{b.MinY, b.MaxY})
		}
	}
	for _, n := range f.Nodes {
		add(n.Box)
	}
	for _, e := range f.Edges {
		add(bounds(e.Path))
	}
	for _, t := range f.Texts {
		add(t.Box)
	}
	for _, s := range f.Shapes {
		add(s.Box)
	}
	for _, b := range f.Backdrop {
		add(b)
	}
	if len(spans) == 0 || f.Width <= 0 {
		return
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	reach, widest := spans[0][1], 0.0
	for _, s := range spans[1:] {
		widest = max(widest, s[0]-reach)
		reach = max(reach, s[1])
	}
	r.EmptyBand = widest * PageWidth / f.Width
	if r.EmptyBand > 0 {
		r.problem("widest empty band %.0f pt at 17 cm", r.EmptyBand)
	}
}

func (r *Report) problem(format string, a ...any) {
	r.Problems = append(r.Problems, fmt.Sprintf(format, a...))
}

func (r *Report) throughNodes(f *Figure) {
	for _, e := range f.Edges {
		eb := bounds(e.Path)
		through := false
		for _, n := range f.Nodes {
			if n.Name == e.Tail || n.Name == e.Head || !eb.overlaps(n.Box, 0) {
				continue
			}
			for _, p := range e.Path {
				if depth(p, n.Outline) > throughDepth {
					through = true
					r.problem("edge %s->%s passes through %s", e.Tail, e.Head, n.Name)
					break
				}
			}
		}
		if through {
			r.EdgesThroughNodes++
		}
	}
}

// collisions counts each pair of owners once, however many of their
// texts overlap: a label over a node hides the node's name too, and that
// is one collision to the reader.
func (r *Report) collisions(f *Figure) {
	seen := map[[2]string]bool{}
	hit := func(a, b, what string) {
		k := [2]string{min(a, b), max(a, b)}
		if !seen[k] {
			seen[k] = true
			r.LabelCollisions++
			r.problem("%s", what)
		}
	}
	ts := f.Texts
	for i := range ts {
		for j := i + 1; j < len(ts); j++ {
			if ts[i].Owner != ts[j].Owner && ts[i].Box.overlaps(ts[j].Box, overlapTol) {
				hit(ts[i].Owner, ts[j].Owner, fmt.Sprintf("text %q overlaps text %q", ts[i].Text, ts[j].Text))
			}
		}
		for _, n := range f.Nodes {
			if n.Name != ts[i].Owner && rectMeetsPolygon(ts[i].Box, n.Outline, overlapTol) {
				hit(ts[i].Owner, n.Name, fmt.Sprintf("text %q overlaps node %s", ts[i].Text, n.Name))
			}
		}
	}
}

func (r *Report) printSize(f *Figure) {
	if f.Width <= 0 || len(f.Texts) == 0 {
		return
	}
	scale := PageWidth / f.Width
	r.MinTextPt = math.Inf(1)
	for _, t := range f.Texts {
		r.MinTextPt = min(r.MinTextPt, t.Size*scale)
	}
}

// style is how a tie is drawn, as a reader compares it with the legend:
// colour, width, dashes, how faded and whether single or double (an
// unconfirmed tie is a faded double line of its type's colour).
type style struct {
	Colour  string
	Width   float64
	Dash    string
	Opacity float64
	Double  bool
}

func (s style) same(o style) bool {
	return s.Colour == o.Colour && s.Dash == o.Dash && math.Abs(s.Width-o.Width) <= widthTol &&
		math.Abs(s.Opacity-o.Opacity) <= opacityTol && s.Double == o.Double
}

func (s style) String() string {
	out := fmt.Sprintf("%s %s %.1f", s.Colour, s.Dash, s.Width)
	if s.Opacity < 1-opacityTol {
		out += fmt.Sprintf(" at %.0f%%", 100*s.Opacity)
	}
	if s.Double {
		out += " double"
	}
	return out
}

// Entry is a legend entry for ties: a swatch and the label beside it.
type Entry struct {
	Label string
	Style style
}

// typeLabel is how a legend names a tie type.
func typeLabel(t string) string { return strings.ReplaceAll(t, "_", " ") }

// legend compares the legend's tie entries with the drawn edges. An entry
// whose label starts with a drawn tie type's name ("member of",
// "member of (NATO)") speaks for ties of that type and must match one of
// them exactly; an entry that names no type ("not in force") speaks for
// any tie. Every drawn style must have an entry that speaks for it.
func (r *Report) legend(f *Figure) {
	entries := LegendEntries(f)
	types := map[string]bool{}
	drawn := map[string][]style{}
	for _, e := range f.Edges {
		t := typeLabel(e.Type)
		types[t] = true
		s := style{e.Colour, e.Width, e.Dash, e.Opacity, e.Lines >= 2}
		found := false
		for _, d := range drawn[t] {
			found = found || d.same(s)
		}
		if !found {
			drawn[t] = append(drawn[t], s)
		}
	}
	speaksFor := func(en Entry) string {
		best := ""
		for t := range types {
			if (en.Label == t || strings.HasPrefix(en.Label, t+" ") || strings.HasPrefix(en.Label, t+"(")) && len(t) > len(best) {
				best = t
			}
		}
		return best
	}
	r.LegendEntries = len(entries)
	for _, en := range entries {
		t := speaksFor(en)
		ok := false
		for dt, ss := range drawn {
			if t != "" && dt != t {
				continue
			}
			for _, s := range ss {
				ok = ok || s.same(en.Style)
			}
		}
		if ok {
			r.LegendTrue++
		} else {
			r.problem("legend entry %q (%s) matches no drawn tie", en.Label, en.Style)
		}
	}
	var ts []string
	for t := range drawn {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	for _, t := range ts {
		for _, s := range drawn[t] {
			r.LegendStyles++
			ok := false
			for _, en := range entries {
				if ft := speaksFor(en); (ft == t || ft == "") && en.Style.same(s) {
					ok = true
				}
			}
			if ok {
				r.LegendTrue++
			} else {
				r.problem("drawn %s ties (%s) have no legend entry", t, s)
			}
		}
	}
}

// lineGlyphs are the text glyphs a legend may draw a line style with, and
// what a reader takes them for.
var lineGlyphs = map[rune]style{
	'━': {Width: 2, Dash: "solid"},
	'─': {Width: 1, Dash: "solid"},
	'╌': {Width: 1, Dash: "dashed"},
	'┈': {Width: 1, Dash: "dotted"},
}

// LegendEntries finds the graph label's tie entries: a line swatch (a run
// of thin filled boxes in a row, or a text of line glyphs) and the nearest
// text to its right on the same line.
func LegendEntries(f *Figure) []Entry {
	type swatch struct {
		box   Rect
		style style
	}
	var sw []swatch
	// Thin boxes of one colour in one row, end to end or with small gaps,
	// are one swatch; gaps make it dashed or dotted.
	var thin []Shape
	for _, s := range f.Shapes {
		h, w := s.Box.MaxY-s.Box.MinY, s.Box.MaxX-s.Box.MinX
		if h > 0 && h <= 4.5 && w > 0 {
			thin = append(thin, s)
		}
	}
	sort.Slice(thin, func(i, j int) bool {
		// Rows by whole points: cells of one row may differ in the
		// last digits, and must not sort among another row's.
		a, b := thin[i].Box, thin[j].Box
		if ya, yb := math.Round(a.MinY), math.Round(b.MinY); ya != yb {
			return ya < yb
		}
		return a.MinX < b.MinX
	})
	for i := 0; i < len(thin); {
		j := i + 1
		for j < len(thin) && thin[j].Fill == thin[i].Fill && thin[j].Opacity == thin[i].Opacity &&
			math.Abs(thin[j].Box.MinY-thin[j-1].Box.MinY) < 1 &&
			thin[j].Box.MinX-thin[j-1].Box.MaxX < 12 && thin[j].Box.MinX >= thin[j-1].Box.MaxX-0.5 {
			j++
		}
		box := thin[i].Box
		shortest := math.Inf(1)
		for _, s := range thin[i:j] {
			box.MaxX = max(box.MaxX, s.Box.MaxX)
			shortest = min(shortest, s.Box.MaxX-s.Box.MinX)
		}
		dash := "solid"
		if j-i > 1 {
			dash = "dashed"
			if shortest <= 1.5 {
				dash = "dotted"
			}
		}
		sw = append(sw, swatch{box, style{Colour: thin[i].Fill, Width: thin[i].Box.MaxY - thin[i].Box.MinY, Dash: dash, Opacity: thin[i].Opacity}})
		i = j
	}
	for _, t := range f.Texts {
		if t.Owner != "" {
			continue
		}
		rs := []rune(t.Text)
		if s, ok := lineGlyphs[rs[0]]; ok && strings.Count(t.Text, string(rs[0])) == len(rs) {
			s.Colour, s.Opacity = t.Colour, 1
			if s.Colour == "" {
				s.Colour = "black"
			}
			sw = append(sw, swatch{t.Box, s})
		}
	}
	// Each swatch belongs to the nearest text to its right on its line;
	// two alike that belong to one text are one double line.
	type key struct {
		text  int
		style style
	}
	lines := map[key]int{}
	var order []key
	for _, s := range sw {
		cy := (s.box.MinY + s.box.MaxY) / 2
		best, bestD := -1, math.Inf(1)
		for i, t := range f.Texts {
			if t.Owner != "" || t.Box.MinY > cy+2 || t.Box.MaxY < cy-2 || t.Box.MinX < s.box.MaxX-0.5 {
				continue
			}
			if _, glyph := lineGlyphs[[]rune(t.Text)[0]]; glyph {
				continue
			}
			if d := t.Box.MinX - s.box.MaxX; d < bestD {
				best, bestD = i, d
			}
		}
		if best >= 0 && bestD < 40 {
			k := key{best, s.style}
			if lines[k] == 0 {
				order = append(order, k)
			}
			lines[k]++
		}
	}
	var out []Entry
	for _, k := range order {
		st := k.style
		st.Double = lines[k] >= 2
		out = append(out, Entry{Label: f.Texts[k.text].Text, Style: st})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
