package itest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/graph/neo4jstore"
	"github.com/relmap/relmap/internal/cli"
	"github.com/relmap/relmap/internal/seed"
)

func loadDir(t *testing.T, s graph.Store, dir string, opts graph.LoadOptions) graph.LoadSummary {
	t.Helper()
	ds, err := seed.LoadPaths([]string{dir})
	if err != nil {
		t.Fatalf("seed files: %v", err)
	}
	sum, err := s.Load(context.Background(), ds, opts)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return sum
}

// checkHoldsFiles asserts that the graph holds exactly the files in dir.
func checkHoldsFiles(t *testing.T, s graph.Store, dir string) {
	t.Helper()
	ds, err := seed.LoadPaths([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	checkConverged(t, s, ds)
}

func fingerprint(t *testing.T, s graph.Store) graph.Fingerprint {
	t.Helper()
	fp, err := s.Fingerprint(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return fp
}

func TestLoadTwiceIsIdempotent(t *testing.T) {
	s := openStore(t)
	first := loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	if got := first.Datasets[0].Ties.Created; got != 14 {
		t.Fatalf("first load created %d ties, want 14", got)
	}
	fp1 := fingerprint(t, s)
	nodes1 := count(t, s, "MATCH (n) RETURN count(n)")
	rels1 := count(t, s, "MATCH ()-[r]->() RETURN count(r)")

	second := loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	if !second.Unchanged {
		t.Errorf("second load of unchanged files was not recognised as unchanged: %+v", second)
	}
	forced := loadDir(t, s, "testdata/slice", graph.LoadOptions{Force: true})
	if c := forced.Datasets[0]; c.Ties.Created+c.Ties.Updated+c.Ties.Removed+c.Actors.Created+c.Actors.Updated != 0 {
		t.Errorf("forced re-load changed something: %+v", c)
	}
	if fp2 := fingerprint(t, s); fp2 != fp1 {
		t.Errorf("fingerprint changed on re-load: %v -> %v", fp1, fp2)
	}
	if n := count(t, s, "MATCH (n) RETURN count(n)"); n != nodes1 {
		t.Errorf("nodes: %d after re-load, %d before", n, nodes1)
	}
	if r := count(t, s, "MATCH ()-[r]->() RETURN count(r)"); r != rels1 {
		t.Errorf("relationships: %d after re-load, %d before", r, rels1)
	}
	// The fingerprint of the graph is the fingerprint of the files.
	ds, _ := seed.LoadPaths([]string{"testdata/slice"})
	if want := graph.FingerprintOf(ds); fp1 != want {
		t.Errorf("graph fingerprint %v, files %v", fp1, want)
	}
}

func TestReloadAppliesExactlyTheEdits(t *testing.T) {
	s := openStore(t)
	dir := copyDir(t, "testdata/slice")
	loadDir(t, s, dir, graph.LoadOptions{})

	// Edit: change a date, delete a tie, add an actor.
	path := filepath.Join(dir, "slice.yaml")
	b, _ := os.ReadFile(path)
	text := string(b)
	text = strings.Replace(text, "to: pfp, status: active, since: 1994-05-27", "to: pfp, status: active, since: 1994-05", 1)
	lines := strings.Split(text, "\n")
	var kept []string
	for i := 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "from: turkmenistan, to: pfp") {
			i++ // and its sources line
			continue
		}
		kept = append(kept, lines[i])
	}
	text = strings.Join(kept, "\n")
	text = strings.Replace(text, "ties:", "  - {id: afghanistan, kind: state, name: Afghanistan, region: south-asia}\n\nties:", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	dry := loadDir(t, s, dir, graph.LoadOptions{DryRun: true})
	want := []string{
		"+ actor afghanistan",
		"- tie participates_in|turkmenistan|pfp|status=active",
		"~ tie participates_in|kazakhstan|pfp|status=active",
	}
	if got := dry.Datasets[0].Details; strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("dry run details:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	c := loadDir(t, s, dir, graph.LoadOptions{}).Datasets[0]
	if c.Actors.Created != 1 || c.Ties.Updated != 1 || c.Ties.Removed != 1 || c.Ties.Created != 0 || c.Actors.Updated != 0 {
		t.Errorf("changes: actors %+v ties %+v", c.Actors, c.Ties)
	}
	rows := readRows(t, s, `MATCH (:Actor {id:'kazakhstan'})-[r:PARTICIPATES_IN]->(:Actor {id:'pfp'})
RETURN toString(r.since), r.since_precision`, nil)
	if len(rows) != 1 || rows[0][0] != "1994-05-01" || rows[0][1] != "month" {
		t.Errorf("edited date: %v", rows)
	}
	if n := count(t, s, "MATCH (:Actor {id:'turkmenistan'})-[r:PARTICIPATES_IN]->() RETURN count(r)"); n != 0 {
		t.Errorf("deleted tie still there (%d)", n)
	}
	checkHoldsFiles(t, s, dir)
}

func TestHandMadeDataSurvivesALoad(t *testing.T) {
	s := openStore(t)
	mustQuery(t, s, `CREATE (:Note {text: 'analyst note'})
CREATE (:Actor {id: 'hand-made', name: 'Made by hand'})`, nil)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	mustQuery(t, s, `MATCH (a:Actor {id:'kazakhstan'}), (n:Note) CREATE (n)-[:ABOUT]->(a)`, nil)
	// Remove kazakhstan from the files: its node has a hand-made relationship
	// and must survive, disowned.
	dir := copyDir(t, "testdata/slice")
	path := filepath.Join(dir, "slice.yaml")
	b, _ := os.ReadFile(path)
	var kept []string
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		if strings.Contains(lines[i], "kazakhstan") {
			if strings.HasPrefix(strings.TrimSpace(lines[i]), "- {type:") {
				i++
			}
			continue
		}
		kept = append(kept, lines[i])
	}
	os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o644)
	loadDir(t, s, dir, graph.LoadOptions{})

	if n := count(t, s, "MATCH (n:Note)-[:ABOUT]->(:Actor {id:'kazakhstan'}) RETURN count(n)"); n != 1 {
		t.Errorf("hand-made relationship lost (%d)", n)
	}
	if n := count(t, s, "MATCH (a:Actor {id:'hand-made'}) RETURN count(a)"); n != 1 {
		t.Errorf("hand-made actor lost")
	}
	if n := count(t, s, "MATCH (a:Actor {id:'kazakhstan'}) WHERE a.dataset IS NULL RETURN count(a)"); n != 1 {
		t.Errorf("removed actor with hand-made ties should stay, disowned")
	}
	checkHoldsFiles(t, s, dir)
}

func TestBrokenFileWritesNothing(t *testing.T) {
	s := openStore(t)
	loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	before := fingerprint(t, s)
	dir := copyDir(t, "testdata/slice")
	path := filepath.Join(dir, "slice.yaml")
	b, _ := os.ReadFile(path)
	// A valid addition and an invalid one in the same file.
	text := strings.Replace(string(b), "ties:", "  - {id: iran, kind: state, name: Iran}\n\nties:\n  - {type: member_of, from: iran, to: sco, role: member, since: 2023-02-30,\n     sources: [{doc: general-reference, section: SCO, evidence: joined 2023}]}", 1)
	os.WriteFile(path, []byte(text), 0o644)
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, []string{"load", dir})
	if code := cli.ExitCode(err); code != cli.ExitError {
		t.Fatalf("exit %d, want %d; stderr: %s", code, cli.ExitError, stderr.String())
	}
	if !strings.Contains(stderr.String(), "slice.yaml:") || !strings.Contains(stderr.String(), "2023-02-30") {
		t.Errorf("want a file:line error naming the bad date, got: %s", stderr.String())
	}
	if after := fingerprint(t, s); after != before {
		t.Errorf("fingerprint changed: %v -> %v", before, after)
	}
}

