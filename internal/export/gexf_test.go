package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

func writeGEXF(t *testing.T, ds []*graph.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := GEXF(&buf, ds); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGEXFGolden(t *testing.T) {
	golden(t, "fixture.gexf", writeGEXF(t, fixture()))
}

// The parsed form of the GEXF, for structural checks.
type parsedGEXF struct {
	XMLName xml.Name `xml:"gexf"`
	Version string   `xml:"version,attr"`
	Graphs  []struct {
		Mode       string `xml:"mode,attr"`
		EdgeType   string `xml:"defaultedgetype,attr"`
		TimeFormat string `xml:"timeformat,attr"`
		Attributes []struct {
			Class string `xml:"class,attr"`
			Mode  string `xml:"mode,attr"`
			Attrs []struct {
				ID    string `xml:"id,attr"`
				Title string `xml:"title,attr"`
				Type  string `xml:"type,attr"`
			} `xml:"attribute"`
		} `xml:"attributes"`
		Nodes []struct {
			Count int `xml:"count,attr"`
			Nodes []struct {
				ID     string        `xml:"id,attr"`
				Label  string        `xml:"label,attr"`
				Values []parsedValue `xml:"attvalues>attvalue"`
			} `xml:"node"`
		} `xml:"nodes"`
		Edges []struct {
			Count int `xml:"count,attr"`
			Edges []struct {
				ID     string        `xml:"id,attr"`
				Source string        `xml:"source,attr"`
				Target string        `xml:"target,attr"`
				Kind   string        `xml:"kind,attr"`
				Type   string        `xml:"type,attr"`
				Start  *string       `xml:"start,attr"`
				End    *string       `xml:"end,attr"`
				Values []parsedValue `xml:"attvalues>attvalue"`
			} `xml:"edge"`
		} `xml:"edges"`
	} `xml:"graph"`
}

type parsedValue struct {
	For   string  `xml:"for,attr"`
	Value string  `xml:"value,attr"`
	Start *string `xml:"start,attr"`
	End   *string `xml:"end,attr"`
}

// TestGEXFStructure parses the file back and checks what Gephi relies on:
// the GEXF 1.3 namespace and version, one dynamic graph with date times,
// nodes and edges present with their counts, attributes declared once per
// class with a GEXF type and every value declared for its class and well
// formed, unique ids, every edge's ends defined as nodes, and each edge's
// interval well formed (YYYY-MM-DD, start <= end).
func TestGEXFStructure(t *testing.T) {
	for name, ds := range map[string][]*graph.Dataset{"fixture": fixture(), "empty": nil} {
		t.Run(name, func(t *testing.T) {
			g := parseGEXF(t, writeGEXF(t, ds))
			checkGEXF(t, g)
		})
	}
}

// TestGEXFBuiltIn: the built-in dataset's export passes the same checks,
// with one edge per tie.
func TestGEXFBuiltIn(t *testing.T) {
	ds := seedtest.Sets(t)
	g := parseGEXF(t, writeGEXF(t, ds))
	checkGEXF(t, g)
	var ties int
	for _, d := range ds {
		ties += len(d.Ties)
	}
	if n := len(g.Graphs[0].Edges[0].Edges); n != ties || ties < 200 {
		t.Errorf("%d edges for %d ties", n, ties)
	}
}

func parseGEXF(t *testing.T, b []byte) parsedGEXF {
	t.Helper()
	var g parsedGEXF
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("GEXF is not well-formed XML: %v", err)
	}
	return g
}

