package shell

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/queries"
)

// fakeStore answers every query with the same records and keeps what it
// was asked.
type fakeStore struct {
	graph.Store
	records []graph.Record
	queries []string
	params  []map[string]any
	opts    []graph.QueryOptions
	err     error
}

func (f *fakeStore) Query(_ context.Context, q string, p map[string]any, o graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	f.queries = append(f.queries, q)
	f.params = append(f.params, p)
	f.opts = append(f.opts, o)
	if f.err != nil {
		return graph.QuerySummary{}, f.err
	}
	for _, r := range f.records {
		if err := fn(r); err != nil {
			return graph.QuerySummary{}, err
		}
	}
	return graph.QuerySummary{Keys: []string{"id"}, Records: int64(len(f.records))}, nil
}

// script is a LineReader reading lines from a list, keeping the history.
type script struct {
	lines   []string
	history []string
	prompts []string
}

func (s *script) ReadLine(prompt string) (string, error) {
	s.prompts = append(s.prompts, prompt)
	if len(s.lines) == 0 {
		return "", io.EOF
	}
	l := s.lines[0]
	s.lines = s.lines[1:]
	if l == "^C" {
		return "", ErrInterrupt
	}
	return l, nil
}

func (s *script) Remember(e string) error { s.history = append(s.history, e); return nil }

func runScript(t *testing.T, f *fakeStore, prompt bool, lines ...string) (out, errOut string, sc *script, err error) {
	t.Helper()
	var o, e bytes.Buffer
	sc = &script{lines: lines}
	sh, err := New(Config{Store: f, Lines: sc, Out: &o, ErrOut: &e, Prompt: prompt, Today: graph.Date{Year: 2020, Month: 5, Day: 6}})
	if err != nil {
		t.Fatal(err)
	}
	err = sh.Run(context.Background())
	return o.String(), e.String(), sc, err
}

var kz = []graph.Record{{Keys: []string{"id"}, Values: []any{"kazakhstan"}}}

func TestMultiLineStatementRunsAtItsSemicolon(t *testing.T) {
	f := &fakeStore{records: kz}
	out, errOut, sc, err := runScript(t, f, true,
		"MATCH (a:State)", "WHERE a.note = 'x;y' // not the end;", "RETURN a.id AS id;", ":exit", "RETURN 2;")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.queries) != 1 {
		t.Fatalf("ran %d statements, want 1: %q", len(f.queries), f.queries)
	}
	want := "MATCH (a:State)\nWHERE a.note = 'x;y' // not the end;\nRETURN a.id AS id;"
	if f.queries[0] != strings.TrimSuffix(want, ";") && f.queries[0] != want {
		t.Errorf("statement %q, want %q", f.queries[0], want)
	}
	if !strings.Contains(out, "kazakhstan") || !strings.Contains(errOut, "1 row(s)") {
		t.Errorf("out %q, errOut %q", out, errOut)
	}
	if sc.prompts[1] != "      | " || sc.prompts[0] != "relmap> " {
		t.Errorf("prompts %q", sc.prompts)
	}
	if !slices.Contains(sc.history, "MATCH (a:State) WHERE a.note = 'x;y' // not the end; RETURN a.id AS id;") {
		t.Errorf("history %q", sc.history)
	}
	if f.opts[0].Write {
		t.Error("ran in write mode")
	}
}

func TestSeveralStatementsOnOneLine(t *testing.T) {
	f := &fakeStore{}
	if _, _, _, err := runScript(t, f, true, "RETURN 1; RETURN 2; RETURN", "3;"); err != nil {
		t.Fatal(err)
	}
	if want := []string{"RETURN 1", "RETURN 2", "RETURN\n3"}; !slices.Equal(f.queries, want) {
		t.Errorf("ran %q, want %q", f.queries, want)
	}
}

func TestCtrlCDropsTheStatementBeingTyped(t *testing.T) {
	f := &fakeStore{}
	runScript(t, f, true, "MATCH (a)", "^C", "RETURN 1;")
	if want := []string{"RETURN 1"}; !slices.Equal(f.queries, want) {
		t.Errorf("ran %q, want %q", f.queries, want)
	}
}

