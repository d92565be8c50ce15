package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	goldenfile "github.com/relmap/relmap/internal/golden"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// fixture is a small hand-built pair of datasets: Cyrillic names, quotes,
// '<' and '&' in text, a two-leg route (int attribute), a symmetric tie, an
// open end, every date precision, two periods of one membership (parallel
// edges), a tie across datasets and one whose end
// lies in a dataset that is not exported. Items are deliberately out of
// order: the output must not depend on it.
func fixture() []*graph.Dataset {
	cite := func(doc, section, evidence string) []graph.Citation {
		return []graph.Citation{{Doc: doc, Section: section, Evidence: evidence}}
	}
	tie := func(d string, t graph.Tie, disc string) graph.Tie {
		t.Dataset = d
		t.Key = graph.TieKey(t, disc)
		return t
	}
	core := &graph.Dataset{Name: "core"}
	core.Documents = []graph.Document{
		{ID: "watch", Title: `Watch No. 1: "Partners & rivals" <draft>`, Publisher: "Test Monitor",
			Published: graph.MustDate("2012-02"), URL: "https://example.org/watch?a=1&b=2", Kind: "document", Dataset: "core"},
		{ID: "general-reference", Title: "General reference", Kind: "reference", Dataset: "core"},
	}
	core.Actors = []graph.Actor{
		{ID: "uzbekistan", Kind: graph.KindState, Name: "Uzbekistan", Aliases: []string{"Republic of Uzbekistan", "O'zbekiston"},
			Region: graph.RegionCentralAsia, Dataset: "core"},
		{ID: "kazakhstan", Kind: graph.KindState, Name: "Казахстан", Aliases: []string{"Қазақстан"},
			Region: graph.RegionCentralAsia, Note: "Name in Russian & Kazakh", Dataset: "core"},
		{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "ОДКБ",
			Note:    "Founded by treaty in 1992;\na charter organisation since 2002 (\"<charter>\").",
			Sources: cite("general-reference", "CSTO record", "charter 2002"), Dataset: "core"},
		{ID: "north-route", Kind: graph.KindRoute, Name: "North route", Dataset: "core"},
		{ID: "termez", Kind: graph.KindPlace, Name: "Termez", Dataset: "core"},
	}
	core.Ties = []graph.Tie{
		tie("core", graph.Tie{Type: graph.TieTransit, From: "uzbekistan", To: "termez",
			Attrs: map[string]string{"route": "north-route", "order": "2", "mode": "road"},
			Since: graph.MustDate("2009"), Until: graph.MustDate("2015"),
			Sources: []graph.Citation{{Doc: "watch", Section: "Routes", Evidence: "road to Termez"},
				{Doc: "general-reference", Section: "Route chronology", Evidence: "wound down 2015"}}}, ""),
		tie("core", graph.Tie{Type: graph.TieTransit, From: "kazakhstan", To: "uzbekistan",
			Attrs: map[string]string{"route": "north-route", "order": "1", "mode": "rail"},
			Since: graph.MustDate("2009"), Until: graph.MustDate("2015"),
			Sources: cite("watch", "Routes", "rail through Kazakhstan")}, ""),
		tie("core", graph.Tie{Type: graph.TieMemberOf, From: "uzbekistan", To: "csto",
			Attrs: map[string]string{"role": "member"},
			Since: graph.MustDate("2006-08-16"), Until: graph.MustDate("2012-06-28"),
			Note:    `Rejoined, then "suspended" <2012> & out`,
			Sources: cite("general-reference", "CSTO record", "rejoined 2006")}, "second-period"),
		tie("core", graph.Tie{Type: graph.TieMemberOf, From: "uzbekistan", To: "csto",
			Attrs: map[string]string{"role": "member"},
			Since: graph.MustDate("1994-04-20"), Until: graph.MustDate("1999-04-20"),
			Sources: cite("general-reference", "CSTO record", "did not renew in 1999")}, ""),
		tie("core", graph.Tie{Type: graph.TieBorders, From: "uzbekistan", To: "kazakhstan",
			Since: graph.MustDate("1991-12"), Sources: cite("general-reference", "Borders", "shared border")}, ""),
	}
	// Attestation as the seeds build it: a tie with an end is attested to
	// it; the open ones below are attested by the survey's publication or,
	// the border, by no dated source at all.
	for i := range core.Ties {
		core.Ties[i].Attested = core.Ties[i].Until
	}
	extra := &graph.Dataset{Name: "extra"}
	extra.Documents = []graph.Document{
		{ID: "survey", Title: "Обзор, второе издание", Publisher: "Analysts Ltd", Published: graph.MustDate("2013-05-01"),
			Kind: "document", Note: "Spreadsheet source; with a comma", Dataset: "extra"},
	}
	extra.Actors = []graph.Actor{
		{ID: "sco", Kind: graph.KindOrganisation, Name: "Шанхайская организация сотрудничества", Short: "ШОС",
			Aliases: []string{"Shanghai Five"}, Dataset: "extra", Sources: cite("survey", "Глава 2", "основана в 2001")},
	}
	extra.Ties = []graph.Tie{
		tie("extra", graph.Tie{Type: graph.TieMemberOf, From: "kazakhstan", To: "sco",
			Attrs: map[string]string{"role": "member"}, Since: graph.MustDate("2001-06-15"),
			Sources: []graph.Citation{{Doc: "general-reference", Section: "SCO record", Evidence: "founding member"},
				{Doc: "survey", Section: "Глава 2", Evidence: `"founder" & <host>`}}}, ""),
		tie("extra", graph.Tie{Type: graph.TieConsults, From: "sco", To: "csto",
			Attrs: map[string]string{"format": "secretariats"}, Since: graph.MustDate("2007"),
			Sources: cite("survey", "Chapter 3", "memorandum 2007")}, ""),
		// tajikistan belongs to a dataset that is not exported.
		tie("extra", graph.Tie{Type: graph.TieMemberOf, From: "tajikistan", To: "sco",
			Attrs: map[string]string{"role": "member"}, Since: graph.MustDate("2001-06-15"),
			Sources: cite("survey", "Chapter 2", "founder")}, ""),
	}
	for i := range extra.Ties {
		extra.Ties[i].Attested = graph.MustDate("2013-05-01")
	}
	// extra before core: the output must come in name order anyway.
	return []*graph.Dataset{extra, core}
}

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

