package compare

import (
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// testData is a small made-up region, built so that each rule has a case:
//
//   - Alphastan climbs NATO's ladder PfP (1994-05) → PARP (2002) → IPAP
//     (2006-01-31, day precision) and is in CSTO and SCO.
//   - Betastan suspends CSTO membership on 2012-06-28 without the membership
//     tie being closed; it joined the SCO in 2001 (year precision).
//   - Gammastan holds PfP and an IPCP that ends in 2012-06 (month precision),
//     and becomes an SCO dialogue partner in 2012-06.
//   - Deltastan is an SCO observer from 2010, declares interest in PfP in
//     2015 and joins the CSTO on 2017-06-09.
//   - Zetastan has no ties; Epsilonia lies in another region.
//
// Every document speaks up to 2020 except ipap-doc, published 2012-02: from
// March 2012 Alphastan's IPAP is in force only because its end is open.
func testData() *graph.Dataset { return testDataPublished(nil) }

// testDataPublished is testData with some documents' publication dates
// changed, which moves where ties go unconfirmed.
func testDataPublished(published map[string]string) *graph.Dataset {
	pub := map[string]string{"ipap-doc": "2012-02"}
	for k, v := range published {
		pub[k] = v
	}
	ds := &graph.Dataset{Name: "test"}
	actor := func(id string, k graph.Kind, name, short, region string) {
		ds.Actors = append(ds.Actors, graph.Actor{ID: id, Kind: k, Name: name, Short: short, Region: region})
	}
	actor("nato", graph.KindOrganisation, "North Atlantic Treaty Organisation", "NATO", "")
	actor("csto", graph.KindOrganisation, "Collective Security Treaty Organisation", "CSTO", "")
	actor("sco", graph.KindOrganisation, "Shanghai Cooperation Organisation", "SCO", "")
	for _, p := range []string{"pfp", "ipcp", "parp", "ipap"} {
		actor(p, graph.KindProgramme, strings.ToUpper(p), "", "")
	}
	for _, s := range []string{"Alphastan", "Betastan", "Gammastan", "Deltastan", "Zetastan"} {
		actor(strings.ToLower(s), graph.KindState, s, "", graph.RegionCentralAsia)
	}
	actor("epsilonia", graph.KindState, "Epsilonia", "", "south-asia")

	tie := func(typ graph.TieType, from, to, attr, since, until, doc string) {
		t := graph.Tie{Type: typ, From: from, To: to, Since: graph.MustDate(since), Until: graph.MustDate(until),
			Sources: []graph.Citation{{Doc: doc, Section: "record", Evidence: from + " " + to}}}
		if k, v, ok := strings.Cut(attr, "="); ok {
			t.Attrs = map[string]string{k: v}
		}
		t.Key = graph.TieKey(t, "")
		t.Attested = graph.Attest(t.Sources, t.Until, func(doc string) graph.Date {
			if d, ok := pub[doc]; ok {
				return graph.MustDate(d)
			}
			return graph.MustDate("2020")
		})
		ds.Ties = append(ds.Ties, t)
	}
	for _, p := range []string{"pfp", "ipcp", "parp", "ipap"} {
		tie(graph.TiePartOf, p, "nato", "", "1994", "", "ref")
	}
	tie(graph.TieParticipates, "alphastan", "pfp", "status=active", "1994-05", "", "nato-doc")
	tie(graph.TieParticipates, "alphastan", "parp", "status=active", "2002", "", "nato-doc")
	tie(graph.TieIPAP, "alphastan", "ipap", "cycle=2006-2008", "2006-01-31", "", "ipap-doc")
	tie(graph.TieMemberOf, "alphastan", "csto", "role=member", "2002-10-07", "", "csto-doc")
	tie(graph.TieMemberOf, "alphastan", "sco", "role=member", "2001-06-15", "", "sco-doc")

	tie(graph.TieParticipates, "betastan", "pfp", "status=active", "1994", "", "nato-doc")
	tie(graph.TieMemberOf, "betastan", "csto", "role=member", "2006-08-16", "", "csto-doc")
	tie(graph.TieMemberOf, "betastan", "csto", "role=suspended", "2012-06-28", "", "csto-note")
	tie(graph.TieMemberOf, "betastan", "sco", "role=member", "2001", "", "sco-doc")

	tie(graph.TieParticipates, "gammastan", "pfp", "status=active", "1994-05", "", "nato-doc")
	tie(graph.TieParticipates, "gammastan", "ipcp", "status=active", "2008", "2012-06", "nato-doc")
	tie(graph.TieMemberOf, "gammastan", "sco", "role=dialogue_partner", "2012-06", "", "sco-doc")

	tie(graph.TieMemberOf, "deltastan", "sco", "role=observer", "2010", "", "sco-doc")
	tie(graph.TieParticipates, "deltastan", "pfp", "status=interested", "2015", "", "press")
	tie(graph.TieMemberOf, "deltastan", "csto", "role=member", "2017-06-09", "", "csto-doc")

	tie(graph.TieMemberOf, "epsilonia", "sco", "role=observer", "2005", "", "sco-doc")
	tie(graph.TieParticipates, "epsilonia", "pfp", "status=declined", "1995", "", "nato-doc")
	ds.Sort()
	return ds
}

func mustCompare(t *testing.T, region, at string) *Result {
	t.Helper()
	r, err := Compare(testData(), nil, region, graph.MustDate(at))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestCells(t *testing.T) {
	tests := []struct {
		name, state, org, at string
		want                 string // Cell.Label
		in                   bool
		ties                 int
	}{
		{"PfP alone", "alphastan", "nato", "2001-12-31", "PfP", true, 1},
		{"PARP beats PfP", "alphastan", "nato", "2005-06-01", "PARP", true, 1},
		{"IPAP beats PARP and PfP", "alphastan", "nato", "2010-01-01", "IPAP", true, 1},
		{"IPCP beats PfP", "gammastan", "nato", "2010-01-01", "IPCP", true, 1},
		{"member", "betastan", "csto", "2010-01-01", "member", true, 1},
		{"suspension overrides an open membership", "betastan", "csto", "2013-01-01", "suspended", false, 1},
		{"observer is associated, not in", "deltastan", "sco", "2013-01-01", "observer", false, 1},
		{"dialogue partner is associated, not in", "gammastan", "sco", "2013-01-01", "dialogue partner", false, 1},
		{"interested is not in", "deltastan", "nato", "2016-01-01", "interested (PfP)", false, 1},
		{"nothing", "zetastan", "nato", "2016-01-01", "", false, 0},
		{"before any tie", "deltastan", "csto", "2016-01-01", "", false, 0},
		{"declined counts as none", "epsilonia", "nato", "2016-01-01", "", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, AllRegions, tt.at)
			c, ok := r.Cell(tt.state, tt.org)
			if !ok {
				t.Fatalf("no cell %s × %s", tt.state, tt.org)
			}
			if c.Label() != tt.want || c.In() != tt.in || len(c.Ties) != tt.ties {
				t.Errorf("cell = %q in=%v ties=%d, want %q in=%v ties=%d", c.Label(), c.In(), len(c.Ties), tt.want, tt.in, tt.ties)
			}
			if len(c.Ties) > 0 && len(c.Sources()) == 0 {
				t.Errorf("cell %q has ties but no sources", c.Label())
			}
		})
	}
}

