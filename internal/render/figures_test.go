package render

import (
	"testing"

	"github.com/relmap/relmap/internal/figcheck"
)

// Every fixture's legend tells the truth about the drawn ties: each entry
// is drawn as its ties are, and each drawn look has an entry.
func TestFixturesLegendTruth(t *testing.T) {
	for _, f := range fixtures() {
		svg := renderFixture(t, f, "svg", "wasm")
		fig, err := figcheck.Parse(svg)
		if err != nil {
			t.Fatal(err)
		}
		r := figcheck.Check(fig)
		t.Logf("%s: %s", f.name, r)
		if r.LegendTruth() != 1 || r.LegendEntries == 0 {
			t.Errorf("%s: %s", f.name, r)
			for _, p := range r.Problems {
				t.Logf("%s: %s", f.name, p)
			}
		}
	}
}
