package cli

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/views"
)

// sliceDataset is a small Central Asian dataset for command tests.
func sliceDataset() *graph.Dataset {
	src := []graph.Citation{{Doc: "doc", Section: "Editorial", Evidence: "test"}}
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{{ID: "doc", Title: "A source", Kind: "document", Dataset: "t"}},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: "Kazakhstan", Region: "central-asia", Dataset: "t"},
			{ID: "turkmenistan", Kind: graph.KindState, Name: "Turkmenistan", Region: "central-asia", Dataset: "t"},
			{ID: "nato", Kind: graph.KindOrganisation, Name: "North Atlantic Treaty Organization", Short: "NATO", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "CSTO", Dataset: "t"},
			{ID: "sco", Kind: graph.KindOrganisation, Name: "Shanghai Cooperation Organisation", Short: "SCO", Dataset: "t"},
			{ID: "pfp", Kind: graph.KindProgramme, Name: "Partnership for Peace", Short: "PfP", Dataset: "t"},
		},
	}
	tie := func(typ graph.TieType, from, to string, attrs map[string]string, since string) graph.Tie {
		t := graph.Tie{Type: typ, From: from, To: to, Attrs: attrs, Since: graph.MustDate(since), Sources: src, Dataset: "t",
			Attested: graph.MustDate("2012-12")}
		t.Key = graph.TieKey(t, "")
		return t
	}
	d.Ties = []graph.Tie{
		tie(graph.TieParticipates, "kazakhstan", "pfp", map[string]string{"status": "active"}, "1994-05-27"),
		tie(graph.TieParticipates, "turkmenistan", "pfp", map[string]string{"status": "active"}, "1994-05-10"),
		tie(graph.TieMemberOf, "kazakhstan", "csto", map[string]string{"role": "member"}, "2002-10-07"),
		tie(graph.TieMemberOf, "kazakhstan", "sco", map[string]string{"role": "member"}, "2001-06-15"),
		tie(graph.TiePartOf, "pfp", "nato", nil, "1994-01-10"),
	}
	d.Sort()
	return d
}

func TestCompareCommandFormats(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	out, stderr, code := run(t, f, "compare", "--at", "2012-02-01", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "kazakhstan,Kazakhstan,PfP,true,2012-12,member,true,2012-12,member,true,2012-12,NATO+CSTO+SCO,,") ||
		!strings.Contains(out, "turkmenistan,Turkmenistan,PfP,true,2012-12,,,,,,,NATO,,") {
		t.Errorf("csv matrix:\n%s", out)
	}
	out, _, _ = run(t, f, "compare", "--at", "1999", "--format", "markdown")
	if !strings.Contains(out, "| Kazakhstan | PfP | — | — |") {
		t.Errorf("1999 matrix:\n%s", out)
	}
	out, _, _ = run(t, f, "compare", "--from", "2000", "--to", "2003", "--format", "csv")
	if !strings.Contains(out, "Kazakhstan") || !strings.Contains(out, "joined") {
		t.Errorf("changes 2000-2003:\n%s", out)
	}
	for _, bad := range [][]string{{"--at", "2012-13"}, {"--from", "2000"}, {"--format", "xml"}, {"no-such-org"}} {
		if _, _, code := run(t, f, append([]string{"compare"}, bad...)...); code != ExitUsage {
			t.Errorf("compare %v: exit %d, want %d", bad, code, ExitUsage)
		}
	}
}

