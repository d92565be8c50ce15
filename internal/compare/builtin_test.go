package compare

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// On the source's own date the built-in data's matrix reads as the source
// has it, and every cell the 2012 source speaks for is confirmed: a mark
// can only fall on a cell no dated source speaks for at all (a record not
// yet given its checked date), never on what the source attests.
func TestBuiltinEarly2012Confirmed(t *testing.T) {
	sets := seedtest.Sets(t)
	ds := graph.Merge(sets)
	r, err := Compare(ds, nil, "", graph.MustDate("2012-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for i, s := range r.States {
		cells := []string{s.ID}
		for _, c := range r.Cells[i] {
			cells = append(cells, orDash(c.Label()))
			cites2012 := false
			for _, src := range c.Sources() {
				cites2012 = cites2012 || src.Doc == "eucam-watch-11"
			}
			if c.Unconfirmed && (cites2012 || !c.Attested.IsZero()) {
				t.Errorf("%s, %s: %s is unconfirmed on the source's date (attested %s)", s.ID, c.Org, c.Label(), c.Attested)
			}
		}
		rows = append(rows, strings.Join(cells, " "))
	}
	want := []string{
		"kazakhstan IPAP member member",
		"kyrgyzstan PARP member member",
		"tajikistan IPCP member member",
		"turkmenistan IPCP — —",
		"uzbekistan PARP member member",
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Errorf("the early-2012 matrix:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}
