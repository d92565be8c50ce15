package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figure"
	"github.com/relmap/relmap/internal/queryrun"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/usage"
	"github.com/relmap/relmap/internal/views"
)

// RenderOptions say what render draws and how.
type RenderOptions struct {
	// What to draw: a view, a named question or Cypher (one of them).
	View, Named, Cypher string
	Params              []string
	ParamsFile          string
	// At is the day drawn, when AtGiven; Depth the neighbourhood view's,
	// when DepthGiven.
	At         string
	AtGiven    bool
	Depth      int
	DepthGiven bool
	Output     string
	// Layout is auto, force, geo or a Graphviz engine; LayoutGiven says
	// whether a .dot file names its engine.
	Layout      string
	LayoutGiven bool
	Renderer    string
	Title       string
	TieLabels   bool
	// DPI and Page are the PNG resolution and the PDF page, refused with
	// other formats when given.
	DPI                 float64
	DPIGiven, PageGiven bool
	Page                string
	ConfirmedOnly       ConfirmedOnly
}

// Render draws a subgraph (a built-in view, a named question or any
// Cypher) to a file through Graphviz.
func Render(ctx context.Context, g *Env, o RenderOptions) error {
	format, err := figure.FormatOf(o.Output)
	if err != nil {
		return err
	}
	if !slices.Contains(render.Layouts, o.Layout) {
		return usage.Errorf("--layout %q: want one of %s", o.Layout, strings.Join(render.Layouts, ", "))
	}
	if !slices.Contains(render.Renderers, o.Renderer) {
		return usage.Errorf("--renderer %q: want one of %s", o.Renderer, strings.Join(render.Renderers, ", "))
	}
	if err := figure.PrintFlags(format, o.DPI, o.DPIGiven, o.Page, o.PageGiven); err != nil {
		return err
	}
	user, err := CollectParams(o.ParamsFile, o.Params)
	if err != nil {
		return err
	}
	req := views.Request{View: o.View, Named: o.Named, Params: user, Title: o.Title,
		Depth: o.Depth, DepthGiven: o.DepthGiven, AtGiven: o.AtGiven, Cypher: o.Cypher}
	if req.AtGiven {
		if req.At, err = ParseDay("at", o.At); err != nil {
			return err
		}
	}
	if err := o.ConfirmedOnly.NeedsDay(req.AtGiven); err != nil {
		return err
	}
	plan, err := views.Resolve(req)
	if err != nil {
		return usage.Wrap(err)
	}
	if format != "dot" {
		figure.Prepare()
	}
	return g.WithStore(ctx, func(s graph.Store) error {
		sg, snap, err := plan.Fetch(ctx, s)
		sg.Edges = o.ConfirmedOnly.Ties(sg.Edges, req.At)
		var qe *views.QueryError
		if errors.As(err, &qe) {
			return queryrun.ExplainError(qe.Err, qe.Cypher)
		}
		if err != nil {
			return err
		}
		if len(sg.Nodes) == 0 {
			if err := UnknownActors(ctx, s, plan.Actors); err != nil {
				return err
			}
			g.Status("relmap: the query returned no nodes; drawing an empty figure")
		}
		opts := plan.Options(sg, snap, o.Layout)
		opts.TieLabels, opts.Renderer, opts.DPI, opts.Page = o.TieLabels, o.Renderer, o.DPI, o.Page
		opts.OmitEngine = format == "dot" && !o.LayoutGiven
		if off := render.Unplaced(sg); opts.Layout == "geo" && len(off) > 0 {
			g.Status("relmap: left off the map, without coordinates: " + strings.Join(off, ", "))
		}
		return g.draw(ctx, sg, opts, format, o.Output)
	})
}

// draw renders sg and writes it to path (- for standard output).
func (g *Env) draw(ctx context.Context, sg render.Subgraph, opts render.Options, format, path string) error {
	b, err := figure.Draw(ctx, sg, opts, format)
	if err != nil {
		return err
	}
	if err := g.WriteOutput(path, b); err != nil || path == "-" {
		return err
	}
	g.Status("Wrote %s (%d actors, %d ties).", path, len(sg.Nodes), len(sg.Edges))
	return nil
}
