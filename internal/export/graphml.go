package export

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/lazyre"
)

// GraphML layout. Every attribute is declared once with a <key> giving its
// name and type, so Gephi and NetworkX read typed columns: strings, tie
// attributes that are numbers (a transit leg's order) as int, flags as
// boolean. A <data> element is written only for a value that is set.
//
// Nodes are the actors, by ID; edges are the ties, by key, each with the tie
// key as an attribute and a positional id (e0, e1, ...), since a tie key is
// not a valid GraphML id. A tie may join an actor of a dataset that is not
// exported; that end is written as a bare node (id and label only) marked
// external, so that every edge has both ends.

const (
	graphmlNS     = "http://graphml.graphdrawing.org/xmlns"
	graphmlXSI    = "http://www.w3.org/2001/XMLSchema-instance"
	graphmlSchema = graphmlNS + " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"

	typeString  = "string"
	typeInt     = "int"
	typeBoolean = "boolean"

	// listJoin separates the citations in a sources attribute, aliasJoin the
	// aliases in an aliases attribute.
	listJoin  = " || "
	aliasJoin = "; "
)

type gmlDoc struct {
	XMLName xml.Name `xml:"graphml"`
	NS      string   `xml:"xmlns,attr"`
	XSI     string   `xml:"xmlns:xsi,attr"`
	Schema  string   `xml:"xsi:schemaLocation,attr"`
	Keys    []gmlKey `xml:"key"`
	Graph   gmlGraph `xml:"graph"`
}

type gmlKey struct {
	ID      string  `xml:"id,attr"`
	For     string  `xml:"for,attr"`
	Name    string  `xml:"attr.name,attr"`
	Type    string  `xml:"attr.type,attr"`
	Default *string `xml:"default,omitempty"`
}

type gmlGraph struct {
	ID          string    `xml:"id,attr"`
	EdgeDefault string    `xml:"edgedefault,attr"`
	Nodes       []gmlNode `xml:"node"`
	Edges       []gmlEdge `xml:"edge"`
}

type gmlNode struct {
	ID   string    `xml:"id,attr"`
	Data []gmlData `xml:"data"`
}

type gmlEdge struct {
	ID     string    `xml:"id,attr"`
	Source string    `xml:"source,attr"`
	Target string    `xml:"target,attr"`
	Data   []gmlData `xml:"data"`
}

type gmlData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

// attrKey is one declared attribute.
type attrKey struct {
	id, name, typ string
}

// The fixed node and edge attributes, in declaration order.
var (
	nodeKeys = []attrKey{
		{"n_id", "id", typeString},
		{"n_label", "label", typeString},
		{"n_kind", "kind", typeString},
		{"n_name", "name", typeString},
		{"n_short", "short", typeString},
		{"n_aliases", "aliases", typeString},
		{"n_region", "region", typeString},
		{"n_note", "note", typeString},
		{"n_dataset", "dataset", typeString},
		{"n_sources", "sources", typeString},
		{"n_external", "external", typeBoolean},
	}
	edgeKeys = []attrKey{
		{"e_type", "type", typeString},
		{"e_rel_type", "rel_type", typeString},
		{"e_key", "key", typeString},
		{"e_dataset", "dataset", typeString},
		{"e_since", "since", typeString},
		{"e_until", "until", typeString},
		{"e_since_precision", "since_precision", typeString},
		{"e_until_precision", "until_precision", typeString},
		{"e_attested", "attested", typeString},
		{"e_symmetric", "symmetric", typeBoolean},
		{"e_sphere", "sphere", typeBoolean},
		{"e_note", "note", typeString},
		{"e_sources", "sources", typeString},
	}
)

// keyIDRE matches the attribute names that can be part of a key id as they are.
var keyIDRE = lazyre.New(`^[A-Za-z0-9_.-]+$`)

// tieAttrKeys declares every attribute a tie type defines, and any other
// attribute found on the ties, sorted by name, and maps each attribute's name
// to its key. Declaring the defined ones even when unused keeps the columns
// the same from one export to the next. An attribute named like a fixed edge
// attribute is declared as attr_NAME.
func tieAttrKeys(ds []*graph.Dataset) ([]attrKey, map[string]attrKey) {
	types := map[string]string{}
	for _, t := range graph.TieTypes {
		for _, a := range t.Attrs {
			if a.Int {
				types[a.Name] = typeInt
			} else if types[a.Name] == "" {
				types[a.Name] = typeString
			}
		}
	}
	for _, d := range ds {
		for _, t := range d.Ties {
			for n := range t.Attrs {
				if types[n] == "" {
					types[n] = typeString
				}
			}
		}
	}
	fixed := map[string]bool{}
	for _, k := range edgeKeys {
		fixed[k.name] = true
	}
	names := make([]string, 0, len(types))
	for n := range types {
		names = append(names, n)
	}
	sort.Strings(names)
	keys := make([]attrKey, len(names))
	byName := make(map[string]attrKey, len(names))
	for i, n := range names {
		name := n
		if fixed[n] {
			name = "attr_" + n
		}
		id := "a_" + n
		if !keyIDRE().MatchString(n) {
			id = "a" + strconv.Itoa(i)
		}
		keys[i] = attrKey{id: id, name: name, typ: types[n]}
		byName[n] = keys[i]
	}
	return keys, byName
}

