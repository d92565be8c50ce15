package cli

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/report"
)

type reportOptions struct {
	g        *Globals
	at       string
	region   string
	output   string
	title    string
	network  string
	renderer string
}

func newReportCmd(g *Globals) *cobra.Command {
	o := &reportOptions{g: g}
	cmd := &cobra.Command{
		Use:   "report [ORG...] -o FILE.html",
		Short: "Write an analyst's report: one self-contained HTML file with the comparison, diagrams, states and sources",
		Long: `Writes one HTML file that opens offline and makes no request (no script, no
external style sheet, font or image): the title, the day and the fingerprint of
the data; the comparison of the spheres (matrix, overlaps, similarity); the
diagrams as inline SVG (the comparison, each organisation's sphere, the legs of
the Northern Distribution Network and NATO's partnership ladder); every state's
ties in force with their citations; and the list of sources with how often each
is cited. A print style sheet puts each section on its own page.

Everything is worked out from the graph's datasets in memory, with the same
rules as compare and the views of render. Organisations default to nato csto
sco; the region to central-asia (all: every state). The same data and options
give a byte-identical file.`,
		Example: `  relmap report --at 2012-02-01 -o report.html
  relmap report nato sco --region all --at 2008 -o wide.html`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.at, "at", "today", "the day the report is about (YYYY, YYYY-MM, YYYY-MM-DD or today)")
	f.StringVar(&o.region, "region", graph.RegionCentralAsia, "region of the states to report on (all: every state)")
	f.StringVarP(&o.output, "output", "o", "", "the HTML file to write (- for stdout)")
	f.StringVar(&o.title, "title", "", "title (default: from the organisations and the region)")
	f.StringVar(&o.network, "network", "ndn", "the route whose legs the network diagram draws")
	f.StringVar(&o.renderer, "renderer", "auto", "auto, wasm (built in) or native (Graphviz's dot on PATH)")
	cmd.MarkFlagRequired("output")
	return cmd
}

func (o *reportOptions) run(cmd *cobra.Command, orgs []string) error {
	if o.output != "-" {
		switch strings.ToLower(filepath.Ext(o.output)) {
		case ".html", ".htm":
		default:
			return usagef("-o %s: the report is HTML; name a .html file (or - for stdout)", o.output)
		}
	}
	at, err := parseDay("at", o.at)
	if err != nil {
		return err
	}
	for i := range orgs {
		orgs[i] = strings.ToLower(orgs[i])
	}
	prepareDrawing()
	return o.g.withStore(cmd.Context(), func(s graph.Store) error {
		ds, err := loadedData(cmd.Context(), s)
		if err != nil {
			return err
		}
		res, err := compare.Compare(ds, orgs, o.region, at)
		if err != nil {
			return usageError{err}
		}
		// The default network may be absent from a dataset of other routes,
		// which the report then notes; a network asked for by name must exist.
		if a, ok := ds.Actor(o.network); cmd.Flags().Changed("network") && (!ok || a.Kind != graph.KindRoute) {
			var routes []string
			for _, a := range ds.Actors {
				if a.Kind == graph.KindRoute {
					routes = append(routes, a.ID)
				}
			}
			return usagef("--network %q: no route has that id (routes in the data: %s)", o.network, strings.Join(routes, ", "))
		}
		src := newSourceIndex(ds, at)
		rep := o.build(ds, res, src)
		rep.Fingerprint = graph.FingerprintOf([]*graph.Dataset{ds}) // actor ids are unique across datasets, so merging loses nothing
		if rep.Diagrams, err = o.diagrams(cmd, ds, res, src); err != nil {
			return err
		}
		var b bytes.Buffer
		if err := report.Write(&b, rep); err != nil {
			return err
		}
		if o.output == "-" {
			_, err = o.g.Out.Write(b.Bytes())
			return err
		}
		if err := writeFileAtomic(o.output, b.Bytes()); err != nil {
			return err
		}
		o.g.status("Wrote %s (%d states, %d diagrams, %d sources).", o.output, len(rep.States), len(rep.Diagrams), len(rep.Sources))
		return nil
	})
}

