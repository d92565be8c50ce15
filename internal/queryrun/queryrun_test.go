package queryrun

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

// store answers every statement with its records and summary, or err.
type store struct {
	graph.Store
	records []graph.Record
	sum     graph.QuerySummary
	err     error
	opts    graph.QueryOptions
}

func (s *store) Query(_ context.Context, _ string, _ map[string]any, o graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	s.opts = o
	if s.err != nil {
		return graph.QuerySummary{}, s.err
	}
	for _, r := range s.records {
		if err := fn(r); err != nil {
			return graph.QuerySummary{}, err
		}
	}
	return s.sum, nil
}

func TestRun(t *testing.T) {
	rec := func(n int64) graph.Record { return graph.Record{Keys: []string{"n"}, Values: []any{n}} }
	cases := []struct {
		name    string
		s       *store
		o       Options
		out     string
		status  []string
		onEmpty bool
	}{
		{"records", &store{records: []graph.Record{rec(1), rec(2)}, sum: graph.QuerySummary{Keys: []string{"n"}, Records: 2}},
			Options{Format: "csv"}, "n\n1\n2\n", []string{"2 row(s) in"}, false},
		{"limit", &store{records: []graph.Record{rec(1), rec(2), rec(3)}, sum: graph.QuerySummary{Keys: []string{"n"}, Records: 3}},
			Options{Format: "csv", Limit: 2}, "n\n1\n2\n", []string{"3 row(s) (2 printed, --limit 2) in"}, false},
		{"empty keeps its header", &store{sum: graph.QuerySummary{Keys: []string{"n"}}},
			Options{Format: "csv"}, "n\n", []string{"0 row(s) in"}, true},
		{"changes with --write", &store{sum: graph.QuerySummary{Counters: map[string]int{"nodes_created": 2, "labels_added": 1}}},
			Options{Format: "json", Write: true}, "[]\n", []string{"0 row(s)", "changed: labels_added=1 nodes_created=2"}, true},
	}
	for _, c := range cases {
		var out bytes.Buffer
		var status []string
		c.o.Out = &out
		c.o.Status = func(l string) { status = append(status, l) }
		empty := false
		err := Run(context.Background(), c.s, Statement{Text: "RETURN 1", Recheck: func(context.Context, graph.Store) (*Statement, error) {
			empty = true
			return nil, nil
		}}, c.o)
		if err != nil || out.String() != c.out || empty != c.onEmpty || c.s.opts.Write != c.o.Write {
			t.Errorf("%s: err %v, out %q, onEmpty %v, write %v", c.name, err, out.String(), empty, c.s.opts.Write)
		}
		for i, want := range c.status {
			if i >= len(status) || !strings.HasPrefix(status[i], want) {
				t.Errorf("%s: status %q, want %q first", c.name, status, c.status)
				break
			}
		}
	}
}

func TestExplainError(t *testing.T) {
	err := ExplainError(&graph.QueryError{Code: "Neo.ClientError.Statement.AccessMode",
		Message: "Writing in read access mode not allowed.\nmore", Line: 2, Column: 3}, "MATCH (n)\n  SET n.x = 1")
	want := "Neo.ClientError.Statement.AccessMode: Writing in read access mode not allowed.\n  2 |   SET n.x = 1\n    |   ^\n  the statement writes: run it with --write if that is intended"
	if err.Error() != want {
		t.Errorf("got\n%s\nwant\n%s", err, want)
	}
	plain := errors.New("boom")
	if ExplainError(plain, "x") != plain {
		t.Error("a non-query error changed")
	}
}

// byID answers with one record when $id is "turkey", none otherwise.
type byID struct {
	graph.Store
	asked []string
}

func (s *byID) Query(_ context.Context, _ string, p map[string]any, _ graph.QueryOptions, fn func(graph.Record) error) (graph.QuerySummary, error) {
	id, _ := p["id"].(string)
	s.asked = append(s.asked, id)
	sum := graph.QuerySummary{Keys: []string{"id"}}
	if id == "turkey" {
		sum.Records = 1
		return sum, fn(graph.Record{Keys: sum.Keys, Values: []any{id}})
	}
	return sum, nil
}

// An empty answer Recheck explains prints nothing, not even the header; one
// it finds the right ids for is asked again, once.
func TestRunRecheck(t *testing.T) {
	var out bytes.Buffer
	var status []string
	o := Options{Format: "csv", Out: &out, Status: func(l string) { status = append(status, l) }}
	why := errors.New("org: eu has no members")
	s := &byID{}
	err := Run(context.Background(), s, Statement{Text: "x", Params: map[string]any{"id": "eu"},
		Recheck: func(context.Context, graph.Store) (*Statement, error) { return nil, why }}, o)
	if err != why || out.Len() != 0 || len(status) != 0 {
		t.Errorf("explained: %v, %q, %q", err, out.String(), status)
	}
	calls := 0
	again := func(context.Context, graph.Store) (*Statement, error) {
		calls++
		return &Statement{Text: "x", Params: map[string]any{"id": "turkey"}}, nil
	}
	err = Run(context.Background(), s, Statement{Text: "x", Params: map[string]any{"id": "turkiye"}, Recheck: again}, o)
	if err != nil || out.String() != "id\nturkey\n" || calls != 1 || strings.Join(s.asked, " ") != "eu turkiye turkey" {
		t.Errorf("asked again: %v, %q, %d calls, asked %v", err, out.String(), calls, s.asked)
	}
	out.Reset()
	err = Run(context.Background(), s, Statement{Text: "x", Params: map[string]any{"id": "nosuch"}, Recheck: func(context.Context, graph.Store) (*Statement, error) {
		calls++
		return &Statement{Text: "x", Params: map[string]any{"id": "still-nothing"}}, nil
	}}, o)
	if err != nil || out.String() != "id\n" || calls != 2 {
		t.Errorf("asked again, still empty: %v, %q, %d calls", err, out.String(), calls)
	}
}
