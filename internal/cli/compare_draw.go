package cli

import (
	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

// drawFigure writes a comparison figure to -o beside the table on stdout.
func (o *compareOptions) drawFigure(cmd *cobra.Command, ds *graph.Dataset, f views.Figure) error {
	format, err := formatOf(o.output)
	if err != nil {
		return err
	}
	if o.output == "-" {
		return usagef("-o - would mix the drawing with the table on stdout; name a file")
	}
	snap := []*graph.Dataset{ds}
	opts := render.Options{Title: f.Title, AsOf: f.AsOf, Layout: f.Layout, Sources: views.Caption(f.Graph, snap),
		Metadata: map[string]string{"command": "relmap compare", "fingerprint": graph.FingerprintOf(snap).Hash}}
	return o.g.draw(cmd, f.Graph, opts, format, o.output)
}
