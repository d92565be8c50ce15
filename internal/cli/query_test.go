package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestQueryIsReadOnlyUnlessWrite(t *testing.T) {
	f := &fakeStore{records: []graph.Record{{Keys: []string{"n"}, Values: []any{int64(1)}}}}
	if _, _, code := run(t, f, "query", "RETURN 1 AS n"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, _, code := run(t, f, "query", "--write", "CREATE (:X)"); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if f.opts[0].Write || !f.opts[1].Write {
		t.Errorf("write flags sent: %+v", f.opts)
	}
}

func TestQueryParamsReachTheStoreAsValues(t *testing.T) {
	f := &fakeStore{}
	hostile := "x'}) DETACH DELETE n //`"
	_, stderr, code := run(t, f, "query", "RETURN $name AS n, $k AS k", "--param", "name="+hostile, "--param", "k=42")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if f.queries[0] != "RETURN $name AS n, $k AS k" {
		t.Errorf("the statement was changed: %q", f.queries[0])
	}
	if f.params[0]["name"] != hostile || f.params[0]["k"] != int64(42) {
		t.Errorf("params = %#v", f.params[0])
	}
}

func TestQueryFormatsAndRowCount(t *testing.T) {
	f := &fakeStore{records: []graph.Record{
		{Keys: []string{"id", "name"}, Values: []any{"kz", "Қазақстан"}},
		{Keys: []string{"id", "name"}, Values: []any{"uz", nil}},
	}}
	out, stderr, code := run(t, f, "query", "RETURN 1", "--format", "csv")
	if code != 0 || out != "id,name\nkz,Қазақстан\nuz,\n" {
		t.Errorf("exit %d, csv %q", code, out)
	}
	if !strings.Contains(stderr, "2 row(s)") {
		t.Errorf("stderr lacks the row count: %q", stderr)
	}
	out, _, _ = run(t, f, "query", "RETURN 1", "--format", "jsonl", "--limit", "1")
	if out != "{\"id\":\"kz\",\"name\":\"Қазақстан\"}\n" {
		t.Errorf("jsonl with --limit 1: %q", out)
	}
	if _, _, code := run(t, f, "query", "RETURN 1", "--format", "xml"); code != ExitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestQueryNamedUnknown(t *testing.T) {
	_, stderr, code := run(t, &fakeStore{}, "query", "--named", "no-such-question")
	if code != ExitUsage || !strings.Contains(stderr, "relmap queries") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestQueryErrorMarksThePosition(t *testing.T) {
	f := &fakeStore{queryErr: &graph.QueryError{Code: "Neo.ClientError.Statement.SyntaxError",
		Message: "Variable `x` not defined (line 2, column 8 (offset: 16))", Line: 2, Column: 8}}
	_, stderr, code := run(t, f, "query", "MATCH (n)\nRETURN x")
	if code != ExitQuery {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(stderr, "2 | RETURN x\n    |        ^") {
		t.Errorf("position not marked:\n%s", stderr)
	}
}

func TestQueryAtIsADate(t *testing.T) {
	f := &fakeStore{}
	if _, stderr, code := run(t, f, "query", "RETURN $at", "--at", " 2012-02 "); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, ok := f.params[0]["at"].(graph.Date); !ok || got.String() != "2012-02" {
		t.Errorf("--at reached the store as %#v, want the date 2012-02", f.params[0]["at"])
	}
	if _, _, code := run(t, f, "query", "RETURN $at", "--at", "TODAY"); code != 0 {
		t.Errorf("--at TODAY: exit %d", code)
	} else if got, ok := f.params[1]["at"].(graph.Date); !ok || got != graph.Today() {
		t.Errorf("--at TODAY reached the store as %#v", f.params[1]["at"])
	}
	for _, bad := range []string{"2012-99", "", "yesterday"} {
		if _, stderr, code := run(t, f, "query", "RETURN $at", "--at", bad); code != ExitUsage || !strings.Contains(stderr, "--at") {
			t.Errorf("--at %q: exit %d, %s", bad, code, stderr)
		}
	}
}

func TestQueryRefusesNegativeLimitAndTimeout(t *testing.T) {
	for _, args := range [][]string{{"--limit", "-3"}, {"--timeout", "-5s"}} {
		f := &fakeStore{}
		_, stderr, code := run(t, f, append([]string{"query", "RETURN 1"}, args...)...)
		if code != ExitUsage || !strings.Contains(stderr, args[0]) || len(f.queries) != 0 {
			t.Errorf("%v: exit %d, %d statements run, %s", args, code, len(f.queries), stderr)
		}
	}
}

func TestQueryNamedLooksUpActors(t *testing.T) {
	// A name is looked up among the graph's actors before the question runs.
	f := &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	_, stderr, code := run(t, f, "query", "--named", "members-at", "--param", "org=NATO", "--format", "csv")
	if code != 0 || len(f.queries) < 2 || f.queries[0] != graph.StoredActorsCypher || f.params[1]["org"] != "nato" {
		t.Errorf("NATO: exit %d, queries %q, params %v: %s", code, f.queries, f.params, stderr)
	}
	// An id costs no lookup; an unknown one is looked into after the empty
	// answer, and nothing is printed.
	f = &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	out, stderr, code := run(t, f, "query", "--named", "members-at", "--param", "org=natp", "--format", "csv")
	if code != ExitUsage || out != "" || !strings.Contains(stderr, `org: no actor has the id, name or alias "natp" (did you mean nato`) {
		t.Errorf("natp: exit %d, %q: %s", code, out, stderr)
	}
	if f.queries[0] == graph.StoredActorsCypher {
		t.Errorf("an id was looked up before the question: %q", f.queries)
	}
	// An actor with nothing to answer on a sound day: the empty answer.
	f = &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	if out, stderr, code := run(t, f, "query", "--named", "members-at", "--param", "org=csto", "--at", "2012", "--format", "csv"); code != 0 || !strings.Contains(stderr, "0 row(s)") {
		t.Errorf("an existing actor without members on the day: exit %d, %q: %s", code, out, stderr)
	}
	// A document id is checked as an actor's is: a typo is no document
	// that attests nothing.
	f = &fakeStore{loaded: []*graph.Dataset{sliceDataset()}}
	if out, stderr, code := run(t, f, "query", "--named", "source-says", "--param", "doc=eucam", "--format", "csv"); code != ExitUsage || out != "" || !strings.Contains(stderr, `doc: no document has the id "eucam"`) {
		t.Errorf("doc=eucam: exit %d, %q: %s", code, out, stderr)
	}
}

// A named question's rows say whether a source speaks for them on the day;
// stderr counts those that do not, and --confirmed-only leaves them out.
func TestQueryCountsUnconfirmedRows(t *testing.T) {
	keys := []string{"member", "role", "attested", "confirmed"}
	f := &fakeStore{records: []graph.Record{
		{Keys: keys, Values: []any{"kazakhstan", "member", "2026-11", true}},
		{Keys: keys, Values: []any{"uzbekistan", "member", "2012", false}},
	}}
	out, stderr, code := run(t, f, "query", "--named", "members-at", "--param", "org=csto", "--format", "csv")
	if code != 0 || !strings.Contains(out, "uzbekistan,member,2012,false") ||
		!strings.Contains(stderr, "1 of 2 row(s) rest on ties no source speaks for") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	out, stderr, code = run(t, f, "query", "--named", "members-at", "--param", "org=csto", "--format", "csv", "--confirmed-only")
	if code != 0 || strings.Contains(out, "uzbekistan") || !strings.Contains(out, "kazakhstan") ||
		!strings.Contains(stderr, "1 row(s) rested on ties no source speaks for on the day asked about: left out") {
		t.Errorf("--confirmed-only: exit %d\nstdout:\n%s\nstderr:\n%s", code, out, stderr)
	}
	// A question without the flag's column prints no such line.
	f.records = []graph.Record{{Keys: []string{"n"}, Values: []any{int64(1)}}}
	if _, stderr, _ := run(t, f, "query", "RETURN 1 AS n"); strings.Contains(stderr, "no source speaks") {
		t.Errorf("a plain query speaks of sources:\n%s", stderr)
	}
}

func TestQueryRefusesBeforeConnecting(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		says string
	}{
		{[]string{"query", ""}, ExitUsage, "the statement is empty"},
		{[]string{"query", "  // nothing\n"}, ExitUsage, "the statement is empty"},
		{[]string{"query", "SHOW TRANSACTIONS YIELD * TERMINATE TRANSACTIONS"}, ExitQuery, "read mode refuses TERMINATE TRANSACTIONS"},
		{[]string{"query", "LOAD CSV FROM 'http://127.0.0.1:1/x' AS r RETURN r"}, ExitQuery, "relmap: read mode refuses LOAD CSV"},
		{[]string{"query", "CALL db.clearQueryCaches()"}, ExitQuery, "CALL db.clearQueryCaches"},
		{[]string{"query", "-f", filepath.Join(dir, "missing.cypher")}, ExitUsage, "missing.cypher"},
		{[]string{"query", "RETURN 1", "--params-file", filepath.Join(dir, "missing.json")}, ExitUsage, "missing.json"},
		{[]string{"query", "RETURN 1", "--params-file", filepath.Join(dir, "bad.json")}, ExitError, "bad.json: not valid JSON"},
		{[]string{"query", "-f", dir}, ExitError, "a directory"},
		{[]string{"query", "RETURN 1", "-p", "x"}, ExitUsage, "want name=value"},
	}
	for _, c := range cases {
		f := &fakeStore{}
		_, stderr, code := run(t, f, c.args...)
		if code != c.code || !strings.Contains(stderr, c.says) {
			t.Errorf("relmap %q: exit %d, stderr %q; want exit %d saying %q", c.args, code, stderr, c.code, c.says)
		}
		if len(f.queries) > 0 {
			t.Errorf("relmap %q reached the database: %q", c.args, f.queries)
		}
	}
	// With --write the same statements go to the server, which decides.
	f := &fakeStore{}
	if _, stderr, code := run(t, f, "query", "--write", "CALL db.clearQueryCaches()"); code != 0 || len(f.queries) != 1 {
		t.Errorf("--write: exit %d, %s", code, stderr)
	}
}

func TestQueryDateParamsAreDates(t *testing.T) {
	f := &fakeStore{}
	if _, stderr, code := run(t, f, "query", "RETURN $at, $s", "-p", "at=2012-02-01", "-p", "s:string=2012-02-01"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if f.params[0]["at"] != (graph.Date{Year: 2012, Month: 2, Day: 1}) || f.params[0]["s"] != "2012-02-01" {
		t.Errorf("params = %#v", f.params[0])
	}
}
