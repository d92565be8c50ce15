package render

import (
	"bytes"
	"errors"
	goldenfile "github.com/relmap/relmap/internal/golden"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestDOTGolden(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			got, err := DOT(f.sg, f.opts)
			if err != nil {
				t.Fatal(err)
			}
			goldenfile.Check(t, filepath.Join("testdata", f.name+".dot"), got)
		})
	}
}

// The order of records must not matter: DOT sorts.
func TestDOTDeterministic(t *testing.T) {
	b := spheresFixture()
	a, err := DOT(b.subgraph(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	rev := make([]graph.Record, len(b.recs))
	for i, r := range b.recs {
		rev[len(rev)-1-i] = r
	}
	c, err := DOT(FromRecords(rev), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, c) {
		t.Error("DOT depends on record order")
	}
}

func TestStylesCoverDomain(t *testing.T) {
	for _, k := range graph.Kinds {
		if _, ok := kindStyles[k.Kind]; !ok {
			t.Errorf("actor kind %s has no style in kindStyles", k.Kind)
		}
	}
	if len(kindStyles) != len(graph.Kinds) {
		t.Errorf("kindStyles has %d entries for %d kinds", len(kindStyles), len(graph.Kinds))
	}
	validStyle := map[string]bool{"solid": true, "dashed": true, "dotted": true, "bold": true}
	for _, tt := range graph.TieTypes {
		s, ok := tieStyles[tt.Type]
		if !ok {
			t.Errorf("tie type %s has no style in tieStyles", tt.Type)
			continue
		}
		if !validStyle[s.Style] || s.Colour == "" || s.Arrow == "" || s.Width == "" {
			t.Errorf("tie type %s has an incomplete style %+v", tt.Type, s)
		}
	}
	if len(tieStyles) != len(graph.TieTypes) {
		t.Errorf("tieStyles has %d entries for %d tie types", len(tieStyles), len(graph.TieTypes))
	}
}

func TestSphereColour(t *testing.T) {
	nato := SphereColour("nato")
	for _, id := range []string{"pfp", "ipcp", "parp", "ipap"} {
		if SphereColour(id) != nato {
			t.Errorf("SphereColour(%s) = %q, want NATO's %q", id, SphereColour(id), nato)
		}
	}
	seen := map[string]string{}
	for _, s := range graph.Spheres {
		c := SphereColour(s.Org)
		if c == "" {
			t.Errorf("sphere %s has no colour", s.Org)
		}
		if o, dup := seen[c]; dup {
			t.Errorf("spheres %s and %s share colour %s", o, s.Org, c)
		}
		seen[c] = s.Org
	}
	if c := SphereColour("eu"); c != "" {
		t.Errorf("SphereColour(eu) = %q, want none", c)
	}
}

func TestCollector(t *testing.T) {
	b := spheresFixture()
	kz := b.nodes["kazakhstan"]
	// The same node and tie again, inside a path, a list and a map, and a
	// tie whose end never arrives.
	r := b.recs[0].Values[1].(graph.Relationship)
	ghost := graph.Relationship{ElementID: "5:db:ghost", StartID: kz.ElementID, EndID: "4:db:nowhere", Type: "BORDERS",
		Props: map[string]any{"key": "borders|kazakhstan|nowhere"}}
	noProps := graph.Node{ElementID: "4:db:anon", Labels: []string{"Actor", "Place"}}
	noKey := graph.Relationship{ElementID: "5:db:nokey", StartID: "4:db:anon", EndID: kz.ElementID, Type: "LOCATED_IN",
		Props: map[string]any{"since": "2001-06", "until": graph.MustDate("2010"), "until_precision": "year"}}
	recs := append([]graph.Record{}, b.recs...)
	recs = append(recs,
		graph.Record{Values: []any{graph.Path{Nodes: []graph.Node{kz, b.nodes["csto"]}, Rels: []graph.Relationship{r}}}},
		graph.Record{Values: []any{[]any{kz, r, ghost}, map[string]any{"n": noProps, "r": noKey, "x": int64(3)}}},
	)
	sg := FromRecords(recs)
	if len(sg.Nodes) != 10 {
		t.Errorf("got %d nodes, want 10", len(sg.Nodes))
	}
	if len(sg.Edges) != len(b.recs)+1 {
		t.Errorf("got %d edges, want %d", len(sg.Edges), len(b.recs)+1)
	}
	if sg.Dangling != 1 {
		t.Errorf("Dangling = %d, want 1", sg.Dangling)
	}
	var found bool
	for _, e := range sg.Edges {
		if e.Key == "5:db:nokey" {
			found = true
			if e.Type != graph.TieLocatedIn || e.From != "4:db:anon" || e.To != "kazakhstan" {
				t.Errorf("edge without key: %+v", e)
			}
			if e.Since.String() != "2001-06" || e.Until.String() != "2010" {
				t.Errorf("dates %s..%s, want 2001-06..2010", e.Since, e.Until)
			}
		}
		if e.Type == graph.TieParticipates && e.From == "kazakhstan" {
			if e.Since.String() != "1994-05" {
				t.Errorf("since %s, want the month precision kept: 1994-05", e.Since)
			}
			if e.Attrs["status"] != graph.StatusActive || len(e.Sources) != 1 {
				t.Errorf("attributes or sources lost: %+v", e)
			}
		}
	}
	if !found {
		t.Error("relationship without key was dropped")
	}
	for _, n := range sg.Nodes {
		if n.ID == "4:db:anon" && n.Kind != graph.KindPlace {
			t.Errorf("kind from labels: got %q, want place", n.Kind)
		}
	}
}

func TestMarkers(t *testing.T) {
	d := newDrawing(spheresFixture().subgraph(), Options{})
	want := map[string]string{
		"kazakhstan":   "nato csto sco",
		"kyrgyzstan":   "nato csto sco",
		"uzbekistan":   "nato sco", // suspended from the CSTO
		"turkmenistan": "nato",
	}
	for id, w := range want {
		if got := strings.Join(d.markers[id], " "); got != w {
			t.Errorf("markers of %s = %q, want %q", id, got, w)
		}
	}
	// Before anyone joined, nobody is marked.
	d = newDrawing(spheresFixture().subgraph(), Options{AsOf: graph.MustDate("1990")})
	if len(d.markers) != 0 {
		t.Errorf("markers in 1990: %v", d.markers)
	}
}

// The markers follow graph's sphere rule, as compare's matrix does: an
// observer is drawn (dashed) but not marked, and a suspension drawn beside an
// open membership clears the marker.
func TestMarkersFollowTheSphereRule(t *testing.T) {
	b := spheresFixture()
	b.node("mongolia", graph.KindState, "Mongolia", "")
	b.tie(graph.TieMemberOf, "mongolia", "sco", map[string]any{"role": graph.RoleObserver}, "2004", "")
	b.tie(graph.TieMemberOf, "uzbekistan", "csto", map[string]any{"role": graph.RoleMember}, "2006-08-16", "")
	sg := b.subgraph()
	d := newDrawing(sg, Options{AsOf: graph.MustDate("2013")})
	if got := strings.Join(d.markers["mongolia"], " "); got != "" {
		t.Errorf("an observer is marked: %q", got)
	}
	if got := strings.Join(d.markers["uzbekistan"], " "); got != "nato sco" {
		t.Errorf("suspended beside an open membership: markers %q, want nato sco", got)
	}
	for _, e := range sg.Edges {
		if e.From == "mongolia" && !weakTie(e) {
			t.Error("the observer's tie is not drawn dashed")
		}
	}
}

func TestLegendListsOnlyWhatIsDrawn(t *testing.T) {
	out, err := DOT(ndnFixture().subgraph(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{">transit<", ">located in<", ">route<", ">place<", ">state<"} {
		if !strings.Contains(s, want) {
			t.Errorf("legend lacks %s", want)
		}
	}
	for _, absent := range []string{">member of<", ">organisation<", "sphere<"} {
		if strings.Contains(s, absent) {
			t.Errorf("legend lists %s, which is not drawn", absent)
		}
	}
	if !strings.Contains(s, "label=<3. rail>") {
		t.Error("transit legs are not labelled with order and mode")
	}
}

func TestMembershipWithoutClusters(t *testing.T) {
	out, err := DOT(spheresFixture().subgraph(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("subgraph")) {
		t.Error("membership drawn with subgraphs; spheres overlap and must not be clusters")
	}
	// Membership edges take the colour of their target's sphere.
	for _, c := range []struct{ from, to string }{{"kazakhstan", "csto"}, {"kazakhstan", "sco"}, {"kazakhstan", "pfp"}} {
		re := regexp.MustCompile(`"` + c.from + `" -> "` + c.to + `" \[color="([^"]+)"`)
		m := re.FindSubmatch(out)
		if m == nil || string(m[1]) != SphereColour(c.to) {
			t.Errorf("%s -> %s: colour %q, want %q", c.from, c.to, m, SphereColour(c.to))
		}
	}
}

func TestEscaping(t *testing.T) {
	cases := []struct{ in, html, tip string }{
		{`<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`, `"<script>alert(1)</script>"`},
		{`"q" & <b>`, `&quot;q&quot; &amp; &lt;b&gt;`, `"\"q\" &amp; <b>"`},
		{"a\nb", "a<BR/>b", `"a\nb"`},
		{`x\N\`, `x\\N\\`, `"x⧵N⧵"`},
		{"Қазақстан", "Қазақстан", `"Қазақстан"`},
		{"tab\tbell\a", "tab bell", `"tab bell"`},
	}
	for _, c := range cases {
		if got := htmlText(c.in); got != c.html {
			t.Errorf("htmlText(%q) = %q, want %q", c.in, got, c.html)
		}
		if got := quoteEsc(c.in); got != c.tip {
			t.Errorf("quoteEsc(%q) = %q, want %q", c.in, got, c.tip)
		}
	}
}

func TestDOTRefuses(t *testing.T) {
	_, err := DOT(synthetic(MaxNodes+1, 10), Options{})
	var tl *TooLargeError
	if !errors.As(err, &tl) || tl.Nodes != MaxNodes+1 {
		t.Errorf("over the node limit: %v", err)
	}
	if _, err := DOT(Subgraph{}, Options{Layout: "spring"}); err == nil {
		t.Error("unknown layout accepted")
	}
}

func TestAutoLayout(t *testing.T) {
	for _, c := range []struct {
		sg   Subgraph
		want string
	}{
		{spheresFixture().subgraph(), "dot"},
		{synthetic(100, 150), "neato"},
		{synthetic(400, 600), "force"},
	} {
		if got := AutoLayout(c.sg); got != c.want {
			t.Errorf("AutoLayout(%d nodes) = %s, want %s", len(c.sg.Nodes), got, c.want)
		}
	}
	// A mid-size chain of transit legs keeps dot's ranks.
	chain := synthetic(100, 0)
	for i := 1; i < len(chain.Nodes); i++ {
		chain.Edges = append(chain.Edges, graph.Tie{Key: chain.Nodes[i].ID, Type: graph.TieTransit,
			From: chain.Nodes[i-1].ID, To: chain.Nodes[i].ID})
	}
	if got := AutoLayout(chain); got != "dot" {
		t.Errorf("AutoLayout(transit chain) = %s, want dot", got)
	}
}
