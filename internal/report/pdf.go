package report

import (
	"fmt"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/relmap/relmap/internal/pdf"
)

// The PDF's pages, in points: A4, the print style sheet's margins, and the
// room kept at the foot for the running footer.
const (
	pdfShort, pdfLong = 595.28, 841.89
	footRoom          = 22.0
)

// PDF writes the report as a printable PDF, in pure Go: A4 pages with the
// print style sheet's margins, the fonts embedded, each section on its own
// page, and each figure at the width PrintOf chose (on a landscape page
// when it asked for one), so that its text prints as large as in the HTML
// report printed. It returns the document and its number of pages. The
// same Report gives the same bytes.
func PDF(r *Report) ([]byte, int, error) {
	d := &pdfDoc{f: pdf.New(pdfShort, pdfLong, r.Title)}
	f := d.f
	f.SetMargins(0, 0, 0)
	f.SetCellMargin(0)
	f.SetAutoPageBreak(false, 0)
	f.AliasNbPages("{nb}")
	f.SetSubject("relmap report as of "+r.AsOf+", data fingerprint "+r.Fingerprint.Hash, true)
	f.SetFooterFunc(func() {
		f.SetFont(pdf.Font, "", 7.5)
		f.SetTextColor(91, 100, 117)
		f.Text(d.ml, d.ph-d.mb+14, fmt.Sprintf("%s · as of %s · %s", r.Title, r.AsOf, r.Generator))
		s := fmt.Sprintf("page %d of {nb}", f.PageNo())
		f.Text(d.pw-d.ml-f.GetStringWidth(strings.Replace(s, "{nb}", "00", 1)), d.ph-d.mb+14, s)
	})

	d.cover(r)
	d.comparison(r)
	for _, dg := range r.Diagrams {
		if err := d.diagram(dg); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", dg.Title, err)
		}
	}
	d.bridges(r)
	d.states(r)
	d.sources(r)
	n := f.PageNo()
	b, err := pdf.Output(f)
	return b, n, err
}

// pdfDoc lays text, tables and figures down the pages, breaking pages
// itself so that it knows where everything falls.
type pdfDoc struct {
	f          *fpdf.Fpdf
	pw, ph     float64 // the page
	ml, mt, mb float64 // side, top and bottom margins
	y          float64 // where the next thing goes
	landscape  bool
}

const mm = 72 / 25.4

func (d *pdfDoc) page(landscape bool) {
	// The footer of the page before is drawn while the next is added, so
	// the new page's geometry is taken only afterwards.
	if landscape {
		d.f.AddPageFormat("L", fpdf.SizeType{Wd: pdfShort, Ht: pdfLong})
		d.pw, d.ph, d.ml, d.mt = pdfLong, pdfShort, marginLandscape*mm, marginLandscape*mm
	} else {
		d.f.AddPageFormat("P", fpdf.SizeType{Wd: pdfShort, Ht: pdfLong})
		d.pw, d.ph, d.ml, d.mt = pdfShort, pdfLong, marginL*mm, marginTB*mm
	}
	d.landscape = landscape
	d.mb = d.mt + footRoom
	d.y = d.mt
}

func (d *pdfDoc) width() float64 { return d.pw - 2*d.ml }

// ensure starts a new page unless h more points fit on this one.
func (d *pdfDoc) ensure(h float64) {
	if d.y+h > d.ph-d.mb {
		d.page(d.landscape)
	}
}

type tone [3]int

var (
	ink   = tone{29, 35, 48}
	muted = tone{91, 100, 117}
	rule  = tone{217, 221, 229}
)

// para writes wrapped text, breaking pages between its lines.
func (d *pdfDoc) para(s string, size float64, style string, c tone, after float64) {
	f := d.f
	f.SetFont(pdf.Font, style, size)
	f.SetTextColor(c[0], c[1], c[2])
	lh := size * 1.35
	for _, l := range f.SplitText(s, d.width()) {
		d.ensure(lh)
		f.Text(d.ml, d.y+size, l)
		d.y += lh
	}
	d.y += after
}

func (d *pdfDoc) heading(s string) {
	d.para(s, 15, "B", ink, 2)
	d.f.SetDrawColor(ink[0], ink[1], ink[2])
	d.f.SetLineWidth(1.2)
	d.f.SetDashPattern(nil, 0)
	d.f.Line(d.ml, d.y, d.ml+d.width(), d.y)
	d.y += 8
}

