package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/loadplan"
)

// This file holds what a load reads from the graph to decide whether it may
// trust its records and whether its plan may be written.

// countsHold reports whether the graph still holds as many items of each
// named dataset as its last complete load recorded: a cheap check that lets
// a recorded hash stand for the graph's content, and sees items deleted by
// hand. Documents and actors are counted per dataset (actors through the
// dataset index); ties are counted all together from the server's count
// store, against the sum every dataset recorded, since counting one
// dataset's relationships would read them all. A tie made by hand with one
// of relmap's relationship types makes the counts disagree, which only
// costs a comparison item by item.
func (s *Store) countsHold(ctx context.Context, names []string) (bool, error) {
	rows, err := s.read(ctx, `MATCH (d:Dataset) WHERE d.name IN $names
CALL { WITH d MATCH (x:Document) WHERE x.dataset = d.name RETURN count(x) AS docs }
CALL { WITH d MATCH (a:Actor) WHERE a.dataset = d.name RETURN count(a) AS actors }
RETURN d.counts, docs, actors`, map[string]any{"names": names})
	if err != nil {
		return false, err
	}
	if len(rows) != len(names) {
		return false, nil
	}
	for _, r := range rows {
		counts, _ := r[0].([]any)
		if len(counts) != 3 || counts[0] != r[1] || counts[1] != r[2] {
			return false, nil
		}
	}
	var total strings.Builder
	total.WriteString("MATCH (d:Dataset) WITH sum(coalesce(d.counts[2], 0)) AS recorded\nCALL {\n")
	for i, t := range graph.TieTypes {
		if i > 0 {
			total.WriteString("  UNION ALL\n")
		}
		fmt.Fprintf(&total, "  MATCH ()-[r:%s]->() RETURN count(r) AS n\n", t.RelType)
	}
	total.WriteString("}\nRETURN recorded, sum(n)")
	rows, err = s.read(ctx, total.String(), nil)
	if err != nil || len(rows) != 1 {
		return false, err
	}
	return rows[0][0] == rows[0][1], nil
}

// keyBatch is how many ids one lookup of owners sends.
const keyBatch = 10_000

// checkOwners refuses a plan that would create in d an item that the graph
// holds for another dataset: writing it would take the item over (its
// dataset property rewritten), and a later load without it would delete it.
// Only the items the plan creates can be another's; the lookups go through
// the id constraints and the key indexes. Ties are looked up only when
// another dataset exists, so a first load into an empty graph costs nothing.
func (s *Store) checkOwners(ctx context.Context, d *graph.Dataset, p *loadplan.Plan) error {
	docs, actors, ties := p.Created(d)
	if len(docs)+len(actors)+len(ties) == 0 {
		return nil
	}
	o := loadplan.Owners{Documents: map[string]string{}, Actors: map[string]string{}, Ties: map[string]string{}}
	lookup := func(stmt string, ids []string, into map[string]string) error {
		for _, b := range batches(len(ids), keyBatch) {
			rows, err := s.read(ctx, stmt, map[string]any{"ids": ids[b[0]:b[1]], "ds": d.Name})
			if err != nil {
				return err
			}
			for _, r := range rows {
				id, _ := r[0].(string)
				owner, _ := r[1].(string)
				into[id] = owner
			}
		}
		return nil
	}
	err := lookup(`UNWIND $ids AS id MATCH (x:Document {id: id}) WHERE x.dataset <> $ds RETURN x.id, x.dataset`, docs, o.Documents)
	if err == nil {
		err = lookup(`UNWIND $ids AS id MATCH (x:Actor {id: id}) WHERE x.dataset <> $ds RETURN x.id, x.dataset`, actors, o.Actors)
	}
	if err != nil {
		return err
	}
	if len(ties) > 0 {
		rows, err := s.read(ctx, "MATCH (x:Dataset) WHERE x.name <> $ds RETURN count(x)", map[string]any{"ds": d.Name})
		if err != nil {
			return err
		}
		if n, _ := rows[0][0].(int64); n > 0 {
			rels := make([]string, 0, len(ties))
			for rel := range ties {
				rels = append(rels, rel)
			}
			sort.Strings(rels)
			for _, rel := range rels {
				if _, ok := graph.TieTypeByRel(rel); !ok {
					continue
				}
				stmt := fmt.Sprintf("UNWIND $ids AS k MATCH ()-[r:%s {key: k}]->() WHERE r.dataset <> $ds RETURN k, r.dataset", rel)
				if err := lookup(stmt, ties[rel], o.Ties); err != nil {
					return err
				}
			}
		}
	}
	return p.CheckOwners(docs, actors, ties, o)
}

// Known lists the actors and documents that datasets own in the graph.
func (s *Store) Known(ctx context.Context) (graph.KnownItems, error) {
	k := graph.KnownItems{Actors: map[string]graph.KnownActor{}, Documents: map[string]graph.KnownDocument{}}
	rows, err := s.read(ctx, `MATCH (a:Actor) WHERE a.dataset IS NOT NULL RETURN 0 AS k, a.id AS id, a.dataset AS ds, a.kind AS kind
UNION ALL
MATCH (d:Document) WHERE d.dataset IS NOT NULL RETURN 1 AS k, d.id AS id, d.dataset AS ds, d.published AS kind`, nil)
	if err != nil {
		return k, err
	}
	for _, r := range rows {
		id, _ := r[1].(string)
		ds, _ := r[2].(string)
		if r[0] == int64(0) {
			kind, _ := r[3].(string)
			k.Actors[id] = graph.KnownActor{Kind: graph.Kind(kind), Dataset: ds}
		} else {
			pub, _ := r[3].(string)
			published, _ := graph.ParseDate(pub)
			k.Documents[id] = graph.KnownDocument{Dataset: ds, Published: published}
		}
	}
	return k, nil
}
