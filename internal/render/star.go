package render

import (
	"sort"

	"github.com/relmap/relmap/graph"
)

// A star is a subgraph whose ties all touch one actor, the hub: one
// actor's neighbourhood. Drawn radially, its 25 to 30 neighbours made a
// figure about 1,000 pt wide, whose 10 pt labels printed under 5 pt at
// 17 cm. The dot layout draws it as three columns instead, the hub in the
// middle and its neighbours split left and right, which keeps it about as
// wide as its legend however many neighbours it has: the figure grows
// down the page, where print size does not suffer.

// starMin is the fewest neighbours for which a star is split into two
// columns; fewer fit one column beside the hub.
const starMin = 8

// starSides is how a star is drawn with dot: its hub, and which neighbours
// stand left of it.
type starSides struct {
	hub  string
	left map[string]bool
}

// findStar returns sg's hub and the neighbours to draw left of it, or nil
// when sg is not a star of at least starMin neighbours. Neighbours whose
// ties all point at the hub go left and those the hub's ties point at go
// right, so most arrows run left to right; the rest (both ways, or
// symmetric ties) and then as few others as it takes even the columns
// out. Ties of one type stay together where they can.
//
// An edge written head first has its arrow at its tail end, which
// Graphviz paints in the second colour of a colour list: for a tie drawn
// unconfirmed, the transparent gap between its two lines. So a neighbour
// with a directed tie for which faded reports true keeps the side where
// that tie runs left to right.
func findStar(sg Subgraph, faded func(graph.Tie) bool) *starSides {
	if len(sg.Nodes) < starMin+1 || len(sg.Edges) == 0 {
		return nil
	}
	a, b := sg.Edges[0].From, sg.Edges[0].To
	var hub string
	for _, c := range []string{a, b} {
		all := true
		for _, e := range sg.Edges {
			if e.From != c && e.To != c {
				all = false
				break
			}
		}
		if all {
			hub = c
			break
		}
	}
	if hub == "" {
		return nil
	}
	type side struct {
		id      string
		in, out bool
		// pinned: a faded tie points at the hub (left) or away
		// from it (right).
		pinnedLeft, pinnedRight bool
		typ                     int // the domain's order of the first tie type met
	}
	order := map[graph.TieType]int{}
	for i, t := range graph.TieTypes {
		order[t.Type] = i
	}
	byID := map[string]*side{}
	var ns []*side
	for _, e := range sg.Edges {
		other := e.To
		if other == hub {
			other = e.From
		}
		if other == hub {
			continue // a tie of the hub with itself
		}
		s := byID[other]
		if s == nil {
			t, ok := order[e.Type]
			if !ok {
				t = len(order)
			}
			s = &side{id: other, typ: t}
			byID[other] = s
			ns = append(ns, s)
		}
		if info, ok := graph.LookupTieType(e.Type); ok && info.Symmetric {
			continue
		}
		in := e.To == hub
		if in {
			s.in = true
		} else {
			s.out = true
		}
		if faded(e) {
			s.pinnedLeft = s.pinnedLeft || in
			s.pinnedRight = s.pinnedRight || !in
		}
	}
	if len(ns) < starMin {
		return nil
	}
	rank := func(s *side) int {
		switch {
		case s.pinnedLeft && !s.pinnedRight:
			return -1
		case s.pinnedRight && !s.pinnedLeft:
			return 3
		case s.in && !s.out:
			return 0
		case s.out && !s.in:
			return 2
		}
		return 1
	}
	sort.SliceStable(ns, func(i, j int) bool {
		a, b := ns[i], ns[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		// Among those pointed at, the last types go left, so that the
		// first (memberships) stay together on the right.
		if a.typ != b.typ {
			if rank(a) >= 2 {
				return a.typ > b.typ
			}
			return a.typ < b.typ
		}
		return a.id < b.id
	})
	st := &starSides{hub: hub, left: map[string]bool{}}
	for _, s := range ns[:len(ns)/2] {
		if rank(s) < 3 {
			st.left[s.id] = true
		}
	}
	for _, s := range ns[len(ns)/2:] {
		if rank(s) < 0 {
			st.left[s.id] = true
		}
	}
	return st
}

// reversed reports whether e is written against its direction, its head
// first, so that dot puts its neighbour on the star's left (or, for a tie
// pointing at the hub, on its right); the edge is then drawn with
// dir=back, its arrow where the tie points.
func (st *starSides) reversed(e graph.Tie) bool {
	if st == nil || e.From == e.To {
		return false
	}
	if e.From == st.hub {
		return st.left[e.To]
	}
	return !st.left[e.From]
}

// reverse turns edge attributes for an edge written head first: the arrow
// moves to the tail end, where the tie's head now is.
func reverse(attrs [][2]string) [][2]string {
	out := make([][2]string, 0, len(attrs)+1)
	dir := "back"
	for _, a := range attrs {
		switch a[0] {
		case "arrowhead":
			a[0] = "arrowtail"
		case "dir":
			dir = "" // none: no arrow either way
		}
		out = append(out, a)
	}
	if dir != "" {
		out = append(out, [2]string{"dir", quote(dir)})
	}
	return out
}
