package report

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/report/reporttest"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// poppler runs one of poppler's tools on the PDF, which must be installed
// under CI (make deps-ci).
func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed (make deps-ci)", tool)
		}
		t.Skipf("%s is not installed", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v: %s", tool, err, out)
	}
	return string(out)
}

// TestReportPDF: the built-in data's report as PDF parses with poppler, has
// as many pages as the writer laid out (the cover, the comparison, one page
// per figure, the bridges, the states and the sources at least), A4 pages
// with the figures that asked for it turned, every font embedded, and the
// report's text: its title, every figure's title, the bridges and the
// states.
func TestReportPDF(t *testing.T) {
	o := defaults()
	rep, err := Build(context.Background(), seedtest.BuiltIn(t), o)
	if err != nil {
		t.Fatal(err)
	}
	doc, pages, err := PDF(rep)
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := PDF(rep)
	if !bytes.Equal(doc, again) {
		t.Errorf("two runs gave different bytes")
	}
	if min := 2 + len(rep.Diagrams) + 3; pages < min {
		t.Errorf("%d pages, want at least %d", pages, min)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("RELMAP_KEEP_PDF") != "" {
		os.WriteFile(os.Getenv("RELMAP_KEEP_PDF"), doc, 0o644)
	}

	info := poppler(t, "pdfinfo", "-f", "1", "-l", "999", path)
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, pages)).MatchString(info) {
		t.Errorf("pdfinfo: want %d pages:\n%s", pages, info)
	}
	sizes := regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([0-9.]+) x ([0-9.]+) pts`).FindAllStringSubmatch(info, -1)
	if len(sizes) != pages {
		t.Fatalf("pdfinfo lists %d page sizes, want %d", len(sizes), pages)
	}
	landscape := 0
	for _, s := range sizes {
		w, _ := strconv.ParseFloat(s[2], 64)
		h, _ := strconv.ParseFloat(s[3], 64)
		switch {
		case abs(w-595.28) < 0.5 && abs(h-841.89) < 0.5:
		case abs(w-841.89) < 0.5 && abs(h-595.28) < 0.5:
			landscape++
		default:
			t.Errorf("page %s is %g x %g pt, not A4", s[1], w, h)
		}
	}
	wantLandscape := 0
	for _, dg := range rep.Diagrams {
		if dg.Print.Landscape {
			wantLandscape++
		}
	}
	if wantLandscape == 0 || landscape != wantLandscape {
		t.Errorf("%d landscape pages, want %d (the figures that asked for one; the timeline does)", landscape, wantLandscape)
	}

	fonts := strings.Split(strings.TrimSpace(poppler(t, "pdffonts", path)), "\n")
	if len(fonts) < 4 {
		t.Errorf("pdffonts lists fewer than two fonts:\n%s", strings.Join(fonts, "\n"))
	}
	for _, l := range fonts[2:] {
		if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}

	text := poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")
	want := []string{rep.Title, "Comparison of the spheres", "Who bridges the spheres", "State by state", "Sources", rep.Fingerprint.Hash}
	for _, dg := range rep.Diagrams {
		want = append(want, dg.Title)
	}
	for _, b := range rep.Bridges {
		want = append(want, b.State, b.Betweenness)
	}
	for _, s := range rep.States {
		want = append(want, s.Name+"   (spheres: "+s.Spheres)
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("pdftotext: no %q", w)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// BenchmarkReportPDF writes the built-in data's report as PDF (the report
// built once, outside the timing).
func BenchmarkReportPDF(b *testing.B) {
	ds := seedtest.Sets(b)
	rep, err := Build(context.Background(), graph.Merge(ds), defaults())
	if err != nil {
		b.Fatal(err)
	}
	var size, pages int
	for i := 0; i < b.N; i++ {
		doc, n, err := PDF(rep)
		if err != nil {
			b.Fatal(err)
		}
		size, pages = len(doc), n
	}
	b.ReportMetric(float64(size), "bytes")
	b.ReportMetric(float64(pages), "pages")
}

// The PDF lists what no source speaks for on the report's day, as the HTML
// report does, and says so when there is nothing.
func TestReportPDFListsUnconfirmed(t *testing.T) {
	ds := reporttest.Dataset()
	o := defaults()
	o.At = graph.MustDate("2012-03-01")
	for _, c := range []struct {
		name string
		ds   *graph.Dataset
	}{{"all ties", ds}, {"confirmed only", graph.ConfirmedOnly(ds, o.At)}} {
		rep, err := Build(context.Background(), c.ds, o)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := PDF(rep)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "report.pdf")
		if err := os.WriteFile(path, doc, 0o644); err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")), " ")
		if !strings.Contains(flat, "Unconfirmed on "+rep.AsOfLong) {
			t.Errorf("%s: no section heading %q", c.name, "Unconfirmed on "+rep.AsOfLong)
		}
		none := "The sources speak for every tie of the region in force on " + rep.AsOfLong + "."
		if got := strings.Contains(flat, none); got != (len(rep.Unconfirmed) == 0) {
			t.Errorf("%s: %d unconfirmed ties, and the PDF says the sources speak for every tie: %v", c.name, len(rep.Unconfirmed), got)
		}
		if c.name == "all ties" && len(rep.Unconfirmed) == 0 {
			t.Fatalf("%s: the fixture has no unconfirmed tie on %s", c.name, o.At)
		}
		for _, u := range rep.Unconfirmed {
			row := strings.Join(strings.Fields(u.State+" "+u.Type+" "+u.Other+" "+u.Period+" "+u.Attested), " ")
			if !strings.Contains(flat, row) {
				t.Errorf("%s: no row %q", c.name, row)
			}
		}
	}
}
