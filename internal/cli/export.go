package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
)

func newExportCmd(g *Globals) *cobra.Command {
	var o app.ExportOptions
	cmd := &cobra.Command{
		Use:     "export --format graphml|gexf|json|csv -o PATH",
		Short:   "Write the graph's relmap data as GraphML (Gephi, NetworkX), dated GEXF (Gephi's timeline), JSON or CSV seed files",
		Long:    help.Text("export.long"),
		Example: help.Text("export.example"),
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return app.Export(cmd.Context(), g, o) },
	}
	f := cmd.Flags()
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	f.StringVar(&o.Format, "format", "", "graphml, gexf, json or csv")
	f.StringVarP(&o.Output, "output", "o", "", "file to write (- for standard output), or for csv the directory")
	f.StringVar(&o.At, "at", "", "keep only the ties in force on this day (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringArrayVar(&o.Datasets, "dataset", nil, "export this dataset only (repeatable; default: all)")
	cmd.MarkFlagRequired("format")
	cmd.MarkFlagRequired("output")
	return cmd
}
