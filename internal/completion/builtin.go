package completion

import (
	"context"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

// builtIn is the dataset built into the binary, read once, for completion:
// completing must not need a database.
var builtIn = sync.OnceValue(func() *graph.Dataset {
	ds, err := seed.LoadFS(seeds.FS)
	if err != nil {
		return &graph.Dataset{}
	}
	return graph.Merge(ds)
})

// builtInIDs lists the built-in actors' ids, of the given kinds (all when
// none is given).
func builtInIDs(kinds ...graph.Kind) []string {
	var out []string
	for _, a := range builtIn().Actors {
		if len(kinds) == 0 || slices.Contains(kinds, a.Kind) {
			out = append(out, a.ID)
		}
	}
	sort.Strings(out)
	return out
}

// regions lists the built-in states' regions, and all.
func regions() []string {
	seen := map[string]bool{"all": true}
	for _, a := range builtIn().Actors {
		if a.Region != "" {
			seen[a.Region] = true
		}
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// ActorIDs are the ids the shell completes: the built-in dataset's and
// whatever else the graph holds, when it answers quickly.
func ActorIDs(ctx context.Context, s graph.Store) []string {
	ids := builtInIDs()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	s.Query(ctx, "MATCH (a:"+graph.ActorLabel+") RETURN a.id AS id", nil, graph.QueryOptions{}, func(r graph.Record) error {
		if id, ok := r.Values[0].(string); ok {
			ids = append(ids, id)
		}
		return nil
	})
	sort.Strings(ids)
	return slices.Compact(ids)
}
