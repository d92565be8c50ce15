package render

import (
	"fmt"
	"math/rand/v2"

	"github.com/relmap/relmap/graph"
)

// Test subgraphs are built the way a query delivers them, as records of
// driver-neutral nodes and relationships, so the fixtures exercise the
// collector as well.

type recBuilder struct {
	nodes map[string]graph.Node
	recs  []graph.Record
	n     int
}

func newRecs() *recBuilder { return &recBuilder{nodes: map[string]graph.Node{}} }

func (b *recBuilder) node(id string, kind graph.Kind, name, short string) graph.Node {
	n := graph.Node{
		ElementID: "4:db:" + id,
		Labels:    []string{graph.ActorLabel, kind.Label()},
		Props:     map[string]any{"id": id, "kind": string(kind), "name": name},
	}
	if short != "" {
		n.Props["short"] = short
	}
	b.nodes[id] = n
	return n
}

// tie adds a record (from, rel, to) and returns the relationship.
func (b *recBuilder) tie(t graph.TieType, from, to string, attrs map[string]any, since, until string) graph.Relationship {
	info, _ := graph.LookupTieType(t)
	b.n++
	props := map[string]any{"key": fmt.Sprintf("%s|%s|%s|%d", t, from, to, b.n), "type": string(t),
		"sources":    []any{"eucam-watch-11, p. 3"},
		"source_doc": []any{"eucam-watch-11"}, "source_section": []any{"p. 3"}, "source_evidence": []any{""},
		// Sources speak for every fixture tie through 2020 unless attrs
		// say otherwise.
		graph.PropAttested: "2020", graph.PropAttestPr: string(graph.PrecisionYear)}
	for k, v := range attrs {
		props[k] = v
	}
	if since != "" {
		d := graph.MustDate(since)
		props["since"] = graph.Day(d.First())
		props["since_precision"] = string(d.Precision())
	}
	if until != "" {
		d := graph.MustDate(until)
		props["until"] = graph.Day(d.First())
		props["until_precision"] = string(d.Precision())
	}
	r := graph.Relationship{ElementID: fmt.Sprintf("5:db:%d", b.n), StartID: b.nodes[from].ElementID,
		EndID: b.nodes[to].ElementID, Type: info.RelType, Props: props}
	b.recs = append(b.recs, graph.Record{Keys: []string{"a", "r", "b"}, Values: []any{b.nodes[from], r, b.nodes[to]}})
	return r
}

func (b *recBuilder) subgraph() Subgraph { return FromRecords(b.recs) }

type fixture struct {
	name string
	sg   Subgraph
	opts Options
}

func spheresFixture() *recBuilder {
	b := newRecs()
	b.node("kazakhstan", graph.KindState, "Kazakhstan", "")
	b.node("kyrgyzstan", graph.KindState, "Kyrgyzstan", "")
	b.node("uzbekistan", graph.KindState, "Uzbekistan", "")
	b.node("turkmenistan", graph.KindState, "Turkmenistan", "")
	b.node("nato", graph.KindOrganisation, "North Atlantic Treaty Organization", "NATO")
	b.node("csto", graph.KindOrganisation, "Collective Security Treaty Organization", "CSTO")
	b.node("sco", graph.KindOrganisation, "Shanghai Cooperation Organisation", "SCO")
	b.node("pfp", graph.KindProgramme, "Partnership for Peace", "PfP")
	b.node("ipap", graph.KindProgramme, "Individual Partnership Action Plan", "IPAP")
	member := map[string]any{"role": graph.RoleMember}
	active := map[string]any{"status": graph.StatusActive}
	b.tie(graph.TieMemberOf, "kazakhstan", "csto", member, "2002-10-07", "")
	b.tie(graph.TieMemberOf, "kazakhstan", "sco", member, "2001-06-15", "")
	b.tie(graph.TieParticipates, "kazakhstan", "pfp", active, "1994-05", "")
	// The IPAP's sources end in 2012-02: on the figures' 2013 date it is
	// drawn unconfirmed.
	b.tie(graph.TieIPAP, "kazakhstan", "ipap", map[string]any{"cycle": "2006-2008",
		graph.PropAttested: "2012-02", graph.PropAttestPr: string(graph.PrecisionMonth)}, "2006-01-31", "")
	b.tie(graph.TieMemberOf, "kyrgyzstan", "csto", member, "2002-10-07", "")
	b.tie(graph.TieMemberOf, "kyrgyzstan", "sco", member, "2001-06-15", "")
	b.tie(graph.TieParticipates, "kyrgyzstan", "pfp", active, "1994-06", "")
	b.tie(graph.TieMemberOf, "uzbekistan", "csto", map[string]any{"role": graph.RoleSuspended}, "2012-06", "")
	b.tie(graph.TieMemberOf, "uzbekistan", "sco", member, "2001-06-15", "")
	b.tie(graph.TieParticipates, "uzbekistan", "pfp", active, "1994-07", "")
	b.tie(graph.TieParticipates, "turkmenistan", "pfp", active, "1994-05", "")
	b.tie(graph.TiePartOf, "ipap", "pfp", nil, "", "")
	b.tie(graph.TiePartOf, "pfp", "nato", nil, "", "")
	return b
}

