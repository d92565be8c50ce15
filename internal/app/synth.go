package app

import (
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/synth"
	"github.com/relmap/relmap/internal/usage"
)

// SynthOptions size the synthetic dataset and say where it goes.
type SynthOptions struct {
	Actors, Ties int
	Seed         uint64
	Output       string
}

// Synth writes a deterministic synthetic dataset as CSV seed files.
func Synth(g *Env, o SynthOptions) error {
	if o.Actors < 20 || o.Ties < 0 {
		return usage.Errorf("--actors must be at least 20 and --ties not negative")
	}
	d := synth.Generate(o.Actors, o.Ties, o.Seed)
	if err := seed.WriteCSV(o.Output, d); err != nil {
		return err
	}
	g.Status("Wrote %d actors and %d ties to %s.", len(d.Actors), len(d.Ties), o.Output)
	return nil
}
