package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/loadplan"
)

// Unload removes a dataset: the plan of loading it empty, written as a load
// writes, then its Dataset node. An interrupted unload leaves the dataset
// recorded as incomplete, and running it again finishes it.
func (s *Store) Unload(ctx context.Context, name string, opts graph.LoadOptions) (graph.DatasetChange, error) {
	ch := graph.DatasetChange{Name: name}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if !opts.DryRun {
		if err := s.EnsureSchema(ctx); err != nil {
			return ch, err
		}
		unlock, err := s.lock(ctx, opts)
		if err != nil {
			return ch, err
		}
		defer unlock()
	}
	cur, err := s.Snapshot(ctx, name)
	if err != nil {
		return ch, err
	}
	if len(cur) == 0 {
		rows, err := s.read(ctx, "MATCH (d:Dataset) RETURN d.name ORDER BY d.name", nil)
		if err != nil {
			return ch, err
		}
		var names []string
		for _, r := range rows {
			n, _ := r[0].(string)
			names = append(names, n)
		}
		held := "none"
		if len(names) > 0 {
			held = strings.Join(names, ", ")
		}
		return ch, fmt.Errorf("the graph holds no dataset %s (it holds: %s); nothing was written", name, held)
	}
	empty := &graph.Dataset{Name: name}
	p := loadplan.Diff(cur[0], empty, opts.DryRun)
	ch.Documents, ch.Actors, ch.Ties, ch.Details = p.Documents.Change, p.Actors.Change, p.Ties.Change, p.Details
	if opts.DryRun {
		return ch, nil
	}
	if err := s.apply(ctx, empty, &p, opts); err != nil {
		return ch, err
	}
	return ch, s.write(ctx, "MATCH (d:Dataset {name: $name}) DELETE d", map[string]any{"name": name})
}
