package cli

import (
	"github.com/spf13/pflag"

	"github.com/relmap/relmap/internal/app"
)

// bindConfirmedOnly binds --confirmed-only, the flag of every command that
// shows ties: it hides what no source speaks for (graph.ConfirmedOnly).
func bindConfirmedOnly(f *pflag.FlagSet, c *app.ConfirmedOnly) {
	f.BoolVar((*bool)(c), "confirmed-only", false,
		`hide ties in force only because their end is open, no source speaking for them on the day (seeds/README.md, "Attestation")`)
}
