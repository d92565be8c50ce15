package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
)

// exportStore is a fake store holding the seed package's good test data:
// two datasets, one with ties reaching actors of the other.
func exportStore(t *testing.T) *fakeStore {
	t.Helper()
	ds, err := seed.LoadPaths([]string{filepath.Join("..", "seed", "testdata", "good")})
	if err != nil {
		t.Fatal(err)
	}
	return &fakeStore{loaded: ds}
}

func loadBack(t *testing.T, dir string) []*graph.Dataset {
	t.Helper()
	ds, err := seed.LoadPaths([]string{dir})
	if err != nil {
		t.Fatalf("the exported CSV does not load: %v", err)
	}
	return ds
}

// TestExportCSVRoundTrip: exporting as CSV and loading the files back gives
// the fingerprint of what was loaded.
func TestExportCSVRoundTrip(t *testing.T) {
	f := exportStore(t)
	want := graph.FingerprintOf(f.loaded)
	dir := filepath.Join(t.TempDir(), "out")
	_, stderr, code := run(t, f, "export", "--format", "csv", "-o", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"test.documents.csv", "test.actors.csv", "test.ties.csv",
		"extra.documents.csv", "extra.actors.csv", "extra.ties.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	if got := graph.FingerprintOf(loadBack(t, dir)); got != want {
		t.Errorf("round trip changed the data: fingerprint %+v, want %+v", got, want)
	}
	if !strings.Contains(stderr, "2 datasets, 8 actors, 9 ties") {
		t.Errorf("status %q", stderr)
	}
	if graph.FingerprintOf(f.loaded) != want {
		t.Error("export changed the store's datasets")
	}
}

// TestExportAt keeps every actor and document and only the ties in force
// on the day; the CSV still loads.
func TestExportAt(t *testing.T) {
	f := exportStore(t)
	before := graph.FingerprintOf(f.loaded)
	at := graph.MustDate("2012-02-01")
	var expect []*graph.Dataset
	for _, d := range f.loaded {
		c := &graph.Dataset{Name: d.Name, Documents: d.Documents, Actors: d.Actors}
		for _, tie := range d.Ties {
			if tie.ValidAt(at) {
				c.Ties = append(c.Ties, tie)
			}
		}
		expect = append(expect, c)
	}
	want := graph.FingerprintOf(expect)
	if want.Ties != 8 || want.Actors != 8 || want.Documents != 3 {
		t.Fatalf("test data changed: %+v", want)
	}

	dir := t.TempDir()
	_, stderr, code := run(t, f, "export", "--format", "csv", "--at", "2012-02-01", "-o", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "8 ties in force on 2012-02-01") {
		t.Errorf("status %q", stderr)
	}
	if got := graph.FingerprintOf(loadBack(t, dir)); got != want {
		t.Errorf("--at 2012-02-01: fingerprint %+v, want %+v", got, want)
	}

	// In 2000 only the PfP participation and the border were in force.
	stdout, stderr, code := run(t, f, "export", "--format", "json", "--at", "2000", "-o", "-")
	if stderr != "" {
		t.Errorf("writing to standard output printed status %q", stderr)
	}
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeExport(t, stdout)
	var ties []string
	var actors, docs int
	for _, d := range doc.Datasets {
		actors += len(d.Actors)
		docs += len(d.Documents)
		for _, tie := range d.Ties {
			ties = append(ties, tie.Key)
		}
	}
	if strings.Join(ties, " ") != "borders|kazakhstan|uzbekistan participates_in|kazakhstan|pfp|status=active" ||
		actors != 8 || docs != 3 {
		t.Errorf("--at 2000: ties %v, %d actors, %d documents", ties, actors, docs)
	}
	if graph.FingerprintOf(f.loaded) != before {
		t.Error("--at changed the store's datasets")
	}
}

type exportDoc struct {
	Datasets []struct {
		Name      string
		Documents []struct{ ID string }
		Actors    []struct{ ID string }
		Ties      []struct{ Key string }
	}
}

