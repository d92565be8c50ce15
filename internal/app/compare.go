package app

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/figure"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/usage"
	"github.com/relmap/relmap/internal/views"
)

// CompareOptions say which organisations to compare, on which days, and
// how to print the result.
type CompareOptions struct {
	Orgs     []string
	At       string
	From, To string
	// AtGiven, FromGiven and ToGiven say which of the days were given:
	// one day, or the changes between two.
	AtGiven, FromGiven, ToGiven bool
	Region                      string
	Format                      string
	Sources                     bool
	Output                      string
	ConfirmedOnly               ConfirmedOnly
}

// Compare prints the spheres of the organisations on a day, or what
// changed between two days, and draws it to Output when given.
func Compare(ctx context.Context, g *Env, o CompareOptions) error {
	format := o.Format
	if format == "" {
		format = output.AutoFormat(g.OutTTY)
	}
	f, err := compare.ParseFormat(format)
	if err != nil {
		return usage.Wrap(err)
	}
	orgs := lowerAll(o.Orgs)
	changes := o.FromGiven
	if changes != o.ToGiven {
		return usage.Errorf("--from and --to go together")
	}
	if changes && o.AtGiven {
		return usage.Errorf("give --at for one day or --from and --to for the changes between two, not both")
	}
	var at, from, to graph.Date
	if changes {
		if from, err = ParseDay("from", o.From); err != nil {
			return err
		}
		if to, err = ParseDay("to", o.To); err != nil {
			return err
		}
	} else if at, err = ParseDay("at", o.At); err != nil {
		return err
	}
	if o.Output != "" && !strings.EqualFold(filepath.Ext(o.Output), ".dot") {
		figure.Prepare()
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		ds, err := LoadedData(ctx, s)
		if err != nil {
			return err
		}
		ds = o.ConfirmedOnly.Apply(ds, at) // at is zero for changes: every day
		if changes {
			ch, err := compare.Diff(ds, orgs, o.Region, from, to)
			if err != nil {
				return usage.Wrap(err)
			}
			if o.Output != "" {
				if err := drawComparison(ctx, g, o, ds, views.Changes(ds, ch)); err != nil {
					return err
				}
			}
			return compare.WriteDiff(g.Out, ch, f, o.Sources)
		}
		res, err := compare.Compare(ds, orgs, o.Region, at)
		if err != nil {
			return usage.Wrap(err)
		}
		if o.Output != "" {
			if err := drawComparison(ctx, g, o, ds, views.Comparison(ds, res)); err != nil {
				return err
			}
		}
		return compare.Write(g.Out, res, f, o.Sources)
	})
}

// drawFigure writes a comparison figure to -o beside the table on stdout.
func drawComparison(ctx context.Context, g *Env, o CompareOptions, ds *graph.Dataset, f views.Figure) error {
	format, err := figure.FormatOf(o.Output)
	if err != nil {
		return err
	}
	if o.Output == "-" {
		return usage.Errorf("-o - would mix the drawing with the table on stdout; name a file")
	}
	snap := []*graph.Dataset{ds}
	opts := render.Options{Title: f.Title, AsOf: f.AsOf, Layout: f.Layout, Sources: views.Caption(f.Graph, snap),
		Metadata: map[string]string{"command": "relmap compare", "fingerprint": graph.FingerprintOf(snap).Hash}}
	return g.draw(ctx, f.Graph, opts, format, o.Output)
}
