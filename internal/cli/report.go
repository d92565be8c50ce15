package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newReportCmd(g *Globals) *cobra.Command {
	var o app.ReportOptions
	cmd := &cobra.Command{
		Use:     "report [ORG...] -o FILE.html|FILE.pdf",
		Short:   "Write an analyst's report: one self-contained HTML file with the comparison, diagrams, states and sources",
		Long:    help.Text("report.long"),
		Example: help.Text("report.example"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Orgs, o.NetworkAsked = args, cmd.Flags().Changed("network")
			return app.Report(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.At, "at", "today", "the day the report is about (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.Region, "region", graph.RegionCentralAsia, "region of the states to report on (all: every state)")
	f.StringVarP(&o.Output, "output", "o", "", "the file to write, .html or .pdf (- for stdout)")
	f.StringVar(&o.Format, "format", "", "html or pdf (default: from the extension of -o; html for -)")
	f.StringVar(&o.Title, "title", "", "title (default: from the organisations and the region)")
	f.StringVar(&o.Network, "network", "ndn", "the route whose legs the network diagram draws")
	f.StringVar(&o.Renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	cmd.MarkFlagRequired("output")
	return cmd
}
