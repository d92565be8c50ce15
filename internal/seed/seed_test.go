package seed

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/seeds"
)

const good = "testdata/good"

// Each broken file is loaded together with the valid dataset in
// testdata/good, so that it only needs to hold its one mistake; want is the
// message it must produce, without the leading "testdata/broken/".
var brokenCases = []struct {
	file, want string
}{
	{"syntax.yaml", "syntax.yaml:5: YAML syntax: mapping values are not allowed in this context"},
	{"bom.yaml", "bom.yaml:4: unknown field 'knd' (did you mean 'kind'?)"},
	{"invalid-utf8.yaml", "invalid-utf8.yaml:5: invalid UTF-8 (byte 0xff)"},
	{"control-char.yaml", "control-char.yaml:5: control character U+0001"},
	{"empty.yaml", "empty.yaml:1: the file is empty"},
	{"comments-only.yaml", "comments-only.yaml:1: the file is empty"},
	{"unknown-field.yaml", "unknown-field.yaml:7: unknown field 'sicne' (did you mean 'since'?)"},
	{"duplicate-key.yaml", "duplicate-key.yaml:7: duplicate key 'name' (also at line 5)"},
	{"bad-kind.yaml", "bad-kind.yaml:4: unknown actor kind 'stat' (did you mean 'state'?)"},
	{"bad-type.yaml", "bad-type.yaml:3: unknown tie type 'membr_of' (did you mean 'member_of'?)"},
	{"bad-attr-value.yaml", `bad-attr-value.yaml:7: role "chief" is not one of member, observer`},
	{"missing-attr.yaml", `missing-attr.yaml:3: a member_of tie needs "role"`},
	{"no-attributes.yaml", "no-attributes.yaml:6: unknown field 'role' (a supports tie takes no attributes)"},
	{"unknown-actor.yaml", "unknown-actor.yaml:4: unknown actor 'kazakstan' (did you mean 'kazakhstan'?)"},
	{"bad-date.yaml", `bad-date.yaml:7: ` + "`since`" + `: date "2002/10/07" is not YYYY, YYYY-MM or YYYY-MM-DD`},
	{"no-such-day.yaml", `no-such-day.yaml:7: ` + "`since`" + `: date "2002-02-29": day 29 does not exist`},
	{"until-before-since.yaml", "until-before-since.yaml:8: `until` 2002 is not after `since` 2002-10"},
	{"missing-since.yaml", "missing-since.yaml:3: missing `since`"},
	{"missing-sources.yaml", "missing-sources.yaml:3: a tie needs at least one source"},
	{"missing-evidence.yaml", "missing-evidence.yaml:8: missing `evidence`"},
	{"unknown-doc.yaml", "unknown-doc.yaml:9: unknown document 'general-refrence' (did you mean 'general-reference'?)"},
	{"huge-value.yaml", "huge-value.yaml:6: `note` is 2249 characters long; at most 2000 are allowed"},
	{"duplicate-actor.yaml", "duplicate-actor.yaml:6: actor 'kazakhstan' is defined twice (also at testdata/good/core.yaml:16)"},
	{"duplicate-document.yaml", "duplicate-document.yaml:3: document 'watch' is defined twice (also at testdata/good/core.yaml:5)"},
	{"duplicate-tie.yaml", "duplicate-tie.yaml:3: tie participates_in|kazakhstan|pfp|status=active is defined twice (also at testdata/good/core.yaml:69) (if these are two periods of one relation, give one a `key`"},
	{"transit-gap.yaml", "transit-gap.yaml:18: route 'south-route' jumps from leg 1 to leg 3: leg 2 is missing"},
	{"transit-duplicate-order.yaml", "transit-duplicate-order.yaml:18: route 'south-route' has two legs numbered 1 (the other at line 7)"},
	{"transit-disconnected.yaml", "transit-disconnected.yaml:18: leg 2 of route 'south-route' starts at 'kazakhstan', but leg 1 ends at 'uzbekistan' (line 7)"},
	{"route-not-route.yaml", "route-not-route.yaml:6: 'termez' is a place, not a route"},
	{"wrong-end-kind.yaml", "wrong-end-kind.yaml:5: a member_of tie cannot end at a programme (allowed: organisation)"},
	{"bad-slug.yaml", "bad-slug.yaml:3: `id` 'Kyrgyz_Republic' is not a valid id"},
	{"bad-key.yaml", "bad-key.yaml:8: `key` 'Second Period' is not a valid id"},
	{"wrong-yaml-type.yaml", "wrong-yaml-type.yaml:6: `name` must be a single value, not a list"},
	{"aliases-not-list.yaml", "aliases-not-list.yaml:6: `aliases` must be a list, not a single value"},
	{"missing-dataset.yaml", "missing-dataset.yaml:1: missing `dataset`"},
	{"not-a-mapping.yaml", "not-a-mapping.yaml:1: the file is a list, not a mapping of fields"},
	{"two-documents.yaml", "two-documents.yaml:2: a second YAML document starts here"},
	{"yaml-alias.yaml", "yaml-alias.yaml:6: YAML aliases (*n) are not supported"},
	{"csv-syntax.ties.csv", `csv-syntax.ties.csv:3: CSV syntax: bare " in non-quoted-field`},
	{"csv-unknown-column.actors.csv", "csv-unknown-column.actors.csv:1: unknown column 'nmae' (did you mean 'name'?)"},
	{"csv-missing-column.actors.csv", "csv-missing-column.actors.csv:1: missing column 'kind'"},
	{"csv-row-length.actors.csv", "csv-row-length.actors.csv:3: the row has 3 cells, the header 4"},
	{"csv-unknown-actor.ties.csv", "csv-unknown-actor.ties.csv:3: unknown actor 'uzbekistn' (did you mean 'uzbekistan'?)"},
	{"csv-bad-citation.ties.csv", "csv-bad-citation.ties.csv:2: source 'watch - Interview Q2' does not have three or four parts"},
	{"csv-bad-attrs.ties.csv", "csv-bad-attrs.ties.csv:2: attribute 'role' is not name=value"},
	{"csv-missing-dataset.actors.csv", "csv-missing-dataset.actors.csv:2: missing dataset"},
	{"csv-semicolons.actors.csv", "csv-semicolons.actors.csv:1: the header has one column; the file seems to use ';' between cells"},
	{"csv-multiline.ties.csv", `csv-multiline.ties.csv:4: ` + "`since`" + `: date "2002-13": month 13 does not exist`},
	{"unnamed.csv", "unnamed.csv: cannot tell what the CSV file holds"},
	{"checked-before-since.yaml", "checked-before-since.yaml:12: checked date 2012-05 precedes the tie's since 2012-06"},
	{"checked-future.yaml", "checked-future.yaml:12: checked date 2199-01 is in the future"},
	{"checked-bad-date.yaml", "checked-bad-date.yaml:12: `checked`: date \"November 2026\" is not YYYY, YYYY-MM or YYYY-MM-DD"},
	{"csv-checked-before-since.ties.csv", "csv-checked-before-since.ties.csv:2: checked date 2001 precedes the tie's since 2002"},
}