// regionName turns a region slug into words: central-asia is Central Asia.
func regionName(r string) string {
	if r == compare.AllRegions {
		return "all states"
	}
	words := strings.Split(r, "-")
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

// andList joins words as prose: "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

func actorNames(as []graph.Actor) string {
	if len(as) == 0 {
		return "none"
	}
	s := make([]string, len(as))
	for i, a := range as {
		s[i] = a.Name
	}
	return strings.Join(s, ", ")
}

// build lays out everything but the diagrams and the fingerprint.
func (o *reportOptions) build(ds *graph.Dataset, res *compare.Result, src *sourceIndex) *report.Report {
	var labels []string
	rep := &report.Report{
		AsOf: res.At.String(), AsOfLong: report.LongDate(res.At), Region: regionName(res.Region),
		Generator: "relmap " + Version,
		Rule: "In a sphere: member, observer, dialogue partner, partner or any partnership level; " +
			"suspended and interested are not. Where several ties apply the deepest decides, but a suspension overrides.",
		MultiVector: actorNames(res.MultiVector), Unaligned: actorNames(res.None),
		Sources: src.sources,
	}
	names := map[string]string{}
	for _, org := range res.Orgs {
		labels = append(labels, org.Label())
		names[org.ID] = org.Label()
		rep.Orgs = append(rep.Orgs, report.Org{ID: org.ID, Label: org.Label(), Name: org.Name, Colour: render.SphereColour(org.ID)})
	}
	rep.Title = o.title
	if rep.Title == "" {
		rep.Title = fmt.Sprintf("%s in %s", andList(labels), rep.Region)
	}
	rep.Lede = fmt.Sprintf("Where the %d states of %s stand towards %s as of %s: membership, partnership and the overlaps between the spheres, drawn and cited from relmap's dataset.",
		len(res.States), rep.Region, andList(labels), rep.AsOfLong)

	for i, st := range res.States {
		row := report.Row{State: st.Name}
		var in []string
		for j, c := range res.Cells[i] {
			row.Cells = append(row.Cells, report.Cell{Label: c.Label(), In: c.In(),
				Colour: render.SphereColour(res.Orgs[j].ID), Sources: src.docsOfCitations(c.Sources())})
			if c.In() {
				in = append(in, res.Orgs[j].Label())
			}
		}
		rep.Matrix = append(rep.Matrix, row)
		spheres := strings.Join(in, " + ")
		if spheres == "" {
			spheres = "none"
		}
		rep.States = append(rep.States, report.State{ID: st.ID, Name: st.Name, Spheres: spheres, Ties: stateTies(ds, st.ID, res.At, src)})
	}
	for _, ov := range res.Overlaps {
		var l []string
		for _, id := range ov.Orgs {
			l = append(l, names[id])
		}
		rep.Overlaps = append(rep.Overlaps, report.Overlap{Spheres: strings.Join(l, " + "), Count: len(ov.States), States: actorNames(ov.States)})
	}
	rep.Overlaps = append(rep.Overlaps, report.Overlap{Spheres: "none", Count: len(res.None), States: actorNames(res.None)})
	for _, p := range res.Pairs {
		j := "—"
		if p.Either > 0 {
			j = fmt.Sprintf("%.2f", p.Jaccard)
		}
		rep.Pairs = append(rep.Pairs, report.Pair{Pair: names[p.A] + " and " + names[p.B], Jaccard: j, Both: p.Both, Either: p.Either})
	}
	return rep
}

// tieOrder is the display order of the tie types.
func tieOrder(t graph.TieType) int {
	for i, x := range graph.TieTypes {
		if x.Type == t {
			return i
		}
	}
	return len(graph.TieTypes)
}

// stateTies lists a state's ties in force on at, both ways.
func stateTies(ds *graph.Dataset, state string, at graph.Date, src *sourceIndex) []report.Tie {
	type row struct {
		t     graph.Tie
		other graph.Actor
	}
	var rows []row
	for _, t := range ds.Ties {
		if (t.From != state && t.To != state) || !t.ValidAt(at) {
			continue
		}
		other := t.To
		if t.From != state {
			other = t.From
		}
		a, ok := ds.Actor(other)
		if !ok {
			a = graph.Actor{ID: other, Name: other}
		}
		rows = append(rows, row{t, a})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if oa, ob := tieOrder(a.t.Type), tieOrder(b.t.Type); oa != ob {
			return oa < ob
		}
		if a.other.Name != b.other.Name {
			return a.other.Name < b.other.Name
		}
		return a.t.Key < b.t.Key
	})
	var out []report.Tie
	for _, r := range rows {
		dir := "→"
		if info, ok := graph.LookupTieType(r.t.Type); ok && info.Symmetric {
			dir = "↔"
		} else if r.t.From != state {
			dir = "←"
		}
		out = append(out, report.Tie{Direction: dir, Type: strings.ReplaceAll(string(r.t.Type), "_", " "),
			Other: r.other.Name, OtherKind: string(r.other.Kind), Attrs: attrText(r.t.Attrs),
			Period: report.Period(r.t.Since, r.t.Until), Sources: src.cite(r.t.Sources)})
	}
	return out
}

func attrText(m map[string]string) string {
	var keys []string
	for k, v := range m {
		if v != "" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + strings.ReplaceAll(m[k], "_", " ")
	}
	return strings.Join(parts, "; ")
}

// sourceIndex is the sources table and the way citations point into it.
type sourceIndex struct {
	sources []report.Source
	byID    map[string]int
}

