// Package graph is relmap's domain: the kinds of actor, the types of tie between
// them, the dates that place a tie in time, the sources that back it, and the
// Store through which commands read and write the graph without knowing which
// database sits behind it.
//
// Everything that reaches Cypher as a label or relationship type comes from the
// closed sets defined here; all other values travel as query parameters.
package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Kind is the kind of an actor.
type Kind string

// The actor kinds. Each has a Neo4j label (see Label); every actor also carries
// the label Actor.
const (
	KindState        Kind = "state"
	KindOrganisation Kind = "organisation"
	KindProgramme    Kind = "programme"
	KindRoute        Kind = "route"
	KindPlace        Kind = "place"
	KindInitiative   Kind = "initiative"
)

// ActorLabel is carried by every node relmap writes for an actor.
const ActorLabel = "Actor"

// KindInfo describes an actor kind.
type KindInfo struct {
	Kind        Kind
	Label       string // Neo4j label
	Description string
}

// Kinds lists every actor kind, in the order used for display.
var Kinds = []KindInfo{
	{KindState, "State", "a sovereign state"},
	{KindOrganisation, "Organisation", "an international organisation or alliance (NATO, CSTO, SCO, EU, OSCE, ...)"},
	{KindProgramme, "Programme", "a partnership programme or instrument (PfP, IPCP, PARP, IPAP, ...)"},
	{KindRoute, "Route", "a supply or transit route, or a spur of one (the Northern Distribution Network)"},
	{KindPlace, "Place", "a port, border crossing, city or base"},
	{KindInitiative, "Initiative", "an operation, exercise, battalion, pipeline, trust fund, economic programme or strategy"},
}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k.Kind) == s {
			return k.Kind, nil
		}
	}
	return "", fmt.Errorf("unknown actor kind %q (want one of %s)", s, strings.Join(KindNames(), ", "))
}

// KindNames lists the kinds' names.
func KindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k.Kind)
	}
	return out
}

// Label returns the Neo4j label of the kind, or "" for an unknown kind.
func (k Kind) Label() string {
	for _, ki := range Kinds {
		if ki.Kind == k {
			return ki.Label
		}
	}
	return ""
}

// Region values used for states. The set is open (any slug is accepted) but
// these are the ones the comparison and the views know by name.
const (
	RegionCentralAsia = "central-asia"
)

// Actor is a node of the graph: a state, organisation, programme, route, place
// or initiative.
type Actor struct {
	ID      string   // stable slug, e.g. "kazakhstan", "nato"
	Kind    Kind     //
	Name    string   // display name
	Short   string   // abbreviation, e.g. "NATO"; optional
	Aliases []string // other names the sources use
	Region  string   // e.g. "central-asia"; optional
	Note    string
	Sources []Citation // optional for actors; required for ties
	// At is where the actor is drawn on a map; nil when the seeds give no
	// coordinates (organisations, programmes, routes).
	At      *Point
	Dataset string // the dataset that owns the actor
	Line    int    // where the actor is defined in its file, for messages
	File    string
}

// Label is the display label: the short name when there is one.
func (a Actor) Label() string {
	if a.Short != "" {
		return a.Short
	}
	return a.Name
}

// Tie is a dated, cited relationship between two actors.
type Tie struct {
	Key     string // unique within the dataset; derived by TieKey unless set
	Type    TieType
	From    string // actor ID
	To      string // actor ID
	Attrs   map[string]string
	Since   Date // zero: open start
	Until   Date // zero: open end (still in force)
	Sources []Citation
	// Attested is the date up to which the sources speak for the tie (see
	// the attestation rule in attest.go); zero when none dates it.
	Attested Date
	Note     string
	Dataset  string
	File     string
	Line     int
}

// Citation points at the evidence for a fact.
type Citation struct {
	Doc      string // Document.ID
	Section  string // e.g. "Interview, Q3" or "Membership record"
	Evidence string // a few words, not a copied sentence
	// Checked is when a general-reference record was read for this fact;
	// the citation speaks for the fact up to then. Zero for a citation of a
	// dated document, which speaks up to its publication.
	Checked Date
}

// Document is a cited source document.
type Document struct {
	ID        string
	Title     string
	Publisher string
	Published Date
	URL       string
	Kind      string // "document" (a publication) or "reference" (general reference)
	Note      string
	Dataset   string
	File      string
	Line      int
}

// Dataset is everything one set of seed files defines. A dataset owns what it
// writes: a load makes the graph's copy of the dataset equal to the files and
// never touches nodes or relationships it does not own.
type Dataset struct {
	Name      string
	Documents []Document
	Actors    []Actor
	Ties      []Tie
}

// Actor returns the actor with the given ID.
func (d *Dataset) Actor(id string) (Actor, bool) {
	for _, a := range d.Actors {
		if a.ID == id {
			return a, true
		}
	}
	return Actor{}, false
}

// Sort puts documents, actors and ties in canonical order (by ID or key), so
// that everything derived from a dataset is deterministic. Items with the
// same ID keep their order.
func (d *Dataset) Sort() {
	sortStableBy(d.Documents, func(x *Document) string { return x.ID })
	sortStableBy(d.Actors, func(x *Actor) string { return x.ID })
	sortStableBy(d.Ties, func(x *Tie) string { return x.Key })
}

// sortStableBy sorts s stably by key. It sorts small (key, index) pairs and
// then moves each item once, because the items are large and a stable sort
// of a million ties moving whole structs took seconds.
func sortStableBy[T any](s []T, key func(*T) string) {
	sorted := true
	for i := 1; i < len(s) && sorted; i++ {
		sorted = key(&s[i-1]) <= key(&s[i])
	}
	if sorted {
		return
	}
	type entry struct {
		key string
		at  int
	}
	order := make([]entry, len(s))
	for i := range s {
		order[i] = entry{key(&s[i]), i}
	}
	slices.SortFunc(order, func(a, b entry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.at, b.at)
	})
	// Position p takes the item at order[p].at; follow each cycle of that
	// permutation once, marking filled positions with -1.
	for p := range s {
		if order[p].at < 0 || order[p].at == p {
			continue
		}
		tmp := s[p]
		j := p
		for {
			k := order[j].at
			order[j].at = -1
			if k == p {
				s[j] = tmp
				break
			}
			s[j] = s[k]
			j = k
		}
	}
}
