package completion

import (
	"context"
	"slices"
	"testing"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
)

func TestFormatsOfReadsTheHelp(t *testing.T) {
	cases := map[string][]string{
		"table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)": {"table", "csv", "tsv", "json", "jsonl"},
		"graphml|gexf|json|csv":        {"graphml", "gexf", "json", "csv"},
		"html or pdf; default from -o": {"html", "pdf"},
	}
	for usage, want := range cases {
		if got := formatsOf(usage); !slices.Equal(got, want) {
			t.Errorf("formatsOf(%q) = %q, want %q", usage, got, want)
		}
	}
}

func TestBuiltInValues(t *testing.T) {
	orgs := builtInIDs(graph.KindOrganisation)
	for _, want := range []string{"nato", "csto", "sco"} {
		if !slices.Contains(orgs, want) {
			t.Errorf("organisations lack %s: %q", want, orgs)
		}
	}
	if slices.Contains(orgs, "kazakhstan") || !slices.IsSorted(orgs) {
		t.Errorf("organisations: %q", orgs)
	}
	if rs := regions(); !slices.Contains(rs, "all") || !slices.Contains(rs, graph.RegionCentralAsia) {
		t.Errorf("regions: %q", rs)
	}
}

func TestRegisterCompletesByFlagName(t *testing.T) {
	root := &cobra.Command{Use: "x"}
	cmd := &cobra.Command{Use: "compare [ORG...]", Run: func(*cobra.Command, []string) {}}
	cmd.Flags().String("format", "", "table, csv or json (default: table)")
	cmd.Flags().String("region", "", "")
	root.AddCommand(cmd)
	Register(root)
	fn, ok := cmd.GetFlagCompletionFunc("format")
	if !ok {
		t.Fatal("--format has no completion")
	}
	if got, _ := fn(cmd, nil, ""); !slices.Equal(got, []string{"table", "csv", "json"}) {
		t.Errorf("--format completes %q", got)
	}
	if fn, ok := cmd.GetFlagCompletionFunc("region"); !ok {
		t.Error("--region has no completion")
	} else if got, _ := fn(cmd, nil, ""); !slices.Contains(got, "central-asia") {
		t.Errorf("--region completes %q", got)
	}
	if cmd.ValidArgsFunction == nil {
		t.Fatal("[ORG...] has no completion")
	}
	if got, _ := cmd.ValidArgsFunction(cmd, nil, ""); !slices.Contains(got, "nato") {
		t.Errorf("[ORG...] completes %q", got)
	}
}

// ActorIDs falls back on the built-in ids when the graph does not answer.
func TestActorIDsWithoutAGraph(t *testing.T) {
	ids := ActorIDs(context.Background(), failingStore{})
	if !slices.Contains(ids, "kazakhstan") || !slices.IsSorted(ids) {
		t.Errorf("ids: %d, sorted %v", len(ids), slices.IsSorted(ids))
	}
}

type failingStore struct{ graph.Store }

func (failingStore) Query(context.Context, string, map[string]any, graph.QueryOptions, func(graph.Record) error) (graph.QuerySummary, error) {
	return graph.QuerySummary{}, graph.ErrUnavailable
}