// The matrix must follow the time rule at every precision a date may have,
// on both sides of each boundary.
func TestCellsAtDateBoundaries(t *testing.T) {
	tests := []struct {
		name, state, org, at, want string
	}{
		{"year since: first day", "betastan", "sco", "2001-01-01", "member"},
		{"year since: day before", "betastan", "sco", "2000-12-31", ""},
		{"month since: first day", "gammastan", "sco", "2012-06-01", "dialogue partner"},
		{"month since: day before", "gammastan", "sco", "2012-05-31", ""},
		{"month until: last day in force", "gammastan", "nato", "2012-05-31", "IPCP"},
		{"month until: first day out", "gammastan", "nato", "2012-06-01", "PfP"},
		{"day since: that day", "alphastan", "nato", "2006-01-31", "IPAP"},
		{"day since: day before", "alphastan", "nato", "2006-01-30", "PARP"},
		{"day since: suspension day", "betastan", "csto", "2012-06-28", "suspended"},
		{"day since: eve of suspension", "betastan", "csto", "2012-06-27", "member"},
		{"year precision at is its first day", "gammastan", "sco", "2012", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := mustCompare(t, "", tt.at).Cell(tt.state, tt.org)
			if c.Label() != tt.want {
				t.Errorf("%s × %s on %s = %q, want %q", tt.state, tt.org, tt.at, c.Label(), tt.want)
			}
		})
	}
}

