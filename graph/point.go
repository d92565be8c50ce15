package graph

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Point is where an actor sits on a map: a state's capital or conventional
// label point, a place's own position. Coordinates are WGS 84 degrees,
// north and east positive; Sources say where they were read.
type Point struct {
	Lat, Lon float64
	Sources  []Citation
}

// CheckLatLon says what is wrong with a latitude and longitude, or "".
func CheckLatLon(lat, lon float64) string {
	switch {
	case !(lat >= -90 && lat <= 90):
		return fmt.Sprintf("latitude %g is outside -90 to 90", lat)
	case !(lon >= -180 && lon <= 180):
		return fmt.Sprintf("longitude %g is outside -180 to 180", lon)
	}
	return ""
}

// The point's citations travel in Neo4j as one list property, each entry
// the CSV form "doc | section | evidence | checked" (section and evidence
// cannot contain '|'; validation refuses it).
const citePartSep = " | "

// PointCitations renders a point's citations for the coord_sources property.
func PointCitations(cs []Citation) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Doc + citePartSep + c.Section + citePartSep + c.Evidence + citePartSep + c.Checked.String()
	}
	return out
}

func pointCitationsFromProps(list []string) []Citation {
	var out []Citation
	for _, s := range list {
		parts := strings.SplitN(s, "|", 4)
		for len(parts) < 4 {
			parts = append(parts, "")
		}
		c := Citation{Doc: strings.TrimSpace(parts[0]), Section: strings.TrimSpace(parts[1]), Evidence: strings.TrimSpace(parts[2])}
		c.Checked, _ = ParseDate(strings.TrimSpace(parts[3]))
		out = append(out, c)
	}
	return out
}

// appendPoint writes the point's canonical form, {"Lat":…,"Lon":…,"Sources":[…]}.
// Floats go through encoding/json, whose shortest round-tripping form is
// the reference; few actors have points, so its cost does not count.
func appendPoint(b []byte, p *Point) []byte {
	b = append(b, `{"Lat":`...)
	b = appendFloat(b, p.Lat)
	b = append(b, `,"Lon":`...)
	b = appendFloat(b, p.Lon)
	b = append(b, `,"Sources":`...)
	b = appendCitations(b, p.Sources)
	return append(b, '}')
}

func appendFloat(b []byte, f float64) []byte {
	j, err := json.Marshal(f)
	if err != nil { // NaN or Inf, which validation never lets through
		return append(b, "null"...)
	}
	return append(b, j...)
}