func decodeExport(t *testing.T, s string) exportDoc {
	t.Helper()
	var doc exportDoc
	if err := json.Unmarshal([]byte(s), &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return doc
}

func TestExportDataset(t *testing.T) {
	f := exportStore(t)
	stdout, stderr, code := run(t, f, "export", "--format", "json", "--dataset", "extra", "-o", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	doc := decodeExport(t, stdout)
	if len(doc.Datasets) != 1 || doc.Datasets[0].Name != "extra" || len(doc.Datasets[0].Ties) != 3 {
		t.Errorf("--dataset extra exported %+v", doc.Datasets)
	}
	_, stderr, code = run(t, f, "export", "--format", "json", "--dataset", "nope", "-o", "-")
	if code != ExitError || !strings.Contains(stderr, "no such dataset (it holds: extra, test)") {
		t.Errorf("unknown dataset: exit %d, %q", code, stderr)
	}
}

// TestExportGraphMLFile writes a file, the same bytes every time, and
// nothing to standard output.
func TestExportGraphMLFile(t *testing.T) {
	f := exportStore(t)
	path := filepath.Join(t.TempDir(), "relmap.graphml")
	var first []byte
	for i := 0; i < 2; i++ {
		stdout, stderr, code := run(t, f, "export", "--format", "graphml", "-o", path)
		if code != ExitOK || stdout != "" {
			t.Fatalf("exit %d, stdout %q: %s", code, stdout, stderr)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		} else if string(b) != string(first) {
			t.Error("two exports of the same data differ")
		}
	}
	if !strings.Contains(string(first), `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"`) ||
		!strings.Contains(string(first), `<node id="tajikistan">`) {
		t.Errorf("not the GraphML expected:\n%s", first)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestExportUsage(t *testing.T) {
	f := exportStore(t)
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export", "--format", "gml", "-o", filepath.Join(dir, "x")},
		{"export", "--format", "csv", "-o", "-"},
		{"export", "--format", "json"},
		{"export", "-o", "-"},
		{"export", "--format", "json", "--at", "2012-13", "-o", "-"},
		{"export", "--format", "json", "-o", "-", "extra"},
		// .csv names no file: CSV is a directory of seed files.
		{"export", "-o", filepath.Join(dir, "x.csv")},
	} {
		stdout, stderr, code := run(t, f, args...)
		if code != ExitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, code, ExitUsage, stderr)
		}
		if stdout != "" {
			t.Errorf("%v wrote %q", args, stdout)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a usage error wrote %v", entries)
	}
}

// TestExportWritesRegularFilesOnly: -o never replaces a device, FIFO or
// directory, keeps a private file private, and - is stdout.
func TestExportWritesRegularFilesOnly(t *testing.T) {
	f := exportStore(t)
	dir := t.TempDir()
	for _, target := range []string{"/dev/null", dir} {
		before, err := os.Lstat(target)
		if err != nil {
			t.Skip(err)
		}
		_, stderr, code := run(t, f, "export", "--format", "json", "-o", target)
		if code != ExitError || !strings.Contains(stderr, "regular files only") {
			t.Errorf("-o %s: exit %d, %q", target, code, stderr)
		}
		if after, err := os.Lstat(target); err != nil || after.Mode() != before.Mode() {
			t.Errorf("-o %s changed it from %v to %v", target, before.Mode(), after.Mode())
		}
	}
	// Refused before connecting: no store at all here.
	if _, stderr, code := run(t, nil, "export", "--format", "json", "-o", "/dev/null"); code != ExitError || !strings.Contains(stderr, "regular files only") {
		t.Errorf("-o /dev/null without a database: exit %d, %q", code, stderr)
	}
	private := filepath.Join(dir, "private.json")
	if err := os.WriteFile(private, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := run(t, f, "export", "--format", "json", "-o", private); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if fi, _ := os.Stat(private); fi.Mode().Perm() != 0o600 || fi.Size() == 0 {
		t.Errorf("the 0600 file is now %v, %d bytes", fi.Mode().Perm(), fi.Size())
	}
	if out, _, code := run(t, f, "export", "--format", "json", "-o", "-"); code != 0 || !strings.HasPrefix(out, "{") {
		t.Errorf("-o -: exit %d, %.40q", code, out)
	}
}