// table lays out rows under a header with columns of the given shares of
// the text width; a row that does not fit goes to the next page, under the
// header again.
func (d *pdfDoc) table(shares []float64, right []bool, header []string, rows [][]string) {
	f := d.f
	const size, lh, pad = 8.5, 11.0, 3.0
	widths := make([]float64, len(shares))
	for i, s := range shares {
		widths[i] = s * d.width()
	}
	lines := func(row []string, style string) ([][]string, float64) {
		f.SetFont(pdf.Font, style, size)
		out := make([][]string, len(row))
		n := 1
		for i, cell := range row {
			for _, para := range strings.Split(cell, "\n") {
				out[i] = append(out[i], f.SplitText(para, widths[i]-2*pad)...)
			}
			n = max(n, len(out[i]))
		}
		return out, float64(n)*lh + 2*pad
	}
	draw := func(cells [][]string, h float64, style string, c tone, line tone, lw float64) {
		f.SetFont(pdf.Font, style, size)
		f.SetTextColor(c[0], c[1], c[2])
		x := d.ml
		for i, cl := range cells {
			for k, l := range cl {
				tx := x + pad
				if right[i] {
					tx = x + widths[i] - pad - f.GetStringWidth(l)
				}
				f.Text(tx, d.y+pad+size+float64(k)*lh, l)
			}
			x += widths[i]
		}
		d.y += h
		f.SetDrawColor(line[0], line[1], line[2])
		f.SetLineWidth(lw)
		f.SetDashPattern(nil, 0)
		f.Line(d.ml, d.y, d.ml+d.width(), d.y)
	}
	head, hh := lines(header, "B")
	showHead := func() { draw(head, hh, "B", muted, ink, 1) }
	if header == nil {
		hh, showHead = 0, func() {}
	}
	if len(rows) > 0 {
		_, first := lines(rows[0], "")
		d.ensure(hh + first)
	} else {
		d.ensure(hh)
	}
	showHead()
	for _, row := range rows {
		cells, h := lines(row, "")
		if d.y+h > d.ph-d.mb {
			d.page(d.landscape)
			showHead()
		}
		draw(cells, h, "", ink, rule, 0.5)
	}
	d.y += 10
}

func (d *pdfDoc) cover(r *Report) {
	d.page(false)
	d.para("RELMAP REPORT", 8.5, "B", muted, 4)
	d.para(r.Title, 22, "B", ink, 6)
	d.para(r.Lede, 11.5, "", ink, 12)
	var orgs []string
	for _, o := range r.Orgs {
		orgs = append(orgs, o.Label+" ("+o.Name+")")
	}
	d.table([]float64{0.25, 0.75}, []bool{false, false}, nil, [][]string{
		{"As of", r.AsOfLong + " (" + r.AsOf + "); a tie is in force on a day when it began on or before it and had not yet ended"},
		{"Region", r.Region},
		{"Organisations", strings.Join(orgs, ", ")},
		{"Data fingerprint", fmt.Sprintf("%s\n%d documents, %d actors, %d ties", r.Fingerprint.Hash, r.Fingerprint.Documents, r.Fingerprint.Actors, r.Fingerprint.Ties)},
		{"Produced by", r.Generator},
	})
	var contents []string
	contents = append(contents, "Comparison of the spheres")
	for _, dg := range r.Diagrams {
		contents = append(contents, dg.Title)
	}
	contents = append(contents, "Who bridges the spheres", "State by state", "Sources")
	d.para("Contents", 11, "B", ink, 2)
	for i, c := range contents {
		d.para(fmt.Sprintf("%d. %s", i+1, c), 9.5, "", ink, 0)
	}
}

func cites(cs []Citation) string {
	var s []string
	for _, c := range cs {
		if c.Anchor != "" {
			s = append(s, fmt.Sprintf("[%d]", c.Number))
		}
	}
	return strings.Join(s, "")
}

