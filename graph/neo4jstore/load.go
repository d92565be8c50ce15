package neo4jstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
)

// DefaultBatchSize is the number of rows per UNWIND statement; see
// BENCHMARKS.md for how it was chosen.
const DefaultBatchSize = 5000

// schemaStatements are idempotent, so every load may run them.
func schemaStatements() []string {
	stmts := []string{
		"CREATE CONSTRAINT relmap_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
		"CREATE CONSTRAINT relmap_document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
		"CREATE CONSTRAINT relmap_dataset_name IF NOT EXISTS FOR (d:Dataset) REQUIRE d.name IS UNIQUE",
		"CREATE INDEX relmap_actor_dataset IF NOT EXISTS FOR (a:Actor) ON (a.dataset)",
		"CREATE CONSTRAINT relmap_lock_name IF NOT EXISTS FOR (l:RelmapLock) REQUIRE l.name IS UNIQUE",
		"MERGE (:RelmapLock {name: 'load'})",
	}
	for _, t := range graph.TieTypes {
		stmts = append(stmts, fmt.Sprintf("CREATE INDEX relmap_%s_key IF NOT EXISTS FOR ()-[r:%s]-() ON (r.key)",
			strings.ToLower(t.RelType), t.RelType))
	}
	return stmts
}

// EnsureSchema creates relmap's constraints and indexes if they are missing.
func (s *Store) EnsureSchema(ctx context.Context) error {
	stmts := schemaStatements()
	if present, err := s.schemaPresent(ctx, stmts); err == nil && present {
		return nil // else the statements say what is wrong, if anything
	}
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, stmt := range stmts {
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			r, err := tx.Run(ctx, stmt, nil)
			if err != nil {
				return nil, err
			}
			_, err = r.Consume(ctx)
			return nil, err
		})
		if err != nil {
			return s.classify(err)
		}
	}
	return nil
}

// schemaPresent reports whether every constraint and index the statements
// create exists, and the lock node too: one read instead of a transaction
// per statement, which took most of a second on every load.
func (s *Store) schemaPresent(ctx context.Context, stmts []string) (bool, error) {
	var want []string
	for _, stmt := range stmts {
		if f := strings.Fields(stmt); len(f) > 2 && f[0] == "CREATE" {
			want = append(want, f[2])
		}
	}
	present := map[string]bool{}
	for _, show := range []string{"SHOW CONSTRAINTS YIELD name", "SHOW INDEXES YIELD name"} {
		rows, err := s.read(ctx, show+" WHERE name STARTS WITH 'relmap_' RETURN name", nil)
		if err != nil {
			return false, err
		}
		for _, r := range rows {
			name, _ := r[0].(string)
			present[name] = true
		}
	}
	for _, name := range want {
		if !present[name] {
			return false, nil
		}
	}
	rows, err := s.read(ctx, "MATCH (l:RelmapLock {name: 'load'}) RETURN count(l)", nil)
	if err != nil || len(rows) == 0 {
		return false, err
	}
	n, _ := rows[0][0].(int64)
	return n > 0, nil
}

// read runs a read statement and returns every record's values.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([][]any, error) {
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	res, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		var rows [][]any
		for r.Next(ctx) {
			rows = append(rows, r.Record().Values)
		}
		return rows, r.Err()
	})
	if err != nil {
		return nil, s.classify(err)
	}
	rows, _ := res.([][]any)
	return rows, nil
}

// write runs one write statement in its own transaction.
func (s *Store) write(ctx context.Context, cypher string, params map[string]any) error {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		r, err := tx.Run(ctx, cypher, params)
		if err != nil {
			return nil, err
		}
		_, err = r.Consume(ctx)
		return nil, err
	})
	return s.classify(err)
}

// Fingerprint hashes every dataset relmap owns in the database.
func (s *Store) Fingerprint(ctx context.Context) (graph.Fingerprint, error) {
	ds, err := s.Snapshot(ctx)
	if err != nil {
		return graph.Fingerprint{}, err
	}
	return graph.FingerprintOf(ds), nil
}