func ndnFixture() *recBuilder {
	b := newRecs()
	b.node("ndn-north", graph.KindRoute, "Northern Distribution Network, northern route", "NDN North")
	b.node("riga", graph.KindPlace, "Riga", "")
	b.node("russia", graph.KindState, "Russia", "")
	b.node("kazakhstan", graph.KindState, "Kazakhstan", "")
	b.node("uzbekistan", graph.KindState, "Uzbekistan", "")
	b.node("termez", graph.KindPlace, "Termez", "")
	b.node("afghanistan", graph.KindState, "Afghanistan", "")
	legs := [][3]string{{"riga", "russia", "rail"}, {"russia", "kazakhstan", "rail"}, {"kazakhstan", "uzbekistan", "rail"},
		{"uzbekistan", "termez", "rail"}, {"termez", "afghanistan", "road"}}
	// The route itself comes back as a node of its own, as in
	// MATCH (r:Route {id: $route}) ... RETURN r, legs.
	b.recs = append(b.recs, graph.Record{Keys: []string{"r"}, Values: []any{b.nodes["ndn-north"]}})
	for i, l := range legs {
		b.tie(graph.TieTransit, l[0], l[1], map[string]any{"route": "ndn-north", "order": int64(i + 1), "mode": l[2]}, "2009", "2015")
	}
	b.tie(graph.TieLocatedIn, "riga", "russia", nil, "", "") // wrong on purpose: rendering does not judge facts
	b.tie(graph.TieLocatedIn, "termez", "uzbekistan", nil, "", "")
	return b
}

