package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"

	"github.com/relmap/relmap/graph"
)

// GEXF layout, for Gephi's timeline. The graph is dynamic with dates as its
// time format: each edge carries the days its tie was in force as a closed
// interval, start the first day (since) and end the last day (the day before
// until), which is the time rule's since <= D < until in GEXF's inclusive
// terms. An open end is left out, so Gephi keeps the edge to the end of its
// timeline. Actors have no dates in relmap's data, so nodes are static: they
// are there on every day, with or without ties.
//
// Every tie is its own edge, with a positional id (e0, e1, ...): two periods
// of one membership, or a membership and a programme between the same ends,
// stay distinct, and an edge's kind is its tie type so that Gephi keeps ties
// of different types apart. Edges are written directed, as in GraphML; a
// symmetric tie type says so in the symmetric attribute rather than as an
// undirected edge, because NetworkX refuses undirected edges in a directed
// graph. Attributes are the GraphML export's, typed (string, integer,
// boolean), with the same names except that the tie's key is tie_key (NetworkX
// reserves key); label and id are GEXF's own.
//
// Whether a tie is confirmed depends on the day (graph.Tie.ConfirmedAt: in
// force and attested on or after it), so confirmed is a dynamic boolean:
// true from the tie's start to the last day its sources speak for
// (Date.Last of Tie.Attested), false after that while the tie's end is
// open. Gephi's timeline then shows, on any day, which ties no source
// attests any more; the static attested attribute gives the date.

const (
	gexfNS     = "http://gexf.net/1.3"
	gexfXSI    = "http://www.w3.org/2001/XMLSchema-instance"
	gexfSchema = gexfNS + " http://gexf.net/1.3/gexf.xsd"
)

type gexfDoc struct {
	XMLName xml.Name  `xml:"gexf"`
	NS      string    `xml:"xmlns,attr"`
	XSI     string    `xml:"xmlns:xsi,attr"`
	Schema  string    `xml:"xsi:schemaLocation,attr"`
	Version string    `xml:"version,attr"`
	Meta    gexfMeta  `xml:"meta"`
	Graph   gexfGraph `xml:"graph"`
}

type gexfMeta struct {
	Creator     string `xml:"creator"`
	Description string `xml:"description"`
}

type gexfGraph struct {
	Mode       string           `xml:"mode,attr"`
	EdgeType   string           `xml:"defaultedgetype,attr"`
	TimeFormat string           `xml:"timeformat,attr"`
	TimeRepr   string           `xml:"timerepresentation,attr"`
	Attributes []gexfAttributes `xml:"attributes"`
	Nodes      gexfNodes        `xml:"nodes"`
	Edges      gexfEdges        `xml:"edges"`
}

type gexfAttributes struct {
	Class string     `xml:"class,attr"`
	Mode  string     `xml:"mode,attr"`
	Attrs []gexfAttr `xml:"attribute"`
}

type gexfAttr struct {
	ID      string  `xml:"id,attr"`
	Title   string  `xml:"title,attr"`
	Type    string  `xml:"type,attr"`
	Default *string `xml:"default,omitempty"`
}

type gexfNodes struct {
	Count int        `xml:"count,attr"`
	Nodes []gexfNode `xml:"node"`
}

type gexfNode struct {
	ID     string         `xml:"id,attr"`
	Label  string         `xml:"label,attr"`
	Values *gexfAttValues `xml:"attvalues"`
}

type gexfEdges struct {
	Count int        `xml:"count,attr"`
	Edges []gexfEdge `xml:"edge"`
}

type gexfEdge struct {
	ID     string         `xml:"id,attr"`
	Source string         `xml:"source,attr"`
	Target string         `xml:"target,attr"`
	Kind   string         `xml:"kind,attr,omitempty"`
	Label  string         `xml:"label,attr,omitempty"`
	Start  string         `xml:"start,attr,omitempty"`
	End    string         `xml:"end,attr,omitempty"`
	Values *gexfAttValues `xml:"attvalues"`
}

type gexfAttValues struct {
	Values []gexfAttValue `xml:"attvalue"`
}

type gexfAttValue struct {
	For   string `xml:"for,attr"`
	Value string `xml:"value,attr"`
	Start string `xml:"start,attr,omitempty"`
	End   string `xml:"end,attr,omitempty"`
}

// gexfType is the GEXF name of a GraphML attribute type.
func gexfType(typ string) string {
	if typ == typeInt {
		return "integer"
	}
	return typ
}

// gexfDate is the layout of GEXF's date time format.
const gexfDate = "2006-01-02"

// GEXFDay writes a day as GEXF's date time format has it.
func GEXFDay(t graph.Date) string { return t.First().Format(gexfDate) }

// TieInterval is the closed interval of days, as GEXFDay writes them, on
// which t is in force: since's first day and the day before until's first
// day. An open end is "".
func TieInterval(t graph.Tie) (start, end string) {
	if !t.Since.IsZero() {
		start = GEXFDay(t.Since)
	}
	if !t.Until.IsZero() {
		end = t.Until.First().AddDate(0, 0, -1).Format(gexfDate)
	}
	return start, end
}

