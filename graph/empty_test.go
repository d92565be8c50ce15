package graph_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// The empty answers analysts met: the sphere of the EU or of a state, a day
// before any tie. Each is explained; a sound question is not.
func TestExplainEmpty(t *testing.T) {
	ds := seedtest.BuiltIn(t)
	day := graph.MustDate
	for _, c := range []struct {
		name  string
		asked []graph.Asked
		at    graph.Date
		want  string // "" for no explanation
	}{
		{"eu sphere", []graph.Asked{{Param: "org", ID: "eu", Sphere: true}}, day("2012-02-01"),
			"nothing to answer: org: eu (European Union) has no members or partners in the graph; organisations with members: "},
		{"a state's sphere", []graph.Asked{{Param: "org", ID: "kazakhstan", Sphere: true}}, day("2012-02-01"),
			"org: kazakhstan is a state, not an organisation with members"},
		{"unknown id", []graph.Asked{{Param: "id", ID: "nosuch"}}, graph.Date{},
			`id: no actor has the id "nosuch" in the graph`},
		{"before the CSTO", []graph.Asked{{Param: "org", ID: "csto", Sphere: true}}, day("1980"),
			"org: no membership or partnership of csto is in force on 1980: the first begins 1994"},
		{"before any tie", nil, day("1800"), "no tie in the graph is in force on 1800: the first begins "},
		{"nato in 2012", []graph.Asked{{Param: "org", ID: "nato", Sphere: true}}, day("2012-02-01"), ""},
		{"kazakhstan's ties", []graph.Asked{{Param: "id", ID: "kazakhstan"}}, graph.Date{}, ""},
		{"a sound day", nil, day("2012-02-01"), ""},
		// A state where a network's route is meant: it has ties, but no
		// legs to follow.
		{"a state as a network", []graph.Asked{{Param: "network", ID: "kazakhstan", Kind: graph.KindRoute}}, graph.Date{},
			"network: kazakhstan is a state, not a route; routes in the graph: ndn, ndn-north"},
		{"a route as a network", []graph.Asked{{Param: "network", ID: "ndn-north", Kind: graph.KindRoute}}, graph.Date{}, ""},
		{"two at once", []graph.Asked{{Param: "to", ID: "eu", Sphere: true}, {Param: "from", ID: "nosuch"}}, graph.Date{},
			`from: no actor has the id "nosuch" in the graph; to: eu (European Union) has no members or partners`},
	} {
		err := graph.ExplainEmpty(ds, c.asked, c.at)
		if c.want == "" {
			if err != nil {
				t.Errorf("%s: %v, want no explanation", c.name, err)
			}
			continue
		}
		var ee *graph.EmptyError
		if !errors.As(err, &ee) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v\nwant %q", c.name, err, c.want)
		}
	}
	orgs := strings.Join(graph.OrgsWithMembers(ds), ",")
	for _, o := range []string{"csto", "nato", "osce", "sco"} {
		if !strings.Contains(","+orgs+",", ","+o+",") || strings.Contains(orgs, "eu") {
			t.Errorf("OrgsWithMembers: %v", orgs)
		}
	}
}

// A day after every tie ended, and a day in a gap between two ties.
func TestExplainEmptyEnded(t *testing.T) {
	ds := &graph.Dataset{
		Actors: []graph.Actor{{ID: "a", Kind: graph.KindState}, {ID: "o", Kind: graph.KindOrganisation, Name: "O"}},
		Ties: []graph.Tie{
			{Type: graph.TieMemberOf, From: "a", To: "o", Since: graph.MustDate("2000"), Until: graph.MustDate("2005")},
			{Type: graph.TieMemberOf, From: "a", To: "o", Since: graph.MustDate("2010"), Until: graph.MustDate("2012-06")},
		},
	}
	asked := []graph.Asked{{Param: "org", ID: "o", Sphere: true}}
	if err := graph.ExplainEmpty(ds, asked, graph.MustDate("2020")); err == nil ||
		!strings.Contains(err.Error(), "the last ended 2012-06; ask about a day before 2012-06") {
		t.Errorf("after: %v", err)
	}
	if err := graph.ExplainEmpty(ds, asked, graph.MustDate("2007")); err != nil {
		t.Errorf("in a gap the empty answer is the answer: %v", err)
	}
	ds.Ties[0].Since = graph.Date{} // open start: never "before the first"
	if err := graph.ExplainEmpty(ds, asked, graph.MustDate("1900")); err != nil {
		t.Errorf("open start: %v", err)
	}
}
