package graph

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// TieType names a type of tie as written in seed files ("member_of").
type TieType string

// The tie types. TieTypes below is the one place that says what each means,
// which relationship type it becomes in Neo4j, which kinds it joins and which
// attributes it takes.
const (
	TieMemberOf      TieType = "member_of"
	TieParticipates  TieType = "participates_in"
	TieIPAP          TieType = "ipap"
	TieTransit       TieType = "transit"
	TiePartOf        TieType = "part_of"
	TieHosts         TieType = "hosts"
	TieDeploys       TieType = "deploys_alongside"
	TieContributes   TieType = "contributes_to"
	TieSupports      TieType = "supports"
	TieOpposes       TieType = "opposes"
	TiePresence      TieType = "present_in"
	TieConsults      TieType = "consults"
	TieAgreement     TieType = "agreement_with"
	TieRivalry       TieType = "rivals"
	TieNoTies        TieType = "no_institutional_ties"
	TieCooperates    TieType = "cooperates_with"
	TieLeads         TieType = "leads"
	TieFunds         TieType = "funds"
	TieBorders       TieType = "borders"
	TieLocatedIn     TieType = "located_in"
	TieDependsOn     TieType = "depends_on"
	TieCriticises    TieType = "criticises"
	TieTrains        TieType = "trains"
	TieSpecialStatus TieType = "special_status"
)

// Attr describes an attribute a tie type takes.
type Attr struct {
	Name     string
	Required bool
	Values   []string // closed set of values; empty means free text
	Int      bool     // the value is a positive integer
	Key      bool     // part of the tie's identity (see TieKey)
	Help     string
}

// TieTypeInfo is the definition of a tie type.
type TieTypeInfo struct {
	Type        TieType
	RelType     string // Neo4j relationship type
	Description string
	From, To    []Kind // allowed kinds at each end; nil means any
	Attrs       []Attr
	Symmetric   bool // direction carries no meaning (rivalry, absence of ties)
	// Sphere is true for the types that place a state inside an organisation's
	// sphere (membership and partnership programmes).
	Sphere bool
}

var anyActor []Kind

// Membership roles.
const (
	RoleMember          = "member"
	RoleObserver        = "observer"
	RoleDialoguePartner = "dialogue_partner"
	RoleSuspended       = "suspended"
	RolePartner         = "partner"
)

// Programme participation statuses.
const (
	StatusActive     = "active"
	StatusInterested = "interested"
	StatusDeclined   = "declined"
)

// Transit modes.
var TransitModes = []string{"rail", "road", "ferry", "air", "sea", "river", "multimodal"}

