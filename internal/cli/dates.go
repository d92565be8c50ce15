package cli

import (
	"context"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/usage"
)

// parseDay reads a --at style date with graph.ParseDay.
func parseDay(flag, s string) (graph.Date, error) {
	d, err := graph.ParseDay(s)
	if err != nil {
		return d, usage.Errorf("--%s: %v", flag, err)
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
		return nil, usage.Errorf("the graph holds no relmap data yet; run `relmap load` first")
	}
	return ds, nil
}

// withData runs fn on everything relmap loaded, as loadedData reads it.
func (g *Globals) withData(ctx context.Context, fn func(*graph.Dataset) error) error {
	return g.withStore(ctx, func(s graph.Store) error {
		ds, err := loadedData(ctx, s)
		if err != nil {
			return err
		}
		return fn(ds)
	})
}

// lowerAll lower-cases actor IDs given on the command line.
func lowerAll(ids []string) []string {
	for i := range ids {
		ids[i] = strings.ToLower(ids[i])
	}
	return ids
}

// writeOutput writes b to standard output for "-", otherwise to the file
// at path, atomically.
func (g *Globals) writeOutput(path string, b []byte) error {
	if path == "-" {
		_, err := g.Out.Write(b)
		return err
	}
	return writeFileAtomic(path, b)
}

// merged joins datasets into one view for questions that span them.
func merged(ds []*graph.Dataset) *graph.Dataset { return graph.Merge(ds) }
