package itest

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

// The named questions asked of the built-in dataset, with answers taken from
// the source document (EUCAM Watch No. 11, early 2012) and, where a case says
// so, from the general-reference records the seed files cite. Each case's
// name starts with the section its expectation comes from.

// querySourceDate is the source's date: the day "today" stands for, so every
// time question defaults to the picture the source describes.
var querySourceDate = graph.MustDate("2012-02-01")

// The sections of the source document, as the seed files cite them.
var querySourceSections = []string{
	"Editorial",
	"Interview Q1", "Interview Q2", "Interview Q3", "Interview Q4", "Interview Q5",
	"Interview Q6", "Interview Q7", "Interview Q8", "Interview Q9",
	"Cooley, NDN and New Silk Road",
	"Laruelle & Peyrouse, NATO, CSTO and SCO",
}

var centralAsia = []string{"kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan"}

// qResult is a named query's answer: its columns and one map per row.
type qResult struct {
	Keys []string
	Rows []map[string]any
}

// col returns the column's values, as text, in row order.
func (r qResult) col(name string) []string {
	out := make([]string, len(r.Rows))
	for i, row := range r.Rows {
		out[i] = output.Text(row[name])
	}
	return out
}

// where returns the rows whose columns have the given values (as text):
// where("role", "member", "member", "kazakhstan").
func (r qResult) where(pairs ...string) []map[string]any {
	var out []map[string]any
	for _, row := range r.Rows {
		ok := true
		for i := 0; i+1 < len(pairs); i += 2 {
			if output.Text(row[pairs[i]]) != pairs[i+1] {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, row)
		}
	}
	return out
}

// one returns the single row matching pairs, failing the test otherwise.
func (r qResult) one(t *testing.T, pairs ...string) map[string]any {
	t.Helper()
	rows := r.where(pairs...)
	if len(rows) != 1 {
		t.Fatalf("want one row with %v, got %d of %d rows: %v", pairs, len(rows), len(r.Rows), r.Rows)
	}
	return rows[0]
}

// qStrings reads a list value as text.
func qStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = output.Text(x)
	}
	return out
}

func qHasAll(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: %s missing from %v", what, w, got)
		}
	}
}

func qHasNone(t *testing.T, what string, got []string, not ...string) {
	t.Helper()
	for _, n := range not {
		if slices.Contains(got, n) {
			t.Errorf("%s: %s present in %v", what, n, got)
		}
	}
}

func qSameSet(t *testing.T, what string, got []string, want ...string) {
	t.Helper()
	g := slices.Clone(got)
	w := slices.Clone(want)
	sort.Strings(g)
	sort.Strings(w)
	if !slices.Equal(slices.Compact(g), slices.Compact(w)) {
		t.Errorf("%s: got %v, want %v", what, g, w)
	}
}

// qGraph is the graph values of a view query's records, checked to be the Go
// types of package graph.
type qGraph struct {
	nodes map[string]graph.Node // by element id
	rels  []graph.Relationship
	paths []graph.Path
}

// qEdge is a relationship by its ends' actor ids.
type qEdge struct {
	From, To, Type string
	Props          map[string]any
}

func (e qEdge) String() string { return e.From + "-" + e.Type + "->" + e.To }

func graphOf(t *testing.T, r qResult) qGraph {
	t.Helper()
	g := qGraph{nodes: map[string]graph.Node{}}
	for _, row := range r.Rows {
		for _, k := range r.Keys {
			switch x := row[k].(type) {
			case graph.Node:
				g.nodes[x.ElementID] = x
			case graph.Relationship:
				g.rels = append(g.rels, x)
			case graph.Path:
				// A path alternates nodes and relationships in walking order,
				// even when it comes back to a node it has passed.
				if len(x.Rels) == 0 || len(x.Nodes) != len(x.Rels)+1 {
					t.Errorf("path with %d nodes and %d relationships", len(x.Nodes), len(x.Rels))
				}
				for i, r := range x.Rels {
					a, b := x.Nodes[i].ElementID, x.Nodes[i+1].ElementID
					if !(r.StartID == a && r.EndID == b) && !(r.StartID == b && r.EndID == a) {
						t.Errorf("path step %d: relationship %s does not join %s and %s", i, r.Type, a, b)
					}
				}
				g.paths = append(g.paths, x)
				for _, n := range x.Nodes {
					g.nodes[n.ElementID] = n
				}
				g.rels = append(g.rels, x.Rels...)
			default:
				t.Fatalf("column %s holds %T, want graph.Node, graph.Relationship or graph.Path", k, row[k])
			}
		}
	}
	return g
}

func (g qGraph) ids() []string {
	var out []string
	for _, n := range g.nodes {
		out = append(out, output.Text(n.Props["id"]))
	}
	return out
}