// After 2012-12 no source speaks for the slice's open ties: compare marks
// them and --confirmed-only hides them, on one day and between two.
func TestCompareConfirmedOnly(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	out, _, _ := run(t, f, "compare", "--at", "2013-06-01", "--format", "markdown")
	if !strings.Contains(out, "| Kazakhstan | PfP? | member? | member? |") || !strings.Contains(out, "PfP last attested 2012-12") {
		t.Errorf("2013 matrix without the flag:\n%s", out)
	}
	out, _, _ = run(t, f, "compare", "--at", "2013-06-01", "--format", "markdown", "--confirmed-only")
	if !strings.Contains(out, "| Kazakhstan | — | — | — |") || strings.Contains(out, "?") {
		t.Errorf("2013 matrix with --confirmed-only:\n%s", out)
	}
	out, _, _ = run(t, f, "compare", "--from", "2012-02-01", "--to", "2013-06-01", "--format", "csv")
	if !strings.Contains(out, "kazakhstan,Kazakhstan,NATO,no longer attested,PfP,true,PfP,false,last attested 2012-12") {
		t.Errorf("changes without the flag:\n%s", out)
	}
	out, _, _ = run(t, f, "compare", "--from", "2012-02-01", "--to", "2013-06-01", "--format", "csv", "--confirmed-only")
	if !strings.Contains(out, "kazakhstan,Kazakhstan,NATO,left,PfP,true,,,no longer attested: last attested 2012-12") {
		t.Errorf("changes with --confirmed-only:\n%s", out)
	}
	if _, _, code := run(t, f, "render", "--view", "ladder", "--confirmed-only", "-o", filepath.Join(t.TempDir(), "x.svg")); code != ExitUsage {
		t.Errorf("render --confirmed-only without --at: exit %d, want %d", code, ExitUsage)
	}
}

func TestCompareDrawsSVG(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	path := filepath.Join(t.TempDir(), "cmp.svg")
	if out, stderr, code := run(t, f, "compare", "--at", "2012-02-01", "-o", path); code != 0 || out != "" {
		t.Fatalf("exit %d, %q on standard output: %s", code, out, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := xml.Unmarshal(b, new(struct{})); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	// Graphviz writes hyphens in text as &#45;.
	for _, want := range []string{"Kazakhstan", "CSTO", "as of 2012&#45;02&#45;01", "NATO"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("drawing lacks %q", want)
		}
	}
}

// nodeOf and relOf turn a dataset's items into what a query returns.
func nodeOf(a graph.Actor) graph.Node {
	return graph.Node{ElementID: "n:" + a.ID, Labels: []string{"Actor", a.Kind.Label()},
		Props: map[string]any{"id": a.ID, "kind": string(a.Kind), "name": a.Name, "short": a.Short}}
}

func TestRenderCustomCypherFromRecords(t *testing.T) {
	d := sliceDataset()
	kz, _ := d.Actor("kazakhstan")
	csto, _ := d.Actor("csto")
	rel := graph.Relationship{ElementID: "r1", StartID: "n:kazakhstan", EndID: "n:csto", Type: "MEMBER_OF",
		Props: map[string]any{"key": "k1", "role": "member", "since": graph.MustDate("2002-10-07"), "since_precision": "day"}}
	f := &fakeStore{loaded: []*graph.Dataset{d}, records: []graph.Record{
		{Keys: []string{"a", "r", "b"}, Values: []any{nodeOf(kz), rel, nodeOf(csto)}},
	}}
	dir := t.TempDir()
	for _, name := range []string{"x.svg", "x.dot", "x.png"} {
		path := filepath.Join(dir, name)
		_, stderr, code := run(t, f, "render", "MATCH (a)-[r]->(b) RETURN a, r, b", "--at", "2012-02-01", "-o", path)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", name, code, stderr)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s not written", name)
		}
	}
	dot, _ := os.ReadFile(filepath.Join(dir, "x.dot"))
	if !strings.Contains(string(dot), "Kazakhstan") || !strings.Contains(string(dot), "as of 2012-02-01") {
		t.Errorf("DOT lacks the node or the stamp:\n%s", dot)
	}
	if f.params[len(f.params)-1]["at"] != graph.MustDate("2012-02-01") {
		t.Errorf("--at did not reach the query as a date: %#v", f.params[len(f.params)-1])
	}
	if _, _, code := run(t, f, "render", "RETURN 1", "-o", filepath.Join(dir, "x.jpg")); code != ExitUsage {
		t.Errorf("unknown extension: exit %d", code)
	}
	if _, _, code := run(t, f, "render", "--view", "nowhere", "-o", filepath.Join(dir, "y.svg")); code != ExitUsage {
		t.Errorf("unknown view: exit %d", code)
	}
}

