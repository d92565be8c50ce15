package loadplan

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func actor(id, name string) graph.Actor {
	return graph.Actor{ID: id, Dataset: "d", Kind: graph.KindState, Name: name}
}

func doc(id, title string) graph.Document {
	return graph.Document{ID: id, Dataset: "d", Title: title}
}

func tie(typ graph.TieType, from, to, note string) graph.Tie {
	t := graph.Tie{Type: typ, From: from, To: to, Dataset: "d", Note: note,
		Since: graph.Date{Year: 2001}, Sources: []graph.Citation{{Doc: "src", Section: "s", Evidence: "e"}}}
	t.Key = graph.TieKey(t, "")
	return t
}

func set(docs []graph.Document, actors []graph.Actor, ties []graph.Tie) *graph.Dataset {
	d := &graph.Dataset{Name: "d", Documents: docs, Actors: actors, Ties: ties}
	d.Sort()
	return d
}

func TestDiff(t *testing.T) {
	kz, uz, tj := actor("kz", "Kazakhstan"), actor("uz", "Uzbekistan"), actor("tj", "Tajikistan")
	kz2 := actor("kz", "Republic of Kazakhstan")
	src := doc("src", "Source")
	t1 := tie(graph.TieRivalry, "kz", "uz", "")
	t1b := tie(graph.TieRivalry, "kz", "uz", "noted")
	t2 := tie(graph.TieRivalry, "kz", "tj", "")
	t2moved := t2
	t2moved.Since = graph.Date{Year: 1999} // a date is not part of the key
	cases := []struct {
		name      string
		old, want *graph.Dataset
		docs      graph.Change
		actors    graph.Change
		ties      graph.Change
		details   []string
		removeRel map[string][]string
	}{
		{name: "empty graph, everything created",
			old: set(nil, nil, nil), want: set([]graph.Document{src}, []graph.Actor{kz, uz}, []graph.Tie{t1}),
			docs: graph.Change{Created: 1}, actors: graph.Change{Created: 2}, ties: graph.Change{Created: 1},
			details: []string{"+ actor kz", "+ actor uz", "+ document src", "+ tie " + t1.Key}},
		{name: "same content, nothing written",
			old: set([]graph.Document{src}, []graph.Actor{kz, uz}, []graph.Tie{t1}), want: set([]graph.Document{src}, []graph.Actor{kz, uz}, []graph.Tie{t1}),
			docs: graph.Change{Kept: 1}, actors: graph.Change{Kept: 2}, ties: graph.Change{Kept: 1}},
		{name: "changed name and note are updates",
			old: set(nil, []graph.Actor{kz, uz}, []graph.Tie{t1}), want: set(nil, []graph.Actor{kz2, uz}, []graph.Tie{t1b}),
			actors: graph.Change{Updated: 1, Kept: 1}, ties: graph.Change{Updated: 1},
			details: []string{"~ actor kz", "~ tie " + t1.Key}},
		{name: "a changed date keeps the key",
			old: set(nil, []graph.Actor{kz, tj}, []graph.Tie{t2}), want: set(nil, []graph.Actor{kz, tj}, []graph.Tie{t2moved}),
			actors: graph.Change{Kept: 2}, ties: graph.Change{Updated: 1},
			details: []string{"~ tie " + t2.Key}},
		{name: "items gone from the files are removed, ties grouped by relationship type",
			old: set([]graph.Document{src}, []graph.Actor{kz, uz, tj}, []graph.Tie{t1, t2}), want: set(nil, []graph.Actor{kz, uz}, []graph.Tie{t1}),
			docs: graph.Change{Removed: 1}, actors: graph.Change{Kept: 2, Removed: 1}, ties: graph.Change{Kept: 1, Removed: 1},
			details:   []string{"- actor tj", "- document src", "- tie " + t2.Key},
			removeRel: map[string][]string{"RIVALS": {t2.Key}}},
		{name: "an empty file set removes everything",
			old: set([]graph.Document{src}, []graph.Actor{kz}, nil), want: set(nil, nil, nil),
			docs: graph.Change{Removed: 1}, actors: graph.Change{Removed: 1},
			details: []string{"- actor kz", "- document src"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Diff(c.old, c.want, true)
			if p.Documents.Change != c.docs || p.Actors.Change != c.actors || p.Ties.Change != c.ties {
				t.Errorf("changes: documents %+v actors %+v ties %+v; want %+v %+v %+v",
					p.Documents.Change, p.Actors.Change, p.Ties.Change, c.docs, c.actors, c.ties)
			}
			if !slices.Equal(p.Details, c.details) {
				t.Errorf("details %q, want %q", p.Details, c.details)
			}
			for rel, keys := range c.removeRel {
				if !slices.Equal(p.RemoveTies[rel], keys) {
					t.Errorf("ties removed as %s: %q, want %q", rel, p.RemoveTies[rel], keys)
				}
			}
			// What is written is exactly what is created or updated, each
			// marked new or not as counted.
			for _, it := range []struct {
				name string
				i    Items
			}{{"documents", p.Documents}, {"actors", p.Actors}, {"ties", p.Ties}} {
				news := 0
				for _, n := range it.i.New {
					if n {
						news++
					}
				}
				if len(it.i.Write) != it.i.Change.Created+it.i.Change.Updated || news != it.i.Change.Created || len(it.i.New) != len(it.i.Write) {
					t.Errorf("%s: write %v new %v for %+v", it.name, it.i.Write, it.i.New, it.i.Change)
				}
			}
			// Without details the plan is the same but lists nothing.
			q := Diff(c.old, c.want, false)
			if q.Details != nil || q.Writes() != p.Writes() {
				t.Errorf("without details: %q, %d writes (with: %d)", q.Details, q.Writes(), p.Writes())
			}
		})
	}
}

