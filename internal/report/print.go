package report

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/relmap/relmap/internal/svgunit"
)

// The printed page: A4 with the print style sheet's margins, and the room a
// figure's section leaves it under its heading, note and caption.
const (
	MinPrintPt = 6.0 // the smallest legible text on paper, in points

	a4Short, a4Long   = 210.0, 297.0 // mm
	marginTB, marginL = 16.0, 14.0   // mm, as @page in the print style sheet
	marginLandscape   = 10.0         // mm, as @page landscape: a turned page is for a wide figure
	portraitWidth     = a4Short - 2*marginL
	portraitFigHeight = 225.0 // mm, what a portrait page leaves a figure
	landscapeWidth    = a4Long - 2*marginLandscape
	landscapeFigH     = a4Short - 2*marginLandscape - 55 // mm, what a landscape page leaves under the heading and note and above the caption
	ptPerMM           = 72 / 25.4
)

// Print is how a figure is printed on A4: its width on paper, whether its
// page is turned, and the size its smallest text comes out at.
type Print struct {
	WidthMM   float64
	Landscape bool
	MinTextPt float64
}

// Width is WidthMM for the style sheet: "170.0mm".
func (p Print) Width() string { return strconv.FormatFloat(p.WidthMM, 'f', 1, 64) + "mm" }

// PrintOf decides how an SVG figure is printed: at its own size when that
// fits the page and keeps its smallest text at MinPrintPt or more, larger
// when its text needs it, smaller when the page needs it; on a landscape
// page when a portrait one cannot hold it with legible text. When neither
// can, it is fitted to the landscape page and MinTextPt says what its
// text comes out at.
func PrintOf(svg string) (Print, error) {
	g, err := measure(svg)
	if err != nil {
		return Print{}, err
	}
	natural := g.widthPt / ptPerMM
	need := MinPrintPt * g.vbW / g.minText / ptPerMM // the width at which the smallest text is MinPrintPt
	choose := func(maxW, maxH float64) float64 {
		fit := min(maxW, maxH*g.vbW/g.vbH)
		return min(fit, max(need, natural))
	}
	p := Print{WidthMM: choose(portraitWidth, portraitFigHeight)}
	if p.WidthMM < need-1e-9 {
		p = Print{WidthMM: choose(landscapeWidth, landscapeFigH), Landscape: true}
	}
	p.WidthMM = math.Floor(p.WidthMM*10) / 10 // as written in the style sheet
	p.MinTextPt = g.minText * p.WidthMM * ptPerMM / g.vbW
	return p, nil
}

// geometry is what PrintOf needs of a figure.
type geometry struct {
	widthPt    float64 // the width attribute, in points
	vbW, vbH   float64 // the viewBox, in user units
	minText    float64 // the smallest font size, in user units
	graphScale float64
}

// measure reads an SVG's size, viewBox and smallest text. Graphviz scales
// its graph group (transform="scale(s s) …"); that scale applies to text.
func measure(svg string) (geometry, error) {
	dec := xml.NewDecoder(strings.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	g := geometry{minText: math.Inf(1), graphScale: 1}
	var rootSize float64
	var sizes []float64
	seen := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return g, fmt.Errorf("reading SVG: %w", err)
		}
		t, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		a := map[string]string{}
		for _, at := range t.Attr {
			a[at.Name.Local] = at.Value
		}
		switch t.Name.Local {
		case "svg":
			if seen {
				continue
			}
			seen = true
			g.widthPt = svgunit.Points(a["width"])
			vb := strings.FieldsFunc(a["viewBox"], func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
			if len(vb) == 4 {
				g.vbW, g.vbH = number(vb[2]), number(vb[3])
			} else {
				g.vbW, g.vbH = number(strings.TrimSuffix(a["width"], "pt")), number(strings.TrimSuffix(a["height"], "pt"))
			}
			rootSize = number(a["font-size"])
		case "g":
			if strings.Contains(a["class"], "graph") {
				if tr := a["transform"]; strings.HasPrefix(tr, "scale(") {
					f := strings.FieldsFunc(strings.TrimPrefix(tr, "scale("), func(r rune) bool { return r == ',' || r == ')' || unicode.IsSpace(r) })
					if len(f) > 0 && number(f[0]) > 0 {
						g.graphScale = number(f[0])
					}
				}
			}
		case "text":
			s := number(a["font-size"])
			if s == 0 {
				s = rootSize
			}
			if s == 0 {
				s = 14 // Graphviz's and SVG's default
			}
			sizes = append(sizes, s)
		}
	}
	if !seen || g.vbW <= 0 || g.vbH <= 0 {
		return g, errors.New("reading SVG: no size")
	}
	if g.widthPt <= 0 {
		g.widthPt = g.vbW
	}
	for _, s := range sizes {
		g.minText = min(g.minText, s*g.graphScale)
	}
	if len(sizes) == 0 {
		g.minText = 14
	}
	return g, nil
}

func number(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}

// sizeForPrint decides how each figure of the report prints.
func sizeForPrint(rep *Report) error {
	for i := range rep.Diagrams {
		d := &rep.Diagrams[i]
		if d.SVG == "" {
			continue
		}
		p, err := PrintOf(string(d.SVG))
		if err != nil {
			return fmt.Errorf("%s: %w", d.Title, err)
		}
		d.Print = p
	}
	return nil
}