func TestRegion(t *testing.T) {
	r := mustCompare(t, "", "2016-01-01")
	var names []string
	for _, s := range r.States {
		names = append(names, s.Name)
	}
	if got, want := strings.Join(names, ","), "Alphastan,Betastan,Deltastan,Gammastan,Zetastan"; got != want {
		t.Errorf("central-asia rows = %s, want %s", got, want)
	}
	if r := mustCompare(t, AllRegions, "2016-01-01"); len(r.States) != 6 {
		t.Errorf("all regions: %d rows, want 6", len(r.States))
	}
	if _, err := Compare(testData(), nil, "central-asai", graph.MustDate("2016")); err == nil || !strings.Contains(err.Error(), "central-asia") {
		t.Errorf("misspelt region: err = %v, want one naming the known regions", err)
	}
	if _, err := Compare(testData(), []string{"nato", "natto"}, "", graph.MustDate("2016")); err == nil {
		t.Error("unknown organisation: no error")
	}
	if _, err := Compare(testData(), []string{"pfp"}, "", graph.MustDate("2016")); err == nil {
		t.Error("a programme as a column: no error")
	}
}

// On 2016-01-01 the spheres are, by hand:
//
//	NATO = {Alphastan, Betastan, Gammastan}        (Deltastan only interested)
//	CSTO = {Alphastan}                            (Betastan suspended)
//	SCO  = {Alphastan, Betastan}                  (Gammastan a dialogue partner, Deltastan an observer: associated)
//
// so NATO∩CSTO = 1 of 3, NATO∩SCO = 2 of 3, CSTO∩SCO = 1 of 2.
func TestOverlaps(t *testing.T) {
	r := mustCompare(t, "", "2016-01-01")
	var got []string
	for _, o := range r.Overlaps {
		got = append(got, strings.Join(o.Orgs, "+")+":"+strings.Join(ids(o.States), ","))
	}
	want := "nato+csto+sco:alphastan nato+sco:betastan nato:gammastan"
	if strings.Join(got, " ") != want {
		t.Errorf("overlaps = %s, want %s", strings.Join(got, " "), want)
	}
	wantPairs := []Pair{
		{"nato", "csto", 1, 3, 1.0 / 3, 0},
		{"nato", "sco", 2, 3, 2.0 / 3, 0},
		{"csto", "sco", 1, 2, 0.5, 0},
	}
	if len(r.Pairs) != len(wantPairs) {
		t.Fatalf("pairs = %+v", r.Pairs)
	}
	for i, p := range r.Pairs {
		if p != wantPairs[i] {
			t.Errorf("pair %d = %+v, want %+v", i, p, wantPairs[i])
		}
	}
	if got := strings.Join(ids(r.MultiVector), ","); got != "alphastan,betastan" {
		t.Errorf("multi-vector = %s", got)
	}
	if got := strings.Join(ids(r.None), ","); got != "deltastan,zetastan" {
		t.Errorf("none = %s", got)
	}
	var assoc []string
	for _, a := range r.Associated {
		assoc = append(assoc, a.Org+":"+strings.Join(ids(a.States), ","))
	}
	if got, want := strings.Join(assoc, " "), "nato: csto: sco:deltastan,gammastan"; got != want {
		t.Errorf("associated = %s, want %s", got, want)
	}
}

func TestJaccardUndefined(t *testing.T) {
	// Before 1994 nobody is in NATO's or the CSTO's sphere.
	r, err := Compare(testData(), []string{"nato", "csto"}, "", graph.MustDate("1990"))
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Pairs[0]; p.Either != 0 || p.Jaccard != 0 {
		t.Errorf("empty spheres: pair = %+v", p)
	}
	if len(r.None) != 5 || len(r.Overlaps) != 0 {
		t.Errorf("empty spheres: none = %d, overlaps = %d", len(r.None), len(r.Overlaps))
	}
}

