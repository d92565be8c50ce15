package render

import (
	"bytes"
	"context"
	"math"
	"os"
	"testing"

	"github.com/relmap/relmap/internal/figcheck"
)

// An edge whose straight line meets a node is bent round it, clear by
// routeClear; one that meets none stays straight.
func TestBend(t *testing.T) {
	a, b := vec{0, 0}, vec{300, 0}
	box := outlineOf("c 7 -#444444 P 4 130 -15 170 -15 170 15 130 15")
	ellipse := outlineOf("S 6 -filled E 150 40 27 18")
	if !box.hasShape || len(box.poly) != 4 || !ellipse.ellipse || ellipse.r != (vec{27, 18}) {
		t.Fatalf("outlines read wrong: %+v %+v", box, ellipse)
	}
	if _, off, ok := bend(a, b, []outline{ellipse}); !ok || off != 0 {
		t.Errorf("a line clear of the node: bent by %g (ok %v), want straight", off, ok)
	}
	c, off, ok := bend(a, b, []outline{box, ellipse})
	if !ok || off == 0 {
		t.Fatalf("a line through a node: bent by %g (ok %v)", off, ok)
	}
	for i := 0; i <= 200; i++ {
		p := c.at(float64(i) / 200)
		if box.inside(p, routeClear-0.01) || ellipse.inside(p, routeClear-0.01) {
			t.Fatalf("the bent curve passes %v, within %g pt of a node", p, routeClear)
		}
	}
	// Clipping finds where the curve leaves an end's outline.
	end := outlineOf("E 0 0 20 10")
	tc := leave(c, end, 0, 0.5)
	p := c.at(tc)
	if d := math.Hypot(p.x/20, p.y/10); math.Abs(d-1) > 0.01 {
		t.Errorf("clipped at %v, %.3f of the way to the outline, want on it", p, d)
	}
	if q := c.at(back(c, tc, 1, 10)); math.Abs(math.Hypot(q.x-p.x, q.y-p.y)-10) > 0.01 {
		t.Errorf("an arrow 10 pt long starts %g pt from its tip", math.Hypot(q.x-p.x, q.y-p.y))
	}
}

// The NATO sphere, drawn with only its crossing edges bent, has no edge
// through a node and comes out the same twice, and the same when the
// document names its engine (which, left in place, would lay the figure
// out again and route every edge when the edges are drawn).
func TestRoutedSphere(t *testing.T) {
	doc, err := os.ReadFile("../itest/testdata/views/sphere-nato.dot")
	if err != nil {
		t.Fatal(err)
	}
	named := bytes.Replace(doc, []byte("graph ["), []byte(`graph [layout="twopi", `), 1)
	opts := Options{Renderer: "wasm", Layout: "twopi"}
	svg, err := Render(context.Background(), doc, "svg", opts)
	if err != nil {
		t.Fatal(err)
	}
	again, err := Render(context.Background(), doc, "svg", opts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(svg, again) {
		t.Error("two drawings of the same DOT differ")
	}
	if withName, err := Render(context.Background(), named, "svg", opts); err != nil || !bytes.Equal(withName, svg) {
		t.Errorf("the DOT naming its engine is drawn differently (err %v)", err)
	}
	f, err := figcheck.Parse(svg)
	if err != nil {
		t.Fatal(err)
	}
	if r := figcheck.Check(f); r.EdgesThroughNodes != 0 || r.LabelCollisions != 0 {
		t.Errorf("%s", r)
	}
}