// Snapshot reads relmap-owned content back into datasets. It reads in one
// transaction, so the datasets are consistent, and turns each record into an
// item as it arrives instead of holding every record first. One statement
// rather than one per kind of item: each costs a round trip and the
// server's per-statement time, which on a small graph was most of the read.
func (s *Store) Snapshot(ctx context.Context, names ...string) ([]*graph.Dataset, error) {
	var filter any
	if len(names) > 0 {
		filter = names
	}
	var by map[string]*graph.Dataset
	get := func(name string) *graph.Dataset {
		d := by[name]
		if d == nil {
			d = &graph.Dataset{Name: name}
			by[name] = d
		}
		return d
	}
	// Column k says which part a row belongs to.
	const snapshot = `MATCH (d:Document) WHERE d.dataset IS NOT NULL AND ($names IS NULL OR d.dataset IN $names)
RETURN 0 AS k, properties(d) AS p, null AS t, null AS a, null AS b
UNION ALL
MATCH (x:Actor) WHERE x.dataset IS NOT NULL AND ($names IS NULL OR x.dataset IN $names)
RETURN 1 AS k, properties(x) AS p, null AS t, null AS a, null AS b
UNION ALL
MATCH (x:Actor)-[r]->(y:Actor) WHERE r.dataset IS NOT NULL AND ($names IS NULL OR r.dataset IN $names)
RETURN 2 AS k, properties(r) AS p, type(r) AS t, x.id AS a, y.id AS b
UNION ALL
// Datasets recorded without content (everything removed) still exist.
MATCH (d:Dataset) WHERE $names IS NULL OR d.name IN $names
RETURN 3 AS k, null AS p, d.name AS t, null AS a, null AS b`
	each := func(v []any) {
		k, _ := v[0].(int64)
		switch k {
		case 0:
			doc := graph.DocumentFromProps(propsFromDriver(v[1].(map[string]any)))
			d := get(doc.Dataset)
			d.Documents = append(d.Documents, doc)
		case 1:
			a := graph.ActorFromProps(nil, propsFromDriver(v[1].(map[string]any)))
			d := get(a.Dataset)
			d.Actors = append(d.Actors, a)
		case 2:
			t, ok := graph.TieFromProps(v[2].(string), propsFromDriver(v[1].(map[string]any)))
			t.From, t.To = v[3].(string), v[4].(string)
			if !ok {
				return // a relationship type relmap does not define: not ours
			}
			d := get(t.Dataset)
			d.Ties = append(d.Ties, t)
		case 3:
			get(v[2].(string))
		}
	}
	sess := s.session(ctx, neo4j.AccessModeRead)
	defer sess.Close(ctx)
	_, err := sess.ExecuteRead(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
		by = map[string]*graph.Dataset{} // a retry starts again
		r, err := tx.Run(ctx, snapshot, map[string]any{"names": filter})
		if err != nil {
			return nil, err
		}
		for r.Next(ctx) {
			each(r.Record().Values)
		}
		return nil, r.Err()
	})
	if err != nil {
		return nil, s.classify(err)
	}
	out := make([]*graph.Dataset, 0, len(by))
	for _, d := range by {
		d.Sort()
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// storedHash returns the content hash recorded by the last complete load.
func (s *Store) storedHash(ctx context.Context, name string) (string, error) {
	rows, err := s.read(ctx, "MATCH (d:Dataset {name: $name}) RETURN d.hash", map[string]any{"name": name})
	if err != nil || len(rows) == 0 {
		return "", err
	}
	h, _ := rows[0][0].(string)
	return h, nil
}

// inputFormat versions what a load writes for a given input: a relmap that
// writes the graph differently changes it, so that its first load of files
// an older relmap loaded is not skipped as unchanged.
const inputFormat = "1"

func storedInput(input string) any {
	if input == "" {
		return nil
	}
	return inputFormat + ":" + input
}

// LoadedInput reports whether the datasets made from the input files whose
// hash is input (see seed.InputHash) were last loaded completely from those
// same files, and if so what each holds. Each load records the hash with its
// content hash, and clears both before its first write, so an interrupted
// load never matches.
func (s *Store) LoadedInput(ctx context.Context, input string) (graph.LoadSummary, bool, error) {
	sum := graph.LoadSummary{Unchanged: true}
	if input == "" {
		return sum, false, nil
	}
	rows, err := s.read(ctx, `MATCH (d:Dataset) WHERE d.input = $input AND d.hash IS NOT NULL
RETURN d.name, d.input_datasets, d.counts ORDER BY d.name`, map[string]any{"input": storedInput(input)})
	if err != nil || len(rows) == 0 {
		return sum, false, err
	}
	// Every dataset the input made must still hold it: loading other files
	// since into one of them records their input on it instead.
	var names []string
	for _, r := range rows {
		name, _ := r[0].(string)
		names = append(names, name)
	}
	for _, r := range rows {
		want := strList(r[1])
		counts, _ := r[2].([]any)
		if !slices.Equal(want, names) || len(counts) != 3 {
			return sum, false, nil
		}
		ch := graph.DatasetChange{Name: r[0].(string), Unchanged: true}
		n := make([]int, 3)
		for i, c := range counts {
			v, _ := c.(int64)
			n[i] = int(v)
		}
		ch.Documents.Kept, ch.Actors.Kept, ch.Ties.Kept = n[0], n[1], n[2]
		sum.Datasets = append(sum.Datasets, ch)
	}
	return sum, true, nil
}

// Load makes each dataset in the graph equal to ds.
//
// The dataset's content hash is written last, so a load interrupted at any
// point leaves a hash that does not match and the next load compares item by
// item and converges. Documents, actors and changed ties are MERGEd on their
// identity. Ties the comparison found missing are CREATEd, which is safe
// because the comparison reads the graph after taking the load lock, so it
// sees whatever an interrupted load wrote; a batch the driver retries (its
// first attempt may have committed) runs as MERGE instead.
func (s *Store) Load(ctx context.Context, ds []*graph.Dataset, opts graph.LoadOptions) (graph.LoadSummary, error) {
	sum := graph.LoadSummary{DryRun: opts.DryRun, Unchanged: true}
	if opts.BatchSize <= 0 {
		opts.BatchSize = DefaultBatchSize
	}
	if !opts.DryRun {
		if err := s.EnsureSchema(ctx); err != nil {
			return sum, err
		}
		unlock, err := s.lock(ctx)
		if err != nil {
			return sum, err
		}
		defer unlock()
	}
	rec := record{input: storedInput(opts.Input)}
	for _, d := range ds {
		rec.datasets = append(rec.datasets, d.Name)
	}
	slices.Sort(rec.datasets)
	for _, d := range ds {
		ch, err := s.loadOne(ctx, d, opts, rec)
		if err != nil {
			return sum, err
		}
		if !ch.Unchanged {
			sum.Unchanged = false
		}
		sum.Datasets = append(sum.Datasets, ch)
	}
	return sum, nil
}

// record is what a complete load notes on each Dataset node besides its
// content hash: the input it came from (see LoadedInput), the names of all
// datasets that input made, and the dataset's counts.
type record struct {
	input    any // nil: not known
	datasets []string
}

func (r record) params(d *graph.Dataset, hash string) map[string]any {
	return map[string]any{"name": d.Name, "hash": hash, "input": r.input, "datasets": r.datasets,
		"counts": []int64{int64(len(d.Documents)), int64(len(d.Actors)), int64(len(d.Ties))}}
}

const setRecord = "d.hash = $hash, d.input = $input, d.input_datasets = $datasets, d.counts = $counts"

// lock serialises loads: it holds a write lock on the RelmapLock node in a
// transaction that stays open for the whole load, so a second load waits
// until the first ends. If the loader dies, the server rolls the transaction
// back when the connection drops and the lock is free again. This is the one
// explicit transaction in relmap: it does no work to retry.
func (s *Store) lock(ctx context.Context) (func(), error) {
	sess := s.session(ctx, neo4j.AccessModeWrite)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		sess.Close(ctx)
		return nil, s.classify(err)
	}
	r, err := tx.Run(ctx, "MATCH (l:RelmapLock {name: 'load'}) SET l.held = true RETURN count(l)", nil)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	if err != nil {
		tx.Rollback(ctx)
		sess.Close(ctx)
		return nil, s.classify(err)
	}
	return func() {
		bg := context.WithoutCancel(ctx)
		tx.Rollback(bg)
		sess.Close(bg)
	}, nil
}

