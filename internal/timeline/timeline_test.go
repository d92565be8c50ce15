package timeline

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/golden"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

// fixture is a hand-made region of two states: Alpha climbs NATO's ladder
// from PfP to IPAP, is a CSTO member, suspended and out, and an SCO
// observer; the other state, whose name would be markup if not escaped,
// declares interest in PfP, joins the SCO and leaves it. No source speaks
// for Alpha's SCO status after 2008. A state of another region and a tie
// starting after the timeline's end are left out.
func fixture() *graph.Dataset {
	cite := func(section, evidence string) []graph.Citation {
		return []graph.Citation{{Doc: "doc", Section: section, Evidence: evidence}}
	}
	tie := func(typ graph.TieType, from, to, attr, val, since, until, disc string) graph.Tie {
		t := graph.Tie{Type: typ, From: from, To: to, Sources: cite(from, string(typ)+" "+to)}
		if attr != "" {
			t.Attrs = map[string]string{attr: val}
		}
		if since != "" {
			t.Since = graph.MustDate(since)
		}
		if until != "" {
			t.Until = graph.MustDate(until)
		}
		// As the seeds build it: a tie with an end is attested to it,
		// the open ones by the document of 2012-02.
		t.Attested = t.Until
		if t.Until.IsZero() {
			t.Attested = graph.MustDate("2012-02")
		}
		t.Key = graph.TieKey(t, disc)
		return t
	}
	d := &graph.Dataset{Name: "fixture",
		Documents: []graph.Document{{ID: "doc", Title: `Watch & "Review" <1>`, Publisher: "Monitor", Published: graph.MustDate("2012-02")}},
		Actors: []graph.Actor{
			{ID: "nato", Kind: graph.KindOrganisation, Name: "North Atlantic Treaty Organization", Short: "NATO"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organization", Short: "CSTO"},
			{ID: "sco", Kind: graph.KindOrganisation, Name: "Shanghai Cooperation Organisation", Short: "SCO"},
			{ID: "pfp", Kind: graph.KindProgramme, Name: "Partnership for Peace", Short: "PfP"},
			{ID: "ipap", Kind: graph.KindProgramme, Name: "Individual Partnership Action Plan", Short: "IPAP"},
			{ID: "alpha", Kind: graph.KindState, Name: "Alpha", Region: "central-asia"},
			{ID: "hostile", Kind: graph.KindState, Name: `<b>Beta & "Co"</b>`, Region: "central-asia"},
			{ID: "far", Kind: graph.KindState, Name: "Far", Region: "elsewhere"},
		},
		Ties: []graph.Tie{
			tie(graph.TieParticipates, "alpha", "pfp", "status", "active", "1995-03", "", ""),
			tie(graph.TieIPAP, "alpha", "ipap", "", "", "2006", "2010", ""),
			tie(graph.TieMemberOf, "alpha", "csto", "role", "member", "1996", "2008-06-28", ""),
			tie(graph.TieMemberOf, "alpha", "csto", "role", "suspended", "2008-06-28", "2009", "suspension"),
			tie(graph.TieMemberOf, "alpha", "sco", "role", "observer", "2004", "", ""),
			tie(graph.TieParticipates, "hostile", "pfp", "status", "interested", "2001", "", ""),
			tie(graph.TieMemberOf, "hostile", "sco", "role", "member", "2001-06-15", "2007", ""),
			tie(graph.TieMemberOf, "far", "csto", "role", "member", "1996", "", ""),
			tie(graph.TieMemberOf, "hostile", "csto", "role", "member", "2013", "", ""),
		},
	}
	// Alpha's SCO observer status: the record was last checked in 2008.
	for i, t := range d.Ties {
		if t.From == "alpha" && t.To == "sco" {
			d.Ties[i].Attested = graph.MustDate("2008")
		}
	}
	d.Sort()
	return d
}

func build(t *testing.T) *Timeline {
	t.Helper()
	tl, err := Build(fixture(), Options{To: graph.MustDate("2011-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	return tl
}

func TestBuild(t *testing.T) {
	tl := build(t)
	if day(tl.From) != "1995-01-01" || day(tl.To) != "2011-12-31" {
		t.Errorf("timeline from %s to %s", day(tl.From), day(tl.To))
	}
	var spans []string
	for _, s := range tl.Spans {
		until := day(s.To)
		if s.Open {
			until += "+"
		}
		if s.Unconfirmed {
			until += " unconfirmed since " + s.Attested.String()
		}
		spans = append(spans, s.State+"/"+s.Org+" "+s.Label+" "+day(s.From)+".."+until)
	}
	// Rows by name: "<b>Beta…" sorts before "Alpha".
	want := []string{
		"hostile/nato interested (PfP) 2001-01-01..2012-01-01+",
		"hostile/sco member 2001-06-15..2007-01-01",
		"alpha/nato PfP 1995-03-01..2006-01-01",
		"alpha/nato IPAP 2006-01-01..2010-01-01",
		"alpha/nato PfP 2010-01-01..2012-01-01+",
		"alpha/csto member 1996-01-01..2008-06-28",
		"alpha/csto suspended 2008-06-28..2009-01-01",
		"alpha/sco observer 2004-01-01..2009-01-01",
		"alpha/sco observer 2009-01-01..2012-01-01+ unconfirmed since 2008",
	}
	if strings.Join(spans, "\n") != strings.Join(want, "\n") {
		t.Errorf("spans:\n%s\nwant:\n%s", strings.Join(spans, "\n"), strings.Join(want, "\n"))
	}
	var events []string
	for _, e := range tl.Events {
		events = append(events, e.State+"/"+e.Org+" "+e.Kind+" "+day(e.At))
	}
	wantEv := []string{
		"hostile/sco accession 2001-06-15",
		"hostile/sco withdrawal 2007-01-01",
		"alpha/csto accession 1996-01-01",
		"alpha/csto suspension 2008-06-28",
		"alpha/csto withdrawal 2009-01-01",
	}
	if strings.Join(events, "\n") != strings.Join(wantEv, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(events, "\n"), strings.Join(wantEv, "\n"))
	}
	if len(tl.Documents) != 1 || tl.Documents[0].ID != "doc" {
		t.Errorf("documents %+v", tl.Documents)
	}
	// A later start cuts the spans; the events before it are not events of
	// the timeline.
	late, err := Build(fixture(), Options{From: graph.MustDate("2008"), To: graph.MustDate("2011-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range late.Spans {
		if s.From.Before(late.From) || day(late.From) != "2008-01-01" {
			t.Errorf("from 2008: span %+v", s)
		}
	}
	if len(late.Events) != 2 || late.Events[0].Kind != Suspension {
		t.Errorf("from 2008: events %+v, want alpha's suspension and withdrawal", late.Events)
	}
}

func TestBuildErrors(t *testing.T) {
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{}, "last day"},
		{Options{From: graph.MustDate("2012"), To: graph.MustDate("2011")}, "not before its last day"},
		{Options{Orgs: []string{"nowhere"}, To: graph.MustDate("2011")}, "unknown organisation"},
		{Options{Region: "atlantis", To: graph.MustDate("2011")}, "no states in region"},
	} {
		if _, err := Build(fixture(), c.o); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want an error saying %q", c.o, err, c.want)
		}
	}
}

func TestGolden(t *testing.T) {
	tl := build(t)
	var svg bytes.Buffer
	if err := SVG(&svg, tl, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("testdata", "fixture.svg"), svg.Bytes())
	for _, f := range []string{"csv", "json"} {
		var buf bytes.Buffer
		if err := WriteRows(&buf, tl, f); err != nil {
			t.Fatal(err)
		}
		golden.Check(t, filepath.Join("testdata", "fixture."+f), buf.Bytes())
	}
}

// TestSVG reads the figure back as XML: well formed, the hostile name as
// text, not markup; a legend that names what is drawn and nothing else;
// the as-of stamp and the sources caption.
func TestSVG(t *testing.T) {
	tl := build(t)
	var buf bytes.Buffer
	if err := SVG(&buf, tl, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	var texts []string
	elements := map[string]int{}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			elements[x.Name.Local]++
		case xml.CharData:
			if s := strings.TrimSpace(string(x)); s != "" {
				texts = append(texts, s)
			}
		}
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{`<b>Beta & "Co"</b>`, "as of 2011-12-31", "Central Asia and NATO, CSTO and SCO, 1995–2011",
		"IPAP", "PfP", "suspended", "observer", "interest declared (PfP)", "accession", "suspension", "withdrawal",
		"Unconfirmed", "Alpha, SCO: observer, 2009-01-01 to in force on 2011-12-31; unconfirmed: last attested 2008",
		`Sources: [1] Watch & "Review" <1> (Monitor, 2012-02).`} {
		if !strings.Contains(all, want) {
			t.Errorf("the figure's text lacks %q", want)
		}
	}
	if elements["b"] != 0 {
		t.Error("a state's name became markup")
	}
	// Nothing drawn is a dialogue partner or a partner: the legend must not
	// say so.
	for _, absent := range []string{"dialogue partner", "partner\n", "PARP", "Far"} {
		if strings.Contains(all+"\n", absent) {
			t.Errorf("the figure mentions %q, which it does not draw", absent)
		}
	}
	// The background, one alternate row, the spans, seven swatches, the
	// unconfirmed one and a hatching pattern per organisation.
	if got := elements["rect"]; got != 2+len(tl.Spans)+7+1+3 {
		t.Errorf("%d rect elements", got)
	}
	if got := strings.Count(buf.String(), "<title>"); got != 1+len(tl.Spans) {
		t.Errorf("%d titles, want the figure's and one per span", got)
	}
}

// TestBuiltIn: the built-in data's timeline shows the facts the comparison
// knows: Uzbekistan's two CSTO periods, its suspension and withdrawal in
// 2012, Kazakhstan's IPAP from 2006.
func TestBuiltIn(t *testing.T) {
	tl, err := Build(seedtest.BuiltIn(t), Options{To: graph.MustDate("2020-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl.States) != 5 {
		t.Errorf("%d states in Central Asia", len(tl.States))
	}
	has := func(what string, items []string) {
		t.Helper()
		for _, s := range items {
			if s == what {
				return
			}
		}
		t.Errorf("no %q among:\n%s", what, strings.Join(items, "\n"))
	}
	var spans, events []string
	for _, s := range tl.Spans {
		spans = append(spans, s.State+"/"+s.Org+" "+s.Label+" "+day(s.From))
	}
	for _, e := range tl.Events {
		events = append(events, e.State+"/"+e.Org+" "+e.Kind+" "+day(e.At))
	}
	has("kazakhstan/nato IPAP 2006-01-01", spans)
	has("uzbekistan/csto member 2006-08-16", spans)
	has("uzbekistan/csto suspension 2012-06-28", events)
	has("uzbekistan/csto withdrawal 2012-12-19", events)
	has("uzbekistan/csto withdrawal 1999-04-20", events)
	var svg bytes.Buffer
	if err := SVG(&svg, tl, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), "EUCAM Watch No. 11") {
		t.Error("the caption does not name the source document")
	}
}

// BenchmarkTimeline lays out and draws the built-in data's timeline of
// Central Asia.
func BenchmarkTimeline(b *testing.B) {
	ds := seedtest.Sets(b)
	all := graph.Merge(ds)
	b.ReportAllocs()
	for b.Loop() {
		tl, err := Build(all, Options{To: graph.MustDate("2026-12-01")})
		if err != nil {
			b.Fatal(err)
		}
		if err := SVG(io.Discard, tl, SVGOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
