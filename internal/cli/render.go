package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/params"
	"github.com/relmap/relmap/internal/pdf"
	"github.com/relmap/relmap/internal/queries"
	"github.com/relmap/relmap/internal/render"
)

// views maps the render command's view names to the named questions that
// fetch their subgraphs.
var views = map[string]string{
	"sphere":        "view-sphere",
	"ndn":           "view-ndn",
	"neighbourhood": "view-neighbourhood",
	"ladder":        "view-ladder",
}

// viewLayouts are the engines that suit each view best, up to
// render.ForceAbove actors; --layout overrides.
// Spheres and neighbourhoods radiate from one centre; routes and ladders read
// as a sequence.
var viewLayouts = map[string]string{"sphere": "twopi", "neighbourhood": "twopi", "ndn": "dot", "ladder": "dot"}

func viewNames() []string {
	names := make([]string, 0, len(views))
	for v := range views {
		names = append(names, v)
	}
	sort.Strings(names)
	return names
}

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
}

func newRenderCmd(g *Globals) *cobra.Command {
	o := &renderOptions{g: g}
	cmd := &cobra.Command{
		Use:   "render [CYPHER]",
		Short: "Draw a subgraph (a view, a named question or any Cypher) to SVG, PNG or DOT through Graphviz",
		Long: `Every node, relationship and path the query returns becomes part of the drawing.
Views: sphere (an organisation's members and partners; --param org=nato),
ndn (the Northern Distribution Network's legs in order), neighbourhood (one
actor's ties; --param id=kazakhstan --depth 1|2), ladder (NATO's partnership
ladder for the Central Asian states). Or --named NAME, or your own Cypher.

Styles come from the domain: a shape and colour per actor kind, a line per tie
type, one colour per sphere (NATO, CSTO, SCO) used everywhere; a legend lists what
is drawn. --at DATE draws the graph on that day and stamps it. The format follows
the -o extension (.svg, .png, .pdf, .dot); -o - writes SVG to stdout. A PNG fits a
1920x1080 slide unless --dpi gives its resolution; a PDF is one page (--page) with
2 cm margins and its fonts embedded. A .dot names no layout engine unless --layout
is given, so any Graphviz engine can lay it out. The same data and options give
byte-identical files.`,
		Example: `  relmap render --view sphere --param org=csto --at 2012-02-01 -o csto.svg
  relmap render --view neighbourhood --param id=uzbekistan --depth 2 -o uz.svg
  relmap render --view ndn -o ndn.pdf --page a4-landscape
  relmap render --view ladder --at 2012-02-01 -o ladder.png --dpi 300
  relmap render 'MATCH p=(:Actor {id:$id})-[:TRANSIT_LEG]-() RETURN p' --param id=termez -o t.png`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.view, "view", "", "a built-in view: "+strings.Join(viewNames(), ", "))
	f.StringVar(&o.named, "named", "", "draw what the named question NAME returns")
	f.StringArrayVarP(&o.params, "param", "p", nil, "a parameter, name=value (repeatable)")
	f.StringVar(&o.paramsFile, "params-file", "", "parameters from a JSON or YAML file")
	f.StringVar(&o.at, "at", "", "draw the graph on this day (YYYY-MM-DD, YYYY-MM, YYYY or today)")
	f.IntVar(&o.depth, "depth", 0, "for the neighbourhood view: how many ties out (1 or 2)")
	f.StringVarP(&o.output, "output", "o", "", "output file (.svg, .png, .pdf, .dot; - for SVG on stdout)")
	f.Float64Var(&o.dpi, "dpi", 0, "PNG resolution in dots per inch (default: fit a 1920x1080 slide)")
	f.StringVar(&o.page, "page", "a4", "PDF page: "+strings.Join(pdf.Pages, ", "))
	f.StringVar(&o.layout, "layout", "auto", fmt.Sprintf("auto; force (placed by relmap, drawn by Graphviz; auto's choice above %d actors); or a Graphviz engine: dot, neato, fdp, sfdp, circo, twopi", render.ForceAbove))
	f.StringVar(&o.renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	f.StringVar(&o.title, "title", "", "title (default: from the view)")
	f.BoolVar(&o.tieLabels, "tie-labels", false, "label every tie with its type, period and attributes")
	cmd.MarkFlagRequired("output")
	return cmd
}

func formatOf(path string) (string, error) {
	if path == "-" {
		return "svg", nil
	}
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".svg", ".png", ".pdf", ".dot":
		return ext[1:], nil
	case ".gv":
		return "dot", nil
	default:
		return "", usagef("-o %s: the extension says the format: .svg, .png, .pdf or .dot", path)
	}
}

