package graph

// The spheres relmap compares. Which organisations form the default comparison
// and how deep each NATO partnership programme reaches are domain knowledge,
// not facts a source attests with a date, so they live here rather than in the
// seed files: the data says who held which programme when, this file says which
// programme counts as the deeper one.

// The organisations of the default comparison.
const (
	OrgNATO = "nato"
	OrgCSTO = "csto"
	OrgSCO  = "sco"
)

// Rung is one step of an organisation's partnership ladder.
type Rung struct {
	Programme string // actor ID of the programme
	Name      string // display name, e.g. "IPAP"
}

// NATOLadder is NATO's partnership ladder, shallowest first. PfP is the entry
// ticket; an IPCP picks individual activities from the PfP menu; PARP adds
// planning and review of forces towards interoperability; an IPAP commits the
// partner to a reform plan reviewed with NATO, the deepest form short of a
// membership action plan. A state holding several is at the deepest one.
var NATOLadder = []Rung{
	{Programme: "pfp", Name: "PfP"},
	{Programme: "ipcp", Name: "IPCP"},
	{Programme: "parp", Name: "PARP"},
	{Programme: "ipap", Name: "IPAP"},
}

// Sphere is an organisation whose sphere of states the comparison measures.
type Sphere struct {
	Org  string // actor ID
	Name string // display name, used when the dataset has no actor for Org
	// Ladder lists the organisation's partnership programmes, shallowest
	// first; nil when it has none (a state is then in or out by membership).
	Ladder []Rung
}

// Spheres are the organisations compared by default, in display order.
var Spheres = []Sphere{
	{Org: OrgNATO, Name: "NATO", Ladder: NATOLadder},
	{Org: OrgCSTO, Name: "CSTO"},
	{Org: OrgSCO, Name: "SCO"},
}

// SphereOrgs lists the IDs of the default spheres, in display order.
func SphereOrgs() []string {
	out := make([]string, len(Spheres))
	for i, s := range Spheres {
		out[i] = s.Org
	}
	return out
}

// LookupSphere returns the sphere definition of org. Any organisation can be
// compared; one without a definition simply has no ladder.
func LookupSphere(org string) (Sphere, bool) {
	for _, s := range Spheres {
		if s.Org == org {
			return s, true
		}
	}
	return Sphere{Org: org}, false
}

// Level returns the 1-based position of programme on the sphere's ladder
// (higher is deeper), or 0 when the programme is not on it.
func (s Sphere) Level(programme string) int {
	for i, r := range s.Ladder {
		if r.Programme == programme {
			return i + 1
		}
	}
	return 0
}

// The sphere rule. Which states are in a sphere is the question every output
// of relmap answers in its own form (the comparison's matrix and overlaps,
// the markers of a drawing, the report's summaries, the multi-sphere
// question in Cypher); they all take the answer from here.
//
//   - Inside: a member (member_of, role member), or a state holding a
//     partnership programme on the organisation's ladder: an active
//     participates_in tie or an ipap tie. The ladder is what counts as
//     partnership; programmes nested below its rungs (science, civil
//     emergency planning) or beside them are drawn as part of the sphere but
//     place nobody inside it on their own.
//   - Associated: observer, dialogue partner, or the SCO's "partner" status
//     that merged those two in 2025. An associated state attends and talks
//     but takes on none of the obligations, so counting it inside would make
//     the SCO's sphere reach Turkey and Saudi Arabia. Outputs show associated
//     states, apart from the inside ones, and never count them in overlaps
//     or similarity.
//   - Outside: everything else, including interest declared in a programme,
//     a programme declined, and a suspended membership. A suspension
//     overrides every other tie of the state to that organisation in force
//     on the same day: the data records it beside the membership it
//     interrupts, often without closing that membership, and it is the later,
//     more specific statement.

// SphereRule states the rule in a sentence, for the outputs that print it
// under their numbers (which mean nothing without it).
const SphereRule = "In a sphere: member, or a partnership level of the organisation's ladder (NATO: PfP, IPCP, PARP, IPAP). " +
	"Associated, shown but never counted: observer, dialogue partner, partner. " +
	"Out: interested, declined, and suspended, which overrides every other tie to the organisation."

// Standing is where a state stands towards a sphere, or what one tie says of
// it, shallowest first.
type Standing int

// The standings.
const (
	Outside Standing = iota
	Associated
	Inside
)

