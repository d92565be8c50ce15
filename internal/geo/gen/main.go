// Command gen builds outlines.txt, the country outlines relmap draws beneath
// its maps, from the Natural Earth data that the npm package world-atlas
// ships as TopoJSON. It reads the package's tarball, as `npm pack
// world-atlas@2.0.2` fetches it, refuses any other file by its SHA-256,
// clips every country to the region relmap maps and simplifies it:
//
//	npm pack world-atlas@2.0.2 && go run ./internal/geo/gen world-atlas-2.0.2.tgz OUT
//
// Given "world-atlas@2.0.2" instead of a file, it runs npm pack itself in a
// temporary folder (`go generate ./internal/geo/` and `make outlines` do).
// The output depends only on the tarball.
package main

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

// The tarball's SHA-256, and the file inside it that is read.
const (
	tarballSHA256 = "032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97"
	member        = "package/countries-50m.json"
)

// The region kept, in degrees: Western Europe to China, the Indian Ocean to
// the Arctic coast, wider than any map of Central Asia and its neighbours.
const (
	minLon, maxLon = -12.0, 125.0
	minLat, maxLat = 5.0, 72.0
	// tolerance is the Douglas-Peucker tolerance in degrees: about 5 km,
	// under a point at the scale of a regional map.
	tolerance = 0.05
	// unit is the stored resolution: hundredths of a degree.
	unit = 100.0
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen WORLD-ATLAS-2.0.2.TGZ OUTPUT")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Objects map[string]struct {
		Geometries []struct {
			Type       string            `json:"type"`
			ID         string            `json:"id"`
			Properties map[string]string `json:"properties"`
			Arcs       json.RawMessage   `json:"arcs"`
		} `json:"geometries"`
	} `json:"objects"`
	Arcs [][][2]float64 `json:"arcs"`
}

type pt struct{ x, y float64 } // lon, lat

func run(tarball, output string) error {
	if tarball == "world-atlas@2.0.2" {
		dir, err := os.MkdirTemp("", "world-atlas")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "pack", "--silent", tarball)
		cmd.Dir, cmd.Stderr = dir, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm pack %s: %w", tarball, err)
		}
		tarball = filepath.Join(dir, "world-atlas-2.0.2.tgz")
	}
	raw, err := os.ReadFile(tarball)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	if got := hex.EncodeToString(sum[:]); got != tarballSHA256 {
		return fmt.Errorf("%s has SHA-256 %s; want world-atlas 2.0.2's %s", tarball, got, tarballSHA256)
	}
	data, err := readMember(raw, member)
	if err != nil {
		return err
	}
	var topo topology
	if err := json.Unmarshal(data, &topo); err != nil {
		return fmt.Errorf("%s: %w", member, err)
	}
	arcs := decodeArcs(topo)
	type country struct {
		name  string
		rings [][]pt
	}
	var out []country
	for _, g := range topo.Objects["countries"].Geometries {
		var polys [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(g.Arcs, &p); err != nil {
				return err
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return err
			}
		default:
			continue
		}
		c := country{name: g.Properties["name"]}
		for _, poly := range polys {
			for _, ringArcs := range poly {
				ring := clip(stitch(arcs, ringArcs))
				ring = simplifyRing(ring)
				if len(ring) >= 4 {
					c.rings = append(c.rings, ring)
				}
			}
		}
		if len(c.rings) > 0 && c.name != "" {
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintf(w, "# Country outlines from Natural Earth 1:50m (public domain) via world-atlas 2.0.2\n")
	fmt.Fprintf(w, "# (npm tarball SHA-256 %s), clipped to %g..%g E, %g..%g N and simplified at %g degrees by internal/geo/gen.\n",
		tarballSHA256, minLon, maxLon, minLat, maxLat, tolerance)
	fmt.Fprintf(w, "# One ring a line: country name, a tab, then the first point and the steps to each next\n# point as lon lat pairs in hundredths of a degree.\n")
	for _, c := range out {
		for _, r := range c.rings {
			w.WriteString(c.name)
			w.WriteByte('\t')
			var px, py int
			for i, p := range r {
				x, y := int(math.Round(p.x*unit)), int(math.Round(p.y*unit))
				if i > 0 {
					w.WriteByte(' ')
				}
				fmt.Fprintf(w, "%d %d", x-px, y-py)
				px, py = x, y
			}
			w.WriteByte('\n')
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return os.WriteFile(output, b.Bytes(), 0o644)
}

func readMember(tgz []byte, name string) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(tgz))
	if err != nil {
		return nil, err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s not in the tarball", name)
		}
		if err != nil {
			return nil, err
		}
		if h.Name == name {
			return io.ReadAll(io.LimitReader(tr, 64<<20))
		}
	}
}

