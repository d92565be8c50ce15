package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/loadplan"
)

// This file writes a load plan (see graph/loadplan) in batches.
// apply writes a plan for the dataset d. It leaves the dataset's record
// cleared: the caller records a complete load.
func (s *Store) apply(ctx context.Context, d *graph.Dataset, p *loadplan.Plan, opts graph.LoadOptions) error {
	dataset := d.Name
	total := int64(len(p.Documents.Write) + len(p.Actors.Write) + len(p.Ties.Write) + len(p.Documents.Remove) + len(p.Actors.Remove))
	for _, keys := range p.RemoveTies {
		total += int64(len(keys))
	}
	var done int64
	progress := func(n int) {
		done += int64(n)
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	// Forget the stored hashes first: from here until the end the graph may
	// be between two states, and the next load must not mistake it for
	// finished.
	if err := s.write(ctx, "MERGE (d:Dataset {name: $name}) SET d.hash = null, d.input = null", map[string]any{"name": dataset}); err != nil {
		return err
	}
	size := opts.BatchSize
	// Documents, then actors, then ties: each phase ends before the next
	// starts, so a tie's actors exist when its batch runs.
	err := s.runBatches(ctx, progress, func(yield func(batch) bool) {
		for _, b := range batches(len(p.Documents.Write), size) {
			rows := make([]map[string]any, 0, b[1]-b[0])
			for _, i := range p.Documents.Write[b[0]:b[1]] {
				rows = append(rows, documentProps(d.Documents[i]))
			}
			if !yield(batch{stmt: `UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d = row`,
				params: map[string]any{"rows": rows}, n: len(rows)}) {
				return
			}
		}
	})
	if err != nil {
		return err
	}
	// Actors, grouped by kind because a label cannot be a parameter. A changed
	// kind drops the other kind labels. Actors the dataset did not have are
	// CREATEd, as new ties are; an actor node with that id that the dataset
	// does not own (made by hand, or disowned by an earlier load) makes the
	// batch fail on the id's constraint, and it is run again as MERGE, which
	// takes the node over.
	err = s.runBatches(ctx, progress, func(yield func(batch) bool) {
		for _, k := range graph.Kinds {
			var group [2][]int // new, changed
			for j, i := range p.Actors.Write {
				if d.Actors[i].Kind != k.Kind {
					continue
				}
				if p.Actors.New[j] {
					group[0] = append(group[0], i)
				} else {
					group[1] = append(group[1], i)
				}
			}
			var others []string
			for _, o := range graph.Kinds {
				if o.Kind != k.Kind {
					others = append(others, o.Label)
				}
			}
			merge := fmt.Sprintf("UNWIND $rows AS row MERGE (a:%s {id: row.id}) SET a = row, a:%s REMOVE a:%s",
				graph.ActorLabel, k.Label, strings.Join(others, ":"))
			create := fmt.Sprintf("UNWIND $rows AS row CREATE (a:%s:%s) SET a = row", graph.ActorLabel, k.Label)
			for g, stmt := range []string{create, merge} {
				for _, b := range batches(len(group[g]), size) {
					rows := make([]map[string]any, 0, b[1]-b[0])
					for _, i := range group[g][b[0]:b[1]] {
						rows = append(rows, actorProps(d.Actors[i]))
					}
					if !yield(batch{stmt: stmt, retry: merge, params: map[string]any{"rows": rows}, n: len(rows)}) {
						return
					}
				}
			}
		}
	})
	if err != nil {
		return err
	}
	// Ties, grouped by relationship type for the same reason. Rows are built
	// a batch at a time, while the previous batch is on the server.
	typeIndex := make(map[graph.TieType]int, len(graph.TieTypes))
	for i, t := range graph.TieTypes {
		typeIndex[t.Type] = i
	}
	// created and updated ties of each type, as indexes into d.Ties
	groups := make([][2][]int, len(graph.TieTypes))
	for j, i := range p.Ties.Write {
		ti, ok := typeIndex[d.Ties[i].Type]
		if !ok {
			continue
		}
		g := 1
		if p.Ties.New[j] {
			g = 0
		}
		groups[ti][g] = append(groups[ti][g], i)
	}
	err = s.runBatches(ctx, progress, func(yield func(batch) bool) {
		for ti, t := range graph.TieTypes {
			for g, group := range groups[ti] {
				if len(group) == 0 {
					continue
				}
				attrs := tieAttrNames(t, d.Ties, group)
				create, merge := tieStatements(t, attrs)
				if g == 1 {
					create = merge // an update must find its relationship
				}
				for _, b := range batches(len(group), size) {
					rows := make([]any, 0, b[1]-b[0])
					for _, i := range group[b[0]:b[1]] {
						rows = append(rows, tieRow(t, &d.Ties[i], attrs))
					}
					params := map[string]any{"rows": rows, "ds": dataset, "type": string(t.Type)}
					if !yield(batch{stmt: create, retry: merge, params: params, n: len(rows)}) {
						return
					}
				}
			}
		}
	})
	if err != nil {
		return err
	}
	// Removals: ties first, then actors. An actor that still has relationships
	// relmap does not own keeps its node, disowned, so hand-made data survives.
	rels := make([]string, 0, len(p.RemoveTies))
	for rel := range p.RemoveTies {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		if _, ok := graph.TieTypeByRel(rel); !ok {
			continue
		}
		keys := p.RemoveTies[rel]
		stmt := fmt.Sprintf("UNWIND $keys AS k MATCH ()-[r:%s {key: k}]->() WHERE r.dataset = $ds DELETE r", rel)
		for _, b := range batches(len(keys), size) {
			if err := s.write(ctx, stmt, map[string]any{"keys": keys[b[0]:b[1]], "ds": dataset}); err != nil {
				return err
			}
			progress(b[1] - b[0])
		}
	}
	for _, b := range batches(len(p.Actors.Remove), size) {
		err := s.write(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id}) WHERE a.dataset = $ds
OPTIONAL MATCH (a)-[r]-() WITH a, count(r) AS n
FOREACH (_ IN CASE WHEN n = 0 THEN [1] ELSE [] END | DELETE a)
FOREACH (_ IN CASE WHEN n > 0 THEN [1] ELSE [] END | REMOVE a.dataset)`,
			map[string]any{"ids": p.Actors.Remove[b[0]:b[1]], "ds": dataset})
		if err != nil {
			return err
		}
		progress(b[1] - b[0])
	}
	if len(p.Documents.Remove) > 0 {
		err := s.write(ctx, "UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE d.dataset = $ds DETACH DELETE d",
			map[string]any{"ids": p.Documents.Remove, "ds": dataset})
		if err != nil {
			return err
		}
		progress(len(p.Documents.Remove))
	}
	return nil
}

// batch is one write transaction of a load.
type batch struct {
	stmt   string // the statement of the first attempt
	retry  string // the statement of later attempts; "" means stmt
	params map[string]any
	n      int // items, for progress
}

// Workers is the number of write sessions a load runs batches on at once.
// See BENCHMARKS.md for how it was chosen.
var Workers = 2

// runBatches writes the batches gen yields, on Workers sessions at once,
// each batch in its own transaction, and returns when all are written or
// the first fails. The next batch is prepared while the server works on the
// current ones. progress is called outside transactions, one call at a time.
func (s *Store) runBatches(ctx context.Context, progress func(int), gen func(yield func(batch) bool)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := max(Workers, 1)
	jobs := make(chan batch, workers)
	go func() {
		defer close(jobs)
		gen(func(b batch) bool {
			select {
			case jobs <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sess := s.session(ctx, neo4j.AccessModeWrite)
			defer sess.Close(context.WithoutCancel(ctx))
			for b := range jobs {
				err := s.writeBatch(ctx, sess, b)
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
					}
					cancel()
				} else if firstErr == nil {
					progress(b.n)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return firstErr
}

// writeBatch runs one batch in a managed transaction. A batch whose first
// attempt CREATEs is retried with its MERGE form: the driver retries after
// errors that may have followed a commit, and a MERGE finds what the first
// attempt wrote instead of writing it twice. A CREATE that fails on a
// uniqueness constraint (nothing of it was written) runs again as MERGE.
func (s *Store) writeBatch(ctx context.Context, sess neo4j.SessionWithContext, b batch) error {
	attempt := 0
	run := func(tx neo4j.ManagedTransaction) (any, error) {
		stmt := b.stmt
		if attempt > 0 && b.retry != "" {
			stmt = b.retry
		}
		attempt++
		r, err := tx.Run(ctx, stmt, b.params)
		if err != nil {
			return nil, err
		}
		_, err = r.Consume(ctx)
		return nil, err
	}
	_, err := sess.ExecuteWrite(ctx, run)
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed" && b.retry != "" && attempt == 1 {
		_, err = sess.ExecuteWrite(ctx, run)
	}
	return s.classify(err)
}

// tieColumns are the leading columns of a tie row; the type's attributes follow.
var tieColumns = []string{graph.PropKey, graph.PropSince, graph.PropSincePr, graph.PropUntil, graph.PropUntilPr,
	graph.PropNote, graph.PropSrcDoc, graph.PropSrcSect, graph.PropSrcEvid, graph.PropSources, graph.PropSrcCheck,
	graph.PropAttested, graph.PropAttestPr}

// tieStatements returns the statement that creates ties of type t known to
// be new, and the one that creates or updates them by key. Rows are lists of
// plain values (from, to, then tieColumns, then attrs): no per-row maps to
// encode and decode. A null column sets no property.
func tieStatements(t graph.TieTypeInfo, attrs []string) (create, merge string) {
	var props strings.Builder
	fmt.Fprintf(&props, "%s: $ds, %s: $type", graph.PropDataset, graph.PropTypeName)
	for i, c := range tieColumns {
		fmt.Fprintf(&props, ", %s: row[%d]", c, i+2)
	}
	for i, a := range attrs {
		fmt.Fprintf(&props, ", %s: row[%d]", quoteName(a), len(tieColumns)+2+i)
	}
	match := fmt.Sprintf("UNWIND $rows AS row\nMATCH (a:%[1]s {id: row[0]}) MATCH (b:%[1]s {id: row[1]})\n", graph.ActorLabel)
	create = match + fmt.Sprintf("CREATE (a)-[:%s {%s}]->(b)", t.RelType, props.String())
	merge = match + fmt.Sprintf("MERGE (a)-[r:%s {%s: row[2]}]->(b) SET r = {%s}", t.RelType, graph.PropKey, props.String())
	return create, merge
}

// tieAttrNames lists the attribute names the ties at indexes group use: the
// type's own, then any others, sorted.
func tieAttrNames(t graph.TieTypeInfo, ties []graph.Tie, group []int) []string {
	var names []string
	seen := map[string]bool{}
	for _, a := range t.Attrs {
		names = append(names, a.Name)
		seen[a.Name] = true
	}
	var extra []string
	for _, i := range group {
		for k := range ties[i].Attrs {
			if !seen[k] {
				seen[k] = true
				extra = append(extra, k)
			}
		}
	}
	sort.Strings(extra)
	return append(names, extra...)
}

// quoteName quotes a property name for Cypher.
func quoteName(n string) string {
	return "`" + strings.ReplaceAll(n, "`", "``") + "`"
}

// tieRow is a tie as a list of plain values, in tieStatements' column order.
func tieRow(t graph.TieTypeInfo, x *graph.Tie, attrs []string) []any {
	row := make([]any, 0, 2+len(tieColumns)+len(attrs))
	row = append(row, x.From, x.To, x.Key)
	row = appendDate(row, x.Since)
	row = appendDate(row, x.Until)
	row = append(row, optional(x.Note))
	docs, sects, evid, rendered := citationLists(x.Sources)
	row = append(row, docs, sects, evid, rendered)
	if checked := checkedList(x.Sources); checked != nil {
		row = append(row, checked)
	} else {
		row = append(row, nil)
	}
	if x.Attested.IsZero() {
		row = append(row, nil, nil)
	} else {
		row = append(row, dbtype.Date(x.Attested.Last()), string(x.Attested.Precision()))
	}
	for _, name := range attrs {
		v := x.Attrs[name]
		switch {
		case v == "":
			row = append(row, nil)
		case isIntAttr(t, name):
			n, _ := strconv.ParseInt(v, 10, 64)
			row = append(row, n)
		default:
			row = append(row, v)
		}
	}
	return row
}

func isIntAttr(t graph.TieTypeInfo, name string) bool {
	a, ok := t.Attr(name)
	return ok && a.Int
}

func appendDate(row []any, d graph.Date) []any {
	if d.IsZero() {
		return append(row, nil, nil)
	}
	return append(row, dbtype.Date(d.First()), string(d.Precision()))
}

func optional(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func batches(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}
