package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newCompareCmd(g *Globals) *cobra.Command {
	var o app.CompareOptions
	cmd := &cobra.Command{
		Use:     "compare [ORG...]",
		Short:   "Compare the NATO, CSTO and SCO spheres (or any organisations) at a date, or between two dates",
		Long:    help.Text("compare.long"),
		Example: help.Text("compare.example"),
		RunE: func(cmd *cobra.Command, args []string) error {
			changed := cmd.Flags().Changed
			o.Orgs, o.AtGiven, o.FromGiven, o.ToGiven = args, changed("at"), changed("from"), changed("to")
			return app.Compare(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.At, "at", "today", "the day to compare at (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.From, "from", "", "with --to: list the changes between two days")
	f.StringVar(&o.To, "to", "", "with --from: list the changes between two days")
	f.StringVar(&o.Region, "region", "central-asia", "region of the states to compare (all: every state)")
	f.StringVar(&o.Format, "format", "", "table, csv, json or markdown (default: table on a terminal, csv otherwise)")
	f.BoolVar(&o.Sources, "sources", false, "add the citations behind each cell")
	f.StringVarP(&o.Output, "output", "o", "", "also draw the comparison to FILE (.svg, .png, .pdf or .dot)")
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	return cmd
}
