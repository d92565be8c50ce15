package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/usage"
)

// noStore is an Env whose store must not be opened: the options are
// refused before anything connects.
func noStore(t *testing.T) *Env {
	return &Env{Streams: Streams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}},
		Factory: func(context.Context, Conn) (graph.Store, error) {
			t.Fatal("the store was opened")
			return nil, nil
		}}
}

func TestOptionsAreRefusedBeforeConnecting(t *testing.T) {
	ctx := context.Background()
	for name, err := range map[string]error{
		"export format":       Export(ctx, noStore(t), ExportOptions{Format: "xml", Output: "x"}),
		"export csv to -":     Export(ctx, noStore(t), ExportOptions{Format: "csv", Output: "-"}),
		"export confirmed":    Export(ctx, noStore(t), ExportOptions{Format: "json", Output: "-", ConfirmedOnly: true}),
		"compare from alone":  Compare(ctx, noStore(t), CompareOptions{From: "2001", FromGiven: true, Format: "csv"}),
		"compare at and from": Compare(ctx, noStore(t), CompareOptions{At: "2001", AtGiven: true, From: "2001", FromGiven: true, To: "2002", ToGiven: true, Format: "csv"}),
		"compare format":      Compare(ctx, noStore(t), CompareOptions{At: "today", Format: "xml"}),
		"report extension":    Report(ctx, noStore(t), ReportOptions{Output: "r.txt", At: "today"}),
		"report format":       Report(ctx, noStore(t), ReportOptions{Output: "-", Format: "doc", At: "today"}),
		"explore extension":   Explore(ctx, noStore(t), ExploreOptions{Output: "e.svg", At: "today"}),
		"timeline no output":  Timeline(ctx, noStore(t), TimelineOptions{To: "today"}),
		"timeline format":     Timeline(ctx, noStore(t), TimelineOptions{Output: "t.png", To: "today"}),
		"analyse top":         Analyse(ctx, noStore(t), AnalyseOptions{At: "today", Top: -1, Format: "csv"}),
		"render extension":    Render(ctx, noStore(t), RenderOptions{Output: "r.jpg", Layout: "auto", Renderer: "auto"}),
		"render layout":       Render(ctx, noStore(t), RenderOptions{Output: "r.svg", Layout: "grid", Renderer: "auto"}),
		"render dpi on svg":   Render(ctx, noStore(t), RenderOptions{Output: "r.svg", Layout: "auto", Renderer: "auto", DPI: 90, DPIGiven: true}),
		"query limit":         Query(ctx, noStore(t), QueryOptions{Cypher: "RETURN 1", CypherGiven: true, Limit: -1}),
		"query read mode":     Query(ctx, noStore(t), QueryOptions{Cypher: "LOAD CSV FROM 'file:///x' AS r RETURN r", CypherGiven: true, Format: "csv"}),
		"synth size":          Synth(noStore(t), SynthOptions{Actors: 3}),
		"db start port":       DBStart(ctx, noStore(t), DBStartOptions{Port: 70000}),
	} {
		// Read mode refuses a statement as the database would (exit 5);
		// every other case is a mistake on the command line (exit 2).
		want := usage.ExitUsage
		if name == "query read mode" {
			want = usage.ExitQuery
		}
		if code := usage.ExitCode(err); code != want {
			t.Errorf("%s: %v (exit %d, want %d)", name, err, code, want)
		}
	}
}

