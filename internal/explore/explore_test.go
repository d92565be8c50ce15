package explore

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/seeds"
)

var (
	writeTo    = flag.String("write", "", "write the built-in data's page to this file (to look at it)")
	writeSynth = flag.String("write-synthetic", "", "write the synthetic 1,000-actor graph's page to this file")
)

// builtin is the dataset built into relmap, merged as a snapshot reads it.
func builtin(t testing.TB) *graph.Dataset {
	t.Helper()
	sets, err := seed.LoadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	out := &graph.Dataset{Name: "all"}
	for _, d := range sets {
		out.Documents = append(out.Documents, d.Documents...)
		out.Actors = append(out.Actors, d.Actors...)
		out.Ties = append(out.Ties, d.Ties...)
	}
	out.Sort()
	return out
}

var sourceDate = graph.MustDate("2012-02-01")

// through is the last day of the tests' slider, fixed so that pages do not
// change with the day the tests run.
var through = graph.MustDate("2026-12-01")

func writePage(t testing.TB, ds *graph.Dataset, at graph.Date) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, Build(ds, Options{At: at, Through: through, Generator: "relmap test"})); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestWritePage(t *testing.T) {
	b := writePage(t, builtin(t), sourceDate)
	if *writeTo != "" {
		if err := os.WriteFile(*writeTo, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *writeSynth != "" {
		if err := os.WriteFile(*writeSynth, writePage(t, synthetic(t), sourceDate), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b, writePage(t, builtin(t), sourceDate)) {
		t.Error("two pages of the same data differ")
	}
}

// TestLibraryChecksum: the embedded library is the pinned release.
func TestLibraryChecksum(t *testing.T) {
	sum := sha256.Sum256([]byte(library))
	if got := hex.EncodeToString(sum[:]); got != librarySHA256 {
		t.Fatalf("assets/cytoscape.min.js: SHA-256 %s, pinned %s", got, librarySHA256)
	}
	if err := checkLibrary(library + " "); err == nil || !strings.Contains(err.Error(), libraryVersion) {
		t.Errorf("a changed library was not refused: %v", err)
	}
	if err := checkLibrary(library); err != nil {
		t.Error(err)
	}
}

const hostile = "</script><script>document.title='owned'</script><!-- \u2028 & \"q\""

// hostileDataset has text in every place the page shows that would end the
// script, open a comment or run code if it were pasted in unescaped.
func hostileDataset() *graph.Dataset {
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{{ID: "doc", Title: hostile, Publisher: hostile, Kind: "document", Dataset: "t"}},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: hostile, Aliases: []string{"Qazaqstan " + hostile}, Note: hostile, Region: "central-asia", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "CSTO", Dataset: "t"},
		},
	}
	t := graph.Tie{Type: graph.TieMemberOf, From: "kazakhstan", To: "csto", Attrs: map[string]string{"role": "member"}, Note: hostile,
		Since: graph.MustDate("1994"), Sources: []graph.Citation{{Doc: "doc", Section: hostile, Evidence: hostile}}, Dataset: "t"}
	t.Key = graph.TieKey(t, "")
	d.Ties = []graph.Tie{t}
	return d
}

func TestHostileTextStaysText(t *testing.T) {
	page := string(writePage(t, hostileDataset(), sourceDate))
	if n := strings.Count(strings.ToLower(page), "</script"); n != 2 {
		t.Errorf("the page holds %d </script, want the 2 that close its own scripts", n)
	}
	if strings.Contains(page, "<!-- ") || strings.Contains(page, "\u2028") {
		t.Error("a comment opener or a raw U+2028 reached the page")
	}
	tb := openPage(t, []byte(page))
	tb.do(t, chromedp.SendKeys(`#search`, "qazaqstan"), chromedp.SendKeys(`#search`, "\r"))
	if got := tb.text(t, `#panel h3`); got != strings.TrimSpace(strings.ReplaceAll(hostile, "\u2028", " ")) && got != hostile {
		t.Errorf("the panel shows %q, want the name as text: %q", got, hostile)
	}
	if title := eval[string](t, tb, `document.title`); title == "owned" {
		t.Error("text of the data ran as script")
	}
	if n := eval[int](t, tb, `document.scripts.length`); n != 2 {
		t.Errorf("%d script elements after showing the data, want 2", n)
	}
	if m := tb.messages(); len(m) > 0 {
		t.Errorf("console: %v", m)
	}
}