// Names that must come out as text: markup, script, quotes, entities,
// backslashes with Graphviz escape letters, newlines, Cyrillic.
var hostileNames = []string{
	`<script>alert(1)</script>`,
	`"quoted" & <b>bold</b>`,
	`Қазақстан`,
	`back\slash \N \G \\ end\`,
	"two\nlines &amp; 'apos'",
	`<img src=x onerror="alert(2)">`,
}

func hostileFixture() *recBuilder {
	b := newRecs()
	b.node("nato", graph.KindOrganisation, hostileNames[0], "")
	b.node("sco", graph.KindOrganisation, hostileNames[5], "")
	b.node("x1", graph.KindState, hostileNames[1], "")
	b.node("kazakhstan", graph.KindState, hostileNames[2], "")
	b.node(`we"ird id\`, graph.KindState, hostileNames[3], "")
	b.node("x4", graph.KindInitiative, hostileNames[4], "")
	b.tie(graph.TieMemberOf, "kazakhstan", "sco", map[string]any{"role": graph.RoleMember}, "2001", "")
	b.tie(graph.TieMemberOf, "x1", "nato", map[string]any{"role": `<observer & "co">`}, "", "")
	b.tie(graph.TieCooperates, `we"ird id\`, "x4", map[string]any{"field": "</text><script>alert(3)</script>"}, "", "")
	b.tie(graph.TieRivalry, "kazakhstan", `we"ird id\`, nil, "", "")
	return b
}

// allTypesFixture draws every kind and every tie type once, so a style
// missing from a table shows up in the golden file and the legend.
func allTypesFixture() *recBuilder {
	b := newRecs()
	for _, k := range graph.Kinds {
		b.node("a-"+string(k.Kind), k.Kind, "A "+string(k.Kind), "")
		b.node("b-"+string(k.Kind), k.Kind, "B "+string(k.Kind), "")
	}
	for i, t := range graph.TieTypes {
		from := graph.Kinds[i%len(graph.Kinds)].Kind
		to := graph.Kinds[(i+1)%len(graph.Kinds)].Kind
		var attrs map[string]any
		if t.Type == graph.TieTransit {
			attrs = map[string]any{"route": "r", "order": int64(1), "mode": "rail"}
		}
		b.tie(t.Type, "a-"+string(from), "b-"+string(to), attrs, "", "")
	}
	return b
}

func fixtures() []fixture {
	asOf := graph.MustDate("2013-01-01")
	return []fixture{
		{name: "membership-overlap", sg: spheresFixture().subgraph(),
			opts: Options{Title: "Central Asia between NATO, the CSTO and the SCO", AsOf: asOf,
				Sources: []string{"EUCAM Watch 11", "NATO partnership records"}}},
		{name: "membership-tie-labels", sg: spheresFixture().subgraph(),
			opts: Options{Title: "Spheres with tie labels", AsOf: graph.MustDate("2000"), TieLabels: true,
				Metadata: map[string]string{"query": "MATCH p=(s:State)-[r]->(o) RETURN p", "fingerprint": "sha256:abc"}}},
		{name: "ndn-legs", sg: ndnFixture().subgraph(),
			opts: Options{Title: "Northern Distribution Network (northern route)", AsOf: graph.MustDate("2012-06"),
				Sources: []string{"EUCAM Watch 11"}}},
		{name: "hostile", sg: hostileFixture().subgraph(),
			opts: Options{Title: hostileNames[0] + " " + hostileNames[1], TieLabels: true,
				Sources:  []string{hostileNames[3], hostileNames[4]},
				Metadata: map[string]string{"query": `MATCH (n) WHERE n.name = "<x> -- \" & ]]>" RETURN n`}}},
		{name: "all-types", sg: allTypesFixture().subgraph(), opts: Options{Layout: "dot"}},
		// A map: the golden file pins the projection, the positions of
		// markers and names, and the edges' paths.
		{name: "ndn-map", sg: ndnMapFixture().subgraph(),
			opts: Options{Title: "Northern Distribution Network (northern route)", Layout: "geo", Sources: []string{"EUCAM Watch 11"}}},
		// Placed in Go: the golden file pins the positions too.
		{name: "membership-force", sg: spheresFixture().subgraph(),
			opts: Options{Title: "Central Asia between NATO, the CSTO and the SCO", AsOf: asOf, Layout: "force",
				Sources: []string{"EUCAM Watch 11"}}},
	}
}

// synthetic builds a deterministic random subgraph of n nodes and m edges.
func synthetic(n, m int) Subgraph {
	r := rand.New(rand.NewPCG(1, 2))
	var sg Subgraph
	for i := 0; i < n; i++ {
		k := graph.Kinds[r.IntN(len(graph.Kinds))].Kind
		sg.Nodes = append(sg.Nodes, graph.Actor{ID: fmt.Sprintf("n%04d", i), Kind: k, Name: fmt.Sprintf("Actor %d", i)})
	}
	for i := 0; i < m; i++ {
		t := graph.TieTypes[r.IntN(len(graph.TieTypes))].Type
		sg.Edges = append(sg.Edges, graph.Tie{Key: fmt.Sprintf("e%05d", i), Type: t,
			From: sg.Nodes[r.IntN(n)].ID, To: sg.Nodes[r.IntN(n)].ID})
	}
	sg.Sort()
	return sg
}
