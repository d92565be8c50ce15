package itest

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/loadplan"
	"github.com/relmap/relmap/internal/cli"
)

// runCLI runs relmap as a user does and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, args)
	return cli.ExitCode(err), out.String(), errOut.String() + errString(err)
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// writeSeed writes one seed file into a new directory and returns it.
func writeSeed(t *testing.T, name, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func wantContains(t *testing.T, what, text string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, text)
		}
	}
}

// A load of one dataset never changes or removes another's items: files that
// define another dataset's actor or document are refused at their line, and
// a load that bypasses the files' check (the store itself) is refused too,
// from what the graph holds. Nothing is written either way.
func TestLoadLeavesOtherDatasetsAlone(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	before := fingerprint(t, s)

	mine := writeSeed(t, "mine.yaml", `dataset: mine
documents:
  - {id: eucam-watch-11, title: My own copy}
actors:
  - {id: kazakhstan, kind: state, name: Qazaqstan, region: elsewhere}
`)
	code, _, stderr := runCLI(t, "load", mine)
	if code != cli.ExitError {
		t.Fatalf("exit %d, want %d:\n%s", code, cli.ExitError, stderr)
	}
	wantContains(t, "refusal", stderr, "mine.yaml:5:", "actor 'kazakhstan' belongs to dataset itest-slice", "dataset mine cannot define it",
		"document 'eucam-watch-11' belongs to dataset itest-slice", "nothing was written")
	if after := fingerprint(t, s); after != before {
		t.Fatalf("a refused load changed the graph: %v -> %v", before, after)
	}

	// The store checks the graph itself, whatever its caller checked.
	slice, _ := s.Snapshot(context.Background(), "itest-slice")
	kz, _ := slice[0].Actor("kazakhstan")
	kz.Dataset, kz.Name = "mine", "Qazaqstan"
	tie := slice[0].Ties[0]
	tie.Dataset = "mine"
	for _, d := range []*graph.Dataset{
		{Name: "mine", Actors: []graph.Actor{kz}},
		{Name: "mine", Documents: []graph.Document{{ID: "eucam-watch-11", Dataset: "mine", Title: "mine"}}},
		{Name: "mine", Ties: []graph.Tie{tie}},
	} {
		_, err := s.Load(context.Background(), []*graph.Dataset{d}, graph.LoadOptions{})
		var oe *loadplan.OwnedError
		if !errors.As(err, &oe) || oe.Items[0].Owner != "itest-slice" {
			t.Fatalf("store load of another dataset's item: %v", err)
		}
		wantContains(t, "store refusal", err.Error(), "dataset mine cannot change items of other datasets", "belongs to dataset itest-slice")
	}
	if after := fingerprint(t, s); after != before {
		t.Fatalf("a refused store load changed the graph: %v -> %v", before, after)
	}
	if n := count(t, s, "MATCH (d:Dataset {name: 'mine'}) RETURN count(d)"); n != 0 {
		t.Errorf("a refused load recorded its dataset")
	}
	// Two datasets in one load: the refusal of the second writes nothing
	// for the first either.
	ok := &graph.Dataset{Name: "aaa-first", Actors: []graph.Actor{{ID: "first-only", Dataset: "aaa-first", Kind: graph.KindState, Name: "F"}}}
	if _, err := s.Load(context.Background(), []*graph.Dataset{ok, {Name: "mine", Actors: []graph.Actor{kz}}}, graph.LoadOptions{}); err == nil {
		t.Fatal("accepted")
	}
	if n := count(t, s, "MATCH (a:Actor {id: 'first-only'}) RETURN count(a)"); n != 0 {
		t.Error("the dataset before the refused one was written")
	}
	if out := loadCLI(t, "testdata/slice"); !strings.Contains(out, "unchanged") {
		t.Errorf("the built-in slice after the refusals: %s", out)
	}
	checkHoldsFiles(t, s, "testdata/slice")
}

// "Unchanged" holds only while the graph still holds what was loaded.
func TestItemsDeletedByHandAreReloaded(t *testing.T) {
	s := openStore(t)
	dir := copyDir(t, "testdata/slice")
	loadCLI(t, dir)
	for _, del := range []string{
		"MATCH ()-[r:PARTICIPATES_IN]->() WHERE r.dataset = 'itest-slice' WITH r LIMIT 2 DELETE r",
		"MATCH (d:Document {id: 'general-reference'}) DELETE d",
		"MATCH (a:Actor {id: 'turkmenistan'}) DETACH DELETE a",
	} {
		mustQuery(t, s, del, nil)
		out := loadCLI(t, dir)
		if strings.Contains(out, "unchanged") || !strings.Contains(out, "loaded") {
			t.Fatalf("after %q the load said:\n%s", del, out)
		}
		checkHoldsFiles(t, s, dir)
		// The store's own fast path (no input hash) agrees.
		mustQuery(t, s, del, nil)
		sum := loadDir(t, s, dir, graph.LoadOptions{})
		if sum.Unchanged {
			t.Fatalf("after %q the store said unchanged", del)
		}
		checkHoldsFiles(t, s, dir)
	}
	if out := loadCLI(t, dir); !strings.Contains(out, "unchanged") {
		t.Errorf("once restored: %s", out)
	}
}

