package views

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/queries"
)

// testData: NATO leads PfP, the IPCP is part of PfP and a science programme
// part of the IPCP; Alphastan holds PfP and takes part in the science
// programme, is an SCO member and borders Betastan; Betastan is an SCO
// observer and was in the IPCP until 2005; a route with a spur.
func testData() *graph.Dataset {
	ds := &graph.Dataset{Name: "t"}
	actor := func(id string, k graph.Kind, name, short, region string) {
		ds.Actors = append(ds.Actors, graph.Actor{ID: id, Kind: k, Name: name, Short: short, Region: region})
	}
	actor("nato", graph.KindOrganisation, "North Atlantic Treaty Organization", "NATO", "")
	actor("sco", graph.KindOrganisation, "Shanghai Cooperation Organisation", "SCO", "")
	actor("pfp", graph.KindProgramme, "Partnership for Peace", "PfP", "")
	actor("ipcp", graph.KindProgramme, "Individual Partnership Cooperation Programme", "IPCP", "")
	actor("sps", graph.KindProgramme, "Science for Peace and Security", "SPS", "")
	actor("alphastan", graph.KindState, "Alphastan", "", graph.RegionCentralAsia)
	actor("betastan", graph.KindState, "Betastan", "", graph.RegionCentralAsia)
	actor("gammaland", graph.KindState, "Gammaland", "", "europe")
	actor("ndn", graph.KindRoute, "Northern Distribution Network", "NDN", "")
	actor("spur", graph.KindRoute, "A spur", "", "")
	actor("port", graph.KindPlace, "Port", "", "")
	tie := func(typ graph.TieType, from, to, attr, since, until string) {
		t := graph.Tie{Type: typ, From: from, To: to, Since: graph.MustDate(since), Until: graph.MustDate(until),
			Sources: []graph.Citation{{Doc: "doc", Section: "s"}}}
		if attr != "" {
			t.Attrs = map[string]string{}
			for _, kv := range strings.Split(attr, ",") {
				k, v, _ := strings.Cut(kv, "=")
				t.Attrs[k] = v
			}
		}
		t.Key = graph.TieKey(t, "")
		ds.Ties = append(ds.Ties, t)
	}
	tie(graph.TieLeads, "nato", "pfp", "", "1994", "")
	tie(graph.TiePartOf, "ipcp", "pfp", "", "2002", "")
	tie(graph.TiePartOf, "sps", "ipcp", "", "2002", "")
	tie(graph.TieParticipates, "alphastan", "pfp", "status=active", "1994", "")
	tie(graph.TieParticipates, "alphastan", "sps", "status=active", "2006", "")
	tie(graph.TieParticipates, "betastan", "ipcp", "status=active", "2002", "2005")
	tie(graph.TieParticipates, "gammaland", "pfp", "status=active", "1994", "")
	tie(graph.TieMemberOf, "alphastan", "sco", "role=member", "2001", "")
	tie(graph.TieMemberOf, "betastan", "sco", "role=observer", "2005", "")
	tie(graph.TieBorders, "alphastan", "betastan", "", "1991", "")
	tie(graph.TiePartOf, "spur", "ndn", "", "2009", "")
	tie(graph.TieTransit, "port", "alphastan", "route=spur,order=1,mode=rail", "2009", "2015")
	ds.Sort()
	return ds
}

