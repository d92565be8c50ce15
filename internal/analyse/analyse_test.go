package analyse

import (
	"bytes"
	"encoding/json"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/golden"
	"github.com/relmap/relmap/internal/nxcheck"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

var feb2012 = graph.MustDate("2012-02-01")

// small is a hand-made dataset whose answers are known: a state in the
// CSTO and the SCO (a bridge), one in NATO's PfP and the SCO (a bridge
// through a programme), one in the CSTO only, one in PfP and an SCO
// observer (associated, so not a bridge), and ties that do not link.
func small() *graph.Dataset {
	tie := func(typ graph.TieType, from, to string, attrs map[string]string, since, until string) graph.Tie {
		t := graph.Tie{Type: typ, From: from, To: to, Attrs: attrs}
		if since != "" {
			t.Since = graph.MustDate(since)
		}
		if until != "" {
			t.Until = graph.MustDate(until)
		}
		t.Key = graph.TieKey(t, since)
		return t
	}
	member := map[string]string{"role": "member"}
	active := map[string]string{"status": "active"}
	d := &graph.Dataset{Name: "small",
		Actors: []graph.Actor{
			{ID: "nato", Kind: graph.KindOrganisation, Name: "North Atlantic Treaty Organization", Short: "NATO"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "CSTO"},
			{ID: "sco", Kind: graph.KindOrganisation, Name: "Shanghai Cooperation Organisation", Short: "SCO"},
			{ID: "pfp", Kind: graph.KindProgramme, Name: "Partnership for Peace", Short: "PfP"},
			{ID: "alpha", Kind: graph.KindState, Name: "Alpha", Region: "central-asia"},
			{ID: "beta", Kind: graph.KindState, Name: "Beta", Region: "central-asia"},
			{ID: "gamma", Kind: graph.KindState, Name: "Gamma", Region: "central-asia"},
			{ID: "delta", Kind: graph.KindState, Name: "Delta", Region: "elsewhere"},
			{ID: "epsilon", Kind: graph.KindState, Name: "Epsilon", Region: "elsewhere"},
		},
		Ties: []graph.Tie{
			tie(graph.TieMemberOf, "alpha", "csto", member, "1992", ""),
			tie(graph.TieMemberOf, "alpha", "sco", member, "2001", ""),
			tie(graph.TieParticipates, "beta", "pfp", active, "1994", ""),
			tie(graph.TiePartOf, "pfp", "nato", nil, "1994", ""),
			tie(graph.TieMemberOf, "beta", "sco", member, "2001", ""),
			tie(graph.TieMemberOf, "gamma", "csto", member, "1992", ""),
			// Associated with the SCO: not inside it, so not a bridge.
			tie(graph.TieMemberOf, "epsilon", "sco", map[string]string{"role": "observer"}, "2005", ""),
			tie(graph.TieParticipates, "epsilon", "pfp", active, "2005", ""),
			// Parallel ties: one link.
			tie(graph.TieBorders, "alpha", "beta", nil, "1991", ""),
			tie(graph.TieCooperates, "beta", "alpha", map[string]string{"field": "water"}, "2005", ""),
			// Not links: an absence, a rivalry, a tie no longer in force.
			tie(graph.TieNoTies, "gamma", "sco", nil, "2005", ""),
			tie(graph.TieRivalry, "gamma", "beta", nil, "2005", ""),
			tie(graph.TieMemberOf, "delta", "csto", member, "1992", "1999"),
		},
	}
	d.Sort()
	return d
}

func TestLinks(t *testing.T) {
	links := Links(small(), feb2012)
	var got []string
	for _, l := range links {
		got = append(got, l.A+"-"+l.B+":"+string(rune('0'+len(l.Ties))))
	}
	want := "alpha-beta:2 alpha-csto:1 alpha-sco:1 beta-pfp:1 beta-sco:1 csto-gamma:1 epsilon-pfp:1 epsilon-sco:1 nato-pfp:1"
	if strings.Join(got, " ") != want {
		t.Errorf("links %v, want %s", got, want)
	}
	// 1995: the border, three CSTO memberships (delta's too), PfP.
	if n := len(Links(small(), graph.MustDate("1995"))); n != 6 {
		t.Errorf("%d links in 1995, want 6", n)
	}
}

// TestMeasureKnownGraphs: betweenness on graphs whose values are known by
// hand (NetworkX's normalisation).
func TestMeasureKnownGraphs(t *testing.T) {
	for _, c := range []struct {
		name  string
		links []Link
		want  map[string]float64
		deg   map[string]int
	}{
		{"path", []Link{{A: "a", B: "b"}, {A: "b", B: "c"}}, map[string]float64{"a": 0, "b": 1, "c": 0},
			map[string]int{"a": 1, "b": 2, "c": 1}},
		{"star", []Link{{A: "h", B: "a"}, {A: "h", B: "b"}, {A: "h", B: "c"}, {A: "h", B: "d"}},
			map[string]float64{"h": 1, "a": 0, "d": 0}, map[string]int{"h": 4, "a": 1}},
		// a square: each node lies on one of the two shortest paths between
		// its two neighbours, so 0.5 of one pair out of (4-1)(4-2)/2 = 3.
		{"square", []Link{{A: "a", B: "b"}, {A: "b", B: "c"}, {A: "c", B: "d"}, {A: "a", B: "d"}},
			map[string]float64{"a": 1.0 / 6, "c": 1.0 / 6}, map[string]int{"a": 2}},
		{"pair", []Link{{A: "a", B: "b"}}, map[string]float64{"a": 0, "b": 0}, map[string]int{"a": 1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Measure(c.links)
			for id, want := range c.want {
				if math.Abs(got.Betweenness[id]-want) > 1e-12 {
					t.Errorf("betweenness of %s = %v, want %v", id, got.Betweenness[id], want)
				}
			}
			for id, want := range c.deg {
				if got.Degree[id] != want {
					t.Errorf("degree of %s = %d, want %d", id, got.Degree[id], want)
				}
			}
		})
	}
}

func TestAnalyseSmall(t *testing.T) {
	r, err := Analyse(small(), nil, feb2012)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Spheres) != 3 || r.Spheres[0].ID != "nato" {
		t.Fatalf("spheres %v", r.Spheres)
	}
	by := map[string]Score{}
	for _, s := range r.Actors {
		by[s.Actor.ID] = s
	}
	if _, ok := by["delta"]; ok {
		t.Error("delta has no tie in force but is in the network")
	}
	var bridges []string
	for _, b := range r.Bridges() {
		bridges = append(bridges, b.Actor.ID+"="+strings.Join(b.Spheres, "+"))
	}
	// alpha: csto and sco; beta: nato (PfP) and sco; gamma: csto only.
	if got := strings.Join(bridges, " "); got != "beta=nato+sco alpha=csto+sco" && got != "alpha=csto+sco beta=nato+sco" {
		t.Errorf("bridges %q", got)
	}
	if by["gamma"].Bridge() || len(by["gamma"].Spheres) != 1 {
		t.Errorf("gamma: %+v", by["gamma"])
	}
	if e := by["epsilon"]; e.Bridge() || strings.Join(e.Spheres, " ") != "nato" || strings.Join(e.Associated, " ") != "sco" {
		t.Errorf("epsilon: inside %v, associated %v, bridge %v; want inside nato, associated with sco, no bridge",
			e.Spheres, e.Associated, e.Bridge())
	}
	// NATO's network: nato, pfp, beta in a path; beta is not between
	// anything there, pfp is.
	if !by["pfp"].InSphere[0] || by["pfp"].SphereBetweenness[0] != 1 || by["alpha"].InSphere[0] {
		t.Errorf("NATO's network: pfp %+v, alpha %+v", by["pfp"], by["alpha"])
	}
	// The most between overall comes first.
	for i := 1; i < len(r.Actors); i++ {
		if r.Actors[i].Betweenness > r.Actors[i-1].Betweenness+1e-9 {
			t.Errorf("%s (%v) after %s (%v)", r.Actors[i].Actor.ID, r.Actors[i].Betweenness, r.Actors[i-1].Actor.ID, r.Actors[i-1].Betweenness)
		}
	}
	if _, err := Analyse(small(), []string{"nope"}, feb2012); err == nil {
		t.Error("an unknown organisation was accepted")
	}
}

