package synth

import (
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
)

func TestGenerateIsDeterministicAndValid(t *testing.T) {
	a := Generate(200, 2000, 7)
	b := Generate(200, 2000, 7)
	if a.Hash() != b.Hash() {
		t.Error("same arguments, different datasets")
	}
	if c := Generate(200, 2000, 8); c.Hash() == a.Hash() {
		t.Error("a different seed gave the same dataset")
	}
	kinds := map[string]graph.Kind{}
	for _, x := range a.Actors {
		kinds[x.ID] = x.Kind
	}
	keys := map[string]bool{}
	for _, tie := range a.Ties {
		info, ok := graph.LookupTieType(tie.Type)
		if !ok {
			t.Fatalf("unknown type %s", tie.Type)
		}
		if err := info.CheckEnds(kinds[tie.From], kinds[tie.To]); err != nil {
			t.Errorf("%s: %v", tie.Key, err)
		}
		if errs := info.CheckAttrs(tie.Attrs); len(errs) > 0 {
			t.Errorf("%s: %v", tie.Key, errs)
		}
		if keys[tie.Key] {
			t.Errorf("duplicate key %s", tie.Key)
		}
		keys[tie.Key] = true
		if len(tie.Sources) == 0 || tie.Since.IsZero() {
			t.Errorf("%s lacks a source or a date", tie.Key)
		}
	}
	if len(a.Actors) != 200 || len(a.Ties) != 2000 {
		t.Errorf("%d actors, %d ties", len(a.Actors), len(a.Ties))
	}
}

func TestGeneratedCSVPassesValidation(t *testing.T) {
	dir := t.TempDir()
	d := Generate(100, 1000, 3)
	if err := seed.WriteCSV(dir, d); err != nil {
		t.Fatal(err)
	}
	back, err := seed.LoadPaths([]string{dir})
	if err != nil {
		t.Fatalf("synthetic data does not validate: %v", err)
	}
	if graph.FingerprintOf(back) != graph.FingerprintOf([]*graph.Dataset{d}) {
		t.Error("CSV round trip changed the dataset")
	}
}