func (g qGraph) edges(t *testing.T) []qEdge {
	t.Helper()
	var out []qEdge
	for _, r := range g.rels {
		a, ok1 := g.nodes[r.StartID]
		b, ok2 := g.nodes[r.EndID]
		if !ok1 || !ok2 {
			t.Fatalf("relationship %s has an end that is not among the returned nodes", r.Type)
		}
		out = append(out, qEdge{output.Text(a.Props["id"]), output.Text(b.Props["id"]), r.Type, r.Props})
	}
	return out
}

func edgeNames(es []qEdge, typ string) []string {
	var out []string
	for _, e := range es {
		if typ == "" || e.Type == typ {
			out = append(out, e.String())
		}
	}
	return out
}

// qCase is one question asked with its parameters and the answer expected.
type qCase struct {
	query  string
	name   string // "[SECTION] what the answer shows"
	params map[string]any
	check  func(t *testing.T, r qResult)
}

// qp builds parameters from name, value pairs.
func qp(kv ...any) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

var queryCases = []qCase{
	// actor-ties
	{"actor-ties", "[Interview Q4] Kazakhstan's third IPAP cycle (2012-2013) is still to be finalised, the first has ended", qp("id", "kazakhstan"),
		func(t *testing.T, r qResult) {
			third := r.one(t, "type", "HAS_IPAP", "other", "ipap", "attributes", "cycle=2012-2013")
			if third["in_force"] != false || third["direction"] != "out" || third["since"] != "2012-03" {
				t.Errorf("third cycle: %v", third)
			}
			if first := r.one(t, "type", "HAS_IPAP", "attributes", "cycle=2006-2008"); first["in_force"] != false {
				t.Errorf("first cycle in force on %s: %v", querySourceDate, first)
			}
		}},
	{"actor-ties", "[Laruelle & Peyrouse, NATO, CSTO and SCO] Kazakhstan hosts Steppe Eagle and is a CSTO member", qp("id", "kazakhstan"),
		func(t *testing.T, r qResult) {
			r.one(t, "type", "HOSTS", "direction", "out", "other", "steppe-eagle", "in_force", "true")
			r.one(t, "type", "MEMBER_OF", "other", "csto", "attributes", "role=member", "in_force", "true")
		}},
	{"actor-ties", "[Interview Q8] Tajikistan joined PfP in 2002; Rahmon's 2009 visit is over by the source's date", qp("id", "tajikistan"),
		func(t *testing.T, r qResult) {
			r.one(t, "type", "PARTICIPATES_IN", "other", "pfp", "since", "2002-02-20", "in_force", "true")
			r.one(t, "type", "CONSULTS", "direction", "out", "other", "nato", "since", "2009-02", "in_force", "false")
			r.one(t, "type", "RIVALS", "direction", "in", "other", "uzbekistan")
		}},

	// actors-by-kind
	{"actors-by-kind", "[Interview Q1] the programmes include PfP, IPCP, PARP and IPAP", qp("kind", "programme"),
		func(t *testing.T, r qResult) {
			qHasAll(t, "programmes", r.col("id"), "pfp", "ipcp", "parp", "ipap", "sps", "civil-emergency-planning", "pap-t")
			qHasNone(t, "programmes", r.col("id"), "nato", "kazakhstan")
		}},
	{"actors-by-kind", "[Editorial] the five Central Asian republics", qp("kind", "state", "region", "central-asia"),
		func(t *testing.T, r qResult) {
			if !slices.Equal(r.col("id"), centralAsia) {
				t.Errorf("states of central-asia, by id: %v, want %v", r.col("id"), centralAsia)
			}
			for _, row := range r.Rows {
				if n, _ := row["ties"].(int64); n == 0 {
					t.Errorf("%v has no ties", row["id"])
				}
			}
		}},
	{"actors-by-kind", "[Laruelle & Peyrouse, NATO, CSTO and SCO] the three organisations are organisations", qp("kind", "organisation"),
		func(t *testing.T, r qResult) {
			qHasAll(t, "organisations", r.col("id"), "nato", "csto", "sco", "eu", "osce")
			r.one(t, "id", "csto", "short", "CSTO")
		}},

	// changed-between
	{"changed-between", "[CSTO membership record] Uzbekistan's CSTO suspension in 2012", qp("from", "2011-01-01", "to", "2013-01-01", "id", "uzbekistan"),
		func(t *testing.T, r qResult) {
			r.one(t, "date", "2012-06-28", "change", "ended", "type", "MEMBER_OF", "to_actor", "csto", "attributes", "role=member")
			r.one(t, "date", "2012-06-28", "change", "began", "type", "MEMBER_OF", "to_actor", "csto", "attributes", "role=suspended")
			r.one(t, "date", "2012-12-19", "change", "ended", "type", "MEMBER_OF", "to_actor", "csto", "attributes", "role=suspended")
			for _, row := range r.Rows {
				if row["from_actor"] != "uzbekistan" && row["to_actor"] != "uzbekistan" {
					t.Errorf("a change not of uzbekistan: %v", row)
				}
			}
		}},
	{"changed-between", "[Cooley, NDN and New Silk Road] the Uzbek-Tajik rail spur blown up in November 2011", qp("from", "2011-01-01", "to", "2013-01-01", "id", "uzbekistan"),
		func(t *testing.T, r qResult) {
			r.one(t, "date", "2011-11", "change", "ended", "type", "TRANSIT_LEG", "to_actor", "tajikistan")
			dates := r.col("date")
			if !slices.IsSortedFunc(dates, func(a, b string) int { return strings.Compare(a[:4], b[:4]) }) {
				t.Errorf("changes not in date order: %v", dates)
			}
		}},
	{"changed-between", "[CSTO membership record] a change on the from day is not in the window", qp("from", "2012-06-28", "to", "2012-12-19", "id", "uzbekistan"),
		func(t *testing.T, r qResult) {
			if len(r.Rows) != 1 {
				t.Fatalf("want only the end of the suspension, got %v", r.Rows)
			}
			r.one(t, "date", "2012-12-19", "change", "ended", "attributes", "role=suspended")
		}},
	{"changed-between", "[Interview Q4] the third IPAP cycle, to be finalised in February 2012, is in force from March", qp("from", "2012-01-01", "to", "2012-06-01", "id", "kazakhstan"),
		func(t *testing.T, r qResult) {
			r.one(t, "date", "2012-03", "change", "began", "type", "HAS_IPAP", "attributes", "cycle=2012-2013")
		}},

	// hosts
	{"hosts", "[Laruelle & Peyrouse, NATO, CSTO and SCO] Kazakhstan hosts the Steppe Eagle exercises", qp("host", "kazakhstan"),
		func(t *testing.T, r qResult) {
			row := r.one(t, "hosted", "steppe-eagle")
			if !strings.Contains(output.Text(row["what"]), "anti-terrorism") || row["hosted_kind"] != "initiative" {
				t.Errorf("steppe-eagle: %v", row)
			}
			qSameSet(t, "hosted by kazakhstan", r.col("host"), "kazakhstan")
		}},
	{"hosts", "[Cooley, NDN and New Silk Road] Uzbekistan is the NDN hub; [Editorial] Brussels hosts NATO and the EU", nil,
		func(t *testing.T, r qResult) {
			r.one(t, "host", "uzbekistan", "hosted", "ndn", "what", "transit hub")
			r.one(t, "host", "brussels", "hosted", "nato")
			r.one(t, "host", "brussels", "hosted", "eu")
			qHasNone(t, "hosted on "+querySourceDate.String(), r.col("hosted"), "nato-chicago-summit-2012", "nato-lisbon-summit-2010")
		}},

	// members-at
	{"members-at", "[Laruelle & Peyrouse, NATO, CSTO and SCO] CSTO members in early 2012, without Turkmenistan", qp("org", "csto"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "csto members", r.col("member"), "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "russia", "armenia", "belarus")
			qSameSet(t, "roles", r.col("role"), "member")
			qHasNone(t, "csto members", r.col("member"), "turkmenistan")
		}},
	{"members-at", "[CSTO membership record] Uzbekistan suspended in September 2012", qp("org", "csto", "at", "2012-09-01"),
		func(t *testing.T, r qResult) {
			r.one(t, "member", "uzbekistan", "role", "suspended", "since", "2012-06-28")
			if len(r.where("role", "member")) != 6 {
				t.Errorf("members: %v", r.where("role", "member"))
			}
		}},
	{"members-at", "[CSTO membership record] Uzbekistan gone by 2013", qp("org", "csto", "at", "2013-01-01"),
		func(t *testing.T, r qResult) {
			qHasNone(t, "csto members", r.col("member"), "uzbekistan", "turkmenistan")
			qHasAll(t, "csto members", r.col("member"), "kazakhstan", "kyrgyzstan", "tajikistan", "russia")
		}},
	{"members-at", "[Interview Q6] the 28 NATO Allies of 28+5+1", qp("role", "member"),
		func(t *testing.T, r qResult) {
			if len(r.Rows) != 28 {
				t.Errorf("nato members: %d, want 28", len(r.Rows))
			}
			qHasAll(t, "nato members", r.col("member"), "united-states", "turkey", "poland")
			qHasNone(t, "nato members", r.col("member"), centralAsia...)
		}},
	{"members-at", "[Laruelle & Peyrouse, NATO, CSTO and SCO] SCO members, Uzbekistan in and Turkmenistan out", qp("org", "sco", "role", "member"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "sco members", r.col("member"), "china", "russia", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")
		}},
	{"members-at", "[SCO membership record] SCO observers in early 2012", qp("org", "sco", "role", "observer"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "sco observers", r.col("member"), "india", "iran", "mongolia", "pakistan")
		}},

	// multi-sphere
	{"multi-sphere", "[Laruelle & Peyrouse, NATO, CSTO and SCO] four republics in all three spheres, Turkmenistan in none but NATO's", qp("region", "central-asia"),
		func(t *testing.T, r qResult) {
			if !slices.Equal(r.col("state"), []string{"kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan"}) {
				t.Errorf("states in two or more spheres: %v", r.col("state"))
			}
			qSameSet(t, "spheres", r.col("spheres"), "3")
		}},
	{"multi-sphere", "[Editorial] all five take part in PfP: Turkmenistan is in NATO's sphere only", qp("region", "central-asia", "min", int64(1)),
		func(t *testing.T, r qResult) {
			qSameSet(t, "states in a sphere", r.col("state"), centralAsia...)
			r.one(t, "state", "turkmenistan", "spheres", "1", "nato", "true", "csto", "false", "sco", "false")
		}},
	{"multi-sphere", "[CSTO membership record] Uzbekistan out of the CSTO sphere in 2013", qp("region", "central-asia", "at", "2013-01-01"),
		func(t *testing.T, r qResult) {
			r.one(t, "state", "uzbekistan", "spheres", "2", "nato", "true", "csto", "false", "sco", "true")
		}},

	// ndn-legs
	{"ndn-legs", "[Cooley, NDN and New Silk Road] the main route: Baltic ports, Russia, Kazakhstan, Uzbekistan, Termez-Hairaton", qp("route", "ndn-north", "at", "2012-02-01"),
		func(t *testing.T, r qResult) {
			checkRoute(t, r, "baltic-ports", "russia", "kazakhstan", "uzbekistan", "termez", "hairaton")
			qSameSet(t, "modes", r.col("mode")[:4], "rail")
		}},
	{"ndn-legs", "[Cooley, NDN and New Silk Road] the South spur: Poti, Azerbaijan, ferry to Aktau, trucks", qp("route", "ndn-south"),
		func(t *testing.T, r qResult) {
			checkRoute(t, r, "poti", "azerbaijan", "aktau", "uzbekistan", "termez", "hairaton")
			r.one(t, "leg", "2", "mode", "ferry")
			r.one(t, "leg", "3", "mode", "road")
		}},
	{"ndn-legs", "[Cooley, NDN and New Silk Road] the network: three routes, not the Uzbek-Tajik rail spur", nil,
		func(t *testing.T, r qResult) {
			qSameSet(t, "routes", r.col("route"), "ndn-north", "ndn-south", "ndn-tajik-kyrgyz-spur")
			r.one(t, "route", "ndn-tajik-kyrgyz-spur", "origin", "kyrgyzstan", "destination", "tajikistan", "mode", "road")
			if !slices.IsSorted(r.col("route")) {
				t.Errorf("not ordered by route: %v", r.col("route"))
			}
		}},
	{"ndn-legs", "[Cooley, NDN and New Silk Road] the rail spur blown up in November 2011 carries nothing in December", qp("network", "uzbek-tajik-rail-spur", "at", "2011-12-01"),
		func(t *testing.T, r qResult) {
			if len(r.Rows) != 0 {
				t.Errorf("legs in force: %v", r.Rows)
			}
		}},

	// no-ties
	{"no-ties", "[Interview Q3] NATO has no official ties with the CSTO or the SCO", nil,
		func(t *testing.T, r qResult) {
			if got := fmt.Sprint(r.col("actor_a"), r.col("actor_b")); got != "[csto nato] [nato sco]" {
				t.Errorf("pairs (a, b): %s, want csto-nato and nato-sco", got)
			}
			for _, row := range r.Rows {
				qHasAll(t, "sources", citedSections(row["sources"], "eucam-watch-11"), "Interview Q3")
			}
		}},

	// org-overlap
	{"org-overlap", "[Laruelle & Peyrouse, NATO, CSTO and SCO] the CSTO and SCO share four republics and Russia", nil,
		func(t *testing.T, r qResult) {
			row := r.one(t, "org_a", "csto", "org_b", "sco")
			if !slices.Equal(qStrings(row["members"]), []string{"kazakhstan", "kyrgyzstan", "russia", "tajikistan", "uzbekistan"}) || row["shared"] != int64(5) {
				t.Errorf("csto-sco: %v", row)
			}
			// The OSCE, whose participating states include NATO's allies and
			// Central Asia, overlaps with everyone; among the spheres the
			// CSTO and SCO overlap most.
			for _, row := range r.Rows {
				if row["org_a"] == "osce" || row["org_b"] == "osce" {
					continue
				}
				if row["org_a"] != "csto" || row["org_b"] != "sco" {
					t.Errorf("the largest overlap of the spheres is not first: %v", row)
				}
				break
			}
			if len(r.where("org_a", "csto", "org_b", "nato")) > 0 || len(r.where("org_a", "nato", "org_b", "sco")) > 0 {
				t.Error("NATO shares a member with the CSTO or the SCO")
			}
		}},
	{"org-overlap", "[CSTO membership record] without Uzbekistan in 2013", qp("at", "2013-01-01"),
		func(t *testing.T, r qResult) {
			row := r.one(t, "org_a", "csto", "org_b", "sco")
			qSameSet(t, "csto-sco", qStrings(row["members"]), "kazakhstan", "kyrgyzstan", "russia", "tajikistan")
		}},

	// partnership-depth
	{"partnership-depth", "[Interview Q4] only Kazakhstan has an IPAP", nil,
		func(t *testing.T, r qResult) {
			r.one(t, "state", "kazakhstan", "level", "4", "deepest", "IPAP")
			if len(r.where("deepest", "IPAP")) != 1 || r.Rows[0]["state"] != "kazakhstan" {
				t.Errorf("IPAP holders: %v", r.where("deepest", "IPAP"))
			}
			qHasAll(t, "sources", citedSections(r.Rows[0]["sources"], "eucam-watch-11"), "Interview Q4")
		}},
	{"partnership-depth", "[Interview Q2] Kyrgyzstan and Uzbekistan in PARP; Tajikistan only interested", nil,
		func(t *testing.T, r qResult) {
			r.one(t, "state", "kyrgyzstan", "level", "3", "deepest", "PARP")
			r.one(t, "state", "uzbekistan", "level", "3", "deepest", "PARP")
			taj := r.one(t, "state", "tajikistan")
			qHasNone(t, "tajikistan's programmes", qStrings(taj["programmes"]), "PARP")
		}},
	{"partnership-depth", "[Interview Q1] Tajikistan and Turkmenistan at IPCP", nil,
		func(t *testing.T, r qResult) {
			r.one(t, "state", "tajikistan", "level", "2", "deepest", "IPCP")
			r.one(t, "state", "turkmenistan", "level", "2", "deepest", "IPCP")
		}},
	{"partnership-depth", "[Editorial] all five republics in PfP, deepest first", nil,
		func(t *testing.T, r qResult) {
			want := []string{"kazakhstan", "kyrgyzstan", "uzbekistan", "tajikistan", "turkmenistan"}
			if !slices.Equal(r.col("state"), want) {
				t.Errorf("order: %v, want %v", r.col("state"), want)
			}
			for _, row := range r.Rows {
				qHasAll(t, output.Text(row["state"]), qStrings(row["programmes"]), "PfP", "IPCP")
			}
		}},

	// presence
	{"presence", "[Editorial] EU delegations in Kazakhstan, Kyrgyzstan and Tajikistan, Uzbekistan's being opened", qp("actor", "eu"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "eu delegations", r.col("place"), "kazakhstan", "kyrgyzstan", "tajikistan")
			qSameSet(t, "forms", r.col("form"), "EU delegation")
		}},
	{"presence", "[EU diplomatic record] EU delegations in all five states today", qp("actor", "eu", "at", "2026-12-04"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "eu delegations", r.col("place"), "kazakhstan", "kyrgyzstan", "tajikistan", "turkmenistan", "uzbekistan")
		}},
	{"presence", "[Editorial] NATO has only a liaison officer and allied embassies", qp("actor", "nato"),
		func(t *testing.T, r qResult) {
			r.one(t, "place", "astana", "form", "liaison officer")
			qSameSet(t, "nato's forms", r.col("form"), "liaison officer", "contact point embassy")
		}},
	{"presence", "[Editorial] US and Turkish embassies in Turkmenistan, no EU delegation", qp("where", "turkmenistan"),
		func(t *testing.T, r qResult) {
			qHasAll(t, "present in turkmenistan", r.col("actor"), "united-states", "turkey")
			qHasNone(t, "present in turkmenistan", r.col("actor"), "eu")
		}},

	// rivalries
	{"rivalries", "[Cooley, NDN and New Silk Road] Uzbek-Tajik border tensions", nil,
		func(t *testing.T, r qResult) {
			row := r.one(t, "actor_a", "tajikistan", "actor_b", "uzbekistan")
			qHasAll(t, "sources", citedSections(row["sources"], "eucam-watch-11"), "Cooley, NDN and New Silk Road")
		}},
	{"rivalries", "[Laruelle & Peyrouse, NATO, CSTO and SCO] the CSTO and SCO are not NATO's direct rivals", nil,
		func(t *testing.T, r qResult) {
			for _, row := range r.Rows {
				pair := output.Text(row["actor_a"]) + "-" + output.Text(row["actor_b"])
				if pair == "csto-nato" || pair == "nato-sco" {
					t.Errorf("rivalry %s", pair)
				}
			}
		}},

	// shortest-path
	{"shortest-path", "[Laruelle & Peyrouse, NATO, CSTO and SCO] Kazakhstan is one tie from the CSTO", nil,
		func(t *testing.T, r qResult) {
			if len(r.Rows) != 1 {
				t.Fatalf("want one path, got %v", r.Rows)
			}
			row := r.Rows[0]
			if row["hops"] != int64(1) || !slices.Equal(qStrings(row["ties"]), []string{"MEMBER_OF"}) {
				t.Errorf("path: %v", row)
			}
			p, ok := row["path"].(graph.Path)
			if !ok {
				t.Fatalf("path is %T, want graph.Path", row["path"])
			}
			if len(p.Nodes) != 2 || p.Nodes[0].Props["id"] != "kazakhstan" || p.Nodes[1].Props["id"] != "csto" {
				t.Errorf("path nodes: %v", p.Nodes)
			}
		}},
	{"shortest-path", "[Interview Q3] no official NATO-CSTO tie: the one direct tie is NATO's criticism of the CSTO", qp("from", "nato", "to", "csto"),
		func(t *testing.T, r qResult) {
			if len(r.Rows) == 0 {
				t.Fatal("no path")
			}
			for _, row := range r.Rows {
				ties := qStrings(row["ties"])
				if row["hops"] != int64(1) || !slices.Equal(ties, []string{"CRITICISES"}) {
					t.Errorf("path %v: %v", row["hops"], ties)
				}
			}
		}},
	{"shortest-path", "[Laruelle & Peyrouse, NATO, CSTO and SCO] Turkmenistan is no CSTO member: two ties away", qp("from", "turkmenistan"),
		func(t *testing.T, r qResult) {
			qSameSet(t, "hops", r.col("hops"), "2")
		}},

	// source-says
	{"source-says", "[all sections] every tie returned cites EUCAM Watch 11, in one of its sections", nil,
		func(t *testing.T, r qResult) {
			if len(r.Rows) < 100 {
				t.Errorf("only %d ties cite the source", len(r.Rows))
			}
			for _, row := range r.Rows {
				ev := qStrings(row["evidence"])
				if len(ev) == 0 {
					t.Errorf("no evidence: %v", row)
				}
				for _, e := range ev {
					sec, _, _ := strings.Cut(e, ": ")
					if !slices.Contains(querySourceSections, sec) {
						t.Errorf("%v %v %v cites section %q, not one of the source's", row["from_actor"], row["type"], row["to_actor"], sec)
					}
				}
			}
			r.one(t, "from_actor", "uzbekistan", "type", "RIVALS", "to_actor", "tajikistan")
			r.one(t, "from_actor", "united-states", "type", "SUPPORTS", "to_actor", "tapi")
			// Ties from general reference alone are not the source's.
			if len(r.where("from_actor", "armenia", "type", "MEMBER_OF", "to_actor", "csto")) > 0 {
				t.Error("Armenia's CSTO membership cites only general reference")
			}
			if len(r.where("from_actor", "kazakhstan", "type", "BORDERS", "to_actor", "russia")) > 0 {
				t.Error("the Kazakh-Russian border cites only general reference")
			}
		}},
	{"source-says", "[Interview Q8] what the source says of Tajikistan", qp("id", "tajikistan"),
		func(t *testing.T, r qResult) {
			for _, row := range r.Rows {
				if row["from_actor"] != "tajikistan" && row["to_actor"] != "tajikistan" {
					t.Errorf("not a tie of tajikistan: %v", row)
				}
			}
			row := r.one(t, "from_actor", "tajikistan", "type", "PARTICIPATES_IN", "to_actor", "pfp")
			qHasAll(t, "pfp evidence sections", sectionsOf(qStrings(row["evidence"])), "Interview Q8", "Editorial")
			r.one(t, "from_actor", "tajikistan", "to_actor", "parp", "attributes", "status=interested")
		}},
	{"source-says", "[CSTO membership record] general reference dates the Uzbek suspension", qp("doc", "general-reference", "id", "uzbekistan"),
		func(t *testing.T, r qResult) {
			r.one(t, "from_actor", "uzbekistan", "to_actor", "csto", "attributes", "role=suspended", "since", "2012-06-28")
		}},

	// sources-list
	{"sources-list", "[Page footer, EUCAM Watch No. 11] the source and the general reference", nil,
		func(t *testing.T, r qResult) {
			qSameSet(t, "documents", r.col("doc"), "eucam-watch-11", "general-reference")
			row := r.one(t, "doc", "eucam-watch-11", "published", "2012", "kind", "document")
			if !strings.Contains(output.Text(row["title"]), "EUCAM Watch No. 11") || !strings.Contains(output.Text(row["publisher"]), "EUCAM") {
				t.Errorf("eucam-watch-11: %v", row)
			}
			for _, row := range r.Rows {
				ties, _ := row["ties"].(int64)
				cites, _ := row["citations"].(int64)
				if ties == 0 || cites < ties {
					t.Errorf("%v: %d ties, %d citations", row["doc"], ties, cites)
				}
			}
		}},

	// supporters-opponents
	{"supporters-opponents", "[Cooley, NDN and New Silk Road] TAPI: the US supports, China and Russia oppose", nil,
		func(t *testing.T, r qResult) {
			got := fmt.Sprint(r.col("stance"), r.col("actor"))
			if want := "[supports opposes opposes] [united-states china russia]"; got != want {
				t.Errorf("stances: %s, want %s", got, want)
			}
		}},

	// view-ladder
	{"view-ladder", "[Interview Q4] the ladder: IPAP for Kazakhstan only, PARP interest for Tajikistan", nil,
		func(t *testing.T, r qResult) {
			g := graphOf(t, r)
			es := g.edges(t)
			qSameSet(t, "HAS_IPAP", edgeNames(es, "HAS_IPAP"), "kazakhstan-HAS_IPAP->ipap")
			qSameSet(t, "PART_OF", edgeNames(es, "PART_OF"), "ipcp-PART_OF->pfp", "parp-PART_OF->pfp", "ipap-PART_OF->pfp")
			for _, e := range es {
				if e.Type == "PARTICIPATES_IN" && e.From == "tajikistan" && e.To == "parp" && e.Props["status"] != "interested" {
					t.Errorf("tajikistan-parp: %v", e.Props)
				}
			}
			qHasAll(t, "PARTICIPATES_IN", edgeNames(es, "PARTICIPATES_IN"),
				"kazakhstan-PARTICIPATES_IN->pfp", "turkmenistan-PARTICIPATES_IN->ipcp", "uzbekistan-PARTICIPATES_IN->parp",
				"kyrgyzstan-PARTICIPATES_IN->parp", "tajikistan-PARTICIPATES_IN->parp")
		}},

	// view-ndn
	{"view-ndn", "[Cooley, NDN and New Silk Road] the network's legs as nodes and relationships", nil,
		func(t *testing.T, r qResult) {
			for _, row := range r.Rows {
				o, ok1 := row["origin"].(graph.Node)
				l, ok2 := row["leg"].(graph.Relationship)
				d, ok3 := row["destination"].(graph.Node)
				if !ok1 || !ok2 || !ok3 {
					t.Fatalf("row types %T %T %T, want graph.Node, graph.Relationship, graph.Node", row["origin"], row["leg"], row["destination"])
				}
				if l.StartID != o.ElementID || l.EndID != d.ElementID || l.Type != "TRANSIT_LEG" {
					t.Errorf("leg %v does not join its row's origin and destination", l)
				}
			}
			es := graphOf(t, r).edges(t)
			qHasAll(t, "legs", edgeNames(es, ""), "baltic-ports-TRANSIT_LEG->russia", "azerbaijan-TRANSIT_LEG->aktau",
				"termez-TRANSIT_LEG->hairaton", "kyrgyzstan-TRANSIT_LEG->tajikistan")
			for _, e := range es {
				if e.Props["route"] == "uzbek-tajik-rail-spur" {
					t.Errorf("the Uzbek-Tajik rail spur is not part of the NDN: %v", e)
				}
			}
			if len(r.Rows) != 11 {
				t.Errorf("%d legs, want 11 (5 north, 5 south, 1 Tajik-Kyrgyz)", len(r.Rows))
			}
		}},

	// view-neighbourhood
	{"view-neighbourhood", "[Laruelle & Peyrouse, NATO, CSTO and SCO] Kazakhstan's ties: CSTO, SCO, IPAP, Steppe Eagle", nil,
		func(t *testing.T, r qResult) {
			g := graphOf(t, r)
			for _, p := range g.paths {
				if len(p.Rels) != 1 || p.Nodes[0].Props["id"] != "kazakhstan" {
					t.Errorf("path of %d ties from %v", len(p.Rels), p.Nodes[0].Props["id"])
				}
			}
			qHasAll(t, "neighbours", g.ids(), "csto", "sco", "ipap", "pfp", "steppe-eagle", "nato", "eu")
			for _, e := range g.edges(t) {
				if e.Type == "HAS_IPAP" && e.Props["cycle"] == "2006-2008" {
					t.Error("the first IPAP cycle is not in force in 2012")
				}
			}
		}},
	{"view-neighbourhood", "[Cooley, NDN and New Silk Road] Tajikistan two ties out reaches its rival's partners", qp("id", "tajikistan", "depth", int64(2)),
		func(t *testing.T, r qResult) {
			g := graphOf(t, r)
			long := 0
			for _, p := range g.paths {
				if len(p.Rels) > 2 {
					t.Errorf("path of %d ties", len(p.Rels))
				}
				if len(p.Rels) == 2 {
					long++
				}
			}
			if long == 0 {
				t.Error("no path of two ties")
			}
			qHasAll(t, "edges", edgeNames(g.edges(t), ""), "uzbekistan-RIVALS->tajikistan", "kyrgyzstan-TRANSIT_LEG->tajikistan",
				"uzbekistan-HOSTS->ndn")
		}},

	// view-sphere
	{"view-sphere", "[Editorial] NATO's sphere: 28 allies and all five republics through PfP", nil,
		func(t *testing.T, r qResult) {
			es := graphOf(t, r).edges(t)
			var allies []string
			for _, e := range es {
				if e.Type == "MEMBER_OF" && e.To == "nato" {
					allies = append(allies, e.From)
				}
			}
			if len(slices.Compact(slices.Sorted(slices.Values(allies)))) != 28 {
				t.Errorf("%d allies", len(allies))
			}
			for _, s := range centralAsia {
				qHasAll(t, "edges", edgeNames(es, ""), s+"-PARTICIPATES_IN->pfp", s+"-PARTICIPATES_IN->ipcp")
			}
			qHasAll(t, "edges", edgeNames(es, ""), "kazakhstan-HAS_IPAP->ipap", "nato-LEADS->pfp", "ipap-PART_OF->pfp")
		}},
	{"view-sphere", "[Laruelle & Peyrouse, NATO, CSTO and SCO] the CSTO's sphere leaves Turkmenistan out", qp("org", "csto"),
		func(t *testing.T, r qResult) {
			g := graphOf(t, r)
			qHasAll(t, "csto sphere", g.ids(), "csto", "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "russia")
			qHasNone(t, "csto sphere", g.ids(), "turkmenistan", "nato")
			qSameSet(t, "tie types", func() []string {
				var ts []string
				for _, e := range g.edges(t) {
					ts = append(ts, e.Type)
				}
				return ts
			}(), "MEMBER_OF")
		}},
}

