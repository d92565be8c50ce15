package itest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/localdb"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/synth"
)

// BenchmarkLoad compares, in one run on one database, relmap load (the real
// binary, as a user runs it) with Neo4j's own LOAD CSV ... CALL { ... } IN
// TRANSACTIONS OF 10000 ROWS on the same files and the same constraints, and
// with a naive loader writing one tie per transaction on a 10k-tie slice.
// make bench-load runs it; RELMAP_BENCH_ACTORS and RELMAP_BENCH_TIES set the
// size (default 100000 and 1000000), RELMAP_BENCH_BIN another relmap binary
// to measure (an older build, say; default bin/relmap).
//
// Both loaders first load the 10k-tie slice once, and the graph is emptied
// again: that creates relmap's constraints and indexes, which both then
// use, and warms the database up, so that neither pays for a cold server.
func BenchmarkLoad(b *testing.B) {
	if os.Getenv("RELMAP_BENCH") != "1" {
		b.Skip("set RELMAP_BENCH=1 (make bench-load) to run the load benchmark")
	}
	nActors, nTies := envSize(b, "RELMAP_BENCH_ACTORS", 100000), envSize(b, "RELMAP_BENCH_TIES", 1000000)
	s := openStore(b)
	cfg, _, _ := conn()
	st, err := localdb.ReadState(os.Getenv("RELMAP_DATA"))
	if err != nil {
		b.Skipf("the LOAD CSV comparison needs the local database (make bench-load starts one): %v", err)
	}
	bin := os.Getenv("RELMAP_BENCH_BIN")
	if bin == "" {
		bin = "../../bin/relmap"
	}
	bin, err = filepath.Abs(bin)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(bin); err != nil {
		b.Fatalf("%v (make bench-load builds it)", err)
	}
	ctx := context.Background()

	d := synth.Generate(nActors, nTies, 1)
	slice := naiveSlice(d, 10000)
	warm := &graph.Dataset{Name: d.Name, Documents: d.Documents, Actors: slice.Actors, Ties: slice.Ties}
	dir := b.TempDir()
	warmDir := filepath.Join(dir, "warm-up")
	importDir := filepath.Join(st.DataDir, "home", "import")
	for _, w := range []struct {
		to string
		d  *graph.Dataset
	}{{dir, d}, {importDir, d}, {warmDir, warm}, {filepath.Join(importDir, "warm-up"), warm}} {
		if err := os.MkdirAll(w.to, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := seed.WriteCSV(w.to, w.d); err != nil {
			b.Fatal(err)
		}
	}
	// Seed files are at most 32 MiB each, so WriteCSV wrote the ties in
	// parts. LOAD CSV reads the one file; relmap reads parts of 200,000
	// ties, as it did in the earlier runs BENCHMARKS.md compares with.
	for _, w := range []string{dir, importDir} {
		if err := joinParts(w, d.Name, "ties"); err != nil {
			b.Fatal(err)
		}
	}
	if err := splitTies(dir, d.Name, 200000); err != nil {
		b.Fatal(err)
	}
	want := graph.FingerprintOf([]*graph.Dataset{d})
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	defer drv.Close(ctx)
	runRelmap(b, bin, "load", warmDir)
	emptyGraph(b, drv, cfg.Database)
	for _, q := range loadCSVStatements("warm-up/") {
		autoCommit(b, drv, cfg.Database, q.cypher, q.params)
	}
	emptyGraph(b, drv, cfg.Database)
	loadBefore := loadAverage()
	b.ResetTimer()

	// (a) relmap load, then (b) the same files again; and relmap validate
	// alone, which reads them as a load does.
	loadTime, rss := runRelmap(b, bin, "load", dir)
	reloadTime, reloadRSS := runRelmap(b, bin, "load", dir)
	if got := graphFingerprint(b, s); got != want {
		b.Fatalf("after relmap load the graph has %v, the files %v", got, want)
	}
	validateTime, validateRSS := runRelmap(b, bin, "validate", dir)

	// (c) LOAD CSV into the emptied database; the constraints and indexes
	// relmap made stay.
	emptyGraph(b, drv, cfg.Database)
	start := time.Now()
	for _, q := range loadCSVStatements("") {
		autoCommit(b, drv, cfg.Database, q.cypher, q.params)
	}
	csvTime := time.Since(start)
	if got := graphFingerprint(b, s); got != want {
		b.Fatalf("after LOAD CSV the graph has %v, the files %v", got, want)
	}

	// (d) One statement per tie, each in its own transaction, on a slice.
	emptyGraph(b, drv, cfg.Database)
	if _, err := s.Load(ctx, []*graph.Dataset{{Name: d.Name, Documents: d.Documents, Actors: slice.Actors}}, graph.LoadOptions{}); err != nil {
		b.Fatal(err)
	}
	naiveTime := naiveLoad(b, drv, cfg.Database, slice.Ties)
	b.StopTimer()

	relmapTPS := float64(nTies) / loadTime.Seconds()
	csvTPS := float64(nTies) / csvTime.Seconds()
	naiveTPS := float64(len(slice.Ties)) / naiveTime.Seconds()
	b.ReportMetric(relmapTPS, "relmap-ties/s")
	b.ReportMetric(csvTPS, "loadcsv-ties/s")
	b.ReportMetric(naiveTPS, "naive-ties/s")
	b.ReportMetric(relmapTPS/csvTPS, "relmap/loadcsv")
	b.ReportMetric(relmapTPS/naiveTPS, "relmap/naive")
	b.ReportMetric(float64(rss)/1024, "relmap-peak-RSS-MB")
	b.ReportMetric(reloadTime.Seconds(), "reload-s")
	b.ReportMetric(validateTime.Seconds(), "validate-s")
	b.Logf("%d actors, %d ties, batch size default, %d cores, %s", nActors, nTies, runtime.NumCPU(), bin)
	b.Logf("%-34s %10s %12s %8s", "loader", "time", "ties/s", "ratio")
	b.Logf("%-34s %10s %12.0f %8.2f", "relmap load (whole command)", loadTime.Round(time.Millisecond), relmapTPS, 1.0)
	b.Logf("%-34s %10s %12.0f %8.2f", "LOAD CSV, IN TRANSACTIONS OF 10000", csvTime.Round(time.Millisecond), csvTPS, csvTPS/relmapTPS)
	b.Logf("%-34s %10s %12.0f %8.2f", fmt.Sprintf("naive, 1 tx per tie (%d ties)", len(slice.Ties)), naiveTime.Round(time.Millisecond), naiveTPS, naiveTPS/relmapTPS)
	b.Logf("relmap/LOAD CSV %.2fx, relmap/naive %.1fx; relmap peak RSS %.0f MB; unchanged re-load %s (peak RSS %.0f MB); validate %s (peak RSS %.0f MB)",
		relmapTPS/csvTPS, relmapTPS/naiveTPS, float64(rss)/1024, reloadTime.Round(time.Millisecond), float64(reloadRSS)/1024,
		validateTime.Round(time.Millisecond), float64(validateRSS)/1024)
	b.Logf("load average before and after: %s, %s", loadBefore, loadAverage())
}

// loadAverage is the machine's load average over 1, 5 and 15 minutes.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func envSize(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		b.Fatalf("%s=%q is not a count", name, v)
	}
	return n
}

