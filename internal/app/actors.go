package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/usage"
)

// lookupError makes a name that fits no actor, or several, a mistake in the
// command line (exit 2); other errors pass as they are.
func lookupError(err error) error {
	if _, ok := err.(graph.LookupErrors); ok {
		return usage.Wrap(err)
	}
	if _, ok := err.(*graph.LookupError); ok {
		return usage.Wrap(err)
	}
	if _, ok := err.(*graph.DocumentError); ok {
		return usage.Wrap(err)
	}
	return err
}

// resolveNames turns the actor names parameters give into ids
// (graph.ResolveNames): ids cost nothing, other names one read of the
// graph's actors.
func resolveNames(ctx context.Context, s graph.Store, names map[string]string) (map[string]string, error) {
	ids, err := graph.ResolveNames(ctx, s, names)
	return ids, lookupError(err)
}

// findActors resolves a list of actor names (compare's, report's, timeline's
// and analyse's organisations) against the loaded data in hand.
func findActors(ds *graph.Dataset, names []string) ([]string, error) {
	if len(names) == 0 {
		return names, nil
	}
	ids, err := graph.NewLookup(ds.Actors).FindEach(names)
	return ids, lookupError(err)
}

// findOrgs finds the organisations a command compares, draws bands for or
// measures spheres of (compare, report, timeline, analyse) by id or name,
// and refuses one that nothing is a member of, as an empty answer
// (compare.CheckOrgs): its column, row or sphere would be empty on every
// day. It is checked on the whole dataset, before --confirmed-only leaves
// out what no source speaks for on a day.
func findOrgs(ds *graph.Dataset, names []string) ([]string, error) {
	ids, err := findActors(ds, names)
	if err != nil {
		return nil, err
	}
	return ids, compare.CheckOrgs(ds, ids)
}

// recheck looks into a named question's empty answer (queries.Query q with
// parameters p): ids to ask again with when a parameter was a name written
// like an id; an error when one names no actor or no document (exit 2),
// or when an argument names nothing to answer about (graph.EmptyError);
// nil, nil when the empty answer is the answer.
func recheck(ctx context.Context, s graph.Store, q queries.Query, p map[string]any) (map[string]string, error) {
	ids, err := graph.RecheckIDs(ctx, s, q.ActorIDs(p))
	if err != nil || ids != nil {
		return ids, lookupError(err)
	}
	return nil, lookupError(graph.ExplainEmptyIn(ctx, s, q.DocIDs(p), q.Asked(p), q.Day(p)))
}

// withIDs is p with the actor parameters set to ids.
func withIDs(p map[string]any, ids map[string]string) map[string]any {
	out := make(map[string]any, len(p))
	for k, v := range p {
		out[k] = v
	}
	for k, id := range ids {
		out[k] = id
	}
	return out
}

// namedFor says which names a recheck turned into which ids, for the
// shell, which does not ask again by itself.
func namedFor(p map[string]any, ids map[string]string) error {
	var parts []string
	for k, id := range ids {
		if p[k] != id {
			parts = append(parts, fmt.Sprintf("%s: %q is %s", k, p[k], id))
		}
	}
	sort.Strings(parts)
	return usage.Errorf("%s; ask again with the id", strings.Join(parts, "; "))
}
