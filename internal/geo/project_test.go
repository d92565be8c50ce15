package geo

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Snyder, Map Projections: A Working Manual (USGS 1987), the numerical
// example of the Lambert conformal conic on the sphere (R = 1).
func TestLCCSnyderExample(t *testing.T) {
	p := NewLCC(33, 45, 23, -96)
	if !near(p.n, 0.6304777, 1e-7) || !near(p.f, 1.9550002, 1e-7) || !near(p.rho0, 1.5071429, 1e-7) {
		t.Errorf("n, F, rho0 = %.7f, %.7f, %.7f; want 0.6304777, 1.9550002, 1.5071429", p.n, p.f, p.rho0)
	}
	x, y := p.Project(35, -75)
	if !near(x, 0.2966785, 1e-7) || !near(y, 0.2462112, 1e-7) {
		t.Errorf("Project(35N, 75W) = %.7f, %.7f; want 0.2966785, 0.2462112", x, y)
	}
}

func TestLCCProperties(t *testing.T) {
	p := NewLCC(38, 52, 30, 60)
	cases := []struct {
		name string
		got  float64
		want float64
	}{
		{"scale on the first standard parallel", p.Scale(38), 1},
		{"scale on the second standard parallel", p.Scale(52), 1},
		{"x on the central meridian", first(p.Project(45, 60)), 0},
		{"y at the origin", second(p.Project(30, 60)), 0},
		{"symmetry about the central meridian", first(p.Project(45, 70)) + first(p.Project(45, 50)), 0},
		{"longitude wraps", first(p.Project(45, 60+360)), 0},
	}
	for _, c := range cases {
		if !near(c.got, c.want, 1e-12) {
			t.Errorf("%s: %.15f, want %g", c.name, c.got, c.want)
		}
	}
	if s := p.Scale(45); s >= 1 {
		t.Errorf("scale between the standard parallels = %f, want < 1", s)
	}
	// North is up: a point further north has a larger y on the meridian.
	if _, y1 := p.Project(40, 60); func() bool { _, y2 := p.Project(50, 60); return y2 <= y1 }() {
		t.Error("north is not up")
	}
	// Conformal: east-west and north-south scales agree at any point.
	for _, lat := range []float64{32, 45, 58} {
		const h = 1e-5
		x0, y0 := p.Project(lat, 65)
		xe, ye := p.Project(lat, 65+h)
		xn, yn := p.Project(lat+h, 65)
		ew := math.Hypot(xe-x0, ye-y0) / (rad(h) * math.Cos(rad(lat)))
		ns := math.Hypot(xn-x0, yn-y0) / rad(h)
		if !near(ew, ns, 1e-6) {
			t.Errorf("at %g°N east-west scale %f, north-south %f", lat, ew, ns)
		}
	}
}

func TestFit(t *testing.T) {
	cases := []struct {
		minLat, maxLat, minLon, maxLon float64
		want                           string
	}{
		{30, 60, 20, 100, "Lambert conformal conic, standard parallels 35°N and 55°N, central meridian 60°E"},
		{-40, -10, -80, -40, "Lambert conformal conic, standard parallels 35°S and 15°S, central meridian 60°W"},
	}
	for _, c := range cases {
		if got := Fit(c.minLat, c.maxLat, c.minLon, c.maxLon).Name(); got != c.want {
			t.Errorf("Fit(%g..%g, %g..%g) = %q, want %q", c.minLat, c.maxLat, c.minLon, c.maxLon, got, c.want)
		}
	}
}

func first(x, _ float64) float64  { return x }
func second(_, y float64) float64 { return y }
