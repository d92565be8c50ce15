package app

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/usage"
)

// unknownActorsCypher finds, for each wanted id that names no actor, the
// actors it may have meant: the same id, short name or name in another case,
// or else ids that begin with it.
var unknownActorsCypher = fmt.Sprintf(`UNWIND $ids AS wanted
OPTIONAL MATCH (a:%[1]s {id: wanted})
WITH wanted, a
WHERE a IS NULL
OPTIONAL MATCH (b:%[1]s)
WHERE toLower(b.id) = toLower(wanted) OR toLower(coalesce(b.short, '')) = toLower(wanted)
   OR toLower(b.name) = toLower(wanted)
WITH wanted, b ORDER BY b.id
WITH wanted, [x IN collect(b.id) WHERE x IS NOT NULL] AS same
OPTIONAL MATCH (c:%[1]s)
WHERE size(same) = 0 AND size(wanted) >= 3 AND c.id STARTS WITH toLower(wanted)
WITH wanted, same, c ORDER BY c.id
WITH wanted, same, [x IN collect(c.id) WHERE x IS NOT NULL] AS prefixed
RETURN wanted, CASE WHEN size(same) > 0 THEN same ELSE prefixed[..4] END AS maybe`, graph.ActorLabel)

// UnknownActors explains an empty answer whose parameters name actors (by
// parameter: the id given): a typo in an id otherwise looks just like an
// actor without ties. It returns a usage error naming each id that is no
// actor's, with what it may have meant, or nil when every id is known.
func UnknownActors(ctx context.Context, s graph.Store, ids map[string]string) error {
	if len(ids) == 0 {
		return nil
	}
	byID := map[string][]string{} // the parameters giving each id
	var list []any
	for name, id := range ids {
		if byID[id] == nil {
			list = append(list, id)
		}
		byID[id] = append(byID[id], name)
	}
	var problems []string
	_, err := s.Query(ctx, unknownActorsCypher, map[string]any{"ids": list}, graph.QueryOptions{}, func(r graph.Record) error {
		if len(r.Values) != 2 {
			return nil
		}
		id, _ := r.Values[0].(string)
		names := byID[id]
		sort.Strings(names)
		msg := fmt.Sprintf("%s: no actor has the id %q", strings.Join(names, ", "), id)
		var alts []string
		if l, ok := r.Values[1].([]any); ok {
			for _, x := range l {
				alts = append(alts, fmt.Sprint(x))
			}
		}
		if len(alts) > 0 {
			msg += " (did you mean " + strings.Join(alts, ", ") + "?)"
		}
		problems = append(problems, msg)
		return nil
	})
	if err != nil || len(problems) == 0 {
		// The check is an explanation; if it cannot run, the empty answer stands.
		return nil
	}
	sort.Strings(problems)
	return usage.Errorf("%s; ids are lower-case, and `relmap query --named actors-by-kind --param kind=KIND` lists them", strings.Join(problems, "; "))
}
