package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newAnalyseCmd(g *Globals) *cobra.Command {
	var o app.AnalyseOptions
	cmd := &cobra.Command{
		Use:     "analyse [ORG...]",
		Short:   "Who links whom on a day: degree, betweenness (overall and per sphere) and the states that bridge spheres",
		Long:    help.Text("analyse.long"),
		Example: help.Text("analyse.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { o.Orgs = args; return app.Analyse(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	f.StringVar(&o.At, "at", "today", "the day to analyse (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.Format, "format", "", "table, csv, tsv, json or jsonl (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.Bridges, "bridges", false, "list only the states in two or more spheres")
	f.IntVar(&o.Top, "top", 0, "list at most this many actors (0: all)")
	return cmd
}
