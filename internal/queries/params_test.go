package queries

import (
	"reflect"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

const testQuery = `// name: test-query
// description: A query for the tests, with one parameter of each type and
//   a description continued on a second line.
// param: org string nato "an organisation"
// param: n int 2 "a count"
// param: x float 0.5 "a ratio"
// param: flag bool false "a switch"
// param: at date today "the day"
// param: from date "a required day"
// param: since date 2012-06 "a fixed day"
// param: ids list ["a","b"] "some ids"
// param: label string "" "an empty default"
// param: role string null "an optional filter"
// time: yes

MATCH (n) RETURN $org, $n, $x, $flag, $at, $from, $since, $ids, $label, $role
`

func mustParse(t *testing.T) Query {
	t.Helper()
	q, err := Parse("test-query.cypher", []byte(testQuery))
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func TestParseHeader(t *testing.T) {
	q := mustParse(t)
	if q.Name != "test-query" || !q.Time || !strings.HasPrefix(q.Cypher, "MATCH") {
		t.Errorf("parsed %+v", q)
	}
	if want := "A query for the tests, with one parameter of each type and a description continued on a second line."; q.Description != want {
		t.Errorf("description %q, want %q", q.Description, want)
	}
	if got := strings.Join(q.ParamNames(), " "); got != "org n x flag at from since ids label role" {
		t.Errorf("params %s", got)
	}
	for name, want := range map[string]string{"org": "nato", "n": "2", "x": "0.5", "flag": "false", "at": "today",
		"from": "", "since": "2012-06-01", "ids": `["a","b"]`, "label": `""`, "role": "null"} {
		p, _ := q.Param(name)
		if got := p.DefaultText(); got != want {
			t.Errorf("%s: default %q, want %q", name, got, want)
		}
	}
	if p, _ := q.Param("from"); !p.Required() {
		t.Error("from has no default and should be required")
	}
	if p, _ := q.Param("role"); !p.Optional() || p.Required() {
		t.Error("role defaults to null and should be optional")
	}
}

func TestParseErrors(t *testing.T) {
	base := "// name: q\n// description: d\n"
	tests := []struct{ src, want string }{
		{"// description: d\nRETURN 1", "no // name:"},
		{"// name: q\nRETURN 1", "no // description:"},
		{base, "no statement"},
		{"// name: Q_1\n// description: d\nRETURN 1", "lower-case words"},
		{base + "// name: r\nRETURN 1", "a second name"},
		{base + "// description: e\nRETURN 1", "a second description"},
		{base + "// colour: red\nRETURN 1", `unknown header key "colour"`},
		{base + "// just a remark\nRETURN 1", "header lines are // key: value"},
		{base + "// time: maybe\nRETURN 1", "time is yes or no"},
		{base + "// time: yes\nRETURN 1", "needs a date parameter at"},
		{base + "// param: at string today \"x\"\n// time: yes\nRETURN $at", "the default today is for dates"},
		{base + "// param: x\nRETURN 1", "want NAME TYPE"},
		{base + "// param: x int\nRETURN 1", "want NAME TYPE"},
		{base + "// param: x int 1\nRETURN 1", "want NAME TYPE"},
		{base + "// param: x int 1 2 \"h\"\nRETURN 1", "want NAME TYPE"},
		{base + "// param: x int \"unclosed\nRETURN 1", "unclosed quote"},
		{base + "// param: 1x int \"h\"\nRETURN 1", "not a parameter name"},
		{base + "// param: x number \"h\"\nRETURN 1", `unknown type "number"`},
		{base + "// param: x int \"\"\nRETURN 1", "help text must be a non-empty"},
		{base + "// param: x int two \"h\"\nRETURN 1", "want a whole number"},
		{base + "// param: x date 2012-13 \"h\"\nRETURN 1", "month 13"},
		{base + "// param: x int [1 \"h\"\nRETURN 1", "not a valid JSON list"},
		{base + "// param: x int \"h\"\n// param: x int \"h\"\nRETURN 1", "declared twice"},
	}
	for _, tt := range tests {
		_, err := Parse("q.cypher", []byte(tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q): error %v, want one containing %q", tt.src, err, tt.want)
		}
	}
	if _, err := Parse("other.cypher", []byte(base+"RETURN 1")); err == nil || !strings.Contains(err.Error(), "name the file after it") {
		t.Errorf("file name mismatch: %v", err)
	}
}

func TestParams(t *testing.T) {
	q := mustParse(t)
	today := graph.MustDate("2012-02-01")
	day := func(s string) graph.Date { return graph.MustDate(s) }
	defaults := map[string]any{"org": "nato", "n": int64(2), "x": 0.5, "flag": false, "at": today,
		"from": day("2010-01-01"), "since": day("2012-06-01"), "ids": []any{"a", "b"}, "label": "", "role": nil}
	tests := []struct {
		name string
		user map[string]any
		want map[string]any // changes from defaults
	}{
		{"defaults", nil, nil},
		{"strings", map[string]any{"org": "csto", "role": "member"}, map[string]any{"org": "csto", "role": "member"}},
		{"number as text", map[string]any{"org": int64(2012)}, map[string]any{"org": "2012"}},
		{"int from float and text", map[string]any{"n": 3.0, "x": int64(2)}, map[string]any{"n": int64(3), "x": 2.0}},
		{"int from text", map[string]any{"n": " 7", "x": "1e3", "flag": "true"}, map[string]any{"n": int64(7), "x": 1000.0, "flag": true}},
		{"date day", map[string]any{"at": "2001-06-15"}, map[string]any{"at": day("2001-06-15")}},
		{"date month", map[string]any{"at": "2012-06"}, map[string]any{"at": day("2012-06-01")}},
		{"date year text", map[string]any{"at": "2012"}, map[string]any{"at": day("2012-01-01")}},
		{"date year number", map[string]any{"at": int64(1994)}, map[string]any{"at": day("1994-01-01")}},
		{"date today", map[string]any{"at": "today", "from": "today"}, map[string]any{"from": today}},
		{"date value", map[string]any{"at": day("2012")}, map[string]any{"at": day("2012-01-01")}},
		{"list", map[string]any{"ids": []any{"x"}}, map[string]any{"ids": []any{"x"}}},
		{"one value is a list of one", map[string]any{"ids": "nato"}, map[string]any{"ids": []any{"nato"}}},
		{"explicit null for an optional parameter", map[string]any{"role": nil}, nil},
	}
	for _, tt := range tests {
		user := map[string]any{"from": "2010-01-01"}
		for k, v := range tt.user {
			user[k] = v
		}
		got, err := q.ParamsOn(user, today)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		want := map[string]any{}
		for k, v := range defaults {
			want[k] = v
		}
		for k, v := range tt.want {
			want[k] = v
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", tt.name, got, want)
		}
	}
}

func TestParamsErrors(t *testing.T) {
	q := mustParse(t)
	today := graph.MustDate("2012-02-01")
	tests := []struct {
		user map[string]any
		want string
	}{
		{map[string]any{}, "needs --param from=… (date, a required day); it takes org (string), n (int)"},
		{map[string]any{"from": "2010", "colour": "red", "bogus": 1}, "has no parameter bogus, colour; it takes org (string), n (int), x (float), flag (bool), at (date)"},
		{map[string]any{"from": "2010", "org": nil}, "parameter org cannot be null"},
		{map[string]any{"from": "2010", "org": true}, "parameter org: want text, not true"},
		{map[string]any{"from": "2010", "n": 2.5}, "want a whole number, not 2.5"},
		{map[string]any{"from": "2010", "n": "two"}, "want a whole number, not two"},
		{map[string]any{"from": "2010", "x": "half"}, "want a number"},
		{map[string]any{"from": "2010", "flag": "yes"}, "want true or false"},
		{map[string]any{"from": "2012-02-30"}, "day 30 does not exist"},
		{map[string]any{"from": "1 May 2012"}, "want YYYY-MM-DD, YYYY-MM, YYYY or today"},
		{map[string]any{"from": ""}, "not an empty one"},
		{map[string]any{"from": int64(12)}, "want YYYY-MM-DD"},
		{map[string]any{"from": true}, "want a date"},
		{map[string]any{"from": "2010", "ids": map[string]any{"a": int64(1)}}, "want a list"},
	}
	for _, tt := range tests {
		_, err := q.ParamsOn(tt.user, today)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParamsOn(%v): error %v, want one containing %q", tt.user, err, tt.want)
		}
	}
}

func TestParamsUsesToday(t *testing.T) {
	q, _ := Get("members-at")
	got, err := q.Params(nil)
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := got["at"].(graph.Date); !ok || d != graph.Today() {
		t.Errorf("at = %#v, want today %v", got["at"], graph.Today())
	}
}
