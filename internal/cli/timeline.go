package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newTimelineCmd(g *Globals) *cobra.Command {
	var o app.TimelineOptions
	cmd := &cobra.Command{
		Use:     "timeline [ORG...] -o FILE.svg|.csv|.json",
		Short:   "Draw where each state of a region stood towards NATO, the CSTO and the SCO (or any organisations) over the years",
		Long:    help.Text("timeline.long"),
		Example: help.Text("timeline.example"),
		RunE:    func(cmd *cobra.Command, args []string) error { o.Orgs = args; return app.Timeline(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	f.StringVar(&o.Region, "region", graph.RegionCentralAsia, "region of the states to draw (all: every state)")
	f.StringVar(&o.From, "from", "", "first year (or month, or day) shown (default: the year of the earliest band)")
	f.StringVar(&o.To, "to", "today", "last day shown, the figure's as-of date (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.Format, "format", "", "svg, csv or json (default: from the extension of -o)")
	f.StringVarP(&o.Output, "output", "o", "", "the file to write (- for standard output, with --format)")
	return cmd
}
