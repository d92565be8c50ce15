package timeline

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
)

// The figure's geometry, in SVG user units (pixels at 100%).
const (
	defaultWidth = 1200.0
	marginLeft   = 170.0
	marginRight  = 30.0
	chartTop     = 92.0
	laneH        = 12.0
	laneGap      = 3.0
	rowPad       = 6.0
	fontFamily   = "Helvetica, Arial, sans-serif"
)

// otherColours colour organisations outside the default spheres, in turn
// (the rest of Okabe and Ito's palette, as render's sphere colours).
var otherColours = []string{"#E69F00", "#56B4E9", "#CC79A7", "#999933"}

// colour is the organisation's colour: its sphere's as render draws it, or
// the next of otherColours.
func (tl *Timeline) colour(org string) string {
	if c := render.SphereColour(org); c != "" {
		return c
	}
	n := 0
	for _, o := range tl.Orgs {
		if o.ID == org {
			break
		}
		if render.SphereColour(o.ID) == "" {
			n++
		}
	}
	return otherColours[n%len(otherColours)]
}

// opacity is how strongly a relation is drawn: full membership solid, the
// partnership ladder from light (the shallowest rung) to solid (the
// deepest), the lesser statuses lighter.
func opacity(rel compare.Relation, level, rungs int) float64 {
	switch rel {
	case compare.Member:
		return 1
	case compare.Partnership:
		if rungs == 0 {
			return 0.6
		}
		return 0.3 + 0.7*float64(level)/float64(rungs)
	case compare.Partner:
		return 0.75
	case compare.Observer:
		return 0.5
	case compare.DialoguePartner:
		return 0.35
	}
	return 0
}

// SVGOptions say what the figure's frame says.
type SVGOptions struct {
	Title string // default: "<region>: <orgs>, <first year>–<last year>"
	// Width is the figure's width in user units; 0 is 1200. The text
	// keeps its size, so a narrower figure prints its text larger on a
	// page of a given width (the report asks for 1000).
	Width float64
}

// SVG draws the timeline.
func SVG(w io.Writer, tl *Timeline, o SVGOptions) error {
	d := &drawing{tl: tl, width: o.Width}
	if d.width <= 0 {
		d.width = defaultWidth
	}
	return d.write(w, o)
}

type drawing struct {
	tl    *Timeline
	width float64
	buf   bytes.Buffer
}

func (d *drawing) printf(format string, a ...any) { fmt.Fprintf(&d.buf, format, a...) }

// num writes a coordinate with one decimal, so the bytes do not depend on
// floating-point noise.
func num(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// esc escapes text for SVG content and attribute values.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if r < 0x20 && r != '\t' {
				b.WriteByte(' ')
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// textWidth estimates the width of s at size in a sans-serif font.
func textWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.56
}

func (d *drawing) x(t time.Time) float64 {
	span := d.tl.To.AddDate(0, 0, 1).Sub(d.tl.From).Hours()
	return marginLeft + (d.width-marginLeft-marginRight)*t.Sub(d.tl.From).Hours()/span
}

