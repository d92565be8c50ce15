package figcheck

import (
	"math"
	"strings"
	"unicode"
)

// shapePoints turns an SVG shape into a polyline or polygon outline;
// Bézier segments are sampled every few points.
func shapePoints(el string, a map[string]string) []Point {
	switch el {
	case "polygon", "polyline":
		f := strings.FieldsFunc(a["points"], func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		var ps []Point
		for i := 0; i+1 < len(f); i += 2 {
			ps = append(ps, Point{num(f[i]), num(f[i+1])})
		}
		return ps
	case "ellipse":
		cx, cy, rx, ry := num(a["cx"]), num(a["cy"]), num(a["rx"]), num(a["ry"])
		if rx <= 0 || ry <= 0 {
			return nil
		}
		ps := make([]Point, 0, 36)
		for i := 0; i < 36; i++ {
			s, c := math.Sincos(2 * math.Pi * float64(i) / 36)
			ps = append(ps, Point{cx + rx*c, cy + ry*s})
		}
		return ps
	case "path":
		return pathPoints(a["d"])
	}
	return nil
}

// ReadPath scans an SVG path's data and calls f with each command letter,
// upper-cased (Graphviz writes absolute commands only), and the numbers
// that follow it.
func ReadPath(d string, f func(cmd byte, nums []float64)) {
	var cmd byte
	var nums []float64
	flush := func() {
		if cmd != 0 {
			f(cmd, nums)
		}
		nums = nums[:0]
	}
	for i := 0; i < len(d); {
		c := d[i]
		switch {
		case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
			j := i + 1
			for j < len(d) && (d[j] == '.' || d[j] >= '0' && d[j] <= '9' || d[j] == 'e' || d[j] == '-' && d[j-1] == 'e') {
				j++
			}
			nums = append(nums, num(d[i:j]))
			i = j
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			flush()
			cmd = c &^ 0x20
			i++
		default:
			i++
		}
	}
	flush()
}

// pathPoints samples the M, L and C commands of a path into a polyline.
func pathPoints(d string) []Point {
	var ps []Point
	var cur Point
	ReadPath(d, func(cmd byte, nums []float64) {
		switch cmd {
		case 'M', 'L':
			for i := 0; i+1 < len(nums); i += 2 {
				cur = Point{nums[i], nums[i+1]}
				ps = append(ps, cur)
			}
		case 'C':
			for i := 0; i+5 < len(nums); i += 6 {
				end := Point{nums[i+4], nums[i+5]}
				ps = append(ps, bezier(cur, Point{nums[i], nums[i+1]}, Point{nums[i+2], nums[i+3]}, end)...)
				cur = end
			}
		}
	})
	return ps
}

// bezier samples a cubic Bézier segment (without its start) about every
// two points of its control polygon's length.
func bezier(p0, p1, p2, p3 Point) []Point {
	l := dist(p0, p1) + dist(p1, p2) + dist(p2, p3)
	n := max(2, int(l/2))
	ps := make([]Point, 0, n)
	for i := 1; i <= n; i++ {
		t := float64(i) / float64(n)
		u := 1 - t
		a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
		ps = append(ps, Point{a*p0.X + b*p1.X + c*p2.X + d*p3.X, a*p0.Y + b*p1.Y + c*p2.Y + d*p3.Y})
	}
	return ps
}

func dist(a, b Point) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// inside reports whether p lies inside polygon poly (even-odd rule).
func inside(p Point, poly []Point) bool {
	in := false
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		a, b := poly[i], poly[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// depth is how far p lies inside poly: its distance to the outline, or 0
// when it is outside.
func depth(p Point, poly []Point) float64 {
	if !inside(p, poly) {
		return 0
	}
	d := math.Inf(1)
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		d = min(d, segDist(p, poly[j], poly[i]))
	}
	return d
}

func segDist(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist(p, a)
	}
	t := max(0, min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	return dist(p, Point{a.X + t*dx, a.Y + t*dy})
}

// rectMeetsPolygon reports whether box r, shrunk by tol on each side,
// overlaps polygon poly.
func rectMeetsPolygon(r Rect, poly []Point, tol float64) bool {
	r = Rect{r.MinX + tol, r.MinY + tol, r.MaxX - tol, r.MaxY - tol}
	if r.MinX >= r.MaxX || r.MinY >= r.MaxY {
		return false
	}
	if !r.overlaps(bounds(poly), 0) {
		return false
	}
	corners := []Point{{r.MinX, r.MinY}, {r.MaxX, r.MinY}, {r.MaxX, r.MaxY}, {r.MinX, r.MaxY}}
	for _, c := range corners {
		if inside(c, poly) {
			return true
		}
	}
	for i, j := 0, len(poly)-1; i < len(poly); j, i = i, i+1 {
		p := poly[i]
		if p.X > r.MinX && p.X < r.MaxX && p.Y > r.MinY && p.Y < r.MaxY {
			return true
		}
		for k := range corners {
			if segmentsCross(poly[j], poly[i], corners[k], corners[(k+1)%4]) {
				return true
			}
		}
	}
	return false
}

func segmentsCross(a, b, c, d Point) bool {
	cross := func(o, p, q Point) float64 { return (p.X-o.X)*(q.Y-o.Y) - (p.Y-o.Y)*(q.X-o.X) }
	d1, d2 := cross(c, d, a), cross(c, d, b)
	d3, d4 := cross(a, b, c), cross(a, b, d)
	return (d1 > 0) != (d2 > 0) && (d3 > 0) != (d4 > 0) && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0
}

// helvetica holds the advance widths of ' ' to '~' in Helvetica, in
// thousandths of an em (Adobe's AFM, shared by Arial and Liberation Sans),
// the font relmap's figures name.
var helvetica = [95]uint16{
	278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
	556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
	1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
	667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
	333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
	556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
}

// HelveticaAdvance is the advance width of r in Helvetica, in ems, for the
// printable ASCII characters; ok is false for any other rune.
func HelveticaAdvance(r rune) (em float64, ok bool) {
	if r < ' ' || r > '~' {
		return 0, false
	}
	return float64(helvetica[r-' ']) / 1000, true
}

// TextWidth estimates the width in points of a line of Helvetica at size
// pt. Outside ASCII, a character is taken as 0.6 em (box-drawing glyphs,
// dashes and most Latin and Cyrillic letters are close to it).
func TextWidth(s string, size float64) float64 {
	var em float64
	for _, r := range s {
		switch {
		case r >= ' ' && r <= '~':
			em += float64(helvetica[r-' ']) / 1000
		case unicode.IsControl(r):
		default:
			em += 0.6
		}
	}
	return em * size
}