func graphFingerprint(b *testing.B, s graph.Store) graph.Fingerprint {
	b.Helper()
	fp, err := s.Fingerprint(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	return fp
}

// joinParts joins the parts NAME-01.KIND.csv, NAME-02.KIND.csv… that
// seed.WriteCSV writes past a seed file's size into NAME.KIND.csv, with one
// header.
func joinParts(dir, name, kind string) error {
	parts, err := filepath.Glob(filepath.Join(dir, name+"-[0-9][0-9]."+kind+".csv"))
	if err != nil || len(parts) == 0 {
		return err
	}
	var all []byte
	for i, p := range parts {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if i > 0 {
			data = data[bytes.IndexByte(data, '\n')+1:]
		}
		all = append(all, data...)
		if err := os.Remove(p); err != nil {
			return err
		}
	}
	return os.WriteFile(filepath.Join(dir, name+"."+kind+".csv"), all, 0o644)
}

// splitTies splits NAME.ties.csv in dir into NAME-N.ties.csv files of at most
// rows ties each, with the header in each. It keeps a small file whole.
func splitTies(dir, name string, rows int) error {
	path := filepath.Join(dir, name+".ties.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// Synthetic fields hold no line breaks: a line is a row.
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) <= rows+2 {
		return nil
	}
	header, body := lines[0], lines[1:]
	for i := 0; i*rows < len(body); i++ {
		part := header + strings.Join(body[i*rows:min((i+1)*rows, len(body))], "")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%02d.ties.csv", name, i)), []byte(part), 0o644); err != nil {
			return err
		}
	}
	return os.Remove(path)
}

