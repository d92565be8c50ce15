package app

import (
	"context"
	"errors"
	"io"
	"maps"
	"slices"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/figure"
	"github.com/relmap/relmap/internal/outfile"
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

// compareSpec is what compare writes: the comparison as a table (to a
// terminal), CSV, TSV, JSON or Markdown, or drawn as a figure.
var compareSpec = func() outfile.Spec {
	spec := outfile.Tabular(outfile.Table, outfile.CSV, outfile.TSV, outfile.JSON, outfile.Markdown)
	spec.Formats = append(spec.Formats, outfile.Drawing.Formats...)
	maps.Copy(spec.Extensions, outfile.Drawing.Extensions)
	return spec
}()

// CompareFormatHelp is compare's --format usage.
func CompareFormatHelp() string { return compareSpec.FormatHelp() }

// Compare prints the spheres of the organisations on a day, or what
// changed between two days, as a table or a figure, to standard output or
// Output.
func Compare(ctx context.Context, g *Env, o CompareOptions) error {
	target, err := g.Target(compareSpec, o.Output, o.Format)
	if err != nil {
		return err
	}
	drawing := slices.Contains(outfile.Drawing.Formats, target.Format)
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
	if drawing && target.Format != "dot" {
		figure.Prepare()
	}
	return g.WithData(ctx, func(ds *graph.Dataset) error {
		orgs, err := findOrgs(ds, o.Orgs)
		if err != nil {
			return err
		}
		ds = o.ConfirmedOnly.Apply(ds, at) // at is zero for changes: every day
		var fig views.Figure
		var write func(io.Writer) error
		if changes {
			ch, err := compare.Diff(ds, orgs, o.Region, from, to)
			if err != nil {
				return compareError(err)
			}
			fig = views.Changes(ds, ch)
			write = func(w io.Writer) error {
				return compare.WriteDiff(w, ch, compare.Format(target.Format), compare.WriteOptions{Sources: o.Sources, Width: g.TableWidth(target)})
			}
		} else {
			res, err := compare.Compare(ds, orgs, o.Region, at)
			if err != nil {
				return compareError(err)
			}
			if err := res.ExplainEmpty(ds); err != nil {
				return err
			}
			if res.Empty() {
				g.Status("relmap: no state of %s stands towards any of them on %s", res.Region, at)
			}
			fig = views.Comparison(ds, res)
			write = func(w io.Writer) error {
				return compare.Write(w, res, compare.Format(target.Format), compare.WriteOptions{Sources: o.Sources, Width: g.TableWidth(target)})
			}
		}
		if drawing {
			return drawComparison(ctx, g, target, ds, fig)
		}
		return g.WriteTarget(target, write)
	})
}

// compareError keeps an answer explained as empty (exit 1) apart from a
// mistake in what was asked, such as an unknown region (exit 2).
func compareError(err error) error {
	var ee *graph.EmptyError
	if errors.As(err, &ee) {
		return err
	}
	return usage.Wrap(err)
}

// drawComparison draws a comparison figure to t.
func drawComparison(ctx context.Context, g *Env, t outfile.Target, ds *graph.Dataset, f views.Figure) error {
	snap := []*graph.Dataset{ds}
	opts := render.Options{Title: f.Title, AsOf: f.AsOf, Layout: f.Layout, Sources: views.Caption(f.Graph, snap),
		Metadata: map[string]string{"command": "relmap compare", "fingerprint": graph.FingerprintOf(snap).Hash}}
	return g.draw(ctx, f.Graph, opts, t)
}
