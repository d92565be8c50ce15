package neo4jstore

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
)

// DefaultBatchSize is the number of rows per UNWIND statement; see
// BENCHMARKS.md for how it was chosen.
const DefaultBatchSize = 2000

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
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(ctx)
	for _, stmt := range schemaStatements() {
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

// Snapshot reads relmap-owned content back into datasets.
func (s *Store) Snapshot(ctx context.Context, names ...string) ([]*graph.Dataset, error) {
	var filter any
	if len(names) > 0 {
		filter = names
	}
	p := map[string]any{"names": filter}
	by := map[string]*graph.Dataset{}
	get := func(name string) *graph.Dataset {
		d := by[name]
		if d == nil {
			d = &graph.Dataset{Name: name}
			by[name] = d
		}
		return d
	}
	rows, err := s.read(ctx, `MATCH (d:Document) WHERE d.dataset IS NOT NULL AND ($names IS NULL OR d.dataset IN $names)
RETURN properties(d)`, p)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		doc := documentFromProps(r[0].(map[string]any))
		d := get(doc.Dataset)
		d.Documents = append(d.Documents, doc)
	}
	rows, err = s.read(ctx, `MATCH (a:Actor) WHERE a.dataset IS NOT NULL AND ($names IS NULL OR a.dataset IN $names)
RETURN properties(a)`, p)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		a := actorFromProps(r[0].(map[string]any))
		d := get(a.Dataset)
		d.Actors = append(d.Actors, a)
	}
	rows, err = s.read(ctx, `MATCH (a:Actor)-[r]->(b:Actor) WHERE r.dataset IS NOT NULL AND ($names IS NULL OR r.dataset IN $names)
RETURN type(r), a.id, b.id, properties(r)`, p)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		t, ok := tieFromRow(r[0].(string), r[1].(string), r[2].(string), r[3].(map[string]any))
		if !ok {
			continue // a relationship type relmap does not define: not ours
		}
		d := get(t.Dataset)
		d.Ties = append(d.Ties, t)
	}
	// Datasets recorded without content (everything removed) still exist.
	rows, err = s.read(ctx, `MATCH (d:Dataset) WHERE $names IS NULL OR d.name IN $names RETURN d.name`, p)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		get(r[0].(string))
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

// Load makes each dataset in the graph equal to ds.
//
// The dataset's content hash is written last, so a load interrupted at any
// point leaves a hash that does not match and the next load compares item by
// item and converges: every write is a MERGE keyed on the item's identity.
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
	for _, d := range ds {
		ch, err := s.loadOne(ctx, d, opts)
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
	docs, actors          []map[string]any
	actorKinds            []graph.Kind
	ties                  []graph.Tie
	rmDocs, rmActors      []string
	rmTies                map[string][]string // rel type -> keys
	docCh, actorCh, tieCh graph.Change
	details               []string
}

