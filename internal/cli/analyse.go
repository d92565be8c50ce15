package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/output"
)

type analyseOptions struct {
	g       *Globals
	at      string
	format  string
	bridges bool
	top     int
	only    app.ConfirmedOnly
}

func newAnalyseCmd(g *Globals) *cobra.Command {
	o := &analyseOptions{g: g}
	cmd := &cobra.Command{
		Use:     "analyse [ORG...]",
		Short:   "Who links whom on a day: degree, betweenness (overall and per sphere) and the states that bridge spheres",
		Long:    help.Text("analyse.long"),
		Example: help.Text("analyse.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.only)
	f.StringVar(&o.at, "at", "today", "the day to analyse (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.format, "format", "", "table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.bridges, "bridges", false, "list only the states in two or more spheres")
	f.IntVar(&o.top, "top", 0, "list at most this many actors (0: all)")
	return cmd
}

func (o *analyseOptions) run(cmd *cobra.Command, orgs []string) error {
	format := o.format
	if format == "" {
		format = output.AutoFormat(o.g.OutTTY)
	}
	if !slices.Contains(output.Formats, format) {
		return usage.Errorf("--format %q: want one of %s", format, strings.Join(output.Formats, ", "))
	}
	if o.top < 0 {
		return usage.Errorf("--top %d: give a number of actors, or 0 for all", o.top)
	}
	at, err := app.ParseDay("at", o.at)
	if err != nil {
		return err
	}
	orgs = lowerAll(orgs)
	return o.g.WithData(cmd.Context(), func(ds *graph.Dataset) error {
		res, err := analyse.Analyse(o.only.Apply(ds, at), orgs, at)
		if err != nil {
			return usage.Wrap(err)
		}
		o.g.Status("%s", res.Summary())
		return analyse.Write(o.g.Out, res, analyse.WriteOptions{Format: format, Bridges: o.bridges, Top: o.top})
	})
}
