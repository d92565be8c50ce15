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
	"sort"

	"github.com/relmap/relmap/graph"
)

// Subgraph is what gets drawn: the domain's actors and the ties between
// them, each once, with ties referring to actors by ID.
type Subgraph struct {
	Nodes []graph.Actor
	Edges []graph.Tie
	// Dangling counts relationships left out because an end node was not
	// among the query's results; a command may want to say so.
	Dangling int
}

// actorLabel is the text shown for an actor: its label, or its ID when a node
// of a custom query has no name.
func actorLabel(a graph.Actor) string {
	if l := a.Label(); l != "" {
		return l
	}
	return a.ID
}

// Collector gathers the nodes and relationships of query records, including
// those inside paths, lists and maps, so that any query shape (RETURN n, r,
// m; RETURN p; RETURN collect(p)) can be drawn. Properties are read by the
// domain's decoding (graph.ActorFromProps, graph.TieFromProps), the same that
// reads a store's snapshot.
type Collector struct {
	nodes     map[string]*graph.Actor // by actor id
	elemToID  map[string]string
	rels      map[string]relEntry // by tie key
	relsOrder []string
}

type relEntry struct {
	tie            graph.Tie
	startEl, endEl string
}

// NewCollector returns an empty Collector.
func NewCollector() *Collector {
	return &Collector{nodes: map[string]*graph.Actor{}, elemToID: map[string]string{}, rels: map[string]relEntry{}}
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
	a := graph.ActorFromProps(n.Labels, n.Props)
	if a.ID == "" {
		a.ID = n.ElementID
	}
	if a.ID == "" {
		return
	}
	if n.ElementID != "" {
		c.elemToID[n.ElementID] = a.ID
	}
	if _, ok := c.nodes[a.ID]; ok {
		return
	}
	c.nodes[a.ID] = &a
}

func (c *Collector) addRel(r graph.Relationship) {
	t, _ := graph.TieFromProps(r.Type, r.Props)
	if t.Key == "" {
		t.Key = r.ElementID
	}
	if t.Key == "" {
		t.Key = r.Type + "|" + r.StartID + "|" + r.EndID
	}
	if _, ok := c.rels[t.Key]; ok {
		return
	}
	c.rels[t.Key] = relEntry{tie: t, startEl: r.StartID, endEl: r.EndID}
	c.relsOrder = append(c.relsOrder, t.Key)
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
		e := r.tie
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