func (s *Store) loadOne(ctx context.Context, d *graph.Dataset, opts graph.LoadOptions) (graph.DatasetChange, error) {
	hash := d.Hash()
	ch := graph.DatasetChange{Name: d.Name, Hash: hash}
	if !opts.Force {
		stored, err := s.storedHash(ctx, d.Name)
		if err != nil {
			return ch, err
		}
		if stored == hash {
			ch.Unchanged = true
			ch.Documents.Kept, ch.Actors.Kept, ch.Ties.Kept = len(d.Documents), len(d.Actors), len(d.Ties)
			return ch, nil
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
	p := diff(old, d)
	ch.Documents, ch.Actors, ch.Ties, ch.Details = p.docCh, p.actorCh, p.tieCh, p.details
	if opts.DryRun {
		return ch, nil
	}
	if err := s.apply(ctx, d.Name, hash, p, opts); err != nil {
		return ch, err
	}
	return ch, nil
}

// diff compares the stored dataset with the desired one by canonical form.
func diff(old, want *graph.Dataset) plan {
	var p plan
	var docs []graph.Document
	docs, p.rmDocs, p.docCh = diffItems(old.Documents, want.Documents, "document",
		func(x graph.Document) string { return x.ID }, graph.Document.Canon, &p.details)
	for _, x := range docs {
		p.docs = append(p.docs, documentProps(x))
	}
	var actors []graph.Actor
	actors, p.rmActors, p.actorCh = diffItems(old.Actors, want.Actors, "actor",
		func(x graph.Actor) string { return x.ID }, graph.Actor.Canon, &p.details)
	for _, x := range actors {
		p.actors = append(p.actors, actorProps(x))
		p.actorKinds = append(p.actorKinds, x.Kind)
	}
	var rmKeys []string
	p.ties, rmKeys, p.tieCh = diffItems(old.Ties, want.Ties, "tie",
		func(x graph.Tie) string { return x.Key }, graph.Tie.Canon, &p.details)
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

// diffItems returns the wanted items that are new or changed, the ids of old
// items no longer wanted, and the counts, adding a line per change to details.
func diffItems[T any](old, want []T, what string, id func(T) string, canon func(T) string, details *[]string) ([]T, []string, graph.Change) {
	var ch graph.Change
	var changed []T
	before := make(map[string]string, len(old))
	for _, x := range old {
		before[id(x)] = canon(x)
	}
	for _, x := range want {
		c, ok := before[id(x)]
		delete(before, id(x))
		switch {
		case !ok:
			ch.Created++
			*details = append(*details, "+ "+what+" "+id(x))
		case c != canon(x):
			ch.Updated++
			*details = append(*details, "~ "+what+" "+id(x))
		default:
			ch.Kept++
			continue
		}
		changed = append(changed, x)
	}
	removed := make([]string, 0, len(before))
	for k := range before {
		removed = append(removed, k)
		*details = append(*details, "- "+what+" "+k)
	}
	sort.Strings(removed)
	ch.Removed = len(removed)
	return changed, removed, ch
}

func (s *Store) apply(ctx context.Context, dataset, hash string, p plan, opts graph.LoadOptions) error {
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
	// Forget the stored hash first: from here until the end the graph may be
	// between two states, and the next load must not mistake it for finished.
	if err := s.write(ctx, "MERGE (d:Dataset {name: $name}) SET d.hash = null", map[string]any{"name": dataset}); err != nil {
		return err
	}
	for _, b := range batches(len(p.docs), opts.BatchSize) {
		err := s.write(ctx, `UNWIND $rows AS row MERGE (d:Document {id: row.id}) SET d = row`,
			map[string]any{"rows": p.docs[b[0]:b[1]]})
		if err != nil {
			return err
		}
		progress(b[1] - b[0])
	}
	// Actors, grouped by kind because a label cannot be a parameter. A changed
	// kind drops the other kind labels.
	for _, k := range graph.Kinds {
		var rows []map[string]any
		for i, a := range p.actors {
			if p.actorKinds[i] == k.Kind {
				rows = append(rows, a)
			}
		}
		var others []string
		for _, o := range graph.Kinds {
			if o.Kind != k.Kind {
				others = append(others, o.Label)
			}
		}
		stmt := fmt.Sprintf("UNWIND $rows AS row MERGE (a:%s {id: row.id}) SET a = row, a:%s REMOVE a:%s",
			graph.ActorLabel, k.Label, strings.Join(others, ":"))
		for _, b := range batches(len(rows), opts.BatchSize) {
			if err := s.write(ctx, stmt, map[string]any{"rows": rows[b[0]:b[1]]}); err != nil {
				return err
			}
			progress(b[1] - b[0])
		}
	}
	// Ties, grouped by relationship type for the same reason.
	for _, t := range graph.TieTypes {
		var rows []map[string]any
		for _, x := range p.ties {
			if x.Type == t.Type {
				rows = append(rows, map[string]any{"from": x.From, "to": x.To, "key": x.Key, "props": tieProps(x)})
			}
		}
		stmt := fmt.Sprintf(`UNWIND $rows AS row
MATCH (a:%[1]s {id: row.from}) MATCH (b:%[1]s {id: row.to})
MERGE (a)-[r:%[2]s {key: row.key}]->(b) SET r = row.props`, graph.ActorLabel, t.RelType)
		for _, b := range batches(len(rows), opts.BatchSize) {
			if err := s.write(ctx, stmt, map[string]any{"rows": rows[b[0]:b[1]]}); err != nil {
				return err
			}
			progress(b[1] - b[0])
		}
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
		for _, b := range batches(len(keys), opts.BatchSize) {
			if err := s.write(ctx, stmt, map[string]any{"keys": keys[b[0]:b[1]], "ds": dataset}); err != nil {
				return err
			}
			progress(b[1] - b[0])
		}
	}
	for _, b := range batches(len(p.rmActors), opts.BatchSize) {
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
	return s.write(ctx, "MERGE (d:Dataset {name: $name}) SET d.hash = $hash", map[string]any{"name": dataset, "hash": hash})
}

func batches(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		out = append(out, [2]int{i, min(i+size, n)})
	}
	return out
}

func citationProps(m map[string]any, cs []graph.Citation) {
	docs := make([]string, len(cs))
	sects := make([]string, len(cs))
	evid := make([]string, len(cs))
	rendered := make([]string, len(cs))
	for i, c := range cs {
		docs[i], sects[i], evid[i], rendered[i] = c.Doc, c.Section, c.Evidence, c.String()
	}
	m[graph.PropSrcDoc] = docs
	m[graph.PropSrcSect] = sects
	m[graph.PropSrcEvid] = evid
	m[graph.PropSources] = rendered
}

func citationsFromProps(m map[string]any) []graph.Citation {
	docs := strList(m[graph.PropSrcDoc])
	sects := strList(m[graph.PropSrcSect])
	evid := strList(m[graph.PropSrcEvid])
	var out []graph.Citation
	for i := range docs {
		c := graph.Citation{Doc: docs[i]}
		if i < len(sects) {
			c.Section = sects[i]
		}
		if i < len(evid) {
			c.Evidence = evid[i]
		}
		out = append(out, c)
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

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// setOpt sets a property only when it has a value: Neo4j does not store nulls,
// and reading back an absent property gives "" again.
func setOpt(m map[string]any, k, v string) {
	if v != "" {
		m[k] = v
	}
}

func setDate(m map[string]any, k, precKey string, d graph.Date) {
	if d.IsZero() {
		return
	}
	m[k] = dbtype.Date(d.First())
	m[precKey] = string(d.Precision())
}

func dateFromProps(m map[string]any, k, precKey string) graph.Date {
	v, ok := m[k].(dbtype.Date)
	if !ok {
		return graph.Date{}
	}
	t := v.Time()
	d := graph.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
	switch graph.Precision(str(m, precKey)) {
	case graph.PrecisionYear:
		d.Month, d.Day = 0, 0
	case graph.PrecisionMonth:
		d.Day = 0
	}
	return d
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

func documentFromProps(m map[string]any) graph.Document {
	pub, _ := graph.ParseDate(str(m, "published"))
	return graph.Document{ID: str(m, graph.PropID), Dataset: str(m, graph.PropDataset), Title: str(m, "title"),
		Publisher: str(m, "publisher"), Published: pub, URL: str(m, "url"), Kind: str(m, graph.PropKind), Note: str(m, graph.PropNote)}
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
	return m
}

func actorFromProps(m map[string]any) graph.Actor {
	a := graph.Actor{ID: str(m, graph.PropID), Dataset: str(m, graph.PropDataset), Kind: graph.Kind(str(m, graph.PropKind)),
		Name: str(m, graph.PropName), Short: str(m, graph.PropShort), Region: str(m, graph.PropRegion), Note: str(m, graph.PropNote)}
	if _, ok := m[graph.PropAliases]; ok {
		a.Aliases = strList(m[graph.PropAliases])
	}
	a.Sources = citationsFromProps(m)
	return a
}

// common are the tie properties that are not attributes.
var common = map[string]bool{
	graph.PropKey: true, graph.PropDataset: true, graph.PropSince: true, graph.PropSincePr: true,
	graph.PropUntil: true, graph.PropUntilPr: true, graph.PropNote: true, graph.PropSrcDoc: true,
	graph.PropSrcSect: true, graph.PropSrcEvid: true, graph.PropSources: true, graph.PropTypeName: true,
}

func tieProps(t graph.Tie) map[string]any {
	info, _ := graph.LookupTieType(t.Type)
	m := map[string]any{graph.PropKey: t.Key, graph.PropDataset: t.Dataset, graph.PropTypeName: string(t.Type)}
	setDate(m, graph.PropSince, graph.PropSincePr, t.Since)
	setDate(m, graph.PropUntil, graph.PropUntilPr, t.Until)
	setOpt(m, graph.PropNote, t.Note)
	for k, v := range t.Attrs {
		if v == "" {
			continue
		}
		if a, ok := info.Attr(k); ok && a.Int {
			n, _ := strconv.ParseInt(v, 10, 64)
			m[k] = n
			continue
		}
		m[k] = v
	}
	citationProps(m, t.Sources)
	return m
}

func tieFromRow(rel, from, to string, m map[string]any) (graph.Tie, bool) {
	info, ok := graph.TieTypeByRel(rel)
	if !ok {
		return graph.Tie{}, false
	}
	t := graph.Tie{Type: info.Type, From: from, To: to, Key: str(m, graph.PropKey), Dataset: str(m, graph.PropDataset),
		Note: str(m, graph.PropNote), Since: dateFromProps(m, graph.PropSince, graph.PropSincePr),
		Until: dateFromProps(m, graph.PropUntil, graph.PropUntilPr), Sources: citationsFromProps(m)}
	for k, v := range m {
		if common[k] {
			continue
		}
		if t.Attrs == nil {
			t.Attrs = map[string]string{}
		}
		switch x := v.(type) {
		case string:
			t.Attrs[k] = x
		case int64:
			t.Attrs[k] = strconv.FormatInt(x, 10)
		default:
			t.Attrs[k] = fmt.Sprint(x)
		}
	}
	return t, true
}