func (d *pdfDoc) comparison(r *Report) {
	d.page(false)
	d.heading("Comparison of the spheres")
	d.para("Where each state of the region stands towards each organisation as of "+r.AsOfLong+
		". An asterisk places the state inside that organisation’s sphere; the numbers in brackets point to the sources.", 9.5, "", ink, 6)
	header := []string{"State"}
	shares := []float64{0.28}
	right := []bool{false}
	for _, o := range r.Orgs {
		header = append(header, o.Label)
		shares = append(shares, 0.72/float64(len(r.Orgs)))
		right = append(right, false)
	}
	var rows [][]string
	for _, m := range r.Matrix {
		row := []string{m.State}
		for _, c := range m.Cells {
			s := "—"
			if c.Label != "" {
				s = c.Label + " " + cites(c.Sources)
				if c.In {
					s = "* " + s
				}
			}
			row = append(row, strings.TrimSpace(s))
		}
		rows = append(rows, row)
	}
	d.table(shares, right, header, rows)
	d.para(r.Rule, 8.5, "", muted, 8)

	d.para("Overlaps", 11, "B", ink, 2)
	rows = nil
	for _, o := range r.Overlaps {
		rows = append(rows, []string{o.Spheres, fmt.Sprint(o.Count), o.States})
	}
	d.table([]float64{0.3, 0.1, 0.6}, []bool{false, true, false}, []string{"Spheres (exactly these)", "States", "Which"}, rows)

	d.para("Similarity of the spheres", 11, "B", ink, 2)
	rows = nil
	for _, p := range r.Pairs {
		rows = append(rows, []string{p.Pair, p.Jaccard, fmt.Sprint(p.Both), fmt.Sprint(p.Either)})
	}
	d.table([]float64{0.46, 0.18, 0.18, 0.18}, []bool{false, true, true, true}, []string{"Pair", "Jaccard", "In both", "In either"}, rows)
	d.para("Multi-vector (in two spheres or more): "+r.MultiVector+".", 9.5, "", ink, 0)
	d.para("In no sphere: "+r.Unaligned+".", 9.5, "", ink, 10)
	d.unconfirmed(r)
}

// unconfirmed lists, as the HTML report does under the comparison, the
// region's ties in force on the day only because no end is recorded, with
// the last day a source speaks for each.
func (d *pdfDoc) unconfirmed(r *Report) {
	d.ensure(60)
	d.para("Unconfirmed on "+r.AsOfLong, 11, "B", ink, 2)
	if len(r.Unconfirmed) == 0 {
		d.para("The sources speak for every tie of the region in force on "+r.AsOfLong+".", 9.5, "", muted, 0)
		return
	}
	d.para("These ties are in force on "+r.AsOfLong+" only because no end is recorded: no source speaks for them on that day, and the last day one does is given. "+
		"A matrix cell marked ? rests on them alone; the overlaps and similarity count only what the sources speak for.", 9.5, "", ink, 6)
	rows := make([][]string, 0, len(r.Unconfirmed))
	for _, u := range r.Unconfirmed {
		rows = append(rows, []string{u.State, u.Type, u.Other, u.Period, u.Attested})
	}
	d.table([]float64{0.24, 0.18, 0.24, 0.18, 0.16}, make([]bool, 5),
		[]string{"State", "Tie", "Other party", "Period", "Last attested"}, rows)
}

// diagram puts a figure on its own page at its print width, smaller only
// if the page cannot hold it under its heading.
func (d *pdfDoc) diagram(dg Diagram) error {
	d.page(dg.Print.Landscape)
	d.heading(dg.Title)
	d.para(dg.Note, 9.5, "", ink, 6)
	if dg.SVG == "" {
		d.para(dg.Empty, 9.5, "", muted, 0)
		return nil
	}
	g, err := measure(string(dg.SVG))
	if err != nil {
		return err
	}
	var caption string
	if len(dg.Sources) > 0 {
		var l []string
		for _, c := range dg.Sources {
			l = append(l, fmt.Sprintf("[%d] %s", c.Number, c.Doc))
		}
		caption = "Sources of the ties drawn: " + strings.Join(l, "; ") + "."
	}
	d.f.SetFont(pdf.Font, "", 8.5)
	captionH := float64(len(d.f.SplitText(caption, d.width()))) * 8.5 * 1.35
	// The print width, fitted to the page under the heading with room
	// for the caption; if that would take the text under MinPrintPt, the
	// figure keeps the page to itself and the caption follows.
	w := min(dg.Print.WidthMM*mm, d.width())
	need := MinPrintPt * g.vbW / g.minText
	fit := func(room float64) float64 { return min(w, room*g.vbW/g.vbH) }
	if x := fit(d.ph - d.mb - d.y - 8 - captionH); x >= min(w, need) {
		w = x
	} else {
		w = fit(d.ph - d.mb - d.y)
	}
	h, err := pdf.Figure(d.f, []byte(dg.SVG), d.ml+(d.width()-w)/2, d.y, w)
	if err != nil {
		return err
	}
	d.y += h + 8
	if caption != "" {
		d.para(caption, 8.5, "", muted, 0)
	}
	return nil
}

