package explore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

var (
	writeTo    = flag.String("write", "", "write the built-in data's page to this file (to look at it)")
	writeSynth = flag.String("write-synthetic", "", "write the synthetic 1,000-actor graph's page to this file")
)

// builtin is the dataset built into relmap, merged as a snapshot reads it.
func builtin(t testing.TB) *graph.Dataset {
	t.Helper()
	sets, err := seed.LoadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := &graph.Dataset{Name: "all"}
	for _, d := range sets {
		out.Documents = append(out.Documents, d.Documents...)
		out.Actors = append(out.Actors, d.Actors...)
		out.Ties = append(out.Ties, d.Ties...)
	}
	out.Sort()
	return out
}

var sourceDate = graph.MustDate("2012-02-01")

// through is the last day of the tests' slider, fixed so that pages do not
// change with the day the tests run.
var through = graph.MustDate("2026-12-01")

func writePage(t testing.TB, ds *graph.Dataset, at graph.Date) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, Build(ds, Options{At: at, Through: through, Generator: "relmap test"})); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWritePage(t *testing.T) {
	b := writePage(t, builtin(t), sourceDate)
	if *writeTo != "" {
		if err := os.WriteFile(*writeTo, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *writeSynth != "" {
		if err := os.WriteFile(*writeSynth, writePage(t, synthetic(t), sourceDate), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b, writePage(t, builtin(t), sourceDate)) {
		t.Error("two pages of the same data differ")
	}
}

// TestLibraryChecksum: the embedded library is the pinned release.
func TestLibraryChecksum(t *testing.T) {
	sum := sha256.Sum256([]byte(library))
	if got := hex.EncodeToString(sum[:]); got != librarySHA256 {
		t.Fatalf("assets/cytoscape.min.js: SHA-256 %s, pinned %s", got, librarySHA256)
	}
	if err := checkLibrary(library + " "); err == nil || !strings.Contains(err.Error(), libraryVersion) {
		t.Errorf("a changed library was not refused: %v", err)
	}
	if err := checkLibrary(library); err != nil {
		t.Error(err)
	}
}

const hostile = "</script><script>document.title='owned'</script><!-- \u2028 & \"q\""

// hostileDataset has text in every place the page shows that would end the
// script, open a comment or run code if it were pasted in unescaped.
func hostileDataset() *graph.Dataset {
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{{ID: "doc", Title: hostile, Publisher: hostile, Kind: "document", Dataset: "t"}},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: hostile, Aliases: []string{"Qazaqstan " + hostile}, Note: hostile, Region: "central-asia", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "CSTO", Dataset: "t"},
		},
	}
	t := graph.Tie{Type: graph.TieMemberOf, From: "kazakhstan", To: "csto", Attrs: map[string]string{"role": "member"}, Note: hostile,
		Since: graph.MustDate("1994"), Sources: []graph.Citation{{Doc: "doc", Section: hostile, Evidence: hostile}}, Dataset: "t"}
	t.Key = graph.TieKey(t, "")
	d.Ties = []graph.Tie{t}
	return d
}

func TestHostileTextStaysText(t *testing.T) {
	page := string(writePage(t, hostileDataset(), sourceDate))
	if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
		t.Errorf("the page holds %d </script, want the 2 that close its own scripts", n)
	}
	if strings.Contains(page, "<!-- ") || strings.Contains(page, "\u2028") {
		t.Error("a comment opener or a raw U+2028 reached the page")
	}
	tb := openPage(t, []byte(page))
	tb.do(t, chromedp.SendKeys(`#search`, "qazaqstan"), chromedp.SendKeys(`#search`, "\r"))
	if got := tb.text(t, `#panel h3`); got != strings.TrimSpace(strings.ReplaceAll(hostile, "\u2028", " ")) && got != hostile {
		t.Errorf("the panel shows %q, want the name as text: %q", got, hostile)
	}
	if title := eval[string](t, tb, `document.title`); title == "owned" {
		t.Error("text of the data ran as script")
	}
	if n := eval[int](t, tb, `document.scripts.length`); n != 2 {
		t.Errorf("%d script elements after showing the data, want 2", n)
	}
	if m := tb.messages(); len(m) > 0 {
		t.Errorf("console: %v", m)
	}
}

