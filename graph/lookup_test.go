package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed/seedtest"
)

func TestFoldName(t *testing.T) {
	for in, want := range map[string]string{
		"Kyrgyz Republic":        "kyrgyz republic",
		"  KYRGYZ   republic ":   "kyrgyz republic",
		"Türkiye":                "turkiye",
		"Tu\u0308rkiye":          "turkiye", // e plus a combining diaeresis
		"north-macedonia":        "north macedonia",
		"U.S.":                   "us",
		"People's Republic":      "peoples republic",
		"People’s Republic":      "peoples republic",
		"Nur-Sultan (2019-2022)": "nur sultan 2019 2022",
		"":                       "",
	} {
		if got := graph.FoldName(in); got != want {
			t.Errorf("FoldName(%q) = %q, want %q", in, got, want)
		}
	}
}

// The names the analysts typed, against the built-in dataset.
func TestLookupBuiltIn(t *testing.T) {
	l := graph.NewLookup(seedtest.BuiltIn(t).Actors)
	for in, want := range map[string]string{
		"kyrgyzstan":      "kyrgyzstan",
		"Kyrgyz Republic": "kyrgyzstan", // an alias
		"kyrgyz republic": "kyrgyzstan",
		"KYRGYZSTAN":      "kyrgyzstan",
		"NATO":            "nato", // a short name
		"Sco":             "sco",
		"turkiye":         "turkey", // an alias, typed without its accent
		"Türkiye":         "turkey",
		"Collective Security Treaty Organisation": "csto", // a name
	} {
		a, err := l.Find(in)
		if err != nil || a.ID != want {
			t.Errorf("Find(%q) = %q, %v; want %s", in, a.ID, err, want)
		}
	}
	_, err := l.Find("kyrgystan")
	var le *graph.LookupError
	if !errors.As(err, &le) || len(le.Nearest) == 0 || le.Nearest[0].ID != "kyrgyzstan" {
		t.Fatalf("kyrgystan: %v, want kyrgyzstan suggested first", err)
	}
	if !strings.Contains(err.Error(), `no actor has the id, name or alias "kyrgystan" (did you mean kyrgyzstan`) {
		t.Errorf("kyrgystan: %v", err)
	}
	if _, err := l.Find("Collective Security Treaty Organization"); err == nil || !strings.Contains(err.Error(), "did you mean csto (Collective Security Treaty Organisation)?") {
		t.Errorf("US spelling: %v, want csto suggested", err)
	}
	if _, err := l.Find("kazak"); err == nil || !strings.Contains(err.Error(), `"kazak" (did you mean kazakhstan, kaz`) {
		t.Errorf("kazak: %v, want kazakhstan suggested first, as the id it begins", err)
	}
	if _, err := l.Find("zzzzzz"); err == nil || !strings.Contains(err.Error(), "actors-by-kind") {
		t.Errorf("zzzzzz: %v, want where the actors are listed", err)
	}
}

func TestLookupAmbiguousAndAll(t *testing.T) {
	l := graph.NewLookup([]graph.Actor{
		{ID: "manas-airport", Name: "Manas International Airport", Aliases: []string{"Manas"}},
		{ID: "manas-base", Name: "Transit Center at Manas", Aliases: []string{"Manas"}},
		{ID: "georgia", Name: "Georgia"},
		{ID: "georgia", Name: "Georgia again"}, // listed twice: counts once
	})
	if l.Len() != 3 {
		t.Errorf("Len = %d, want 3", l.Len())
	}
	_, err := l.Find("manas")
	var le *graph.LookupError
	if !errors.As(err, &le) || len(le.Matches) != 2 ||
		!strings.Contains(err.Error(), `"manas" names 2 actors: manas-airport (Manas International Airport), manas-base (Transit Center at Manas); give one's id`) {
		t.Errorf("manas: %v", err)
	}
	if a, err := l.Find("manas-base"); err != nil || a.ID != "manas-base" {
		t.Errorf("an id is exact: %v %v", a.ID, err)
	}
	ids, err := l.FindAll(map[string]string{"from": "GEORGIA", "to": "manas", "via": "georgai"})
	if ids["from"] != "georgia" {
		t.Errorf("from: %v", ids)
	}
	var all graph.LookupErrors
	if !errors.As(err, &all) || len(all) != 2 {
		t.Fatalf("FindAll: %v", err)
	}
	if got := err.Error(); !strings.HasPrefix(got, `to: "manas" names 2 actors`) ||
		!strings.Contains(got, `; via: no actor has the id, name or alias "georgai" (did you mean georgia?)`) {
		t.Errorf("FindAll: %s", got)
	}
}

