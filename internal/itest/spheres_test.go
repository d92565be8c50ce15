package itest

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

// sphereDates are the days the Cypher copies of the sphere rule are checked
// on: every 1 January from the CSTO's founding year to 2026, and the day of
// the source, 2012-02-01.
func sphereDates() []graph.Date {
	var out []graph.Date
	for y := 1992; y <= 2026; y++ {
		out = append(out, graph.MustDate(fmt.Sprintf("%d-01-01", y)))
	}
	return append(out, graph.MustDate("2012-02-01"))
}

func namedCypher(t *testing.T, name string) string {
	t.Helper()
	q, ok := queries.Get(name)
	if !ok {
		t.Fatalf("no named question %s", name)
	}
	return q.Cypher
}

// multi-sphere is the sphere rule in Cypher. On every date, for every state
// of the built-in dataset and each of NATO, the CSTO and the SCO, its answer
// (inside, associated or neither) must be graph's rule's, and compare's.
func TestSphereRuleCypherAgreesWithGo(t *testing.T) {
	s, ds := loadBuiltIn(t)
	cypher := namedCypher(t, "multi-sphere")
	seen := map[graph.Standing]int{}
	for _, at := range sphereDates() {
		got := map[string]string{} // state/org -> standing
		for _, row := range readRows(t, s, cypher, map[string]any{"at": at, "min": int64(0), "region": nil}) {
			state := row[0].(string)
			for i, org := range graph.SphereOrgs() {
				if row[3+i].(bool) {
					got[state+"/"+org] = graph.Inside.String()
				}
			}
			for _, org := range row[6].([]any) {
				got[state+"/"+org.(string)] = graph.Associated.String()
			}
		}
		res, err := compare.Compare(ds, nil, compare.AllRegions, at)
		if err != nil {
			t.Fatal(err)
		}
		var diffs []string
		for _, a := range ds.Actors {
			if a.Kind != graph.KindState {
				continue
			}
			for _, sp := range graph.Spheres {
				want := sp.StandingAt(a.ID, ds.Ties, at)
				seen[want]++
				g := got[a.ID+"/"+sp.Org]
				if g == "" {
					g = graph.Outside.String()
				}
				if g != want.String() {
					diffs = append(diffs, fmt.Sprintf("%s/%s: Cypher %s, Go %s", a.ID, sp.Org, g, want))
				}
				if c, ok := res.Cell(a.ID, sp.Org); !ok || c.Standing != want {
					diffs = append(diffs, fmt.Sprintf("%s/%s: compare %s, Go %s", a.ID, sp.Org, c.Standing, want))
				}
			}
		}
		if len(diffs) > 0 {
			t.Errorf("on %s the rules disagree:\n%s", at, strings.Join(diffs, "\n"))
		}
	}
	// A check that saw no state inside or associated would pass on an
	// empty graph.
	if seen[graph.Inside] == 0 || seen[graph.Associated] == 0 || seen[graph.Outside] == 0 {
		t.Errorf("standings seen over all dates: %v; want each of inside, associated and outside", seen)
	}
	t.Logf("%d dates, standings compared: %v", len(sphereDates()), seen)
}

func tieKeys(ties []graph.Tie, types ...graph.TieType) []string {
	var out []string
	for _, t := range ties {
		if slices.Contains(types, t.Type) {
			out = append(out, t.Key)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// The views' questions and the views' selections in memory (which the
// report and compare draw) pick the same ties: view-sphere the memberships
// and programme ties of each sphere, view-ladder the states' rungs,
// view-ndn the legs, on every date.
func TestViewQuestionsAgreeWithTheirSelections(t *testing.T) {
	s, ds := loadBuiltIn(t)
	fetch := func(name string, p map[string]any) render.Subgraph {
		return render.FromRecords(recordsOf(t, s, namedCypher(t, name), p))
	}
	total := 0
	check := func(what string, db, mem []string) {
		t.Helper()
		total += len(mem)
		if !slices.Equal(db, mem) {
			t.Errorf("%s: the question and the selection differ\nCypher: %v\nGo:     %v", what, db, mem)
		}
	}
	stateTies := []graph.TieType{graph.TieMemberOf, graph.TieParticipates, graph.TieIPAP}
	for _, at := range sphereDates() {
		for _, org := range graph.SphereOrgs() {
			v, _ := views.Get("sphere")
			p := views.Params{"org": org, "at": at}
			check(fmt.Sprintf("sphere %s on %s", org, at),
				tieKeys(fetch(v.Query, p).Edges, stateTies...), tieKeys(v.Select(ds, p).Edges, stateTies...))
		}
		v, _ := views.Get("ladder")
		ladder := []any{}
		for _, r := range graph.NATOLadder {
			ladder = append(ladder, r.Programme)
		}
		p := views.Params{"region": graph.RegionCentralAsia, "at": at}
		check(fmt.Sprintf("ladder on %s", at),
			tieKeys(fetch(v.Query, map[string]any{"region": graph.RegionCentralAsia, "at": at, "ladder": ladder}).Edges, graph.TieParticipates, graph.TieIPAP),
			tieKeys(v.Select(ds, p).Edges, graph.TieParticipates, graph.TieIPAP))
		for _, depth := range []int64{1, 2} {
			v, _ := views.Get("neighbourhood")
			p := views.Params{"id": "kazakhstan", "depth": depth, "at": at}
			all := make([]graph.TieType, len(graph.TieTypes))
			for i, ti := range graph.TieTypes {
				all[i] = ti.Type
			}
			check(fmt.Sprintf("neighbourhood of kazakhstan, depth %d, on %s", depth, at),
				tieKeys(fetch(v.Query, p).Edges, all...), tieKeys(v.Select(ds, p).Edges, all...))
		}
	}
	v, _ := views.Get("ndn")
	p := views.Params{"network": "ndn"}
	check("ndn", tieKeys(fetch(v.Query, p).Edges, graph.TieTransit), tieKeys(v.Select(ds, p).Edges, graph.TieTransit))
	if total == 0 {
		t.Error("no ties selected at all")
	}
	t.Logf("%d ties compared", total)
}

func recordsOf(t *testing.T, s graph.Store, cypher string, params map[string]any) []graph.Record {
	t.Helper()
	var out []graph.Record
	for _, row := range readRows(t, s, cypher, params) {
		out = append(out, graph.Record{Values: row})
	}
	return out
}