func checkGEXF(t *testing.T, g parsedGEXF) {
	t.Helper()
	if g.XMLName.Space != "http://gexf.net/1.3" || g.Version != "1.3" {
		t.Errorf("root element in namespace %q, version %q; want GEXF 1.3", g.XMLName.Space, g.Version)
	}
	if len(g.Graphs) != 1 {
		t.Fatalf("%d graph elements, want 1", len(g.Graphs))
	}
	gr := g.Graphs[0]
	if gr.Mode != "dynamic" || gr.TimeFormat != "date" || gr.EdgeType != "directed" {
		t.Errorf("graph mode %q, timeformat %q, defaultedgetype %q; want dynamic, date, directed", gr.Mode, gr.TimeFormat, gr.EdgeType)
	}
	if len(gr.Nodes) != 1 || len(gr.Edges) != 1 {
		t.Fatalf("%d nodes and %d edges elements, want one each", len(gr.Nodes), len(gr.Edges))
	}
	declared := map[string]map[string]string{"node": {}, "edge": {}}
	dynamic := map[string]bool{}
	titles := map[string]bool{}
	for _, as := range gr.Attributes {
		if declared[as.Class] == nil || as.Mode != "static" && !(as.Mode == "dynamic" && as.Class == "edge") {
			t.Errorf("attributes of class %q, mode %q", as.Class, as.Mode)
			continue
		}
		for _, a := range as.Attrs {
			switch a.Type {
			case "string", "integer", "boolean":
			default:
				t.Errorf("attribute %s has type %q", a.ID, a.Type)
			}
			if _, dup := declared[as.Class][a.ID]; dup || titles[as.Class+" "+a.Title] {
				t.Errorf("%s attribute %s (%s) declared twice", as.Class, a.ID, a.Title)
			}
			titles[as.Class+" "+a.Title] = true
			declared[as.Class][a.ID] = a.Type
			dynamic[a.ID] = as.Mode == "dynamic"
		}
	}
	for _, want := range []string{"node kind", "node name", "node sources", "node external", "edge type", "edge tie_key",
		"edge since", "edge until", "edge role", "edge sources", "edge order", "edge symmetric", "edge attested", "edge confirmed"} {
		if !titles[want] {
			t.Errorf("no attribute declared for %s", want)
		}
	}
	checkValues := func(what string, vals []parsedValue, class string) {
		seen := map[string]bool{}
		for _, v := range vals {
			typ, ok := declared[class][v.For]
			if !ok {
				t.Errorf("%s: attvalue for %q is not declared for %ss", what, v.For, class)
			}
			if dynamic[v.For] {
				if v.Start != nil && v.End != nil && *v.End < *v.Start {
					t.Errorf("%s: %s holds from %s to %s", what, v.For, *v.Start, *v.End)
				}
				checkDays(t, what, v.Start, v.End)
			} else {
				if v.Start != nil || v.End != nil {
					t.Errorf("%s: static %s has a start or end", what, v.For)
				}
				if seen[v.For] {
					t.Errorf("%s: %s given twice", what, v.For)
				}
			}
			seen[v.For] = true
			switch typ {
			case "integer":
				if v.Value == "" || strings.Trim(v.Value, "0123456789") != "" {
					t.Errorf("%s: %s = %q is not an integer", what, v.For, v.Value)
				}
			case "boolean":
				if v.Value != "true" && v.Value != "false" {
					t.Errorf("%s: %s = %q is not a boolean", what, v.For, v.Value)
				}
			}
		}
	}
	nodes := map[string]bool{}
	for _, n := range gr.Nodes[0].Nodes {
		if n.ID == "" || nodes[n.ID] {
			t.Errorf("node id %q empty or repeated", n.ID)
		}
		if n.Label == "" {
			t.Errorf("node %s has no label", n.ID)
		}
		nodes[n.ID] = true
		checkValues("node "+n.ID, n.Values, "node")
	}
	if gr.Nodes[0].Count != len(gr.Nodes[0].Nodes) || gr.Edges[0].Count != len(gr.Edges[0].Edges) {
		t.Errorf("counts %d nodes, %d edges for %d and %d written", gr.Nodes[0].Count, gr.Edges[0].Count,
			len(gr.Nodes[0].Nodes), len(gr.Edges[0].Edges))
	}
	edges := map[string]bool{}
	for _, e := range gr.Edges[0].Edges {
		if e.ID == "" || edges[e.ID] {
			t.Errorf("edge id %q empty or repeated", e.ID)
		}
		edges[e.ID] = true
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s: an end (%s, %s) is not a node", e.ID, e.Source, e.Target)
		}
		if e.Type != "" && e.Type != "directed" {
			t.Errorf("edge %s has type %q in a directed graph", e.ID, e.Type)
		}
		checkValues("edge "+e.ID, e.Values, "edge")
		var start, end time.Time
		for _, b := range []struct {
			s   *string
			day *time.Time
		}{{e.Start, &start}, {e.End, &end}} {
			if b.s == nil {
				continue
			}
			d, err := time.Parse("2006-01-02", *b.s)
			if err != nil {
				t.Errorf("edge %s: %q is not a GEXF date: %v", e.ID, *b.s, err)
			}
			*b.day = d
		}
		if e.Start != nil && e.End != nil && end.Before(start) {
			t.Errorf("edge %s: interval ends (%s) before it starts (%s)", e.ID, *e.End, *e.Start)
		}
	}
}