// loadCLI runs relmap load as a user does and returns what it printed.
func loadCLI(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr}, append([]string{"load"}, args...))
	if err != nil {
		t.Fatalf("relmap load %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

func inputHash(t *testing.T, dir string) string {
	t.Helper()
	h, err := seed.InputHash([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func loadedInput(t *testing.T, s *neo4jstore.Store, input string) bool {
	t.Helper()
	_, same, err := s.LoadedInput(context.Background(), input)
	if err != nil {
		t.Fatal(err)
	}
	return same
}

// A re-load of the same bytes is recognised from their hash alone; a byte
// changed, a record written in another format, an interrupted load or a
// load of other files into the dataset all make relmap read the files again.
func TestUnchangedInputIsRecognised(t *testing.T) {
	s := openStore(t)
	dir := copyDir(t, "testdata/slice")
	if out := loadCLI(t, dir); !strings.Contains(out, "dataset itest-slice: loaded") {
		t.Fatalf("first load: %s", out)
	}
	h := inputHash(t, dir)
	sum, same, err := s.LoadedInput(context.Background(), h)
	if err != nil || !same {
		t.Fatalf("the input the graph was just loaded from is not recognised (%v)", err)
	}
	if c := sum.Datasets; len(c) != 1 || c[0].Name != "itest-slice" || c[0].Ties.Kept != 14 || c[0].Actors.Kept == 0 {
		t.Errorf("summary of the recognised input: %+v", sum)
	}
	if out := loadCLI(t, dir); !strings.Contains(out, "dataset itest-slice: unchanged (2 documents, 9 actors, 14 ties)") {
		t.Errorf("re-load: %s", out)
	}

	// One byte more, the same content: the content hash finds it unchanged
	// and the new bytes are recorded; a dry run records nothing.
	path := filepath.Join(dir, "slice.yaml")
	b, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	h2 := inputHash(t, dir)
	if h2 == h || loadedInput(t, s, h2) {
		t.Fatal("a changed byte left the input hash as it was, or recognised")
	}
	if out := loadCLI(t, "--dry-run", dir); !strings.Contains(out, "unchanged") {
		t.Errorf("dry run of the same content: %s", out)
	}
	if loadedInput(t, s, h2) {
		t.Error("a dry run recorded its input")
	}
	if out := loadCLI(t, dir); !strings.Contains(out, "unchanged") {
		t.Errorf("load of the same content in other bytes: %s", out)
	}
	if !loadedInput(t, s, h2) || loadedInput(t, s, h) {
		t.Error("the load of the same content did not record the new input in place of the old")
	}

	// A record written by a relmap that writes the graph differently.
	rec := readRows(t, s, "MATCH (d:Dataset {name: 'itest-slice'}) RETURN d.input", nil)[0][0].(string)
	if !strings.HasSuffix(rec, h2) {
		t.Fatalf("recorded input %q does not hold the hash %s", rec, h2)
	}
	mustQuery(t, s, "MATCH (d:Dataset {name: 'itest-slice'}) SET d.input = 'other-format:' + $h", map[string]any{"h": h2})
	if loadedInput(t, s, h2) {
		t.Error("a record in another format was trusted")
	}
	mustQuery(t, s, "MATCH (d:Dataset {name: 'itest-slice'}) SET d.input = $rec", map[string]any{"rec": rec})

	// Other files loaded into the dataset since.
	other := copyDir(t, "testdata/slice")
	ob, _ := os.ReadFile(filepath.Join(other, "slice.yaml"))
	edited := strings.Replace(string(ob), "to: pfp, status: active, since: 1994-05-27", "to: pfp, status: active, since: 1994-05", 1)
	if err := os.WriteFile(filepath.Join(other, "slice.yaml"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := loadCLI(t, other); !strings.Contains(out, "loaded") {
		t.Fatalf("load of edited files: %s", out)
	}
	if loadedInput(t, s, h2) {
		t.Error("the input of a dataset since loaded from other files is still recognised")
	}
	if out := loadCLI(t, dir); !strings.Contains(out, "loaded") {
		t.Errorf("going back to the first files: %s", out)
	}
	checkHoldsFiles(t, s, dir)
}

// The input recorded for several datasets counts only while every one of
// them still holds it.
func TestInputOfSeveralDatasets(t *testing.T) {
	s := openStore(t)
	dir := copyDir(t, "testdata/slice")
	extra := "dataset: itest-extra\nactors:\n  - {id: extra-state, kind: state, name: Extra}\n"
	if err := os.WriteFile(filepath.Join(dir, "extra.yaml"), []byte(extra), 0o644); err != nil {
		t.Fatal(err)
	}
	loadCLI(t, dir)
	h := inputHash(t, dir)
	if !loadedInput(t, s, h) {
		t.Fatal("the input of two datasets is not recognised")
	}
	if out := loadCLI(t, dir); strings.Count(out, "unchanged") != 2 {
		t.Errorf("re-load of two datasets: %s", out)
	}
	// itest-extra alone, from other bytes: itest-slice still holds the
	// first input, itest-extra no longer does.
	alone := t.TempDir()
	if err := os.WriteFile(filepath.Join(alone, "extra.yaml"), []byte(extra+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	loadCLI(t, alone)
	if loadedInput(t, s, h) {
		t.Error("recognised although one of its datasets was loaded from other files since")
	}
}

// An actor the files define and the graph has, but not as the dataset's
// (made by hand here), is taken over, as before actors were CREATEd.
func TestNewActorTakesOverAnUnownedNode(t *testing.T) {
	s := openStore(t)
	mustQuery(t, s, "CREATE (:Actor {id: 'kazakhstan', name: 'made by hand'})", nil)
	sum := loadDir(t, s, "testdata/slice", graph.LoadOptions{})
	if c := sum.Datasets[0]; c.Actors.Created != 9 {
		t.Errorf("actors %+v", c.Actors)
	}
	if n := count(t, s, "MATCH (a:Actor {id: 'kazakhstan'}) WHERE a.dataset = 'itest-slice' AND a:State RETURN count(a)"); n != 1 {
		t.Errorf("%d owned kazakhstan nodes, want 1", n)
	}
	checkHoldsFiles(t, s, "testdata/slice")
}
