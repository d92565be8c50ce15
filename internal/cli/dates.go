package cli

import (
	"context"

	"github.com/relmap/relmap/graph"
)

// parseDay reads a --at style date with graph.ParseDay.
func parseDay(flag, s string) (graph.Date, error) {
	d, err := graph.ParseDay(s)
	if err != nil {
		return d, usagef("--%s: %v", flag, err)
	}
	return d, nil
}

// loadedData reads everything relmap loaded into one dataset, refusing an
// empty graph with the way out.
func loadedData(ctx context.Context, s graph.Store) (*graph.Dataset, error) {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	ds := merged(snap)
	if len(ds.Actors) == 0 {
		return nil, usagef("the graph holds no relmap data yet; run `relmap load` first")
	}
	return ds, nil
}

// merged joins datasets into one view for questions that span them.
func merged(ds []*graph.Dataset) *graph.Dataset {
	out := &graph.Dataset{Name: "all"}
	seen := map[string]bool{}
	for _, d := range ds {
		out.Documents = append(out.Documents, d.Documents...)
		for _, a := range d.Actors {
			if !seen[a.ID] {
				seen[a.ID] = true
				out.Actors = append(out.Actors, a)
			}
		}
		out.Ties = append(out.Ties, d.Ties...)
	}
	out.Sort()
	return out
}