func keys(ties []graph.Tie) string {
	var out []string
	for _, t := range ties {
		out = append(out, t.From+">"+t.To)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func states(ds *graph.Dataset, ids ...string) []graph.Actor {
	var out []graph.Actor
	for _, id := range ids {
		a, _ := ds.Actor(id)
		out = append(out, a)
	}
	return out
}

func TestSelections(t *testing.T) {
	ds := testData()
	at := graph.MustDate("2010")
	tests := []struct {
		name, got, want string
	}{
		{"NATO's sphere reaches the science programme three levels down", keys(SphereTies(ds, "nato", at)),
			"alphastan>pfp alphastan>sps gammaland>pfp"},
		{"an ended tie is not in the sphere", keys(SphereTies(ds, "nato", graph.MustDate("2003"))),
			"alphastan>pfp betastan>ipcp gammaland>pfp"},
		{"the SCO's sphere draws every role", keys(SphereTies(ds, "sco", at)), "alphastan>sco betastan>sco"},
		{"legs of the network's spur, in every period", keys(NetworkTies(ds, "ndn")), "port>alphastan"},
		{"the ladder of the region's states", keys(LadderTies(ds, states(ds, "alphastan", "betastan"), graph.NATOLadder, graph.MustDate("2003"))),
			"alphastan>pfp betastan>ipcp"},
		{"neighbourhood, one step", keys(NeighbourhoodTies(ds, "betastan", 1, at)), "alphastan>betastan betastan>sco"},
		{"neighbourhood, two steps", keys(NeighbourhoodTies(ds, "betastan", 2, at)),
			"alphastan>betastan alphastan>pfp alphastan>sco alphastan>sps betastan>sco port>alphastan"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

// A sphere's figure shows why each programme is the organisation's: the
// part_of chain up from every drawn programme, without its citations.
func TestSubgraphFollowsProgrammesUp(t *testing.T) {
	ds := testData()
	v, _ := Get("sphere")
	sg := v.Select(ds, Params{"org": "nato", "at": graph.MustDate("2010")})
	var nodes []string
	for _, n := range sg.Nodes {
		nodes = append(nodes, n.ID)
	}
	if got, want := strings.Join(nodes, " "), "alphastan gammaland ipcp nato pfp sps"; got != want {
		t.Errorf("nodes %q, want %q", got, want)
	}
	if got, want := keys(sg.Edges), "alphastan>pfp alphastan>sps gammaland>pfp ipcp>pfp sps>ipcp"; got != want {
		t.Errorf("edges %q, want %q", got, want)
	}
	for _, e := range sg.Edges {
		if e.Type == graph.TiePartOf && len(e.Sources) > 0 {
			t.Errorf("structure tie %s drawn with citations", e.Key)
		}
	}
}

func TestEveryViewHasAQuestionTitleAndSelection(t *testing.T) {
	ds := testData()
	if got := strings.Join(Names(), " "); got != "ladder map ndn neighbourhood sphere" {
		t.Errorf("Names = %s", got)
	}
	p := Params{"org": "nato", "network": "ndn", "id": "betastan", "region": graph.RegionCentralAsia, "at": graph.MustDate("2010")}
	titles := map[string]string{
		"sphere": "The NATO sphere", "ndn": "The Northern Distribution Network, leg by leg",
		"neighbourhood": "Ties of Betastan", "map": "The Northern Distribution Network over Central Asia and its neighbours", "ladder": "NATO's partnership ladder in Central Asia",
	}
	for _, v := range All {
		if _, ok := queries.Get(v.Query); !ok {
			t.Errorf("view %s: no named question %s", v.Name, v.Query)
		}
		if got := v.Title(ds, p); got != titles[v.Name] {
			t.Errorf("view %s: title %q, want %q", v.Name, got, titles[v.Name])
		}
		if sg := v.Select(ds, p); len(sg.Edges) == 0 {
			t.Errorf("view %s selects nothing", v.Name)
		}
		if got := v.LayoutFor("auto", 10); got != v.Layout {
			t.Errorf("view %s: auto gives %s, want %s", v.Name, got, v.Layout)
		}
		if got := v.LayoutFor("auto", 1000); got != "auto" && v.Layout != "geo" || v.Layout == "geo" && got != "geo" {
			t.Errorf("view %s: a large figure keeps auto, got %s", v.Name, got)
		}
		if got := v.LayoutFor("neato", 10); got != "neato" {
			t.Errorf("view %s: an asked layout is kept, got %s", v.Name, got)
		}
	}
}

func TestComparisonFigure(t *testing.T) {
	ds := testData()
	res, err := compare.Compare(ds, []string{"nato", "sco"}, "", graph.MustDate("2010"))
	if err != nil {
		t.Fatal(err)
	}
	f := Comparison(ds, res)
	if f.Title != "The NATO and SCO spheres in Central Asia" || f.Layout != ComparisonLayout || f.AsOf != res.At {
		t.Errorf("figure %q %s %s", f.Title, f.Layout, f.AsOf)
	}
	// The observer's tie decides its cell and is drawn; the figure marks it
	// outside by the sphere rule.
	if !strings.Contains(keys(f.Graph.Edges), "betastan>sco") {
		t.Errorf("edges %s lack the observer's tie", keys(f.Graph.Edges))
	}
	if c := Caption(f.Graph, []*graph.Dataset{{Documents: []graph.Document{{ID: "doc", Title: "A source", Published: graph.MustDate("2012")}}}}); !slices.Equal(c, []string{"A source (2012)"}) {
		t.Errorf("caption %q", c)
	}
}

func TestResolve(t *testing.T) {
	at := graph.MustDate("2012-02-01")
	p, err := Resolve(Request{View: "sphere", Params: map[string]any{"org": "csto"}, At: at, AtGiven: true})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := queries.Get("view-sphere")
	if p.Cypher != q.Cypher || p.AsOf != at || p.Params["org"] != "csto" || p.Actors["org"] != "csto" {
		t.Errorf("plan %+v", p)
	}
	p, err = Resolve(Request{Cypher: "MATCH (n) RETURN n", At: at, AtGiven: true})
	if err != nil || p.Title != "Custom query" || p.Params["at"] != at || p.AsOf != at {
		t.Errorf("custom Cypher: %+v, %v", p, err)
	}
	for _, r := range []Request{
		{View: "sphere", Named: "view-sphere"},
		{View: "nowhere"},
		{View: "sphere", Depth: 2, DepthGiven: true},
		{View: "neighbourhood", Depth: 3, DepthGiven: true},
		{View: "ndn", AtGiven: true, At: at},
		{View: "sphere", Cypher: "MATCH (n) RETURN n"},
		{Named: "no-such-question"},
		{View: "sphere", Params: map[string]any{"colour": "blue"}},
		{},
	} {
		var bad *RequestError
		if _, err := Resolve(r); !errors.As(err, &bad) {
			t.Errorf("%+v: error %v, want a RequestError", r, err)
		}
	}
	// A refusal names the view as it was asked for: the map and ndn views
	// share the question view-ndn, a name the user never typed.
	for _, c := range []struct {
		r    Request
		want string
	}{
		{Request{View: "map", AtGiven: true, At: at}, "--view map draws every period and takes no --at; leave --at out"},
		{Request{View: "ndn", Params: map[string]any{"org": "nato"}}, "--view ndn: has no parameter org; it takes network (actor)"},
		{Request{Named: "members-at", Params: map[string]any{"colour": "blue"}}, "--named members-at: has no parameter colour; it takes org"},
		{Request{Named: "members-at", Params: map[string]any{"at": "yesterday"}}, "--named members-at: parameter at: date \"yesterday\""},
	} {
		if _, err := Resolve(c.r); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%+v: %v\nwant %q", c.r, err, c.want)
		}
	}
}
