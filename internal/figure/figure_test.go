package figure

import (
	"context"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/usage"
)

func TestPrintFlagsRefuseWhatWouldBeIgnored(t *testing.T) {
	ok := []error{PrintFlags("png", 300, true, "", false), PrintFlags("pdf", 0, false, "a4", true), PrintFlags("svg", 0, false, "a4", false)}
	for i, err := range ok {
		if err != nil {
			t.Errorf("case %d: %v", i, err)
		}
	}
	bad := map[string]error{
		"--dpi is for PNG":  PrintFlags("svg", 300, true, "", false),
		"want 1 to 1200":    PrintFlags("png", 5000, true, "", false),
		"--page is for PDF": PrintFlags("png", 0, false, "a4", true),
		"want one of":       PrintFlags("pdf", 0, false, "folio", true),
	}
	for want, err := range bad {
		if err == nil || !strings.Contains(err.Error(), want) || usage.ExitCode(err) != usage.ExitUsage {
			t.Errorf("want %q, got %v", want, err)
		}
	}
}

func TestDrawDOTNeedsNoGraphviz(t *testing.T) {
	sg := render.Subgraph{Nodes: []graph.Actor{{ID: "kazakhstan", Name: "Kazakhstan", Kind: graph.KindState}}}
	b, err := Draw(context.Background(), sg, render.Options{Title: "t", Layout: "dot"}, "dot")
	if err != nil || !strings.Contains(string(b), "digraph") || !strings.Contains(string(b), "Kazakhstan") {
		t.Errorf("err %v:\n%s", err, b)
	}
}