// GraphML writes ds as one directed GraphML graph: an attribute-typed file
// that Gephi, NetworkX (read_graphml), yEd and Cytoscape open.
func GraphML(w io.Writer, ds []*graph.Dataset) error {
	ds = sorted(ds)
	doc := gmlDoc{NS: graphmlNS, XSI: graphmlXSI, Schema: graphmlSchema,
		Graph: gmlGraph{ID: "relmap", EdgeDefault: "directed"}}

	attrKeys, attrByName := tieAttrKeys(ds)

	no := "false"
	for _, k := range nodeKeys {
		gk := gmlKey{ID: k.id, For: "node", Name: k.name, Type: k.typ}
		if k.name == "external" {
			gk.Default = &no
		}
		doc.Keys = append(doc.Keys, gk)
	}
	for _, k := range append(append([]attrKey(nil), edgeKeys...), attrKeys...) {
		doc.Keys = append(doc.Keys, gmlKey{ID: k.id, For: "edge", Name: k.name, Type: k.typ})
	}

	actors, external, ties, err := exportItems(ds)
	if err != nil {
		return fmt.Errorf("graphml: %w", err)
	}
	for _, a := range actors {
		n := gmlNode{ID: a.ID, Data: []gmlData{{"n_id", a.ID}}}
		label := a.Label()
		if external[a.ID] {
			label = a.ID
		}
		if label != "" {
			n.Data = append(n.Data, gmlData{"n_label", label})
		}
		for _, v := range nodeValues(a, external[a.ID]) {
			n.Data = append(n.Data, gmlData{v.key, v.value})
		}
		doc.Graph.Nodes = append(doc.Graph.Nodes, n)
	}
	for i, t := range ties {
		e := gmlEdge{ID: "e" + strconv.Itoa(i), Source: t.From, Target: t.To}
		vals, err := edgeValues(t, attrByName)
		if err != nil {
			return fmt.Errorf("graphml: %w", err)
		}
		for _, v := range vals {
			e.Data = append(e.Data, gmlData{v.key, v.value})
		}
		doc.Graph.Edges = append(doc.Graph.Edges, e)
	}
	return writeXML(w, doc, "graphml")
}

// exportItems lists the actors to write as nodes, by ID: every actor, then
// the bare ends of ties that reach outside the datasets (marked in
// external); and every tie, by key.
func exportItems(ds []*graph.Dataset) (actors []graph.Actor, external map[string]bool, ties []graph.Tie, err error) {
	defined := map[string]bool{}
	for _, d := range ds {
		for _, a := range d.Actors {
			if defined[a.ID] {
				return nil, nil, nil, fmt.Errorf("actor %q is defined twice", a.ID)
			}
			defined[a.ID] = true
			actors = append(actors, a)
		}
	}
	for _, d := range ds {
		ties = append(ties, d.Ties...)
	}
	sort.SliceStable(ties, func(i, j int) bool { return ties[i].Key < ties[j].Key })
	external = map[string]bool{}
	for _, t := range ties {
		for _, id := range []string{t.From, t.To} {
			if !defined[id] && !external[id] {
				external[id] = true
				actors = append(actors, graph.Actor{ID: id})
			}
		}
	}
	sort.SliceStable(actors, func(i, j int) bool { return actors[i].ID < actors[j].ID })
	return actors, external, ties, nil
}

// keyValue is one attribute's value, by the attribute's key id.
type keyValue struct{ key, value string }

// nodeValues are an actor's attribute values that are set, besides its id
// and label, in declaration order.
func nodeValues(a graph.Actor, external bool) []keyValue {
	if external {
		return []keyValue{{"n_external", "true"}}
	}
	var out []keyValue
	for _, v := range []keyValue{{"n_kind", string(a.Kind)}, {"n_name", a.Name}, {"n_short", a.Short},
		{"n_aliases", strings.Join(a.Aliases, aliasJoin)}, {"n_region", a.Region}, {"n_note", a.Note},
		{"n_dataset", a.Dataset}, {"n_sources", joinCitations(a.Sources)}} {
		if v.value != "" {
			out = append(out, v)
		}
	}
	return out
}

// edgeValues are a tie's attribute values that are set, the fixed ones in
// declaration order and then its own attributes by name. An attribute
// declared as int must hold a whole number.
func edgeValues(t graph.Tie, attrByName map[string]attrKey) ([]keyValue, error) {
	info, _ := graph.LookupTieType(t.Type)
	vals := []keyValue{{"e_type", string(t.Type)}, {"e_rel_type", info.RelType}, {"e_key", t.Key},
		{"e_dataset", t.Dataset}, {"e_since", t.Since.String()}, {"e_until", t.Until.String()},
		{"e_since_precision", string(t.Since.Precision())}, {"e_until_precision", string(t.Until.Precision())},
		{"e_attested", t.Attested.String()}}
	if info.Type != "" {
		vals = append(vals, keyValue{"e_symmetric", strconv.FormatBool(info.Symmetric)},
			keyValue{"e_sphere", strconv.FormatBool(info.Sphere)})
	}
	vals = append(vals, keyValue{"e_note", t.Note}, keyValue{"e_sources", joinCitations(t.Sources)})
	names := make([]string, 0, len(t.Attrs))
	for n := range t.Attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		k, v := attrByName[n], t.Attrs[n]
		if k.typ == typeInt && v != "" {
			if _, err := strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("tie %s: %s %q is not a whole number", t.Key, n, v)
			}
		}
		vals = append(vals, keyValue{k.id, v})
	}
	out := vals[:0]
	for _, v := range vals {
		if v.value != "" {
			out = append(out, v)
		}
	}
	return out, nil
}

// writeXML writes the XML declaration, doc indented and a final newline.
func writeXML(w io.Writer, doc any, format string) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("%s: %w", format, err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

func joinCitations(cs []graph.Citation) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, listJoin)
}