func TestRenderViewsRunTheirNamedQuestions(t *testing.T) {
	d := sliceDataset()
	kz, _ := d.Actor("kazakhstan")
	f := &fakeStore{loaded: []*graph.Dataset{d}, records: []graph.Record{{Keys: []string{"a"}, Values: []any{nodeOf(kz)}}}}
	dir := t.TempDir()
	for _, view := range views.All {
		v, q := view.Name, view.Query
		args := []string{"render", "--view", v, "-o", filepath.Join(dir, v+".dot")}
		if named, _ := queries.Get(q); named.Time {
			args = append(args, "--at", "2012-02-01")
		}
		if _, stderr, code := run(t, f, args...); code != 0 {
			t.Errorf("view %s: exit %d: %s", v, code, stderr)
			continue
		}
		if named, _ := queries.Get(q); !slices.Contains(f.queries, named.Cypher) {
			t.Errorf("view %s did not send its question %s", v, q)
		}
	}
}

func TestRenderRefusesBadArgumentsBeforeAsking(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--view", "sphere", "--layout", "bogus"},
		{"--view", "sphere", "--renderer", "bogus"},
		{"--view", "neighbourhood", "--depth", "0"},
		{"--view", "neighbourhood", "--depth", "-1"},
		{"--view", "neighbourhood", "--depth", "5"},
		{"--view", "sphere", "--depth", "1"},
		{"--view", "ladder", "--named", "view-sphere"},
		{"--view", "sphere", "--at", ""},
		{"--view", "sphere", "--at", "2012-13"},
	} {
		f := &fakeStore{}
		path := filepath.Join(dir, "x.svg")
		_, stderr, code := run(t, f, append([]string{"render", "-o", path}, args...)...)
		if code != ExitUsage || len(f.queries) != 0 {
			t.Errorf("%v: exit %d after %d queries: %s", args, code, len(f.queries), stderr)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%v: wrote %s", args, path)
		}
	}
}

func TestRenderDepthGoesWithTheNeighbourhoodQuestion(t *testing.T) {
	for _, args := range [][]string{
		{"--view", "neighbourhood", "--depth", "2"},
		{"--named", "view-neighbourhood", "--depth", "2"},
	} {
		d := sliceDataset()
		kz, _ := d.Actor("kazakhstan")
		f := &fakeStore{loaded: []*graph.Dataset{d}, records: []graph.Record{{Keys: []string{"a"}, Values: []any{nodeOf(kz)}}}}
		path := filepath.Join(t.TempDir(), "x.dot")
		if _, stderr, code := run(t, f, append([]string{"render", "-o", path}, args...)...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
			continue
		}
		if len(f.params) == 0 || f.params[0]["depth"] != int64(2) {
			t.Errorf("%v: depth sent as %v", args, f.params)
		}
	}
}

// An actor is named by id, name or alias; a name that fits none is a usage
// error with the closest ids, and an organisation without members an
// explained empty answer; neither writes a file.
func TestRenderLooksUpActorsAndExplainsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.svg")
	for _, c := range []struct {
		org  string
		code int
		want string
	}{
		{"nosuch", ExitUsage, `org: no actor has the id, name or alias "nosuch"`},
		{"Kazakstan", ExitUsage, `org: no actor has the id, name or alias "Kazakstan" (did you mean kazakhstan?)`},
		{"kazakhstan", ExitError, "org: kazakhstan is a state, not an organisation with members; organisations with members: csto, nato, sco"},
		{"Collective Security Treaty Organisation", ExitError, "no membership or partnership of csto is in force on 1990"},
	} {
		f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
		_, stderr, code := run(t, f, "render", "--view", "sphere", "--param", "org="+c.org, "--at", "1990", "-o", path)
		if code != c.code || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d: %s\nwant %q", c.org, code, stderr, c.want)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s: wrote %s", c.org, path)
		}
	}
}

func TestCompareRefusesConflictingDates(t *testing.T) {
	for _, args := range [][]string{
		{"--at", "2012", "--from", "2010", "--to", "2012"},
		{"--from", "2010"},
		{"--to", "2012"},
		{"--at", ""},
		{"--from", "2010", "--to", "2012-02-30"},
	} {
		f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
		_, stderr, code := run(t, f, append([]string{"compare"}, args...)...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d: %s", args, code, stderr)
		}
	}
}

// render --help describes every view there is: the map view was once left
// out of its list.
func TestRenderHelpNamesEveryView(t *testing.T) {
	out, _, code := run(t, nil, "render", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, v := range views.Names() {
		if !strings.Contains(out, v+" (") {
			t.Errorf("render --help does not describe the %s view", v)
		}
	}
}