func TestBroken(t *testing.T) {
	for _, tc := range brokenCases {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", "broken", tc.file)
			ds, err := LoadPaths([]string{good, path})
			if err == nil {
				t.Fatalf("loaded %d datasets; want an error", len(ds))
			}
			if ds != nil {
				t.Errorf("datasets returned along with errors")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T, not Errors: %v", err, err)
			}
			if !strings.Contains(err.Error(), "testdata/broken/"+tc.want) {
				t.Errorf("missing message\n  want: %s\n  got:\n%v", tc.want, err)
			}
			for _, e := range es {
				if e.File != path {
					t.Errorf("problem reported in another file: %v", e)
				}
				if e.Line < 1 && tc.file != "unnamed.csv" {
					t.Errorf("no line: %v", e)
				}
			}
			// One mistake, one message: validation must not pile
			// consequences on top of the mistake itself.
			if len(es) > 1 {
				t.Errorf("%d messages for one mistake:\n%v", len(es), err)
			}
		})
	}
}

func TestBrokenCasesCoverTestdata(t *testing.T) {
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, tc := range brokenCases {
		listed[tc.file] = true
	}
	for _, e := range entries {
		if !listed[e.Name()] {
			t.Errorf("testdata/broken/%s has no case", e.Name())
		}
	}
	if len(entries) < 25 {
		t.Errorf("%d broken inputs; want at least 25", len(entries))
	}
}

