package explore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

var writeTo = flag.String("write", "", "write the built-in data's page to this file (to look at it)")

// builtin is the dataset built into relmap, merged as a snapshot reads it.
func builtin(t testing.TB) *graph.Dataset {
	t.Helper()
	sets, err := seed.LoadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := &graph.Dataset{Name: "all"}
	for _, d := range sets {
		out.Documents = append(out.Documents, d.Documents...)
		out.Actors = append(out.Actors, d.Actors...)
		out.Ties = append(out.Ties, d.Ties...)
	}
	out.Sort()
	return out
}

var sourceDate = graph.MustDate("2012-02-01")

func writePage(t testing.TB, ds *graph.Dataset, at graph.Date) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, Build(ds, Options{At: at, Generator: "relmap test"})); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWritePage(t *testing.T) {
	b := writePage(t, builtin(t), sourceDate)
	if *writeTo != "" {
		if err := os.WriteFile(*writeTo, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b, writePage(t, builtin(t), sourceDate)) {
		t.Error("two pages of the same data differ")
	}
}

// TestLibraryChecksum: the embedded library is the pinned release.
func TestLibraryChecksum(t *testing.T) {
	sum := sha256.Sum256([]byte(library))
	if got := hex.EncodeToString(sum[:]); got != librarySHA256 {
		t.Fatalf("assets/cytoscape.min.js: SHA-256 %s, pinned %s", got, librarySHA256)
	}
	if err := checkLibrary(library + " "); err == nil || !strings.Contains(err.Error(), libraryVersion) {
		t.Errorf("a changed library was not refused: %v", err)
	}
	if err := checkLibrary(library); err != nil {
		t.Error(err)
	}
}
