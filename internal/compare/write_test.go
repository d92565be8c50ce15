package compare

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	goldenfile "github.com/relmap/relmap/internal/golden"

	"github.com/relmap/relmap/graph"
)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got)
}

var extensions = map[Format]string{Table: "txt", CSV: "csv", TSV: "tsv", JSON: "json", Markdown: "md"}

// The golden files have unconfirmed cells in every format: on 2016-01-01
// Alphastan's IPAP (attested to 2012-02, PARP still attested beside it) and
// Betastan's CSTO suspension (a note of 2012, the membership attested to
// 2020, so the sources alone put Betastan inside the CSTO). The changes from
// 2010 have an end a source states (Gammastan's IPCP), relations no longer
// attested, and joins.
func TestWriteGolden(t *testing.T) {
	ds := testDataPublished(map[string]string{"csto-note": "2012"})
	r, err := Compare(ds, nil, "", graph.MustDate("2016-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	changes, err := Diff(ds, nil, "", graph.MustDate("2010-01-01"), graph.MustDate("2016-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Formats {
		for _, withSources := range []bool{false, true} {
			suffix := "." + extensions[f]
			if withSources {
				suffix = "-sources" + suffix
			}
			t.Run(string(f)+suffix, func(t *testing.T) {
				var b bytes.Buffer
				if err := Write(&b, r, f, WriteOptions{Sources: withSources}); err != nil {
					t.Fatal(err)
				}
				checkParses(t, f, b.Bytes())
				golden(t, "compare"+suffix, b.Bytes())

				b.Reset()
				if err := WriteDiff(&b, changes, f, WriteOptions{Sources: withSources}); err != nil {
					t.Fatal(err)
				}
				checkParses(t, f, b.Bytes())
				golden(t, "diff"+suffix, b.Bytes())
			})
		}
	}
}

// With --confirmed-only a diff reads each open tie only as far as its
// sources speak: Alphastan's IPAP is no longer attested, which is not an
// end a source states, and the basis says so.
func TestWriteDiffConfirmedOnlyGolden(t *testing.T) {
	ds := graph.ConfirmedOnly(testDataPublished(map[string]string{"csto-note": "2012"}), graph.Date{})
	changes, err := Diff(ds, nil, "", graph.MustDate("2010-01-01"), graph.MustDate("2016-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, changes, Table, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "diff-confirmed-only.txt", b.Bytes())
}

// The machine formats must stay readable by ordinary readers: CSV as one
// rectangular table, JSON as one value.
func checkParses(t *testing.T, f Format, b []byte) {
	t.Helper()
	switch f {
	case CSV:
		if _, err := csv.NewReader(bytes.NewReader(b)).ReadAll(); err != nil {
			t.Errorf("CSV does not parse: %v", err)
		}
	case TSV:
		// One record a line, every line as many fields as the header.
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		for i, l := range lines {
			if n, want := strings.Count(l, "\t"), strings.Count(lines[0], "\t"); n != want {
				t.Errorf("TSV line %d has %d tabs, the header %d", i+1, n, want)
			}
		}
	case JSON:
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("JSON does not parse: %v", err)
		}
	}
}

func TestWriteNoChanges(t *testing.T) {
	c, err := Diff(testData(), nil, "", graph.MustDate("2017-06-07"), graph.MustDate("2017-06-08"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteDiff(&b, c, Table, WriteOptions{Sources: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("No changes.")) {
		t.Errorf("no changes:\n%s", b.String())
	}
}

func TestParseFormat(t *testing.T) {
	for _, f := range Formats {
		if got, err := ParseFormat(string(f)); err != nil || got != f {
			t.Errorf("ParseFormat(%s) = %s, %v", f, got, err)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): no error")
	}
}

// On a terminal the table's rows fit its width: a citation too long for it
// is cut with "…" rather than wrapped by the terminal mid-word; in a file
// (width 0) it stays whole.
func TestWriteTableFitsWidth(t *testing.T) {
	r, err := Compare(testDataPublished(map[string]string{"csto-note": "2012"}), nil, "", graph.MustDate("2016-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	var whole, fitted bytes.Buffer
	if err := Write(&whole, r, Table, WriteOptions{Sources: true}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&fitted, r, Table, WriteOptions{Sources: true, Width: 60}); err != nil {
		t.Fatal(err)
	}
	widest := func(s string) int {
		n := 0
		for _, l := range strings.Split(s, "\n") {
			n = max(n, utf8.RuneCountInString(l))
		}
		return n
	}
	if widest(whole.String()) <= 60 {
		t.Fatalf("the fixture's table is %d columns wide: too narrow to test fitting", widest(whole.String()))
	}
	for _, l := range strings.Split(fitted.String(), "\n") {
		if n := utf8.RuneCountInString(l); n > 60 && strings.Contains(l, "  ") {
			t.Errorf("table row %d columns wide on a 60-column terminal: %q", n, l)
		}
	}
	if !strings.Contains(fitted.String(), "…") {
		t.Error("no value was cut with …")
	}
}