type plan struct {
	docs, actors          []int // indexes of new or changed items in the wanted dataset
	ties                  []int
	actorNew, tieNew      []bool // per actor or tie: not in the graph before this load
	rmDocs, rmActors      []string
	rmTies                map[string][]string // rel type -> keys
	docCh, actorCh, tieCh graph.Change
	details               []string
}

func (s *Store) loadOne(ctx context.Context, d *graph.Dataset, opts graph.LoadOptions, rec record) (graph.DatasetChange, error) {
	// The content hash is only needed before writing when the graph holds
	// one to compare it with; otherwise it is computed while the writes run.
	hashed := make(chan string, 1)
	go func() { hashed <- d.Hash() }()
	var hash string
	hashOf := func() string {
		if hash == "" {
			hash = <-hashed
		}
		return hash
	}
	ch := graph.DatasetChange{Name: d.Name}
	if !opts.Force {
		stored, err := s.storedHash(ctx, d.Name)
		if err != nil {
			return ch, err
		}
		if stored != "" && stored == hashOf() {
			ch.Hash = hash
			ch.Unchanged = true
			ch.Documents.Kept, ch.Actors.Kept, ch.Ties.Kept = len(d.Documents), len(d.Actors), len(d.Ties)
			if !opts.DryRun && rec.input != nil {
				// Same content from other bytes (reformatted, reordered):
				// note them, so that loading them again is recognised early.
				err = s.write(ctx, "MATCH (d:Dataset {name: $name}) WHERE d.hash = $hash SET "+setRecord, rec.params(d, hash))
			}
			return ch, err
		}
	}
	cur, err := s.Snapshot(ctx, d.Name)
	if err != nil {
		return ch, err
	}
	old := &graph.Dataset{Name: d.Name}
	if len(cur) == 1 {
		old = cur[0]
	}
	p := diff(old, d, opts.DryRun)
	ch.Documents, ch.Actors, ch.Ties, ch.Details = p.docCh, p.actorCh, p.tieCh, p.details
	if !opts.DryRun {
		err = s.apply(ctx, d, hashOf, p, opts, rec)
	}
	ch.Hash = hashOf()
	return ch, err
}

