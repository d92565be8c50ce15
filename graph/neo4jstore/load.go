package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/loadplan"
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
		var ne *neo4j.Neo4jError
		if errors.As(err, &ne) && ne.Code == "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists" {
			continue // another load created it at the same moment
		}
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
	held, err := s.countsHold(ctx, names)
	if err != nil || !held {
		return graph.LoadSummary{}, false, err
	}
	return sum, true, nil
}

// Load makes each dataset in the graph equal to ds.
//
// Each dataset's plan (graph/loadplan) is made and checked before anything
// is written: a plan that would create an item another dataset owns is
// refused (loadplan.OwnedError), as is one that removes more than half of
// the dataset without opts.Prune (loadplan.PruneError).
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
		unlock, err := s.lock(ctx, opts)
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
	// Every dataset is planned, and every plan checked, before the first
	// write: a load refused for one dataset writes nothing for any.
	steps := make([]*step, len(ds))
	for i, d := range ds {
		st, err := s.plan(ctx, d, opts)
		if err != nil {
			return sum, err
		}
		steps[i] = st
	}
	for _, st := range steps {
		if err := s.carryOut(ctx, st, opts, rec); err != nil {
			return sum, err
		}
		if !st.ch.Unchanged {
			sum.Unchanged = false
		}
		sum.Datasets = append(sum.Datasets, st.ch)
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

// step is one dataset of a load: its plan, or none when the graph holds
// it already.
type step struct {
	d      *graph.Dataset
	ch     graph.DatasetChange
	plan   *loadplan.Plan
	hashOf func() string
}

// plan works out what loading d writes and checks that it may.
func (s *Store) plan(ctx context.Context, d *graph.Dataset, opts graph.LoadOptions) (*step, error) {
	// The content hash is only needed before writing when the graph holds
	// one to compare it with; otherwise it is computed while the writes run.
	hashed := make(chan string, 1)
	go func() { hashed <- d.Hash() }()
	var hash string
	st := &step{d: d, ch: graph.DatasetChange{Name: d.Name}}
	st.hashOf = func() string {
		if hash == "" {
			hash = <-hashed
		}
		return hash
	}
	if !opts.Force {
		stored, err := s.storedHash(ctx, d.Name)
		if err != nil {
			return nil, err
		}
		if stored != "" && stored == st.hashOf() {
			// The recorded hash speaks for the graph only while the graph
			// still holds what was recorded: items deleted by hand since
			// show in the counts.
			held, err := s.countsHold(ctx, []string{d.Name})
			if err != nil {
				return nil, err
			}
			if held {
				st.ch.Unchanged = true
				st.ch.Documents.Kept, st.ch.Actors.Kept, st.ch.Ties.Kept = len(d.Documents), len(d.Actors), len(d.Ties)
				return st, nil
			}
		}
	}
	cur, err := s.Snapshot(ctx, d.Name)
	if err != nil {
		return nil, err
	}
	old := &graph.Dataset{Name: d.Name}
	if len(cur) == 1 {
		old = cur[0]
	}
	p := loadplan.Diff(old, d, opts.DryRun)
	st.plan = &p
	st.ch.Documents, st.ch.Actors, st.ch.Ties, st.ch.Details = p.Documents.Change, p.Actors.Change, p.Ties.Change, p.Details
	if err := s.checkOwners(ctx, d, &p); err != nil {
		return nil, err
	}
	if err := p.CheckPrune(opts.Prune); err != nil {
		if !opts.DryRun {
			return nil, err
		}
		st.ch.NeedsPrune = true
	}
	return st, nil
}

// carryOut writes a step's plan, and the record of a complete load.
func (s *Store) carryOut(ctx context.Context, st *step, opts graph.LoadOptions, rec record) error {
	defer func() { st.ch.Hash = st.hashOf() }()
	if opts.DryRun {
		return nil
	}
	if st.plan == nil {
		if rec.input == nil {
			return nil
		}
		// Same content from other bytes (reformatted, reordered): note
		// them, so that loading them again is recognised early.
		return s.write(ctx, "MATCH (d:Dataset {name: $name}) WHERE d.hash = $hash SET "+setRecord, rec.params(st.d, st.hashOf()))
	}
	if err := s.apply(ctx, st.d, st.plan, opts); err != nil {
		return err
	}
	return s.write(ctx, "MERGE (d:Dataset {name: $name}) SET "+setRecord, rec.params(st.d, st.hashOf()))
}