// checkRoute checks a route's legs in order: 1, 2, … each starting where the
// one before ended, visiting stops.
func checkRoute(t *testing.T, r qResult, stops ...string) {
	t.Helper()
	var visited []string
	for i, row := range r.Rows {
		if row["leg"] != int64(i+1) {
			t.Errorf("leg %d has order %v", i+1, row["leg"])
		}
		if i == 0 {
			visited = append(visited, output.Text(row["origin"]))
		} else if row["origin"] != r.Rows[i-1]["destination"] {
			t.Errorf("leg %d starts at %v, the one before ends at %v", i+1, row["origin"], r.Rows[i-1]["destination"])
		}
		visited = append(visited, output.Text(row["destination"]))
	}
	if !slices.Equal(visited, stops) {
		t.Errorf("route visits %s, want %s", strings.Join(visited, " > "), strings.Join(stops, " > "))
	}
}

// citedSections returns the sections of doc in a sources list, whose entries
// read "doc, section: evidence".
func citedSections(v any, doc string) []string {
	var out []string
	for _, s := range qStrings(v) {
		if rest, ok := strings.CutPrefix(s, doc+", "); ok {
			sec, _, _ := strings.Cut(rest, ": ")
			out = append(out, sec)
		}
	}
	return out
}

// sectionsOf returns the sections of "section: evidence" entries.
func sectionsOf(ev []string) []string {
	out := make([]string, len(ev))
	for i, e := range ev {
		out[i], _, _ = strings.Cut(e, ": ")
	}
	return out
}