func TestCreated(t *testing.T) {
	kz, uz := actor("kz", "Kazakhstan"), actor("uz", "Uzbekistan")
	t1 := tie(graph.TieRivalry, "kz", "uz", "")
	old := set(nil, []graph.Actor{kz}, nil)
	want := set([]graph.Document{doc("src", "S")}, []graph.Actor{actor("kz", "changed"), uz}, []graph.Tie{t1})
	p := Diff(old, want, false)
	docs, actors, ties := p.Created(want)
	if !slices.Equal(docs, []string{"src"}) || !slices.Equal(actors, []string{"uz"}) || !slices.Equal(ties["RIVALS"], []string{t1.Key}) {
		t.Fatalf("created: %q %q %q (an updated actor is the dataset's own and is not listed)", docs, actors, ties)
	}
}

func TestCheckOwners(t *testing.T) {
	want := set([]graph.Document{doc("eucam", "mine")}, []graph.Actor{actor("kazakhstan", "KZ"), actor("mine-1", "M")}, nil)
	want.Name = "mine"
	p := Diff(&graph.Dataset{Name: "mine"}, want, false)
	docs, actors, ties := p.Created(want)
	cases := []struct {
		name   string
		owners Owners
		want   []Owned
	}{
		{name: "no owner elsewhere", owners: Owners{}},
		{name: "owned by the same dataset (an interrupted load's leftovers)",
			owners: Owners{Actors: map[string]string{"kazakhstan": "mine"}}},
		{name: "another dataset's actor and document",
			owners: Owners{Actors: map[string]string{"kazakhstan": "central-asia"}, Documents: map[string]string{"eucam": "central-asia"}},
			want:   []Owned{{"actor", "kazakhstan", "central-asia"}, {"document", "eucam", "central-asia"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := p.CheckOwners(docs, actors, ties, c.owners)
			var oe *OwnedError
			if c.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.As(err, &oe) || !slices.Equal(oe.Items, c.want) {
				t.Fatalf("got %v, want the items %v", err, c.want)
			}
			msg := err.Error()
			for _, s := range []string{"dataset mine", "actor 'kazakhstan' belongs to dataset central-asia", "nothing was written"} {
				if !strings.Contains(msg, s) {
					t.Errorf("message lacks %q:\n%s", s, msg)
				}
			}
		})
	}
	t.Run("a long list is cut", func(t *testing.T) {
		o := Owners{Actors: map[string]string{}}
		var ids []string
		for i := range 25 {
			id := fmt.Sprintf("a%02d", i)
			ids = append(ids, id)
			o.Actors[id] = "other"
		}
		err := p.CheckOwners(nil, ids, nil, o)
		if err == nil || !strings.Contains(err.Error(), "and 15 more") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestCheckPrune(t *testing.T) {
	var actors []graph.Actor
	for i := range 10 {
		actors = append(actors, actor(fmt.Sprintf("a%d", i), "A"))
	}
	old := set(nil, actors, nil)
	cases := []struct {
		name    string
		keep    int
		prune   bool
		refused bool
	}{
		{name: "remove none", keep: 10},
		{name: "remove exactly half", keep: 5},
		{name: "remove more than half", keep: 4, refused: true},
		{name: "remove all (a file with only `dataset:`)", keep: 0, refused: true},
		{name: "remove all with prune", keep: 0, prune: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Diff(old, set(nil, actors[:c.keep], nil), false)
			err := p.CheckPrune(c.prune)
			var pe *PruneError
			if got := errors.As(err, &pe); got != c.refused {
				t.Fatalf("refused %v (%v), want %v", got, err, c.refused)
			}
			if c.refused && (pe.Removed != 10-c.keep || pe.Held != 10 || !strings.Contains(err.Error(), "--prune")) {
				t.Fatalf("%+v: %v", pe, err)
			}
		})
	}
	t.Run("a new dataset removes nothing", func(t *testing.T) {
		p := Diff(&graph.Dataset{Name: "d"}, set(nil, nil, nil), false)
		if err := p.CheckPrune(false); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkDiffUnchanged plans the reload of an unchanged dataset: the
// case that must stay cheap at a million ties.
func BenchmarkDiffUnchanged(b *testing.B) {
	var actors []graph.Actor
	for i := range 1000 {
		actors = append(actors, actor(fmt.Sprintf("a%04d", i), "A"))
	}
	var ties []graph.Tie
	for i := range 100_000 {
		x := tie(graph.TieRivalry, actors[i%1000].ID, actors[(i/1000+i+1)%1000].ID, "")
		x.Key = graph.TieKey(x, fmt.Sprint(i))
		ties = append(ties, x)
	}
	old, want := set(nil, actors, ties), set(nil, actors, ties)
	b.ResetTimer()
	for range b.N {
		p := Diff(old, want, false)
		if p.Writes() != 0 {
			b.Fatal(p.Writes())
		}
	}
}
