// Package reporttest holds the dataset the report's tests (and the tests of
// the commands that write or open a report) are built on.
package reporttest

import "github.com/relmap/relmap/graph"

// Hostile names: markup that would run or restyle the page if any of it
// reached the HTML unescaped.
const (
	HostileScript = `<script>alert(1)</script>`
	HostileMarkup = `"q" & <b>`
	HostileCite   = `</td><script>alert(2)</script>`
)

// Dataset is a small region with all the report draws: the three
// spheres, a ladder with a programme part of another, a network of two
// routes with a leg no longer in use, and hostile names on a state, a place,
// a document and a citation.
func Dataset() *graph.Dataset {
	src := []graph.Citation{{Doc: "doc", Section: "Editorial", Evidence: "test"}}
	bad := []graph.Citation{{Doc: "hostile-doc", Section: HostileMarkup, Evidence: HostileCite}}
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{
			{ID: "doc", Title: "A source", Publisher: "EUCAM", Published: graph.MustDate("2012-02"), Kind: "document", Dataset: "t"},
			{ID: "hostile-doc", Title: HostileScript + " report", Publisher: HostileMarkup, URL: "https://example.org/report", Kind: "document", Dataset: "t"},
		},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: "Kazakhstan", Region: "central-asia", Dataset: "t"},
			{ID: "turkmenistan", Kind: graph.KindState, Name: "Turkmenistan", Region: "central-asia", Dataset: "t"},
			{ID: "hostile", Kind: graph.KindState, Name: HostileScript, Region: "central-asia", Dataset: "t"},
			{ID: "russia", Kind: graph.KindState, Name: "Russia", Region: "eurasia", Dataset: "t"},
			{ID: "nato", Kind: graph.KindOrganisation, Name: "North Atlantic Treaty Organization", Short: "NATO", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "CSTO", Dataset: "t"},
			{ID: "sco", Kind: graph.KindOrganisation, Name: "Shanghai Cooperation Organisation", Short: "SCO", Dataset: "t"},
			{ID: "pfp", Kind: graph.KindProgramme, Name: "Partnership for Peace", Short: "PfP", Dataset: "t"},
			{ID: "ipap", Kind: graph.KindProgramme, Name: "Individual Partnership Action Plan", Short: "IPAP", Dataset: "t"},
			{ID: "ndn", Kind: graph.KindRoute, Name: "Northern Distribution Network", Short: "NDN", Dataset: "t"},
			{ID: "ndn-north", Kind: graph.KindRoute, Name: "NDN north", Dataset: "t"},
			{ID: "q-place", Kind: graph.KindPlace, Name: HostileMarkup, Dataset: "t"},
		},
	}
	tie := func(typ graph.TieType, from, to string, attrs map[string]string, since, until string, cites []graph.Citation) graph.Tie {
		t := graph.Tie{Type: typ, From: from, To: to, Attrs: attrs, Since: graph.MustDate(since), Until: graph.MustDate(until), Sources: cites, Dataset: "t"}
		t.Key = graph.TieKey(t, "")
		// The documents speak for the ties up to their publication: the
		// source of 2012-02 through February 2012, the undated hostile
		// document for nothing, so the hostile state's open ties are
		// unconfirmed on every day.
		t.Attested = graph.Attest(cites, t.Until, func(doc string) graph.Date {
			for _, d := range d.Documents {
				if d.ID == doc {
					return d.Published
				}
			}
			return graph.Date{}
		})
		return t
	}
	status := func(s string) map[string]string { return map[string]string{"status": s} }
	role := func(s string) map[string]string { return map[string]string{"role": s} }
	leg := func(route, order, mode string) map[string]string {
		return map[string]string{"route": route, "order": order, "mode": mode}
	}
	d.Ties = []graph.Tie{
		tie(graph.TieParticipates, "kazakhstan", "pfp", status("active"), "1994-05-27", "", src),
		tie(graph.TieParticipates, "turkmenistan", "pfp", status("active"), "1994-05-10", "", src),
		tie(graph.TieParticipates, "hostile", "pfp", status("interested"), "2010", "", bad),
		tie(graph.TieIPAP, "kazakhstan", "ipap", map[string]string{"cycle": "2008-2010"}, "2006-01", "", src),
		tie(graph.TiePartOf, "ipap", "pfp", nil, "2002-11-22", "", src),
		tie(graph.TiePartOf, "pfp", "nato", nil, "1994-01-10", "", src),
		tie(graph.TieLeads, "nato", "pfp", nil, "1994-01-10", "", src),
		tie(graph.TieMemberOf, "kazakhstan", "csto", role("member"), "2002-10-07", "", src),
		tie(graph.TieMemberOf, "hostile", "csto", role("member"), "2005", "", bad),
		tie(graph.TieMemberOf, "russia", "csto", role("member"), "2002-10-07", "", src),
		tie(graph.TieMemberOf, "kazakhstan", "sco", role("member"), "2001-06-15", "", src),
		tie(graph.TieMemberOf, "turkmenistan", "sco", role("observer"), "2020", "", src),
		tie(graph.TiePartOf, "ndn-north", "ndn", nil, "2008", "2015", src),
		tie(graph.TieTransit, "russia", "kazakhstan", leg("ndn-north", "1", "rail"), "2008", "2015", src),
		tie(graph.TieTransit, "kazakhstan", "hostile", leg("ndn-north", "2", "rail"), "2008", "2015", src),
		tie(graph.TieTransit, "hostile", "q-place", leg("ndn-north", "3", "road"), "2009", "2011", bad),
		tie(graph.TieBorders, "kazakhstan", "hostile", nil, "1991-12-26", "", src),
	}
	d.Sort()
	return d
}
