package cli

import (
	"errors"
	"time"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/progress"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

type loadOptions struct {
	g           *Globals
	dryRun      bool
	force       bool
	prune       bool
	batchSize   int
	lockTimeout time.Duration
}

func newLoadCmd(g *Globals) *cobra.Command {
	o := &loadOptions{g: g}
	cmd := &cobra.Command{
		Use:   "load [PATH...]",
		Short: "Make the graph match seed files (default: the built-in dataset)",
		Long:  help.Text("load.long"),
		RunE:  func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "print what would change, write nothing")
	f.BoolVar(&o.force, "force", false, "read the files and compare item by item even when the hashes match")
	f.BoolVar(&o.prune, "prune", false, "allow removing more than half of a dataset's items")
	f.IntVar(&o.batchSize, "batch-size", 0, "rows per write statement (default 5000)")
	f.DurationVar(&o.lockTimeout, "lock-timeout", 0, "give up (exit 7) after waiting this long for another load, e.g. 30s (default: wait)")
	return cmd
}

func (o *loadOptions) run(cmd *cobra.Command, args []string) error {
	if o.lockTimeout < 0 {
		return usage.Errorf("--lock-timeout %s is negative (give a duration such as 30s, or leave it out to wait)", o.lockTimeout)
	}
	if o.batchSize < 0 {
		return usage.Errorf("--batch-size %d: want a number of rows, or 0 for the default", o.batchSize)
	}
	ctx := cmd.Context()
	// The input hash is cheap next to parsing: files whose bytes the graph
	// was last loaded from need no reading beyond it.
	var input string
	var err error
	if len(args) == 0 {
		input, err = seed.InputHashFS(seeds.FS)
	} else {
		input, err = seed.InputHash(args)
	}
	if err != nil {
		input = "" // parsing reports what is wrong with the paths
	}
	parsed := false
	err = o.g.WithStore(ctx, func(s graph.Store) error {
		if c, ok := s.(graph.InputChecker); ok && input != "" && !o.force {
			sum, same, err := c.LoadedInput(ctx, input)
			if err != nil {
				return err
			}
			if same {
				sum.DryRun = o.dryRun
				writeLoadSummary(o.g, sum)
				return nil
			}
		}
		parsed = true
		var known *graph.KnownItems
		if c, ok := s.(graph.Cataloguer); ok {
			k, err := c.Known(ctx)
			if err != nil {
				return err
			}
			known = &k
		}
		ds, err := o.g.ReadDatasetsOn(args, known)
		if err != nil {
			return err
		}
		bar := progress.New(o.g.ProgressOut(), o.g.ErrTTY, "loading")
		defer bar.Finish()
		sum, err := s.Load(ctx, ds, graph.LoadOptions{DryRun: o.dryRun, Force: o.force, Prune: o.prune,
			BatchSize: o.batchSize, Progress: bar.Update, Input: input,
			LockTimeout: o.lockTimeout, Waiting: waitingNotice(o.g)})
		bar.Finish()
		if err != nil {
			return err
		}
		writeLoadSummary(o.g, sum)
		return nil
	})
	if err != nil && !parsed && errors.Is(err, graph.ErrUnavailable) {
		// Problems in the files come first, as they do when no database is
		// needed to find them.
		if _, verr := o.g.ReadDatasetsOn(args, &graph.KnownItems{Unasked: true}); verr != nil {
			return verr
		}
	}
	return err
}
