package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/progress"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
)

type unloadOptions struct {
	g           *Globals
	dryRun      bool
	batchSize   int
	lockTimeout time.Duration
}

func newUnloadCmd(g *Globals) *cobra.Command {
	o := &unloadOptions{g: g}
	cmd := &cobra.Command{
		Use:   "unload NAME",
		Short: "Remove a dataset from the graph",
		Long:  help.Text("unload.long"),
		Args:  cobra.ExactArgs(1),
		RunE:  func(cmd *cobra.Command, args []string) error { return o.run(cmd, args[0]) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "print what would be removed, write nothing")
	f.IntVar(&o.batchSize, "batch-size", 0, "rows per write statement (default 5000)")
	f.DurationVar(&o.lockTimeout, "lock-timeout", 0, "give up (exit 7) after waiting this long for a running load (default: wait)")
	return cmd
}

func (o *unloadOptions) run(cmd *cobra.Command, name string) error {
	if o.lockTimeout < 0 {
		return usage.Errorf("--lock-timeout %s is negative (give a duration such as 30s, or leave it out to wait)", o.lockTimeout)
	}
	ctx := cmd.Context()
	return o.g.WithStore(ctx, func(s graph.Store) error {
		u, ok := s.(graph.Unloader)
		if !ok {
			return errors.New("this database cannot remove datasets")
		}
		bar := progress.New(o.g.ProgressOut(), o.g.ErrTTY, "unloading")
		defer bar.Finish()
		ch, err := u.Unload(ctx, name, graph.LoadOptions{DryRun: o.dryRun, BatchSize: o.batchSize,
			Progress: bar.Update, LockTimeout: o.lockTimeout, Waiting: waitingNotice(o.g)})
		bar.Finish()
		if err != nil {
			return err
		}
		writeLoadSummary(o.g, graph.LoadSummary{DryRun: o.dryRun, Datasets: []graph.DatasetChange{ch}})
		return nil
	})
}
