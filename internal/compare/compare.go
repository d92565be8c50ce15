// Package compare answers the question relmap exists for: on a given day,
// where does each state of a region stand towards NATO, the CSTO and the SCO
// (or any organisations named), how far do those spheres overlap, and what
// changed between two days.
//
// It works on a *graph.Dataset in memory, so the answer is the same whether
// the ties came from the database or straight from the seed files, and it
// places ties in time only through graph.Tie.ValidAt, the one time rule.
//
// Whether a cell puts the state inside a sphere is graph's sphere rule
// (graph.Sphere.StandingAt), the same for every output of relmap; Relation
// only says, for display, which tie decided the cell. The writers in
// write.go present the two.
package compare

import (
	"fmt"
	"sort"
	"strings"

	"github.com/relmap/relmap/graph"
)

// AllRegions as the region selects every state of the dataset.
const AllRegions = "all"

// Relation is where a state stands towards one organisation on one day.
//
// The constants are in order of depth, which is what a change up or down
// means. When several ties to the same organisation are in force on the same
// day the deepest decides, except that a suspension overrides everything: the
// data records a suspension as a tie of its own beside the membership it
// interrupts, often without closing that membership, and the suspension is the
// later, more specific statement.
type Relation int

// The relations, shallowest first.
const (
	// None: no tie that places the state towards the organisation. A
	// programme the state declined counts as none.
	None Relation = iota
	// Interested: the state has declared interest in a partnership programme
	// of the organisation without taking it up.
	Interested
	// Suspended: a membership the state has suspended (member_of, role
	// suspended).
	Suspended
	DialoguePartner
	Observer
	// Partner: member_of with role partner, for organisations that grant
	// such a status outside a programme ladder.
	Partner
	// Partnership: a programme on the organisation's ladder (graph.Sphere),
	// held actively or by an ipap tie; Cell.Level says which.
	Partnership
	Member
)

var relationNames = []string{"none", "interested", "suspended", "dialogue_partner", "observer", "partner", "partnership", "member"}

// String is the relation's slug, as in the data's roles (dialogue_partner).
func (r Relation) String() string {
	if r < 0 || int(r) >= len(relationNames) {
		return fmt.Sprintf("Relation(%d)", int(r))
	}
	return relationNames[r]
}

// MarshalText writes the slug, so JSON carries words rather than numbers.
func (r Relation) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

var roleRelations = map[string]Relation{
	graph.RoleMember:          Member,
	graph.RoleObserver:        Observer,
	graph.RoleDialoguePartner: DialoguePartner,
	graph.RolePartner:         Partner,
	graph.RoleSuspended:       Suspended,
}

// Cell is one state's relation to one organisation on one day.
type Cell struct {
	State, Org string // actor IDs
	Relation   Relation
	// Level is the position of Rung on the organisation's ladder (1 is the
	// shallowest) for Partnership and Interested; 0 otherwise.
	Level int
	Rung  graph.Rung
	// Ties are the ties in force that decided the cell, by key: every tie
	// giving the winning relation and level, so none of the evidence for the
	// answer is dropped.
	Ties []graph.Tie
	// Standing is where the state stands towards the sphere by graph's
	// sphere rule.
	Standing graph.Standing
	// Unconfirmed: every tie deciding the cell is in force only because its
	// end is open, and no source speaks for it on the day
	// (graph.Tie.UnconfirmedAt). Attested is how far the deciding ties'
	// sources reach (graph.LastAttested).
	Unconfirmed bool
	Attested    graph.Date
	// ConfirmedStanding is the standing from the ties the sources speak for
	// on the day alone (graph.Sphere.ConfirmedStandingAt); the overlaps
	// count it.
	ConfirmedStanding graph.Standing
}

// Marked is the label with a question mark when the cell is unconfirmed
// ("IPAP?"), as every text output shows it.
func (c Cell) Marked() string {
	if c.Unconfirmed {
		return c.Label() + "?"
	}
	return c.Label()
}

// In reports whether the cell puts the state inside the organisation's
// sphere (graph.Inside): a member or a partnership level of its ladder.
func (c Cell) In() bool { return c.Standing == graph.Inside }

// InConfirmed reports whether the state is inside the sphere on the ties the
// sources speak for on the day; the overlaps and similarity count this.
func (c Cell) InConfirmed() bool { return c.ConfirmedStanding == graph.Inside }

// Associated reports an observer, dialogue partner or partner: shown beside
// the sphere, never counted in it.
func (c Cell) Associated() bool { return c.Standing == graph.Associated }

// Label is the cell as people read it: "member", "dialogue partner", "IPAP",
// "interested (PfP)", or "" for none.
func (c Cell) Label() string {
	switch c.Relation {
	case None:
		return ""
	case Partnership:
		return c.Rung.Name
	case Interested:
		return "interested (" + c.Rung.Name + ")"
	case DialoguePartner:
		return "dialogue partner"
	}
	return c.Relation.String()
}