// A comparison that would be empty because of what it was asked is
// explained: an organisation nothing is a member of (its column would read
// as "no state is near it"), or a day before every tie compared.
func TestCompareEmptyExplained(t *testing.T) {
	ds := testData()
	ds.Actors = append(ds.Actors, graph.Actor{ID: "eu", Kind: graph.KindOrganisation, Name: "European Union", Short: "EU"})
	var ee *graph.EmptyError
	err := CheckOrgs(ds, []string{"nato", "eu"})
	if !errors.As(err, &ee) || !strings.Contains(err.Error(), "eu (European Union) has no members or partners in the graph; organisations with members: csto, nato, sco") {
		t.Errorf("eu: %v", err)
	}
	if err := CheckOrgs(ds, nil); err != nil {
		t.Errorf("the default organisations: %v", err)
	}
	r, err := Compare(ds, []string{"nato", "csto"}, "", graph.MustDate("1990"))
	if err != nil || !r.Empty() {
		t.Fatalf("1990: %v", err)
	}
	if err := r.ExplainEmpty(ds); !errors.As(err, &ee) || !strings.Contains(err.Error(), "no membership or partnership of NATO, CSTO is in force on 1990: the first begins 1994") {
		t.Errorf("1990: %v", err)
	}
	r, err = Compare(ds, []string{"nato", "csto"}, "", graph.MustDate("2016"))
	if err != nil || r.Empty() || r.ExplainEmpty(ds) != nil {
		t.Errorf("2016: %v", err)
	}
}

func diffKinds(t *testing.T, from, to string) string {
	t.Helper()
	c, err := Diff(testData(), nil, "", graph.MustDate(from), graph.MustDate(to))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ch := range c.Changes {
		out = append(out, ch.State.ID+"/"+ch.Org.ID+":"+string(ch.Kind))
	}
	return strings.Join(out, " ")
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"accession day", "2017-06-08", "2017-06-09", "deltastan/csto:joined"},
		{"eve of accession", "2017-06-07", "2017-06-08", ""},
		{"same day", "2017-06-09", "2017-06-09", ""},
		{"suspension", "2012-06-27", "2012-06-28", "betastan/csto:suspended"},
		{"IPCP ends", "2012-05-31", "2012-06-01", "gammastan/nato:down gammastan/sco:up"},
		{"IPAP", "2006-01-30", "2006-01-31", "alphastan/nato:up"},
		{"interest", "2014-12-31", "2015-01-01", "deltastan/nato:up"},
		{"decade", "2005-01-01", "2016-01-01",
			"alphastan/nato:up betastan/csto:suspended deltastan/nato:up deltastan/sco:up gammastan/sco:up"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diffKinds(t, tt.from, tt.to); got != tt.want {
				t.Errorf("Diff(%s, %s) = %q, want %q", tt.from, tt.to, got, tt.want)
			}
		})
	}
	if _, err := Diff(testData(), nil, "", graph.MustDate("2017"), graph.MustDate("2016")); err == nil {
		t.Error("from after to: no error")
	}
}

