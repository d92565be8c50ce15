package cli

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestSplitStatements(t *testing.T) {
	cases := []struct {
		src  string
		want []string
	}{
		{"RETURN 1", []string{"RETURN 1"}},
		{"RETURN 1; RETURN 2;", []string{"RETURN 1", "RETURN 2"}},
		{"RETURN 'a;b' AS x; RETURN \"c;d\"", []string{"RETURN 'a;b' AS x", "RETURN \"c;d\""}},
		{"RETURN 'it\\'s; fine'", []string{"RETURN 'it\\'s; fine'"}},
		{"MATCH (`odd;name`) RETURN 1", []string{"MATCH (`odd;name`) RETURN 1"}},
		{"// a comment; not a split\nRETURN 1", []string{"// a comment; not a split\nRETURN 1"}},
		{"/* block; comment */ RETURN 1; RETURN 2", []string{"/* block; comment */ RETURN 1", "RETURN 2"}},
		{"  ;  ; // only a comment\n", nil},
	}
	for _, c := range cases {
		got := splitStatements(c.src)
		if strings.Join(got, "|") != strings.Join(c.want, "|") || len(got) != len(c.want) {
			t.Errorf("splitStatements(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}

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
