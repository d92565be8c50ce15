package explore

import (
	"bytes"
	"testing"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/synth"
)

// The explorer's goals (issue 20): on a graph of 1,000 actors and 2,000
// ties the file is at most 3 MB, the first render takes at most 1 s and one
// slider step at most 100 ms. The times are measured in Chromium with the
// Performance API: the first render from the start of navigation to the
// first frame Cytoscape draws (performance mark explore-first-render), a
// step from the slider's input event to the second animation frame after
// it, by which time the frame showing the new day has been painted.
//
// The machine the figures come from is shared, so the benchmark also
// reports the CPU time of the page's main thread (Chromium's TaskDuration
// in thread time): the part of the wall time the page itself worked.

func synthetic(testing.TB) *graph.Dataset { return synth.Generate(1000, 2000, 1) }

// TestSyntheticPageSize holds the size goal, which depends on nothing but
// the data.
func TestSyntheticPageSize(t *testing.T) {
	b := writePage(t, synthetic(t), sourceDate)
	if len(b) > 3<<20 {
		t.Errorf("the page of 1,000 actors and 2,000 ties is %d bytes, over 3 MB", len(b))
	}
}

// stepScript moves the slider through 40 even steps from the first day to
// the last and returns each step's duration in milliseconds, and then the
// part of each spent in the page's script (deciding and restyling, before
// the browser draws).
const stepScript = `(async () => {
	const s = document.getElementById('slider'), times = [], script = [];
	const painted = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
	const lo = +s.min, hi = +s.max, n = 40;
	await painted();
	for (let k = 1; k <= n; k++) {
		performance.mark('step-start');
		s.value = Math.round(lo + (hi - lo) * k / n);
		s.dispatchEvent(new Event('input', {bubbles: true}));
		script.push(performance.measure('step-script', 'step-start').duration);
		await painted();
		times.push(performance.measure('step', 'step-start').duration);
	}
	return times.concat(script);
})()`

func BenchmarkExplorer(b *testing.B) {
	for _, c := range []struct {
		name string
		data func(testing.TB) *graph.Dataset
	}{{"builtin", builtin}, {"synthetic-1000x2000", synthetic}} {
		b.Run(c.name, func(b *testing.B) {
			ds := c.data(b)
			var build time.Duration
			var page []byte
			var first, own, mean, worst, scriptMean, firstCPU, stepCPU float64
			for i := 0; i < b.N; i++ {
				start := time.Now()
				var buf bytes.Buffer
				if err := Write(&buf, Build(ds, Options{At: sourceDate, Through: through})); err != nil {
					b.Fatal(err)
				}
				build += time.Since(start)
				page = buf.Bytes()
				tb := openPage(b, page)
				firstCPU += tb.cpu(b)
				drawn := eval[float64](b, tb, `performance.getEntriesByName('explore-first-render')[0].startTime`)
				first += drawn
				own += drawn - eval[float64](b, tb, `performance.getEntriesByName('explore-start')[0].startTime`)
				before := tb.cpu(b)
				res := eval[[]float64](b, tb, stepScript)
				stepCPU += (tb.cpu(b) - before) / float64(len(res)/2)
				steps, script := res[:len(res)/2], res[len(res)/2:]
				var sum, most float64
				for j, s := range steps {
					sum += s
					most = max(most, s)
					scriptMean += script[j] / float64(len(script))
				}
				mean += sum / float64(len(steps))
				worst = max(worst, most)
				if m := tb.messages(); len(m) > 0 {
					b.Errorf("console messages: %v", m)
				}
			}
			n := float64(b.N)
			b.ReportMetric(float64(len(page)), "bytes")
			b.ReportMetric(float64(build.Milliseconds())/n, "ms-build")
			b.ReportMetric(first/n, "ms-first-render")
			b.ReportMetric(own/n, "ms-first-render-own") // of which after the library has run
			b.ReportMetric(mean/n, "ms-step-mean")
			b.ReportMetric(worst, "ms-step-max")
			b.ReportMetric(scriptMean/n, "ms-step-script")
			b.ReportMetric(firstCPU/n, "ms-cpu-to-first-render")
			b.ReportMetric(stepCPU/n, "ms-cpu-step")
		})
	}
}