func writeGraphML(t *testing.T, ds []*graph.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := GraphML(&buf, ds); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestGraphMLGolden(t *testing.T) {
	golden(t, "fixture.graphml", writeGraphML(t, fixture()))
}

func TestJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixture.json", buf.Bytes())
}

// TestDeterministic: item order and dataset order do not change the bytes,
// and the datasets passed in are left as they were.
func TestDeterministic(t *testing.T) {
	a := fixture()
	before := graph.FingerprintOf(a)
	firstTie := a[1].Ties[0].Key
	b := fixture()
	b[0], b[1] = b[1], b[0]
	for _, d := range b {
		for i, j := 0, len(d.Ties)-1; i < j; i, j = i+1, j-1 {
			d.Ties[i], d.Ties[j] = d.Ties[j], d.Ties[i]
		}
		for i, j := 0, len(d.Actors)-1; i < j; i, j = i+1, j-1 {
			d.Actors[i], d.Actors[j] = d.Actors[j], d.Actors[i]
		}
	}
	if !bytes.Equal(writeGraphML(t, a), writeGraphML(t, b)) {
		t.Error("GraphML depends on the order of datasets or items")
	}
	var ja, jb bytes.Buffer
	if err := JSON(&ja, a); err != nil {
		t.Fatal(err)
	}
	if err := JSON(&jb, b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ja.Bytes(), jb.Bytes()) {
		t.Error("JSON depends on the order of datasets or items")
	}
	if graph.FingerprintOf(a) != before || a[1].Ties[0].Key != firstTie {
		t.Error("exporting changed the datasets passed in")
	}
}

// The parsed form of the GraphML, for structural checks.
type parsedGraphML struct {
	XMLName xml.Name `xml:"graphml"`
	Keys    []struct {
		ID   string `xml:"id,attr"`
		For  string `xml:"for,attr"`
		Name string `xml:"attr.name,attr"`
		Type string `xml:"attr.type,attr"`
	} `xml:"key"`
	Graphs []struct {
		EdgeDefault string `xml:"edgedefault,attr"`
		Nodes       []struct {
			ID   string       `xml:"id,attr"`
			Data []parsedData `xml:"data"`
		} `xml:"node"`
		Edges []struct {
			ID     string       `xml:"id,attr"`
			Source string       `xml:"source,attr"`
			Target string       `xml:"target,attr"`
			Data   []parsedData `xml:"data"`
		} `xml:"edge"`
	} `xml:"graph"`
}

type parsedData struct {
	Key   string `xml:"key,attr"`
	Value string `xml:",chardata"`
}

