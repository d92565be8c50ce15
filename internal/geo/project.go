// Package geo is relmap's cartography: the map projection that places
// actors by their coordinates, and the country outlines drawn beneath them,
// simplified from Natural Earth (public domain) and built into the binary.
package geo

import (
	"fmt"
	"math"
)

// LCC is the Lambert conformal conic projection on a sphere of radius 1:
// conformal, so that the shapes of small areas (a border crossing, the
// Caspian shore) are kept, with its scale exact along the two standard
// parallels. It suits a region of mid latitudes wider than it is tall,
// such as Central Asia between the Baltic and China.
type LCC struct {
	Lat1, Lat2 float64 // standard parallels, degrees
	Lat0, Lon0 float64 // origin: latitude and central meridian, degrees

	n, f, rho0 float64
}

// NewLCC prepares the projection.
func NewLCC(lat1, lat2, lat0, lon0 float64) LCC {
	p := LCC{Lat1: lat1, Lat2: lat2, Lat0: lat0, Lon0: lon0}
	f1, f2 := rad(lat1), rad(lat2)
	if math.Abs(lat1-lat2) < 1e-9 {
		p.n = math.Sin(f1)
	} else {
		p.n = math.Log(math.Cos(f1)/math.Cos(f2)) / math.Log(tanHalf(f2)/tanHalf(f1))
	}
	p.f = math.Cos(f1) * math.Pow(tanHalf(f1), p.n) / p.n
	p.rho0 = p.rho(rad(lat0))
	return p
}

// Fit is the projection for points spread over the given extent: standard
// parallels one sixth of the way in from its southern and northern edges
// (the usual rule, which keeps scale error small over the whole extent),
// origin at its southern edge and central meridian at its middle.
func Fit(minLat, maxLat, minLon, maxLon float64) LCC {
	d := (maxLat - minLat) / 6
	return NewLCC(round1(minLat+d), round1(maxLat-d), round1(minLat), round1((minLon+maxLon)/2))
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// Project returns the plane coordinates of a point, x east and y north, in
// radii of the sphere.
func (p LCC) Project(lat, lon float64) (x, y float64) {
	rho := p.rho(rad(lat))
	dl := lon - p.Lon0
	for dl > 180 {
		dl -= 360
	}
	for dl < -180 {
		dl += 360
	}
	theta := p.n * rad(dl)
	return rho * math.Sin(theta), p.rho0 - rho*math.Cos(theta)
}

// Scale is the projection's scale factor at a latitude: 1 on the standard
// parallels, below 1 between them and above beyond.
func (p LCC) Scale(lat float64) float64 {
	f := rad(lat)
	return p.rho(f) * p.n / math.Cos(f)
}

func (p LCC) rho(phi float64) float64 { return p.f / math.Pow(tanHalf(phi), p.n) }

// Name says which projection a figure is drawn in, for its caption.
func (p LCC) Name() string {
	return fmt.Sprintf("Lambert conformal conic, standard parallels %s and %s, central meridian %s",
		degrees(p.Lat1, "N", "S"), degrees(p.Lat2, "N", "S"), degrees(p.Lon0, "E", "W"))
}

func degrees(v float64, pos, neg string) string {
	h := pos
	if v < 0 {
		h, v = neg, -v
	}
	return fmt.Sprintf("%g°%s", v, h)
}

func rad(deg float64) float64     { return deg * math.Pi / 180 }
func tanHalf(phi float64) float64 { return math.Tan(math.Pi/4 + phi/2) }
