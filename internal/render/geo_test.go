package render

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/figcheck"
	"github.com/relmap/relmap/internal/geo"
	"github.com/relmap/relmap/internal/golden"
)

// ndnMapFixture is the northern route with its actors' coordinates, as the
// store decodes them; the route's own node has none.
func ndnMapFixture() *recBuilder {
	b := ndnFixture()
	for id, p := range map[string][2]float64{"riga": {56.95, 24.1}, "russia": {55.76, 37.62}, "kazakhstan": {48, 67},
		"uzbekistan": {41.9, 63.3}, "termez": {37.22, 67.28}, "afghanistan": {33.9, 66}} {
		b.nodes[id].Props[graph.PropLat], b.nodes[id].Props[graph.PropLon] = p[0], p[1]
	}
	return b
}

func TestGeoLeavesOutActorsWithoutCoordinates(t *testing.T) {
	sg := ndnMapFixture().subgraph()
	if got := strings.Join(Unplaced(sg), ","); got != "NDN North" {
		t.Errorf("Unplaced = %q, want NDN North", got)
	}
	dot, err := DOT(sg, Options{Layout: "geo"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(dot)
	if strings.Contains(s, `"ndn-north" [`) {
		t.Error("the route without coordinates is drawn")
	}
	for _, want := range []string{`layout="nop2"`, "Not on the map, without coordinates: NDN North.",
		"Lambert conformal conic, standard parallels", "Natural Earth", `xlabel=<Termez>`, `xlp=`, "relmap_map=\"lcc "} {
		if !strings.Contains(s, want) {
			t.Errorf("the DOT lacks %q", want)
		}
	}
	// Exported without an engine, a map keeps it: its positions are the layout.
	if dot, _ := DOT(sg, Options{Layout: "geo", OmitEngine: true}); !strings.Contains(string(dot), `layout="nop2"`) {
		t.Error("an exported map lost its engine")
	}
}

// The map's figure meets the figures' goals, in both renderers where
// native Graphviz is installed.
func TestGeoFigureGoals(t *testing.T) {
	renderers := []string{"wasm"}
	if NativeAvailable() {
		renderers = append(renderers, "native")
	}
	for _, r := range renderers {
		svg := renderFixture(t, fixture{name: "ndn-map", sg: ndnMapFixture().subgraph(),
			opts: Options{Title: "NDN", Layout: "geo"}}, "svg", r)
		fig, err := figcheck.Parse(svg)
		if err != nil {
			t.Fatal(err)
		}
		rep := figcheck.Check(fig)
		if rep.EdgesThroughNodes != 0 || rep.LabelCollisions != 0 || rep.MinTextPt < 6 || rep.LegendTruth() != 1 {
			t.Errorf("%s: %s", r, rep)
			for _, p := range rep.Problems {
				t.Logf("%s: %s", r, p)
			}
		}
	}
}

func TestGeoGoldenSVG(t *testing.T) {
	svg := renderFixture(t, fixture{name: "ndn-map", sg: ndnMapFixture().subgraph(),
		opts: Options{Title: "Northern Distribution Network (northern route)", Layout: "geo"}}, "svg", "wasm")
	golden.Check(t, "testdata/ndn-map.svg", svg)
}

var (
	markerRE  = regexp.MustCompile(`<title>([a-z-]+)</title>\s*(?:<g[^>]*><a[^>]*>\s*)?<ellipse[^>]* cx="([-0-9.]+)" cy="([-0-9.]+)"`)
	countryRE = regexp.MustCompile(`<path d="([^"]+)"[^>]*><title>([^<]+)</title></path>`)
)

// The outlines line up with the markers: each actor's marker lies inside
// its own country's outline as drawn.
func TestGeoUnderlayAligned(t *testing.T) {
	svg := renderFixture(t, fixture{name: "ndn-map", sg: ndnMapFixture().subgraph(), opts: Options{Layout: "geo"}}, "svg", "wasm")
	countries := map[string]bool{}
	for _, m := range countryRE.FindAllStringSubmatch(string(svg), -1) {
		countries[m[2]] = true
	}
	if len(countries) < 20 {
		t.Fatalf("%d countries drawn", len(countries))
	}
	// Termez is left out: it lies on the border river, closer to the
	// line than the outlines' simplification.
	in := map[string]string{"russia": "Russia", "kazakhstan": "Kazakhstan", "uzbekistan": "Uzbekistan",
		"afghanistan": "Afghanistan", "riga": "Latvia"}
	markers := markerRE.FindAllStringSubmatch(string(svg), -1)
	if len(markers) != len(in)+1 {
		t.Fatalf("%d markers found, want %d", len(markers), len(in)+1)
	}
	for _, m := range markers {
		if m[1] == "termez" {
			continue
		}
		x, _ := strconv.ParseFloat(m[2], 64)
		y, _ := strconv.ParseFloat(m[3], 64)
		found := insideDrawn(svg, in[m[1]], x, y)
		if !found {
			t.Errorf("%s's marker at %.1f,%.1f is not inside %s's outline", m[1], x, y, in[m[1]])
		}
	}
}

// insideDrawn applies the even-odd rule to the drawn paths of a country,
// ring by ring.
func insideDrawn(svg []byte, name string, x, y float64) bool {
	in := false
	for _, m := range countryRE.FindAllStringSubmatch(string(svg), -1) {
		if m[2] != name {
			continue
		}
		for _, ring := range strings.Split(m[1], "Z") {
			var pts [][2]float64
			for _, p := range strings.FieldsFunc(ring, func(r rune) bool { return r == 'M' || r == 'L' }) {
				a, b, _ := strings.Cut(p, ",")
				fx, _ := strconv.ParseFloat(a, 64)
				fy, _ := strconv.ParseFloat(b, 64)
				pts = append(pts, [2]float64{fx, fy})
			}
			for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
				a, b := pts[i], pts[j]
				if (a[1] > y) != (b[1] > y) && x < (b[0]-a[0])*(y-a[1])/(b[1]-a[1])+a[0] {
					in = !in
				}
			}
		}
	}
	return in
}

func TestSegmentMeetsRect(t *testing.T) {
	r := rect{0, 0, 10, 10}
	cases := []struct {
		name string
		a, b vec
		want bool
	}{
		{"through", vec{-5, 5}, vec{15, 5}, true},
		{"inside", vec{2, 2}, vec{3, 3}, true},
		{"diagonal past a corner", vec{-5, 6}, vec{6, -5}, true},
		{"diagonal clear of a corner", vec{-5, 4}, vec{4, -5}, false},
		{"beside", vec{11, -5}, vec{11, 15}, false},
		{"ends short", vec{-10, 5}, vec{-1, 5}, false},
		{"vertical through", vec{5, -5}, vec{5, 15}, true},
	}
	for _, c := range cases {
		if got := segmentMeetsRect(c.a, c.b, r); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestBestSpot(t *testing.T) {
	frame := rect{0, 0, 100, 100}
	cands := []vec{{50, 50}, {20, 20}, {80, 80}}
	cases := []struct {
		name  string
		boxes []rect
		segs  [][2]vec
		want  vec
	}{
		{"first when free", nil, nil, vec{50, 50}},
		{"past a box", []rect{{45, 45, 55, 55}}, nil, vec{20, 20}},
		{"a crossed edge counts less than a box", []rect{{45, 45, 55, 55}, {75, 75, 85, 85}},
			[][2]vec{{{0, 20}, {40, 20}}}, vec{20, 20}},
		{"past an edge", nil, [][2]vec{{{0, 50}, {100, 50}}}, vec{20, 20}},
	}
	for _, c := range cases {
		if got := bestSpot(cands, 10, 6, c.boxes, c.segs, frame); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Leaving the frame is worse than anything inside it.
	if got := bestSpot([]vec{{-50, 0}, {50, 50}}, 10, 6, []rect{{45, 45, 55, 55}}, nil, frame); got != (vec{50, 50}) {
		t.Errorf("a spot outside the frame was chosen: %v", got)
	}
}

func TestDensify(t *testing.T) {
	got := densify([]geo.LonLat{{Lon: 0, Lat: 0}, {Lon: 3.5, Lat: 0}, {Lon: 3.5, Lat: 0.5}})
	if len(got) != 6 || got[1] != (geo.LonLat{Lon: 0.875, Lat: 0}) || got[5] != (geo.LonLat{Lon: 3.5, Lat: 0.5}) {
		t.Errorf("densify = %v", got)
	}
}
