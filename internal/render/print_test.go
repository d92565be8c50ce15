package render

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"regexp"
	"strings"
	"testing"
)

func decodePNG(t *testing.T, data []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// inkNear counts the pixels within a small distance of colour c.
func inkNear(img image.Image, c [3]uint8) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if a < 0xC000 {
				continue
			}
			d := absDiff(r>>8, uint32(c[0])) + absDiff(g>>8, uint32(c[1])) + absDiff(bl>>8, uint32(c[2]))
			if d <= 24 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// A PNG is as large as asked: fitted to a slide by default, twice as many
// pixels each way at twice the resolution; and it carries the spheres'
// colours.
func TestRenderPNGResolution(t *testing.T) {
	renderers := []string{"wasm"}
	if NativeAvailable() {
		renderers = append(renderers, "native")
	}
	f := fixtures()[0] // membership-overlap: NATO, CSTO and SCO
	for _, r := range renderers {
		t.Run(r, func(t *testing.T) {
			size := func(dpi float64) image.Rectangle {
				ff := f
				ff.opts.DPI = dpi
				img := decodePNG(t, renderFixture(t, ff, "png", r))
				if dpi == 0 || dpi == 144 {
					for name, c := range map[string][3]uint8{"NATO blue": {0x00, 0x72, 0xB2}, "CSTO vermilion": {0xD5, 0x5E, 0x00}, "SCO green": {0x00, 0x9E, 0x73}} {
						if n := inkNear(img, c); n < 20 {
							t.Errorf("dpi %g: %d pixels of %s", dpi, n, name)
						}
					}
				}
				return img.Bounds()
			}
			slide := size(0)
			if w, h := slide.Dx(), slide.Dy(); w > Slide[0] || h > Slide[1] || (w < Slide[0]-2 && h < Slide[1]-2) {
				t.Errorf("default PNG %dx%d does not fit a %dx%d slide", w, h, Slide[0], Slide[1])
			}
			at72, at144 := size(72), size(144)
			if d := at144.Dx() - 2*at72.Dx(); d < -3 || d > 3 {
				t.Errorf("144 dpi is %d px wide, 72 dpi %d: want twice", at144.Dx(), at72.Dx())
			}
			if d := at144.Dy() - 2*at72.Dy(); d < -3 || d > 3 {
				t.Errorf("144 dpi is %d px high, 72 dpi %d: want twice", at144.Dy(), at72.Dy())
			}
		})
	}
	if _, err := Render(context.Background(), []byte("digraph{a}"), "png", Options{DPI: 5000}); err == nil {
		t.Error("5000 dpi: no error")
	}
}

// A PDF through Render: one A4 page with its fonts embedded.
func TestRenderPDF(t *testing.T) {
	out := renderFixture(t, fixtures()[2], "pdf", "wasm")
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", out)
	}
	if n := len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(out, -1)); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
	if !bytes.Contains(out, []byte("/MediaBox [0 0 595.28 841.89]")) {
		t.Error("not an A4 page")
	}
	if !bytes.Contains(out, []byte("/FontFile2")) {
		t.Error("no embedded font")
	}
	if !bytes.Equal(out, renderFixture(t, fixtures()[2], "pdf", "wasm")) {
		t.Error("two runs gave different bytes")
	}
}

// The exported DOT names no engine when asked not to, so `sfdp x.dot`
// lays it out with sfdp; a force or geo layout keeps its engine, since its
// positions are the layout.
func TestDOTOmitEngine(t *testing.T) {
	for _, f := range fixtures() {
		o := f.opts
		o.OmitEngine = true
		dot, err := DOT(f.sg, o)
		if err != nil {
			t.Fatal(err)
		}
		named := regexp.MustCompile(`[\[ ]layout=`).Match(dot)
		if force := o.Layout == "force" || o.Layout == "geo"; named != force {
			t.Errorf("%s: layout named %v, want %v", f.name, named, force)
		}
		o.OmitEngine = false
		dot, _ = DOT(f.sg, o)
		if !strings.Contains(string(dot), "[layout=") {
			t.Errorf("%s: no layout named by default", f.name)
		}
	}
}