// TieTypes defines every tie type. Order is the display order.
var TieTypes = []TieTypeInfo{
	{Type: TieMemberOf, RelType: "MEMBER_OF", Sphere: true,
		Description: "membership of an organisation, with its role (member, observer, dialogue partner, partner, suspended)",
		From:        []Kind{KindState, KindOrganisation}, To: []Kind{KindOrganisation},
		Attrs: []Attr{{Name: "role", Required: true, Key: true,
			Values: []string{RoleMember, RoleObserver, RoleDialoguePartner, RolePartner, RoleSuspended}}}},
	{Type: TieParticipates, RelType: "PARTICIPATES_IN", Sphere: true,
		Description: "participation in a partnership programme (PfP, IPCP, PARP, ...) or an initiative, with its status",
		From:        []Kind{KindState, KindOrganisation}, To: []Kind{KindProgramme, KindInitiative},
		Attrs: []Attr{{Name: "status", Required: true, Key: true,
			Values: []string{StatusActive, StatusInterested, StatusDeclined}}}},
	{Type: TieIPAP, RelType: "HAS_IPAP", Sphere: true,
		Description: "an Individual Partnership Action Plan agreed with NATO, with its cycle where known",
		From:        []Kind{KindState}, To: []Kind{KindProgramme},
		Attrs: []Attr{{Name: "cycle", Key: true, Help: "e.g. 2008-2010"}}},
	{Type: TieTransit, RelType: "TRANSIT_LEG",
		Description: "one leg of a supply route, in order: from one place or state to the next",
		From:        []Kind{KindState, KindPlace}, To: []Kind{KindState, KindPlace},
		Attrs: []Attr{
			{Name: "route", Required: true, Key: true, Help: "the route actor's id"},
			{Name: "order", Required: true, Key: true, Int: true, Help: "1 for the first leg"},
			{Name: "mode", Required: true, Values: TransitModes},
		}},
	{Type: TiePartOf, RelType: "PART_OF",
		Description: "a component of something larger: a route's spur, a programme within a programme, a body within an organisation",
		From:        anyActor, To: anyActor},
	{Type: TieHosts, RelType: "HOSTS",
		Description: "a state or place hosts a base, facility, office or event",
		From:        []Kind{KindState, KindPlace}, To: anyActor,
		Attrs: []Attr{{Name: "what", Help: "what is hosted, e.g. air base"}}},
	{Type: TieDeploys, RelType: "DEPLOYS_ALONGSIDE",
		Description: "forces deployed alongside another actor's forces",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "where", Help: "theatre or operation"}}},
	{Type: TieContributes, RelType: "CONTRIBUTES_TO",
		Description: "a contribution (troops, money, equipment, transit) to an operation or initiative",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "form", Help: "what is contributed"}}},
	{Type: TieSupports, RelType: "SUPPORTS",
		Description: "support for a project, policy or actor",
		From:        anyActor, To: anyActor},
	{Type: TieOpposes, RelType: "OPPOSES",
		Description: "opposition to a project, policy or actor",
		From:        anyActor, To: anyActor},
	{Type: TiePresence, RelType: "PRESENT_IN",
		Description: "presence on the ground: a delegation, liaison officer, office or embassy",
		From:        anyActor, To: []Kind{KindState, KindPlace},
		Attrs: []Attr{{Name: "form", Key: true, Help: "e.g. delegation, liaison officer"}}},
	{Type: TieConsults, RelType: "CONSULTS",
		Description: "a consultation format or dialogue body between two actors",
		From:        anyActor, To: anyActor, Symmetric: true,
		Attrs: []Attr{{Name: "format", Key: true, Help: "e.g. NATO+1 talks"}}},
	{Type: TieAgreement, RelType: "AGREEMENT_WITH",
		Description: "a bilateral agreement (transit, status of forces, cooperation)",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "subject", Key: true, Help: "what the agreement covers"}}},
	{Type: TieRivalry, RelType: "RIVALS",
		Description: "rivalry or tension between two actors",
		From:        anyActor, To: anyActor, Symmetric: true},
	{Type: TieNoTies, RelType: "NO_INSTITUTIONAL_TIES",
		Description: "the source states explicitly that there are no institutional ties (a recorded absence, not a missing edge)",
		From:        anyActor, To: anyActor, Symmetric: true},
	{Type: TieCooperates, RelType: "COOPERATES_WITH",
		Description: "practical cooperation not covered by a more specific type",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "field", Key: true, Help: "e.g. border management"}}},
	{Type: TieLeads, RelType: "LEADS",
		Description: "an actor leads, drives or dominates an organisation or initiative",
		From:        anyActor, To: anyActor},
	{Type: TieFunds, RelType: "FUNDS",
		Description: "funding of a project, trust fund or programme",
		From:        anyActor, To: anyActor},
	{Type: TieBorders, RelType: "BORDERS",
		Description: "two states share a border",
		From:        []Kind{KindState}, To: []Kind{KindState}, Symmetric: true},
	{Type: TieLocatedIn, RelType: "LOCATED_IN",
		Description: "a place or facility lies in a state",
		From:        []Kind{KindPlace, KindInitiative}, To: []Kind{KindState, KindPlace}},
	{Type: TieDependsOn, RelType: "DEPENDS_ON",
		Description: "one actor depends on another (for supplies, transit, security)",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "for", Help: "what for"}}},
	{Type: TieCriticises, RelType: "CRITICISES",
		Description: "public criticism of an actor's record or policy",
		From:        anyActor, To: anyActor},
	{Type: TieTrains, RelType: "TRAINS",
		Description: "training, education or exercises given to another actor's forces or officials",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "field", Key: true}}},
	{Type: TieSpecialStatus, RelType: "SPECIAL_STATUS",
		Description: "a status granted by one actor to another (e.g. major non-NATO ally)",
		From:        anyActor, To: anyActor,
		Attrs: []Attr{{Name: "status", Required: true, Key: true}}},
}

// LookupTieType returns the definition of the tie type named s.
func LookupTieType(s TieType) (TieTypeInfo, bool) {
	for _, t := range TieTypes {
		if t.Type == s {
			return t, true
		}
	}
	return TieTypeInfo{}, false
}