func (d *drawing) title(o SVGOptions) string {
	if o.Title != "" {
		return o.Title
	}
	var names []string
	for _, org := range d.tl.Orgs {
		names = append(names, org.Label())
	}
	region := "All states"
	if d.tl.Region != compare.AllRegions {
		// A region's slug, central-asia, read as its name.
		words := strings.Split(d.tl.Region, "-")
		for i, w := range words {
			if w != "" {
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		region = strings.Join(words, " ")
	}
	return fmt.Sprintf("%s and %s, %d–%d", region, joinAnd(names), d.tl.From.Year(), d.tl.To.Year())
}

func joinAnd(ss []string) string {
	if len(ss) < 2 {
		return strings.Join(ss, "")
	}
	return strings.Join(ss[:len(ss)-1], ", ") + " and " + ss[len(ss)-1]
}

func (d *drawing) rowHeight() float64 {
	n := float64(len(d.tl.Orgs))
	return n*laneH + (n-1)*laneGap + 2*rowPad
}

func (d *drawing) write(w io.Writer, o SVGOptions) error {
	tl := d.tl
	rowH := d.rowHeight()
	chartBottom := chartTop + rowH*float64(len(tl.States))
	legend, legendH := d.legend(chartBottom + 28)
	caption, captionH := d.caption(chartBottom + 28 + legendH + 14)
	height := chartBottom + 28 + legendH + 14 + captionH + 16
	title := d.title(o)

	d.printf(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	d.printf(`<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="%s">`+"\n",
		num(d.width), num(height), num(d.width), num(height), fontFamily)
	d.printf("<title>%s</title>\n", esc(title))
	d.defs()
	d.printf(`<rect width="100%%" height="100%%" fill="#FFFFFF"/>` + "\n")
	d.printf(`<text x="10" y="30" font-size="18" font-weight="bold" fill="#111111">%s</text>`+"\n", esc(title))
	d.printf(`<text x="10" y="50" font-size="11" fill="#444444">One band per organisation: the state&#39;s membership, status or partnership level, by the comparison&#39;s rule (the deepest tie in force; a suspension overrides).</text>` + "\n")
	d.printf(`<text x="%s" y="30" font-size="12" text-anchor="end" fill="#111111">as of %s</text>`+"\n", num(d.width-marginRight), day(tl.To))
	d.axis(chartBottom)
	for i, s := range tl.States {
		d.row(i, s, rowH)
	}
	d.spans(rowH)
	d.events(rowH)
	// The as-of line: where every open span stops.
	xa := d.x(tl.To.AddDate(0, 0, 1))
	d.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#111111" stroke-width="1" stroke-dasharray="4 3"/>`+"\n",
		num(xa), num(chartTop-6), num(xa), num(chartBottom))
	d.buf.WriteString(legend)
	d.buf.WriteString(caption)
	d.printf("</svg>\n")
	_, err := w.Write(d.buf.Bytes())
	return err
}

func (d *drawing) defs() {
	d.printf("<defs>\n")
	for _, org := range d.tl.Orgs {
		d.printf(`<pattern id="suspended-%s" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)">`+
			`<rect width="5" height="5" fill="#FFFFFF"/><line x1="0" y1="0" x2="0" y2="5" stroke="%s" stroke-width="2"/></pattern>`+"\n",
			esc(org.ID), d.tl.colour(org.ID))
	}
	d.printf("</defs>\n")
}

// axis draws a light line on every 1 January and a labelled one every
// step years.
func (d *drawing) axis(bottom float64) {
	tl := d.tl
	years := tl.To.Year() - tl.From.Year() + 1
	step := 1
	switch {
	case years > 30:
		step = 5
	case years > 12:
		step = 2
	}
	d.printf(`<g class="axis">` + "\n")
	for y := tl.From.Year(); y <= tl.To.Year(); y++ {
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if t.Before(tl.From) {
			continue
		}
		x := num(d.x(t))
		stroke := "#EEEEEE"
		if y%step == 0 {
			stroke = "#C8C8C8"
			d.printf(`<text x="%s" y="%s" font-size="10" text-anchor="middle" fill="#333333">%d</text>`+"\n", x, num(chartTop-10), y)
		}
		d.printf(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="1"/>`+"\n", x, num(chartTop-4), x, num(bottom), stroke)
	}
	d.printf("</g>\n")
}

func (d *drawing) laneY(row, lane int, rowH float64) float64 {
	return chartTop + float64(row)*rowH + rowPad + float64(lane)*(laneH+laneGap)
}

func (d *drawing) row(i int, s graph.Actor, rowH float64) {
	y := chartTop + float64(i)*rowH
	if i%2 == 1 {
		d.printf(`<rect x="0" y="%s" width="%s" height="%s" fill="#F4F4F4" fill-opacity="0.8"/>`+"\n",
			num(y), num(d.width), num(rowH))
	}
	d.printf(`<text x="10" y="%s" font-size="12" font-weight="bold" fill="#111111">%s</text>`+"\n",
		num(y+rowH/2+4), esc(s.Name))
	for j, org := range d.tl.Orgs {
		ly := d.laneY(i, j, rowH)
		d.printf(`<text x="%s" y="%s" font-size="9" text-anchor="end" fill="%s">%s</text>`+"\n",
			num(marginLeft-6), num(ly+laneH-2.5), d.tl.colour(org.ID), esc(org.Label()))
	}
}

func (d *drawing) index() (rows, cols map[string]int, rungs map[string]int) {
	rows, cols, rungs = map[string]int{}, map[string]int{}, map[string]int{}
	for i, s := range d.tl.States {
		rows[s.ID] = i
	}
	for j, o := range d.tl.Orgs {
		cols[o.ID] = j
		s, _ := graph.LookupSphere(o.ID)
		rungs[o.ID] = len(s.Ladder)
	}
	return rows, cols, rungs
}

// spanStyle is the fill and stroke of a span of rel at level for org. An
// unconfirmed span is faded to a quarter of its strength and outlined with
// dots in the organisation's colour, so it reads as the same relation with
// no source behind it.
func (d *drawing) spanStyle(org string, rel compare.Relation, level, rungs int, unconfirmed bool) string {
	c := d.tl.colour(org)
	dots := ""
	if unconfirmed {
		dots = fmt.Sprintf(` stroke="%s" stroke-width="1" stroke-dasharray="1.5 1.5"`, c)
	}
	switch rel {
	case compare.Suspended:
		op := ""
		if unconfirmed {
			op = ` fill-opacity="0.4"`
		}
		return fmt.Sprintf(`fill="url(#suspended-%s)"%s stroke="%s" stroke-width="1"`, esc(org), op, c)
	case compare.Interested:
		return fmt.Sprintf(`fill="#FFFFFF" stroke="%s" stroke-width="1" stroke-dasharray="3 2"`, c)
	}
	op := opacity(rel, level, rungs)
	if unconfirmed {
		op /= 4
	}
	return fmt.Sprintf(`fill="%s" fill-opacity="%s"%s`, c, strconv.FormatFloat(op, 'f', 2, 64), dots)
}

func (d *drawing) spans(rowH float64) {
	rows, cols, rungs := d.index()
	d.printf(`<g class="spans">` + "\n")
	for _, s := range d.tl.Spans {
		i, j := rows[s.State], cols[s.Org]
		x0, x1 := d.x(s.From), d.x(s.To)
		w := max(x1-x0, 1.5)
		y := d.laneY(i, j, rowH)
		to := day(s.To.AddDate(0, 0, -1))
		if s.Open {
			to = "in force on " + day(d.tl.To)
		}
		tip := fmt.Sprintf("%s, %s: %s, %s to %s", d.tl.States[i].Name, d.tl.Orgs[j].Label(), s.Label, day(s.From), to)
		if s.Unconfirmed {
			tip += lastAttested(s)
		}
		d.printf(`<rect x="%s" y="%s" width="%s" height="%s" %s><title>%s</title></rect>`+"\n",
			num(x0), num(y), num(w), num(laneH), d.spanStyle(s.Org, s.Relation, s.Level, rungs[s.Org], s.Unconfirmed), esc(tip))
		// Clear of an event's marker at the span's start.
		pad := 3.0
		if s.From.After(d.tl.From) {
			pad = 7
		}
		if textWidth(s.Label, 9)+pad+3 <= w {
			fill := "#222222"
			if !s.Unconfirmed && s.Relation != compare.Suspended && s.Relation != compare.Interested && opacity(s.Relation, s.Level, rungs[s.Org]) >= 0.7 {
				fill = "#FFFFFF"
			}
			d.printf(`<text x="%s" y="%s" font-size="9" fill="%s">%s</text>`+"\n", num(x0+pad), num(y+laneH-2.5), fill, esc(s.Label))
		}
	}
	d.printf("</g>\n")
}

// marker draws an event's symbol centred on (x, y).
func marker(kind string, x, y float64) string {
	switch kind {
	case Accession: // a triangle pointing forward in time
		return fmt.Sprintf(`<path d="M%s %sL%s %sL%s %sZ" fill="#111111" stroke="#FFFFFF" stroke-width="0.8"/>`,
			num(x-4), num(y-5), num(x+4), num(y), num(x-4), num(y+5))
	case Suspension: // two bars: paused
		return fmt.Sprintf(`<path d="M%s %sV%sM%s %sV%s" stroke="#111111" stroke-width="2"/>`,
			num(x-2), num(y-5), num(y+5), num(x+2), num(y-5), num(y+5))
	}
	// withdrawal: a cross
	return fmt.Sprintf(`<path d="M%s %sL%s %sM%s %sL%s %s" stroke="#111111" stroke-width="2"/>`,
		num(x-4), num(y-4), num(x+4), num(y+4), num(x-4), num(y+4), num(x+4), num(y-4))
}

func (d *drawing) events(rowH float64) {
	rows, cols, _ := d.index()
	d.printf(`<g class="events">` + "\n")
	for _, e := range d.tl.Events {
		y := d.laneY(rows[e.State], cols[e.Org], rowH) + laneH/2
		d.printf("%s\n", marker(e.Kind, d.x(e.At), y))
	}
	d.printf("</g>\n")
}

// legend lists, per organisation, the relations the figure draws, from
// the deepest, then the events it marks: only what is drawn is explained.
func (d *drawing) legend(top float64) (string, float64) {
	var b strings.Builder
	_, cols, rungs := d.index()
	type entry struct {
		rel   compare.Relation
		level int
		label string
	}
	used := make([]map[[2]int]entry, len(d.tl.Orgs))
	for j := range used {
		used[j] = map[[2]int]entry{}
	}
	for _, s := range d.tl.Spans {
		used[cols[s.Org]][[2]int{int(s.Relation), s.Level}] = entry{s.Relation, s.Level, s.Label}
	}
	fmt.Fprintf(&b, `<g class="legend">`+"\n")
	y := top
	fmt.Fprintf(&b, `<text x="10" y="%s" font-size="12" font-weight="bold" fill="#111111">Legend</text>`+"\n", num(y))
	y += 8
	for j, org := range d.tl.Orgs {
		if len(used[j]) == 0 {
			continue
		}
		var es []entry
		for _, e := range used[j] {
			es = append(es, e)
		}
		sort.Slice(es, func(a, b int) bool {
			if es[a].rel != es[b].rel {
				return es[a].rel > es[b].rel
			}
			return es[a].level > es[b].level
		})
		y += 18
		fmt.Fprintf(&b, `<text x="10" y="%s" font-size="11" font-weight="bold" fill="%s">%s</text>`+"\n",
			num(y), d.tl.colour(org.ID), esc(org.Label()))
		x := marginLeft
		for _, e := range es {
			label := e.label
			if e.rel == compare.Interested {
				label = "interest declared (" + strings.TrimSuffix(strings.TrimPrefix(e.label, "interested ("), ")") + ")"
			}
			w := 26 + textWidth(label, 10) + 16
			if x+w > d.width-marginRight {
				x = marginLeft
				y += 18
			}
			fmt.Fprintf(&b, `<rect x="%s" y="%s" width="22" height="%s" %s/>`+"\n",
				num(x), num(y-laneH+2), num(laneH), d.spanStyle(org.ID, e.rel, e.level, rungs[org.ID], false))
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#222222">%s</text>`+"\n", num(x+26), num(y-0.5), esc(label))
			x += w
		}
	}
	// One entry for every unconfirmed span, drawn in the colour of the
	// first: the fading is what it explains.
	for _, s := range d.tl.Spans {
		if !s.Unconfirmed {
			continue
		}
		y += 20
		fmt.Fprintf(&b, `<text x="10" y="%s" font-size="11" font-weight="bold" fill="#111111">Unconfirmed</text>`+"\n", num(y))
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="22" height="%s" %s/>`+"\n",
			num(marginLeft), num(y-laneH+2), num(laneH), d.spanStyle(s.Org, s.Relation, s.Level, rungs[s.Org], true))
		fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#222222">%s</text>`+"\n", num(marginLeft+26), num(y-0.5),
			esc("faded, dotted outline: in force only because no end is recorded; no source speaks for it after its last attestation (shown on hover)"))
		break
	}
	kinds := map[string]bool{}
	for _, e := range d.tl.Events {
		kinds[e.Kind] = true
	}
	if len(kinds) > 0 {
		y += 20
		fmt.Fprintf(&b, `<text x="10" y="%s" font-size="11" font-weight="bold" fill="#111111">Events</text>`+"\n", num(y))
		x := marginLeft
		for _, k := range []string{Accession, Suspension, Withdrawal} {
			if !kinds[k] {
				continue
			}
			b.WriteString(marker(k, x+6, y-4) + "\n")
			fmt.Fprintf(&b, `<text x="%s" y="%s" font-size="10" fill="#222222">%s</text>`+"\n", num(x+16), num(y-0.5), k)
			x += 16 + textWidth(k, 10) + 20
		}
	}
	y += 20
	fmt.Fprintf(&b, `<text x="10" y="%s" font-size="10" fill="#444444">The dashed line is the as-of date: a band that reaches it was still in force then, as far as the data says.</text>`+"\n", num(y))
	fmt.Fprintf(&b, "</g>\n")
	return b.String(), y - top
}

