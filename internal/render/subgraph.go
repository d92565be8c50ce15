// Package render draws part of relmap's graph for analysts' reports: it turns
// the nodes and relationships a query returned into a Graphviz DOT document
// styled from the domain (actor kinds, tie types, the NATO, CSTO and SCO
// spheres), then lays it out and renders it to SVG or PNG.
//
// The DOT step is pure and deterministic so that diagrams can be reviewed and
// diffed like any other output; the Graphviz step runs either the WebAssembly
// build bundled with go-graphviz (no system dependency) or the `dot` binary
// from PATH.
package render

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
)

// Subgraph is what gets drawn: actors and the ties between them, each once,
// with edges referring to nodes by actor ID.
type Subgraph struct {
	Nodes []Node
	Edges []Edge
	// Dangling counts relationships left out because an end node was not
	// among the query's results; a command may want to say so.
	Dangling int
}

// Node is an actor as drawn.
type Node struct {
	ID     string // actor id; the element ID when the node has no id property
	Kind   graph.Kind
	Name   string
	Short  string
	Region string
}

// Label is the text shown for the node: the short name when there is one,
// as graph.Actor.Label does.
func (n Node) Label() string {
	switch {
	case n.Short != "":
		return n.Short
	case n.Name != "":
		return n.Name
	}
	return n.ID
}

// Edge is a tie as drawn.
type Edge struct {
	Key      string        // the tie key; the element ID when the relationship has none
	Type     graph.TieType // the seed-file type; for unknown relationship types, the type in lower case
	From, To string        // actor IDs
	Since    graph.Date
	Until    graph.Date
	Attrs    map[string]string // role, status, route, order, mode and the other attributes
	Sources  []string
}

// Collector gathers the nodes and relationships of query records, including
// those inside paths, lists and maps, so that any query shape (RETURN n, r,
// m; RETURN p; RETURN collect(p)) can be drawn.
type Collector struct {
	nodes     map[string]*Node // by actor id
	elemToID  map[string]string
	rels      map[string]relEntry // by tie key
	relsOrder []string
}

type relEntry struct {
	edge           Edge
	startEl, endEl string
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{nodes: map[string]*Node{}, elemToID: map[string]string{}, rels: map[string]relEntry{}}
}

// FromRecords collects the records into a Subgraph.
func FromRecords(records []graph.Record) Subgraph {
	c := NewCollector()
	for _, r := range records {
		c.Add(r)
	}
	return c.Subgraph()
}

// Add collects every node, relationship and path in the record. It has the
// signature Store.Query's callback wants, less the error.
func (c *Collector) Add(r graph.Record) {
	for _, v := range r.Values {
		c.AddValue(v)
	}
}

// AddValue collects a single value of a record.
func (c *Collector) AddValue(v any) {
	switch x := v.(type) {
	case graph.Node:
		c.addNode(x)
	case *graph.Node:
		if x != nil {
			c.addNode(*x)
		}
	case graph.Relationship:
		c.addRel(x)
	case *graph.Relationship:
		if x != nil {
			c.addRel(*x)
		}
	case graph.Path:
		for _, n := range x.Nodes {
			c.addNode(n)
		}
		for _, r := range x.Rels {
			c.addRel(r)
		}
	case []any:
		for _, e := range x {
			c.AddValue(e)
		}
	case []graph.Node:
		for _, e := range x {
			c.addNode(e)
		}
	case []graph.Relationship:
		for _, e := range x {
			c.addRel(e)
		}
	case []graph.Path:
		for _, e := range x {
			c.AddValue(e)
		}
	case map[string]any:
		// Map order is random, but the result is sorted in Subgraph, and a
		// node or tie seen twice is the same node or tie.
		for _, e := range x {
			c.AddValue(e)
		}
	}
}

func (c *Collector) addNode(n graph.Node) {
	id := propString(n.Props, graph.PropID)
	if id == "" {
		id = n.ElementID
	}
	if id == "" {
		return
	}
	if n.ElementID != "" {
		c.elemToID[n.ElementID] = id
	}
	if _, ok := c.nodes[id]; ok {
		return
	}
	node := &Node{
		ID:     id,
		Kind:   graph.Kind(propString(n.Props, graph.PropKind)),
		Name:   propString(n.Props, graph.PropName),
		Short:  propString(n.Props, graph.PropShort),
		Region: propString(n.Props, graph.PropRegion),
	}
	if node.Kind == "" {
		node.Kind = kindFromLabels(n.Labels)
	}
	c.nodes[id] = node
}

func kindFromLabels(labels []string) graph.Kind {
	for _, l := range labels {
		for _, k := range graph.Kinds {
			if k.Label == l {
				return k.Kind
			}
		}
	}
	return ""
}

