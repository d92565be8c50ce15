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