// An analyst's file of ties on top of the built-in dataset, as README's
// "Add your own ties" shows it: seeds/examples/ loads, refers to built-in
// actors, leaves the built-in dataset as it is, and unloads again.
func TestOwnTiesOnTopOfTheBuiltInDataset(t *testing.T) {
	s := openStore(t)
	loadCLI(t)
	core := fingerprint(t, s)
	examples := filepath.Join("..", "..", "seeds", "examples")
	out := loadCLI(t, examples)
	wantContains(t, "load of the example", out, "dataset my-findings: loaded")
	if n := count(t, s, "MATCH (:Actor {id: 'kazakhstan', dataset: 'relmap-core'})-[r:COOPERATES_WITH {dataset: 'my-findings'}]->(:Actor {id: 'uzbekistan'}) RETURN count(r)"); n != 1 {
		t.Errorf("the example's tie between built-in actors: %d", n)
	}
	if out := loadCLI(t); !strings.Contains(out, "dataset relmap-core: unchanged") {
		t.Errorf("the built-in dataset after the example: %s", out)
	}
	if out := loadCLI(t, examples); !strings.Contains(out, "dataset my-findings: unchanged") {
		t.Errorf("the example again: %s", out)
	}

	// A name known nowhere is refused with a suggestion.
	bad := writeSeed(t, "mine.yaml", `dataset: mine
documents:
  - {id: notes, title: Notes}
ties:
  - {type: cooperates_with, from: kazakstan, to: uzbekistan, since: 2025,
     sources: [{doc: notes, section: p1, evidence: seen}]}
`)
	code, _, stderr := runCLI(t, "load", bad)
	if code != cli.ExitError {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	wantContains(t, "unknown actor", stderr, "mine.yaml:5:", "unknown actor 'kazakstan' (neither in these files nor in the graph)", "kazakhstan")

	// Unloading: a dry run lists and keeps; the unload removes the example
	// and nothing of the built-in dataset.
	code, out, stderr = runCLI(t, "unload", "my-findings", "--dry-run")
	if code != 0 {
		t.Fatalf("unload --dry-run: exit %d\n%s", code, stderr)
	}
	wantContains(t, "unload --dry-run", out, "dataset my-findings: would change", "- actor almaty-water-forum", "- document my-field-notes")
	if n := count(t, s, "MATCH ()-[r {dataset: 'my-findings'}]->() RETURN count(r)"); n != 2 {
		t.Fatalf("a dry run removed ties (%d left)", n)
	}
	if code, _, stderr = runCLI(t, "unload", "my-findings"); code != 0 {
		t.Fatalf("unload: exit %d\n%s", code, stderr)
	}
	if n := count(t, s, "MATCH (x) WHERE x.dataset = 'my-findings' OR x.name = 'my-findings' RETURN count(x)"); n != 0 {
		t.Errorf("%d nodes of my-findings left", n)
	}
	if n := count(t, s, "MATCH ()-[r {dataset: 'my-findings'}]->() RETURN count(r)"); n != 0 {
		t.Errorf("%d ties of my-findings left", n)
	}
	if fp := fingerprint(t, s); fp != core {
		t.Errorf("after unloading the example the graph is not the built-in dataset: %v, want %v", fp, core)
	}
	code, _, stderr = runCLI(t, "unload", "no-such")
	if code != cli.ExitError {
		t.Fatalf("unload of an unknown dataset: exit %d", code)
	}
	wantContains(t, "unload of an unknown dataset", stderr, "no dataset no-such", "relmap-core")
}

// A file of only `dataset: x` is not a silent no-op: it empties x, which
// (as any load removing over half of a dataset) needs --prune.
func TestEmptyingADatasetNeedsPrune(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	before := fingerprint(t, s)
	empty := writeSeed(t, "slice.yaml", "dataset: itest-slice\n")
	code, _, stderr := runCLI(t, "load", empty)
	if code != cli.ExitError {
		t.Fatalf("exit %d, want %d:\n%s", code, cli.ExitError, stderr)
	}
	wantContains(t, "refusal", stderr, "dataset itest-slice: this load would remove 25 of its 25 items", "--prune", "relmap unload itest-slice", "nothing was written")
	if after := fingerprint(t, s); after != before {
		t.Fatalf("refused load changed the graph")
	}
	code, out, _ := runCLI(t, "load", "--dry-run", empty)
	if code != 0 || !strings.Contains(out, "a load needs --prune") {
		t.Errorf("dry run: exit %d\n%s", code, out)
	}
	if code, _, stderr = runCLI(t, "load", "--prune", empty); code != 0 {
		t.Fatalf("--prune: exit %d\n%s", code, stderr)
	}
	if n := count(t, s, "MATCH (x) WHERE x.dataset = 'itest-slice' RETURN count(x)"); n != 0 {
		t.Errorf("%d items left after --prune", n)
	}

	// An invalid name is refused although the file has no items.
	code, _, stderr = runCLI(t, "load", writeSeed(t, "bad.yaml", "dataset: Not A Name\n"))
	if code != cli.ExitError || !strings.Contains(stderr, "bad.yaml:1:") || !strings.Contains(stderr, "not a valid id") {
		t.Errorf("invalid empty dataset name: exit %d\n%s", code, stderr)
	}
}

// Keys and names that only look alike: invisible characters are refused,
// NFD becomes NFC, case variants of a key are refused; nothing is written.
func TestNearDuplicateKeysAreRefused(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	before := fingerprint(t, s)
	head := "dataset: near\ndocuments:\n  - {id: near-notes, title: N}\nties:\n"
	tie := func(field string) string {
		return "  - {type: cooperates_with, from: kazakhstan, to: uzbekistan, since: 2020, field: \"" + field +
			"\", sources: [{doc: near-notes, section: s, evidence: e}]}\n"
	}
	for _, c := range []struct{ name, file, want string }{
		{"zero-width space", head + tie("energy") + tie("ener\u200bgy"), "near.yaml:6: `field` contains the invisible character U+200B"},
		{"right-to-left override", head + tie("gnp\u202e.exe"), "bidirectional control character U+202E"},
		{"case", head + tie("energy") + tie("Energy"), "only by case"},
		{"NFC and NFD", head + tie("caf\u00e9") + tie("cafe\u0301"), "is defined twice"},
	} {
		code, _, stderr := runCLI(t, "load", writeSeed(t, "near.yaml", c.file))
		if code != cli.ExitError || !strings.Contains(stderr, c.want) {
			t.Errorf("%s: exit %d, want %d and %q:\n%s", c.name, code, cli.ExitError, c.want, stderr)
		}
	}
	if after := fingerprint(t, s); after != before {
		t.Fatalf("a refused load changed the graph")
	}
}

// A load waiting for another's lock says for whom after a second, and
// --lock-timeout gives up with exit 7, having written nothing.
func TestLockWaitIsReportedAndTimesOut(t *testing.T) {
	s := openStore(t)
	if err := s.EnsureSchema(context.Background()); err != nil {
		t.Fatal(err)
	}
	cfg, _, _ := conn()
	drv, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer drv.Close(ctx)
	// Another load, as it notes itself and holds the lock.
	mustQuery(t, s, "MERGE (h:RelmapHolder {name: 'load'}) SET h.pid = 4242, h.host = 'elsewhere', h.since = '2026-01-02T03:04:05Z', h.token = 'x'", nil)
	sess := drv.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeWrite, DatabaseName: cfg.Database})
	defer sess.Close(ctx)
	tx, err := sess.BeginTransaction(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Run(ctx, "MATCH (l:RelmapLock {name: 'load'}) SET l.held = true", nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tx.Rollback(ctx) })
	start := time.Now()
	code, _, stderr := runCLI(t, "load", "--lock-timeout", "3s", "testdata/slice")
	waited := time.Since(start)
	if code != cli.ExitBusy {
		t.Fatalf("exit %d, want %d:\n%s", code, cli.ExitBusy, stderr)
	}
	t.Logf("gave up after %s:\n%s", waited.Round(time.Millisecond), stderr)
	if waited < 3*time.Second || waited > 20*time.Second {
		t.Errorf("gave up after %s, want about 3s", waited)
	}
	wantContains(t, "waiting load", stderr, "waiting for another load: process 4242 on host elsewhere, holding the lock since 2026-01-02T03:04:05Z",
		"gave up after --lock-timeout 3s", "nothing was written")
	if strings.Count(stderr, "relmap: waiting for") != 1 {
		t.Errorf("the wait is reported once:\n%s", stderr)
	}
	if n := count(t, s, "MATCH (x) WHERE x.dataset = 'itest-slice' RETURN count(x)"); n != 0 {
		t.Errorf("the load that gave up wrote %d items", n)
	}
	if n := count(t, s, "SHOW TRANSACTIONS YIELD metaData WHERE metaData.relmap_lock IS NOT NULL RETURN count(*)"); n != 0 {
		t.Errorf("the load that gave up left %d transactions waiting for the lock", n)
	}
	// The other load ends; the next load runs at once.
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	code, out, stderr := runCLI(t, "load", "--lock-timeout", "10s", "testdata/slice")
	if code != 0 || !strings.Contains(out, "loaded") || strings.Contains(stderr, "waiting") {
		t.Fatalf("load after the lock was freed: exit %d in %s\n%s%s", code, time.Since(start), out, stderr)
	}
	if n := count(t, s, "MATCH (h:RelmapHolder) RETURN count(h)"); n != 0 {
		t.Errorf("%d holder notes left; the load that held the lock removes its own", n)
	}
}
