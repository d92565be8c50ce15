package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func exploreDataset() *graph.Dataset {
	d := &graph.Dataset{Name: "t",
		Documents: []graph.Document{{ID: "doc", Title: "A source", Published: graph.MustDate("2012-02"), Kind: "document", Dataset: "t"}},
		Actors: []graph.Actor{
			{ID: "kazakhstan", Kind: graph.KindState, Name: "Kazakhstan", Region: "central-asia", Dataset: "t"},
			{ID: "csto", Kind: graph.KindOrganisation, Name: "Collective Security Treaty Organisation", Short: "CSTO", Dataset: "t"},
		},
	}
	t := graph.Tie{Type: graph.TieMemberOf, From: "kazakhstan", To: "csto", Attrs: map[string]string{"role": "member"},
		Since: graph.MustDate("1994"), Sources: []graph.Citation{{Doc: "doc", Section: "Editorial", Evidence: "a member"}}, Dataset: "t"}
	t.Key = graph.TieKey(t, "")
	d.Ties = []graph.Tie{t}
	return d
}

func TestExploreWritesThePage(t *testing.T) {
	ds := exploreDataset()
	path := filepath.Join(t.TempDir(), "explore.html")
	_, errOut, code := run(t, &fakeStore{loaded: []*graph.Dataset{ds}}, "explore", "--at", "2012-02-01", "-o", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{graph.FingerprintOf([]*graph.Dataset{ds}).Hash, `"initial":15371`, "a member", "Kazakhstan"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if !strings.Contains(errOut, "Wrote "+path+" (2 actors, 1 ties") {
		t.Errorf("status line: %q", errOut)
	}
}

func TestExploreUsageErrors(t *testing.T) {
	f := &fakeStore{loaded: []*graph.Dataset{exploreDataset()}}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"explore", "-o", "x.svg"}, "the explorer is HTML"},
		{[]string{"explore", "--at", "2012-13-01", "-o", "x.html"}, "--at"},
		{[]string{"explore"}, "output"},
	} {
		_, errOut, code := run(t, f, c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want exit 2 mentioning %q", c.args, code, errOut, c.want)
		}
	}
	if _, errOut, code := run(t, &fakeStore{}, "explore", "-o", filepath.Join(t.TempDir(), "e.html")); code == 0 || !strings.Contains(errOut, "relmap load") {
		t.Errorf("an empty graph: exit %d, %q", code, errOut)
	}
}
