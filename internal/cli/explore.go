package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newExploreCmd(g *Globals) *cobra.Command {
	var o app.ExploreOptions
	cmd := &cobra.Command{
		Use:     "explore -o FILE.html",
		Short:   "Write an interactive explorer: one self-contained HTML file with a date slider, filters, search and citations",
		Long:    help.Text("explore.long"),
		Example: help.Text("explore.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return app.Explore(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	f.StringVar(&o.At, "at", "today", "the day the page opens on (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVarP(&o.Output, "output", "o", "", "the HTML file to write (- for stdout)")
	f.StringVar(&o.Title, "title", "", "title (default: relmap explorer)")
	cmd.MarkFlagRequired("output")
	return cmd
}
