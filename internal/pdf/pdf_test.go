package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A small Graphviz-like figure: a node with its name, an edge with a
// dashed Bézier and an arrowhead, an ellipse and a bold title.
func figureSVG(widthPt float64) []byte {
	return []byte(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg width="%gpt" height="200pt" viewBox="0.00 0.00 %g 200.00" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
<g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(4 196)">
<title>relmap</title>
<polygon fill="white" stroke="none" points="-4,4 -4,-196 300,-196 300,4 -4,4"/>
<text text-anchor="start" x="12" y="-170" font-family="Helvetica,sans-Serif" font-weight="bold" font-size="16.00">The NATO sphere</text>
<g id="node1" class="node"><title>kazakhstan</title>
<path fill="#f5f5f5" stroke="#444444" d="M20,-100C20,-100 90,-100 90,-100 90,-100 90,-70 90,-70 90,-70 20,-70 20,-70 20,-70 20,-100 20,-100"/>
<text text-anchor="middle" x="55" y="-81" font-family="Helvetica,sans-Serif" font-size="11.00">Kazakhstan – Қазақстан</text>
</g>
<g id="node2" class="node"><title>pfp</title>
<ellipse fill="#dcebf7" stroke="#0072b2" stroke-width="2.5" cx="240" cy="-85" rx="30" ry="18"/>
<text text-anchor="middle" x="240" y="-81" font-family="Helvetica,sans-Serif" font-size="11.00">PfP</text>
</g>
<g id="edge1" class="edge"><title>kazakhstan&#45;&gt;pfp</title>
<path fill="none" stroke="#0072b2" stroke-width="2" stroke-dasharray="5,2" d="M90,-85C130,-85 170,-85 200,-85"/>
<polygon fill="#0072b2" stroke="#0072b2" points="200,-89 210,-85 200,-81 200,-89"/>
<text text-anchor="start" x="120" y="-90" font-family="Helvetica,sans-Serif" font-size="9.00" fill="#0072b2">observer</text>
</g>
</g>
</svg>`, widthPt, widthPt))
}

var pageRE = regexp.MustCompile(`/Type /Page\b[^s]`)
var mediaRE = regexp.MustCompile(`/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\]`)

func TestFromSVG(t *testing.T) {
	for _, tc := range []struct {
		page string
		w, h float64
	}{
		{"", 595.28, 841.89},
		{"a4-landscape", 841.89, 595.28},
		{"letter", 612, 792},
		{"fit", 300 + 2*Margin, 200 + 2*Margin},
	} {
		t.Run(tc.page, func(t *testing.T) {
			out, err := FromSVG(figureSVG(300), Options{Page: tc.page, Title: "The NATO sphere"})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(out, []byte("%PDF-")) || !bytes.Contains(out, []byte("%%EOF")) {
				t.Fatalf("not a PDF: %.40q", out)
			}
			if n := len(pageRE.FindAll(out, -1)); n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
			// Both faces, embedded as TrueType programs.
			if n := bytes.Count(out, []byte("/FontFile2")); n != 2 {
				t.Errorf("%d embedded font programs, want 2", n)
			}
			m := mediaRE.FindSubmatch(out)
			if m == nil {
				t.Fatalf("no MediaBox")
			}
			var w, h float64
			fmt.Sscan(string(m[1]), &w)
			fmt.Sscan(string(m[2]), &h)
			if abs(w-tc.w) > 0.1 || abs(h-tc.h) > 0.1 {
				t.Errorf("page %.2f x %.2f pt, want %.2f x %.2f", w, h, tc.w, tc.h)
			}
			again, _ := FromSVG(figureSVG(300), Options{Page: tc.page, Title: "The NATO sphere"})
			if !bytes.Equal(out, again) {
				t.Error("two runs gave different bytes")
			}
			poppler(t, out, 1, tc.w, tc.h)
		})
	}
}

// poppler checks the PDF with poppler's own reader, when it is installed
// (make deps-ci installs it; under CI it must be there).
func poppler(t *testing.T, doc []byte, pages int, w, h float64) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdfinfo is not installed (make deps-ci)")
		}
		t.Log("pdfinfo is not installed: the PDF was checked by its structure only")
		return
	}
	path := filepath.Join(t.TempDir(), "f.pdf")
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v: %s", err, info)
	}
	if !regexp.MustCompile(fmt.Sprintf(`(?m)^Pages:\s+%d$`, pages)).Match(info) {
		t.Errorf("pdfinfo: want %d pages:\n%s", pages, info)
	}
	if !strings.Contains(string(info), fmt.Sprintf("Page size:       %g x %g pts", w, h)) &&
		!strings.Contains(string(info), fmt.Sprintf("Page size:       %.2f x %.2f pts", w, h)) {
		t.Errorf("pdfinfo: want page size %g x %g:\n%s", w, h, info)
	}
	fonts, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v: %s", err, fonts)
	}
	lines := strings.Split(strings.TrimSpace(string(fonts)), "\n")
	if len(lines) < 3 {
		t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
	}
	for _, l := range lines[2:] {
		// name type... encoding emb sub uni id: emb is the fourth field
		// from the end.
		f := strings.Fields(l)
		if len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	text, err := exec.Command("pdftotext", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, text)
	}
	for _, want := range []string{"The NATO sphere", "Kazakhstan – Қазақстан", "PfP", "observer"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext: no %q in\n%s", want, text)
		}
	}
}

// A figure wider or taller than the page's text area is scaled down to
// it; one that fits is drawn at its size.
func TestFitScale(t *testing.T) {
	for _, c := range []struct{ w, h, want float64 }{
		{300, 200, 1},
		{963.78, 200, 0.5},                  // twice the 17 cm text width
		{300, 2 * (841.89 - 2*Margin), 0.5}, // twice the text height
	} {
		if got := fitScale(c.w, c.h, 595.28, 841.89); abs(got-c.want) > 0.001 {
			t.Errorf("%g x %g pt on A4: scale %g, want %g", c.w, c.h, got, c.want)
		}
	}
}

func TestFromSVGErrors(t *testing.T) {
	if _, err := FromSVG([]byte("<html/>"), Options{}); err == nil {
		t.Error("no error for a document without <svg>")
	}
	if _, err := FromSVG(figureSVG(300), Options{Page: "a3"}); err == nil || !strings.Contains(err.Error(), "a4-landscape") {
		t.Errorf("page a3: %v", err)
	}
	if _, err := FromSVG([]byte(`<svg width="0pt" height="0pt"></svg>`), Options{}); err == nil {
		t.Error("no error for an empty figure")
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestFigureOfOwnSVG: relmap's own figures (the timeline) draw with their
// rectangles, lines, faded fills and hatching, scaled from their viewBox,
// and their text is in the PDF.
func TestFigureOfOwnSVG(t *testing.T) {
	svg, err := os.ReadFile(filepath.Join("..", "timeline", "testdata", "fixture.svg"))
	if err != nil {
		t.Fatal(err)
	}
	f := New(841.89, 595.28, "timeline")
	f.SetCompression(false)
	f.AddPage()
	h, err := Figure(f, svg, Margin, Margin, 600)
	if err != nil {
		t.Fatal(err)
	}
	// The fixture is 1200 x 394 user units.
	if abs(h-600*394.0/1200) > 0.01 {
		t.Errorf("drawn %.2f pt high, want %.2f", h, 600*394.0/1200)
	}
	out, err := Output(f)
	if err != nil {
		t.Fatal(err)
	}
	// Faded fills and the hatching's wash are drawn with transparency;
	// the hatching takes its pattern's colour (#0072B2), not black.
	if !bytes.Contains(out, []byte("/ca 0.35")) {
		t.Errorf("no fill drawn at the hatching's 35%% opacity")
	}
	if !bytes.Contains(out, []byte("0.000 0.447 0.698 rg")) {
		t.Errorf("no fill in the hatching's colour")
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	text, err := exec.Command("pdftotext", "-raw", path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, text)
	}
	for _, want := range []string{"as of 2011-12-31", "Legend", "1996"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("pdftotext: no %q in\n%s", want, text)
		}
	}
}

func TestPathPoints(t *testing.T) {
	subs, closed := pathPoints("M10 20V30M5 5L15 5H25Z")
	if len(subs) != 2 || closed[0] || !closed[1] {
		t.Fatalf("subpaths %v closed %v", subs, closed)
	}
	if got := subs[0][len(subs[0])-1]; got != (pt{10, 30}) {
		t.Errorf("V ends at %v, want {10 30}", got)
	}
	if got := subs[1][len(subs[1])-1]; got != (pt{25, 5}) {
		t.Errorf("H ends at %v, want {25 5}", got)
	}
}
