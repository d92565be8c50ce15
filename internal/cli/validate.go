package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

type validateOptions struct{ g *Globals }

func newValidateCmd(g *Globals) *cobra.Command {
	o := &validateOptions{g: g}
	return &cobra.Command{
		Use:   "validate [PATH...]",
		Short: "Check seed files without a database (default: the built-in dataset)",
		Long:  help.Text("validate.long"),
		RunE:  func(cmd *cobra.Command, args []string) error { return o.run(args) },
	}
}

func (o *validateOptions) run(args []string) error {
	ds, err := o.g.readDatasets(args)
	if err != nil {
		return err
	}
	for _, d := range ds {
		fmt.Fprintf(o.g.Out, "dataset %s: ok (%d documents, %d actors, %d ties)\n", d.Name, len(d.Documents), len(d.Actors), len(d.Ties))
	}
	return nil
}

// readDatasets parses and validates seed files (the built-in dataset when
// paths is empty). Validation errors are printed one per line and reported
// as an exit code, so that nothing is written on bad input.
func (g *Globals) readDatasets(paths []string) ([]*graph.Dataset, error) {
	return g.readDatasetsOn(paths, nil)
}

// readDatasetsOn is readDatasets for files loaded on top of a graph that
// holds known (nil: the files alone).
func (g *Globals) readDatasetsOn(paths []string, known *graph.KnownItems) ([]*graph.Dataset, error) {
	var ds []*graph.Dataset
	var err error
	if len(paths) == 0 {
		ds, err = seed.LoadKnown(seeds.FS, known)
	} else {
		for _, p := range paths {
			if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
				return nil, usage.Errorf("%s: no such file or directory (give seed files or directories)", p)
			}
		}
		ds, err = seed.LoadPathsKnown(paths, known)
	}
	var errs seed.Errors
	if errors.As(err, &errs) {
		for _, e := range errs {
			fmt.Fprintln(g.ErrOut, usage.EscapeControls(e.Error()))
		}
		fmt.Fprintf(g.ErrOut, "relmap: %d problem(s) found; nothing was written\n", len(errs))
		return nil, usage.Silent{Code: ExitError}
	}
	return ds, err
}
