// Package loadrun runs relmap load and unload: it recognises input the
// graph was last loaded from by its hash, reads and validates seed files
// against what the graph already holds, reports progress, and prints what
// each dataset gained, changed and lost.
package loadrun

import (
	"context"
	"errors"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/progress"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/usage"
	"github.com/relmap/relmap/seeds"
)

// Options are load's settings.
type Options struct {
	// Paths are seed files or directories (none: the built-in dataset).
	Paths []string
	// DryRun prints what would change and writes nothing; Force compares
	// item by item even when the hashes match; Prune allows removing more
	// than half of a dataset.
	DryRun, Force, Prune bool
	BatchSize            int
	LockTimeout          time.Duration
}

// Load makes each dataset in the graph equal to its seed files (the
// built-in dataset when o.Paths is empty), and prints what changed.
func Load(ctx context.Context, g *app.Env, o Options) error {
	args := o.Paths
	if o.LockTimeout < 0 {
		return usage.Errorf("--lock-timeout %s is negative (give a duration such as 30s, or leave it out to wait)", o.LockTimeout)
	}
	if o.BatchSize < 0 {
		return usage.Errorf("--batch-size %d: want a number of rows, or 0 for the default", o.BatchSize)
	}
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
	err = g.WithStore(ctx, func(s graph.Store) error {
		if c, ok := s.(graph.InputChecker); ok && input != "" && !o.Force {
			sum, same, err := c.LoadedInput(ctx, input)
			if err != nil {
				return err
			}
			if same {
				sum.DryRun = o.DryRun
				WriteSummary(g.Out, sum)
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
		ds, err := g.ReadDatasetsOn(args, known)
		if err != nil {
			return err
		}
		bar := progress.New(g.ProgressOut(), g.ErrTTY, "loading")
		defer bar.Finish()
		sum, err := s.Load(ctx, ds, graph.LoadOptions{DryRun: o.DryRun, Force: o.Force, Prune: o.Prune,
			BatchSize: o.BatchSize, Progress: bar.Update, Input: input,
			LockTimeout: o.LockTimeout, Waiting: waitingNotice(g.ErrOut)})
		bar.Finish()
		if err != nil {
			return err
		}
		WriteSummary(g.Out, sum)
		return nil
	})
	if err != nil && !parsed && errors.Is(err, graph.ErrUnavailable) {
		// Problems in the files come first, as they do when no database is
		// needed to find them.
		if _, verr := g.ReadDatasetsOn(args, &graph.KnownItems{Unasked: true}); verr != nil {
			return verr
		}
	}
	return err
}
