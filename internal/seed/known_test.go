package seed

import (
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

const header = `dataset: mine
documents:
  - {id: my-notes, title: Field notes}
`

func tieYAML(from, to, extra string) string {
	return `  - {type: cooperates_with, from: ` + from + `, to: ` + to + `, since: 2020` + extra +
		`, sources: [{doc: my-notes, section: p1, evidence: seen}]}
`
}

// graphItems is a graph holding the built-in dataset's kazakhstan and its
// source document, and an actor of another analyst's dataset.
func graphItems() *graph.KnownItems {
	return &graph.KnownItems{
		Actors: map[string]graph.KnownActor{
			"kazakhstan": {Kind: graph.KindState, Dataset: "central-asia"},
			"uzbekistan": {Kind: graph.KindState, Dataset: "central-asia"},
			"their-ngo":  {Kind: graph.KindOrganisation, Dataset: "theirs"},
		},
		Documents: map[string]graph.KnownDocument{"eucam-watch-11": {Dataset: "central-asia", Published: graph.Date{Year: 2012}}},
	}
}

func TestFilesOnTopOfTheGraph(t *testing.T) {
	cases := []struct {
		name  string
		file  string
		known *graph.KnownItems
		want  []string // substrings of the problems, in order; none: valid
	}{
		{name: "ties to built-in actors and another dataset's resolve",
			file:  header + "ties:\n" + tieYAML("kazakhstan", "their-ngo", "") + tieYAML("kazakhstan", "uzbekistan", ""),
			known: graphItems()},
		{name: "a citation of a built-in document resolves",
			file:  "dataset: mine\nties:\n  - {type: cooperates_with, from: kazakhstan, to: uzbekistan, since: 2020, sources: [{doc: eucam-watch-11, section: s, evidence: e}]}\n",
			known: graphItems()},
		{name: "without the graph they are unknown",
			file: header + "ties:\n" + tieYAML("kazakhstan", "their-ngo", ""),
			want: []string{"unknown actor 'kazakhstan' (define it under `actors:`, or give relmap validate the files that define it too: it knows only the files it is given)", "unknown actor 'their-ngo'"}},
		{name: "unknown in the graph too, with a suggestion",
			file:  header + "ties:\n" + tieYAML("kazakstan", "uzbekistan", ""),
			known: graphItems(),
			want:  []string{"unknown actor 'kazakstan' (neither in these files nor in the graph)"}},
		{name: "redefining another dataset's actor is refused at its line",
			file:  header + "actors:\n  - {id: kazakhstan, kind: state, name: Mine}\n",
			known: graphItems(),
			want:  []string{"mine.yaml:5: actor 'kazakhstan' belongs to dataset central-asia in the graph; dataset mine cannot define it"}},
		{name: "redefining another dataset's document is refused",
			file:  "dataset: mine\ndocuments:\n  - {id: eucam-watch-11, title: Mine}\n",
			known: graphItems(),
			want:  []string{"document 'eucam-watch-11' belongs to dataset central-asia in the graph"}},
		{name: "a graph that could not be asked takes any reference (other problems still show)",
			file:  header + "ties:\n" + tieYAML("kazakhstan", "anything", "") + tieYAML("kazakhstan", "uzbekistan", ", until: 2019"),
			known: &graph.KnownItems{Unasked: true},
			want:  []string{"`until` 2019 is not after `since` 2020"}},
		{name: "the dataset's own items in the graph may be defined again",
			file:  "dataset: central-asia\nactors:\n  - {id: kazakhstan, kind: state, name: Kazakhstan}\n",
			known: graphItems()},
		{name: "a dataset loaded again cannot keep ties to its own dropped actor",
			file:  "dataset: central-asia\ndocuments:\n  - {id: my-notes, title: N}\nties:\n" + tieYAML("kazakhstan", "their-ngo", ""),
			known: graphItems(),
			want:  []string{"actor 'kazakhstan' belongs to dataset central-asia, which these files load without it"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ds, err := parseOne(t, c.file, c.known)
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if len(ds) != 1 {
					t.Fatalf("datasets %v", names(ds))
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("problems lack %q:\n%v", w, err)
				}
			}
		})
	}
}

func parseOne(t *testing.T, file string, known *graph.KnownItems) ([]*graph.Dataset, error) {
	t.Helper()
	p := &problems{}
	ds := parseKnown([]source{{name: "mine.yaml", data: []byte(file)}}, p, known)
	if err := p.result(); err != nil {
		return nil, err
	}
	return ds, nil
}

func TestTextRules(t *testing.T) {
	actors := "actors:\n  - {id: a, kind: state, name: A}\n  - {id: b, kind: state, name: B}\n"
	cases := []struct {
		name string
		file string
		want string // a substring of the problem; "": valid
	}{
		{name: "zero-width space in a name", file: "dataset: mine\nactors:\n  - {id: a, kind: state, name: \"Ka\u200bzakhstan\"}\n",
			want: "mine.yaml:3: `name` contains the invisible character U+200B"},
		{name: "right-to-left override in a name", file: "dataset: mine\nactors:\n  - {id: a, kind: state, name: \"report \u202egnp.exe\"}\n",
			want: "`name` contains the bidirectional control character U+202E"},
		{name: "zero-width space in a key value", file: "dataset: mine\n" + actors + "ties:\n  - {type: cooperates_with, from: a, to: b, since: 2020, field: \"en\u200bergy\"}\n",
			want: "`field` contains the invisible character U+200B"},
		{name: "byte-order mark inside an id", file: "dataset: mine\nactors:\n  - {id: \"a\ufeff\", kind: state, name: A}\n",
			want: "`id` contains the invisible character U+FEFF"},
		{name: "key values differing by case", file: "dataset: mine\n" + actors + "ties:\n" +
			"  - {type: cooperates_with, from: a, to: b, since: 2020, field: energy}\n  - {type: cooperates_with, from: a, to: b, since: 2021, field: Energy}\n",
			want: "only by case"},
		{name: "key values in NFC and NFD are one key", file: "dataset: mine\n" + actors + "ties:\n" +
			"  - {type: cooperates_with, from: a, to: b, since: 2020, field: \"caf\u00e9\"}\n  - {type: cooperates_with, from: a, to: b, since: 2021, field: \"cafe\u0301\"}\n",
			want: "is defined twice"},
		{name: "an accented name is fine", file: "dataset: mine\nactors:\n  - {id: a, kind: state, name: \"Türkmenistan café\"}\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseOne(t, c.file, nil)
			switch {
			case c.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Fatalf("got %v, want a problem with %q", err, c.want)
			}
		})
	}
	// A name given in NFD is stored in NFC.
	ds, err := parseOne(t, "dataset: mine\nactors:\n  - {id: a, kind: state, name: \"cafe\u0301\"}\n", nil)
	if err != nil || ds[0].Actors[0].Name != "caf\u00e9" {
		t.Fatalf("%v %q", err, ds[0].Actors[0].Name)
	}
}