func TestGood(t *testing.T) {
	ds, err := LoadPaths([]string{good})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Name != "extra" || ds[1].Name != "test" {
		t.Fatalf("datasets %v; want extra and test", names(ds))
	}
	extra, test := ds[0], ds[1]
	if n := [3]int{len(test.Documents), len(test.Actors), len(test.Ties)}; n != [3]int{2, 6, 6} {
		t.Errorf("test: documents, actors, ties = %v", n)
	}
	if n := [3]int{len(extra.Documents), len(extra.Actors), len(extra.Ties)}; n != [3]int{1, 2, 3} {
		t.Errorf("extra: documents, actors, ties = %v", n)
	}

	uz, _ := test.Actor("uzbekistan")
	if want := []string{"Republic of Uzbekistan", "O'zbekiston"}; !reflect.DeepEqual(uz.Aliases, want) {
		t.Errorf("aliases %q; want %q", uz.Aliases, want)
	}
	if uz.File != "testdata/good/core.yaml" || uz.Line != 20 || uz.Dataset != "test" {
		t.Errorf("uzbekistan at %s:%d in %q", uz.File, uz.Line, uz.Dataset)
	}
	csto, _ := test.Actor("csto")
	if csto.Note != "Founded by treaty in 1992;\na charter organisation since 2002." || len(csto.Sources) != 1 {
		t.Errorf("csto note %q, sources %v", csto.Note, csto.Sources)
	}

	ties := map[string]graph.Tie{}
	for _, x := range append(test.Ties, extra.Ties...) {
		ties[x.Key] = x
	}
	second, ok := ties["member_of|uzbekistan|csto|role=member|#second-period"]
	if !ok {
		t.Fatalf("no second period among %v", keys(ties))
	}
	if second.Since != graph.MustDate("2006-08-16") || second.Until != graph.MustDate("2012-06-28") || second.Line != 57 {
		t.Errorf("second period %v to %v at line %d", second.Since, second.Until, second.Line)
	}
	// YAML would read 1994 as a number; the date keeps its precision.
	if pfp := ties["participates_in|kazakhstan|pfp|status=active"]; pfp.Since.Precision() != graph.PrecisionYear || !pfp.Until.IsZero() {
		t.Errorf("pfp since %v (%s), until %v", pfp.Since, pfp.Since.Precision(), pfp.Until)
	}
	// borders is symmetric: the key orders the ends.
	if _, ok := ties["borders|kazakhstan|uzbekistan"]; !ok {
		t.Errorf("no symmetric borders key among %v", keys(ties))
	}
	leg := ties["transit|uzbekistan|termez|route=north-route|order=2"]
	if leg.Attrs["mode"] != "road" || len(leg.Sources) != 2 || leg.Sources[1].Evidence != "wound down 2015" {
		t.Errorf("leg 2: %+v", leg)
	}

	// CSV: columns in any order, cells trimmed, a BOM, several citations.
	sco := ties["member_of|kazakhstan|sco|role=member"]
	if sco.Dataset != "extra" || sco.File != "testdata/good/extra.ties.csv" || sco.Line != 2 || len(sco.Sources) != 2 ||
		sco.Sources[1] != (graph.Citation{Doc: "survey", Section: "Chapter 2", Evidence: "founder"}) {
		t.Errorf("sco membership: %+v", sco)
	}
	if x := ties["member_of|tajikistan|sco|role=member"]; x.Line != 3 || x.Note != "Founding member." {
		t.Errorf("tajikistan: %+v", x)
	}
	scoActor, _ := extra.Actor("sco")
	if scoActor.Note != "Founded 2001.\nSuccessor of the Shanghai Five." || len(scoActor.Aliases) != 2 {
		t.Errorf("sco actor: %+v", scoActor)
	}
	if tj, _ := extra.Actor("tajikistan"); tj.Line != 4 {
		t.Errorf("tajikistan on line %d; want 4 (after a two-line cell)", tj.Line)
	}
	if d := extra.Documents[0]; d.ID != "survey" || d.Title != "Survey, second edition" || d.Published.String() != "2013-05-01" {
		t.Errorf("survey: %+v", d)
	}
}

