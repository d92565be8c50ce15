package cli

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

type loadOptions struct {
	g         *Globals
	dryRun    bool
	force     bool
	batchSize int
}

func newLoadCmd(g *Globals) *cobra.Command {
	o := &loadOptions{g: g}
	cmd := &cobra.Command{
		Use:   "load [PATH...]",
		Short: "Make the graph match seed files (default: the built-in dataset)",
		Long: `Validates every file first (nothing is written if any has an error), then makes
each dataset in the graph equal to its files: creates, updates and removes the
documents, actors and ties the dataset owns, and leaves everything else alone.
PATH is a seed file (.yaml, .actors.csv, .ties.csv, .documents.csv) or a directory
of them. A re-load of the same files is recognised by a hash of their bytes and
neither parses nor writes anything; files with the same content in other bytes
are recognised by a content hash and change nothing in the graph. A load that
was interrupted converges when run again.`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.dryRun, "dry-run", false, "print what would change, write nothing")
	f.BoolVar(&o.force, "force", false, "read the files and compare item by item even when the hashes match")
	f.IntVar(&o.batchSize, "batch-size", 0, "rows per write statement (default 5000)")
	return cmd
}

func (o *loadOptions) run(cmd *cobra.Command, args []string) error {
	if o.batchSize < 0 {
		return usagef("--batch-size %d: want a number of rows, or 0 for the default", o.batchSize)
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
	err = o.g.withStore(ctx, func(s graph.Store) error {
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
		ds, err := o.g.readDatasets(args)
		if err != nil {
			return err
		}
		bar := newProgress(o.g.progressOut(), o.g.ErrTTY, "loading")
		defer bar.finish()
		sum, err := s.Load(ctx, ds, graph.LoadOptions{
			DryRun: o.dryRun, Force: o.force, BatchSize: o.batchSize, Progress: bar.update, Input: input})
		bar.finish()
		if err != nil {
			return err
		}
		writeLoadSummary(o.g, sum)
		return nil
	})
	if err != nil && !parsed && errors.Is(err, graph.ErrUnavailable) {
		// Problems in the files come first, as they do when no database is
		// needed to find them.
		if _, verr := o.g.readDatasets(args); verr != nil {
			return verr
		}
	}
	return err
}

func writeLoadSummary(g *Globals, sum graph.LoadSummary) {
	w := g.Out
	verb := "loaded"
	if sum.DryRun {
		verb = "would change"
	}
	for _, d := range sum.Datasets {
		if d.Unchanged {
			fmt.Fprintf(w, "dataset %s: unchanged (%d documents, %d actors, %d ties)\n",
				d.Name, d.Documents.Kept, d.Actors.Kept, d.Ties.Kept)
			continue
		}
		fmt.Fprintf(w, "dataset %s: %s\n", d.Name, verb)
		fmt.Fprintf(w, "  %-10s %8s %8s %8s %8s\n", "", "created", "updated", "removed", "kept")
		for _, row := range []struct {
			name string
			c    graph.Change
		}{{"documents", d.Documents}, {"actors", d.Actors}, {"ties", d.Ties}} {
			fmt.Fprintf(w, "  %-10s %8d %8d %8d %8d\n", row.name, row.c.Created, row.c.Updated, row.c.Removed, row.c.Kept)
		}
		if sum.DryRun {
			for _, l := range d.Details {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
	}
}
