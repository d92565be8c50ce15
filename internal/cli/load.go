package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/loadrun"
)

func newLoadCmd(g *Globals) *cobra.Command {
	var o loadrun.Options
	cmd := &cobra.Command{
		Use:   "load [PATH...]",
		Short: "Make the graph match seed files (default: the built-in dataset)",
		Long:  help.Text("load.long"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Paths = args
			return loadrun.Load(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.DryRun, "dry-run", false, "print what would change, write nothing")
	f.BoolVar(&o.Force, "force", false, "read the files and compare item by item even when the hashes match")
	f.BoolVar(&o.Prune, "prune", false, "allow removing more than half of a dataset's items")
	f.IntVar(&o.BatchSize, "batch-size", 0, "rows per write statement (default 5000)")
	f.DurationVar(&o.LockTimeout, "lock-timeout", 0, "give up (exit 7) after waiting this long for another load, e.g. 30s (default: wait)")
	return cmd
}