// decodeArcs undoes TopoJSON's quantisation and delta encoding.
func decodeArcs(t topology) [][]pt {
	out := make([][]pt, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, d := range arc {
			x += d[0]
			y += d[1]
			out[i] = append(out[i], pt{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	return out
}

// stitch joins a ring's arcs; arc ~i is arc i reversed, and each arc after
// the first repeats the last point of the one before.
func stitch(arcs [][]pt, idx []int) []pt {
	var ring []pt
	for k, i := range idx {
		var a []pt
		if i >= 0 {
			a = arcs[i]
		} else {
			src := arcs[^i]
			a = make([]pt, len(src))
			for j := range src {
				a[j] = src[len(src)-1-j]
			}
		}
		if k > 0 && len(a) > 0 {
			a = a[1:]
		}
		ring = append(ring, a...)
	}
	return ring
}

// clip cuts a ring to the region (Sutherland-Hodgman, one edge of the
// rectangle at a time).
func clip(ring []pt) []pt {
	edges := []struct {
		in  func(p pt) bool
		cut func(a, b pt) pt
	}{
		{func(p pt) bool { return p.x >= minLon }, func(a, b pt) pt { return atX(a, b, minLon) }},
		{func(p pt) bool { return p.x <= maxLon }, func(a, b pt) pt { return atX(a, b, maxLon) }},
		{func(p pt) bool { return p.y >= minLat }, func(a, b pt) pt { return atY(a, b, minLat) }},
		{func(p pt) bool { return p.y <= maxLat }, func(a, b pt) pt { return atY(a, b, maxLat) }},
	}
	for _, e := range edges {
		if len(ring) == 0 {
			return nil
		}
		var out []pt
		prev := ring[len(ring)-1]
		for _, p := range ring {
			switch {
			case e.in(p) && !e.in(prev):
				out = append(out, e.cut(prev, p), p)
			case e.in(p):
				out = append(out, p)
			case e.in(prev):
				out = append(out, e.cut(prev, p))
			}
			prev = p
		}
		ring = out
	}
	return ring
}

func atX(a, b pt, x float64) pt { return pt{x, a.y + (b.y-a.y)*(x-a.x)/(b.x-a.x)} }
func atY(a, b pt, y float64) pt { return pt{a.x + (b.x-a.x)*(y-a.y)/(b.y-a.y), y} }

// simplifyRing keeps the points Douglas-Peucker keeps, then drops points
// that round to the one before.
func simplifyRing(r []pt) []pt {
	if len(r) < 4 {
		return nil
	}
	keep := make([]bool, len(r))
	keep[0], keep[len(r)-1] = true, true
	// Split the ring at its farthest point from the first, so that a
	// closed ring simplifies as two open lines.
	far, best := 0, -1.0
	for i, p := range r {
		if d := math.Hypot(p.x-r[0].x, p.y-r[0].y); d > best {
			far, best = i, d
		}
	}
	keep[far] = true
	dp(r, 0, far, keep)
	dp(r, far, len(r)-1, keep)
	var out []pt
	for i, p := range r {
		if !keep[i] {
			continue
		}
		if n := len(out); n > 0 && math.Round(out[n-1].x*unit) == math.Round(p.x*unit) && math.Round(out[n-1].y*unit) == math.Round(p.y*unit) {
			continue
		}
		out = append(out, p)
	}
	if len(out) < 4 {
		return nil
	}
	return out
}

func dp(r []pt, i, j int, keep []bool) {
	if j <= i+1 {
		return
	}
	at, best := -1, tolerance
	for k := i + 1; k < j; k++ {
		if d := segDist(r[k], r[i], r[j]); d > best {
			at, best = k, d
		}
	}
	if at < 0 {
		return
	}
	keep[at] = true
	dp(r, i, at, keep)
	dp(r, at, j, keep)
}

func segDist(p, a, b pt) float64 {
	dx, dy := b.x-a.x, b.y-a.y
	l := dx*dx + dy*dy
	if l == 0 {
		return math.Hypot(p.x-a.x, p.y-a.y)
	}
	t := math.Max(0, math.Min(1, ((p.x-a.x)*dx+(p.y-a.y)*dy)/l))
	return math.Hypot(p.x-a.x-t*dx, p.y-a.y-t*dy)
}
