package itest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/relmap/relmap/internal/golden"
	"github.com/relmap/relmap/internal/seed/seedtest"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cli"
	"github.com/relmap/relmap/internal/compare"
)

// loadBuiltIn loads the built-in dataset and returns it as read back from
// the database, merged into one.
func loadBuiltIn(t *testing.T) (graph.Store, *graph.Dataset) {
	t.Helper()
	s := openStore(t)
	ds := seedtest.Sets(t)
	if _, err := s.Load(context.Background(), ds, graph.LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	snap, err := s.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(snap) != 1 {
		t.Fatalf("%d datasets in the graph, want 1", len(snap))
	}
	return s, snap[0]
}

func cellOf(t *testing.T, r *compare.Result, state, org string) string {
	t.Helper()
	c, ok := r.Cell(state, org)
	if !ok {
		t.Fatalf("no cell %s/%s", state, org)
	}
	return c.Label()
}

// The early-2012 matrix for the five Central Asian states, cell by cell, as
// EUCAM Watch No. 11 describes it (the CSTO and SCO columns from the
// memberships the article on NATO, CSTO and SCO takes for granted).
func TestCompareEarly2012MatchesTheSource(t *testing.T) {
	_, ds := loadBuiltIn(t)
	res, err := compare.Compare(ds, nil, graph.RegionCentralAsia, graph.MustDate("2012-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		section, state, nato, csto, sco string
	}{
		{"Interview Q4: only Kazakhstan has an IPAP", "kazakhstan", "IPAP", "member", "member"},
		{"Interview Q2: Kyrgyzstan in PARP", "kyrgyzstan", "PARP", "member", "member"},
		{"Interview Q2 and Q8: Tajikistan only interested in PARP", "tajikistan", "IPCP", "member", "member"},
		{"Interview Q6: Turkmenistan neutral, in no CSTO or SCO", "turkmenistan", "IPCP", "", ""},
		{"Interview Q2: Uzbekistan in PARP; CSTO membership reluctant", "uzbekistan", "PARP", "member", "member"},
	}
	for _, w := range want {
		t.Run("["+w.section+"]", func(t *testing.T) {
			for org, label := range map[string]string{"nato": w.nato, "csto": w.csto, "sco": w.sco} {
				if got := cellOf(t, res, w.state, org); got != label {
					t.Errorf("%s/%s = %q, want %q", w.state, org, got, label)
				}
			}
		})
	}
	if len(res.MultiVector) != 4 || len(res.None) != 0 {
		t.Errorf("[Laruelle & Peyrouse] multi-vector %d states, none %d", len(res.MultiVector), len(res.None))
	}
}

// Today's matrix follows the membership histories: Uzbekistan left the CSTO in
// 2012 and stays in the SCO.
func TestCompareTodayReflectsHistories(t *testing.T) {
	_, ds := loadBuiltIn(t)
	res, err := compare.Compare(ds, nil, graph.RegionCentralAsia, graph.MustDate("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cellOf(t, res, "uzbekistan", "csto"); got != "" {
		t.Errorf("[CSTO membership record] uzbekistan/csto today = %q", got)
	}
	for _, st := range []string{"kazakhstan", "kyrgyzstan", "tajikistan"} {
		if got := cellOf(t, res, st, "csto"); got != "member" {
			t.Errorf("[CSTO membership record] %s/csto today = %q", st, got)
		}
	}
	if got := cellOf(t, res, "uzbekistan", "sco"); got != "member" {
		t.Errorf("[SCO membership record] uzbekistan/sco today = %q", got)
	}
	// Armenia froze its participation in 2024.
	all, err := compare.Compare(ds, []string{"csto"}, compare.AllRegions, graph.MustDate("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cellOf(t, all, "armenia", "csto"); got != "suspended" {
		t.Errorf("[CSTO membership record] armenia/csto today = %q", got)
	}
}

// Between two dates around Uzbekistan's suspension, exactly that change.
func TestCompareChangesAroundUzbekSuspension(t *testing.T) {
	_, ds := loadBuiltIn(t)
	ch, err := compare.Diff(ds, nil, graph.RegionCentralAsia, graph.MustDate("2012-06-01"), graph.MustDate("2012-07-01"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Changes) != 1 {
		t.Fatalf("[CSTO membership record] %d changes, want 1: %+v", len(ch.Changes), ch.Changes)
	}
	c := ch.Changes[0]
	if c.State.ID != "uzbekistan" || c.Org.ID != "csto" || c.Kind != compare.Kind("suspended") {
		t.Errorf("change = %s %s %s", c.State.ID, c.Org.ID, c.Kind)
	}
	// The day before and the day of the suspension (2012-06-28, day precision).
	before, _ := compare.Compare(ds, []string{"csto"}, graph.RegionCentralAsia, graph.MustDate("2012-06-27"))
	on, _ := compare.Compare(ds, []string{"csto"}, graph.RegionCentralAsia, graph.MustDate("2012-06-28"))
	if cellOf(t, before, "uzbekistan", "csto") != "member" || cellOf(t, on, "uzbekistan", "csto") != "suspended" {
		t.Errorf("boundary: %q on 06-27, %q on 06-28", cellOf(t, before, "uzbekistan", "csto"), cellOf(t, on, "uzbekistan", "csto"))
	}
}

// The year-precision boundary through the database: a tie whose since is
// known only to the year is stored as 1 January of that year, so the Cypher
// form of the time rule puts it in force on that day and not the day before.
func TestCompareYearPrecisionBoundary(t *testing.T) {
	s, ds := loadBuiltIn(t)
	var yearTie *graph.Tie
	for i, tie := range ds.Ties {
		if tie.Since.Precision() == graph.PrecisionYear && tie.Until.IsZero() {
			yearTie = &ds.Ties[i]
			break
		}
	}
	if yearTie == nil {
		t.Fatal("the dataset has no open tie with a year-precision start to test with")
	}
	y := yearTie.Since.Year
	inForce := func(at graph.Date) bool {
		rows := readRows(t, s, "MATCH ()-[r {key: $key}]->() RETURN "+graph.ValidAtCypher("r"),
			map[string]any{"key": yearTie.Key, "at": at})
		if len(rows) != 1 {
			t.Fatalf("tie %s: %d rows", yearTie.Key, len(rows))
		}
		return rows[0][0].(bool)
	}
	if !inForce(graph.Date{Year: y, Month: 1, Day: 1}) {
		t.Errorf("%s (since %s) not in force on %d-01-01", yearTie.Key, yearTie.Since, y)
	}
	if inForce(graph.Date{Year: y - 1, Month: 12, Day: 31}) {
		t.Errorf("%s (since %s) in force on %d-12-31", yearTie.Key, yearTie.Since, y-1)
	}
}

// Each view drawn from the loaded dataset matches its golden DOT file; run
// with -update after changing the data or the styles.
func TestViewsGoldenDOT(t *testing.T) {
	loadBuiltIn(t)
	views := map[string][]string{
		"sphere-nato":   {"--view", "sphere", "--param", "org=nato", "--at", "2012-02-01"},
		"sphere-csto":   {"--view", "sphere", "--param", "org=csto", "--at", "2012-02-01"},
		"sphere-sco":    {"--view", "sphere", "--param", "org=sco", "--at", "2012-02-01"},
		"ndn":           {"--view", "ndn"},
		"map":           {"--view", "map"},
		"ladder":        {"--view", "ladder", "--at", "2012-02-01"},
		"neighbourhood": {"--view", "neighbourhood", "--param", "id=kazakhstan", "--at", "2012-02-01"},
	}
	dir := t.TempDir()
	for name, args := range views {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(dir, name+".dot")
			var stdout, stderr bytes.Buffer
			err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
				append([]string{"render", "-o", out}, args...))
			if err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			got, _ := os.ReadFile(out)
			goldenfile.Check(t, filepath.Join("testdata", "views", name+".dot"), got)
		})
	}
}

// Export to CSV, load into an emptied database: the same fingerprint.
func TestExportCSVRoundTrip(t *testing.T) {
	s, _ := loadBuiltIn(t)
	before := fingerprint(t, s)
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	streams := cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}
	if err := cli.Run(context.Background(), streams, []string{"export", "--format", "csv", "-o", dir}); err != nil {
		t.Fatalf("export: %v: %s", err, stderr.String())
	}
	s = openStore(t) // empties the database
	if fp := fingerprint(t, s); fp.Ties != 0 {
		t.Fatalf("database not empty: %v", fp)
	}
	if err := cli.Run(context.Background(), streams, []string{"load", dir}); err != nil {
		t.Fatalf("load: %v: %s", err, stderr.String())
	}
	if after := fingerprint(t, s); after != before {
		t.Errorf("round trip: %v -> %v", before, after)
	}
}

// A named question or view given an id that names no actor says so, with what
// it may have meant, instead of answering nothing; an --at for your own Cypher
// arrives as a DATE, so it compares with the graph's dates.
func TestUnknownActorsAndAtOnTheServer(t *testing.T) {
	loadBuiltIn(t)
	run := func(args ...string) (string, string, int) {
		var stdout, stderr bytes.Buffer
		err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, args)
		if err != nil {
			fmt.Fprintf(&stderr, "relmap: %v\n", err)
		}
		return stdout.String(), stderr.String(), cli.ExitCode(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"query", "--named", "members-at", "--param", "org=NATO"}, `org: no actor has the id "NATO" (did you mean nato?)`},
		{[]string{"query", "--named", "shortest-path", "--param", "from=kazak", "--param", "to=Collective Security Treaty Organisation"},
			`from: no actor has the id "kazak" (did you mean kazakhstan?); to: no actor has the id "Collective Security Treaty Organisation" (did you mean csto?)`},
		{[]string{"query", "--named", "actor-ties", "--param", "id=nosuch"}, `id: no actor has the id "nosuch";`},
		{[]string{"render", "--view", "sphere", "--param", "org=Sco", "-o", filepath.Join(t.TempDir(), "x.svg")}, `org: no actor has the id "Sco" (did you mean sco?)`},
	} {
		_, stderr, code := run(c.args...)
		if code != cli.ExitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %s\nwant %q", c.args, code, stderr, c.want)
		}
	}
	// A known actor with nothing to answer is not an error.
	if _, stderr, code := run("query", "--named", "members-at", "--param", "org=nato", "--at", "1940"); code != 0 || !strings.Contains(stderr, "0 row(s)") {
		t.Errorf("NATO's members in 1940: exit %d: %s", code, stderr)
	}
	out, stderr, code := run("query", "--format", "csv", "--at", "2012-02-01",
		"MATCH (m:Actor)-[r:MEMBER_OF]->(:Actor {id: 'csto'}) WHERE r.since <= $at AND (r.until IS NULL OR $at < r.until) RETURN count(*) AS n, $at AS at")
	if code != 0 || out != "n,at\n7,2012-02-01\n" {
		t.Errorf("--at with your own Cypher: exit %d, %q, %s", code, out, stderr)
	}
}