func parseGraphML(t *testing.T, b []byte) parsedGraphML {
	t.Helper()
	var g parsedGraphML
	if err := xml.Unmarshal(b, &g); err != nil {
		t.Fatalf("GraphML does not parse: %v", err)
	}
	if g.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
		t.Errorf("root element in namespace %q, want the GraphML one", g.XMLName.Space)
	}
	if len(g.Graphs) != 1 {
		t.Fatalf("%d graphs, want 1", len(g.Graphs))
	}
	return g
}

// TestGraphMLStructure parses the file back: keys unique and typed, every
// data element's key declared for its element, unique node and edge ids,
// edge ends that exist, and text (Cyrillic, quotes, '<', '&', newlines)
// that reads back exactly.
func TestGraphMLStructure(t *testing.T) {
	ds := fixture()
	g := parseGraphML(t, writeGraphML(t, ds))
	keys := map[string]map[string]declared{"node": {}, "edge": {}}
	names := map[string]bool{}
	for _, k := range g.Keys {
		if keys[k.For] == nil {
			t.Errorf("key %s is for %q", k.ID, k.For)
			continue
		}
		switch k.Type {
		case "string", "int", "boolean":
		default:
			t.Errorf("key %s has attr.type %q", k.ID, k.Type)
		}
		if _, dup := keys["node"][k.ID]; dup {
			t.Errorf("key id %s declared twice", k.ID)
		}
		if _, dup := keys["edge"][k.ID]; dup {
			t.Errorf("key id %s declared twice", k.ID)
		}
		if names[k.For+" "+k.Name] {
			t.Errorf("%s attribute %s declared twice", k.For, k.Name)
		}
		names[k.For+" "+k.Name] = true
		keys[k.For][k.ID] = declared{k.Name, k.Type}
	}
	for _, want := range []string{"node id", "node label", "node kind", "node name", "node short", "node region",
		"node note", "node dataset", "node sources", "edge type", "edge rel_type", "edge key", "edge since",
		"edge until", "edge since_precision", "edge until_precision", "edge attested", "edge note", "edge sources",
		"edge role", "edge status", "edge route", "edge order", "edge mode", "edge format"} {
		if !names[want] {
			t.Errorf("no key declared for %s", want)
		}
	}
	gr := g.Graphs[0]
	if gr.EdgeDefault != "directed" {
		t.Errorf("edgedefault %q", gr.EdgeDefault)
	}
	nodeAttrs := map[string]map[string]string{}
	for _, n := range gr.Nodes {
		if nodeAttrs[n.ID] != nil {
			t.Errorf("node %s written twice", n.ID)
		}
		nodeAttrs[n.ID] = values(t, "node "+n.ID, n.Data, keys["node"])
	}
	edgeIDs := map[string]bool{}
	edgeAttrs := map[string]map[string]string{}
	for _, e := range gr.Edges {
		if edgeIDs[e.ID] {
			t.Errorf("edge id %s written twice", e.ID)
		}
		edgeIDs[e.ID] = true
		for _, end := range []string{e.Source, e.Target} {
			if nodeAttrs[end] == nil {
				t.Errorf("edge %s: end %q is not a node", e.ID, end)
			}
		}
		v := values(t, "edge "+e.ID, e.Data, keys["edge"])
		edgeAttrs[v["key"]] = v
	}

	var actors, ties int
	for _, d := range ds {
		actors += len(d.Actors)
		ties += len(d.Ties)
		for _, a := range d.Actors {
			got := nodeAttrs[a.ID]
			if got == nil {
				t.Errorf("actor %s has no node", a.ID)
				continue
			}
			for k, want := range map[string]string{"label": a.Label(), "name": a.Name, "note": a.Note, "dataset": a.Dataset,
				"kind": string(a.Kind), "short": a.Short, "region": a.Region} {
				if got[k] != want {
					t.Errorf("node %s: %s = %q, want %q", a.ID, k, got[k], want)
				}
			}
		}
		for _, tie := range d.Ties {
			got := edgeAttrs[tie.Key]
			if got == nil {
				t.Errorf("tie %s has no edge", tie.Key)
				continue
			}
			info, _ := graph.LookupTieType(tie.Type)
			for k, want := range map[string]string{"type": string(tie.Type), "rel_type": info.RelType, "note": tie.Note,
				"since": tie.Since.String(), "until": tie.Until.String(), "since_precision": string(tie.Since.Precision()),
				"until_precision": string(tie.Until.Precision()), "dataset": tie.Dataset} {
				if got[k] != want {
					t.Errorf("edge %s: %s = %q, want %q", tie.Key, k, got[k], want)
				}
			}
			for k, want := range tie.Attrs {
				if got[k] != want {
					t.Errorf("edge %s: attribute %s = %q, want %q", tie.Key, k, got[k], want)
				}
			}
		}
	}
	if len(gr.Nodes) != actors+1 { // + the external tajikistan
		t.Errorf("%d nodes, want %d", len(gr.Nodes), actors+1)
	}
	if len(gr.Edges) != ties {
		t.Errorf("%d edges, want %d", len(gr.Edges), ties)
	}
	if got := nodeAttrs["tajikistan"]; got["external"] != "true" || got["label"] != "tajikistan" {
		t.Errorf("external end: %v", got)
	}
	if got := nodeAttrs["csto"]["sources"]; got != "general-reference, CSTO record: charter 2002" {
		t.Errorf("csto sources %q", got)
	}
	key := graph.TieKey(graph.Tie{Type: graph.TieMemberOf, From: "kazakhstan", To: "sco", Attrs: map[string]string{"role": "member"}}, "")
	if got := edgeAttrs[key]["sources"]; got != `general-reference, SCO record: founding member || survey, Глава 2: "founder" & <host>` {
		t.Errorf("sources %q", got)
	}
}

