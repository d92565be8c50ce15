// Package explore writes relmap's interactive explorer: one self-contained
// HTML file in which an analyst pans and zooms over every actor and tie,
// moves a date slider to see the graph on any day, filters by tie type,
// organisation and source, searches by name or alias, and clicks an actor to
// read its ties with their dates and citations.
//
// Everything that needs the domain's rules is worked out here, in Go: where
// each actor stands (placed once for all dates, so the picture does not jump
// as ties come and go), the span of days each tie is in force under the time
// rule, and where each state stands towards each sphere over time (by the
// comparison's rule). The page's script only tests numbers against the day
// the slider shows.
package explore

import (
	"cmp"
	"slices"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/render"
)

// Data is what the page embeds, as JSON. Days are counted from 1970-01-01
// (the page turns them into dates without any time zone); a nil day is an
// open end.
type Data struct {
	Title       string   `json:"title"`
	Generator   string   `json:"generator"`
	Fingerprint string   `json:"fingerprint"`
	Start       int      `json:"start"`   // first day of the slider
	End         int      `json:"end"`     // last day of the slider
	Initial     int      `json:"initial"` // the day the page opens on
	Spheres     []Sphere `json:"spheres"`
	Orgs        []Org    `json:"orgs"`
	Types       []Type   `json:"types"`
	Kinds       []Kind   `json:"kinds"`
	Docs        []Doc    `json:"docs"`
	Actors      []Actor  `json:"actors"`
	Ties        []Tie    `json:"ties"`
	// Centrality sizes the actors; the page marks states inside two
	// spheres or more on the day (from Spans) as bridges.
	Centrality Centrality `json:"centrality"`
}

// Sphere is one of the compared organisations (graph.Spheres) present in
// the data; states are marked by the spheres they are in on the day.
type Sphere struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Colour string `json:"colour"`
}

// Org is a choice of the organisation filter: the organisation and the
// programmes of its partnership ladder, as actor indices.
type Org struct {
	Label  string `json:"label"`
	Actors []int  `json:"actors"`
}

// Type is a tie type present in the data, styled as in the diagrams.
type Type struct {
	ID          string `json:"id"`
	Description string `json:"description"`
	Colour      string `json:"colour"`
	Dashed      bool   `json:"dashed"`
}

// Kind is an actor kind, with the fill the diagrams give it.
type Kind struct {
	ID   string `json:"id"`
	Fill string `json:"fill"`
}

// Doc is a cited source document.
type Doc struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher,omitempty"`
	Published string `json:"published,omitempty"`
	URL       string `json:"url,omitempty"`
}

// Actor is a node, placed once for all dates.
type Actor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Label   string   `json:"label"`
	Kind    int      `json:"kind"`
	Aliases []string `json:"aliases,omitempty"`
	Region  string   `json:"region,omitempty"`
	Note    string   `json:"note,omitempty"`
	X       float64  `json:"x"`
	Y       float64  `json:"y"`
	// Spans say where a state stands towards each sphere, period by period,
	// by the comparison's rule (a suspension overrides, the deepest tie
	// decides); periods with no relation are left out.
	Spans []Span `json:"spans,omitempty"`
}

// Span is one period of a state's relation to one sphere.
type Span struct {
	Sphere int    `json:"sphere"`
	From   *int   `json:"from"` // nil: since before any dated tie
	To     *int   `json:"to"`   // nil: still so; exclusive
	Label  string `json:"label"`
	In     bool   `json:"in"` // inside the sphere (not merely interested or suspended)
	// Attested is the last day a source speaks for any of the ties that
	// decide the relation (nil: none does): on a day after it the relation
	// holds only because those ties have no recorded end.
	Attested     *int   `json:"attested"`
	AttestedText string `json:"attestedText,omitempty"`
}

// Tie is an edge, with the days it is in force and what backs it.
type Tie struct {
	Key   string `json:"key"`
	Type  int    `json:"type"`
	From  int    `json:"from"`
	To    int    `json:"to"`
	Attrs string `json:"attrs,omitempty"` // e.g. "role: member"
	Since *int   `json:"since"`           // first day in force; nil: open start
	Until *int   `json:"until"`           // first day no longer in force; nil: open end
	// SinceText and UntilText are the dates as the data gives them, at
	// their precision ("2012", "2012-06").
	SinceText string `json:"sinceText,omitempty"`
	UntilText string `json:"untilText,omitempty"`
	// Attested is the last day a source speaks for the tie (nil: none
	// does), under graph's attestation rule: on day D a tie in force is
	// confirmed when Attested >= D (graph.Tie.ConfirmedAt).
	Attested     *int   `json:"attested"`
	AttestedText string `json:"attestedText,omitempty"` // as the data gives it
	Cites        []Cite `json:"cites"`
	Note         string `json:"note,omitempty"`
}

// Cite is a citation of a document of Data.Docs.
type Cite struct {
	Doc      int    `json:"doc"`
	Section  string `json:"section,omitempty"`
	Evidence string `json:"evidence,omitempty"`
	Checked  string `json:"checked,omitempty"` // when a general-reference record was read
}

