package cli

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/queries"
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
		return usagef("--confirmed-only needs --at: the day the sources must speak for")
	}
	return nil
}

// attestTally counts the rows of a named question's answer that rest on
// unconfirmed ties (queries.Attestation), and with --confirmed-only skips
// them.
type attestTally struct {
	hide              bool
	rows, unconfirmed int
}

// skip counts r and reports whether to leave it out.
func (a *attestTally) skip(r graph.Record) bool {
	has, un := queries.Attestation(r)
	if !has {
		return false
	}
	a.rows++
	if un {
		a.unconfirmed++
	}
	return un && a.hide
}

// summary is the status line, or "" when no row carried a confirmed flag.
func (a *attestTally) summary() string {
	switch {
	case a.rows == 0:
		return ""
	case a.hide:
		return fmt.Sprintf("%d row(s) rested on ties no source speaks for on the day asked about: left out (--confirmed-only)", a.unconfirmed)
	}
	return fmt.Sprintf("%d of %d row(s) rest on ties no source speaks for on the day asked about (confirmed = false; --confirmed-only leaves them out)", a.unconfirmed, a.rows)
}
