package geo

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

//go:generate go run ./gen world-atlas@2.0.2 outlines.txt

// outlinesText is written by ./gen from Natural Earth's 1:50m countries as
// world-atlas 2.0.2 ships them; OUTLINES.md gives the source, its licence
// and the tarball's checksum.
//
//go:embed outlines.txt
var outlinesText string

// Attribution names the outlines' source, for a map's caption.
const Attribution = "country outlines: Natural Earth, public domain"

// LonLat is a point of an outline, in degrees.
type LonLat struct{ Lon, Lat float64 }

// Country is a country's outline: one ring per island or part, each closed
// implicitly (the last point joins the first).
type Country struct {
	Name  string
	Rings [][]LonLat
}

var (
	outlinesOnce sync.Once
	outlines     []Country
	outlinesErr  error
)

// Outlines returns the built-in country outlines, read on first use.
func Outlines() ([]Country, error) {
	outlinesOnce.Do(func() { outlines, outlinesErr = parseOutlines(outlinesText) })
	return outlines, outlinesErr
}

func parseOutlines(text string) ([]Country, error) {
	var out []Country
	for n, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, nums, ok := strings.Cut(line, "\t")
		f := strings.Fields(nums)
		if !ok || len(f)%2 != 0 || len(f) < 6 {
			return nil, fmt.Errorf("outlines.txt:%d: want a name, a tab and at least three lon lat pairs", n+1)
		}
		ring := make([]LonLat, 0, len(f)/2)
		var x, y int
		for i := 0; i < len(f); i += 2 {
			dx, err1 := strconv.Atoi(f[i])
			dy, err2 := strconv.Atoi(f[i+1])
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("outlines.txt:%d: %q %q is not a pair of integers", n+1, f[i], f[i+1])
			}
			x, y = x+dx, y+dy
			ring = append(ring, LonLat{float64(x) / 100, float64(y) / 100})
		}
		if k := len(out); k > 0 && out[k-1].Name == name {
			out[k-1].Rings = append(out[k-1].Rings, ring)
		} else {
			out = append(out, Country{Name: name, Rings: [][]LonLat{ring}})
		}
	}
	return out, nil
}