func TestParseFile(t *testing.T) {
	data, err := os.ReadFile("testdata/good/core.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := ParseFile("core.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Name != "test" || ds[0].Actors[0].File != "core.yaml" {
		t.Fatalf("got %v", names(ds))
	}
	// References must resolve within the file.
	data, _ = os.ReadFile("testdata/broken/duplicate-tie.yaml")
	_, err = ParseFile("x.yaml", data)
	if err == nil || !strings.Contains(err.Error(), "x.yaml:4: unknown actor 'kazakhstan'") {
		t.Errorf("got %v", err)
	}
}

// Every problem is reported, in file and line order, one per line.
func TestAllProblemsAtOnce(t *testing.T) {
	_, err := LoadPaths([]string{good, "testdata/broken/unknown-actor.yaml", "testdata/broken/bad-kind.yaml", "testdata/broken/transit-gap.yaml"})
	want := "testdata/broken/bad-kind.yaml:4: unknown actor kind 'stat' (did you mean 'state'?)\n" +
		"testdata/broken/transit-gap.yaml:18: route 'south-route' jumps from leg 1 to leg 3: leg 2 is missing (number a route's legs 1, 2, 3, ... without gaps)\n" +
		"testdata/broken/unknown-actor.yaml:4: unknown actor 'kazakstan' (did you mean 'kazakhstan'?)"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestPaths(t *testing.T) {
	_, err := LoadPaths([]string{"testdata/nowhere", "testdata"})
	want := "testdata: no seed files here (a folder is read for its *.yaml, *.yml and *.csv files)\n" +
		"testdata/nowhere: no such file or directory"
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	// A file named directly and through its folder is read once.
	if _, err := LoadPaths([]string{good, "testdata/broken/../good/core.yaml"}); err != nil {
		t.Error(err)
	}
	// Load on an fs.FS: a folder and a file.
	ds, err := Load(os.DirFS("testdata"), "good/core.yaml", "good")
	if err != nil || len(ds) != 2 || ds[1].Actors[0].File != "good/core.yaml" {
		t.Errorf("Load: %v, %v", names(ds), err)
	}
}

// The dataset built into relmap must always load.
func TestEmbeddedDataset(t *testing.T) {
	ds, err := LoadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 || len(ds[0].Ties) == 0 {
		t.Fatalf("embedded dataset is empty: %v", names(ds))
	}
}

func TestCSVRoundTrip(t *testing.T) {
	embedded, err := LoadFS(seeds.FS)
	if err != nil {
		t.Fatal(err)
	}
	local, err := LoadPaths([]string{good})
	if err != nil {
		t.Fatal(err)
	}
	// Datasets that refer to each other are written and read back together.
	for name, set := range map[string][]*graph.Dataset{"testdata": local, "embedded": embedded} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for _, d := range set {
				if err := WriteCSV(dir, d); err != nil {
					t.Fatal(err)
				}
			}
			back, err := LoadPaths([]string{dir})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names(back), names(set)) {
				t.Fatalf("read back %v; want %v", names(back), names(set))
			}
			for i := range set {
				assertEqual(t, set[i], back[i])
			}
		})
	}
}

func TestWriteCSVRefusesSeparators(t *testing.T) {
	d := &graph.Dataset{Name: "x", Actors: []graph.Actor{{ID: "a", Kind: graph.KindState, Name: "A", Aliases: []string{"b;c"}}}}
	if err := WriteCSV(t.TempDir(), d); err == nil || !strings.Contains(err.Error(), `alias "b;c" contains ";"`) {
		t.Errorf("got %v", err)
	}
}

func TestErrorFormat(t *testing.T) {
	e := Errors{{File: "a.yaml", Line: 3, Msg: "unknown field 'sicne'", Hint: "did you mean 'since'?"}, {File: "b", Msg: "no seed files here"}}
	if got := e.Error(); got != "a.yaml:3: unknown field 'sicne' (did you mean 'since'?)\nb: no seed files here" {
		t.Errorf("got %q", got)
	}
	var one Error
	if !errors.As(error(e), &one) || one.Line != 3 {
		t.Errorf("errors.As found %+v", one)
	}
}

// assertEqual compares datasets as content, leaving out where items were read.
func assertEqual(t *testing.T, want, got *graph.Dataset) {
	t.Helper()
	strip := func(d *graph.Dataset) graph.Dataset {
		c := graph.Dataset{Name: d.Name}
		for _, x := range d.Documents {
			x.File, x.Line = "", 0
			c.Documents = append(c.Documents, x)
		}
		for _, x := range d.Actors {
			x.File, x.Line = "", 0
			c.Actors = append(c.Actors, x)
		}
		for _, x := range d.Ties {
			x.File, x.Line = "", 0
			c.Ties = append(c.Ties, x)
		}
		return c
	}
	w, g := strip(want), strip(got)
	if !reflect.DeepEqual(w, g) {
		for i := range min(len(w.Ties), len(g.Ties)) {
			if !reflect.DeepEqual(w.Ties[i], g.Ties[i]) {
				t.Errorf("first differing tie:\n want %+v\n  got %+v", w.Ties[i], g.Ties[i])
				break
			}
		}
		t.Errorf("datasets differ: %d/%d documents, %d/%d actors, %d/%d ties", len(w.Documents), len(g.Documents),
			len(w.Actors), len(g.Actors), len(w.Ties), len(g.Ties))
	}
	if want.Hash() != got.Hash() {
		t.Errorf("hashes differ")
	}
}

func names(ds []*graph.Dataset) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Name)
	}
	return out
}

func keys(m map[string]graph.Tie) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