func (d *pdfDoc) bridges(r *Report) {
	d.page(false)
	d.heading("Who bridges the spheres")
	intro := "The states inside two or more spheres as of " + r.AsOfLong
	if len(r.Bridges) > 0 {
		intro += fmt.Sprintf(" (%d in all", r.BridgeCount)
		if r.BridgeCount > len(r.Bridges) {
			intro += fmt.Sprintf("; the %d most between shown", len(r.Bridges))
		}
		intro += ")"
	}
	d.para(intro+", ranked by betweenness: the share of shortest paths between other actors, in the network of all ties in force taken both ways, "+
		"that pass through the state. Degree counts the actors it is tied to. The network is the whole data’s, not only the region’s.", 9.5, "", ink, 6)
	if len(r.Bridges) == 0 {
		d.para("No state is inside two spheres or more as of "+r.AsOfLong+".", 9.5, "", muted, 0)
		return
	}
	var rows [][]string
	for _, b := range r.Bridges {
		name := b.State
		if !b.InRegion {
			name += " (outside the region)"
		}
		rows = append(rows, []string{fmt.Sprint(b.Rank), name, b.Spheres, b.Betweenness, fmt.Sprint(b.Degree)})
	}
	d.table([]float64{0.07, 0.33, 0.3, 0.17, 0.13}, []bool{true, false, false, true, true},
		[]string{"#", "State", "Spheres", "Betweenness", "Degree"}, rows)
}

func (d *pdfDoc) states(r *Report) {
	d.page(false)
	d.heading("State by state")
	d.para("Every tie of each state in force as of "+r.AsOfLong+", with the other party, its attributes, its period and the citations behind it. "+
		"→ the state’s own tie; ← a tie to the state; ↔ a mutual one.", 9.5, "", ink, 6)
	for _, s := range r.States {
		d.ensure(60)
		d.para(s.Name+"   (spheres: "+s.Spheres+")", 11, "B", ink, 2)
		if len(s.Ties) == 0 {
			d.para("No tie in force.", 9.5, "", muted, 6)
			continue
		}
		var rows [][]string
		for _, t := range s.Ties {
			var src []string
			for _, c := range t.Sources {
				ref := "[" + c.Doc + "]"
				if c.Anchor != "" {
					ref = fmt.Sprintf("[%d]", c.Number)
				}
				src = append(src, ref+" "+c.Detail)
			}
			rows = append(rows, []string{t.Direction, t.Type, t.Other + " (" + t.OtherKind + ")", t.Attrs, t.Period, strings.Join(src, "\n")})
		}
		d.table([]float64{0.04, 0.14, 0.18, 0.16, 0.14, 0.34}, make([]bool, 6),
			[]string{"", "Tie", "Other party", "Attributes", "Period", "Sources"}, rows)
	}
}

func (d *pdfDoc) sources(r *Report) {
	d.page(false)
	d.heading("Sources")
	d.para("The documents the data cites, most cited first, with how many citations point at each: in all the data, and from the ties in force as of "+
		r.AsOfLong+".", 9.5, "", ink, 6)
	var rows [][]string
	for i, s := range r.Sources {
		doc := s.Title
		if s.URL != "" {
			doc += "\n" + s.URL
		}
		doc += "\n" + s.ID
		if s.Kind != "" {
			doc += " · " + s.Kind
		}
		rows = append(rows, []string{fmt.Sprintf("[%d]", i+1), doc, s.Publisher, s.Published, fmt.Sprint(s.Cited), fmt.Sprint(s.CitedAt)})
	}
	d.table([]float64{0.07, 0.43, 0.18, 0.12, 0.1, 0.1}, []bool{true, false, false, false, true, true},
		[]string{"#", "Document", "Publisher", "Published", "Citations", "In force"}, rows)
}