// runNamedQuery asks the named question with the caller's parameters, "today"
// being the source's date.
func runNamedQuery(t *testing.T, s graph.Store, name string, user map[string]any) qResult {
	t.Helper()
	q, ok := queries.Get(name)
	if !ok {
		t.Fatalf("no named query %s", name)
	}
	p, err := q.ParamsOn(user, querySourceDate)
	if err != nil {
		t.Fatal(err)
	}
	var res qResult
	sum, err := s.Query(context.Background(), q.Cypher, p, graph.QueryOptions{}, func(r graph.Record) error {
		row := make(map[string]any, len(r.Keys))
		for i, k := range r.Keys {
			row[k] = r.Values[i]
		}
		res.Rows = append(res.Rows, row)
		return nil
	})
	if err != nil {
		t.Fatalf("%s %v: %v", name, user, err)
	}
	res.Keys = sum.Keys
	return res
}

// TestQueriesAnswerTheSource asks every named question of the built-in
// dataset and checks the answers against the source.
func TestQueriesAnswerTheSource(t *testing.T) {
	s := openStore(t)
	if ds, err := seed.LoadFS(seeds.FS); err != nil {
		t.Fatalf("built-in dataset: %v", err)
	} else if _, err := s.Load(context.Background(), ds, graph.LoadOptions{}); err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, c := range queryCases {
		t.Run(c.query+"/"+c.name, func(t *testing.T) {
			c.check(t, runNamedQuery(t, s, c.query, c.params))
		})
	}
}

// TestQueriesAllHaveCases fails when a named query has no case above, so a new
// question comes with its expected answer, and when a case names no query.
func TestQueriesAllHaveCases(t *testing.T) {
	covered := map[string]bool{}
	for _, c := range queryCases {
		if _, ok := queries.Get(c.query); !ok {
			t.Errorf("case %q: no named query %s", c.name, c.query)
		}
		if !strings.HasPrefix(c.name, "[") || !strings.Contains(c.name, "] ") {
			t.Errorf("case %s %q does not start with its [section]", c.query, c.name)
		}
		covered[c.query] = true
	}
	for _, q := range queries.All() {
		if !covered[q.Name] {
			t.Errorf("named query %s (%s) has no case in queryCases", q.Name, q.File)
		}
	}
}
