package report

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
	"github.com/relmap/relmap/internal/views"
)

// Options say what a report is about.
type Options struct {
	At     graph.Date
	Region string   // "" for graph.RegionCentralAsia; compare.AllRegions for every state
	Orgs   []string // "" for the default spheres
	Title  string   // "" for one made from the organisations and the region
	// Network is the route whose legs the network figure draws. When
	// NetworkAsked, it must be a route of the data; otherwise (the
	// default) the figure notes that the data has no such route.
	Network      string
	NetworkAsked bool
	Renderer     string // render.Options.Renderer
	Generator    string // "relmap v1.2.3"
}

// InputError says that the options do not fit the data (an unknown
// organisation, region or network): the caller's mistake, not a failure.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Build works the whole report out from a dataset: the comparison with
// compare's rules, the figures from the views package drawn through render,
// each state's ties in force and the sources with their citation counts.
// The same dataset and options give the same Report.
func Build(ctx context.Context, ds *graph.Dataset, o Options) (*Report, error) {
	res, err := compare.Compare(ds, o.Orgs, o.Region, o.At)
	if err != nil {
		return nil, &InputError{err}
	}
	if a, ok := ds.Actor(o.Network); o.NetworkAsked && (!ok || a.Kind != graph.KindRoute) {
		var routes []string
		for _, a := range ds.Actors {
			if a.Kind == graph.KindRoute {
				routes = append(routes, a.ID)
			}
		}
		return nil, &InputError{fmt.Errorf("--network %q: no route has that id (routes in the data: %s)", o.Network, strings.Join(routes, ", "))}
	}
	src := newSourceIndex(ds, o.At)
	rep := build(ds, res, src, o)
	rep.Fingerprint = graph.FingerprintOf([]*graph.Dataset{ds}) // actor ids are unique across datasets, so merging loses nothing
	if rep.Diagrams, err = diagrams(ctx, ds, res, src, o); err != nil {
		return nil, err
	}
	tl, err := timelineDiagram(ds, res, src, o)
	if err != nil {
		return nil, err
	}
	rep.Diagrams = append(rep.Diagrams, tl)
	if rep.Bridges, rep.BridgeCount, err = bridges(ds, res, o); err != nil {
		return nil, err
	}
	if err := sizeForPrint(rep); err != nil {
		return nil, err
	}
	return rep, nil
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
func build(ds *graph.Dataset, res *compare.Result, src *sourceIndex, o Options) *Report {
	var labels []string
	rep := &Report{
		AsOf: res.At.String(), AsOfLong: LongDate(res.At), Region: views.RegionName(res.Region),
		Generator: o.Generator, Rule: graph.SphereRule,
		MultiVector: actorNames(res.MultiVector), Unaligned: actorNames(res.None),
		Sources: src.sources,
	}
	names := map[string]string{}
	for _, org := range res.Orgs {
		labels = append(labels, org.Label())
		names[org.ID] = org.Label()
		rep.Orgs = append(rep.Orgs, Org{ID: org.ID, Label: org.Label(), Name: org.Name, Colour: render.SphereColour(org.ID)})
	}
	rep.Title = o.Title
	if rep.Title == "" {
		rep.Title = fmt.Sprintf("%s in %s", views.AndList(labels), rep.Region)
	}
	rep.Lede = fmt.Sprintf("Where the %d states of %s stand towards %s as of %s: membership, partnership and the overlaps between the spheres, drawn and cited from relmap's dataset.",
		len(res.States), rep.Region, views.AndList(labels), rep.AsOfLong)

	for i, st := range res.States {
		row := Row{State: st.Name}
		var in, near []string
		for j, c := range res.Cells[i] {
			row.Cells = append(row.Cells, Cell{Label: c.Marked(), In: c.In(),
				Colour: render.SphereColour(res.Orgs[j].ID), Sources: src.docsOfCitations(c.Sources())})
			if c.In() {
				in = append(in, res.Orgs[j].Label())
			}
			if c.Associated() {
				near = append(near, res.Orgs[j].Label())
			}
		}
		rep.Matrix = append(rep.Matrix, row)
		spheres := strings.Join(in, " + ")
		if spheres == "" {
			spheres = "none"
		}
		if len(near) > 0 {
			spheres += "; associated with " + views.AndList(near)
		}
		rep.States = append(rep.States, State{ID: st.ID, Name: st.Name, Spheres: spheres, Ties: stateTies(ds, st.ID, res.At, src)})
	}
	rep.Unconfirmed = unconfirmed(ds, res)
	for _, ov := range res.Overlaps {
		var l []string
		for _, id := range ov.Orgs {
			l = append(l, names[id])
		}
		rep.Overlaps = append(rep.Overlaps, Overlap{Spheres: strings.Join(l, " + "), Count: len(ov.States), States: actorNames(ov.States)})
	}
	rep.Overlaps = append(rep.Overlaps, Overlap{Spheres: "none", Count: len(res.None), States: actorNames(res.None)})
	for _, p := range res.Pairs {
		j := "—"
		if p.Either > 0 {
			j = fmt.Sprintf("%.2f", p.Jaccard)
		}
		rep.Pairs = append(rep.Pairs, Pair{Pair: names[p.A] + " and " + names[p.B], Jaccard: j, Both: p.Both, Either: p.Either})
	}
	return rep
}

// unconfirmed lists the ties of the region's states that are unconfirmed on
// the comparison's day (graph.Tie.UnconfirmedAt), by state as the matrix
// orders them, a tie between two of them once.
func unconfirmed(ds *graph.Dataset, res *compare.Result) []Unconfirmed {
	names := map[string]string{}
	for _, a := range ds.Actors {
		names[a.ID] = a.Label()
	}
	seen := map[string]bool{}
	var out []Unconfirmed
	for _, st := range res.States {
		var rows []Unconfirmed
		for _, t := range ds.Ties {
			if (t.From != st.ID && t.To != st.ID) || seen[t.Key] || !t.UnconfirmedAt(res.At) {
				continue
			}
			seen[t.Key] = true
			other := t.To
			if other == st.ID {
				other = t.From
			}
			last := "never (no source dates it)"
			if !t.Attested.IsZero() {
				last = t.Attested.String()
			}
			rows = append(rows, Unconfirmed{State: st.Name, Type: strings.ReplaceAll(string(t.Type), "_", " "),
				Other: names[other], Period: Period(t.Since, t.Until), Attested: last})
		}
		sort.SliceStable(rows, func(i, j int) bool {
			if rows[i].Type != rows[j].Type {
				return rows[i].Type < rows[j].Type
			}
			return rows[i].Other < rows[j].Other
		})
		out = append(out, rows...)
	}
	return out
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
func stateTies(ds *graph.Dataset, state string, at graph.Date, src *sourceIndex) []Tie {
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
	var out []Tie
	for _, r := range rows {
		dir := "→"
		if info, ok := graph.LookupTieType(r.t.Type); ok && info.Symmetric {
			dir = "↔"
		} else if r.t.From != state {
			dir = "←"
		}
		out = append(out, Tie{Direction: dir, Type: strings.ReplaceAll(string(r.t.Type), "_", " "),
			Other: r.other.Name, OtherKind: string(r.other.Kind), Attrs: attrText(r.t.Attrs),
			Period: Period(r.t.Since, r.t.Until), Sources: src.cite(r.t.Sources)})
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