func (o *renderOptions) run(cmd *cobra.Command, args []string) error {
	format, err := formatOf(o.output)
	if err != nil {
		return err
	}
	if !slices.Contains(render.Layouts, o.layout) {
		return usagef("--layout %q: want one of %s", o.layout, strings.Join(render.Layouts, ", "))
	}
	if !slices.Contains(render.Renderers, o.renderer) {
		return usagef("--renderer %q: want one of %s", o.renderer, strings.Join(render.Renderers, ", "))
	}
	if err := printFlags(cmd, format, o.dpi, o.page); err != nil {
		return err
	}
	user, err := params.Collect(o.paramsFile, o.params)
	if err != nil {
		return usageError{err}
	}
	if o.view != "" && o.named != "" {
		return usagef("give either --view or --named, not both")
	}
	var at graph.Date
	atGiven := cmd.Flags().Changed("at")
	if atGiven {
		if at, err = parseDay("at", o.at); err != nil {
			return err
		}
	}
	var cypher, title string
	var asOf graph.Date
	var actors map[string]string
	name := o.named
	if o.view != "" {
		q, ok := views[o.view]
		if !ok {
			return usagef("no view %q (views: %s)", o.view, strings.Join(viewNames(), ", "))
		}
		name = q
	}
	if cmd.Flags().Changed("depth") {
		if name != views["neighbourhood"] {
			return usagef("--depth is for --view neighbourhood")
		}
		if o.depth < 1 || o.depth > 2 {
			return usagef("--depth %d: want 1 or 2", o.depth)
		}
		user["depth"] = int64(o.depth)
	}
	switch {
	case name != "" && len(args) > 0:
		return usagef("give either Cypher or --view/--named, not both")
	case name != "":
		q, ok := queries.Get(name)
		if !ok {
			return usagef("no named question %q; `relmap queries` lists them", name)
		}
		if atGiven {
			if !q.Time {
				return usagef("%s draws every period and takes no --at", name)
			}
			user["at"] = at
		}
		p, err := q.Params(user)
		if err != nil {
			return usagef("%s: %v", name, err)
		}
		user, cypher = p, q.Cypher
		if q.Time {
			asOf, _ = p["at"].(graph.Date)
		}
		actors = q.ActorIDs(p)
	case len(args) == 1:
		cypher = args[0]
		if atGiven {
			asOf, user["at"] = at, at
		}
		title = "Custom query"
	default:
		return usagef("say what to draw: --view (%s), --named NAME or Cypher", strings.Join(viewNames(), ", "))
	}
	if o.title != "" {
		title = o.title
	}
	if format != "dot" {
		prepareDrawing()
	}
	return o.g.withStore(cmd.Context(), func(s graph.Store) error {
		// The drawing's query and the snapshot that cites and fingerprints
		// it are independent reads: asked at once, one waits for the other
		// less.
		var snap []*graph.Dataset
		snapDone := make(chan error, 1)
		go func() {
			var err error
			snap, err = s.Snapshot(cmd.Context())
			snapDone <- err
		}()
		col := render.NewCollector()
		if _, err := s.Query(cmd.Context(), cypher, user, graph.QueryOptions{}, func(r graph.Record) error {
			col.Add(r)
			return nil
		}); err != nil {
			<-snapDone
			return explainQueryError(err, cypher)
		}
		if err := <-snapDone; err != nil {
			return err
		}
		sg := col.Subgraph()
		if len(sg.Nodes) == 0 {
			if err := unknownActors(cmd.Context(), s, actors); err != nil {
				return err
			}
			o.g.status("relmap: the query returned no nodes; drawing an empty figure")
		}
		if title == "" {
			title = viewTitle(o.view, name, user, merged(snap))
		}
		layout := o.layout
		// A view's own engine suits its shape, but not at any size: past
		// the point where auto places nodes itself, Graphviz's engines
		// take seconds.
		if o.view != "" && layout == "auto" && len(sg.Nodes) <= render.ForceAbove {
			layout = viewLayouts[o.view]
		}
		opts := render.Options{Title: title, AsOf: asOf, Layout: layout, TieLabels: o.tieLabels,
			Renderer: o.renderer, Sources: captionSources(sg, snap), DPI: o.dpi, Page: o.page,
			OmitEngine: format == "dot" && !cmd.Flags().Changed("layout"),
			Metadata: map[string]string{
				"query":       strings.TrimSpace(cypher),
				"parameters":  paramText(user),
				"fingerprint": graph.FingerprintOf(snap).Hash,
			}}
		return o.g.draw(cmd, sg, opts, format, o.output)
	})
}