// TestGEXFIntervalsFollowTheTimeRule: every tie is one edge, and on every
// day around its ends the edge's interval holds the day exactly when the
// tie is in force on it (graph.Tie.ValidAt). The two periods of one
// membership are two edges.
func TestGEXFIntervalsFollowTheTimeRule(t *testing.T) {
	ds := fixture()
	g := parseGEXF(t, writeGEXF(t, ds))
	byKey := map[string]int{}
	edges := g.Graphs[0].Edges[0].Edges
	for i, e := range edges {
		for _, v := range e.Values {
			if v.For == "e_key" {
				byKey[v.Value] = i
			}
		}
	}
	var ties int
	for _, d := range ds {
		for _, tie := range d.Ties {
			ties++
			i, ok := byKey[tie.Key]
			if !ok {
				t.Errorf("tie %s has no edge", tie.Key)
				continue
			}
			e := edges[i]
			if e.Source != tie.From || e.Target != tie.To || e.Kind != string(tie.Type) {
				t.Errorf("edge %s: %s -[%s]-> %s, want %s -[%s]-> %s", e.ID, e.Source, e.Kind, e.Target, tie.From, tie.Type, tie.To)
			}
			if (e.Start == nil) != tie.Since.IsZero() || (e.End == nil) != tie.Until.IsZero() {
				t.Errorf("edge %s: open ends differ from the tie's (since %q, until %q)", e.ID, tie.Since, tie.Until)
			}
			var probes []time.Time
			for _, d := range []graph.Date{tie.Since, tie.Until} {
				if !d.IsZero() {
					f := d.First()
					probes = append(probes, f.AddDate(0, 0, -1), f, f.AddDate(0, 0, 1))
				}
			}
			probes = append(probes, time.Date(2012, 2, 1, 0, 0, 0, 0, time.UTC))
			if !tie.Attested.IsZero() {
				l := tie.Attested.Last()
				probes = append(probes, l, l.AddDate(0, 0, 1), l.AddDate(3, 0, 0))
			}
			for _, p := range probes {
				day := p.Format("2006-01-02")
				in := (e.Start == nil || *e.Start <= day) && (e.End == nil || day <= *e.End)
				if want := tie.ValidAt(graph.Day(p)); in != want {
					t.Errorf("edge %s [%v, %v] holds %s: %v; the tie is in force then: %v", e.ID, deref(e.Start), deref(e.End), day, in, want)
				}
				if !in {
					continue
				}
				var confirmed []string
				for _, v := range e.Values {
					if v.For == "e_confirmed" && (v.Start == nil || *v.Start <= day) && (v.End == nil || day <= *v.End) {
						confirmed = append(confirmed, v.Value)
					}
				}
				want := strconv.FormatBool(tie.ConfirmedAt(graph.Day(p)))
				if len(confirmed) != 1 || confirmed[0] != want {
					t.Errorf("edge %s on %s: confirmed %v, want exactly one value, %s (attested %s)", e.ID, day, confirmed, want, tie.Attested)
				}
			}
		}
	}
	if len(edges) != ties {
		t.Errorf("%d edges for %d ties", len(edges), ties)
	}
	first := graph.TieKey(graph.Tie{Type: graph.TieMemberOf, From: "uzbekistan", To: "csto", Attrs: map[string]string{"role": "member"}}, "")
	second := graph.TieKey(graph.Tie{Type: graph.TieMemberOf, From: "uzbekistan", To: "csto", Attrs: map[string]string{"role": "member"}}, "second-period")
	a, b := edges[byKey[first]], edges[byKey[second]]
	if a.ID == b.ID || deref(a.Start) != "1994-04-20" || deref(a.End) != "1999-04-19" ||
		deref(b.Start) != "2006-08-16" || deref(b.End) != "2012-06-27" {
		t.Errorf("the two CSTO periods of Uzbekistan: %s [%s, %s] and %s [%s, %s]", a.ID, deref(a.Start), deref(a.End),
			b.ID, deref(b.Start), deref(b.End))
	}
}