// Options are the page's settings.
type Options struct {
	At        graph.Date // the day the page opens on
	Through   graph.Date // the slider reaches at least this day (today, for the command)
	Title     string     // "" picks one from the data
	Generator string     // e.g. "relmap v1.2.3"
}

var epoch = time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)

// dayNumber counts the days from 1970-01-01 to the first day of d's period,
// the day the time rule reads an imprecise date as.
func dayNumber(d graph.Date) int { return int(d.First().Sub(epoch).Hours() / 24) }

func dayPtr(d graph.Date) *int {
	if d.IsZero() {
		return nil
	}
	n := dayNumber(d)
	return &n
}

// lastDayPtr is the last day of d's period, the last day an attestation
// dated d speaks for (graph.Date.Last); nil for none.
func lastDayPtr(d graph.Date) *int {
	if d.IsZero() {
		return nil
	}
	n := int(d.Last().Sub(epoch).Hours() / 24)
	return &n
}

func dateOfDay(n int) graph.Date { return graph.Day(epoch.AddDate(0, 0, n)) }

// Build works out the page's data from ds.
func Build(ds *graph.Dataset, o Options) *Data {
	d := &Data{Title: o.Title, Generator: o.Generator,
		Fingerprint: graph.FingerprintOf([]*graph.Dataset{ds}).Hash,
		Spheres:     []Sphere{}, Orgs: []Org{}, Docs: []Doc{}, Ties: []Tie{}} // [] rather than null in JSON
	if d.Title == "" {
		d.Title = "relmap explorer"
	}
	index := make(map[string]int, len(ds.Actors))
	for i, a := range ds.Actors {
		index[a.ID] = i
	}
	kinds := map[graph.Kind]int{}
	for _, k := range graph.Kinds {
		kinds[k.Kind] = len(d.Kinds)
		d.Kinds = append(d.Kinds, Kind{ID: string(k.Kind), Fill: render.KindFill(k.Kind)})
	}
	docs := map[string]int{}
	for _, doc := range ds.Documents {
		docs[doc.ID] = len(d.Docs)
		d.Docs = append(d.Docs, Doc{ID: doc.ID, Title: doc.Title, Publisher: doc.Publisher,
			Published: doc.Published.String(), URL: doc.URL})
	}
	types := map[graph.TieType]int{}
	for _, info := range graph.TieTypes {
		types[info.Type] = len(d.Types)
		d.Types = append(d.Types, Type{ID: string(info.Type), Description: info.Description,
			Colour: render.TieColour(info.Type), Dashed: render.TieDashed(info.Type)})
	}

	first, last := dayNumber(o.At), dayNumber(o.At)
	if !o.Through.IsZero() {
		last = max(last, dayNumber(o.Through))
	}
	for _, t := range ds.Ties {
		from, okf := index[t.From]
		to, okt := index[t.To]
		ty, oky := types[t.Type]
		if !okf || !okt || !oky {
			continue // a snapshot holds only ties between its actors, of known types
		}
		tie := Tie{Key: t.Key, Type: ty, From: from, To: to, Attrs: attrText(t.Attrs),
			Since: dayPtr(t.Since), Until: dayPtr(t.Until), SinceText: t.Since.String(), UntilText: t.Until.String(),
			Attested: lastDayPtr(t.Attested), AttestedText: t.Attested.String(), Note: t.Note, Cites: []Cite{}}
		for _, c := range t.Sources {
			if i, ok := docs[c.Doc]; ok {
				tie.Cites = append(tie.Cites, Cite{Doc: i, Section: c.Section, Evidence: c.Evidence, Checked: c.Checked.String()})
			}
		}
		for _, p := range []*int{tie.Since, tie.Until} {
			if p != nil {
				first, last = min(first, *p), max(last, *p)
			}
		}
		d.Ties = append(d.Ties, tie)
	}
	// The slider runs from the first of January of the first dated year
	// to the latest of the opening day, Through and the last date in the
	// data.
	d.Start = dayNumber(graph.Date{Year: dateOfDay(first).Year})
	d.End = last
	d.Initial = dayNumber(o.At)

	d.Actors = make([]Actor, len(ds.Actors))
	for i, a := range ds.Actors {
		d.Actors[i] = Actor{ID: a.ID, Name: a.Name, Label: a.Label(), Kind: kinds[a.Kind],
			Aliases: a.Aliases, Region: a.Region, Note: a.Note}
	}
	d.placeActors()
	if sp, orgs := spheresAndOrgs(ds, index); len(orgs) > 0 {
		d.Spheres, d.Orgs = append(d.Spheres, sp...), orgs
	}
	d.spans(ds, index)
	d.centrality(analyse.Links(ds, o.At))
	return d
}

func attrText(attrs map[string]string) string {
	keys := make([]string, 0, len(attrs))
	for k := range attrs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	s := ""
	for _, k := range keys {
		if s != "" {
			s += ", "
		}
		s += k + ": " + attrs[k]
	}
	return s
}

