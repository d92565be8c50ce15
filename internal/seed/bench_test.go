package seed

import (
	"os"
	"strconv"
	"testing"

	"github.com/relmap/relmap/internal/synth"
)

// BenchmarkLoadSynthetic reads, validates and hashes a synthetic dataset as
// relmap load does before its first write. RELMAP_SEED_BENCH_DIR names a
// directory of files to read instead (relmap synth output, say, for the
// issue's 1M ties); otherwise RELMAP_SEED_BENCH_TIES ties (default 100000)
// are generated, with a tenth as many actors.
func BenchmarkLoadSynthetic(b *testing.B) {
	dir := os.Getenv("RELMAP_SEED_BENCH_DIR")
	if dir == "" {
		ties := 100000
		if v := os.Getenv("RELMAP_SEED_BENCH_TIES"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				b.Fatal(err)
			}
			ties = n
		}
		dir = b.TempDir()
		if err := WriteCSV(dir, synth.Generate(max(ties/10, 20), ties, 1)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		ds, err := LoadPaths([]string{dir})
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range ds {
			_ = d.Hash()
		}
	}
}
