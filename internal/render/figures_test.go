package render

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figcheck"
)

// Every fixture's legend tells the truth about the drawn ties: each entry
// is drawn as its ties are, and each drawn look has an entry.
func TestFixturesLegendTruth(t *testing.T) {
	for _, f := range fixtures() {
		svg := renderFixture(t, f, "svg", "wasm")
		fig, err := figcheck.Parse(svg)
		if err != nil {
			t.Fatal(err)
		}
		r := figcheck.Check(fig)
		if r.LegendTruth() != 1 || r.LegendEntries == 0 {
			t.Errorf("%s: %s", f.name, r)
			for _, p := range r.Problems {
				t.Logf("%s: %s", f.name, p)
			}
		}
	}
}

// Ties of one look between the same two actors are drawn as one edge that
// sums them up; ties that look different stay apart.
func TestParallelTiesMerged(t *testing.T) {
	b := newRecs()
	b.node("kazakhstan", graph.KindState, "Kazakhstan", "")
	b.node("ipap", graph.KindProgramme, "Individual Partnership Action Plan", "IPAP")
	b.node("csto", graph.KindOrganisation, "Collective Security Treaty Organization", "CSTO")
	b.tie(graph.TieIPAP, "kazakhstan", "ipap", map[string]any{"cycle": "2006-2008"}, "2006-01", "2008")
	b.tie(graph.TieIPAP, "kazakhstan", "ipap", map[string]any{"cycle": "2008-2010"}, "2008", "2010")
	b.tie(graph.TieIPAP, "kazakhstan", "ipap", map[string]any{"cycle": "2012-2014"}, "2012-02", "")
	b.tie(graph.TieMemberOf, "kazakhstan", "csto", map[string]any{"role": graph.RoleMember}, "2002", "")
	b.tie(graph.TieMemberOf, "kazakhstan", "csto", map[string]any{"role": graph.RoleObserver}, "1999", "2002")
	dot, err := DOT(b.subgraph(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	if n := strings.Count(s, `"kazakhstan" -> "ipap"`); n != 1 {
		t.Errorf("%d IPAP edges, want 1", n)
	}
	if !strings.Contains(s, "label=<IPAP 2006–…, 3 cycles>") {
		t.Errorf("no summed-up label:\n%s", s)
	}
	if !strings.Contains(s, "2006-01–2008; 2008–2010; 2012-02–") {
		t.Errorf("the tooltip does not list the three periods:\n%s", s)
	}
	// A member and an observer are drawn differently: two edges.
	if n := strings.Count(s, `"kazakhstan" -> "csto"`); n != 2 {
		t.Errorf("%d CSTO edges, want 2", n)
	}
}

// Transit legs of two routes between the same places stay two edges, each
// with its own leg.
func TestParallelLegsNotMerged(t *testing.T) {
	b := newRecs()
	b.node("uzbekistan", graph.KindState, "Uzbekistan", "")
	b.node("termez", graph.KindPlace, "Termez", "")
	b.tie(graph.TieTransit, "uzbekistan", "termez", map[string]any{"route": "ndn-north", "order": int64(4), "mode": "rail"}, "2009", "2015")
	b.tie(graph.TieTransit, "uzbekistan", "termez", map[string]any{"route": "ndn-south", "order": int64(4), "mode": "rail"}, "2009", "2015")
	dot, err := DOT(b.subgraph(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	if n := strings.Count(s, `"uzbekistan" -> "termez"`); n != 2 || !strings.Contains(s, "4. rail (ndn-north)") || !strings.Contains(s, "4. rail (ndn-south)") {
		t.Errorf("want two legs, each labelled:\n%s", s)
	}
}