// placeActors positions every actor once, over the ties of all dates, with
// the diagrams' force layout; sizes allow for the label under each node.
func (d *Data) placeActors() {
	sizes := make([][2]float64, len(d.Actors))
	for i, a := range d.Actors {
		sizes[i] = [2]float64{max(44, 7.5*float64(len([]rune(a.Label)))), 56}
	}
	edges := make([][2]int, len(d.Ties))
	for i, t := range d.Ties {
		edges[i] = [2]int{t.From, t.To}
	}
	for i, p := range render.Place(sizes, edges) {
		d.Actors[i].X, d.Actors[i].Y = p[0], p[1]
	}
}

// spheresAndOrgs lists the compared organisations present in ds, and the
// choices of the organisation filter: those first, then every other
// organisation by label.
func spheresAndOrgs(ds *graph.Dataset, index map[string]int) ([]Sphere, []Org) {
	var spheres []Sphere
	var orgs, others []Org
	for _, s := range graph.Spheres {
		a, ok := ds.Actor(s.Org)
		if !ok || a.Kind != graph.KindOrganisation {
			continue
		}
		spheres = append(spheres, Sphere{ID: a.ID, Label: a.Label(), Colour: render.SphereColour(a.ID)})
		org := Org{Label: a.Label(), Actors: []int{index[a.ID]}}
		for _, r := range s.Ladder {
			if i, ok := index[r.Programme]; ok {
				org.Actors = append(org.Actors, i)
			}
		}
		orgs = append(orgs, org)
	}
	for _, a := range ds.Actors {
		if _, sphere := graph.LookupSphere(a.ID); a.Kind == graph.KindOrganisation && !sphere {
			others = append(others, Org{Label: a.Label(), Actors: []int{index[a.ID]}})
		}
	}
	slices.SortStableFunc(others, func(x, y Org) int { return cmp.Compare(x.Label, y.Label) })
	return spheres, append(orgs, others...)
}

// spans records where each state stands towards each sphere over time. The
// relation can change only on a day some tie starts or ends, so the
// comparison is asked once per such day (and once before the first) and
// equal neighbouring periods are joined.
func (d *Data) spans(ds *graph.Dataset, index map[string]int) {
	if len(d.Spheres) == 0 {
		return
	}
	orgs := make([]string, len(d.Spheres))
	for i, s := range d.Spheres {
		orgs[i] = s.ID
	}
	var bounds []int
	for _, t := range d.Ties {
		for _, p := range []*int{t.Since, t.Until} {
			if p != nil {
				bounds = append(bounds, *p)
			}
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	if len(bounds) == 0 {
		bounds = []int{d.Initial}
	}
	// starts[k] opens period k; nil is "before every dated tie".
	starts := []*int{nil}
	for i := range bounds {
		starts = append(starts, &bounds[i])
	}
	type open struct {
		span Span
		ok   bool
	}
	current := map[[2]int]*open{}
	for k, from := range starts {
		day := bounds[0] - 1
		if from != nil {
			day = *from
		}
		res, err := compare.Compare(ds, orgs, compare.AllRegions, dateOfDay(day))
		if err != nil {
			return // no states: nothing to mark
		}
		var to *int
		if k+1 < len(starts) {
			to = starts[k+1]
		}
		for i, st := range res.States {
			a := index[st.ID]
			for j, c := range res.Cells[i] {
				key := [2]int{a, j}
				cur := current[key]
				att := latestAttestation(c.Ties)
				if cur != nil && cur.ok && cur.span.Label == c.Label() && cur.span.In == c.In() && cur.span.AttestedText == att.String() {
					cur.span.To = to // the same relation goes on
					continue
				}
				if cur != nil && cur.ok {
					d.Actors[a].Spans = append(d.Actors[a].Spans, cur.span)
				}
				cur = &open{}
				current[key] = cur
				if c.Relation != compare.None {
					*cur = open{span: Span{Sphere: j, From: from, To: to, Label: c.Label(), In: c.In(),
						Attested: lastDayPtr(att), AttestedText: att.String()}, ok: true}
				}
			}
		}
	}
	for i := range d.Actors {
		for j := range d.Spheres {
			if cur := current[[2]int{i, j}]; cur != nil && cur.ok {
				d.Actors[i].Spans = append(d.Actors[i].Spans, cur.span)
			}
		}
		slices.SortStableFunc(d.Actors[i].Spans, func(x, y Span) int {
			return cmp.Or(cmp.Compare(x.Sphere, y.Sphere), cmp.Compare(from(x), from(y)))
		})
	}
}

// latestAttestation is the latest of the ties' attestations (graph.Attest's
// order: by the last day each speaks for).
func latestAttestation(ties []graph.Tie) graph.Date {
	var best graph.Date
	for _, t := range ties {
		if !t.Attested.IsZero() && (best.IsZero() || t.Attested.Last().After(best.Last())) {
			best = t.Attested
		}
	}
	return best
}

func from(s Span) int {
	if s.From == nil {
		return -1 << 30
	}
	return *s.From
}
