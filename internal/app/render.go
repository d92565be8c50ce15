package app

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figure"
	"github.com/relmap/relmap/internal/outfile"
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
	// Format is svg, png, pdf or dot; "" takes it from Output's extension.
	Format string
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
	target, err := g.Target(outfile.Drawing, o.Output, o.Format)
	if err != nil {
		return err
	}
	format := target.Format
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
		ans, err := answer(ctx, s, &plan)
		if err != nil {
			return err
		}
		snap := ans.Snap
		sg, err := o.ConfirmedOnly.Drawing(ans.Graph, req.At)
		if err != nil {
			return err
		}
		if len(sg.Nodes) == 0 {
			g.Status("relmap: the answer is empty; drawing an empty figure")
		}
		opts := plan.Options(sg, snap, o.Layout)
		opts.TieLabels, opts.Renderer, opts.DPI, opts.Page = o.TieLabels, o.Renderer, o.DPI, o.Page
		opts.OmitEngine = format == "dot" && !o.LayoutGiven
		if off := render.Unplaced(sg); opts.Layout == "geo" && len(off) > 0 {
			g.Status("relmap: left off the map, without coordinates: " + strings.Join(off, ", "))
		}
		return g.draw(ctx, sg, opts, target)
	})
}

// answer asks the store for plan's figure: the actor names among its
// parameters become ids first, and an answer with nothing to draw is looked
// into (views.Plan.Empty): asked again when a name written like an id was
// found, an error when an argument names nothing to draw.
func answer(ctx context.Context, s graph.Store, plan *views.Plan) (views.Answer, error) {
	ids, err := resolveNames(ctx, s, plan.Actors)
	if err != nil {
		return views.Answer{}, err
	}
	plan.SetActors(ids)
	ans, err := plan.Answer(ctx, s)
	if err == nil && len(ans.Graph.Nodes) == 0 && ans.Records == 0 {
		var again map[string]string
		if again, err = graph.RecheckIDs(ctx, s, plan.Actors); again != nil {
			plan.SetActors(again)
			ans, err = plan.Answer(ctx, s)
		}
		err = lookupError(err)
	}
	var qe *views.QueryError
	if errors.As(err, &qe) {
		return ans, queryrun.ExplainError(qe.Err, qe.Cypher)
	}
	if err != nil {
		return ans, err
	}
	return ans, plan.Empty(ans)
}

// draw renders sg and writes it to t.
func (g *Env) draw(ctx context.Context, sg render.Subgraph, opts render.Options, t outfile.Target) error {
	b, err := figure.Draw(ctx, sg, opts, t.Format)
	if err != nil {
		return err
	}
	if err := g.WriteTarget(t, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil || t.Stdout() {
		return err
	}
	g.Status("Wrote %s (%d actors, %d ties).", t.Path, len(sg.Nodes), len(sg.Edges))
	return nil
}