// confirmedValues are the tie's confirmed attribute over its interval:
// true up to the last day it is attested for, false after it.
func confirmedValues(t graph.Tie) []gexfAttValue {
	start, end := TieInterval(t)
	if t.Attested.IsZero() {
		return []gexfAttValue{{For: "e_confirmed", Value: "false", Start: start, End: end}}
	}
	last := t.Attested.Last()
	lastDay := last.Format(gexfDate)
	if end != "" && end <= lastDay {
		return []gexfAttValue{{For: "e_confirmed", Value: "true", Start: start, End: end}}
	}
	after := last.AddDate(0, 0, 1).Format(gexfDate)
	if start != "" && lastDay < start {
		// Attested only before it began: never confirmed.
		return []gexfAttValue{{For: "e_confirmed", Value: "false", Start: start, End: end}}
	}
	return []gexfAttValue{{For: "e_confirmed", Value: "true", Start: start, End: lastDay},
		{For: "e_confirmed", Value: "false", Start: after, End: end}}
}

func attValues(vals []keyValue) *gexfAttValues {
	if len(vals) == 0 {
		return nil
	}
	out := &gexfAttValues{Values: make([]gexfAttValue, len(vals))}
	for i, v := range vals {
		out.Values[i] = gexfAttValue{For: v.key, Value: v.value}
	}
	return out
}

// GEXF writes ds as one dynamic GEXF 1.3 graph for Gephi's timeline (and
// NetworkX's read_gexf): actors as nodes, every tie as an edge dated by the
// days it was in force.
func GEXF(w io.Writer, ds []*graph.Dataset) error {
	ds = sorted(ds)
	attrKeys, attrByName := tieAttrKeys(ds)
	doc := gexfDoc{NS: gexfNS, XSI: gexfXSI, Schema: gexfSchema, Version: "1.3",
		Meta: gexfMeta{Creator: "relmap",
			Description: "Actors and dated ties; each edge is in force from start to end inclusive (open end: still in force)."},
		Graph: gexfGraph{Mode: "dynamic", EdgeType: "directed", TimeFormat: "date", TimeRepr: "interval"}}

	no := "false"
	nodeAttrs := gexfAttributes{Class: "node", Mode: "static"}
	for _, k := range nodeKeys {
		if k.name == "id" || k.name == "label" {
			continue // GEXF's own attributes of a node
		}
		a := gexfAttr{ID: k.id, Title: k.name, Type: gexfType(k.typ)}
		if k.name == "external" {
			a.Default = &no
		}
		nodeAttrs.Attrs = append(nodeAttrs.Attrs, a)
	}
	edgeAttrs := gexfAttributes{Class: "edge", Mode: "static"}
	for _, k := range append(append([]attrKey(nil), edgeKeys...), attrKeys...) {
		title := k.name
		if title == "key" {
			// NetworkX passes the attributes to add_edge as keywords,
			// where key is the multigraph's edge key.
			title = "tie_key"
		}
		edgeAttrs.Attrs = append(edgeAttrs.Attrs, gexfAttr{ID: k.id, Title: title, Type: gexfType(k.typ)})
	}
	dynamic := gexfAttributes{Class: "edge", Mode: "dynamic",
		Attrs: []gexfAttr{{ID: "e_confirmed", Title: "confirmed", Type: typeBoolean}}}
	doc.Graph.Attributes = []gexfAttributes{nodeAttrs, edgeAttrs, dynamic}

	actors, external, ties, err := exportItems(ds)
	if err != nil {
		return fmt.Errorf("gexf: %w", err)
	}
	for _, a := range actors {
		n := gexfNode{ID: a.ID, Label: a.Label()}
		if external[a.ID] {
			n.Label = a.ID
		}
		n.Values = attValues(nodeValues(a, external[a.ID]))
		doc.Graph.Nodes.Nodes = append(doc.Graph.Nodes.Nodes, n)
	}
	for i, t := range ties {
		e := gexfEdge{ID: "e" + strconv.Itoa(i), Source: t.From, Target: t.To, Kind: string(t.Type), Label: string(t.Type)}
		e.Start, e.End = TieInterval(t)
		vals, err := edgeValues(t, attrByName)
		if err != nil {
			return fmt.Errorf("gexf: %w", err)
		}
		e.Values = attValues(vals)
		if e.Values == nil {
			e.Values = &gexfAttValues{}
		}
		e.Values.Values = append(e.Values.Values, confirmedValues(t)...)
		doc.Graph.Edges.Edges = append(doc.Graph.Edges.Edges, e)
	}
	doc.Graph.Nodes.Count = len(doc.Graph.Nodes.Nodes)
	doc.Graph.Edges.Count = len(doc.Graph.Edges.Edges)
	return writeXML(w, doc, "gexf")
}
