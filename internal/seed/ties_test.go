package seed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/synth"
)

// Files of ties are read at once on several goroutines; what comes out must
// not depend on it: the same datasets as from one file, and a tie given in
// two files reported in the later against the earlier.
func TestTiesInSeveralFiles(t *testing.T) {
	d := synth.Generate(300, 6000, 5)
	one := t.TempDir()
	if err := WriteCSV(one, d); err != nil {
		t.Fatal(err)
	}
	want, err := LoadPaths([]string{one})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(one, "synthetic.ties.csv"))
	lines := strings.SplitAfter(string(b), "\n")
	header, rows := lines[0], lines[1:]
	many := t.TempDir()
	for _, n := range []string{"synthetic.actors.csv", "synthetic.documents.csv"} {
		c, _ := os.ReadFile(filepath.Join(one, n))
		os.WriteFile(filepath.Join(many, n), c, 0o644)
	}
	part := func(name string, rows []string) {
		if err := os.WriteFile(filepath.Join(many, name), []byte(header+strings.Join(rows, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i*700 < len(rows); i++ {
		part("p"+string(rune('a'+i))+".ties.csv", rows[i*700:min((i+1)*700, len(rows))])
	}
	got, err := LoadPaths([]string{many})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("datasets %v", names(got))
	}
	assertEqual(t, want[0], got[0])

	// The 10th row again in the last file and in another after it.
	part("pz.ties.csv", []string{rows[0], rows[9]})
	part("pzz.ties.csv", []string{rows[9]})
	_, err = LoadPaths([]string{many})
	var es Errors
	if !errors.As(err, &es) || len(es) != 3 {
		t.Fatalf("want three problems, got %v", err)
	}
	key := want[0].Ties[0].Key
	for _, x := range want[0].Ties {
		if x.Line == 11 {
			key = x.Key
		}
	}
	first := filepath.Join(many, "pa.ties.csv")
	for _, w := range []string{
		filepath.Join(many, "pz.ties.csv") + ":3: tie " + key + " is defined twice (also at " + first + ":11)",
		filepath.Join(many, "pzz.ties.csv") + ":2: tie " + key + " is defined twice (also at " + first + ":11)",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("missing %q in\n%v", w, err)
		}
	}
}
