package app

import (
	"context"
	"io"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/outfile"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/usage"
)

// AnalyseOptions say which day and spheres to measure and what to list.
type AnalyseOptions struct {
	Orgs          []string
	At            string
	Format        string
	Output        string // the file to write (- or "" for standard output)
	Bridges       bool
	Top           int
	ConfirmedOnly ConfirmedOnly
}

// Analyse measures who links whom on a day: degree, betweenness and the
// states that bridge spheres.
func Analyse(ctx context.Context, g *Env, o AnalyseOptions) error {
	t, err := g.Target(outfile.Tabular(output.Formats...), o.Output, o.Format)
	if err != nil {
		return err
	}
	if o.Top < 0 {
		return usage.Errorf("--top %d: give a number of actors, or 0 for all", o.Top)
	}
	at, err := ParseDay("at", o.At)
	if err != nil {
		return err
	}
	return g.WithData(ctx, func(ds *graph.Dataset) error {
		orgs, err := findOrgs(ds, o.Orgs)
		if err != nil {
			return err
		}
		res, err := analyse.Analyse(o.ConfirmedOnly.Apply(ds, at), orgs, at)
		if err != nil {
			return usage.Wrap(err)
		}
		g.Status("%s", res.Summary())
		return g.WriteTarget(t, func(w io.Writer) error {
			return analyse.Write(w, res, analyse.WriteOptions{Format: t.Format, Bridges: o.Bridges, Top: o.Top, Width: g.TableWidth(t)})
		})
	})
}
