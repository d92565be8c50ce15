package seed

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/relmap/relmap/graph"
)

var fuzzNames = []string{"f.yaml", "f.actors.csv", "f.ties.csv", "f.documents.csv"}

// FuzzParseFile feeds arbitrary bytes to the readers. Nothing may panic;
// every problem found in content carries a line; and whatever is accepted
// must survive a round trip through CSV unchanged.
func FuzzParseFile(f *testing.F) {
	for _, dir := range []string{"testdata/good", "testdata/broken"} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				f.Fatal(err)
			}
			kind := 0
			for i, n := range fuzzNames {
				if csvKind(e.Name()) != "" && csvKind(e.Name()) == csvKind(n) {
					kind = i
				}
			}
			f.Add(data, uint8(kind))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		name := fuzzNames[int(kind)%len(fuzzNames)]
		ds, err := ParseFile(name, data)
		if err != nil {
			var es Errors
			if !errors.As(err, &es) || len(es) == 0 {
				t.Fatalf("error %T is not Errors: %v", err, err)
			}
			for _, e := range es {
				if e.File != name || e.Line < 1 {
					t.Errorf("problem without a place in the file: %#v", e)
				}
			}
			if ds != nil {
				t.Errorf("datasets returned along with errors")
			}
			return
		}
		var srcs []source
		var nonEmpty []*graph.Dataset
		for _, d := range ds {
			if len(d.Documents)+len(d.Actors)+len(d.Ties) == 0 {
				continue // nothing to write: CSV rows are what name a dataset
			}
			nonEmpty = append(nonEmpty, d)
			for _, k := range []string{csvDocuments, csvActors, csvTies} {
				parts, err := encodeCSV(k, d)
				if err != nil {
					t.Fatalf("a valid dataset cannot be written: %v", err)
				}
				for i, b := range parts {
					srcs = append(srcs, source{name: partName(d.Name, k, i, len(parts)), data: b})
				}
			}
		}
		p := &problems{}
		back := parse(srcs, p)
		if err := p.result(); err != nil {
			t.Fatalf("written CSV does not load:\n%v", err)
		}
		if len(back) != len(nonEmpty) {
			t.Fatalf("read back %v; want %v", names(back), names(nonEmpty))
		}
		for i := range back {
			assertEqual(t, nonEmpty[i], back[i])
		}
	})
}
