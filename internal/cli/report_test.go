package cli

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// Hostile names: markup that would run or restyle the page if any of it
// reached the HTML unescaped.
const (
	hostileScript = `<script>alert(1)</script>`
	hostileMarkup = `"q" & <b>`
	hostileCite   = `</td><script>alert(2)</script>`
)

// reportDataset is a small region with all the report draws: the three
// spheres, a ladder with a programme part of another, a network of two
// routes with a leg no longer in use, and hostile names on a state, a place,
// a document and a citation.
func reportDataset() *graph.Dataset {
	src := []graph.Citation{{Doc: "doc", Section: "Editorial", Evidence: "test"}}
	bad := []graph.Citation{{Doc: "hostile-doc", Section: hostileMarkup, Evidence: hostileCite}}
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{
			{ID: "doc", Title: "A source", Publisher: "EUCAM", Published: graph.MustDate("2012-02"), Kind: "document", Dataset: "t"},
			{ID: "hostile-doc", Title: hostileScript + " report", Publisher: hostileMarkup, URL: "https://example.org/report", Kind: "document", Dataset: "t"},
		},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: "Kazakhstan", Region: "central-asia", Dataset: "t"},
			{ID: "turkmenistan", Kind: graph.KindState, Name: "Turkmenistan", Region: "central-asia", Dataset: "t"},
			{ID: "hostile", Kind: graph.KindState, Name: hostileScript, Region: "central-asia", Dataset: "t"},
			{ID: "russia", Kind: graph.KindState, Name: "Russia", Region: "eurasia", Dataset: "t"},
			{ID: "nato", Kind: graph.KindOrganisation, Name: "North Atlantic Treaty Organization", Short: "NATO", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "CSTO", Dataset: "t"},
			{ID: "sco", Kind: graph.KindOrganisation, Name: "Shanghai Cooperation Organisation", Short: "SCO", Dataset: "t"},
			{ID: "pfp", Kind: graph.KindProgramme, Name: "Partnership for Peace", Short: "PfP", Dataset: "t"},
			{ID: "ipap", Kind: graph.KindProgramme, Name: "Individual Partnership Action Plan", Short: "IPAP", Dataset: "t"},
			{ID: "ndn", Kind: graph.KindRoute, Name: "Northern Distribution Network", Short: "NDN", Dataset: "t"},
			{ID: "ndn-north", Kind: graph.KindRoute, Name: "NDN north", Dataset: "t"},
			{ID: "q-place", Kind: graph.KindPlace, Name: hostileMarkup, Dataset: "t"},
		},
	}
	tie := func(typ graph.TieType, from, to string, attrs map[string]string, since, until string, cites []graph.Citation) graph.Tie {
		t := graph.Tie{Type: typ, From: from, To: to, Attrs: attrs, Since: graph.MustDate(since), Until: graph.MustDate(until), Sources: cites, Dataset: "t"}
		t.Key = graph.TieKey(t, "")
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

// writeReport runs the report command on the dataset and returns the file.
func writeReport(t *testing.T, f *fakeStore, path string, args ...string) []byte {
	t.Helper()
	_, stderr, code := run(t, f, append([]string{"report", "--at", "2012-02-01", "-o", path}, args...)...)
	if code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// htmlDoc is what a tolerant parse of the page finds.
type htmlDoc struct {
	elements map[string]int // by lower-case local name
	refs     []string       // every href, src and xlink:href value
	styles   []string       // every style attribute and style element's text
	text     string         // all character data, entities decoded
}

// parseHTML reads the page with encoding/xml in its HTML mode: void elements
// close themselves and HTML entities decode, so what reaches text is what a
// browser would show as text rather than treat as markup.
func parseHTML(t *testing.T, b []byte) htmlDoc {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	doc := htmlDoc{elements: map[string]int{}}
	var text strings.Builder
	inStyle := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page does not parse: %v", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(x.Name.Local)
			doc.elements[name]++
			inStyle = name == "style"
			for _, a := range x.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "href", "src":
					doc.refs = append(doc.refs, a.Value)
				case "style":
					doc.styles = append(doc.styles, a.Value)
				}
			}
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle {
				doc.styles = append(doc.styles, string(x))
			}
			text.Write(x)
		}
	}
	doc.text = text.String()
	return doc
}

