package render

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// An unconfirmed tie is drawn as a faded double line, a style no tie type,
// weak standing or "not in force" uses, and the legend names the date; the
// day its sources still speak for it nothing is marked.
func TestUnconfirmedStyle(t *testing.T) {
	for _, s := range tieStyles {
		if s.Style == unconfirmedStyle || strings.Contains(s.Colour, ":") {
			t.Fatalf("a tie type's style %+v collides with the unconfirmed double line", s)
		}
	}
	sg := spheresFixture().subgraph()
	for _, c := range []struct {
		at   string
		want bool
	}{{"2012-02-29", false}, {"2012-03-01", true}} {
		dot, err := DOT(sg, Options{AsOf: graph.MustDate(c.at), Layout: "dot"})
		if err != nil {
			t.Fatal(err)
		}
		s := string(dot)
		legend := strings.Contains(s, "═══") && strings.Contains(s, UnconfirmedLegend(graph.MustDate(c.at)))
		line := strings.Contains(s, `"kazakhstan" -> "ipap" [color="`+unconfirmedLine("#0072B2")+`"`)
		if legend != c.want || line != c.want {
			t.Errorf("on %s: legend entry %v, IPAP drawn unconfirmed %v; want %v", c.at, legend, line, c.want)
		}
		if strings.Count(s, unconfirmedAlpha+":") > 1 {
			t.Errorf("on %s: more than the IPAP drawn unconfirmed", c.at)
		}
	}
}
