// Package pdf draws a figure that Graphviz has laid out and written as SVG
// onto a printable PDF page, in pure Go: the page has a size and margins,
// the figure is scaled to fit them, and the fonts are embedded so that the
// file prints the same anywhere.
package pdf

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/relmap/relmap/internal/figcheck"
	"github.com/relmap/relmap/internal/svgunit"
)

// Pages lists the page sizes Options.Page accepts.
var Pages = []string{"a4", "a4-landscape", "letter", "letter-landscape", "fit"}

// Margin is the space left on each side of the page: 2 cm, which leaves
// A4 the 17 cm of text width that figcheck's print size assumes.
const Margin = 2 / 2.54 * 72

// Options say how the page is laid out.
type Options struct {
	// Page is one of Pages; "" is a4. fit makes the page the figure's
	// size plus the margins.
	Page  string
	Title string // the document's title, in its metadata
}

// pageSizes in points (portrait).
var pageSizes = map[string][2]float64{
	"a4":     {595.28, 841.89},
	"letter": {612, 792},
}

// epoch dates every document, so the same figure gives the same bytes.
var epoch = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// FromSVG draws the Graphviz SVG svg on one page. The figure is scaled down
// to fit inside the margins, never up.
func FromSVG(svg []byte, o Options) ([]byte, error) {
	fig, err := parse(svg)
	if err != nil {
		return nil, err
	}
	if fig.w <= 0 || fig.h <= 0 {
		return nil, errors.New("drawing PDF: the SVG has no size")
	}
	page := o.Page
	if page == "" {
		page = "a4"
	}
	var pw, ph float64
	switch page {
	case "fit":
		pw, ph = fig.w+2*Margin, fig.h+2*Margin
	default:
		name, land := strings.CutSuffix(page, "-landscape")
		sz, ok := pageSizes[name]
		if !ok {
			return nil, fmt.Errorf("unknown page %q (want one of %s)", o.Page, strings.Join(Pages, ", "))
		}
		pw, ph = sz[0], sz[1]
		if land {
			pw, ph = ph, pw
		}
	}
	k := fitScale(fig.w, fig.h, pw, ph)

	f := New(pw, ph, o.Title)
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.AddPage()
	// The figure sits at the top left of the text area, like a figure in
	// a report.
	fig.draw(f, Margin, Margin, k)
	return Output(f)
}

// New starts a document of pw x ph points with relmap's metadata, dated so
// that the same content gives the same bytes, and the fonts embedded:
// Font in regular and bold ("B").
func New(pw, ph float64, title string) *fpdf.Fpdf {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: pw, Ht: ph}})
	f.SetCreationDate(epoch)
	f.SetModificationDate(epoch)
	f.SetCatalogSort(true)
	f.SetCreator("relmap", true)
	f.SetProducer("relmap", true)
	if title != "" {
		f.SetTitle(title, true)
	}
	f.AddUTF8FontFromBytes(Font, "", goregular.TTF)
	f.AddUTF8FontFromBytes(Font, "B", gobold.TTF)
	return f
}

// Font is the family New embeds.
const Font = "go"

// Output writes the document, or says what went wrong while drawing it.
func Output(f *fpdf.Fpdf) ([]byte, error) {
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("drawing PDF: %w", err)
	}
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		return nil, fmt.Errorf("writing PDF: %w", err)
	}
	return b.Bytes(), nil
}

// Figure draws an SVG figure (Graphviz's, or one relmap writes itself)
// with its top left at x, y, scaled to w points wide, on f's current page
// (made by New). It returns the height drawn.
func Figure(f *fpdf.Fpdf, svg []byte, x, y, w float64) (float64, error) {
	fig, err := parse(svg)
	if err != nil {
		return 0, err
	}
	if fig.w <= 0 || fig.h <= 0 {
		return 0, errors.New("drawing PDF: the SVG has no size")
	}
	k := w / fig.w
	fig.draw(f, x, y, k)
	return fig.h * k, f.Error()
}

// fitScale is the scale that fits a w x h figure inside the margins of a
// pw x ph page, never above 1.
func fitScale(w, h, pw, ph float64) float64 {
	return min(1, (pw-2*Margin)/w, (ph-2*Margin)/h)
}

type pt struct{ x, y float64 }

