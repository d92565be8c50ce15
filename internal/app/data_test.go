package app

import (
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
)

// --confirmed-only on a drawing leaves out the ties no source speaks for
// and the actors only they brought in; when none is left, the day is past
// the sources, and that is said rather than drawn as unconnected actors.
func TestConfirmedOnlyDrawing(t *testing.T) {
	tie := func(from, to, since, attested string) graph.Tie {
		return graph.Tie{Type: graph.TieMemberOf, From: from, To: to, Since: graph.MustDate(since), Attested: graph.MustDate(attested)}
	}
	actor := func(id string) graph.Actor { return graph.Actor{ID: id} }
	sg := render.Subgraph{
		Nodes: []graph.Actor{actor("nato"), actor("kazakhstan"), actor("belgium"), actor("alone")},
		Edges: []graph.Tie{tie("kazakhstan", "nato", "1994", "2012"), tie("belgium", "nato", "1949", "2026-12")},
	}
	got, err := ConfirmedOnly(true).Drawing(sg, graph.MustDate("2020-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, a := range got.Nodes {
		ids = append(ids, a.ID)
	}
	if strings.Join(ids, " ") != "nato belgium alone" || len(got.Edges) != 1 {
		t.Errorf("2020: nodes %v, %d edges", ids, len(got.Edges))
	}
	_, err = ConfirmedOnly(true).Drawing(sg, graph.MustDate("2030-01-01"))
	var ee *graph.EmptyError
	if !errors.As(err, &ee) || !strings.Contains(err.Error(), "no tie of the figure is confirmed on 2030-01-01: their sources speak up to 2026-12") {
		t.Errorf("2030: %v", err)
	}
	if got, err := ConfirmedOnly(false).Drawing(sg, graph.MustDate("2030-01-01")); err != nil || len(got.Nodes) != 4 || len(got.Edges) != 2 {
		t.Errorf("without the flag: %+v, %v", got, err)
	}
}
