package report

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/analyse"
	"github.com/relmap/relmap/internal/seed/seedtest"
	"github.com/relmap/relmap/internal/timeline"
)

// TestReportTimelineAndBridges: the report of the built-in data carries the
// timeline of its region drawn by the timeline package, and its bridges
// table lists, row for row, the states analyse finds in two spheres or
// more, in analyse's order, with its betweenness and degree.
func TestReportTimelineAndBridges(t *testing.T) {
	ds := seedtest.BuiltIn(t)
	for _, at := range []string{"2012-02-01", "2005-06-01"} {
		t.Run(at, func(t *testing.T) {
			o := defaults()
			o.At = graph.MustDate(at)
			page := string(htmlOf(t, ds, o))

			tl, err := timeline.Build(ds, timeline.Options{Region: graph.RegionCentralAsia, To: o.At})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := timeline.SVG(&b, tl, timeline.SVGOptions{Title: "Central Asia over the years: NATO, CSTO and SCO, " +
				fmt.Sprintf("%d–%d", tl.From.Year(), tl.To.Year()), Width: timelineWidth}); err != nil {
				t.Fatal(err)
			}
			want, err := InlineSVG(b.Bytes(), "fig-timeline")
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`<section class="figure[^"]*" id="fig-timeline">`).MatchString(page) || !strings.Contains(page, string(want)) {
				t.Errorf("the report lacks the timeline figure as the timeline package draws it")
			}
			if !strings.Contains(page, `<a href="#fig-timeline">`) || !strings.Contains(page, `<a href="#bridges">`) {
				t.Errorf("the contents do not list the timeline and the bridges")
			}

			r, err := analyse.Analyse(ds, nil, o.At)
			if err != nil {
				t.Fatal(err)
			}
			all := r.Bridges()
			if len(all) == 0 {
				t.Fatalf("analyse finds no bridge on %s; the test needs some", at)
			}
			sec := page[strings.Index(page, `<section id="bridges">`):]
			sec = sec[:strings.Index(sec, "</section>")]
			rows := regexp.MustCompile(`<tr><td class="num">(\d+)</td><td>([^<]*?)(?: <span class="tag">[^<]*</span>)?</td><td>([^<]*)</td><td class="num">([0-9.]+)</td><td class="num">(\d+)</td></tr>`).FindAllStringSubmatch(sec, -1)
			n := min(len(all), TopBridges)
			if len(rows) != n {
				t.Fatalf("%d rows in the bridges table, want %d:\n%s", len(rows), n, sec)
			}
			for i, row := range rows {
				s := all[i]
				var sp []string
				for _, id := range s.Spheres {
					a, _ := ds.Actor(id)
					sp = append(sp, a.Label())
				}
				wantRow := []string{fmt.Sprint(i + 1), s.Actor.Name, strings.Join(sp, " + "), fmt.Sprintf("%.6f", s.Betweenness), fmt.Sprint(s.Degree)}
				got := []string{row[1], html.UnescapeString(row[2]), html.UnescapeString(row[3]), row[4], row[5]}
				if fmt.Sprint(got) != fmt.Sprint(wantRow) {
					t.Errorf("bridge row %d: %q, analyse says %q", i+1, got, wantRow)
				}
			}
			if !strings.Contains(sec, fmt.Sprintf("(%d in all", len(all))) {
				t.Errorf("the section does not say there are %d bridges in all", len(all))
			}
		})
	}
}

// TestReportWithoutBridges: a day on which no state is in two spheres says
// so rather than drawing an empty table.
func TestReportWithoutBridges(t *testing.T) {
	o := defaults()
	o.At = graph.MustDate("1990-01-01")
	rep, err := Build(context.Background(), seedtest.BuiltIn(t), o)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Bridges) != 0 || rep.BridgeCount != 0 {
		t.Fatalf("bridges in 1990: %+v", rep.Bridges)
	}
	var b bytes.Buffer
	if err := Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No state is inside two spheres or more as of 1 January 1990.") {
		t.Errorf("the empty bridges section is not explained")
	}
}