// shape is one drawing element of the SVG.
type shape struct {
	kind string // polygon, polyline, path, ellipse, text
	pts  []pt   // polygon and polyline points
	// subs are a path's subpaths: each a start, then the control points
	// and end of each cubic segment; closed says which end in Z.
	subs                 [][]pt
	closed               []bool
	cx, cy, rx, ry       float64
	fill, stroke         string
	fillAlpha, strokeA   float64
	width                float64
	dash                 []float64
	text, anchor, weight string
	size                 float64
}

type figure struct {
	w, h, tx, ty float64 // size in points; the graph group's translation
	unit         float64 // points per user unit
	shapes       []shape
}

// draw draws the figure with its top left at x, y, k points per point.
func (fig *figure) draw(f *fpdf.Fpdf, x, y, k float64) {
	u := k * fig.unit
	at := func(p pt) (float64, float64) {
		return x + u*(p.x+fig.tx), y + u*(p.y+fig.ty)
	}
	for _, s := range fig.shapes {
		drawShape(f, s, u, at)
	}
}

// parse reads the elements Graphviz's SVG writer uses, and the rectangles,
// lines and hatching patterns of relmap's own figures, in drawing order.
func parse(svg []byte) (*figure, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	fig := &figure{unit: 1}
	var txt *shape
	seen := false
	var vbW, vbH, rootSize float64
	// Inside <defs>: patterns are read for their colour, nothing is drawn.
	defs := 0
	patterns := map[string]string{}
	pattern := ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := map[string]string{}
			for _, at := range t.Attr {
				a[at.Name.Local] = at.Value
			}
			if t.Name.Local == "defs" || t.Name.Local == "pattern" {
				defs++
				if t.Name.Local == "pattern" {
					pattern = a["id"]
				}
				continue
			}
			if defs > 0 {
				if c := a["stroke"]; pattern != "" && c != "" && c != "none" {
					patterns[pattern] = c
				}
				continue
			}
			switch t.Name.Local {
			case "svg":
				if seen {
					continue
				}
				seen = true
				fig.w, fig.h = svgunit.Points(a["width"]), svgunit.Points(a["height"])
				if vb := strings.FieldsFunc(a["viewBox"], func(r rune) bool { return r == ',' || unicode.IsSpace(r) }); len(vb) == 4 {
					vbW, vbH = num(vb[2]), num(vb[3])
				}
				if fig.w > 0 && vbW > 0 {
					fig.unit = fig.w / vbW
				}
				rootSize = num(a["font-size"])
			case "g":
				if strings.Contains(a["class"], "graph") {
					fig.tx, fig.ty = translate(a["transform"])
				}
			case "polygon", "polyline", "path", "ellipse", "rect", "line":
				s := shape{kind: t.Name.Local, fill: a["fill"], stroke: a["stroke"], width: 1,
					fillAlpha: opacity(a, "fill-opacity"), strokeA: opacity(a, "stroke-opacity")}
				if s.stroke == "" {
					s.stroke = "none"
				}
				if s.fill == "" && s.kind != "polyline" && s.kind != "line" {
					s.fill = "black" // SVG's default
				}
				if id, ok := strings.CutPrefix(s.fill, "url(#"); ok {
					// A hatching pattern is drawn as a light wash of its
					// colour.
					s.fill, s.fillAlpha = patterns[strings.TrimSuffix(id, ")")], s.fillAlpha*0.35
				}
				if w := a["stroke-width"]; w != "" {
					s.width = num(w)
				}
				for _, d := range strings.FieldsFunc(a["stroke-dasharray"], func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
					s.dash = append(s.dash, num(d))
				}
				switch s.kind {
				case "polygon", "polyline":
					s.pts = points(a["points"])
				case "line":
					s.kind = "polyline"
					s.pts = []pt{{num(a["x1"]), num(a["y1"])}, {num(a["x2"]), num(a["y2"])}}
				case "rect":
					x, y := num(a["x"]), num(a["y"])
					w, h := userLength(a["width"], vbW), userLength(a["height"], vbH)
					s.kind = "polygon"
					s.pts = []pt{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}
				case "path":
					s.subs, s.closed = pathPoints(a["d"])
				case "ellipse":
					s.cx, s.cy, s.rx, s.ry = num(a["cx"]), num(a["cy"]), num(a["rx"]), num(a["ry"])
				}
				fig.shapes = append(fig.shapes, s)
			case "text":
				txt = &shape{kind: "text", pts: []pt{{num(a["x"]), num(a["y"])}}, fill: a["fill"], fillAlpha: 1,
					anchor: a["text-anchor"], weight: a["font-weight"], size: num(a["font-size"])}
				if txt.fill == "" {
					txt.fill = "black"
				}
				if txt.size == 0 {
					txt.size = rootSize
				}
				if txt.size == 0 {
					txt.size = 14
				}
			}
		case xml.CharData:
			if txt != nil {
				txt.text += string(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "defs", "pattern":
				defs--
				pattern = ""
			case "text":
				if txt != nil && strings.TrimSpace(txt.text) != "" {
					fig.shapes = append(fig.shapes, *txt)
				}
				txt = nil
			}
		}
	}
	if !seen {
		return nil, errors.New("reading SVG: no <svg> element")
	}
	if fig.w <= 0 && vbW > 0 {
		fig.w, fig.h = vbW, vbH
	}
	return fig, nil
}

