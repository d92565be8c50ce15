package render

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// An unconfirmed tie is drawn as a faded double line, which no tie type,
// weak standing or "not in force" uses, and its legend entry, drawn the
// same way, stands under the one heading that names the date; the day its sources still speak for it nothing
// is marked.
func TestUnconfirmedStyle(t *testing.T) {
	for _, s := range tieStyles {
		if strings.Contains(s.Colour, ":") || len(s.Colour) != len("#RRGGBB") {
			t.Fatalf("a tie type's colour %q could read as the unconfirmed double line", s.Colour)
		}
	}
	sg := spheresFixture().subgraph()
	for _, c := range []struct {
		at   string
		want bool
	}{{"2012-02-29", false}, {"2012-03-01", true}} {
		at := graph.MustDate(c.at)
		dot, err := DOT(sg, Options{AsOf: at, Layout: "dot"})
		if err != nil {
			t.Fatal(err)
		}
		s := string(dot)
		legend := strings.Count(s, UnconfirmedLegend(at)) == 1 &&
			strings.Contains(s, `BGCOLOR="#0072B2`+unconfirmedAlpha+`"`)
		line := strings.Contains(s, `"kazakhstan" -> "ipap" [color="`+unconfirmedLine("#0072B2")+`"`)
		if legend != c.want || line != c.want {
			t.Errorf("on %s: legend entry %v, IPAP drawn unconfirmed %v; want %v", c.at, legend, line, c.want)
		}
		if n := strings.Count(s, ":transparent:"); n > 1 {
			t.Errorf("on %s: %d edges drawn unconfirmed, want the IPAP alone", c.at, n)
		}
	}
}
