package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/loadrun"
)

func newUnloadCmd(g *Globals) *cobra.Command {
	var o loadrun.UnloadOptions
	cmd := &cobra.Command{
		Use:   "unload NAME",
		Short: "Remove a dataset from the graph",
		Long:  help.Text("unload.long"),
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Name = args[0]
			return loadrun.Unload(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.DryRun, "dry-run", false, "print what would be removed, write nothing")
	f.IntVar(&o.BatchSize, "batch-size", 0, "rows per write statement (default 5000)")
	f.DurationVar(&o.LockTimeout, "lock-timeout", 0, "give up (exit 7) after waiting this long for a running load (default: wait)")
	return cmd
}