// runRelmap runs the relmap binary and returns its wall time and peak RSS in
// KiB.
//
// The peak RSS is the child's VmHWM, polled while it runs. Its rusage
// (ru_maxrss) will not do: os/exec starts children with vfork, and Linux
// then counts the parent's peak, this benchmark's own, as the child's.
func runRelmap(b *testing.B, bin string, args ...string) (time.Duration, int64) {
	b.Helper()
	cmd := exec.Command(bin, args...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatalf("relmap %s: %v", strings.Join(args, " "), err)
	}
	peak := watchHWM(cmd.Process.Pid)
	err := cmd.Wait()
	took := time.Since(start)
	rss := peak()
	if err != nil {
		b.Fatalf("relmap %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	b.Logf("relmap %s: %s, peak RSS %d MB\n%s", strings.Join(args, " "), took.Round(time.Millisecond), rss/1024, strings.TrimSpace(out.String()))
	return took, rss
}

// watchHWM polls a running process's VmHWM every 10 ms; the function it
// returns stops polling and gives the highest value seen, in KiB. VmHWM is
// the process's own high-water mark, so a late poll still sees an earlier
// peak.
func watchHWM(pid int) func() int64 {
	done := make(chan struct{})
	peak := make(chan int64)
	go func() {
		var hwm int64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if v := vmHWM(pid); v > hwm {
				hwm = v
			}
			select {
			case <-done:
				peak <- hwm
				return
			case <-tick.C:
			}
		}
	}()
	return func() int64 {
		close(done)
		return <-peak
	}
}

// vmHWM is a process's peak resident set size in KiB, or 0 once it is gone.
func vmHWM(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// emptyGraph deletes every relationship, then every node, in transactions
// of 10000, keeping the schema.
func emptyGraph(b *testing.B, drv neo4j.DriverWithContext, db string) {
	b.Helper()
	autoCommit(b, drv, db, "MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 10000 ROWS", nil)
	autoCommit(b, drv, db, "MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS", nil)
}

// autoCommit runs a statement in an implicit transaction, which CALL { ... }
// IN TRANSACTIONS needs.
func autoCommit(b *testing.B, drv neo4j.DriverWithContext, db, cypher string, params map[string]any) {
	b.Helper()
	ctx := context.Background()
	sess := drv.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: db})
	defer sess.Close(ctx)
	r, err := sess.Run(ctx, cypher, params)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	if err != nil {
		b.Fatalf("%s: %v", cypher, err)
	}
}

type statement struct {
	cypher string
	params map[string]any
}