func newSourceIndex(ds *graph.Dataset, at graph.Date) *sourceIndex {
	cited, citedAt := map[string]int{}, map[string]int{}
	for _, a := range ds.Actors {
		for _, c := range a.Sources {
			cited[c.Doc]++
		}
	}
	for _, t := range ds.Ties {
		for _, c := range t.Sources {
			cited[c.Doc]++
			if t.ValidAt(at) {
				citedAt[c.Doc]++
			}
		}
	}
	si := &sourceIndex{byID: map[string]int{}}
	listed := map[string]bool{}
	for _, d := range ds.Documents {
		if listed[d.ID] {
			continue
		}
		listed[d.ID] = true
		title := d.Title
		if title == "" {
			title = d.ID
		}
		si.sources = append(si.sources, report.Source{ID: d.ID, Title: title, Publisher: d.Publisher,
			Published: d.Published.String(), URL: d.URL, Kind: d.Kind, Cited: cited[d.ID], CitedAt: citedAt[d.ID]})
	}
	var unlisted []string
	for id := range cited {
		if !listed[id] {
			unlisted = append(unlisted, id)
		}
	}
	sort.Strings(unlisted)
	for _, id := range unlisted {
		si.sources = append(si.sources, report.Source{ID: id, Title: id + " (not in the documents list)", Cited: cited[id], CitedAt: citedAt[id]})
	}
	sort.SliceStable(si.sources, func(i, j int) bool {
		a, b := si.sources[i], si.sources[j]
		if a.Cited != b.Cited {
			return a.Cited > b.Cited
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	for i := range si.sources {
		si.sources[i].Anchor = fmt.Sprintf("src-%d", i+1)
		si.byID[si.sources[i].ID] = i
	}
	return si
}

func (si *sourceIndex) cite(cs []graph.Citation) []report.Citation {
	var out []report.Citation
	for _, c := range cs {
		out = append(out, report.Citation{Doc: c.Doc, Detail: c.Detail()})
		if i, ok := si.byID[c.Doc]; ok {
			out[len(out)-1].Anchor = si.sources[i].Anchor
			out[len(out)-1].Number = i + 1
			out[len(out)-1].Doc = si.sources[i].Title
		}
	}
	return out
}

// docs lists once each document the citations point at, in the order of
// the sources table.
func (si *sourceIndex) docs(ids []string) []report.Citation {
	seen := map[int]bool{}
	var idx []int
	for _, id := range ids {
		if i, ok := si.byID[id]; ok && !seen[i] {
			seen[i] = true
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	out := make([]report.Citation, len(idx))
	for k, i := range idx {
		out[k] = report.Citation{Anchor: si.sources[i].Anchor, Number: i + 1, Doc: si.sources[i].Title}
	}
	return out
}

// docsOf lists the documents the drawn ties cite.
func (si *sourceIndex) docsOf(sg render.Subgraph) []report.Citation {
	var ids []string
	for _, e := range sg.Edges {
		for _, c := range e.Sources {
			ids = append(ids, c.Doc)
		}
	}
	return si.docs(ids)
}

// docsOfCitations lists the documents behind citations.
func (si *sourceIndex) docsOfCitations(cs []graph.Citation) []report.Citation {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.Doc
	}
	return si.docs(ids)
}

// A figure of the report before it is drawn.
type figure struct {
	id, title, note, layout string
	sg                      render.Subgraph
	empty                   string
}

// diagrams draws the report's figures: the comparison, each sphere, the
// network's legs and the partnership ladder, from the dataset alone.
func (o *reportOptions) diagrams(cmd *cobra.Command, ds *graph.Dataset, res *compare.Result, src *sourceIndex) ([]report.Diagram, error) {
	at, day := res.At, report.LongDate(res.At)
	region := regionName(res.Region)
	figs := []figure{{id: "fig-comparison", layout: "neato",
		title: fmt.Sprintf("The spheres in %s", region),
		note: "The ties that decide the comparison: each state's membership or deepest partnership programme per organisation, " +
			"with the place of each programme in its organisation. Coloured markers under a state name the spheres it is in.",
		sg: comparisonSubgraph(ds, res.States, res.Orgs, res.Ties())}}
	for _, org := range res.Orgs {
		figs = append(figs, figure{id: "fig-sphere-" + slug(org.ID), layout: "twopi",
			title: fmt.Sprintf("The %s sphere", org.Label()),
			note: fmt.Sprintf("Every membership of %s in force as of %s, whatever the role (dashed: short of full membership), "+
				"and every state's tie in force to one of its partnership programmes. The whole sphere is drawn, not only %s.", org.Label(), day, region),
			sg: comparisonSubgraph(ds, nil, []graph.Actor{org}, sphereTies(ds, org.ID, at))})
	}
	net, ok := ds.Actor(o.network)
	nf := figure{id: "fig-network", layout: "dot", title: "The " + net.Name + ", leg by leg",
		note: fmt.Sprintf("Every transit leg of the network's routes, numbered along each route, with its mode. Legs not in use on %s are faded.", day)}
	if ok {
		nf.sg = comparisonSubgraph(ds, nil, nil, networkTies(ds, o.network))
		nf.empty = "The data records no transit legs for this network."
	} else {
		nf.title = "Supply network"
		nf.empty = fmt.Sprintf("The data has no route %q.", o.network)
	}
	figs = append(figs, nf)
	if ladder := ladderOf(res.Orgs); len(ladder) > 0 {
		var names []string
		for _, r := range ladder {
			names = append(names, r.Name)
		}
		figs = append(figs, figure{id: "fig-ladder", layout: "dot",
			title: fmt.Sprintf("The partnership ladder in %s", region),
			note: fmt.Sprintf("Each state's partnership programmes in force as of %s (%s, shallowest first); dashed: interest declared or a programme declined.",
				day, strings.Join(names, ", ")),
			sg: comparisonSubgraph(ds, nil, nil, ladderTies(ds, res.States, ladder, at))})
	}

	var out []report.Diagram
	for _, f := range figs {
		d := report.Diagram{ID: f.id, Title: f.title, Note: f.note}
		if len(f.sg.Nodes) == 0 {
			d.Empty = f.empty
			if d.Empty == "" {
				d.Empty = "Nothing to draw as of " + day + "."
			}
			out = append(out, d)
			continue
		}
		opts := render.Options{AsOf: at, Layout: f.layout, Renderer: o.renderer}
		dot, err := render.DOT(f.sg, opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.title, err)
		}
		svg, err := render.Render(cmd.Context(), dot, "svg", opts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.title, err)
		}
		if d.SVG, err = report.InlineSVG(svg, f.id); err != nil {
			return nil, fmt.Errorf("%s: %w", f.title, err)
		}
		d.Sources = src.docsOf(f.sg)
		out = append(out, d)
	}
	return out, nil
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

// actorKinds indexes the dataset's actors' kinds by id.
func actorKinds(ds *graph.Dataset) map[string]graph.Kind {
	m := make(map[string]graph.Kind, len(ds.Actors))
	for _, a := range ds.Actors {
		m[a.ID] = a.Kind
	}
	return m
}

// sphereTies are the ties in force on at that place an actor in org's
// sphere: every membership of org, whatever the role, and every state's
// participation (any status) or IPAP in one of its programmes.
func sphereTies(ds *graph.Dataset, org string, at graph.Date) []graph.Tie {
	kinds := actorKinds(ds)
	progs := graph.SphereProgrammes(ds, org)
	var out []graph.Tie
	for _, t := range ds.Ties {
		if !t.ValidAt(at) {
			continue
		}
		switch t.Type {
		case graph.TieMemberOf:
			if t.To == org {
				out = append(out, t)
			}
		case graph.TieParticipates, graph.TieIPAP:
			if progs[t.To] && kinds[t.From] == graph.KindState {
				out = append(out, t)
			}
		}
	}
	return out
}

// networkTies are the transit legs of a network's routes in every period:
// the network's own and those of routes part of it, up to three levels down.
func networkTies(ds *graph.Dataset, network string) []graph.Tie {
	kinds := actorKinds(ds)
	routes := map[string]bool{network: true}
	for range 3 {
		for _, t := range ds.Ties {
			if t.Type == graph.TiePartOf && routes[t.To] && kinds[t.From] == graph.KindRoute {
				routes[t.From] = true
			}
		}
	}
	var out []graph.Tie
	for _, t := range ds.Ties {
		if t.Type == graph.TieTransit && routes[t.Attrs["route"]] {
			out = append(out, t)
		}
	}
	return out
}

// ladderOf is the partnership ladder of the compared organisations that
// have one, shallowest rung first.
func ladderOf(orgs []graph.Actor) []graph.Rung {
	var out []graph.Rung
	for _, o := range orgs {
		if s, ok := graph.LookupSphere(o.ID); ok {
			out = append(out, s.Ladder...)
		}
	}
	return out
}

// ladderTies are the states' participations (any status) and IPAPs in force
// on at in a programme of the ladder.
func ladderTies(ds *graph.Dataset, states []graph.Actor, ladder []graph.Rung, at graph.Date) []graph.Tie {
	in, rung := map[string]bool{}, map[string]bool{}
	for _, s := range states {
		in[s.ID] = true
	}
	for _, r := range ladder {
		rung[r.Programme] = true
	}
	var out []graph.Tie
	for _, t := range ds.Ties {
		if (t.Type == graph.TieParticipates || t.Type == graph.TieIPAP) && in[t.From] && rung[t.To] && t.ValidAt(at) {
			out = append(out, t)
		}
	}
	return out
}