var standingNames = []string{"outside", "associated", "inside"}

func (s Standing) String() string {
	if s < 0 || int(s) >= len(standingNames) {
		return "standing?"
	}
	return standingNames[s]
}

// MarshalText writes the name, so JSON carries words rather than numbers.
func (s Standing) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// RoleStanding is the standing a membership role gives.
func RoleStanding(role string) Standing {
	switch role {
	case RoleMember:
		return Inside
	case RoleObserver, RoleDialoguePartner, RolePartner:
		return Associated
	}
	return Outside
}

// TieStanding is what one tie says, on its own, of its source's standing
// towards its target; ok is false for ties that are not sphere ties
// (TieTypeInfo.Sphere). A participation counts when active, whatever the
// programme; whether the programme belongs to a sphere is Sphere.Level's
// question.
func TieStanding(t Tie) (s Standing, ok bool) {
	switch t.Type {
	case TieMemberOf:
		return RoleStanding(t.Attrs["role"]), true
	case TieParticipates:
		if t.Attrs["status"] == StatusActive {
			return Inside, true
		}
		return Outside, true
	case TieIPAP:
		return Inside, true
	}
	return Outside, false
}

// Suspends reports a tie that suspends a membership, which overrides every
// other tie to the organisation in force on the same day.
func Suspends(t Tie) bool {
	return t.Type == TieMemberOf && t.Attrs["role"] == RoleSuspended
}

// Bears reports whether t is a tie that places its source towards the
// sphere: a membership tie to the organisation, or a programme tie to a rung
// of its ladder (level is the rung's, 0 for a membership).
func (s Sphere) Bears(t Tie) (level int, ok bool) {
	switch t.Type {
	case TieMemberOf:
		return 0, t.To == s.Org
	case TieParticipates, TieIPAP:
		l := s.Level(t.To)
		return l, l > 0
	}
	return 0, false
}

// StandingAt is state's standing towards the sphere on day at, from ties
// (any ties: those of other actors, not in force at at or not bearing on the
// sphere are passed over).
func (s Sphere) StandingAt(state string, ties []Tie, at Date) Standing {
	var now []Tie
	for _, t := range ties {
		if t.ValidAt(at) {
			now = append(now, t)
		}
	}
	return s.Standing(state, now)
}

// Standing is state's standing towards the sphere from ties taken as all in
// force together (a drawing without a date draws them so): a suspension
// overrides, otherwise the highest standing any tie gives.
func (s Sphere) Standing(state string, ties []Tie) Standing {
	best := Outside
	for _, t := range ties {
		if t.From != state {
			continue
		}
		if _, ok := s.Bears(t); !ok {
			continue
		}
		if Suspends(t) {
			return Outside
		}
		if st, _ := TieStanding(t); st > best {
			best = st
		}
	}
	return best
}

// ProgrammeDepth is how far below an organisation its sphere's programmes
// reach: a programme the organisation leads, or that is part of it, is one
// level down; a programme part of that one, two; and so on. NATO's PfP is
// one level down, the IPCP two, the science and emergency-planning
// programmes within an IPCP three.
const ProgrammeDepth = 3

// SphereProgrammes are the programmes of org's sphere as the data records
// its structure: leads and part_of ties of any period, ProgrammeDepth levels
// down. (The rungs of a ladder are programmes of the structure too; the
// ladder says how deep each goes, not whether it belongs.)
func SphereProgrammes(ds *Dataset, org string) map[string]bool {
	kind := make(map[string]Kind, len(ds.Actors))
	for _, a := range ds.Actors {
		kind[a.ID] = a.Kind
	}
	progs := map[string]bool{}
	level := map[string]bool{}
	for _, t := range ds.Ties {
		if kind[t.To] == KindProgramme && t.Type == TieLeads && t.From == org ||
			kind[t.From] == KindProgramme && t.Type == TiePartOf && t.To == org {
			prog := t.To
			if t.Type == TiePartOf {
				prog = t.From
			}
			level[prog] = true
		}
	}
	for depth := 1; len(level) > 0; depth++ {
		for p := range level {
			progs[p] = true
		}
		if depth == ProgrammeDepth {
			break
		}
		next := map[string]bool{}
		for _, t := range ds.Ties {
			if t.Type == TiePartOf && level[t.To] && kind[t.From] == KindProgramme && !progs[t.From] {
				next[t.From] = true
			}
		}
		level = next
	}
	return progs
}
