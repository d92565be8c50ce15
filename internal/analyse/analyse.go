// Package analyse measures who links whom on a day: each actor's degree and
// betweenness centrality in the network of ties in force, overall and within
// each sphere, and the states that bridge two or more spheres.
//
// The network is undirected and simple: two actors are linked when at least
// one tie in force joins them, whichever way it points, because the question
// is who connects whom, not who acts on whom. Ties that record the absence or
// the opposite of a link (no institutional ties, rivalry, opposition,
// criticism) are left out. Only actors with a link that day are in the
// network. The centralities are gonum's (gonum.org/v1/gonum/graph/network),
// not relmap's own algorithms.
//
// Betweenness is normalised as NetworkX's betweenness_centrality does for an
// undirected graph: the share of the shortest paths between pairs of other
// actors that pass through the actor, 2·B/((n−1)(n−2)) for n actors, where B
// sums over unordered pairs. gonum sums over ordered pairs, which counts each
// pair twice, so its figure is divided by (n−1)(n−2).
//
// A sphere's network is the organisation, the programmes on its partnership
// ladder and the states inside its sphere that day, by graph's sphere rule
// (graph.Sphere.StandingAt, on the ties in force), with the links among them. A state associated
// with a sphere (observer, dialogue partner, partner) is listed as such but,
// as everywhere in relmap, not counted inside it, so it does not make a
// bridge.
package analyse

import (
	"fmt"
	"sort"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/simple"

	"github.com/relmap/relmap/graph"
)

// notLinks are the tie types that do not link their ends.
var notLinks = map[graph.TieType]bool{
	graph.TieNoTies:     true,
	graph.TieRivalry:    true,
	graph.TieOpposes:    true,
	graph.TieCriticises: true,
}

// Link is a pair of actors joined by at least one tie in force: A < B.
type Link struct {
	A, B string
	Ties []string // the keys of the ties that join them, sorted
}

// Links lists the links of the network on day at, sorted by their ends.
func Links(ds *graph.Dataset, at graph.Date) []Link {
	byPair := map[[2]string]*Link{}
	for _, t := range ds.Ties {
		if notLinks[t.Type] || t.From == t.To || !t.ValidAt(at) {
			continue
		}
		a, b := t.From, t.To
		if b < a {
			a, b = b, a
		}
		l := byPair[[2]string{a, b}]
		if l == nil {
			l = &Link{A: a, B: b}
			byPair[[2]string{a, b}] = l
		}
		l.Ties = append(l.Ties, t.Key)
	}
	out := make([]Link, 0, len(byPair))
	for _, l := range byPair {
		sort.Strings(l.Ties)
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].A != out[j].A {
			return out[i].A < out[j].A
		}
		return out[i].B < out[j].B
	})
	return out
}

// Centrality is each actor's degree and normalised betweenness in a network.
type Centrality struct {
	Degree      map[string]int
	Betweenness map[string]float64
}

// Measure computes degree and betweenness on the network of links, with
// gonum. Every end of a link is in the result.
func Measure(links []Link) Centrality {
	ids := map[string]int64{}
	var names []string
	g := simple.NewUndirectedGraph()
	node := func(id string) simple.Node {
		n, ok := ids[id]
		if !ok {
			n = int64(len(names))
			ids[id] = n
			names = append(names, id)
			g.AddNode(simple.Node(n))
		}
		return simple.Node(n)
	}
	for _, l := range links {
		g.SetEdge(simple.Edge{F: node(l.A), T: node(l.B)})
	}
	c := Centrality{Degree: map[string]int{}, Betweenness: map[string]float64{}}
	n := float64(len(names))
	raw := network.Betweenness(g)
	for i, id := range names {
		c.Degree[id] = g.From(int64(i)).Len()
		c.Betweenness[id] = 0
		if n > 2 {
			c.Betweenness[id] = raw[int64(i)] / ((n - 1) * (n - 2))
		}
	}
	return c
}

// Score is one actor's place in the network on the day.
type Score struct {
	Actor       graph.Actor
	Degree      int
	Betweenness float64
	// InSphere[j] says whether the actor is in the network of Spheres[j],
	// and SphereBetweenness[j] is its betweenness there.
	InSphere          []bool
	SphereBetweenness []float64
	// Spheres are the organisations (IDs) whose sphere the actor, a state,
	// is inside on the day, Associated those it is associated with, in the
	// order of Result.Spheres.
	Spheres, Associated []string
}

// Bridge reports whether the actor is a state inside two or more spheres.
func (s Score) Bridge() bool { return len(s.Spheres) >= 2 }