// TestAgainstNetworkX: on the built-in dataset at three dates, degree and
// betweenness, overall and within each sphere, equal NetworkX's
// (betweenness_centrality, normalised, undirected) to 1e-9.
func TestAgainstNetworkX(t *testing.T) {
	py := nxcheck.Python(t)
	ds := seedtest.BuiltIn(t)
	networks := map[string][][2]string{}
	results := map[string]*Result{}
	for _, day := range []string{"2005-06-01", "2012-02-01", "2024-01-01"} {
		r, err := Analyse(ds, nil, graph.MustDate(day))
		if err != nil {
			t.Fatal(err)
		}
		results[day] = r
		var all [][2]string
		for _, l := range Links(ds, graph.MustDate(day)) {
			all = append(all, [2]string{l.A, l.B})
		}
		networks[day] = all
		in := func(id string, j int) bool {
			for _, s := range r.Actors {
				if s.Actor.ID == id {
					return s.InSphere[j]
				}
			}
			return false
		}
		for j, o := range r.Spheres {
			var sub [][2]string
			for _, l := range all {
				if in(l[0], j) && in(l[1], j) {
					sub = append(sub, l)
				}
			}
			networks[day+" "+o.ID] = sub
		}
	}
	in, _ := json.Marshal(networks)
	cmd := exec.Command(py, filepath.Join("testdata", "networkx_centrality.py"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("networkx_centrality.py: %v\n%s", err, stderr.String())
	}
	var nx map[string]struct {
		Degree      map[string]int
		Betweenness map[string]float64
	}
	if err := json.Unmarshal(out, &nx); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for day, r := range results {
		if len(r.Actors) < 20 {
			t.Errorf("%s: only %d actors in the network", day, len(r.Actors))
		}
		want := nx[day]
		if len(want.Betweenness) != len(r.Actors) {
			t.Errorf("%s: NetworkX has %d nodes, relmap %d actors", day, len(want.Betweenness), len(r.Actors))
		}
		nonzero := 0
		for _, s := range r.Actors {
			id := s.Actor.ID
			if s.Degree != want.Degree[id] || math.Abs(s.Betweenness-want.Betweenness[id]) > 1e-9 {
				t.Errorf("%s: %s degree %d, betweenness %v; NetworkX %d, %v", day, id, s.Degree, s.Betweenness,
					want.Degree[id], want.Betweenness[id])
			}
			if s.Betweenness > 0 {
				nonzero++
			}
			checked++
			for j, o := range r.Spheres {
				w, ok := nx[day+" "+o.ID].Betweenness[id]
				if ok != s.InSphere[j] || math.Abs(s.SphereBetweenness[j]-w) > 1e-9 {
					t.Errorf("%s, %s's network: %s in it %v, betweenness %v; NetworkX %v, %v", day, o.ID, id,
						s.InSphere[j], s.SphereBetweenness[j], ok, w)
				}
			}
		}
		if nonzero < 5 {
			t.Errorf("%s: only %d actors with a betweenness above zero; the check compares little", day, nonzero)
		}
	}
	t.Logf("%d actor scores compared with NetworkX", checked)
}

// TestWriteGolden: the small dataset's scores in each format, and the
// bridges only.
func TestWriteGolden(t *testing.T) {
	r, err := Analyse(small(), nil, feb2012)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		opts WriteOptions
	}{
		{"small.txt", WriteOptions{Format: "table"}},
		{"small.csv", WriteOptions{Format: "csv"}},
		{"small.json", WriteOptions{Format: "json"}},
		{"small-bridges.csv", WriteOptions{Format: "csv", Bridges: true}},
		{"small-top2.csv", WriteOptions{Format: "csv", Top: 2}},
	} {
		var buf bytes.Buffer
		if err := Write(&buf, r, c.opts); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", c.file), buf.Bytes())
	}
	if got, want := r.Summary(), "As of 2012-02-01: 8 actors, 9 links (pairs of actors joined by a tie in force); 2 states bridge two spheres or more: Alpha, Beta."; got != want {
		t.Errorf("summary %q\nwant %q", got, want)
	}
	if err := Write(&bytes.Buffer{}, r, WriteOptions{Format: "xml"}); err == nil {
		t.Error("an unknown format was accepted")
	}
}

// BenchmarkAnalyse measures the built-in data on the source's date.
func BenchmarkAnalyse(b *testing.B) {
	ds := seedtest.Sets(b)
	all := graph.Merge(ds)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Analyse(all, nil, feb2012); err != nil {
			b.Fatal(err)
		}
	}
}
