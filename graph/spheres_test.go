package graph

import (
	"slices"
	"sort"
	"testing"
)

func sphereTie(typ TieType, from, to, attr, val, since, until string) Tie {
	t := Tie{Type: typ, From: from, To: to, Since: MustDate(since), Until: MustDate(until)}
	if attr != "" {
		t.Attrs = map[string]string{attr: val}
	}
	return t
}

func TestTieStanding(t *testing.T) {
	tests := []struct {
		tie  Tie
		want Standing
		ok   bool
	}{
		{sphereTie(TieMemberOf, "s", "sco", "role", RoleMember, "", ""), Inside, true},
		{sphereTie(TieMemberOf, "s", "sco", "role", RoleObserver, "", ""), Associated, true},
		{sphereTie(TieMemberOf, "s", "sco", "role", RoleDialoguePartner, "", ""), Associated, true},
		{sphereTie(TieMemberOf, "s", "sco", "role", RolePartner, "", ""), Associated, true},
		{sphereTie(TieMemberOf, "s", "csto", "role", RoleSuspended, "", ""), Outside, true},
		{sphereTie(TieMemberOf, "s", "csto", "", "", "", ""), Outside, true},
		{sphereTie(TieParticipates, "s", "pfp", "status", StatusActive, "", ""), Inside, true},
		{sphereTie(TieParticipates, "s", "pfp", "status", StatusInterested, "", ""), Outside, true},
		{sphereTie(TieParticipates, "s", "pfp", "status", StatusDeclined, "", ""), Outside, true},
		{sphereTie(TieIPAP, "s", "ipap", "cycle", "2008-2010", "", ""), Inside, true},
		{sphereTie(TieCooperates, "s", "nato", "", "", "", ""), Outside, false},
	}
	for _, tt := range tests {
		if got, ok := TieStanding(tt.tie); got != tt.want || ok != tt.ok {
			t.Errorf("TieStanding(%s %v) = %s, %v; want %s, %v", tt.tie.Type, tt.tie.Attrs, got, ok, tt.want, tt.ok)
		}
	}
}

func TestStandingAt(t *testing.T) {
	nato, _ := LookupSphere(OrgNATO)
	csto, _ := LookupSphere(OrgCSTO)
	sco, _ := LookupSphere(OrgSCO)
	ties := []Tie{
		sphereTie(TieMemberOf, "uz", "csto", "role", RoleMember, "2006-08-16", ""),
		sphereTie(TieMemberOf, "uz", "csto", "role", RoleSuspended, "2012-12-19", ""),
		sphereTie(TieParticipates, "uz", "pfp", "status", StatusActive, "1994-07-13", ""),
		sphereTie(TieParticipates, "uz", "sps", "status", StatusActive, "2000", ""), // not a rung
		sphereTie(TieParticipates, "tm", "sps", "status", StatusActive, "2000", ""),
		sphereTie(TieParticipates, "tm", "parp", "status", StatusInterested, "2000", ""),
		sphereTie(TieMemberOf, "mn", "sco", "role", RoleObserver, "2004", "2025-09-01"),
		sphereTie(TieMemberOf, "mn", "sco", "role", RolePartner, "2025-09-01", ""),
		sphereTie(TieMemberOf, "mn", "nato", "role", RoleMember, "2099", ""),
	}
	tests := []struct {
		sphere Sphere
		state  string
		at     string
		want   Standing
	}{
		{csto, "uz", "2010", Inside},
		{csto, "uz", "2012-12-18", Inside},
		{csto, "uz", "2012-12-19", Outside}, // the suspension overrides the open membership
		{csto, "uz", "2000", Outside},
		{nato, "uz", "1994-07-12", Outside},
		{nato, "uz", "1994-07-13", Inside},
		{nato, "tm", "2010", Outside}, // SPS is below the ladder, PARP only of interest
		{sco, "mn", "2003", Outside},
		{sco, "mn", "2010", Associated},
		{sco, "mn", "2026", Associated}, // SCO partner, as the observers and dialogue partners it merged
		{nato, "mn", "2026", Outside},   // a tie of another sphere's org
	}
	for _, tt := range tests {
		if got := tt.sphere.StandingAt(tt.state, ties, MustDate(tt.at)); got != tt.want {
			t.Errorf("%s towards %s on %s: %s, want %s", tt.state, tt.sphere.Org, tt.at, got, tt.want)
		}
	}
}

func TestSphereProgrammes(t *testing.T) {
	ds := &Dataset{}
	for _, p := range []string{"pfp", "ipcp", "parp", "ipap", "sps", "deep", "pap-t", "other"} {
		ds.Actors = append(ds.Actors, Actor{ID: p, Kind: KindProgramme})
	}
	ds.Actors = append(ds.Actors, Actor{ID: "nato", Kind: KindOrganisation}, Actor{ID: "isaf", Kind: KindInitiative})
	for _, e := range [][3]string{
		{"leads", "nato", "pfp"}, {"part_of", "pfp", "nato"}, {"part_of", "ipcp", "pfp"}, {"part_of", "parp", "pfp"},
		{"part_of", "ipap", "pfp"}, {"part_of", "sps", "ipcp"}, {"part_of", "deep", "sps"}, {"leads", "nato", "pap-t"},
		{"leads", "nato", "isaf"}, {"part_of", "other", "isaf"},
	} {
		ds.Ties = append(ds.Ties, Tie{Type: TieType(e[0]), From: e[1], To: e[2]})
	}
	var got []string
	for p := range SphereProgrammes(ds, OrgNATO) {
		got = append(got, p)
	}
	sort.Strings(got)
	// deep is four levels down; isaf is no programme, so what is part of it
	// is not reached through it.
	if want := []string{"ipap", "ipcp", "pap-t", "parp", "pfp", "sps"}; !slices.Equal(got, want) {
		t.Errorf("SphereProgrammes = %v, want %v", got, want)
	}
}
