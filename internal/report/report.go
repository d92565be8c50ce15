// Package report writes relmap's analyst report: one self-contained HTML file
// with the comparison of the spheres, the diagrams as inline SVG, a summary
// per state and the sources, that opens offline and makes no request.
//
// Everything in a Report is plain text that html/template escapes, except the
// diagrams: those are Graphviz's SVG output, which the render package has
// already escaped, checked again by InlineSVG before it becomes markup.
package report

import (
	"bytes"
	_ "embed"
	"encoding/xml"
	"errors"
	"fmt"
	"html/template"
	"io"
	"strings"
	"sync"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/lazyre"
)

// Report is everything the page shows, already worked out and in display
// order; the template only lays it out.
type Report struct {
	Title       string
	Lede        string
	AsOf        string // the day, as in the data: 2012-02-01
	AsOfLong    string // the day for reading: 1 February 2012
	Region      string
	Orgs        []Org
	Fingerprint graph.Fingerprint
	Generator   string // "relmap v1.2.3"

	Matrix      []Row
	Rule        string // what counts as being in a sphere
	Overlaps    []Overlap
	Pairs       []Pair
	MultiVector string
	Unaligned   string
	// Unconfirmed lists the region's ties in force on the day only because
	// no end is recorded, no source speaking for them that day.
	Unconfirmed []Unconfirmed

	Diagrams []Diagram
	States   []State
	Sources  []Source

	// Bridges are the top states inside two or more spheres on the day
	// (TopBridges of them), of BridgeCount in all.
	Bridges     []Bridge
	BridgeCount int
}

// Org is a column of the comparison.
type Org struct {
	ID, Label, Name string
	Colour          string // the sphere's colour in the diagrams; "" for none
}

// Row is one state's line of the matrix.
type Row struct {
	State string
	Cells []Cell
}

// Cell is one state's relation to one organisation.
type Cell struct {
	Label   string     // "" for no relation
	In      bool       // inside the sphere
	Colour  string     // the organisation's sphere colour
	Sources []Citation // the documents behind the cell
}

// Overlap is a combination of spheres and the states in exactly those.
type Overlap struct {
	Spheres string
	Count   int
	States  string
}

// Pair is the similarity of two spheres.
type Pair struct {
	Pair, Jaccard string
	Both, Either  int
}

// Diagram is one figure.
type Diagram struct {
	ID      string // anchor, a slug this package's caller controls
	Title   string
	Note    string // what the figure shows and how to read it
	SVG     template.HTML
	Empty   string // said instead of the figure when there is nothing to draw
	Sources []Citation
	Print   Print // how the figure prints on A4
}

// State is the summary of one state's ties in force.
type State struct {
	ID, Name string
	Spheres  string // the spheres it is in, or "none"
	Ties     []Tie
}

// Tie is one tie in force, seen from the state.
type Tie struct {
	Direction string // →, ← or ↔
	Type      string
	Other     string
	OtherKind string
	Attrs     string
	Period    string
	Note      string
	Sources   []Citation
}

// Unconfirmed is a tie no source speaks for on the report's day.
type Unconfirmed struct {
	State, Type, Other string
	Period             string
	Attested           string // "2012-02", or "never" when no source dates it
}

// Citation points at a row of the sources table.
type Citation struct {
	Anchor string // "src-3"; "" when the document is not listed
	Number int    // the document's number in the sources table
	Doc    string // the document's title, or its id when not listed
	Detail string // section and evidence
}

// Source is a document and how often the data cites it.
type Source struct {
	Anchor    string
	ID        string
	Title     string
	Publisher string
	Published string
	URL       string // shown as text, never linked: the report makes no request
	Kind      string
	Cited     int // citations anywhere in the data
	CitedAt   int // citations by ties in force on the day
}

//go:embed report.html.tmpl
var pageText string

// page is parsed on first use: every relmap command links this package,
// and parsing at start-up cost each of them a third of a millisecond.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"inc": func(i int) int { return i + 1 },
	}).Parse(pageText))
})