type declared struct{ name, typ string }

// values reads a node's or edge's data, checking each key is declared for
// it and that ints and booleans are well formed.
func values(t *testing.T, what string, data []parsedData, keys map[string]declared) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, d := range data {
		k, ok := keys[d.Key]
		if !ok {
			t.Errorf("%s: data key %q is not declared for it", what, d.Key)
			continue
		}
		if _, dup := out[k.name]; dup {
			t.Errorf("%s: %s given twice", what, k.name)
		}
		switch k.typ {
		case "int":
			if strings.Trim(d.Value, "0123456789") != "" || d.Value == "" {
				t.Errorf("%s: %s = %q is not an int", what, k.name, d.Value)
			}
		case "boolean":
			if d.Value != "true" && d.Value != "false" {
				t.Errorf("%s: %s = %q is not a boolean", what, k.name, d.Value)
			}
		}
		out[k.name] = d.Value
	}
	return out
}

func TestGraphMLEmpty(t *testing.T) {
	g := parseGraphML(t, writeGraphML(t, nil))
	if len(g.Graphs[0].Nodes) != 0 || len(g.Graphs[0].Edges) != 0 {
		t.Error("an empty export has nodes or edges")
	}
}

func TestGraphMLRejectsBadInt(t *testing.T) {
	ds := fixture()
	ds[1].Ties[0].Attrs = map[string]string{"route": "north-route", "order": "two", "mode": "road"}
	if err := GraphML(&bytes.Buffer{}, ds); err == nil || !strings.Contains(err.Error(), "whole number") {
		t.Errorf("got %v, want an error about the order", err)
	}
}

// TestJSONShape reads the JSON back and checks it holds every item with
// its text intact.
func TestJSONShape(t *testing.T) {
	ds := fixture()
	var buf bytes.Buffer
	if err := JSON(&buf, ds); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Datasets []struct {
			Name      string
			Documents []struct{ ID, Title, Published string }
			Actors    []struct {
				ID, Name, Label string
				Aliases         []string
			}
			Ties []struct {
				Key, Type, From, To, Since, Until, Note string
				Attrs                                   map[string]string
				Sources                                 []struct{ Doc, Section, Evidence string }
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Datasets) != 2 || doc.Datasets[0].Name != "core" || doc.Datasets[1].Name != "extra" {
		t.Fatalf("datasets %+v", doc.Datasets)
	}
	core := doc.Datasets[0]
	if len(core.Documents) != 2 || core.Documents[1].Title != `Watch No. 1: "Partners & rivals" <draft>` || core.Documents[1].Published != "2012-02" {
		t.Errorf("documents %+v", core.Documents)
	}
	if len(core.Actors) != 5 || core.Actors[1].ID != "kazakhstan" || core.Actors[1].Name != "Казахстан" || core.Actors[0].Label != "ОДКБ" {
		t.Errorf("actors %+v", core.Actors)
	}
	if len(core.Ties) != 5 {
		t.Fatalf("ties %+v", core.Ties)
	}
	for i, tie := range core.Ties {
		if i > 0 && core.Ties[i-1].Key >= tie.Key {
			t.Errorf("ties out of order: %s before %s", core.Ties[i-1].Key, tie.Key)
		}
		if tie.Attrs == nil || len(tie.Sources) == 0 {
			t.Errorf("tie %s: attrs %v, sources %v", tie.Key, tie.Attrs, tie.Sources)
		}
	}
	if !strings.Contains(buf.String(), `"note": "Rejoined, then \"suspended\" <2012> & out"`) {
		t.Error("JSON escapes '<' or '&' (it should leave them readable)")
	}
}