func TestClassify(t *testing.T) {
	standing := map[Relation]graph.Standing{Member: graph.Inside, Partnership: graph.Inside,
		Observer: graph.Associated, DialoguePartner: graph.Associated, Partner: graph.Associated}
	cell := func(r Relation, level int) Cell { return Cell{Relation: r, Level: level, Standing: standing[r]} }
	tests := []struct {
		name string
		a, b Cell
		want Kind
	}{
		{"none to member", cell(None, 0), cell(Member, 0), Joined},
		{"interested to PfP", cell(Interested, 1), cell(Partnership, 1), Joined},
		{"member to none", cell(Member, 0), cell(None, 0), Left},
		{"PfP to interested", cell(Partnership, 1), cell(Interested, 4), Left},
		{"member to suspended", cell(Member, 0), cell(Suspended, 0), Suspend},
		{"suspended to member", cell(Suspended, 0), cell(Member, 0), Reinstated},
		{"suspended to none", cell(Suspended, 0), cell(None, 0), Left},
		{"PfP to IPAP", cell(Partnership, 1), cell(Partnership, 4), Up},
		{"IPAP to PARP", cell(Partnership, 4), cell(Partnership, 3), Down},
		{"observer to member", cell(Observer, 0), cell(Member, 0), Joined},
		{"member to dialogue partner", cell(Member, 0), cell(DialoguePartner, 0), Left},
		{"none to observer", cell(None, 0), cell(Observer, 0), Up},
		{"observer to partner", cell(Observer, 0), cell(Partner, 0), Up},
	}
	for _, tt := range tests {
		if got, changed := classify(tt.a, tt.b); !changed || got != tt.want {
			t.Errorf("%s: classify = %q, %v; want %q", tt.name, got, changed, tt.want)
		}
	}
	if _, changed := classify(cell(Member, 0), cell(Member, 0)); changed {
		t.Error("member to member: changed")
	}
}

func TestDecidingTies(t *testing.T) {
	r := mustCompare(t, "", "2016-01-01")
	var keys []string
	for _, t := range r.Ties() {
		keys = append(keys, t.Key)
	}
	// One deciding tie per non-empty cell; programme and part_of ties that
	// lost to a deeper level are not edges of the picture.
	want := []string{
		"ipap|alphastan|ipap|cycle=2006-2008",
		"member_of|alphastan|csto|role=member",
		"member_of|alphastan|sco|role=member",
		"member_of|betastan|csto|role=suspended",
		"member_of|betastan|sco|role=member",
		"member_of|deltastan|sco|role=observer",
		"member_of|gammastan|sco|role=dialogue_partner",
		"participates_in|betastan|pfp|status=active",
		"participates_in|deltastan|pfp|status=interested",
		"participates_in|gammastan|pfp|status=active",
	}
	if strings.Join(keys, "\n") != strings.Join(want, "\n") {
		t.Errorf("deciding ties:\n%s\nwant:\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
}

// Overlaps and similarity count what the sources speak for on the day; a
// state in a sphere only by an unconfirmed tie is counted beside them.
func TestOverlapsCountConfirmed(t *testing.T) {
	ds := testDataPublished(map[string]string{"sco-doc": "2012"})
	for _, c := range []struct {
		at                 string
		natoSCO, unconf    int
		marked             string
		overlapUnconfirmed string
	}{
		// On the last day the SCO records speak for, nothing is marked.
		{"2012-12-31", 2, 0, "", ""},
		// The day after, the SCO memberships of Alphastan and Betastan
		// (and the associated states' statuses) are unconfirmed: not counted
		// in NATO+SCO, counted beside it.
		{"2013-01-01", 0, 2, "alphastan/sco betastan/sco deltastan/sco gammastan/sco", "nato+csto+sco:alphastan nato+sco:betastan"},
	} {
		r, err := Compare(ds, nil, "", graph.MustDate(c.at))
		if err != nil {
			t.Fatal(err)
		}
		var marked []string
		for _, cell := range r.Unconfirmed {
			if cell.Org == "sco" {
				marked = append(marked, cell.State+"/"+cell.Org)
			}
		}
		if strings.Join(marked, " ") != c.marked {
			t.Errorf("%s: unconfirmed SCO cells %v, want %q", c.at, marked, c.marked)
		}
		var unconf []string
		for _, o := range r.Overlaps {
			if len(o.Unconfirmed) > 0 {
				unconf = append(unconf, strings.Join(o.Orgs, "+")+":"+strings.Join(ids(o.Unconfirmed), ","))
			}
		}
		if strings.Join(unconf, " ") != c.overlapUnconfirmed {
			t.Errorf("%s: overlaps' unconfirmed %v, want %q", c.at, unconf, c.overlapUnconfirmed)
		}
		p := r.Pairs[1]
		if p.A != "nato" || p.B != "sco" || p.Both != c.natoSCO || p.Unconfirmed != c.unconf {
			t.Errorf("%s: pair %+v, want NATO-SCO both %d, unconfirmed %d", c.at, p, c.natoSCO, c.unconf)
		}
	}
}
