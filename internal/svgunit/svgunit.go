// Package svgunit reads the lengths SVG files give, so every reader of
// relmap's figures (the figure checker, the PDF writer, the report's print
// sizing) turns "10pt" or "96px" into the same points.
package svgunit

import (
	"strconv"
	"strings"
)

// Number reads a bare number; what does not parse is 0, as an SVG
// renderer treats an unreadable attribute.
func Number(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}

// Points reads an SVG length in points: pt, px at 96 per inch, in, cm and
// mm; a length without a unit is CSS pixels.
func Points(s string) float64 {
	s = strings.TrimSpace(s)
	for _, u := range []struct {
		suffix string
		pt     float64
	}{{"pt", 1}, {"px", 0.75}, {"in", 72}, {"cm", 72 / 2.54}, {"mm", 72 / 25.4}} {
		if strings.HasSuffix(s, u.suffix) {
			return Number(strings.TrimSuffix(s, u.suffix)) * u.pt
		}
	}
	return Number(s) * 0.75
}
