package analyse

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
)

// rounded keeps nine decimals: gonum sums path counts in map order, so the
// last bits of a betweenness can differ from one run to the next.
func rounded(x float64) float64 { return math.Round(x*1e9) / 1e9 }

// Columns are the keys of Rows: the actor, its kind, degree and betweenness,
// its betweenness within each sphere's network (betweenness_ORG), the
// spheres it is inside, those it is associated with, and whether it bridges
// two or more.
func (r *Result) Columns() []string {
	keys := []string{"actor", "name", "kind", "degree", "betweenness"}
	for _, o := range r.Spheres {
		keys = append(keys, "betweenness_"+o.ID)
	}
	return append(keys, "spheres", "associated", "bridge")
}

// Rows are the scores as output records, betweenness to six decimals; a
// sphere's betweenness is empty (null in JSON) for an actor outside its
// network.
func (r *Result) Rows(scores []Score) [][]any {
	out := make([][]any, 0, len(scores))
	for _, s := range scores {
		row := []any{s.Actor.ID, s.Actor.Label(), string(s.Actor.Kind), s.Degree, six(s.Betweenness)}
		for j := range r.Spheres {
			var v any
			if s.InSphere[j] {
				v = six(s.SphereBetweenness[j])
			}
			row = append(row, v)
		}
		out = append(out, append(row, strings.Join(s.Spheres, " "), strings.Join(s.Associated, " "), s.Bridge()))
	}
	return out
}

func six(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// WriteOptions choose what Write prints.
type WriteOptions struct {
	Format  string // one of output.Formats
	Bridges bool   // only the states in two or more spheres
	Top     int    // at most this many rows; 0: all
	Width   int    // the terminal's width a table is fitted to; 0: none
}

// Write prints the result's scores in a format of internal/output.
func Write(w io.Writer, r *Result, o WriteOptions) error {
	scores := r.Actors
	if o.Bridges {
		scores = r.Bridges()
	}
	if o.Top > 0 && len(scores) > o.Top {
		scores = scores[:o.Top]
	}
	keys := r.Columns()
	out, err := output.NewWith(o.Format, w, keys, output.TableOptions{Width: o.Width})
	if err != nil {
		return err
	}
	for _, row := range r.Rows(scores) {
		if err := out.Write(graph.Record{Keys: keys, Values: row}); err != nil {
			return err
		}
	}
	return out.Close()
}

// Summary is the line a person reads first: the day, the network's size
// and the bridges.
func (r *Result) Summary() string {
	var names []string
	for _, b := range r.Bridges() {
		names = append(names, b.Actor.Label())
	}
	bridges := "no state bridges two spheres"
	if len(names) > 0 {
		bridges = fmt.Sprintf("%d states bridge two spheres or more: %s", len(names), strings.Join(names, ", "))
	}
	return fmt.Sprintf("As of %s: %d actors, %d links (pairs of actors joined by a tie in force); %s.", r.At, len(r.Actors), r.Links, bridges)
}