// diff compares the stored dataset with the desired one by canonical form,
// listing each change in the plan's details when withDetails is set.
func diff(old, want *graph.Dataset, withDetails bool) plan {
	var p plan
	details := &p.details
	if !withDetails {
		details = nil
	}
	p.docs, _, p.rmDocs, p.docCh = diffItems(old.Documents, want.Documents, "document",
		func(x *graph.Document) string { return x.ID }, (*graph.Document).AppendCanon, details)
	p.actors, p.actorNew, p.rmActors, p.actorCh = diffItems(old.Actors, want.Actors, "actor",
		func(x *graph.Actor) string { return x.ID }, (*graph.Actor).AppendCanon, details)
	var rmKeys []string
	p.ties, p.tieNew, rmKeys, p.tieCh = diffItems(old.Ties, want.Ties, "tie",
		func(x *graph.Tie) string { return x.Key }, (*graph.Tie).AppendCanon, details)
	relOf := map[string]string{}
	for _, x := range old.Ties {
		info, _ := graph.LookupTieType(x.Type)
		relOf[x.Key] = info.RelType
	}
	p.rmTies = map[string][]string{}
	for _, k := range rmKeys {
		p.rmTies[relOf[k]] = append(p.rmTies[relOf[k]], k)
	}
	sort.Strings(p.details)
	return p
}

// diffItems returns the indexes of the wanted items that are new or
// changed with, for each, whether it is new, the ids of old items no longer
// wanted, and the counts, adding a line per change to details unless it is
// nil. Canonical forms are only made for items in both, into two reused
// buffers.
func diffItems[T any](old, want []T, what string, id func(*T) string, canon func(*T, []byte) []byte, details *[]string) ([]int, []bool, []string, graph.Change) {
	var ch graph.Change
	var changed []int
	var isNew []bool
	before := make(map[string]int, len(old))
	for i := range old {
		before[id(&old[i])] = i
	}
	var a, b []byte
	for i := range want {
		x := &want[i]
		j, ok := before[id(x)]
		delete(before, id(x))
		if ok {
			a, b = canon(&old[j], a[:0]), canon(x, b[:0])
		}
		switch {
		case !ok:
			ch.Created++
			note(details, "+ "+what+" "+id(x))
		case !bytes.Equal(a, b):
			ch.Updated++
			note(details, "~ "+what+" "+id(x))
		default:
			ch.Kept++
			continue
		}
		changed = append(changed, i)
		isNew = append(isNew, !ok)
	}
	removed := make([]string, 0, len(before))
	for k := range before {
		removed = append(removed, k)
		note(details, "- "+what+" "+k)
	}
	sort.Strings(removed)
	ch.Removed = len(removed)
	return changed, isNew, removed, ch
}

func note(details *[]string, line string) {
	if details != nil {
		*details = append(*details, line)
	}
}