// opacity reads an element's opacity for fill or stroke (name), times its
// overall opacity; 1 when unset.
func opacity(a map[string]string, name string) float64 {
	o := 1.0
	for _, n := range []string{name, "opacity"} {
		if v, ok := a[n]; ok && strings.TrimSpace(v) != "" {
			o *= max(0, min(1, num(v)))
		}
	}
	return o
}

// userLength reads a rectangle's width or height in user units; a
// percentage is of the viewBox's.
func userLength(s string, whole float64) float64 {
	if p, ok := strings.CutSuffix(strings.TrimSpace(s), "%"); ok {
		return num(p) / 100 * whole
	}
	return num(s)
}

func drawShape(f *fpdf.Fpdf, s shape, k float64, at func(pt) (float64, float64)) {
	fill, fok := colour(s.fill)
	stroke, sok := colour(s.stroke)
	if s.kind == "text" {
		if !fok {
			return
		}
		style := ""
		if s.weight == "bold" {
			style = "B"
		}
		size := s.size * k
		f.SetFont(Font, style, size)
		// Graphviz laid the text out for Helvetica; the embedded font
		// is a little wider, so it is narrowed to the room Helvetica
		// would take.
		room := figcheck.TextWidth(s.text, s.size) * k
		if w := f.GetStringWidth(s.text); w > room && w > 0 {
			size *= room / w
			f.SetFontSize(size)
		}
		w := f.GetStringWidth(s.text)
		x, y := at(s.pts[0])
		switch s.anchor {
		case "middle":
			x -= w / 2
		case "end":
			x -= w
		}
		f.SetTextColor(fill[0], fill[1], fill[2])
		f.Text(x, y, s.text)
		return
	}
	fill1 := fok && s.kind != "polyline"
	if s.fillAlpha != s.strokeA && fill1 && sok {
		// Fill and outline at different opacities: one pass each.
		a, b := s, s
		a.stroke, b.fill = "none", "none"
		drawShape(f, a, k, at)
		drawShape(f, b, k, at)
		return
	}
	style := ""
	alpha := 1.0
	if fill1 {
		f.SetFillColor(fill[0], fill[1], fill[2])
		style += "F"
		alpha = s.fillAlpha
	}
	if sok {
		f.SetDrawColor(stroke[0], stroke[1], stroke[2])
		f.SetLineWidth(s.width * k)
		dash := make([]float64, len(s.dash))
		for i, d := range s.dash {
			dash[i] = d * k
		}
		f.SetDashPattern(dash, 0)
		style += "D"
		if !fill1 {
			alpha = s.strokeA
		}
	}
	if style == "" || alpha <= 0 {
		return
	}
	if alpha < 1 {
		f.SetAlpha(alpha, "Normal")
		defer f.SetAlpha(1, "Normal")
	}
	switch s.kind {
	case "ellipse":
		x, y := at(pt{s.cx, s.cy})
		f.Ellipse(x, y, s.rx*k, s.ry*k, 0, style)
	case "polygon", "polyline":
		if len(s.pts) < 2 {
			return
		}
		f.MoveTo(at(s.pts[0]))
		for _, p := range s.pts[1:] {
			f.LineTo(at(p))
		}
		if s.kind == "polygon" {
			f.ClosePath()
		}
		f.DrawPath(style)
	case "path":
		drawn := false
		for j, sub := range s.subs {
			if len(sub) < 4 {
				continue
			}
			f.MoveTo(at(sub[0]))
			for i := 1; i+2 < len(sub); i += 3 {
				x0, y0 := at(sub[i])
				x1, y1 := at(sub[i+1])
				x2, y2 := at(sub[i+2])
				f.CurveBezierCubicTo(x0, y0, x1, y1, x2, y2)
			}
			if s.closed[j] {
				f.ClosePath()
			}
			drawn = true
		}
		if drawn {
			f.DrawPath(style)
		}
	}
}

