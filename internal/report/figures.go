package report

import (
	"context"
	"fmt"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

// A figure of the report before it is drawn.
type figure struct {
	id, note string
	views.Figure
	empty string
}

// slug keeps the letters, digits and hyphens of an id, for an anchor.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// figures are the report's figures, the views drawn from the dataset: the
// comparison, each sphere, the network's legs, their map and the
// partnership ladder.
func figures(ds *graph.Dataset, res *compare.Result, o Options) []figure {
	at, day := res.At, LongDate(res.At)
	region := views.RegionName(res.Region)
	figs := []figure{{id: "fig-comparison", Figure: views.Comparison(ds, res),
		note: "The ties that decide the comparison: each state's membership or deepest partnership programme per organisation, " +
			"with the place of each programme in its organisation. Coloured markers under a state name the spheres it is in."}}
	sphere, _ := views.Get("sphere")
	for _, org := range res.Orgs {
		p := views.Params{"org": org.ID, "at": at}
		figs = append(figs, figure{id: "fig-sphere-" + slug(org.ID),
			Figure: views.Figure{Title: sphere.Title(ds, p), Layout: sphere.Layout, AsOf: at, Graph: sphere.Select(ds, p)},
			note: fmt.Sprintf("Every membership of %s in force as of %s, whatever the role (dashed: short of full membership), "+
				"and every state's tie in force to one of its partnership programmes. The whole sphere is drawn, not only %s.", org.Label(), day, region)})
	}
	network, _ := views.Get("ndn")
	p := views.Params{"network": o.Network, "at": at}
	nf := figure{id: "fig-network", Figure: views.Figure{Title: network.Title(ds, p), Layout: network.Layout, AsOf: at},
		note: fmt.Sprintf("Every transit leg of the network's routes, numbered along each route, with its mode. Legs not in use on %s are faded.", day)}
	if a, ok := ds.Actor(o.Network); ok && a.Kind == graph.KindRoute {
		nf.Graph = network.Select(ds, p)
		nf.empty = "The data records no transit legs for this network."
	} else {
		nf.Title = "Supply network"
		nf.empty = fmt.Sprintf("The data has no route %q.", o.Network)
	}
	figs = append(figs, nf)
	// The same legs on a map, where any of their ends has coordinates.
	if off := render.Unplaced(nf.Graph); len(off) < len(nf.Graph.Nodes) {
		mv, _ := views.Get("map")
		figs = append(figs, figure{id: "fig-map", Figure: views.Figure{Title: mv.Title(ds, p), Layout: mv.Layout, AsOf: at, Graph: nf.Graph},
			note: "The network's legs where they run, each route in a colour of its own. The caption names the projection; " +
				"actors without coordinates are left off and named there."})
	}
	if ladder := views.Ladder(res.Orgs); len(ladder) > 0 {
		var names []string
		for _, r := range ladder {
			names = append(names, r.Name)
		}
		lv, _ := views.Get("ladder")
		p := views.Params{"region": res.Region, "at": at}
		figs = append(figs, figure{id: "fig-ladder",
			Figure: views.Figure{Title: lv.Title(ds, p), Layout: lv.Layout, AsOf: at,
				Graph: views.Subgraph(ds, nil, nil, views.LadderTies(ds, res.States, ladder, at))},
			note: fmt.Sprintf("Each state's partnership programmes in force as of %s (%s, shallowest first); dashed: interest declared or a programme declined.",
				day, strings.Join(names, ", "))})
	}
	return figs
}

// diagrams draws the report's figures.
func diagrams(ctx context.Context, ds *graph.Dataset, res *compare.Result, src *sourceIndex, o Options) ([]Diagram, error) {
	day := LongDate(res.At)
	var out []Diagram
	for _, f := range figures(ds, res, o) {
		d := Diagram{ID: f.id, Title: f.Title, Note: f.note}
		if len(f.Graph.Nodes) == 0 {
			d.Empty = f.empty
			if d.Empty == "" {
				d.Empty = "Nothing to draw as of " + day + "."
			}
			out = append(out, d)
			continue
		}
		opts := render.Options{AsOf: f.AsOf, Layout: f.Layout, Renderer: o.Renderer}
		dot, err := render.DOT(f.Graph, opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Title, err)
		}
		svg, err := render.Render(ctx, dot, "svg", opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Title, err)
		}
		if d.SVG, err = InlineSVG(svg, f.id); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Title, err)
		}
		d.Sources = src.docsOf(f.Graph)
		out = append(out, d)
	}
	return out, nil
}