// Sources are the citations of the deciding ties, without repeats.
func (c Cell) Sources() []graph.Citation { return citations(c.Ties) }

func citations(ties ...[]graph.Tie) []graph.Citation {
	var out []graph.Citation
	seen := map[graph.Citation]bool{}
	for _, ts := range ties {
		for _, t := range ts {
			for _, c := range t.Sources {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// rank orders candidate cells for one state and organisation: the highest
// rank decides (see Relation).
func rank(c Cell) int {
	if c.Relation == Suspended {
		return 1 << 20
	}
	return int(c.Relation)<<8 + c.Level
}

// Result is the comparison on one day: the matrix and the overlaps derived
// from it. It is also what a diagram of the spheres needs: the states, the
// organisations and, per cell, the ties that decided it.
type Result struct {
	At     graph.Date
	Region string
	Orgs   []graph.Actor // columns, in the order asked for
	States []graph.Actor // rows, by name
	Cells  [][]Cell      // Cells[i][j] is States[i] towards Orgs[j]

	Overlaps    []Overlap     // one per combination of spheres some state is in exactly
	Pairs       []Pair        // one per pair of organisations, in column order
	MultiVector []graph.Actor // states in two spheres or more
	None        []graph.Actor // states in no sphere
	// NoneUnconfirmed are the states that would be in no sphere if ties no
	// source speaks for on the day counted (a suspension gone unattested),
	// and are counted in an overlap instead.
	NoneUnconfirmed []graph.Actor
	// Associated lists, per organisation in column order, the states
	// associated with it (graph.Associated); none of them counts above.
	Associated []Association
	// Unconfirmed lists the unconfirmed cells, by row then column.
	Unconfirmed []Cell
}

// Association is an organisation and the states associated with it.
type Association struct {
	Org    string
	States []graph.Actor
}

// Cell returns the cell of state towards org.
func (r *Result) Cell(state, org string) (Cell, bool) {
	for i, s := range r.States {
		if s.ID != state {
			continue
		}
		for j, o := range r.Orgs {
			if o.ID == org {
				return r.Cells[i][j], true
			}
		}
	}
	return Cell{}, false
}

// Ties lists every tie that decided a cell, once each, by key, for a diagram
// to cite or draw. A programme tie ends at the programme, not the
// organisation; the cells say which organisation each tie counts for.
func (r *Result) Ties() []graph.Tie {
	seen := map[string]bool{}
	var out []graph.Tie
	for _, row := range r.Cells {
		for _, c := range row {
			for _, t := range c.Ties {
				if !seen[t.Key] {
					seen[t.Key] = true
					out = append(out, t)
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

// Compare places each state of region towards each of orgs on day at. Empty
// orgs means the default spheres (graph.SphereOrgs), an empty region
// graph.RegionCentralAsia, and AllRegions every state.
func Compare(ds *graph.Dataset, orgs []string, region string, at graph.Date) (*Result, error) {
	if at.IsZero() {
		return nil, fmt.Errorf("compare needs a date")
	}
	m, err := newMatrix(ds, orgs, region)
	if err != nil {
		return nil, err
	}
	r := &Result{At: at, Region: m.region, Orgs: m.orgs, States: m.states, Cells: m.cells(at)}
	r.overlaps()
	return r, nil
}

// CheckOrgs explains a comparison that would be empty because of the
// organisations asked about (nil: the default ones): an organisation that
// nothing is a member or partner of at any time would show an empty column
// on every day, which reads as an answer (no state is near it). It is a
// *graph.EmptyError, or nil. Compare and Diff do not call it: the timeline
// and the report compare on days where empty columns are the answer.
func CheckOrgs(ds *graph.Dataset, orgs []string) error {
	if len(orgs) == 0 {
		orgs = graph.SphereOrgs()
	}
	var none []graph.Asked
	for _, id := range orgs {
		if _, ok := ds.Actor(id); ok && len(graph.SphereTies(ds, id)) == 0 {
			none = append(none, graph.Asked{ID: id, Sphere: true})
		}
	}
	if len(none) == 0 {
		return nil
	}
	return graph.ExplainEmpty(ds, none, graph.Date{})
}

// ExplainEmpty explains a comparison in which no state stands anywhere on
// its day, when the day is before the organisations' first ties or after
// their last: a *graph.EmptyError, or nil (the comparison is not empty, or
// its emptiness is the answer).
func (r *Result) ExplainEmpty(ds *graph.Dataset) error {
	if !r.Empty() {
		return nil
	}
	var ties []graph.Tie
	names := make([]string, len(r.Orgs))
	for i, o := range r.Orgs {
		ties = append(ties, graph.SphereTies(ds, o.ID)...)
		names[i] = o.Label()
	}
	return graph.ExplainDay("no membership or partnership of "+strings.Join(names, ", "), ties, r.At)
}

// Empty reports a comparison in which no state has any relation to any of
// the organisations on the day.
func (r *Result) Empty() bool {
	for _, row := range r.Cells {
		for _, c := range row {
			if c.Relation != None {
				return false
			}
		}
	}
	return true
}

// matrix is the frame of a comparison, independent of the day: the rows, the
// columns, and the ties that can decide a cell, indexed by row and column.
type matrix struct {
	region     string
	orgs       []graph.Actor
	spheres    []graph.Sphere // one per org
	states     []graph.Actor
	candidates map[[2]int][]candidate
}

type candidate struct {
	tie      graph.Tie
	relation Relation
	level    int
	rung     graph.Rung
}

func newMatrix(ds *graph.Dataset, orgIDs []string, region string) (*matrix, error) {
	if len(orgIDs) == 0 {
		orgIDs = graph.SphereOrgs()
	}
	if region == "" {
		region = graph.RegionCentralAsia
	}
	m := &matrix{region: region, candidates: map[[2]int][]candidate{}}

	column := map[string]int{}
	for _, id := range orgIDs {
		if _, dup := column[id]; dup {
			continue
		}
		a, ok := ds.Actor(id)
		if !ok {
			return nil, fmt.Errorf("unknown organisation %q", id)
		}
		if a.Kind != graph.KindOrganisation {
			return nil, fmt.Errorf("%q is a %s, not an organisation", id, a.Kind)
		}
		column[id] = len(m.orgs)
		m.orgs = append(m.orgs, a)
		s, _ := graph.LookupSphere(id)
		m.spheres = append(m.spheres, s)
	}

	regions := map[string]bool{}
	for _, a := range ds.Actors {
		if a.Kind != graph.KindState {
			continue
		}
		regions[a.Region] = true
		if region == AllRegions || a.Region == region {
			m.states = append(m.states, a)
		}
	}
	if len(m.states) == 0 {
		var known []string
		for r := range regions {
			if r != "" {
				known = append(known, r)
			}
		}
		sort.Strings(known)
		return nil, fmt.Errorf("no states in region %q (regions in the data: %s; or %s)", region, strings.Join(known, ", "), AllRegions)
	}
	sort.SliceStable(m.states, func(i, j int) bool {
		a, b := m.states[i], m.states[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
	row := map[string]int{}
	for i, s := range m.states {
		row[s.ID] = i
	}

	for _, t := range ds.Ties {
		i, ok := row[t.From]
		if !ok {
			continue
		}
		switch t.Type {
		case graph.TieMemberOf:
			j, ok := column[t.To]
			rel, known := roleRelations[t.Attrs["role"]]
			if ok && known {
				m.add(i, j, candidate{tie: t, relation: rel})
			}
		case graph.TieParticipates, graph.TieIPAP:
			rel := Partnership
			if t.Type == graph.TieParticipates {
				switch t.Attrs["status"] {
				case graph.StatusActive:
				case graph.StatusInterested:
					rel = Interested
				default:
					continue
				}
			}
			for j, s := range m.spheres {
				if l := s.Level(t.To); l > 0 {
					m.add(i, j, candidate{tie: t, relation: rel, level: l, rung: s.Ladder[l-1]})
				}
			}
		}
	}
	return m, nil
}

func (m *matrix) add(i, j int, c candidate) {
	k := [2]int{i, j}
	m.candidates[k] = append(m.candidates[k], c)
}

// cells decides every cell on day at.
func (m *matrix) cells(at graph.Date) [][]Cell {
	out := make([][]Cell, len(m.states))
	for i, s := range m.states {
		out[i] = make([]Cell, len(m.orgs))
		for j, o := range m.orgs {
			out[i][j] = decide(s.ID, o.ID, m.spheres[j], m.candidates[[2]int{i, j}], at)
		}
	}
	return out
}

func decide(state, org string, sphere graph.Sphere, cands []candidate, at graph.Date) Cell {
	best := Cell{State: state, Org: org}
	ties := make([]graph.Tie, len(cands))
	for i, c := range cands {
		ties[i] = c.tie
	}
	for _, c := range cands {
		if !c.tie.ValidAt(at) {
			continue
		}
		cell := Cell{State: state, Org: org, Relation: c.relation, Level: c.level, Rung: c.rung}
		switch {
		case rank(cell) > rank(best):
			cell.Ties = []graph.Tie{c.tie}
			best = cell
		case rank(cell) == rank(best):
			best.Ties = append(best.Ties, c.tie)
		}
	}
	sort.Slice(best.Ties, func(i, j int) bool { return best.Ties[i].Key < best.Ties[j].Key })
	best.Standing = sphere.StandingAt(state, ties, at)
	best.ConfirmedStanding = sphere.ConfirmedStandingAt(state, ties, at)
	best.Unconfirmed = graph.AllUnconfirmedAt(best.Ties, at)
	best.Attested = graph.LastAttested(best.Ties)
	return best
}
