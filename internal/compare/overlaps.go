package compare

import (
	"sort"

	"github.com/relmap/relmap/graph"
)

// Overlap is a combination of spheres and the states that are in exactly
// those spheres. Exact combinations partition the region, so the counts add
// up to the number of states, with Result.None making up the rest.
type Overlap struct {
	Orgs   []string // organisation IDs, in column order
	States []graph.Actor
	// Unconfirmed are the states that would be in exactly these spheres if
	// ties no source speaks for on the day counted, and are not counted
	// here.
	Unconfirmed []graph.Actor
}

// Pair compares the spheres of two organisations over the region's states.
type Pair struct {
	A, B   string // organisation IDs, A before B in column order
	Both   int    // states in both spheres
	Either int    // states in at least one
	// Jaccard is Both/Either, the share of the two spheres' combined
	// membership that they have in common; 0 when Either is 0, where it is
	// undefined (the writers show it as such).
	Jaccard float64
	// Unconfirmed counts the states in both only by ties no source speaks
	// for on the day: not in Both.
	Unconfirmed int
}

// overlaps derives the overlaps, pairs, multi-vector, unaligned and
// associated states from the matrix. Membership of a sphere is
// Cell.InConfirmed: what the sources speak for on the day; what unconfirmed
// ties would add (Cell.In) is counted beside it.
func (r *Result) overlaps() {
	for _, row := range r.Cells {
		for _, c := range row {
			if c.Unconfirmed {
				r.Unconfirmed = append(r.Unconfirmed, c)
			}
		}
	}
	for j, o := range r.Orgs {
		a := Association{Org: o.ID}
		for i, s := range r.States {
			if r.Cells[i][j].Associated() {
				a.States = append(a.States, s)
			}
		}
		r.Associated = append(r.Associated, a)
	}
	in := make([][]bool, len(r.States))
	all := make([][]bool, len(r.States))
	combos := map[string]*Overlap{}
	var keys []string
	combo := func(key []byte, orgs []string) *Overlap {
		o, ok := combos[string(key)]
		if !ok {
			o = &Overlap{Orgs: orgs}
			combos[string(key)] = o
			keys = append(keys, string(key))
		}
		return o
	}
	var noneUnconfirmed []graph.Actor
	for i, s := range r.States {
		in[i] = make([]bool, len(r.Orgs))
		all[i] = make([]bool, len(r.Orgs))
		var orgs, allOrgs []string
		key := make([]byte, len(r.Orgs))
		allKey := make([]byte, len(r.Orgs))
		for j, c := range r.Cells[i] {
			key[j], allKey[j] = '0', '0'
			if c.InConfirmed() {
				in[i][j] = true
				key[j] = '1'
				orgs = append(orgs, r.Orgs[j].ID)
			}
			if c.In() {
				all[i][j] = true
				allKey[j] = '1'
				allOrgs = append(allOrgs, r.Orgs[j].ID)
			}
		}
		if string(allKey) != string(key) {
			if len(allOrgs) == 0 {
				noneUnconfirmed = append(noneUnconfirmed, s)
			} else {
				o := combo(allKey, allOrgs)
				o.Unconfirmed = append(o.Unconfirmed, s)
			}
		}
		switch {
		case len(orgs) == 0:
			r.None = append(r.None, s)
			continue
		case len(orgs) >= 2:
			r.MultiVector = append(r.MultiVector, s)
		}
		o := combo(key, orgs)
		o.States = append(o.States, s)
	}
	r.NoneUnconfirmed = noneUnconfirmed
	// Widest combinations first; among equals, the one holding the earlier
	// columns first, so the order follows the columns the reader chose.
	sort.Slice(keys, func(a, b int) bool {
		la, lb := len(combos[keys[a]].Orgs), len(combos[keys[b]].Orgs)
		if la != lb {
			return la > lb
		}
		return keys[a] > keys[b]
	})
	for _, k := range keys {
		r.Overlaps = append(r.Overlaps, *combos[k])
	}

	for a := range r.Orgs {
		for b := a + 1; b < len(r.Orgs); b++ {
			p := Pair{A: r.Orgs[a].ID, B: r.Orgs[b].ID}
			for i := range r.States {
				if in[i][a] && in[i][b] {
					p.Both++
				}
				if in[i][a] || in[i][b] {
					p.Either++
				}
				if all[i][a] && all[i][b] && !(in[i][a] && in[i][b]) {
					p.Unconfirmed++
				}
			}
			if p.Either > 0 {
				p.Jaccard = float64(p.Both) / float64(p.Either)
			}
			r.Pairs = append(r.Pairs, p)
		}
	}
}

func ids(as []graph.Actor) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}