// caption lists the documents the bands cite, wrapped to the figure's
// width.
func (d *drawing) caption(top float64) (string, float64) {
	var items []string
	for i, doc := range d.tl.Documents {
		s := fmt.Sprintf("[%d] %s", i+1, doc.Title)
		var about []string
		if doc.Publisher != "" {
			about = append(about, doc.Publisher)
		}
		if !doc.Published.IsZero() {
			about = append(about, doc.Published.String())
		}
		if len(about) > 0 {
			s += " (" + strings.Join(about, ", ") + ")"
		}
		items = append(items, s)
	}
	text := "Sources: none cited."
	if len(items) > 0 {
		text = "Sources: " + strings.Join(items, "; ") + "."
	}
	const size = 10.0
	maxChars := int(textWidthChars(d.width-20, size))
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > maxChars {
			lines = append(lines, line)
			line = word
			continue
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	lines = append(lines, line)
	var b strings.Builder
	fmt.Fprintf(&b, `<g class="sources">`+"\n")
	for i, l := range lines {
		fmt.Fprintf(&b, `<text x="10" y="%s" font-size="%s" fill="#333333">%s</text>`+"\n", num(top+float64(i)*14), num(size), esc(l))
	}
	fmt.Fprintf(&b, "</g>\n")
	return b.String(), float64(len(lines)) * 14
}

// textWidthChars is how many characters fit in w at size (textWidth's
// inverse).
func textWidthChars(w, size float64) float64 { return w / (size * 0.56) }

// lastAttested says, for a span's tooltip, how far its sources reach.
func lastAttested(s Span) string {
	if s.Attested.IsZero() {
		return "; unconfirmed: no source dates it"
	}
	return "; unconfirmed: last attested " + s.Attested.String()
}
