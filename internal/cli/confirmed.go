package cli

import (
	"github.com/spf13/pflag"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/usage"
)

// confirmedOnly is the --confirmed-only flag of every command that shows
// ties: it hides what no source speaks for (graph.ConfirmedOnly).
type confirmedOnly bool

func (c *confirmedOnly) bind(f *pflag.FlagSet) {
	f.BoolVar((*bool)(c), "confirmed-only", false,
		`hide ties in force only because their end is open, no source speaking for them on the day (seeds/README.md, "Attestation")`)
}

// apply returns ds, or without the flag's hidden ties on day at (on every
// day, each open tie read only as far as its sources speak, when at is
// zero).
func (c confirmedOnly) apply(ds *graph.Dataset, at graph.Date) *graph.Dataset {
	if !c {
		return ds
	}
	return graph.ConfirmedOnly(ds, at)
}

// ties is apply for a drawing's edges.
func (c confirmedOnly) ties(ts []graph.Tie, at graph.Date) []graph.Tie {
	if !c {
		return ts
	}
	return graph.ConfirmedTies(ts, at)
}

// needsDay refuses the flag where the command has no day to judge by and
// reading ends where sources stop would write ends no source states.
func (c confirmedOnly) needsDay(given bool) error {
	if bool(c) && !given {
		return usage.Errorf("--confirmed-only needs --at: the day the sources must speak for")
	}
	return nil
}
