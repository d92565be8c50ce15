package cli

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

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
	only    confirmedOnly
}

func newAnalyseCmd(g *Globals) *cobra.Command {
	o := &analyseOptions{g: g}
	cmd := &cobra.Command{
		Use:   "analyse [ORG...]",
		Short: "Who links whom on a day: degree, betweenness (overall and per sphere) and the states that bridge spheres",
		Long: `Measures the network of ties in force on the day asked about, one row per
actor linked that day, the most between first:

  degree              how many actors it is linked to
  betweenness         the share of shortest paths between other actors that
                      pass through it (normalised as NetworkX does, 0 to 1)
  betweenness_ORG     the same within the sphere's own network: the
                      organisation, the programmes on its ladder and the
                      states inside its sphere that day (empty: not in it)
  spheres             the spheres a state is inside that day (relmap's one
                      sphere rule: member or a rung of the ladder)
  associated          those it is only associated with (observer, dialogue
                      partner, partner), not counted
  bridge              whether it is inside two spheres or more

The network is undirected and simple: two actors are linked when at least one
tie in force joins them, whichever way it points. Ties that record an absence
or the opposite of a link (no institutional ties, rivalry, opposition,
criticism) do not link. Centralities are computed with gonum's graph packages.
Organisations default to nato csto sco. A line on standard error names the
bridges.`,
		Example: `  relmap analyse --at 2012-02-01
  relmap analyse --at 2012-02-01 --bridges --format json
  relmap analyse nato csto --at 2005 --top 10 --format csv`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	o.only.bind(f)
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
		return usagef("--format %q: want one of %s", format, strings.Join(output.Formats, ", "))
	}
	if o.top < 0 {
		return usagef("--top %d: give a number of actors, or 0 for all", o.top)
	}
	at, err := parseDay("at", o.at)
	if err != nil {
		return err
	}
	orgs = lowerAll(orgs)
	return o.g.withData(cmd.Context(), func(ds *graph.Dataset) error {
		res, err := analyse.Analyse(o.only.apply(ds, at), orgs, at)
		if err != nil {
			return usageError{err}
		}
		o.g.status("%s", res.Summary())
		return analyse.Write(o.g.Out, res, analyse.WriteOptions{Format: format, Bridges: o.bridges, Top: o.top})
	})
}
