package params

import (
	"reflect"
	"testing"

	"github.com/relmap/relmap/graph"
)

// FuzzParseParam checks that any argument either fails with an error or
// yields a valid name and a value of the documented types that Format writes
// back exactly.
func FuzzParseParam(f *testing.F) {
	for _, s := range []string{
		"org=nato", "at=2012-02-01", "n=42", "x=-1.5e3", "b=true", "v=null", `s="a\nb"`, "s='x'",
		`l=[1,"a",null]`, `m={"a":{"b":[1.0]}}`, "=x", "x", "1a=b", "v=9223372036854775808", `v="`, "v=[", "at:string=2012-02-01", "at:date=2012", "at=2012-02-30",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		name, v, err := Parse(arg)
		if err != nil {
			return
		}
		if !ValidName(name) {
			t.Fatalf("Parse(%q) accepted the name %q", arg, name)
		}
		checkType(t, v)
		s := Format(v)
		back, err := ParseValue(s)
		if err != nil {
			t.Fatalf("Parse(%q) = %#v; Format gives %q, which does not parse: %v", arg, v, s, err)
		}
		if !reflect.DeepEqual(back, v) {
			t.Fatalf("Parse(%q) = %#v; Format gives %q, which parses as %#v", arg, v, s, back)
		}
	})
}

func checkType(t *testing.T, v any) {
	t.Helper()
	switch x := v.(type) {
	case nil, bool, int64, float64, string, graph.Date:
	case []any:
		for _, e := range x {
			checkType(t, e)
		}
	case map[string]any:
		for _, e := range x {
			checkType(t, e)
		}
	default:
		t.Fatalf("value %#v has type %T", v, v)
	}
}
