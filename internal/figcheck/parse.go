// Package figcheck measures how legible a laid-out diagram is, from the SVG
// Graphviz writes: edges that pass through nodes that are not their ends,
// texts that overlap other texts or nodes, the smallest text once the figure
// is scaled to a printed page's width, and whether the legend tells the
// truth about the drawn ties. It reads geometry only, so it judges relmap's
// drawings and native Graphviz's drawings of the same DOT alike.
package figcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/relmap/relmap/internal/svgunit"
)

// Point is a position in the SVG's user units (points for Graphviz).
type Point struct{ X, Y float64 }

// Rect is an axis-aligned box.
type Rect struct{ MinX, MinY, MaxX, MaxY float64 }

func (r Rect) overlaps(o Rect, tol float64) bool {
	return r.MinX+tol < o.MaxX && o.MinX+tol < r.MaxX && r.MinY+tol < o.MaxY && o.MinY+tol < r.MaxY
}

func bounds(ps []Point) Rect {
	r := Rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range ps {
		r.MinX, r.MinY = min(r.MinX, p.X), min(r.MinY, p.Y)
		r.MaxX, r.MaxY = max(r.MaxX, p.X), max(r.MaxY, p.Y)
	}
	return r
}

// Node is a drawn node: its name (the SVG title) and its outline.
type Node struct {
	Name    string
	Outline []Point
	Box     Rect
}

// Edge is a drawn edge: its ends, its path sampled into a polyline, its
// stroke, and the tie type its tooltip names ("member_of: A → B").
type Edge struct {
	Tail, Head string
	Path       []Point
	Colour     string
	Width      float64
	Dash       string  // solid, dashed or dotted
	Opacity    float64 // the stroke's, 1 when opaque
	// Lines is how many visible strokes draw the edge: 2 for a colour
	// list drawn as parallel lines ("c:transparent:c").
	Lines int
	Type  string
}

// Text is one line of text and the element it belongs to: a node's name,
// an edge's id ("edge3") or "" for the graph's own label (title, legend,
// caption).
type Text struct {
	Owner  string
	Text   string
	Size   float64
	Colour string
	Box    Rect
}

// Shape is a filled polygon of the graph's own label, such as a legend
// swatch.
type Shape struct {
	Fill    string
	Opacity float64 // the fill's, 1 when opaque
	Box     Rect
}

// Figure is what Parse reads from an SVG.
type Figure struct {
	Width, Height float64 // points
	Nodes         []Node
	Edges         []Edge
	Texts         []Text
	Shapes        []Shape
	// Backdrop are the bounds of what is drawn beneath the graph (a map's
	// frame and country outlines, in a group of class map-underlay): no
	// node, edge or legend, but no empty space either.
	Backdrop []Rect
}

type group struct {
	class, title string
	id           string
}