// Result is the analysis of one day.
type Result struct {
	At      graph.Date
	Spheres []graph.Actor
	// Actors are every actor with a link that day, the most between first
	// (then by degree, label and ID).
	Actors []Score
	Links  int
}

// Bridges are the states in two or more spheres, in the order of Actors.
func (r *Result) Bridges() []Score {
	var out []Score
	for _, s := range r.Actors {
		if s.Bridge() {
			out = append(out, s)
		}
	}
	return out
}

// Analyse measures the network of ds on day at, overall and within the
// sphere of each of orgs (the default spheres when orgs is empty).
func Analyse(ds *graph.Dataset, orgs []string, at graph.Date) (*Result, error) {
	if at.IsZero() {
		return nil, fmt.Errorf("analyse needs a date")
	}
	spheres, err := spheresOf(ds, orgs)
	if err != nil {
		return nil, err
	}
	links := Links(ds, at)
	overall := Measure(links)
	r := &Result{At: at, Links: len(links)}

	// The ties in force, once: Sphere.Standing on them is StandingAt.
	var now []graph.Tie
	for _, t := range ds.Ties {
		if t.ValidAt(at) {
			now = append(now, t)
		}
	}
	// Who is in each sphere's network: the organisation, its ladder's
	// programmes, and the states inside the sphere.
	members := make([]map[string]bool, len(spheres))
	inSpheres, associated := map[string][]string{}, map[string][]string{}
	for j, sp := range spheres {
		org, _ := ds.Actor(sp.Org)
		r.Spheres = append(r.Spheres, org)
		members[j] = map[string]bool{sp.Org: true}
		for _, rung := range sp.Ladder {
			members[j][rung.Programme] = true
		}
		for _, st := range ds.Actors {
			if st.Kind != graph.KindState {
				continue
			}
			switch sp.Standing(st.ID, now) {
			case graph.Inside:
				members[j][st.ID] = true
				inSpheres[st.ID] = append(inSpheres[st.ID], sp.Org)
			case graph.Associated:
				associated[st.ID] = append(associated[st.ID], sp.Org)
			}
		}
	}
	within := make([]Centrality, len(spheres))
	for j := range spheres {
		var sub []Link
		for _, l := range links {
			if members[j][l.A] && members[j][l.B] {
				sub = append(sub, l)
			}
		}
		within[j] = Measure(sub)
	}

	for id, deg := range overall.Degree {
		a, ok := ds.Actor(id)
		if !ok {
			a = graph.Actor{ID: id, Name: id}
		}
		s := Score{Actor: a, Degree: deg, Betweenness: overall.Betweenness[id], Spheres: inSpheres[id], Associated: associated[id],
			InSphere: make([]bool, len(spheres)), SphereBetweenness: make([]float64, len(spheres))}
		for j := range spheres {
			if _, ok := within[j].Degree[id]; ok {
				s.InSphere[j], s.SphereBetweenness[j] = true, within[j].Betweenness[id]
			}
		}
		r.Actors = append(r.Actors, s)
	}
	sort.Slice(r.Actors, func(i, j int) bool {
		a, b := r.Actors[i], r.Actors[j]
		// Betweenness compared at a precision well above gonum's rounding
		// noise, so that ties in it fall to the next key whatever order
		// gonum summed in.
		if ba, bb := rounded(a.Betweenness), rounded(b.Betweenness); ba != bb {
			return ba > bb
		}
		if a.Degree != b.Degree {
			return a.Degree > b.Degree
		}
		if a.Actor.Label() != b.Actor.Label() {
			return a.Actor.Label() < b.Actor.Label()
		}
		return a.Actor.ID < b.Actor.ID
	})
	return r, nil
}

// spheresOf are the sphere definitions of orgs (graph.Spheres when none),
// each an organisation of ds, once each.
func spheresOf(ds *graph.Dataset, orgs []string) ([]graph.Sphere, error) {
	if len(orgs) == 0 {
		orgs = graph.SphereOrgs()
	}
	var out []graph.Sphere
	seen := map[string]bool{}
	for _, id := range orgs {
		a, ok := ds.Actor(id)
		switch {
		case !ok:
			return nil, fmt.Errorf("unknown organisation %q", id)
		case a.Kind != graph.KindOrganisation:
			return nil, fmt.Errorf("%q is a %s, not an organisation", id, a.Kind)
		case seen[id]:
			continue
		}
		seen[id] = true
		s, _ := graph.LookupSphere(id)
		out = append(out, s)
	}
	return out, nil
}
