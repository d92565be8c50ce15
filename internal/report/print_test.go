package report

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/browsertest"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

func TestPrintOf(t *testing.T) {
	for _, tc := range []struct {
		name, svg string
		want      Print
	}{
		// 300 pt wide with 14 pt text: printed at its own size, 105.8 mm.
		{"natural", `<svg width="300pt" height="200pt" viewBox="0.00 0.00 300.00 200.00"><g class="graph" transform="scale(1 1) rotate(0) translate(4 196)"><text font-size="14.00">a</text></g></svg>`,
			Print{WidthMM: 105.8, MinTextPt: 14 * 105.8 * 72 / 25.4 / 300}},
		// 8 pt text in a 1000 pt figure must print at least 750 pt,
		// 264.6 mm wide: a landscape page, whose whole width it takes.
		{"landscape", `<svg width="1000pt" height="300pt" viewBox="0 0 1000 300"><text font-size="8">a</text></svg>`,
			Print{WidthMM: 277, Landscape: true, MinTextPt: 8 * 277 * 72 / 25.4 / 1000}},
		// Tiny text in a small figure: enlarged until it reads at 6 pt.
		{"enlarged", `<svg width="100pt" height="50pt" viewBox="0 0 100 50"><text font-size="3">a</text></svg>`,
			Print{WidthMM: 70.5, MinTextPt: 3 * 70.5 * 72 / 25.4 / 100}},
		// Graphviz's scale applies to text: 20 pt scaled by 0.25 is 5.
		{"scaled", `<svg width="100pt" height="50pt" viewBox="0 0 100 50"><g class="graph" transform="scale(0.25 0.25)"><text font-size="20">a</text></g></svg>`,
			Print{WidthMM: 42.3, MinTextPt: 5 * 42.3 * 72 / 25.4 / 100}},
		// A tall figure is limited by the page's height, even if its text
		// then falls short.
		{"tall", `<svg width="200pt" height="2000pt" viewBox="0 0 200 2000"><text font-size="6">a</text></svg>`,
			Print{WidthMM: 13.5, Landscape: true, MinTextPt: 6 * 13.5 * 72 / 25.4 / 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := PrintOf(tc.svg)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%.1f %v %.3f", got.WidthMM, got.Landscape, got.MinTextPt) != fmt.Sprintf("%.1f %v %.3f", tc.want.WidthMM, tc.want.Landscape, tc.want.MinTextPt) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
	if _, err := PrintOf(`<p>no figure</p>`); err == nil {
		t.Errorf("no error for a document without an SVG")
	}
}

// TestReportPrintsLegibly: on A4, every figure of the built-in data's
// report prints its smallest text at 6 pt or more, within the page's text
// width, and the page's print style sheet says so figure by figure.
func TestReportPrintsLegibly(t *testing.T) {
	ds := seedtest.BuiltIn(t)
	for _, at := range []string{"2012-02-01", "2025-06-01"} {
		o := defaults()
		o.At = graph.MustDate(at)
		rep, err := Build(context.Background(), ds, o)
		if err != nil {
			t.Fatal(err)
		}
		var page strings.Builder
		if err := Write(&page, rep); err != nil {
			t.Fatal(err)
		}
		for _, d := range rep.Diagrams {
			if d.SVG == "" {
				continue
			}
			p := d.Print
			limit := portraitWidth
			if p.Landscape {
				limit = landscapeWidth
			}
			t.Logf("%s %s: %s wide%s, smallest text %.1f pt", at, d.ID, p.Width(), map[bool]string{true: " (landscape)"}[p.Landscape], p.MinTextPt)
			if p.MinTextPt < MinPrintPt || p.WidthMM <= 0 || p.WidthMM > limit {
				t.Errorf("%s %s prints %.1f mm wide with text of %.2f pt", at, d.ID, p.WidthMM, p.MinTextPt)
			}
			class := "figure"
			if p.Landscape {
				class += " landscape"
			}
			re := regexp.MustCompile(`<section class="` + class + `" id="` + d.ID + `">(?s:.*?)<div class="svg" style="--print-width: ` + regexp.QuoteMeta(p.Width()) + `">`)
			if !re.MatchString(page.String()) {
				t.Errorf("%s %s: the page does not print it at %s", at, d.ID, p.Width())
			}
		}
	}
}

// TestPrintStyleSheetInChromium: Chromium's print of the HTML report (the
// optional native path) honours the print style sheet: A4 pages, the
// figures that asked for a landscape page on one, the others upright.
func TestPrintStyleSheetInChromium(t *testing.T) {
	chromium := browsertest.Chromium(t)
	rep, err := Build(context.Background(), seedtest.BuiltIn(t), defaults())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page, out := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
	var b strings.Builder
	if err := Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--print-to-pdf="+out, "file://"+filepath.ToSlash(page))
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v: %s", err, msg)
	}
	info := poppler(t, "pdfinfo", "-f", "1", "-l", "999", out)
	var turned []string
	for _, m := range regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts`).FindAllStringSubmatch(info, -1) {
		if w, h := number(m[2]), number(m[3]); w > h {
			turned = append(turned, m[1])
		}
	}
	want := 0
	for _, d := range rep.Diagrams {
		if d.Print.Landscape {
			want++
		}
	}
	// A landscape figure's section fits one page, caption included.
	if want == 0 || len(turned) != want {
		t.Errorf("pages turned: %v, want %d (the figures that asked for it)", turned, want)
	}
}