// Write writes the report as HTML. The same Report gives the same bytes.
func Write(w io.Writer, r *Report) error {
	var b bytes.Buffer
	if err := page().Execute(&b, r); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// LongDate writes a date for reading: "1 February 2012", "February 2012"
// or "2012", as precise as the date is known.
func LongDate(d graph.Date) string {
	t := d.First()
	switch d.Precision() {
	case graph.PrecisionDay:
		return fmt.Sprintf("%d %s %d", t.Day(), t.Month(), t.Year())
	case graph.PrecisionMonth:
		return fmt.Sprintf("%s %d", t.Month(), t.Year())
	case graph.PrecisionYear:
		return fmt.Sprint(t.Year())
	}
	return ""
}

// Period writes when a tie runs: "since 2002-10-07", "until 2005-11",
// "2001-06-15 to 2012-06", or "" when both ends are open.
func Period(since, until graph.Date) string {
	switch {
	case since.IsZero() && until.IsZero():
		return ""
	case until.IsZero():
		return "since " + since.String()
	case since.IsZero():
		return "until " + until.String()
	}
	return since.String() + " to " + until.String()
}

var (
	prologRE  = lazyre.New(`(?s)\A.*?(<svg[\s>])`)
	commentRE = lazyre.New(`(?s)<!--.*?-->`)
	// An id attribute inside a start tag: text content cannot hold "<", which
	// Graphviz writes as &lt;, so the match never starts in a label.
	idRE = lazyre.New(`(<[A-Za-z][^<>]*?\s)id="`)
	// References to ids: url(#x) in paint and href="#x".
	urlRefRE = lazyre.New(`url\(#`)
)

// InlineSVG turns a Graphviz SVG document into markup for the page: the XML
// prolog, DOCTYPE and comments go; every id gets prefix so that several
// figures on one page do not clash; and the document is checked to be
// well-formed SVG with no script, no event handler, no foreign object and
// no reference outside itself. Only what passes becomes template.HTML.
func InlineSVG(svg []byte, prefix string) (template.HTML, error) {
	m := prologRE().FindSubmatchIndex(svg)
	if m == nil {
		return "", errors.New("not an SVG document: no <svg> element")
	}
	s := string(svg[m[2]:])
	s = commentRE().ReplaceAllString(s, "")
	s = strings.TrimSpace(s)
	if err := checkSVG(s); err != nil {
		return "", err
	}
	if prefix != "" {
		s = idRE().ReplaceAllString(s, `${1}id="`+prefix+`-`)
		s = urlRefRE().ReplaceAllString(s, `url(#`+prefix+`-`)
	}
	return template.HTML(s), nil // checked above
}

// checkSVG walks the document and refuses anything that could run or fetch.
func checkSVG(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("SVG is not well-formed: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				if t.Name.Local != "svg" {
					return fmt.Errorf("SVG root is <%s>", t.Name.Local)
				}
			}
			depth++
			switch strings.ToLower(t.Name.Local) {
			case "script", "foreignobject", "iframe", "object", "embed", "image", "use", "style", "animate", "set":
				return fmt.Errorf("SVG holds a <%s> element", t.Name.Local)
			}
			for _, a := range t.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") {
					return fmt.Errorf("SVG holds an event handler %s", a.Name.Local)
				}
				if (name == "href" || name == "src") && !strings.HasPrefix(a.Value, "#") {
					return fmt.Errorf("SVG refers outside itself: %s=%q", a.Name.Local, a.Value)
				}
				if strings.Contains(strings.ToLower(a.Value), "url(") && !strings.Contains(a.Value, "url(#") {
					return fmt.Errorf("SVG refers outside itself: %s=%q", a.Name.Local, a.Value)
				}
			}
		case xml.EndElement:
			depth--
		case xml.ProcInst, xml.Directive:
			return errors.New("SVG holds a processing instruction or directive after its prolog")
		}
	}
	if roots != 1 {
		return fmt.Errorf("SVG has %d root elements", roots)
	}
	return nil
}