func TestReportIsSelfContainedAndEscaped(t *testing.T) {
	ds := reportDataset()
	f := &fakeStore{loaded: []*graph.Dataset{ds}}
	b := writeReport(t, f, filepath.Join(t.TempDir(), "report.html"))
	page := string(b)

	if !strings.HasPrefix(page, "<!DOCTYPE html>\n") || !strings.HasSuffix(page, "</html>\n") {
		t.Errorf("not one whole HTML document: starts %q, ends %q", page[:min(40, len(page))], page[max(0, len(page)-40):])
	}
	doc := parseHTML(t, b)

	// No script, nothing that loads or embeds anything.
	for _, el := range []string{"script", "iframe", "object", "embed", "img", "link", "foreignobject", "image", "use", "base"} {
		if doc.elements[el] > 0 {
			t.Errorf("the page has %d <%s> elements", doc.elements[el], el)
		}
	}
	if doc.elements["b"] > 0 {
		t.Errorf("a hostile name became a <b> element")
	}
	if re := regexp.MustCompile(`(?i)<script`); re.MatchString(page) {
		t.Errorf("the page holds %q", re.FindString(page))
	}
	if re := regexp.MustCompile(`(?i)\son[a-z]+\s*=`); re.MatchString(page) {
		t.Errorf("the page holds an event handler: %q", re.FindString(page))
	}
	for _, r := range doc.refs {
		if !strings.HasPrefix(r, "#") {
			t.Errorf("reference outside the page: %q", r)
		}
	}
	for _, s := range doc.styles {
		low := strings.ToLower(s)
		if strings.Contains(low, "@import") || strings.Contains(low, "@font-face") ||
			regexp.MustCompile(`url\(\s*['"]?[^#'"\s]`).MatchString(low) {
			t.Errorf("style reaches outside the page: %q", s)
		}
	}
	if !strings.Contains(page, `content="default-src 'none'; style-src 'unsafe-inline'"`) {
		t.Errorf("no content security policy forbidding scripts and requests")
	}

	// Hostile names are there, as text.
	for _, name := range []string{hostileScript, hostileMarkup, hostileCite} {
		if strings.Contains(page, name) {
			t.Errorf("%q appears unescaped", name)
		}
		if !strings.Contains(doc.text, name) {
			t.Errorf("%q does not appear as text", name)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("the hostile state name is not escaped as expected")
	}

	// The content.
	fp := graph.FingerprintOf(f.loaded).Hash
	for _, want := range []string{
		"<title>NATO, CSTO and SCO in Central Asia</title>",
		"1 February 2012", "2012-02-01", fp,
		`id="comparison"`, `id="fig-comparison"`, `id="fig-sphere-nato"`, `id="fig-sphere-csto"`, `id="fig-sphere-sco"`,
		`id="fig-network"`, `id="fig-ladder"`, `id="states"`, `id="sources"`,
		"NATO &#43; CSTO &#43; SCO", "interested (PfP)", "@media print", "break-before: page",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := doc.elements["svg"]; n != 6 {
		t.Errorf("%d inline SVG diagrams, want 6 (comparison, three spheres, network, ladder)", n)
	}
	if strings.Contains(page, "<?xml") || strings.Contains(page, "<!DOCTYPE svg") || strings.Contains(page, "<!--") {
		t.Errorf("an SVG prolog, DOCTYPE or comment was left in")
	}
	// Each figure's ids are its own.
	ids := regexp.MustCompile(`\sid="([^"]+)"`).FindAllStringSubmatch(page, -1)
	seen := map[string]bool{}
	for _, m := range ids {
		if seen[m[1]] {
			t.Errorf("id %q appears twice", m[1])
		}
		seen[m[1]] = true
	}
	// Every state of the region has its summary, with ties in force only:
	// the leg that ended in 2011 is not among the hostile state's ties.
	for _, id := range []string{"hostile", "kazakhstan", "turkmenistan"} {
		if !strings.Contains(page, `id="state-`+id+`"`) {
			t.Errorf("no summary for %s", id)
		}
	}
	if strings.Contains(page, `id="state-russia"`) {
		t.Errorf("a state outside the region has a summary")
	}
	summary := page[strings.Index(page, `id="state-hostile"`):strings.Index(page, `id="state-kazakhstan"`)]
	if strings.Contains(summary, "order: 3") || !strings.Contains(summary, "order: 2") {
		t.Errorf("the hostile state's summary should hold leg 2 (in force) and not leg 3 (ended 2011):\n%s", summary)
	}
	// The sources count their citations, most cited first: doc backs 14
	// ties, 13 in force (Turkmenistan's SCO observer status begins in 2020);
	// hostile-doc backs 3, 2 in force (leg 3 ended in 2011).
	sources := page[strings.Index(page, `id="sources"`):]
	rows := regexp.MustCompile(`<tr id="src-(\d)">.*?<td class="num">(\d+)</td><td class="num">(\d+)</td></tr>`).FindAllStringSubmatch(sources, -1)
	if len(rows) != 2 || rows[0][2] != "14" || rows[0][3] != "13" || rows[1][2] != "3" || rows[1][3] != "2" {
		t.Errorf("source counts: %q", rows)
	}
	if !strings.Contains(sources, "example.org/report") || strings.Contains(sources, `href="https://`) {
		t.Errorf("a document's URL should be shown as text, never linked")
	}
}

func TestReportIsDeterministic(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	a := writeReport(t, f, filepath.Join(dir, "a.html"))
	b := writeReport(t, f, filepath.Join(dir, "b.html"))
	if !bytes.Equal(a, b) {
		t.Fatalf("two runs differ (%d and %d bytes)", len(a), len(b))
	}
	out, _, code := run(t, f, "report", "--at", "2012-02-01", "-o", "-")
	if code != 0 || out != string(a) {
		t.Errorf("-o - (exit %d) does not write the same page to stdout", code)
	}
}

func TestReportOptions(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	b := string(writeReport(t, f, filepath.Join(dir, "r.html"), "nato", "SCO", "--region", "all", "--title", "Wide "+hostileMarkup))
	for _, want := range []string{"<title>Wide &#34;q&#34; &amp; &lt;b&gt;</title>", `id="state-russia"`, `id="fig-sphere-sco"`} {
		if !strings.Contains(b, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Contains(b, `id="fig-sphere-csto"`) {
		t.Errorf("CSTO drawn though not asked for")
	}
	// Without NATO there is no ladder.
	b = string(writeReport(t, f, filepath.Join(dir, "s.html"), "csto"))
	if strings.Contains(b, `id="fig-ladder"`) {
		t.Errorf("without NATO: ladder drawn")
	}
	// A network asked for by name must be a route in the data.
	if _, stderr, code := run(t, f, "report", "-o", filepath.Join(dir, "n.html"), "--network", "nowhere"); code != ExitUsage || !strings.Contains(stderr, "ndn-north") {
		t.Errorf("--network nowhere: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "n.html")); err == nil {
		t.Errorf("--network nowhere wrote a report")
	}
	// Without the default network, a note says so.
	noNDN := reportDataset()
	kept := noNDN.Actors[:0]
	for _, a := range noNDN.Actors {
		if a.Kind != graph.KindRoute {
			kept = append(kept, a)
		}
	}
	noNDN.Actors = kept
	var ties []graph.Tie
	for _, x := range noNDN.Ties {
		if x.Type != graph.TieTransit && x.Type != graph.TiePartOf {
			ties = append(ties, x)
		}
	}
	noNDN.Ties = ties
	b = string(writeReport(t, &fakeStore{loaded: []*graph.Dataset{noNDN}}, filepath.Join(dir, "u.html"), "csto"))
	if !strings.Contains(b, "The data has no route &#34;ndn&#34;.") {
		t.Errorf("the missing default network is not said")
	}
	// Before anything was in force the figures say there is nothing to draw.
	b = string(writeReport(t, f, filepath.Join(dir, "t.html"), "--at", "1990"))
	if !strings.Contains(b, "Nothing to draw as of 1990.") {
		t.Errorf("an empty figure is not said to be empty")
	}
}

func TestReportUsageErrors(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{reportDataset()}}
	dir := t.TempDir()
	for _, args := range [][]string{
		{"report"},
		{"report", "-o", filepath.Join(dir, "r.pdf")},
		{"report", "--at", "2012-13", "-o", filepath.Join(dir, "r.html")},
		{"report", "--region", "atlantis", "-o", filepath.Join(dir, "r.html")},
		{"report", "no-such-org", "-o", filepath.Join(dir, "r.html")},
	} {
		if _, _, code := run(t, f, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if _, stderr, code := run(t, &fakeStore{}, "report", "-o", filepath.Join(dir, "r.html")); code != ExitUsage || !strings.Contains(stderr, "relmap load") {
		t.Errorf("empty graph: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "r.html")); err == nil {
		t.Errorf("a failed report left a file behind")
	}
}