// TestSpansFollowTheComparison: on every day a tie starts or ends, the day
// before, and the first of each year, the span the page finds for each
// state and sphere says what compare.Compare says on that day.
func TestSpansFollowTheComparison(t *testing.T) {
	ds := builtin(t)
	d := Build(ds, Options{At: sourceDate, Through: through})
	days := map[int]bool{}
	for _, tie := range d.Ties {
		for _, p := range []*int{tie.Since, tie.Until} {
			if p != nil {
				days[*p], days[*p-1] = true, true
			}
		}
	}
	for y := 1990; y <= 2026; y++ {
		days[dayNumber(graph.Date{Year: y})] = true
	}
	orgs := make([]string, len(d.Spheres))
	for i, s := range d.Spheres {
		orgs[i] = s.ID
	}
	if len(orgs) != 3 {
		t.Fatalf("spheres %v, want NATO, CSTO and SCO", orgs)
	}
	index := map[string]int{}
	for i, a := range d.Actors {
		index[a.ID] = i
	}
	checked := 0
	for day := range days {
		at := dateOfDay(day)
		res, err := compare.Compare(ds, orgs, compare.AllRegions, at)
		if err != nil {
			t.Fatal(err)
		}
		for i, st := range res.States {
			for j, c := range res.Cells[i] {
				var got *Span
				for k, s := range d.Actors[index[st.ID]].Spans {
					if s.Sphere == j && (s.From == nil || *s.From <= day) && (s.To == nil || day < *s.To) {
						if got != nil {
							t.Fatalf("%s, %s on %s: two spans", st.ID, orgs[j], at)
						}
						got = &d.Actors[index[st.ID]].Spans[k]
					}
				}
				switch {
				case c.Relation == compare.None && got != nil:
					t.Errorf("%s towards %s on %s: span %q, the comparison says none", st.ID, orgs[j], at, got.Label)
				case c.Relation != compare.None && (got == nil || got.Label != c.Label() || got.In != c.In()):
					t.Errorf("%s towards %s on %s: span %+v, the comparison says %q (in: %v)", st.ID, orgs[j], at, got, c.Label(), c.In())
				case got != nil && got.AttestedText != latestAttestation(c.Ties).String():
					t.Errorf("%s towards %s on %s: attested %q, its ties %q", st.ID, orgs[j], at, got.AttestedText, latestAttestation(c.Ties))
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d cells checked", checked)
	}
}

// TestCentralityIsAnalyses: the page sizes actors by analyse's betweenness
// on the opening day, actor by actor.
func TestCentralityIsAnalyses(t *testing.T) {
	ds := builtin(t)
	for _, day := range []string{"2012-02-01", "2005-06-01"} {
		at := graph.MustDate(day)
		d := Build(ds, Options{At: at, Through: through})
		c := d.Centrality
		if c.Day != dayNumber(at) || len(c.Scores) != len(d.Actors) {
			t.Fatalf("%s: measured on day %d for %d actors, want day %d for %d", day, c.Day, len(c.Scores), dayNumber(at), len(d.Actors))
		}
		m := analyse.Measure(analyse.Links(ds, at))
		most := 0.0
		for i, a := range d.Actors {
			want := math.Round(m.Betweenness[a.ID]*1e4) / 1e4
			most = max(most, want)
			if c.Scores[i] != want {
				t.Errorf("%s: %s has betweenness %v on the page, analyse says %v", day, a.ID, c.Scores[i], want)
			}
		}
		if most == 0 || c.Max != most {
			t.Errorf("%s: largest score %v, want %v (and not 0)", day, c.Max, most)
		}
	}
}
