// Package seedtest gives tests relmap's built-in dataset, parsed and
// validated as a load would, so every package's tests start from the same
// data the users get.
package seedtest

import (
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

// Sets is the built-in dataset as its seed files declare it, one dataset
// a name.
func Sets(tb testing.TB) []*graph.Dataset {
	tb.Helper()
	sets, err := seed.LoadFS(seeds.FS)
	if err != nil {
		tb.Fatal(err)
	}
	return sets
}

// BuiltIn is the built-in dataset, all of it in one.
func BuiltIn(tb testing.TB) *graph.Dataset {
	tb.Helper()
	return graph.Merge(Sets(tb))
}
