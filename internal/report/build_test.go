package report

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
	"github.com/relmap/relmap/internal/report/reporttest"
)

func defaults() Options {
	return Options{At: graph.MustDate("2012-02-01"), Network: "ndn", Generator: "relmap test"}
}

// htmlOf builds and writes the report.
func htmlOf(t *testing.T, ds *graph.Dataset, o Options) []byte {
	t.Helper()
	rep, err := Build(context.Background(), ds, o)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
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
	ds := reporttest.Dataset()
	b := htmlOf(t, ds, defaults())
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
	for _, name := range []string{reporttest.HostileScript, reporttest.HostileMarkup, reporttest.HostileCite} {
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
	fp := graph.FingerprintOf([]*graph.Dataset{ds}).Hash
	for _, want := range []string{
		"<title>NATO, CSTO and SCO in Central Asia</title>", "The NATO, CSTO and SCO spheres in Central Asia",
		"NATO&#39;s partnership ladder in Central Asia",
		"1 February 2012", "2012-02-01", fp,
		`id="comparison"`, `id="fig-comparison"`, `id="fig-sphere-nato"`, `id="fig-sphere-csto"`, `id="fig-sphere-sco"`,
		`id="fig-network"`, `id="fig-ladder"`, `id="states"`, `id="sources"`,
		"NATO &#43; CSTO &#43; SCO", "interested (PfP)", "@media print", "break-before: page",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := doc.elements["svg"]; n != 7 {
		t.Errorf("%d inline SVG diagrams, want 7 (comparison, three spheres, network, ladder, timeline)", n)
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
	a := htmlOf(t, reporttest.Dataset(), defaults())
	b := htmlOf(t, reporttest.Dataset(), defaults())
	if !bytes.Equal(a, b) {
		t.Fatalf("two builds differ (%d and %d bytes)", len(a), len(b))
	}
}

func TestReportOptions(t *testing.T) {
	ds := reporttest.Dataset()
	o := defaults()
	o.Orgs, o.Region, o.Title = []string{"nato", "sco"}, compare.AllRegions, "Wide "+reporttest.HostileMarkup
	b := string(htmlOf(t, ds, o))
	for _, want := range []string{"<title>Wide &#34;q&#34; &amp; &lt;b&gt;</title>", `id="state-russia"`, `id="fig-sphere-sco"`} {
		if !strings.Contains(b, want) {
			t.Errorf("lacks %q", want)
		}
	}
	if strings.Contains(b, `id="fig-sphere-csto"`) {
		t.Errorf("CSTO drawn though not asked for")
	}
	// Without NATO there is no ladder.
	o = defaults()
	o.Orgs = []string{"csto"}
	if b := string(htmlOf(t, ds, o)); strings.Contains(b, `id="fig-ladder"`) {
		t.Errorf("without NATO: ladder drawn")
	}
	// A network asked for by name must be a route in the data.
	o = defaults()
	o.Network, o.NetworkAsked = "nowhere", true
	var bad *InputError
	if _, err := Build(context.Background(), ds, o); !errors.As(err, &bad) || !strings.Contains(err.Error(), "ndn-north") {
		t.Errorf("--network nowhere: %v", err)
	}
	// Without the default network, a note says so.
	noNDN := reporttest.Dataset()
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
	o = defaults()
	o.Orgs = []string{"csto"}
	if b := string(htmlOf(t, noNDN, o)); !strings.Contains(b, "The data has no route &#34;ndn&#34;.") {
		t.Errorf("the missing default network is not said")
	}
	// Before anything was in force the figures say there is nothing to draw.
	o = defaults()
	o.At = graph.MustDate("1990")
	if b := string(htmlOf(t, ds, o)); !strings.Contains(b, "Nothing to draw as of 1990.") {
		t.Errorf("an empty figure is not said to be empty")
	}
	// Unknown organisations and regions are the caller's mistake.
	for _, o := range []Options{{At: o.At, Orgs: []string{"no-such-org"}}, {At: o.At, Region: "atlantis"}} {
		if _, err := Build(context.Background(), ds, o); !errors.As(err, &bad) {
			t.Errorf("%+v: %v, want an InputError", o, err)
		}
	}
}

// The state summaries follow the sphere rule: an observer is associated,
// not in the sphere.
func TestReportNamesAssociatedSpheres(t *testing.T) {
	o := defaults()
	o.At = graph.MustDate("2021")
	rep, err := Build(context.Background(), reporttest.Dataset(), o)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range rep.States {
		if s.ID == "turkmenistan" {
			found = true
			if s.Spheres != "NATO; associated with SCO" {
				t.Errorf("Turkmenistan's spheres: %q", s.Spheres)
			}
		}
	}
	if !found {
		t.Error("no summary for Turkmenistan")
	}
	if rep.Rule != graph.SphereRule {
		t.Errorf("rule %q", rep.Rule)
	}
}

// The report lists what no source speaks for on its day, marks the cells
// resting on it, and says so when there is nothing.
func TestReportListsUnconfirmed(t *testing.T) {
	ds := reporttest.Dataset()
	for _, c := range []struct {
		at   string
		want []string // state, tie, other party of each row
	}{
		// The hostile document is undated: the hostile state's open ties
		// are unconfirmed even on the source's date (its border with
		// Kazakhstan is cited to the dated source and is not).
		{"2012-02-01", []string{reporttest.HostileScript + "/member of/CSTO", reporttest.HostileScript + "/participates in/PfP"}},
		// From March 2012 the 2012-02 source no longer speaks either; the
		// states in the matrix's order (by name), a shared tie once.
		{"2012-03-01", []string{reporttest.HostileScript + "/borders/Kazakhstan", reporttest.HostileScript + "/member of/CSTO",
			reporttest.HostileScript + "/participates in/PfP", "Kazakhstan/ipap/IPAP", "Kazakhstan/member of/CSTO",
			"Kazakhstan/member of/SCO", "Kazakhstan/participates in/PfP", "Turkmenistan/participates in/PfP"}},
	} {
		o := defaults()
		o.At = graph.MustDate(c.at)
		rep, err := Build(context.Background(), ds, o)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range rep.Unconfirmed {
			got = append(got, u.State+"/"+u.Type+"/"+u.Other)
		}
		if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s: unconfirmed\n%s\nwant\n%s", c.at, strings.Join(got, "\n"), strings.Join(c.want, "\n"))
		}
		if c.at == "2012-03-01" && rep.Matrix[1].Cells[0].Label != "IPAP?" {
			t.Errorf("%s: Kazakhstan's NATO cell %q, want IPAP?", c.at, rep.Matrix[1].Cells[0].Label)
		}
	}
	o := defaults()
	o.At = graph.MustDate("2012-02-01")
	only := graph.ConfirmedOnly(ds, o.At)
	page := string(htmlOf(t, only, o))
	if !strings.Contains(page, "The sources speak for every tie of the region in force on 1 February 2012.") {
		t.Error("with nothing unconfirmed the page does not say so")
	}
}
