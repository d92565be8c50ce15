package report

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/timeline"
	"github.com/relmap/relmap/internal/views"
)

// TopBridges is how many bridges the report lists.
const TopBridges = 10

// timelineWidth is the width the report draws the timeline at: narrower
// than timeline's default, with text of the same size, so that a landscape
// A4 page prints its smallest text at 6 pt or more.
const timelineWidth = 1000

// Bridge is a state inside two or more spheres on the report's day, with
// its place in the network of ties in force (analyse's measure).
type Bridge struct {
	Rank        int
	State       string
	InRegion    bool
	Spheres     string // "NATO + CSTO"
	Betweenness string // normalised, as analyse writes it: 0.123456
	Degree      int
}

// timelineDiagram draws the timeline of the report's region and
// organisations up to its day, as one more figure.
func timelineDiagram(ds *graph.Dataset, res *compare.Result, src *sourceIndex, o Options) (Diagram, error) {
	tl, err := timeline.Build(ds, timeline.Options{Orgs: o.Orgs, Region: res.Region, To: res.At})
	if err != nil {
		return Diagram{}, fmt.Errorf("timeline: %w", err)
	}
	d := Diagram{ID: "fig-timeline",
		Title: fmt.Sprintf("%s over the years: %s, %d–%d", views.RegionName(res.Region), orgLabels(res.Orgs), tl.From.Year(), tl.To.Year()),
		Note: "One row per state and one band per organisation, by the comparison's rule on every day (the deepest tie in force decides; " +
			"a suspension overrides): colour is the organisation's, strength the depth of the relation, hatching a suspension; " +
			"faded with a dotted outline where the relation holds only because no end is recorded. Markers show accession, suspension and withdrawal."}
	if len(tl.Spans) == 0 {
		d.Empty = "No state of the region has a relation to these organisations up to " + LongDate(res.At) + "."
		return d, nil
	}
	var b bytes.Buffer
	if err := timeline.SVG(&b, tl, timeline.SVGOptions{Title: d.Title, Width: timelineWidth}); err != nil {
		return Diagram{}, fmt.Errorf("timeline: %w", err)
	}
	if d.SVG, err = InlineSVG(b.Bytes(), d.ID); err != nil {
		return Diagram{}, fmt.Errorf("timeline: %w", err)
	}
	var cites []graph.Citation
	for _, s := range tl.Spans {
		cites = append(cites, s.Sources...)
	}
	d.Sources = src.docsOfCitations(cites)
	return d, nil
}

func orgLabels(orgs []graph.Actor) string {
	l := make([]string, len(orgs))
	for i, org := range orgs {
		l[i] = org.Label()
	}
	return views.AndList(l)
}

// bridges lists the top states in two or more spheres on the report's
// day, the most between first, as analyse ranks them over the whole
// network (a bridge outside the region links the spheres too). The second
// result is how many bridges there are in all.
func bridges(ds *graph.Dataset, res *compare.Result, o Options) ([]Bridge, int, error) {
	r, err := analyse.Analyse(ds, o.Orgs, res.At)
	if err != nil {
		return nil, 0, fmt.Errorf("bridges: %w", err)
	}
	label := map[string]string{}
	for _, sp := range r.Spheres {
		label[sp.ID] = sp.Label()
	}
	region := map[string]bool{}
	for _, st := range res.States {
		region[st.ID] = true
	}
	all := r.Bridges()
	var out []Bridge
	for i, s := range all[:min(len(all), TopBridges)] {
		sp := make([]string, len(s.Spheres))
		for j, id := range s.Spheres {
			sp[j] = label[id]
		}
		out = append(out, Bridge{Rank: i + 1, State: s.Actor.Name, InRegion: region[s.Actor.ID],
			Spheres: strings.Join(sp, " + "), Betweenness: fmt.Sprintf("%.6f", s.Betweenness), Degree: s.Degree})
	}
	return out, len(all), nil
}
