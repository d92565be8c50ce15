package itest

// The render benchmark of BENCHMARKS.md (issue #6): a whole `relmap render`
// process per view of the built-in dataset, against native Graphviz drawing
// the same DOT. Run with `make bench-render`; it skips unless RELMAP_BENCH=1.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

// benchRenderRuns is how many times each process runs; the median counts.
const benchRenderRuns = 5

// benchRenderWarmup is how many unmeasured rounds of all views come first.
const benchRenderWarmup = 10

var wroteRE = regexp.MustCompile(`\((\d+) actors, (\d+) ties\)`)

// BenchmarkRenderViews times `relmap render --view V -o V.svg` for each view
// of the demo, and as the peer `dot -Tsvg` on the DOT relmap writes for the
// same view (`-o V.dot`). Also timed, to show where relmap's time goes: the
// DOT alone (query, no layout) and the SVG with --renderer native.
func BenchmarkRenderViews(b *testing.B) {
	benchDB(b)
	bin := benchBinary(b)
	dotBin, err := exec.LookPath("dot")
	if err != nil {
		if os.Getenv("CI") == "true" {
			b.Fatal("Graphviz dot is not installed (make deps-ci)")
		}
		b.Skip("Graphviz dot is not installed: no native peer to compare with")
	}
	s := openStore(b)
	ds, err := seed.LoadFS(seeds.FS)
	if err != nil {
		b.Fatalf("built-in dataset: %v", err)
	}
	if _, err := s.Load(context.Background(), ds, graph.LoadOptions{}); err != nil {
		b.Fatalf("load: %v", err)
	}
	cfg, _, _ := conn()
	env := benchEnv(cfg)
	dir := b.TempDir()

	views := []struct {
		name string
		args []string
	}{
		{"sphere-nato", []string{"--view", "sphere", "--param", "org=nato", "--at", "2012-02-01"}},
		{"ndn", []string{"--view", "ndn"}},
		{"ladder", []string{"--view", "ladder", "--at", "2012-02-01"}},
		{"neighbourhood-kazakhstan", []string{"--view", "neighbourhood", "--param", "id=kazakhstan", "--at", "2012-02-01"}},
	}
	// A server started for the benchmark plans each view's query afresh
	// and runs it in interpreted code for the first few dozen times; a few
	// rounds of every view first measure what an analyst working against a
	// running server sees.
	for range benchRenderWarmup {
		for _, v := range views {
			args := append(append([]string{"render"}, v.args...), "-o", filepath.Join(dir, "warmup.svg"))
			cmd := exec.Command(bin, args...)
			cmd.Env = env
			runProc(b, cmd, false)
		}
	}
	for _, v := range views {
		b.Run(v.name, func(b *testing.B) {
			run := func(extra ...string) procResult {
				args := append(append([]string{"render"}, v.args...), extra...)
				cmd := exec.Command(bin, args...)
				cmd.Env = env
				return runProc(b, cmd, false)
			}
			times := func(f func() procResult) []time.Duration {
				f() // warm the caches
				var ds []time.Duration
				for range benchRenderRuns {
					ds = append(ds, f().wall)
				}
				return ds
			}
			svg := filepath.Join(dir, v.name+".svg")
			dotFile := filepath.Join(dir, v.name+".dot")
			nativeSVG := filepath.Join(dir, v.name+"-native.svg")
			peerSVG := filepath.Join(dir, v.name+"-peer.svg")

			var size string
			relmap := times(func() procResult {
				r := run("-o", svg)
				if m := wroteRE.FindStringSubmatch(r.stderr); m != nil {
					size = m[1] + " actors, " + m[2] + " ties"
				}
				return r
			})
			dotOnly := times(func() procResult { return run("-o", dotFile) })
			native := times(func() procResult { return run("--renderer", "native", "-o", nativeSVG) })
			peer := times(func() procResult {
				return runProc(b, exec.Command(dotBin, "-Tsvg", dotFile, "-o", peerSVG), false)
			})
			for _, f := range []string{svg, nativeSVG, peerSVG} {
				if out, err := os.ReadFile(f); err != nil || !bytes.Contains(out, []byte("<svg")) {
					b.Fatalf("%s is not an SVG (%v)", f, err)
				}
			}

			mr, mp := benchMedian(relmap), benchMedian(peer)
			ratio := float64(mr) / float64(mp)
			b.ReportMetric(benchMS(mr), "relmap-ms")
			b.ReportMetric(benchMS(mp), "dot-ms")
			b.ReportMetric(ratio, "relmap/dot-x")
			b.ReportMetric(benchMS(benchMedian(dotOnly)), "relmap-dot-only-ms")
			b.ReportMetric(benchMS(benchMedian(native)), "relmap-native-ms")
			b.Logf("%s (%s), median of %d on %d CPUs: relmap render -o .svg %.0f ms (goal <= 150 ms: %s); dot -Tsvg on the same DOT %.0f ms; ratio %.1fx",
				v.name, size, benchRenderRuns, runtime.NumCPU(), benchMS(mr), goalMet(benchMS(mr) <= 150), benchMS(mp), ratio)
			b.Logf("%s: relmap -o .dot (query and DOT, no layout) %.0f ms; relmap --renderer native -o .svg %.0f ms",
				v.name, benchMS(benchMedian(dotOnly)), benchMS(benchMedian(native)))
		})
	}
}
