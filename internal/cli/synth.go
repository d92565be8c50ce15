package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/synth"
)

type synthOptions struct {
	g      *Globals
	actors int
	ties   int
	seed   uint64
	out    string
}

func newSynthCmd(g *Globals) *cobra.Command {
	o := &synthOptions{g: g}
	cmd := &cobra.Command{
		Use:   "synth -o DIR",
		Short: "Write a deterministic synthetic dataset (CSV) for scale tests and benchmarks",
		Long:  help.Text("synth.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return o.run() },
	}
	f := cmd.Flags()
	f.IntVar(&o.actors, "actors", 1000, "number of actors")
	f.IntVar(&o.ties, "ties", 10000, "number of ties")
	f.Uint64Var(&o.seed, "seed", 1, "random seed")
	f.StringVarP(&o.out, "output", "o", "", "directory to write (created if missing)")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *synthOptions) run() error {
	if o.actors < 20 || o.ties < 0 {
		return usage.Errorf("--actors must be at least 20 and --ties not negative")
	}
	d := synth.Generate(o.actors, o.ties, o.seed)
	if err := seed.WriteCSV(o.out, d); err != nil {
		return err
	}
	o.g.Status("Wrote %d actors and %d ties to %s.", len(d.Actors), len(d.Ties), o.out)
	return nil
}