// loadCSVStatements load the files seed.WriteCSV wrote into the directory
// dir of the import directory ("" or ending in '/'), writing what relmap
// writes: the same labels, relationship types
// and properties (the benchmark checks the fingerprints match). The tie key
// is built as graph.TieKey builds it for synthetic data: no symmetric types,
// every attribute part of the key.
//
// The synthetic source is an undated document and its citations name no
// checked date, so under the attestation rule a tie is attested exactly to
// its explicit end, if it has one; the fingerprint check after the load
// proves the statement writes what relmap writes.
func loadCSVStatements(dir string) []statement {
	rels := map[string]any{}
	var attrs []string
	seen := map[string]bool{}
	for _, t := range graph.TieTypes {
		rels[string(t.Type)] = t.RelType
		for _, a := range t.Attrs {
			if seen[a.Name] {
				continue
			}
			seen[a.Name] = true
			v := "kv[1]"
			if a.Int {
				v = "toInteger(kv[1])"
			}
			attrs = append(attrs, fmt.Sprintf("`%s`: CASE WHEN kv[0] = '%s' THEN %s END", a.Name, a.Name, v))
		}
	}
	labels := map[string]any{}
	for _, k := range graph.Kinds {
		labels[string(k.Kind)] = k.Label
	}
	name := dir + synth.Name
	return []statement{
		{`LOAD CSV WITH HEADERS FROM 'file:///` + name + `.documents.csv' AS row
CALL { WITH row
  CREATE (:Document {id: row.id, dataset: row.dataset, title: row.title, publisher: row.publisher,
    published: row.published, url: row.url, kind: row.kind, note: row.note})
} IN TRANSACTIONS OF 10000 ROWS`, nil},
		{`LOAD CSV WITH HEADERS FROM 'file:///` + name + `.actors.csv' AS row
CALL { WITH row
  CREATE (:Actor:$($labels[row.kind]) {id: row.id, dataset: row.dataset, kind: row.kind, name: row.name,
    short: row.short, aliases: split(row.aliases, ';'), region: row.region, note: row.note})
} IN TRANSACTIONS OF 10000 ROWS`, map[string]any{"labels": labels}},
		{`LOAD CSV WITH HEADERS FROM 'file:///` + name + `.ties.csv' AS row
CALL { WITH row
  MATCH (a:Actor {id: row.from}) MATCH (b:Actor {id: row.to})
  WITH row, a, b, split(row.attrs, '=') AS kv, [c IN split(row.sources, '||') | [p IN split(c, '|') | trim(p)]] AS cs
  CREATE (a)-[:$($rels[row.type]) {key: row.type + '|' + row.from + '|' + row.to + '|' + row.attrs + '|#' + row.key,
    dataset: row.dataset, type: row.type,
    since: date(row.since), since_precision: CASE size(row.since) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    until: date(row.until), until_precision: CASE size(row.until) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    note: row.note,
    source_doc: [c IN cs | c[0]], source_section: [c IN cs | c[1]], source_evidence: [c IN cs | c[2]],
    sources: [c IN cs | c[0] + ', ' + c[1] + ': ' + c[2]],
    source_checked: CASE WHEN any(c IN cs WHERE size(c) > 3 AND c[3] <> '') THEN [c IN cs | coalesce(c[3], '')] END,
    attested: date(row.until), attested_precision: CASE size(row.until) WHEN 4 THEN 'year' WHEN 7 THEN 'month' WHEN 10 THEN 'day' END,
    ` + strings.Join(attrs, ",\n    ") + `}]->(b)
} IN TRANSACTIONS OF 10000 ROWS`, map[string]any{"rels": rels}},
	}
}

// naiveSlice is the first n ties of d with the actors they join.
func naiveSlice(d *graph.Dataset, n int) *graph.Dataset {
	out := &graph.Dataset{Name: d.Name, Ties: d.Ties[:min(n, len(d.Ties))]}
	need := map[string]bool{}
	for _, t := range out.Ties {
		need[t.From], need[t.To] = true, true
	}
	for _, a := range d.Actors {
		if need[a.ID] {
			out.Actors = append(out.Actors, a)
		}
	}
	return out
}

// naiveLoad writes each tie with its own statement in its own transaction.
func naiveLoad(b *testing.B, drv neo4j.DriverWithContext, db string, ties []graph.Tie) time.Duration {
	b.Helper()
	ctx := context.Background()
	sess := drv.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: db})
	defer sess.Close(ctx)
	start := time.Now()
	for _, t := range ties {
		info, _ := graph.LookupTieType(t.Type)
		props := map[string]any{"key": t.Key, "dataset": t.Dataset, "type": string(t.Type), "note": nilIfEmpty(t.Note)}
		for _, dt := range []struct {
			name string
			d    graph.Date
		}{{"since", t.Since}, {"until", t.Until}} {
			if !dt.d.IsZero() {
				props[dt.name] = dbtype.Date(dt.d.First())
				props[dt.name+"_precision"] = string(dt.d.Precision())
			}
		}
		for k, v := range t.Attrs {
			props[k] = v
		}
		var docs, sects, evid, rendered []string
		for _, c := range t.Sources {
			docs, sects, evid, rendered = append(docs, c.Doc), append(sects, c.Section), append(evid, c.Evidence), append(rendered, c.String())
		}
		props["source_doc"], props["source_section"], props["source_evidence"], props["sources"] = docs, sects, evid, rendered
		stmt := "MATCH (a:Actor {id: $from}) MATCH (b:Actor {id: $to}) MERGE (a)-[r:" + info.RelType + " {key: $key}]->(b) SET r = $props"
		_, err := sess.ExecuteWrite(ctx, func(tx neo4j.ManagedTransaction) (any, error) {
			r, err := tx.Run(ctx, stmt, map[string]any{"from": t.From, "to": t.To, "key": t.Key, "props": props})
			if err != nil {
				return nil, err
			}
			return r.Consume(ctx)
		})
		if err != nil {
			b.Fatalf("naive load: %v", err)
		}
	}
	return time.Since(start)
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
