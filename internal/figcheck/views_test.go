package figcheck_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/internal/figcheck"
	"github.com/relmap/relmap/internal/render"
)

var writeBench = flag.Bool("benchmarks", false, "write the figures' table into BENCHMARKS.md")

// viewsDir holds the DOT relmap writes for each built-in view of the demo
// (kept up to date by the integration test TestViewsGoldenDOT), so the
// figures can be measured without a database.
const viewsDir = "../itest/testdata/views"

// The order of BENCHMARKS.md's tables, and the engine `relmap render`
// uses for each view (the exported DOT leaves it out).
var viewNames = []string{"sphere-nato", "sphere-csto", "sphere-sco", "ndn", "map", "ladder", "neighbourhood"}

var viewEngines = map[string]string{"sphere-nato": "twopi", "sphere-csto": "twopi", "sphere-sco": "twopi",
	"ndn": "dot", "map": "geo", "ladder": "dot", "neighbourhood": "dot"}

// peers are native Graphviz's engines on the same DOT.
var peerEngines = []string{"dot", "neato", "sfdp"}

var layoutAttr = regexp.MustCompile(`\blayout="[a-z0-9]*", `)

type measured struct {
	who string
	r   figcheck.Report
	err error
}

// measure draws the view as relmap does and, with peers, as native
// Graphviz's engines do.
func measure(t *testing.T, view string, peers bool) []measured {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(viewsDir, view+".dot"))
	if err != nil {
		t.Fatal(err)
	}
	var out []measured
	svg, err := render.Render(context.Background(), doc, "svg", render.Options{Renderer: "wasm", Layout: viewEngines[view]})
	out = append(out, measureSVG("relmap", svg, err))
	if _, err := exec.LookPath("dot"); err != nil || !peers {
		return out
	}
	// A layout named in the document wins over -K; the peers get the
	// document without it.
	bare := layoutAttr.ReplaceAll(doc, nil)
	for _, engine := range peerEngines {
		cmd := exec.Command("dot", "-K"+engine, "-Tsvg")
		cmd.Stdin = bytes.NewReader(bare)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		svg, err := cmd.Output()
		if err != nil {
			err = fmt.Errorf("%v: %s", err, stderr.String())
		}
		out = append(out, measureSVG("native "+engine, svg, err))
	}
	return out
}

func measureSVG(who string, svg []byte, err error) measured {
	if err != nil {
		return measured{who: who, err: err}
	}
	f, err := figcheck.Parse(svg)
	if err != nil {
		return measured{who: who, err: err}
	}
	return measured{who: who, r: figcheck.Check(f)}
}

// TestViewFigures measures every built-in view as relmap draws it and as
// native dot, neato and sfdp draw the same DOT; with -benchmarks it writes
// the tables into BENCHMARKS.md.
func TestViewFigures(t *testing.T) {
	var md strings.Builder
	for _, v := range viewNames {
		ms := measure(t, v, true)
		fmt.Fprintf(&md, "\n### %s\n\n| drawn by | edges through nodes | label collisions | smallest text at 17 cm | legend truth | widest empty band at 17 cm |\n|---|---:|---:|---:|---:|---:|\n", v)
		for _, m := range ms {
			if m.err != nil {
				t.Errorf("%s by %s: %v", v, m.who, m.err)
				continue
			}
			r := m.r
			fmt.Fprintf(&md, "| %s | %d | %d | %.1f pt | %.0f%% (%d/%d) | %.0f pt |\n", m.who, r.EdgesThroughNodes, r.LabelCollisions,
				r.MinTextPt, 100*r.LegendTruth(), r.LegendTrue, r.LegendEntries+r.LegendStyles, r.EmptyBand)
			if m.who == "relmap" && testing.Verbose() {
				for _, p := range r.Problems {
					t.Logf("%s: %s", v, p)
				}
			}
		}
	}
	t.Log(md.String())
	if *writeBench {
		if err := replaceSection("../../BENCHMARKS.md", md.String()); err != nil {
			t.Fatal(err)
		}
	}
}

const (
	beginMark = "<!-- figures: begin (written by go test ./internal/figcheck/ -run TestViewFigures -args -benchmarks) -->"
	endMark   = "<!-- figures: end -->"
)

// replaceSection puts tables between the figures' marks in BENCHMARKS.md.
func replaceSection(path, tables string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, beginMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %q … %q section to write the figures into", path, beginMark, endMark)
	}
	s = s[:i+len(beginMark)] + "\n" + tables + "\n" + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}

// The goals of the built-in views as relmap draws them: no edge through a
// node, no label collision, no text under 6 pt at 17 cm, a legend that
// tells the truth.
func TestViewFiguresMeetGoals(t *testing.T) {
	for _, v := range viewNames {
		m := measure(t, v, false)[0]
		if m.err != nil {
			t.Fatalf("%s: %v", v, m.err)
		}
		r := m.r
		if r.EdgesThroughNodes != 0 || r.LabelCollisions != 0 || r.MinTextPt < 6 || r.LegendTruth() != 1 || r.LegendEntries == 0 {
			t.Errorf("%s: %s", v, r)
			for _, p := range r.Problems {
				t.Logf("%s: %s", v, p)
			}
		}
	}
}
