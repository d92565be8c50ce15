package seed

import (
	"strconv"

	"github.com/relmap/relmap/graph"
)

// Coordinates are read after every actor, from a file's `coordinates:`
// list, and attach to the actor they name whatever file or dataset defined
// it: they sit apart from the actors so that a map's points can be kept
// and checked in one place (seeds/coordinates.yaml).

// coordinate checks one entry of `coordinates:` and attaches its point.
func (b *builder) coordinate(it *item) {
	id, ok := b.get(it, "actor", ruleRef)
	var a *graph.Actor
	if ok {
		if _, found := b.actor(id); !found {
			b.p.add(it.field("actor").at, b.refHint(id, b.actorIDs, "define it under `actors:`"), "unknown actor '%s'", id)
		} else if a = b.actorNamed(id); a == nil {
			return // defined, but its definition had problems already reported
		}
	}
	lat, latOK := b.degrees(it, "lat", 90)
	lon, lonOK := b.degrees(it, "lon", 180)
	sources := b.citations(it, false)
	if len(it.sources) == 0 {
		b.p.add(it.at, "add `sources` with a general-reference record and the month it was `checked`", "coordinates need a source")
	}
	if a == nil || !latOK || !lonOK {
		return
	}
	if first, dup := b.coordsAt[id]; dup {
		b.p.add(it.at, "keep one entry per actor", "coordinates of '%s' are given twice (also at %s)", id, first.ref(it.at))
		return
	}
	b.coordsAt[id] = it.at
	a.At = &graph.Point{Lat: lat, Lon: lon, Sources: sources}
}

// degrees reads a latitude or longitude in decimal degrees within ±limit.
func (b *builder) degrees(it *item, name string, limit float64) (float64, bool) {
	s, ok := b.get(it, name, rule{max: maxID, required: true, hint: "decimal degrees, north and east positive"})
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		b.p.add(it.field(name).at, "write decimal degrees such as 41.31 (south and west negative)", "`%s` '%s' is not a number", name, s)
		return 0, false
	}
	if !(f >= -limit && f <= limit) {
		b.p.add(it.field(name).at, "latitudes run from -90 to 90, longitudes from -180 to 180; check the order of lat and lon",
			"`%s` %s is outside -%g to %g", name, s, limit, limit)
		return 0, false
	}
	return f, true
}

// actorNamed finds the actor built for id, indexing them on first use.
func (b *builder) actorNamed(id string) *graph.Actor {
	if b.actorIndex == nil {
		b.actorIndex = map[string]*graph.Actor{}
		b.coordsAt = map[string]pos{}
		for _, ds := range b.sets {
			for i := range ds.Actors {
				a := &ds.Actors[i]
				if _, dup := b.actorIndex[a.ID]; !dup && a.ID != "" {
					b.actorIndex[a.ID] = a
				}
			}
		}
	}
	return b.actorIndex[id]
}
