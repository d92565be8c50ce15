package graph

import (
	"math/rand/v2"
	"sort"
	"strconv"
	"testing"
)

func TestSortIsStableByKey(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := range 60 {
		d := &Dataset{}
		for i := range n {
			d.Ties = append(d.Ties, Tie{Key: strconv.Itoa(r.IntN(n/3 + 1)), Line: i})
		}
		want := append([]Tie(nil), d.Ties...)
		sort.SliceStable(want, func(i, j int) bool { return want[i].Key < want[j].Key })
		d.Sort()
		for i := range want {
			if d.Ties[i].Key != want[i].Key || d.Ties[i].Line != want[i].Line {
				t.Fatalf("n=%d: position %d holds %s@%d, want %s@%d", n, i, d.Ties[i].Key, d.Ties[i].Line, want[i].Key, want[i].Line)
			}
		}
	}
}
