package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newSynthCmd(g *Globals) *cobra.Command {
	var o app.SynthOptions
	cmd := &cobra.Command{
		Use:   "synth -o DIR",
		Short: "Write a deterministic synthetic dataset (CSV) for scale tests and benchmarks",
		Long:  help.Text("synth.long"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return app.Synth(g, o) },
	}
	f := cmd.Flags()
	f.IntVar(&o.Actors, "actors", 1000, "number of actors")
	f.IntVar(&o.Ties, "ties", 10000, "number of ties")
	f.Uint64Var(&o.Seed, "seed", 1, "random seed")
	f.StringVarP(&o.Output, "output", "o", "", "directory to write (created if missing)")
	cmd.MarkFlagRequired("output")
	return cmd
}