func TestParamsAtAndFormat(t *testing.T) {
	f := &fakeStore{records: kz}
	out, errOut, _, err := runScript(t, f, true,
		":param org=csto", ":param n => 42", ":param l=[1, \"a\"]", ":at 2012-02", ":params", ":format json", "RETURN $org;")
	if err != nil {
		t.Fatal(err, errOut)
	}
	p := f.params[0]
	if p["org"] != "csto" || p["n"] != int64(42) || p["at"] != (graph.Date{Year: 2012, Month: 2, Day: 1}) {
		t.Errorf("params %#v", p)
	}
	for _, want := range []string{":at 2012-02-01", ":param n=42", ":param org=csto", `{"id":"kazakhstan"}`} {
		if !strings.Contains(out, want) {
			t.Errorf("out lacks %q:\n%s", want, out)
		}
	}
}

func TestBadCommandsAreErrorsThatDoNotEndTheShell(t *testing.T) {
	f := &fakeStore{}
	_, errOut, _, err := runScript(t, f, true, ":param 1x=2", ":at someday", ":format xml", ":nope", ":named nope", "RETURN 1;")
	if err != nil {
		t.Errorf("interactive: the shell said what failed, yet returns %v", err)
	}
	for _, want := range []string{"1x", ":at:", "xml", "unknown command :nope", `no named question "nope"`} {
		if !strings.Contains(errOut, want) {
			t.Errorf("errOut lacks %q:\n%s", want, errOut)
		}
	}
	if len(f.queries) != 1 {
		t.Errorf("ran %q", f.queries)
	}
}

func TestReadModeRefusesWritesUntilWrite(t *testing.T) {
	f := &fakeStore{}
	_, errOut, _, _ := runScript(t, f, true, "CREATE (n:X);", ":write", "CREATE (n:X);", ":read", "LOAD CSV FROM 'file:///x' AS r RETURN r;")
	// CREATE reaches the server in a read transaction, which refuses it;
	// LOAD CSV, which a read transaction allows, is refused before.
	if len(f.queries) != 2 || f.opts[0].Write || !f.opts[1].Write {
		t.Fatalf("ran %q with %+v", f.queries, f.opts)
	}
	if strings.Count(errOut, ":write allows it") != 1 {
		t.Errorf("errOut %s", errOut)
	}
}

func TestNamedTakesTheParametersItDeclares(t *testing.T) {
	f := &fakeStore{records: kz}
	_, errOut, _, err := runScript(t, f, true, ":param other=1", ":at 2012-02-01", ":named members-at org=csto")
	if err != nil || len(f.queries) != 1 {
		t.Fatalf("%v %s", err, errOut)
	}
	p := f.params[0]
	if p["org"] != "csto" || p["other"] != nil {
		t.Errorf("params %#v", p)
	}
	if _, ok := p["at"]; !ok {
		t.Errorf("no $at: %#v", p)
	}
	out, _, _, _ := runScript(t, &fakeStore{}, true, ":named")
	if !strings.Contains(out, "members-at") {
		t.Errorf(":named lists %q", out)
	}
	// A quoted value keeps its spaces: actors are named as on the command
	// line ("Collective Security Treaty").
	for _, line := range []string{`:named members-at org="Collective Security Treaty"  role='member'`, `:named members-at org='Collective Security Treaty' role="member"`} {
		f = &fakeStore{records: kz}
		if _, errOut, _, err := runScript(t, f, true, line); err != nil || len(f.queries) != 1 {
			t.Fatalf("%s: %v %s", line, err, errOut)
		}
		if p := f.params[0]; p["org"] != "Collective Security Treaty" || p["role"] != "member" {
			t.Errorf("%s: params %#v", line, p)
		}
	}
}

