package views

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// answering is a Store that answers every query with rows and every
// snapshot with ds; its other methods are not called.
type answering struct {
	graph.Store
	rows [][]any
	ds   *graph.Dataset
}

func (a answering) Query(_ context.Context, _ string, _ map[string]any, _ graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	for _, r := range a.rows {
		if err := fn(graph.Record{Keys: []string{"member"}, Values: r}); err != nil {
			return graph.QuerySummary{}, err
		}
	}
	return graph.QuerySummary{Records: int64(len(a.rows))}, nil
}

func (a answering) Snapshot(context.Context, ...string) ([]*graph.Dataset, error) {
	return []*graph.Dataset{a.ds}, nil
}

// The empty drawings analysts got: the sphere of an actor without members,
// a named question whose answer is a table, a day before every tie. Each
// is explained; a sound empty figure is not an error.
func TestPlanEmpty(t *testing.T) {
	ds := testData()
	ctx := context.Background()
	plan := func(r Request) Plan {
		t.Helper()
		p, err := Resolve(r)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	rungs := [][]any{{graph.Node{ElementID: "1", Labels: []string{"Programme"}, Props: map[string]any{"id": "pfp"}}}, {graph.Node{ElementID: "2", Labels: []string{"Programme"}, Props: map[string]any{"id": "ipcp"}}}}
	for _, c := range []struct {
		name string
		plan Plan
		rows [][]any
		want string
	}{
		{"a state's sphere", plan(Request{View: "sphere", Params: map[string]any{"org": "alphastan"}}), nil,
			"org: alphastan is a state, not an organisation with members; organisations with members: nato, sco"},
		{"a table, not a figure", plan(Request{Named: "members-at", Params: map[string]any{"org": "sco"}}), [][]any{{"alphastan"}, {"betastan"}},
			"members-at returned 2 record(s) but no node, relationship or path to draw; `relmap query` prints them"},
		{"before every tie", plan(Request{Cypher: "MATCH p=(:Nothing) RETURN p", AtGiven: true, At: graph.MustDate("1900")}), nil,
			"no tie in the graph is in force on 1900: the first begins 1991; ask about a day from 1991 on"},
		{"a sound empty figure", plan(Request{Cypher: "MATCH p=(:Nothing) RETURN p"}), nil, ""},
		// The ladder's rungs are drawn whatever the day; with no state on
		// them the figure says nothing, and the day is what to change.
		{"the ladder's rungs alone", plan(Request{View: "ladder", AtGiven: true, At: graph.MustDate("1990")}), rungs,
			"no place of a state of Central Asia on NATO's partnership ladder is in force on 1990-01-01: the first begins 1994; ask about a day from 1994 on"},
		{"the ladder on a day with states", plan(Request{View: "ladder", AtGiven: true, At: graph.MustDate("2003")}), rungs, ""},
	} {
		a, err := c.plan.Answer(ctx, answering{rows: c.rows, ds: ds})
		if err != nil {
			t.Fatal(err)
		}
		err = c.plan.Empty(a)
		var ee *graph.EmptyError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (!errors.As(err, &ee) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v\nwant %q", c.name, err, c.want)
		}
	}
}

// A name the lookup resolved replaces the one given, in the parameters the
// query gets and in the actors an empty answer is checked against.
func TestSetActors(t *testing.T) {
	p, err := Resolve(Request{View: "sphere", Params: map[string]any{"org": "NATO"}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Actors["org"] != "NATO" {
		t.Fatalf("actors before: %v", p.Actors)
	}
	p.SetActors(map[string]string{"org": "nato"})
	if p.Params["org"] != "nato" || p.Actors["org"] != "nato" {
		t.Errorf("after: %v %v", p.Params, p.Actors)
	}
}
