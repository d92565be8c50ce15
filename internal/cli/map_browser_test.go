package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figcheck"
	"github.com/relmap/relmap/internal/seed/seedtest"
	"github.com/relmap/relmap/internal/views"
)

var translateRE = regexp.MustCompile(`<g id="graph0" class="graph" transform="scale\(1 1\) rotate\(0\) translate\(([-0-9.]+) ([-0-9.]+)\)"`)

// The map view, drawn from the built-in dataset, opens in headless
// Chromium: the screenshot is neither blank nor flooded and has colour,
// the legend, the projection and the outlines' source are there, and every
// label lies within the figure and clear of the others.
func TestBrowserOpensMap(t *testing.T) {
	chromium := browser(t)
	sets := seedtest.Sets(t)
	ds := sets[0]
	v, _ := views.Get("map")
	sg := v.Select(ds, views.Params{"network": "ndn"})
	recs := viewRecords(sg)
	// viewRecords carries no coordinates; the store would.
	for _, r := range recs {
		for _, val := range r.Values {
			if n, ok := val.(graph.Node); ok {
				if a, _ := ds.Actor(graph.PropString(n.Props, graph.PropID)); a.At != nil {
					n.Props[graph.PropLat], n.Props[graph.PropLon] = a.At.Lat, a.At.Lon
				}
			}
		}
	}
	f := &fakeStore{loaded: sets, records: recs}
	path := filepath.Join(t.TempDir(), "map.svg")
	if _, stderr, code := run(t, f, "render", "--view", "map", "-o", path); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	svg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	fig, err := figcheck.Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	if r := figcheck.Check(fig); r.LabelCollisions != 0 || r.EdgesThroughNodes != 0 || r.MinTextPt < 6 || r.LegendTruth() != 1 {
		t.Errorf("the map misses the figures' goals: %s", r)
	}
	m := translateRE.FindSubmatch(svg)
	if m == nil {
		t.Fatal("no graph transform in the SVG")
	}
	tx, _ := strconv.ParseFloat(string(m[1]), 64)
	ty, _ := strconv.ParseFloat(string(m[2]), 64)
	names := 0
	for _, tx0 := range fig.Texts {
		b := tx0.Box
		if b.MinX+tx < 0 || b.MaxX+tx > fig.Width || b.MinY+ty < 0 || b.MaxY+ty > fig.Height {
			t.Errorf("text %q at %.0f,%.0f-%.0f,%.0f lies outside the %.0f x %.0f figure", tx0.Text, b.MinX+tx, b.MinY+ty, b.MaxX+tx, b.MaxY+ty, fig.Width, fig.Height)
		}
		for _, n := range sg.Nodes {
			if tx0.Text == n.Label() {
				names++
			}
		}
	}
	if names != len(sg.Nodes) {
		t.Errorf("%d names drawn for %d actors", names, len(sg.Nodes))
	}

	srv := newFileServer(t, map[string]served{"/map.svg": {"image/svg+xml", svg}})
	visit := open(t, chromium, srv.URL+"/map.svg")
	checkVisit(t, visit, srv, "/map.svg", 1000, true)
	for _, want := range []string{"over Central Asia and its neighbours", "transit: ndn-north", "transit: ndn-south", "state", "place",
		"Lambert conformal conic", "Natural Earth", "relmap-map-frame", "<title>Kazakhstan</title>", "Termez", "Hairaton"} {
		if !strings.Contains(visit.dom, want) {
			t.Errorf("the DOM lacks %q", want)
		}
	}
}
