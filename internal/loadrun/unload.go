package loadrun

import (
	"context"
	"errors"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/progress"
	"github.com/relmap/relmap/internal/usage"
)

// UnloadOptions are unload's settings.
type UnloadOptions struct {
	Name        string
	DryRun      bool
	BatchSize   int
	LockTimeout time.Duration
}

// Unload removes the dataset o.Name from the graph and prints what went.
func Unload(ctx context.Context, g *app.Env, o UnloadOptions) error {
	if o.LockTimeout < 0 {
		return usage.Errorf("--lock-timeout %s is negative (give a duration such as 30s, or leave it out to wait)", o.LockTimeout)
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		u, ok := s.(graph.Unloader)
		if !ok {
			return errors.New("this database cannot remove datasets")
		}
		bar := progress.New(g.ProgressOut(), g.ErrTTY, "unloading")
		defer bar.Finish()
		ch, err := u.Unload(ctx, o.Name, graph.LoadOptions{DryRun: o.DryRun, BatchSize: o.BatchSize,
			Progress: bar.Update, LockTimeout: o.LockTimeout, Waiting: waitingNotice(g.ErrOut)})
		bar.Finish()
		if err != nil {
			return err
		}
		WriteSummary(g.Out, graph.LoadSummary{DryRun: o.DryRun, Datasets: []graph.DatasetChange{ch}})
		return nil
	})
}
