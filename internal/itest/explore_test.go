package itest

import (
	"bytes"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/explore"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// The explorer's page from the graph (what relmap explore reads) is the
// page from the seed files: every date, attestation and citation survives
// the round trip through Neo4j.
func TestExplorePageFromTheGraphEqualsTheFiles(t *testing.T) {
	_, fromGraph := loadBuiltIn(t)
	sets := seedtest.Sets(t)
	if len(sets) != 1 {
		t.Fatalf("%d built-in datasets, want 1", len(sets))
	}
	o := explore.Options{At: graph.MustDate("2012-02-01"), Through: graph.MustDate("2026-12-01"), Generator: "itest"}
	page := func(ds *graph.Dataset) []byte {
		var b bytes.Buffer
		if err := explore.Write(&b, explore.Build(ds, o)); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := page(fromGraph), page(sets[0])
	if !bytes.Equal(a, b) {
		i := 0
		for i < min(len(a), len(b)) && a[i] == b[i] {
			i++
		}
		t.Errorf("the pages differ from byte %d: graph %q, files %q", i, a[max(0, i-80):min(len(a), i+80)], b[max(0, i-80):min(len(b), i+80)])
	}
}