// checkDays fails unless each of the given dates is a GEXF date.
func checkDays(t *testing.T, what string, days ...*string) {
	t.Helper()
	for _, d := range days {
		if d == nil {
			continue
		}
		if _, err := time.Parse("2006-01-02", *d); err != nil {
			t.Errorf("%s: %q is not a GEXF date: %v", what, *d, err)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestGEXFDeterministic(t *testing.T) {
	a, b := fixture(), fixture()
	b[0], b[1] = b[1], b[0]
	for _, d := range b {
		for i, j := 0, len(d.Ties)-1; i < j; i, j = i+1, j-1 {
			d.Ties[i], d.Ties[j] = d.Ties[j], d.Ties[i]
		}
	}
	if !bytes.Equal(writeGEXF(t, a), writeGEXF(t, b)) {
		t.Error("GEXF depends on the order of datasets or items")
	}
}

func TestGEXFRejectsBadInt(t *testing.T) {
	ds := fixture()
	ds[1].Ties[0].Attrs = map[string]string{"route": "north-route", "order": "two", "mode": "road"}
	if err := GEXF(&bytes.Buffer{}, ds); err == nil || !strings.Contains(err.Error(), "whole number") {
		t.Errorf("got %v, want an error about the order", err)
	}
}

// TestNetworkXReadsGEXF reads the fixture's GEXF with networkx.read_gexf
// (testdata/read_graph.py): a dynamic directed multigraph with every actor
// and every tie, typed attributes, and each edge's start and end as the
// time rule gives them.
func TestNetworkXReadsGEXF(t *testing.T) {
	ds := fixture()
	var got networkXGraph
	readWithNetworkX(t, "fixture.gexf", writeGEXF(t, ds), &got)
	var actors int
	want := map[string]graph.Tie{}
	for _, d := range ds {
		actors += len(d.Actors)
		for _, tie := range d.Ties {
			want[tie.Key] = tie
		}
	}
	if !got.Directed || !got.Multigraph || got.Mode != "dynamic" || got.Nodes != actors+1 || got.Edges != len(want) {
		t.Errorf("NetworkX read directed=%v multigraph=%v mode=%q, %d nodes, %d edges; want a directed dynamic multigraph, %d nodes, %d edges",
			got.Directed, got.Multigraph, got.Mode, got.Nodes, got.Edges, actors+1, len(want))
	}
	for name, typ := range map[string]string{"order": "int", "symmetric": "bool", "external": "bool", "label": "str",
		"role": "str", "since": "str", "start": "str", "end": "str"} {
		if got.Types[name] != typ {
			t.Errorf("NetworkX reads %s as %q, want %s", name, got.Types[name], typ)
		}
	}
	for id, label := range map[string]string{"kazakhstan": "Казахстан", "csto": "ОДКБ", "tajikistan": "tajikistan"} {
		if got.Labels[id] != label {
			t.Errorf("node %s label %q, want %q", id, got.Labels[id], label)
		}
	}
	seen := map[string]bool{}
	for _, e := range got.EdgeList {
		tie, ok := want[e.Key]
		if !ok || seen[e.Key] {
			t.Errorf("edge %s: key %q unknown or read twice", e.ID, e.Key)
			continue
		}
		seen[e.Key] = true
		start, end := TieInterval(tie)
		if e.Source != tie.From || e.Target != tie.To || e.Start != start || e.End != end {
			t.Errorf("edge %s: %s -> %s [%q, %q]; want %s -> %s [%q, %q]", e.Key, e.Source, e.Target, e.Start, e.End,
				tie.From, tie.To, start, end)
		}
		// NetworkX reads a dynamic attribute as (value, start, end), an
		// open bound as the string None.
		var want [][3]any
		for _, v := range confirmedValues(tie) {
			none := func(s string) string {
				if s == "" {
					return "None"
				}
				return s
			}
			want = append(want, [3]any{v.Value == "true", none(v.Start), none(v.End)})
		}
		if fmt.Sprint(e.Confirmed) != fmt.Sprint(want) {
			t.Errorf("edge %s: confirmed %v, want %v", e.Key, e.Confirmed, want)
		}
	}
}

// BenchmarkGEXF writes the built-in data as GEXF.
func BenchmarkGEXF(b *testing.B) {
	ds := seedtest.Sets(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := GEXF(io.Discard, ds); err != nil {
			b.Fatal(err)
		}
	}
}
