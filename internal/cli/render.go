package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/internal/app"
	"github.com/relmap/relmap/internal/cli/help"
	"github.com/relmap/relmap/internal/usage"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/pdf"
	"github.com/relmap/relmap/internal/queryrun"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

type renderOptions struct {
	g          *Globals
	view       string
	named      string
	params     []string
	paramsFile string
	at         string
	depth      int
	output     string
	layout     string
	renderer   string
	title      string
	tieLabels  bool
	dpi        float64
	page       string
	only       app.ConfirmedOnly
}

func newRenderCmd(g *Globals) *cobra.Command {
	o := &renderOptions{g: g}
	cmd := &cobra.Command{
		Use:     "render [CYPHER]",
		Short:   "Draw a subgraph (a view, a named question or any Cypher) to SVG, PNG or DOT through Graphviz",
		Long:    help.Text("render.long"),
		Example: help.Text("render.example"),
		Args:    cobra.MaximumNArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.view, "view", "", "a built-in view: "+strings.Join(views.Names(), ", "))
	f.StringVar(&o.named, "named", "", "draw what the named question NAME returns")
	f.StringArrayVarP(&o.params, "param", "p", nil, "a parameter, name=value (repeatable)")
	f.StringVar(&o.paramsFile, "params-file", "", "parameters from a JSON or YAML file")
	f.StringVar(&o.at, "at", "", "draw the graph on this day (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.IntVar(&o.depth, "depth", 0, "for the neighbourhood view: how many ties out (1 or 2)")
	f.StringVarP(&o.output, "output", "o", "", "output file (.svg, .png, .pdf, .dot; - for SVG on stdout)")
	f.Float64Var(&o.dpi, "dpi", 0, "PNG resolution in dots per inch (default: fit a 1920x1080 slide)")
	f.StringVar(&o.page, "page", "a4", "PDF page: "+strings.Join(pdf.Pages, ", "))
	f.StringVar(&o.layout, "layout", "auto", fmt.Sprintf("auto; force (placed by relmap, drawn by Graphviz; auto's choice above %d actors); geo (a map, actors at their coordinates); or a Graphviz engine: dot, neato, fdp, sfdp, circo, twopi", render.ForceAbove))
	f.StringVar(&o.renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	f.StringVar(&o.title, "title", "", "title (default: from the view)")
	f.BoolVar(&o.tieLabels, "tie-labels", false, "label every tie with its type, period and attributes")
	bindConfirmedOnly(f, &o.only)
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *renderOptions) run(cmd *cobra.Command, args []string) error {
	format, err := formatOf(o.output)
	if err != nil {
		return err
	}
	if !slices.Contains(render.Layouts, o.layout) {
		return usage.Errorf("--layout %q: want one of %s", o.layout, strings.Join(render.Layouts, ", "))
	}
	if !slices.Contains(render.Renderers, o.renderer) {
		return usage.Errorf("--renderer %q: want one of %s", o.renderer, strings.Join(render.Renderers, ", "))
	}
	if err := printFlags(cmd, format, o.dpi, o.page); err != nil {
		return err
	}
	user, err := app.CollectParams(o.paramsFile, o.params)
	if err != nil {
		return err
	}
	req := views.Request{View: o.view, Named: o.named, Params: user, Title: o.title,
		Depth: o.depth, DepthGiven: cmd.Flags().Changed("depth"), AtGiven: cmd.Flags().Changed("at")}
	if len(args) == 1 {
		req.Cypher = args[0]
	}
	if req.AtGiven {
		if req.At, err = app.ParseDay("at", o.at); err != nil {
			return err
		}
	}
	if err := o.only.NeedsDay(req.AtGiven); err != nil {
		return err
	}
	plan, err := views.Resolve(req)
	if err != nil {
		return usage.Wrap(err)
	}
	if format != "dot" {
		prepareDrawing()
	}
	return o.g.WithStore(cmd.Context(), func(s graph.Store) error {
		sg, snap, err := plan.Fetch(cmd.Context(), s)
		sg.Edges = o.only.Ties(sg.Edges, req.At)
		var qe *views.QueryError
		if errors.As(err, &qe) {
			return queryrun.ExplainError(qe.Err, qe.Cypher)
		}
		if err != nil {
			return err
		}
		if len(sg.Nodes) == 0 {
			if err := app.UnknownActors(cmd.Context(), s, plan.Actors); err != nil {
				return err
			}
			o.g.Status("relmap: the query returned no nodes; drawing an empty figure")
		}
		opts := plan.Options(sg, snap, o.layout)
		opts.TieLabels, opts.Renderer, opts.DPI, opts.Page = o.tieLabels, o.renderer, o.dpi, o.page
		opts.OmitEngine = format == "dot" && !cmd.Flags().Changed("layout")
		if off := render.Unplaced(sg); opts.Layout == "geo" && len(off) > 0 {
			o.g.Status("relmap: left off the map, without coordinates: " + strings.Join(off, ", "))
		}
		return draw(o.g, cmd, sg, opts, format, o.output)
	})
}