func TestSelectDatasetsAndTiesAt(t *testing.T) {
	a := &graph.Dataset{Name: "a", Ties: []graph.Tie{
		{Key: "old", Since: graph.MustDate("2001-01-01"), Until: graph.MustDate("2005-01-01")},
		{Key: "open", Since: graph.MustDate("2003-01-01")},
	}}
	b := &graph.Dataset{Name: "b"}
	got, missing := selectDatasets([]*graph.Dataset{b, a}, nil)
	if missing != "" || len(got) != 2 || got[0].Name != "a" {
		t.Errorf("all: %v %q", got, missing)
	}
	if got, _ = selectDatasets([]*graph.Dataset{b, a}, []string{"b", "b"}); len(got) != 1 || got[0] != b {
		t.Errorf("b twice: %v", got)
	}
	if _, missing = selectDatasets([]*graph.Dataset{a}, []string{"a", "c"}); missing != "c" {
		t.Errorf("missing %q", missing)
	}
	at := tiesAt([]*graph.Dataset{a}, graph.MustDate("2006-01-01"))
	if len(at[0].Ties) != 1 || at[0].Ties[0].Key != "open" || len(a.Ties) != 2 {
		t.Errorf("ties at 2006: %v (original %d)", at[0].Ties, len(a.Ties))
	}
}

func TestSeedTypesAndStats(t *testing.T) {
	var out bytes.Buffer
	if err := SeedTypes(&out); err != nil {
		t.Fatal(err)
	}
	for _, k := range graph.Kinds {
		if !strings.Contains(out.String(), string(k.Kind)) {
			t.Errorf("types lack kind %s", k.Kind)
		}
	}
	out.Reset()
	g := &Env{Streams: Streams{Out: &out, ErrOut: &bytes.Buffer{}}}
	if err := SeedStats(g, nil); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dataset relmap-core", "  actors: state", "ties without a source", "confirmed (a source attests them"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("stats lack %q", want)
		}
	}
}

func TestListAndShowQueries(t *testing.T) {
	var out bytes.Buffer
	// Piped: CSV, not a table.
	g := &Env{Streams: Streams{Out: &out, ErrOut: &bytes.Buffer{}}}
	if err := ListQueries(g, ListOptions{}); err != nil || !strings.Contains(out.String(), "\nmembers-at,") || !strings.HasPrefix(out.String(), "name,parameters,description\n") {
		t.Errorf("list piped: %v\n%s", err, out.String())
	}
	// On a terminal: a table cut to its width.
	out.Reset()
	g.OutTTY, g.OutWidth = true, 60
	if err := ListQueries(g, ListOptions{}); err != nil || !strings.HasPrefix(out.String(), "name ") {
		t.Errorf("list on a terminal: %v\n%s", err, out.String())
	}
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if utf8.RuneCountInString(l) > 60 {
			t.Errorf("a line wider than the terminal: %q", l)
		}
	}
	out.Reset()
	if err := ListQueries(g, ListOptions{Format: "markdown"}); err != nil || !strings.Contains(out.String(), "| members-at |") {
		t.Errorf("list as markdown: %v\n%s", err, out.String())
	}
	out.Reset()
	if err := ShowQuery(&out, "members-at"); err != nil || !strings.Contains(out.String(), "// name: members-at\n") || !strings.Contains(out.String(), "$org") {
		t.Errorf("show: %v\n%s", err, out.String())
	}
	if err := ShowQuery(&out, "nope"); usage.ExitCode(err) != usage.ExitUsage {
		t.Errorf("unknown: %v", err)
	}
}

func TestDBEnvQuotesForTheShell(t *testing.T) {
	if got := shellQuote(`it's $HOME`); got != `'it'\''s $HOME'` {
		t.Errorf("shellQuote: %s", got)
	}
	dir := t.TempDir()
	var out, errOut bytes.Buffer
	g := &Env{Streams: Streams{Out: &out, ErrOut: &errOut}, DataDir: dir}
	if err := DBEnv(g, false); err == nil || !strings.Contains(err.Error(), "relmap db start") {
		t.Errorf("no state: %v", err)
	}
	if err := DBStatus(context.Background(), g); usage.ExitCode(err) != usage.ExitUnavailable || !strings.Contains(out.String(), "status: stopped") {
		t.Errorf("status: %v, %q", err, out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, localdb.StateFileName)); err == nil {
		t.Error("status wrote a state file")
	}
}