// TieTypeByRel returns the definition whose Neo4j relationship type is rel.
func TieTypeByRel(rel string) (TieTypeInfo, bool) {
	for _, t := range TieTypes {
		if t.RelType == rel {
			return t, true
		}
	}
	return TieTypeInfo{}, false
}

// TieTypeNames lists the tie types' names.
func TieTypeNames() []string {
	out := make([]string, len(TieTypes))
	for i, t := range TieTypes {
		out[i] = string(t.Type)
	}
	return out
}

// Attr returns the attribute definition named name.
func (t TieTypeInfo) Attr(name string) (Attr, bool) {
	for _, a := range t.Attrs {
		if a.Name == name {
			return a, true
		}
	}
	return Attr{}, false
}

func kindAllowed(allowed []Kind, k Kind) bool {
	if allowed == nil {
		return true
	}
	for _, a := range allowed {
		if a == k {
			return true
		}
	}
	return false
}

// CheckEnds reports whether a tie of this type may join kinds from and to.
func (t TieTypeInfo) CheckEnds(from, to Kind) error {
	if !kindAllowed(t.From, from) {
		return fmt.Errorf("a %s tie cannot start at a %s (allowed: %s)", t.Type, from, kindList(t.From))
	}
	if !kindAllowed(t.To, to) {
		return fmt.Errorf("a %s tie cannot end at a %s (allowed: %s)", t.Type, to, kindList(t.To))
	}
	return nil
}

func kindList(ks []Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// CheckAttrs validates a tie's attributes against the type's definition.
func (t TieTypeInfo) CheckAttrs(attrs map[string]string) []error {
	var errs []error
	names := make([]string, 0, len(attrs))
	for n := range attrs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a, ok := t.Attr(n)
		if !ok {
			errs = append(errs, fmt.Errorf("a %s tie has no attribute %q (it takes: %s)", t.Type, n, t.attrNames()))
			continue
		}
		v := attrs[n]
		if len(a.Values) > 0 && !contains(a.Values, v) {
			errs = append(errs, fmt.Errorf("%s %q is not one of %s", n, v, strings.Join(a.Values, ", ")))
		}
		if a.Int {
			if i, err := strconv.Atoi(v); err != nil || i < 1 {
				errs = append(errs, fmt.Errorf("%s %q is not a positive whole number", n, v))
			}
		}
	}
	for _, a := range t.Attrs {
		if a.Required && attrs[a.Name] == "" {
			errs = append(errs, fmt.Errorf("a %s tie needs %q", t.Type, a.Name))
		}
	}
	return errs
}

func (t TieTypeInfo) attrNames() string {
	if len(t.Attrs) == 0 {
		return "none"
	}
	s := make([]string, len(t.Attrs))
	for i, a := range t.Attrs {
		s[i] = a.Name
	}
	return strings.Join(s, ", ")
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TieKey derives a tie's identity from its type, ends and key attributes, plus
// an optional discriminator (for example a second period of the same
// membership). Dates are deliberately not part of it, so that correcting a date
// updates the tie instead of replacing it.
func TieKey(t Tie, discriminator string) string {
	info, _ := LookupTieType(t.Type)
	from, to := t.From, t.To
	if info.Symmetric && to < from {
		from, to = to, from
	}
	n := len(t.Type) + len(from) + len(to) + 2
	for _, a := range info.Attrs {
		if a.Key && t.Attrs[a.Name] != "" {
			n += len(a.Name) + len(t.Attrs[a.Name]) + 2
		}
	}
	if discriminator != "" {
		n += len(discriminator) + 2
	}
	var b strings.Builder
	b.Grow(n)
	b.WriteString(string(t.Type))
	b.WriteByte('|')
	b.WriteString(from)
	b.WriteByte('|')
	b.WriteString(to)
	for _, a := range info.Attrs {
		if v := t.Attrs[a.Name]; a.Key && v != "" {
			b.WriteByte('|')
			b.WriteString(a.Name)
			b.WriteByte('=')
			b.WriteString(v)
		}
	}
	if discriminator != "" {
		b.WriteString("|#")
		b.WriteString(discriminator)
	}
	return b.String()
}

// KeyDiscriminator returns the discriminator part of a key made by TieKey:
// the `key` a seed file gives to tell periods of the same tie apart.
func KeyDiscriminator(key string) string {
	if i := strings.LastIndex(key, "|#"); i >= 0 {
		return key[i+2:]
	}
	return ""
}
