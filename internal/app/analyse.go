package app

import (
	"context"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/usage"
)

// AnalyseOptions say which day and spheres to measure and what to list.
type AnalyseOptions struct {
	Orgs          []string
	At            string
	Format        string
	Bridges       bool
	Top           int
	ConfirmedOnly ConfirmedOnly
}

// Analyse measures who links whom on a day: degree, betweenness and the
// states that bridge spheres.
func Analyse(ctx context.Context, g *Env, o AnalyseOptions) error {
	format := o.Format
	if format == "" {
		format = output.AutoFormat(g.OutTTY)
	}
	if !slices.Contains(output.Formats, format) {
		return usage.Errorf("--format %q: want one of %s", format, strings.Join(output.Formats, ", "))
	}
	if o.Top < 0 {
		return usage.Errorf("--top %d: give a number of actors, or 0 for all", o.Top)
	}
	at, err := ParseDay("at", o.At)
	if err != nil {
		return err
	}
	orgs := lowerAll(o.Orgs)
	return g.WithData(ctx, func(ds *graph.Dataset) error {
		res, err := analyse.Analyse(o.ConfirmedOnly.Apply(ds, at), orgs, at)
		if err != nil {
			return usage.Wrap(err)
		}
		g.Status("%s", res.Summary())
		return analyse.Write(g.Out, res, analyse.WriteOptions{Format: format, Bridges: o.Bridges, Top: o.Top})
	})
}
