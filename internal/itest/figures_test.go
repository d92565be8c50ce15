package itest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/cli"
	"github.com/relmap/relmap/internal/figcheck"
)

// Every built-in view, at the demo's date and today, and the comparison
// drawing meet the figures' goals as `relmap render` and `relmap compare`
// draw them from the loaded dataset: no edge through a node, no label
// collision, no text under 6 pt at 17 cm, a legend that tells the truth.
// (internal/figcheck measures the demo's views from their golden DOT
// without a database; this covers today's data and the comparison.)
func TestFiguresMeetGoals(t *testing.T) {
	loadBuiltIn(t)
	views := map[string][]string{
		"sphere-nato":   {"render", "--view", "sphere", "--param", "org=nato"},
		"sphere-csto":   {"render", "--view", "sphere", "--param", "org=csto"},
		"sphere-sco":    {"render", "--view", "sphere", "--param", "org=sco"},
		"ndn":           {"render", "--view", "ndn"},
		"map":           {"render", "--view", "map"},
		"ladder":        {"render", "--view", "ladder"},
		"neighbourhood": {"render", "--view", "neighbourhood", "--param", "id=kazakhstan"},
	}
	dir := t.TempDir()
	check := func(t *testing.T, name string, args []string) {
		out := filepath.Join(dir, strings.ReplaceAll(name, "/", "-")+".svg")
		var stdout, stderr bytes.Buffer
		if err := cli.Run(context.Background(), cli.Streams{In: strings.NewReader(""), Out: &stdout, ErrOut: &stderr},
			append(args, "-o", out)); err != nil {
			t.Fatalf("%v: %v: %s", args, err, stderr.String())
		}
		svg, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		f, err := figcheck.Parse(svg)
		if err != nil {
			t.Fatal(err)
		}
		r := figcheck.Check(f)
		t.Logf("%s: %s", name, r)
		if r.EdgesThroughNodes != 0 || r.LabelCollisions != 0 || r.MinTextPt < 6 || r.LegendTruth() != 1 || r.LegendEntries == 0 {
			t.Errorf("%s misses the goals: %s", name, r)
			for _, p := range r.Problems {
				t.Logf("%s: %s", name, p)
			}
		}
	}
	for name, args := range views {
		for _, at := range []string{"2012-02-01", "today"} {
			a := append([]string(nil), args...)
			if name != "ndn" && name != "map" {
				a = append(a, "--at", at)
			} else if at == "today" {
				continue // the network's views draw every period
			}
			t.Run(name+"/"+at, func(t *testing.T) { check(t, name+"-"+at, a) })
		}
	}
	for _, at := range []string{"2012-02-01", "today"} {
		t.Run("compare/"+at, func(t *testing.T) {
			check(t, "compare-"+at, []string{"compare", "--at", at})
		})
	}
}