// Properties of a relationship that are bookkeeping rather than attributes.
var notAttrs = map[string]bool{
	graph.PropKey: true, graph.PropDataset: true, graph.PropSince: true, graph.PropSincePr: true,
	graph.PropUntil: true, graph.PropUntilPr: true, graph.PropNote: true, graph.PropSrcDoc: true,
	graph.PropSrcSect: true, graph.PropSrcEvid: true, graph.PropSources: true, graph.PropTypeName: true,
	graph.PropSrcCheck: true, graph.PropAttested: true, graph.PropAttestPr: true,
}

func (c *Collector) addRel(r graph.Relationship) {
	key := propString(r.Props, graph.PropKey)
	if key == "" {
		key = r.ElementID
	}
	if key == "" {
		key = r.Type + "|" + r.StartID + "|" + r.EndID
	}
	if _, ok := c.rels[key]; ok {
		return
	}
	e := Edge{Key: key, Attrs: map[string]string{}}
	if t := propString(r.Props, graph.PropTypeName); t != "" {
		e.Type = graph.TieType(t)
	} else if info, ok := graph.TieTypeByRel(r.Type); ok {
		e.Type = info.Type
	} else {
		e.Type = graph.TieType(strings.ToLower(r.Type))
	}
	e.Since = propDate(r.Props, graph.PropSince, graph.PropSincePr)
	e.Until = propDate(r.Props, graph.PropUntil, graph.PropUntilPr)
	for k, v := range r.Props {
		if notAttrs[k] {
			continue
		}
		if s := scalarString(v); s != "" {
			e.Attrs[k] = s
		}
	}
	e.Sources = propStrings(r.Props, graph.PropSources)
	c.rels[key] = relEntry{edge: e, startEl: r.StartID, endEl: r.EndID}
	c.relsOrder = append(c.relsOrder, key)
}

// Subgraph returns what was collected, sorted. Relationships whose end
// nodes were never seen are counted in Dangling and left out: drawing them
// would need invented nodes.
func (c *Collector) Subgraph() Subgraph {
	var sg Subgraph
	for _, n := range c.nodes {
		sg.Nodes = append(sg.Nodes, *n)
	}
	for _, k := range c.relsOrder {
		r := c.rels[k]
		from, ok1 := c.resolve(r.startEl)
		to, ok2 := c.resolve(r.endEl)
		if !ok1 || !ok2 {
			sg.Dangling++
			continue
		}
		e := r.edge
		e.From, e.To = from, to
		sg.Edges = append(sg.Edges, e)
	}
	sg.Sort()
	return sg
}

func (c *Collector) resolve(el string) (string, bool) {
	if id, ok := c.elemToID[el]; ok {
		return id, true
	}
	if _, ok := c.nodes[el]; ok {
		return el, true
	}
	return "", false
}

// Sort puts nodes in order of ID and edges in order of (type, from, to, key),
// the order DOT writes them in.
func (sg *Subgraph) Sort() {
	sort.SliceStable(sg.Nodes, func(i, j int) bool { return sg.Nodes[i].ID < sg.Nodes[j].ID })
	sort.SliceStable(sg.Edges, func(i, j int) bool {
		a, b := sg.Edges[i], sg.Edges[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Key < b.Key
	})
}

func propString(m map[string]any, k string) string {
	return scalarString(m[k])
}

func scalarString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case graph.Date:
		return x.String()
	case time.Time:
		return x.Format(time.RFC3339)
	case fmt.Stringer:
		return x.String()
	}
	return ""
}

func propStrings(m map[string]any, k string) []string {
	switch x := m[k].(type) {
	case []string:
		return append([]string(nil), x...)
	case []any:
		var out []string
		for _, e := range x {
			if s := scalarString(e); s != "" {
				out = append(out, s)
			}
		}
		return out
	case string:
		if x != "" {
			return []string{x}
		}
	}
	return nil
}

// propDate reads a tie date, which the store returns as a graph.Date holding
// the first day of its period (see graph/schema.go), and cuts it back to the
// precision recorded beside it so that "2012" is not shown as 2012-01-01.
func propDate(m map[string]any, k, precKey string) graph.Date {
	var d graph.Date
	switch x := m[k].(type) {
	case graph.Date:
		d = x
	case time.Time:
		d = graph.Day(x)
	case string:
		if p, err := graph.ParseDate(x); err == nil {
			d = p
		} else if t, err := time.Parse(time.RFC3339, x); err == nil {
			d = graph.Day(t)
		}
	}
	switch graph.Precision(propString(m, precKey)) {
	case graph.PrecisionYear:
		d.Month, d.Day = 0, 0
	case graph.PrecisionMonth:
		d.Day = 0
	}
	return d
}
