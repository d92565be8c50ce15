package svgunit

import (
	"math"
	"testing"
)

func TestPoints(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
	}{
		{"10pt", 10}, {" 96px", 72}, {"96", 72}, {"1in", 72}, {"2.54cm", 72}, {"25.4mm", 72},
		{"", 0}, {"wide", 0}, {"12.5pt ", 12.5},
	} {
		if got := Points(c.in); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("Points(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