func TestNearest(t *testing.T) {
	c := []string{"since", "until", "nato", "sco", "kyrgyzstan", "kazakhstan"}
	for _, x := range []struct {
		in   string
		want string
	}{
		{"sinec", "since"}, // a swap is one edit
		{"kyrgystan", "kyrgyzstan"},
		{"nato", ""}, // equal: no suggestion
		{"nsto", "nato"},
		{"xyz", ""}, // "sco" is two edits away, too far for three letters
	} {
		if got := graph.Closest(x.in, c); got != x.want {
			t.Errorf("Closest(%q) = %q, want %q", x.in, got, x.want)
		}
	}
	if got := graph.Nearest("kazakstan", []string{"kyrgyzstan", "kazakhstan", "kazakhstan"}, 5); strings.Join(got, ",") != "kazakhstan" {
		t.Errorf("Nearest: %v", got)
	}
}

// queryCounter is a Store that answers StoredActors' query from actors and
// counts the queries; its other methods are not called.
type queryCounter struct {
	graph.Store
	actors  []graph.Actor
	queries int
}

func (q *queryCounter) Query(_ context.Context, _ string, _ map[string]any, _ graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	q.queries++
	for _, a := range q.actors {
		var aliases []any
		for _, x := range a.Aliases {
			aliases = append(aliases, x)
		}
		if err := fn(graph.Record{Values: []any{a.ID, string(a.Kind), a.Name, a.Short, aliases}}); err != nil {
			return graph.QuerySummary{}, err
		}
	}
	return graph.QuerySummary{}, nil
}

// A name written as an id costs no query; any other name is looked up
// among the graph's actors, once.
func TestResolveNames(t *testing.T) {
	s := &queryCounter{actors: seedtest.BuiltIn(t).Actors}
	ctx := context.Background()
	ids, err := graph.ResolveNames(ctx, s, map[string]string{"id": "kazakhstan", "to": "csto"})
	if err != nil || ids["id"] != "kazakhstan" || ids["to"] != "csto" || s.queries != 0 {
		t.Errorf("ids: %v %v, %d queries", ids, err, s.queries)
	}
	ids, err = graph.ResolveNames(ctx, s, map[string]string{"id": "Kyrgyz Republic", "org": "NATO", "to": "csto"})
	if err != nil || ids["id"] != "kyrgyzstan" || ids["org"] != "nato" || ids["to"] != "csto" || s.queries != 1 {
		t.Errorf("names: %v %v, %d queries", ids, err, s.queries)
	}
	_, err = graph.ResolveNames(ctx, s, map[string]string{"id": "Kyrgystan", "to": "csot"})
	if err == nil || err.Error() != `id: no actor has the id, name or alias "Kyrgystan" (did you mean kyrgyzstan?); to: no actor has the id, name or alias "csot" (did you mean csto (Collective Security Treaty Organisation)?)` {
		t.Errorf("typos: %v", err)
	}
}

// After an empty answer: an id that is an actor's stands; one that is a
// name written like an id is found; a typo gets the closest ids.
func TestRecheckIDs(t *testing.T) {
	s := &queryCounter{actors: seedtest.BuiltIn(t).Actors}
	ctx := context.Background()
	if ids, err := graph.RecheckIDs(ctx, s, map[string]string{"org": "eu"}); ids != nil || err != nil {
		t.Errorf("an actor's id: %v %v", ids, err)
	}
	ids, err := graph.RecheckIDs(ctx, s, map[string]string{"id": "turkiye", "org": "nato"})
	if err != nil || ids["id"] != "turkey" || ids["org"] != "nato" {
		t.Errorf("an alias: %v %v", ids, err)
	}
	_, err = graph.RecheckIDs(ctx, s, map[string]string{"id": "kyrgystan"})
	if err == nil || err.Error() != `id: no actor has the id, name or alias "kyrgystan" (did you mean kyrgyzstan?)` {
		t.Errorf("a typo: %v", err)
	}
	if !graph.IsID("north-macedonia") || graph.IsID("North Macedonia") || graph.IsID("-x") || graph.IsID("") {
		t.Error("IsID")
	}
}

func TestFindEach(t *testing.T) {
	l := graph.NewLookup(seedtest.BuiltIn(t).Actors)
	ids, err := l.FindEach([]string{"NATO", "Collective Security Treaty", "sco"})
	if err != nil || strings.Join(ids, " ") != "nato csto sco" {
		t.Errorf("%v %v", ids, err)
	}
	_, err = l.FindEach([]string{"nato", "osec", "zzzzzzzz"})
	var all graph.LookupErrors
	if !errors.As(err, &all) || len(all) != 2 || !strings.Contains(err.Error(), `"osec" (did you mean osce`) {
		t.Errorf("%v", err)
	}
}

// An interrupt while an empty answer is looked into ends the command as
// interrupted: the recheck passes the cancellation on instead of letting
// the empty answer stand.
func TestRecheckIDsInterrupted(t *testing.T) {
	s := &queryCounter{actors: seedtest.BuiltIn(t).Actors}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := graph.RecheckIDs(ctx, s, map[string]string{"id": "turkiye"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled recheck: %v, want context.Canceled", err)
	}
}