func (s *Store) apply(ctx context.Context, d *graph.Dataset, hashOf func() string, p plan, opts graph.LoadOptions, rec record) error {
	dataset := d.Name
	total := int64(len(p.docs) + len(p.actors) + len(p.ties) + len(p.rmDocs) + len(p.rmActors))
	for _, keys := range p.rmTies {
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
		for _, b := range batches(len(p.docs), size) {
			rows := make([]map[string]any, 0, b[1]-b[0])
			for _, i := range p.docs[b[0]:b[1]] {
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
			for j, i := range p.actors {
				if d.Actors[i].Kind != k.Kind {
					continue
				}
				if p.actorNew[j] {
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
	for j, i := range p.ties {
		ti, ok := typeIndex[d.Ties[i].Type]
		if !ok {
			continue
		}
		g := 1
		if p.tieNew[j] {
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
	rels := make([]string, 0, len(p.rmTies))
	for rel := range p.rmTies {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		if _, ok := graph.TieTypeByRel(rel); !ok {
			continue
		}
		keys := p.rmTies[rel]
		stmt := fmt.Sprintf("UNWIND $keys AS k MATCH ()-[r:%s {key: k}]->() WHERE r.dataset = $ds DELETE r", rel)
		for _, b := range batches(len(keys), size) {
			if err := s.write(ctx, stmt, map[string]any{"keys": keys[b[0]:b[1]], "ds": dataset}); err != nil {
				return err
			}
			progress(b[1] - b[0])
		}
	}
	for _, b := range batches(len(p.rmActors), size) {
		err := s.write(ctx, `UNWIND $ids AS id MATCH (a:Actor {id: id}) WHERE a.dataset = $ds
OPTIONAL MATCH (a)-[r]-() WITH a, count(r) AS n
FOREACH (_ IN CASE WHEN n = 0 THEN [1] ELSE [] END | DELETE a)
FOREACH (_ IN CASE WHEN n > 0 THEN [1] ELSE [] END | REMOVE a.dataset)`,
			map[string]any{"ids": p.rmActors[b[0]:b[1]], "ds": dataset})
		if err != nil {
			return err
		}
		progress(b[1] - b[0])
	}
	if len(p.rmDocs) > 0 {
		err := s.write(ctx, "UNWIND $ids AS id MATCH (d:Document {id: id}) WHERE d.dataset = $ds DETACH DELETE d",
			map[string]any{"ids": p.rmDocs, "ds": dataset})
		if err != nil {
			return err
		}
		progress(len(p.rmDocs))
	}
	return s.write(ctx, "MERGE (d:Dataset {name: $name}) SET "+setRecord, rec.params(d, hashOf()))
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

func citationLists(cs []graph.Citation) (docs, sects, evid, rendered []string) {
	docs = make([]string, len(cs))
	sects = make([]string, len(cs))
	evid = make([]string, len(cs))
	rendered = make([]string, len(cs))
	for i, c := range cs {
		docs[i], sects[i], evid[i], rendered[i] = c.Doc, c.Section, c.Evidence, c.String()
	}
	return docs, sects, evid, rendered
}

func citationProps(m map[string]any, cs []graph.Citation) {
	docs, sects, evid, rendered := citationLists(cs)
	m[graph.PropSrcDoc] = docs
	m[graph.PropSrcSect] = sects
	m[graph.PropSrcEvid] = evid
	m[graph.PropSources] = rendered
	if checked := checkedList(cs); checked != nil {
		m[graph.PropSrcCheck] = checked
	}
}

// checkedList is the citations' checked dates, or nil (no property) when
// none has one.
func checkedList(cs []graph.Citation) []string {
	var out []string
	for i, c := range cs {
		if !c.Checked.IsZero() && out == nil {
			out = make([]string, len(cs))
		}
		if out != nil {
			out[i] = c.Checked.String()
		}
	}
	return out
}

func strList(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, e := range l {
		s, _ := e.(string)
		out = append(out, s)
	}
	return out
}

// setOpt sets a property only when it has a value: Neo4j does not store nulls,
// and reading back an absent property gives "" again.
func setOpt(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func documentProps(d graph.Document) map[string]any {
	m := map[string]any{graph.PropID: d.ID, graph.PropDataset: d.Dataset}
	setOpt(m, "title", d.Title)
	setOpt(m, "publisher", d.Publisher)
	setOpt(m, "published", d.Published.String())
	setOpt(m, "url", d.URL)
	setOpt(m, graph.PropKind, d.Kind)
	setOpt(m, graph.PropNote, d.Note)
	return m
}

func actorProps(a graph.Actor) map[string]any {
	m := map[string]any{graph.PropID: a.ID, graph.PropDataset: a.Dataset, graph.PropKind: string(a.Kind), graph.PropName: a.Name}
	setOpt(m, graph.PropShort, a.Short)
	setOpt(m, graph.PropRegion, a.Region)
	setOpt(m, graph.PropNote, a.Note)
	if len(a.Aliases) > 0 {
		m[graph.PropAliases] = a.Aliases
	}
	if len(a.Sources) > 0 {
		citationProps(m, a.Sources)
	}
	if a.At != nil {
		m[graph.PropLat], m[graph.PropLon] = a.At.Lat, a.At.Lon
		if len(a.At.Sources) > 0 {
			m[graph.PropCoordSrc] = graph.PointCitations(a.At.Sources)
		}
	}
	return m
}
