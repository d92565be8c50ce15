package explore

import (
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
)

// BenchmarkBetweennessPerDay is what one day's betweenness costs the page
// (analyse.Measure on the links in force), and how many days the network
// changes on: the product is what measuring every change day would cost,
// the reason the page measures the opening day only.
func BenchmarkBetweennessPerDay(b *testing.B) {
	for _, c := range []struct {
		name string
		data func(testing.TB) *graph.Dataset
	}{{"builtin", builtin}, {"synthetic-1000x2000", synthetic}} {
		b.Run(c.name, func(b *testing.B) {
			ds := c.data(b)
			days := map[int]bool{}
			for _, t := range ds.Ties {
				for _, d := range []graph.Date{t.Since, t.Until} {
					if !d.IsZero() {
						days[dayNumber(d)] = true
					}
				}
			}
			links := analyse.Links(ds, sourceDate)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				analyse.Measure(links)
			}
			b.ReportMetric(float64(len(days)), "change-days")
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms-per-day")
		})
	}
}
