package graph

import (
	"fmt"
	"testing"
)

func evTie(typ TieType, from, to, role, since, until, attested string) Tie {
	t := Tie{Type: typ, From: from, To: to, Since: MustDate(since), Until: MustDate(until), Attested: MustDate(attested)}
	if role != "" {
		k := "role"
		if typ != TieMemberOf {
			k = "status"
		}
		t.Attrs = map[string]string{k: role}
	}
	return t
}

func TestConfirmedStandingAt(t *testing.T) {
	nato, _ := LookupSphere(OrgNATO)
	csto, _ := LookupSphere(OrgCSTO)
	pfp := evTie(TieParticipates, "a", "pfp", StatusActive, "1994", "", "2026-11")
	ipap := evTie(TieIPAP, "a", "ipap", "", "2006", "", "2012-02")
	member := evTie(TieMemberOf, "b", "csto", RoleMember, "1994", "", "2026-11")
	suspended := evTie(TieMemberOf, "b", "csto", RoleSuspended, "2012-06-28", "", "2012")
	ties := []Tie{pfp, ipap, member, suspended}
	for _, c := range []struct {
		name      string
		s         Sphere
		state, at string
		want      Standing
		confirmed bool
		wantConf  Standing
	}{
		{"both attested", nato, "a", "2012-02-29", Inside, true, Inside},
		// The IPAP is no longer attested but PfP is: still inside, confirmed.
		{"deeper rung unattested", nato, "a", "2012-03-01", Inside, true, Inside},
		{"suspension attested", csto, "b", "2012-12-31", Outside, true, Outside},
		// The suspension no longer attested: outside by the rule, but what
		// the sources speak for is the membership alone.
		{"suspension unattested", csto, "b", "2013-01-01", Outside, false, Inside},
		{"no ties", csto, "a", "2020", Outside, true, Outside},
	} {
		t.Run(c.name, func(t *testing.T) {
			at := MustDate(c.at)
			st, conf := c.s.StandingAt(c.state, ties, at), c.s.ConfirmedStandingAt(c.state, ties, at)
			if st != c.want || conf != c.wantConf || (st == conf) != c.confirmed {
				t.Errorf("StandingAt = %s, ConfirmedStandingAt = %s; want %s, %s (the same: %v)", st, conf, c.want, c.wantConf, c.confirmed)
			}
		})
	}
	// Only the ipap tie gone unconfirmed: the standing from it alone is not.
	if got := nato.ConfirmedStandingAt("a", []Tie{ipap}, MustDate("2013")); got != Outside {
		t.Errorf("a standing resting on an unattested IPAP alone: confirmed standing %s, want outside", got)
	}
}

func TestAllUnconfirmedAndLastAttested(t *testing.T) {
	a := evTie(TieIPAP, "a", "ipap", "", "2006", "", "2012-02")
	b := evTie(TieIPAP, "a", "ipap", "", "2006", "", "2014")
	at := MustDate("2013-06-01")
	if !AllUnconfirmedAt([]Tie{a}, at) || AllUnconfirmedAt([]Tie{a, b}, at) || AllUnconfirmedAt(nil, at) {
		t.Error("AllUnconfirmedAt: want true for a alone, false with b beside it and for none")
	}
	if got := LastAttested([]Tie{a, b}); got != b.Attested {
		t.Errorf("LastAttested = %s, want %s", got, b.Attested)
	}
}

func TestConfirmedOnly(t *testing.T) {
	open := evTie(TieIPAP, "a", "ipap", "", "2006", "", "2012-02")
	ended := evTie(TieParticipates, "a", "ipcp", StatusActive, "2008", "2012-06", "2012-06")
	undated := evTie(TieParticipates, "a", "pfp", StatusActive, "1994", "", "")
	early := evTie(TieMemberOf, "a", "sco", RoleMember, "2013", "", "2012")
	ds := &Dataset{Ties: []Tie{open, ended, undated, early}}

	// On one day: only what is unconfirmed on it goes (the undated PfP);
	// a tie not yet in force stays, as every other command reads it.
	got := ConfirmedOnly(ds, MustDate("2012-02-29"))
	var kept []string
	for _, t := range got.Ties {
		kept = append(kept, t.To)
	}
	if want := "[ipap ipcp sco]"; fmt.Sprint(kept) != want {
		t.Errorf("ConfirmedOnly at 2012-02-29 kept %v, want %s", kept, want)
	}
	if len(ds.Ties) != 4 {
		t.Error("ConfirmedOnly changed its input")
	}

	// On every day: the open tie ends the day after its attestation; its
	// end is not a stated one, the ipcp's is.
	every := ConfirmedOnly(ds, Date{})
	if len(every.Ties) != 2 {
		t.Fatalf("ConfirmedOnly on every day kept %d ties, want 2 (the undated and the early go): %+v", len(every.Ties), every.Ties)
	}
	cut := every.Ties[0]
	if cut.Until != MustDate("2012-03-01") || cut.EndStated() {
		t.Errorf("open tie read to %s (stated %v), want until 2012-03-01, not stated", cut.Until, cut.EndStated())
	}
	if !every.Ties[1].EndStated() {
		t.Error("the ipcp's own until is not a stated end")
	}
	// The every-day form agrees with the one-day form on each day around
	// the attestation.
	for _, d := range []string{"2005", "2006-01-01", "2012-02-29", "2012-03-01", "2012-05-31", "2012-06-01", "2013", "2014-01-01"} {
		at := MustDate(d)
		for i, orig := range ds.Ties {
			want := orig.ValidAt(at) && !orig.UnconfirmedAt(at)
			var have bool
			for _, e := range every.Ties {
				if e.To == orig.To && e.ValidAt(at) {
					have = true
				}
			}
			if have != want {
				t.Errorf("tie %d on %s: in force after ConfirmedOnly = %v, want %v", i, d, have, want)
			}
		}
	}
}
