package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/usage"
	"github.com/relmap/relmap/seeds"
)

// ParseDay reads a --at style date with graph.ParseDay; a bad one is a
// mistake in the command line, named by its flag.
func ParseDay(flag, s string) (graph.Date, error) {
	d, err := graph.ParseDay(s)
	if err != nil {
		return d, usage.Errorf("--%s: %v", flag, err)
	}
	return d, nil
}

// LoadedData reads everything relmap loaded into one dataset, refusing an
// empty graph with the way out.
func LoadedData(ctx context.Context, s graph.Store) (*graph.Dataset, error) {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return nil, err
	}
	ds := graph.Merge(snap)
	if len(ds.Actors) == 0 {
		return nil, usage.Errorf("the graph holds no relmap data yet; run `relmap load` first")
	}
	return ds, nil
}

// ConfirmedOnly is the --confirmed-only flag of every command that shows
// ties: it hides what no source speaks for (graph.ConfirmedOnly).
type ConfirmedOnly bool

// Apply returns ds, or without the flag's hidden ties on day at (on every
// day, each open tie read only as far as its sources speak, when at is
// zero).
func (c ConfirmedOnly) Apply(ds *graph.Dataset, at graph.Date) *graph.Dataset {
	if !c {
		return ds
	}
	return graph.ConfirmedOnly(ds, at)
}

// Drawing is Apply for a drawing on day at: the ties no source speaks for
// are left out, and so are the actors only they brought in (an actor left
// without a tie that had one), which would otherwise stand unconnected. A
// drawing that had ties and keeps none is an empty answer, explained: the
// day is past what the sources speak for.
func (c ConfirmedOnly) Drawing(sg render.Subgraph, at graph.Date) (render.Subgraph, error) {
	if !c || len(sg.Edges) == 0 {
		return sg, nil
	}
	kept := graph.ConfirmedTies(sg.Edges, at)
	if len(kept) == 0 {
		var last graph.Date
		for _, t := range sg.Edges {
			if last.IsZero() || last.Last().Before(t.Attested.Last()) {
				last = t.Attested
			}
		}
		why := fmt.Sprintf("no tie of the figure is confirmed on %s", at)
		if !last.IsZero() {
			why += fmt.Sprintf(": their sources speak up to %s", last)
		}
		return sg, &graph.EmptyError{Why: why, Hint: "ask about an earlier day, or leave out --confirmed-only to draw them as unconfirmed"}
	}
	had, has := map[string]bool{}, map[string]bool{}
	for _, t := range sg.Edges {
		had[t.From], had[t.To] = true, true
	}
	for _, t := range kept {
		has[t.From], has[t.To] = true, true
	}
	out := render.Subgraph{Edges: kept, Dangling: sg.Dangling}
	for _, a := range sg.Nodes {
		if !had[a.ID] || has[a.ID] {
			out.Nodes = append(out.Nodes, a)
		}
	}
	return out, nil
}

// NeedsDay refuses the flag where the command has no day to judge by and
// reading ends where sources stop would write ends no source states.
func (c ConfirmedOnly) NeedsDay(given bool) error {
	if bool(c) && !given {
		return usage.Errorf("--confirmed-only needs --at: the day the sources must speak for")
	}
	return nil
}

// ReadDatasets parses and validates seed files (the built-in dataset when
// paths is empty). Validation errors are printed one per line and reported
// as an exit code, so that nothing is written on bad input.
func (g *Env) ReadDatasets(paths []string) ([]*graph.Dataset, error) {
	return g.ReadDatasetsOn(paths, nil)
}

// ReadDatasetsOn is ReadDatasets for files loaded on top of a graph that
// holds known (nil: the files alone).
func (g *Env) ReadDatasetsOn(paths []string, known *graph.KnownItems) ([]*graph.Dataset, error) {
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
		return nil, usage.Silent{Code: usage.ExitError}
	}
	return ds, err
}

// Validate reads seed files as ReadDatasets does and says what each
// dataset holds.
func Validate(g *Env, paths []string) error {
	ds, err := g.ReadDatasets(paths)
	if err != nil {
		return err
	}
	for _, d := range ds {
		fmt.Fprintf(g.Out, "dataset %s: ok (%d documents, %d actors, %d ties)\n", d.Name, len(d.Documents), len(d.Actors), len(d.Ties))
	}
	return nil
}