func TestSplitArgs(t *testing.T) {
	for in, want := range map[string]string{
		`a  b`:                        "a|b",
		`org="Collective Security" x`: `org="Collective Security"|x`,
		`s="say \"hi there\"" t`:      `s="say \"hi there\""|t`,
		`q='it is' r`:                 `q='it is'|r`,
		`  `:                          "",
	} {
		if got := strings.Join(splitArgs(in), "|"); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}

func TestScriptStopsAtFirstFailure(t *testing.T) {
	f := &fakeStore{err: errors.New("boom")}
	_, errOut, _, err := runScript(t, f, false, "RETURN 1;", "RETURN 2;")
	if err == nil || len(f.queries) != 1 || !strings.Contains(errOut, "boom") {
		t.Errorf("err %v, ran %q, errOut %q", err, f.queries, errOut)
	}
	_, errOut, _, _ = runScript(t, &fakeStore{}, false, "RETURN 1")
	if !strings.Contains(errOut, "no ';'") {
		t.Errorf("unterminated statement not reported: %q", errOut)
	}
}

func TestComplete(t *testing.T) {
	c := Completer{Actors: []string{"kazakhstan", "kyrgyzstan", "nato"}, Params: func() []string { return []string{"org", "at"} }}
	for _, tc := range []struct {
		line string
		want []string
	}{
		{":na", []string{":named"}},
		{":named members-", []string{"members-at"}},
		{":format js", []string{"json", "jsonl"}},
		{"MATCH (a:Sta", []string{"State"}},
		{"MATCH (a:Actor)-[r:MEMBER", []string{"MEMBER_OF"}},
		{"MATCH (a {id: 'k", []string{"kazakhstan", "kyrgyzstan"}},
		{"MATCH (a {id: 'kazakhstan'}) RETURN $o", []string{"org"}},
		{"MATCH (a {id: 'kazakhstan'}) RETURN k", nil},
	} {
		got, n := c.Complete([]rune(tc.line), len([]rune(tc.line)))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %q, want %q", tc.line, got, tc.want)
		}
		for _, g := range got {
			if !strings.HasSuffix(tc.line, g[:n]) {
				t.Errorf("%q: length %d does not fit %q", tc.line, n, g)
			}
		}
	}
}

func TestHistoryFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "relmap", "history")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("RETURN 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := prepareHistory(path); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, %v", fi.Mode(), err)
	}
	t.Setenv("XDG_STATE_HOME", "/x")
	if p, _ := HistoryPath(); p != filepath.Join("/x", "relmap", "history") {
		t.Errorf("HistoryPath %q", p)
	}
}

func TestEmptyNamedAnswerIsExplained(t *testing.T) {
	var o, e bytes.Buffer
	var asked map[string]any
	sc := &script{lines: []string{":named members-at org=kazakstan"}}
	f := &fakeStore{}
	sh, err := New(Config{Store: f, Lines: sc, Out: &o, ErrOut: &e, Prompt: true,
		Unanswered: func(_ context.Context, _ queries.Query, p map[string]any) error {
			asked = p
			return errors.New(`org: no actor has the id "kazakstan"`)
		}})
	if err != nil {
		t.Fatal(err)
	}
	sh.Run(context.Background())
	if asked["org"] != "kazakstan" || strings.Count(e.String(), "no actor has the id") != 1 {
		t.Errorf("asked %v, errOut %q", asked, e.String())
	}
	f.records = kz
	e.Reset()
	asked = nil
	sc.lines = []string{":named members-at org=csto"}
	sh.Run(context.Background())
	if asked != nil || strings.Contains(e.String(), "no actor") {
		t.Errorf("an answer with rows was explained: %v %q", asked, e.String())
	}
}

func TestLongHistoryStaysPrivateWhenReadlineRewritesIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "relmap", "history")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 600 { // over readline's limit of 500 entries
		fmt.Fprintf(&b, "RETURN %d;\n", i)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	term, err := NewTerminal(io.NopCloser(strings.NewReader("")), &out, &out, path, Completer{})
	if err != nil {
		t.Fatal(err)
	}
	term.Close()
	got, _ := os.ReadFile(path)
	if n := strings.Count(string(got), "\n"); n >= 600 {
		t.Fatalf("history not rewritten (%d lines): the test checks nothing", n)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("rewritten history: mode %v, %v", fi.Mode(), err)
	}
	if _, err := os.Stat(path + ".tmp"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary file left: %v", err)
	}
}

func TestHelpListsTheCommands(t *testing.T) {
	out, _, _, _ := runScript(t, &fakeStore{}, true, ":help")
	for _, c := range CommandNames() {
		if c != ":quit" && !strings.Contains(out, "  "+c) {
			t.Errorf(":help lacks %s:\n%s", c, out)
		}
	}
}
