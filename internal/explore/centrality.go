package explore

import (
	"math"

	"github.com/relmap/relmap/internal/analyse"
)

// Centrality is each actor's betweenness in the network of ties in force
// on the opening day (analyse.Measure: undirected, normalised as NetworkX
// does), by which the page sizes the actors. It is measured on that one
// day because gonum's betweenness costs tens of milliseconds a day on the
// built-in data and a second or more on a graph of 1,000 actors: on every
// day the network changes it would add seconds to the built-in page and
// half an hour to the large one (BENCHMARKS.md, Explore). Another day's
// sizes are one `relmap explore --at DAY` away; the states bridging two
// spheres or more are marked on every day, from Spans.
type Centrality struct {
	Day int `json:"day"` // the opening day
	// Scores[i] is actor i's betweenness, rounded to four decimals; 0 for
	// an actor without a link that day.
	Scores []float64 `json:"scores"`
	Max    float64   `json:"max"` // the largest score, for sizing
}

// centrality measures the network of links on the opening day.
func (d *Data) centrality(links []analyse.Link) {
	c := Centrality{Day: d.Initial, Scores: make([]float64, len(d.Actors))}
	index := make(map[string]int, len(d.Actors))
	for i, a := range d.Actors {
		index[a.ID] = i
	}
	for id, b := range analyse.Measure(links).Betweenness {
		if i, ok := index[id]; ok {
			c.Scores[i] = math.Round(b*1e4) / 1e4
			c.Max = max(c.Max, c.Scores[i])
		}
	}
	d.Centrality = c
}
