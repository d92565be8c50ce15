package loadrun

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/usage"
)

func TestWriteSummary(t *testing.T) {
	var b bytes.Buffer
	WriteSummary(&b, graph.LoadSummary{DryRun: true, Datasets: []graph.DatasetChange{
		{Name: "a", Unchanged: true, Actors: graph.Change{Kept: 3}},
		{Name: "b", Ties: graph.Change{Created: 2, Removed: 9}, NeedsPrune: true, Details: []string{"remove tie x"}},
	}})
	for _, want := range []string{
		"dataset a: unchanged (0 documents, 3 actors, 0 ties)\n",
		"dataset b: would change\n",
		"  ties              2        0        9        0\n",
		"needs --prune (or relmap unload b)",
		"  remove tie x\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	WriteSummary(&b, graph.LoadSummary{Datasets: []graph.DatasetChange{{Name: "c", Details: []string{"hidden"}}}})
	if !strings.Contains(b.String(), "dataset c: loaded") || strings.Contains(b.String(), "hidden") {
		t.Errorf("a real load:\n%s", b.String())
	}
}

func TestLoadRefusesBadFlagsBeforeConnecting(t *testing.T) {
	g := &app.Env{Factory: func(context.Context, app.Conn) (graph.Store, error) {
		t.Fatal("connected")
		return nil, nil
	}}
	for _, o := range []Options{{LockTimeout: -1}, {BatchSize: -1}} {
		if err := Load(context.Background(), g, o); usage.ExitCode(err) != usage.ExitUsage {
			t.Errorf("%+v: %v", o, err)
		}
	}
	if err := Unload(context.Background(), g, UnloadOptions{Name: "x", LockTimeout: -1}); usage.ExitCode(err) != usage.ExitUsage {
		t.Errorf("unload: %v", err)
	}
}

// An unreachable database: the files' own problems come first, as they do
// when no database is needed to find them.
func TestFileProblemsBeforeAnUnreachableDatabase(t *testing.T) {
	dir := t.TempDir()
	var errOut bytes.Buffer
	g := &app.Env{Streams: app.Streams{ErrOut: &errOut}, URI: "bolt://127.0.0.1:1", DataDir: dir,
		Factory: func(context.Context, app.Conn) (graph.Store, error) { return nil, graph.ErrUnavailable }}
	err := Load(context.Background(), g, Options{Paths: []string{dir + "/missing.yaml"}})
	if usage.ExitCode(err) != usage.ExitUsage || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("got %v", err)
	}
}