// prepareDrawing readies a command that will draw: Graphviz starts loading
// in the background while the database answers, and the garbage collector
// runs less often. Loading Graphviz decodes and validates a large
// WebAssembly module, which with the default GOGC=100 meant collections
// competing for the two cores with the load and the database; at 400 a
// view drew in 112-121 ms instead of 128-166 (median of 15), at the same
// peak RSS (35 MB: the module's memory is not Go heap).
func prepareDrawing() {
	render.Prepare()
	if os.Getenv("GOGC") == "" { // the user's setting wins
		debug.SetGCPercent(400)
	}
}

// draw renders sg and writes it to path (- for stdout).
func (g *Globals) draw(cmd *cobra.Command, sg render.Subgraph, opts render.Options, format, path string) error {
	dot, err := render.DOT(sg, opts)
	if err != nil {
		return err
	}
	out := dot
	if format != "dot" {
		if out, err = render.Render(cmd.Context(), dot, format, opts); err != nil {
			return err
		}
	}
	if path == "-" {
		_, err = g.Out.Write(out)
		return err
	}
	if err := writeFileAtomic(path, out); err != nil {
		return err
	}
	g.status("Wrote %s (%d actors, %d ties).", path, len(sg.Nodes), len(sg.Edges))
	return nil
}

func viewTitle(view, name string, p map[string]any, ds *graph.Dataset) string {
	actor := func(key string) (graph.Actor, bool) { return ds.Actor(fmt.Sprint(p[key])) }
	label := func(key string) string {
		if a, ok := actor(key); ok {
			return a.Label()
		}
		return fmt.Sprint(p[key])
	}
	switch view {
	case "sphere":
		return fmt.Sprintf("The %s sphere", label("org"))
	case "ndn":
		if a, ok := actor("network"); ok {
			return "The " + a.Name + ", leg by leg" // as the report titles it
		}
		return fmt.Sprintf("%s, leg by leg", label("network"))
	case "neighbourhood":
		return fmt.Sprintf("Ties of %s", label("id"))
	case "ladder":
		return "NATO's partnership ladder in " + regionName(fmt.Sprint(p["region"]))
	}
	return name
}

// captionSources names the documents cited by the drawn ties, by title.
func captionSources(sg render.Subgraph, snap []*graph.Dataset) []string {
	titles := map[string]string{}
	for _, d := range snap {
		for _, doc := range d.Documents {
			t := doc.Title
			if !doc.Published.IsZero() {
				t += " (" + doc.Published.String() + ")"
			}
			titles[doc.ID] = t
		}
	}
	seen := map[string]bool{}
	var out []string
	for _, e := range sg.Edges {
		for _, c := range e.Sources {
			id := c.Doc
			if t, ok := titles[id]; ok && !seen[id] {
				seen[id] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

func paramText(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		v := p[k]
		if d, ok := v.(graph.Date); ok {
			v = d.String()
		}
		parts = append(parts, k+"="+params.Format(v))
	}
	return strings.Join(parts, " ")
}

// writeFileAtomic writes beside the target and renames, so a failed write
// never leaves a truncated file behind.
func writeFileAtomic(path string, b []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".relmap-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