// colour reads the colours Graphviz writes: #rrggbb, #rgb and a few names.
func colour(c string) ([3]int, bool) {
	c = strings.ToLower(strings.TrimSpace(c))
	switch c {
	case "", "none", "transparent":
		return [3]int{}, false
	case "black":
		return [3]int{0, 0, 0}, true
	case "white":
		return [3]int{255, 255, 255}, true
	case "red":
		return [3]int{255, 0, 0}, true
	case "blue":
		return [3]int{0, 0, 255}, true
	case "green":
		return [3]int{0, 128, 0}, true
	case "gray", "grey":
		return [3]int{192, 192, 192}, true
	}
	if strings.HasPrefix(c, "#") {
		h := c[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) >= 6 {
			v, err := strconv.ParseUint(h[:6], 16, 32)
			if err == nil {
				return [3]int{int(v >> 16), int(v >> 8 & 0xff), int(v & 0xff)}, true
			}
		}
	}
	return [3]int{0, 0, 0}, true // an unknown name is drawn black rather than lost
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}

// translate reads the translation of Graphviz's graph group; its scale is
// 1 for the sizes relmap writes.
func translate(tr string) (float64, float64) {
	i := strings.Index(tr, "translate(")
	if i < 0 {
		return 0, 0
	}
	rest := tr[i+len("translate("):]
	rest, _, _ = strings.Cut(rest, ")")
	f := strings.FieldsFunc(rest, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	if len(f) != 2 {
		return 0, 0
	}
	return num(f[0]), num(f[1])
}

func points(s string) []pt {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	var ps []pt
	for i := 0; i+1 < len(f); i += 2 {
		ps = append(ps, pt{num(f[i]), num(f[i+1])})
	}
	return ps
}

// pathPoints reads a path's data (absolute M, L, H, V, C and Z, as
// Graphviz and relmap write them) into subpaths: each its start and then
// the control points and end of each cubic segment, a line becoming a
// straight cubic.
func pathPoints(d string) (subs [][]pt, closed []bool) {
	var cur []pt
	end := func(z bool) {
		if len(cur) > 1 {
			subs, closed = append(subs, cur), append(closed, z)
		}
		cur = nil
	}
	line := func(p pt) {
		if len(cur) > 0 {
			cur = append(cur, cur[len(cur)-1], p, p)
		}
	}
	last := func() pt {
		if len(cur) == 0 {
			return pt{}
		}
		return cur[len(cur)-1]
	}
	figcheck.ReadPath(d, func(cmd byte, nums []float64) {
		switch cmd {
		case 'M':
			if len(nums) >= 2 {
				end(false)
				cur = []pt{{nums[0], nums[1]}}
				for i := 2; i+1 < len(nums); i += 2 {
					line(pt{nums[i], nums[i+1]})
				}
			}
		case 'C':
			for i := 0; i+5 < len(nums) && len(cur) > 0; i += 6 {
				cur = append(cur, pt{nums[i], nums[i+1]}, pt{nums[i+2], nums[i+3]}, pt{nums[i+4], nums[i+5]})
			}
		case 'L':
			for i := 0; i+1 < len(nums); i += 2 {
				line(pt{nums[i], nums[i+1]})
			}
		case 'H':
			for _, x := range nums {
				line(pt{x, last().y})
			}
		case 'V':
			for _, y := range nums {
				line(pt{last().x, y})
			}
		case 'Z', 'z':
			start := cur
			end(true)
			if len(start) > 0 {
				cur = []pt{start[0]}
			}
		}
	})
	end(false)
	return subs, closed
}