// Parse reads the geometry of a Graphviz SVG. Coordinates are kept in the
// graph group's frame; Graphviz draws everything in that one group.
func Parse(svg []byte) (*Figure, error) {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	dec.Strict = false
	dec.Entity = xml.HTMLEntity
	f := &Figure{}
	var stack []*group
	var inTitle bool
	var title strings.Builder
	var textEl *xml.StartElement
	var textBuf strings.Builder
	var tooltip string
	// The innermost node or edge group, and the object being filled.
	current := func() *group {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].class == "node" || stack[i].class == "edge" {
				return stack[i]
			}
		}
		return nil
	}
	var node *Node
	var edge *Edge
	finish := func(g *group) {
		switch g.class {
		case "node":
			if node != nil && len(node.Outline) > 0 {
				node.Box = bounds(node.Outline)
				f.Nodes = append(f.Nodes, *node)
			}
			node = nil
		case "edge":
			if edge != nil && len(edge.Path) > 0 {
				f.Edges = append(f.Edges, *edge)
			}
			edge = nil
		}
	}
	sawSVG := false
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, fmt.Errorf("reading SVG: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			a := attrs(t)
			switch t.Name.Local {
			case "svg":
				sawSVG = true
				f.Width, f.Height = svgunit.Points(a["width"]), svgunit.Points(a["height"])
				if vb := strings.Fields(strings.ReplaceAll(a["viewBox"], ",", " ")); len(vb) == 4 && (f.Width == 0 || f.Height == 0) {
					f.Width, f.Height = num(vb[2]), num(vb[3])
				}
			case "g":
				g := &group{class: firstClass(a["class"]), id: a["id"]}
				stack = append(stack, g)
				switch g.class {
				case "node":
					node = &Node{}
				case "edge":
					edge = &Edge{}
					tooltip = ""
				}
			case "title":
				inTitle = true
				title.Reset()
			case "a":
				if edge != nil && tooltip == "" {
					tooltip = a["title"]
					if typ, _, ok := strings.Cut(tooltip, ":"); ok && !strings.ContainsAny(typ, " \n") {
						edge.Type = typ
					}
				}
			case "text":
				tt := t.Copy()
				textEl = &tt
				textBuf.Reset()
			case "path", "polygon", "polyline", "ellipse":
				pts := shapePoints(t.Name.Local, a)
				if len(pts) == 0 {
					continue
				}
				switch {
				case node != nil:
					// The first shape is the outline; later ones are
					// the label's cells and markers.
					if len(node.Outline) == 0 && (a["stroke"] != "" || t.Name.Local != "polygon") {
						node.Outline = pts
					}
				case edge != nil:
					// The first path is the spline; polygons after it
					// are arrowheads. A colour list draws one path per
					// colour, side by side.
					if t.Name.Local == "path" && visible(a["stroke"]) {
						edge.Lines++
					}
					if len(edge.Path) == 0 && t.Name.Local == "path" {
						edge.Path = pts
						edge.Colour = strings.ToLower(a["stroke"])
						edge.Width = 1
						if w := a["stroke-width"]; w != "" {
							edge.Width = num(w)
						}
						edge.Dash = dashKind(a["stroke-dasharray"])
						edge.Opacity = opacity(a["stroke-opacity"])
					}
				case inBackdrop(stack):
					f.Backdrop = append(f.Backdrop, bounds(pts))
				default:
					fill := strings.ToLower(a["fill"])
					if t.Name.Local == "polygon" && visible(fill) && fill != "white" && fill != "#ffffff" {
						f.Shapes = append(f.Shapes, Shape{Fill: fill, Opacity: opacity(a["fill-opacity"]), Box: bounds(pts)})
					}
				}
			}
		case xml.CharData:
			if inTitle {
				title.Write(t)
			}
			if textEl != nil {
				textBuf.Write(t)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "title":
				inTitle = false
				if g := current(); g != nil && g.title == "" {
					g.title = title.String()
					switch {
					case g.class == "node" && node != nil:
						node.Name = g.title
					case g.class == "edge" && edge != nil:
						tail, head, ok := strings.Cut(g.title, "->")
						if !ok {
							tail, head, _ = strings.Cut(g.title, "--")
						}
						edge.Tail, edge.Head = portless(tail), portless(head)
					}
				}
			case "text":
				if textEl != nil {
					owner := ""
					if g := current(); g != nil {
						owner = g.title
						if g.class == "edge" {
							owner = g.id
						}
					}
					if tx, ok := text(*textEl, textBuf.String(), owner); ok {
						f.Texts = append(f.Texts, tx)
					}
					textEl = nil
				}
			case "g":
				if len(stack) > 0 {
					g := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					finish(g)
				}
			}
		}
	}
	if !sawSVG {
		return nil, errors.New("reading SVG: no <svg> element")
	}
	return f, nil
}

// inBackdrop reports whether the innermost groups include a map's
// underlay.
func inBackdrop(stack []*group) bool {
	for _, g := range stack {
		if g.class == "map-underlay" {
			return true
		}
	}
	return false
}

func portless(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ':'); i > 0 {
		return s[:i]
	}
	return s
}

func firstClass(c string) string {
	if f := strings.Fields(c); len(f) > 0 {
		return f[0]
	}
	return ""
}

func attrs(t xml.StartElement) map[string]string {
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

func num(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}

// visible reports a paint that shows: not empty, none or transparent.
func visible(paint string) bool {
	p := strings.ToLower(strings.TrimSpace(paint))
	return p != "" && p != "none" && p != "transparent"
}

// opacity reads an SVG opacity, 1 when absent.
func opacity(s string) float64 {
	if strings.TrimSpace(s) == "" {
		return 1
	}
	return num(s)
}

// dashKind classes an SVG dash array the way a reader sees it.
func dashKind(da string) string {
	da = strings.TrimSpace(da)
	if da == "" || da == "none" {
		return "solid"
	}
	parts := strings.FieldsFunc(da, func(r rune) bool { return r == ',' || r == ' ' })
	if len(parts) > 0 && num(parts[0]) <= 1.5 {
		return "dotted"
	}
	return "dashed"
}

func text(el xml.StartElement, s, owner string) (Text, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Text{}, false
	}
	a := attrs(el)
	size := num(a["font-size"])
	if size == 0 {
		size = 14 // Graphviz's default
	}
	x, y := num(a["x"]), num(a["y"])
	w := TextWidth(s, size)
	if a["font-weight"] == "bold" {
		w *= 1.08
	}
	var minX float64
	switch a["text-anchor"] {
	case "middle":
		minX = x - w/2
	case "end":
		minX = x - w
	default:
		minX = x
	}
	// Helvetica's ascender and descender.
	box := Rect{MinX: minX, MaxX: minX + w, MinY: y - 0.72*size, MaxY: y + 0.21*size}
	return Text{Owner: owner, Text: s, Size: size, Colour: strings.ToLower(a["fill"]), Box: box}, true
}
