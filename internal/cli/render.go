package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/pdf"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

func newRenderCmd(g *Globals) *cobra.Command {
	var o app.RenderOptions
	cmd := &cobra.Command{
		Use:     "render [CYPHER]",
		Short:   "Draw a subgraph (a view, a named question or any Cypher) to SVG, PNG or DOT through Graphviz",
		Long:    help.Text("render.long"),
		Example: help.Text("render.example"),
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Cypher = args[0]
			}
			changed := cmd.Flags().Changed
			o.AtGiven, o.DepthGiven, o.LayoutGiven = changed("at"), changed("depth"), changed("layout")
			o.DPIGiven, o.PageGiven = changed("dpi"), changed("page")
			return app.Render(cmd.Context(), g, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.View, "view", "", "a built-in view: "+strings.Join(views.Names(), ", "))
	f.StringVar(&o.Named, "named", "", "draw what the named question NAME returns")
	f.StringArrayVarP(&o.Params, "param", "p", nil, "a parameter, name=value (repeatable)")
	f.StringVar(&o.ParamsFile, "params-file", "", "parameters from a JSON or YAML file")
	f.StringVar(&o.At, "at", "", "draw the graph on this day (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.IntVar(&o.Depth, "depth", 0, "for the neighbourhood view: how many ties out (1 or 2)")
	f.StringVarP(&o.Output, "output", "o", "", "output file (.svg, .png, .pdf, .dot; - for SVG on stdout)")
	f.Float64Var(&o.DPI, "dpi", 0, "PNG resolution in dots per inch (default: fit a 1920x1080 slide)")
	f.StringVar(&o.Page, "page", "a4", "PDF page: "+strings.Join(pdf.Pages, ", "))
	f.StringVar(&o.Layout, "layout", "auto", fmt.Sprintf("auto; force (placed by relmap, drawn by Graphviz; auto's choice above %d actors); geo (a map, actors at their coordinates); or a Graphviz engine: dot, neato, fdp, sfdp, circo, twopi", render.ForceAbove))
	f.StringVar(&o.Renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	f.StringVar(&o.Title, "title", "", "title (default: from the view)")
	f.BoolVar(&o.TieLabels, "tie-labels", false, "label every tie with its type, period and attributes")
	bindConfirmedOnly(f, &o.ConfirmedOnly)
	cmd.MarkFlagRequired("output")
	return cmd
}
