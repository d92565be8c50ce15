package report

import (
	"context"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/report/reporttest"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// The report of the built-in dataset has the network's map after its
// legs, with the outlines beneath and their clip path renamed with the
// figure; a dataset without coordinates has no map.
func TestReportHasTheMap(t *testing.T) {
	sets := seedtest.Sets(t)
	rep, err := Build(context.Background(), sets[0], defaults())
	if err != nil {
		t.Fatal(err)
	}
	at := -1
	for i, d := range rep.Diagrams {
		if d.ID == "fig-map" {
			at = i
			svg := string(d.SVG)
			for _, want := range []string{"Lambert conformal conic", "Natural Earth", `id="fig-map-relmap-map-frame"`, "Termez"} {
				if !strings.Contains(svg, want) {
					t.Errorf("the map lacks %q", want)
				}
			}
		}
	}
	if at < 1 || rep.Diagrams[at-1].ID != "fig-network" {
		t.Errorf("the map is not right after the network's legs (at %d)", at)
	}
	rep, err = Build(context.Background(), reporttest.Dataset(), defaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagrams {
		if d.ID == "fig-map" {
			t.Error("a map drawn for a dataset without coordinates")
		}
	}
}
