package compare

import (
	"fmt"

	"github.com/relmap/relmap/graph"
)

// Kind classifies how a cell changed between two days.
type Kind string

// The kinds of change. Only the two ends are compared: a state that joined and
// left again between them shows no change, which is what "from … to" asks.
const (
	Joined     Kind = "joined"     // into the sphere (graph.Inside) from outside or associated: observer to member
	Left       Kind = "left"       // from inside the sphere, or suspended, to outside or associated
	Suspend    Kind = "suspended"  // into a suspension, from anything
	Reinstated Kind = "reinstated" // from a suspension back into the sphere
	Up         Kind = "up"         // deeper on the same side of the sphere's edge: PfP to IPAP, none to observer or interested
	Down       Kind = "down"       // shallower on the same side
	// Unattested: the same relation at both ends, but the sources speak for
	// it at the earlier end and for none of its ties at the later one.
	Unattested Kind = "no longer attested"
)

// Change is one state's change towards one organisation.
type Change struct {
	State    graph.Actor
	Org      graph.Actor
	Kind     Kind
	From, To Cell
	// Basis says why a relation stopped holding, from the ties that decided
	// the earlier end: "ended 2012-06" where a source states the end
	// (graph.Tie.EndStated), "last attested 2012-02" where the relation
	// holds, or held, only as far as its sources speak. Empty otherwise.
	Basis string
}

// Sources are the citations of the ties that decided either end, the later
// end first: a tie that began explains a join, one that ended explains a
// departure.
func (c Change) Sources() []graph.Citation { return citations(c.To.Ties, c.From.Ties) }

// Changes is what changed in a region's spheres between two days.
type Changes struct {
	From, To graph.Date
	Region   string
	Orgs     []graph.Actor
	States   []graph.Actor
	Changes  []Change // by state (by name), then organisation (in column order)
}

// Diff compares each cell on day from with the same cell on day to and lists
// those that changed. Orgs and region default as for Compare.
func Diff(ds *graph.Dataset, orgs []string, region string, from, to graph.Date) (*Changes, error) {
	if from.IsZero() || to.IsZero() {
		return nil, fmt.Errorf("a diff needs two dates")
	}
	if to.First().Before(from.First()) {
		return nil, fmt.Errorf("from (%s) is after to (%s)", from, to)
	}
	m, err := newMatrix(ds, orgs, region)
	if err != nil {
		return nil, err
	}
	out := &Changes{From: from, To: to, Region: m.region, Orgs: m.orgs, States: m.states}
	before, after := m.cells(from), m.cells(to)
	for i, s := range m.states {
		for j, o := range m.orgs {
			a, b := before[i][j], after[i][j]
			if k, changed := classify(a, b); changed {
				out.Changes = append(out.Changes, Change{State: s, Org: o, Kind: k, From: a, To: b, Basis: basis(k, a, from, to)})
			}
		}
	}
	return out, nil
}

// classify names the change from a to b. Which ties decided a cell does not
// matter, only where the state stands: a membership re-recorded under a new
// tie is no change.
func classify(a, b Cell) (Kind, bool) {
	switch {
	case rank(a) == rank(b) && a.Relation != None && !a.Unconfirmed && b.Unconfirmed:
		return Unattested, true
	case rank(a) == rank(b):
		return "", false
	case b.Relation == Suspended:
		return Suspend, true
	case a.Relation == Suspended && b.In():
		return Reinstated, true
	case a.Relation == Suspended:
		return Left, true
	case !a.In() && b.In():
		return Joined, true
	case a.In() && !b.In():
		return Left, true
	case rank(b) > rank(a):
		return Up, true
	}
	return Down, true
}

// basis tells an end a source states from one where the sources stop
// speaking, for a change whose earlier relation stopped holding or stopped
// being attested between from and to.
func basis(k Kind, a Cell, from, to graph.Date) string {
	if k == Unattested {
		return "last attested " + a.Attested.String()
	}
	if k == Up || k == Joined || k == Reinstated {
		return ""
	}
	var stated, unattested graph.Date
	for _, t := range a.Ties {
		if t.Until.IsZero() || !t.Until.First().After(from.First()) || t.Until.First().After(to.First()) {
			continue
		}
		if t.EndStated() {
			if stated.IsZero() || t.Until.First().After(stated.First()) {
				stated = t.Until
			}
		} else if unattested.IsZero() || t.Attested.Last().After(unattested.Last()) {
			unattested = t.Attested
		}
	}
	switch {
	case !stated.IsZero():
		return "ended " + stated.String()
	case !unattested.IsZero():
		return "no longer attested: last attested " + unattested.String()
	}
	return ""
}
