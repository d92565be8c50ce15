package params

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestParse(t *testing.T) {
	tests := []struct {
		arg  string
		name string
		want any
	}{
		{"org=nato", "org", "nato"},
		{"at=2012-02-01", "at", graph.Date{Year: 2012, Month: 2, Day: 1}},
		{"at=0001-01-01", "at", graph.Date{Year: 1, Month: 1, Day: 1}},
		{"at='2012-02-01'", "at", "2012-02-01"},
		{"at:string=2012-02-01", "at", "2012-02-01"},
		{"at:string='x'", "at", "'x'"},
		{"at:date=2012-02", "at", graph.Date{Year: 2012, Month: 2, Day: 1}},
		{"at:date=2012", "at", graph.Date{Year: 2012, Month: 1, Day: 1}},
		{"at=2012-02", "at", "2012-02"},
		{"at=2012-02-01T10:00", "at", "2012-02-01T10:00"},
		{`l=["2012-02-01"]`, "l", []any{"2012-02-01"}},
		{"year=2012", "year", int64(2012)},
		{"n=-7", "n", int64(-7)},
		{"n=0", "n", int64(0)},
		{"max=9223372036854775807", "max", int64(math.MaxInt64)},
		{"x=2.5", "x", 2.5},
		{"x=1e3", "x", 1000.0},
		{"x=-0.0", "x", math.Copysign(0, -1)},
		{"x=1E-2", "x", 0.01},
		{"ok=true", "ok", true},
		{"ok=false", "ok", false},
		{"v=null", "v", nil},
		{"v=", "v", ""},
		{"v=True", "v", "True"},
		{"v=NULL", "v", "NULL"},
		{`v="42"`, "v", "42"},
		{`v="true"`, "v", "true"},
		{`v="line\nbreak \u00e9"`, "v", "line\nbreak é"},
		{`v='a "b" \n'`, "v", `a "b" \n`},
		{`v=''`, "v", ""},
		{"v=007", "v", "007"},
		{"v=+5", "v", "+5"},
		{"v=1.", "v", "1."},
		{"v=.5", "v", ".5"},
		{"v=NaN", "v", "NaN"},
		{"v=Inf", "v", "Inf"},
		{"v=0x10", "v", "0x10"},
		{"v=a=b", "v", "a=b"},
		{"v= spaced ", "v", " spaced "},
		{"name=Қазақстан", "name", "Қазақстан"},
		{"name=上海合作组织", "name", "上海合作组织"},
		{"ids=[1,2]", "ids", []any{int64(1), int64(2)}},
		{`ids=["nato", "csto", 1.5, null, true]`, "ids", []any{"nato", "csto", 1.5, nil, true}},
		{"ids=[]", "ids", []any{}},
		{`m={"a":1}`, "m", map[string]any{"a": int64(1)}},
		{`m={"a":{"b":[2.0]}}`, "m", map[string]any{"a": map[string]any{"b": []any{2.0}}}},
		{"_x1=1", "_x1", int64(1)},
	}
	for _, tt := range tests {
		name, got, err := Parse(tt.arg)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.arg, err)
			continue
		}
		if name != tt.name || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %s, %#v; want %s, %#v", tt.arg, name, got, tt.name, tt.want)
		}
		if f, ok := got.(float64); ok && math.Signbit(f) != math.Signbit(tt.want.(float64)) {
			t.Errorf("Parse(%q) lost the sign of zero", tt.arg)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ arg, want string }{
		{"org", "want name=value"},
		{"=nato", "has no name"},
		{"1org=nato", "not a parameter name"},
		{"or-g=nato", "not a parameter name"},
		{"o g=nato", "not a parameter name"},
		{"n=9223372036854775808", "does not fit a 64-bit integer"},
		{"n=-9223372036854775809", "does not fit a 64-bit integer"},
		{"x=1e400", "does not fit a 64-bit float"},
		{`v="unclosed`, "not a complete quoted string"},
		{`v="a"b"`, "not a complete quoted string"},
		{`v='unclosed`, "no closing single quote"},
		{`v='`, "no closing single quote"},
		{"v=[1,2", "not a valid JSON list or map"},
		{"v={a:1}", "not a valid JSON list or map"},
		{"v=[1] [2]", "not a valid JSON list or map"},
		{"v=[1e400]", "does not fit"},
		{"at=2012-02-30", "no day of the calendar; quote it ('2012-02-30') or write name:string=2012-02-30"},
		{"at=0000-01-01", "no day of the calendar"},
		{"at:date=soon", "want YYYY-MM-DD"},
		{"at:int=2", `unknown type "int"`},
	}
	for _, tt := range tests {
		_, _, err := Parse(tt.arg)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Parse(%q): error %v, want one containing %q", tt.arg, err, tt.want)
		}
	}
}

func TestParseAll(t *testing.T) {
	got, err := ParseAll([]string{"org=nato", "at=2012-02-01", "depth=2"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"org": "nato", "at": graph.Date{Year: 2012, Month: 2, Day: 1}, "depth": int64(2)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %#v, want %#v", got, want)
	}
	if _, err := ParseAll([]string{"org=nato", "org=csto"}); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("duplicate: %v", err)
	}
}

func TestDecode(t *testing.T) {
	want := map[string]any{
		"org": "nato", "at": "2012-02-01", "depth": int64(2), "ratio": 0.5, "on": true, "none": nil,
		"ids": []any{"kazakhstan", int64(1)}, "m": map[string]any{"k": "v"}, "name": "Кыргызстан",
	}
	files := map[string]string{
		".json": `{"org":"nato","at":"2012-02-01","depth":2,"ratio":0.5,"on":true,"none":null,
			"ids":["kazakhstan",1],"m":{"k":"v"},"name":"Кыргызстан"}`,
		".yaml": "org: nato\nat: 2012-02-01\ndepth: 2\nratio: 0.5\non: true\nnone: ~\nids: [kazakhstan, 1]\nm: {k: v}\nname: Кыргызстан\n",
		".YML":  "org: nato\nat: '2012-02-01'\ndepth: 2\nratio: 0.5\non: true\nnone:\nids:\n  - kazakhstan\n  - 1\nm:\n  k: v\nname: \"Кыргызстан\"\n",
	}
	for ext, content := range files {
		got, err := Decode(ext, []byte(content))
		if err != nil {
			t.Errorf("%s: %v", ext, err)
			continue
		}
		// An unquoted YAML date is a DATE; quoted, and in JSON, text.
		want["at"] = "2012-02-01"
		if ext == ".yaml" {
			want["at"] = graph.Date{Year: 2012, Month: 2, Day: 1}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %#v\nwant %#v", ext, got, want)
		}
	}
	if m, err := Decode(".yaml", nil); err != nil || len(m) != 0 {
		t.Errorf("empty YAML: %v, %v", m, err)
	}
	if m, err := Decode(".yaml", []byte("at: 2012-02-01T10:00:00Z\n")); err != nil || m["at"] != "2012-02-01T10:00:00Z" {
		t.Errorf("YAML timestamp: %#v, %v", m, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct{ ext, content, want string }{
		{".txt", "org=nato", "must end in .json, .yaml or .yml"},
		{".json", `["nato"]`, "want an object"},
		{".json", `"nato"`, "want an object"},
		{".json", `{"org": }`, "not valid JSON"},
		{".json", ``, "not valid JSON"},
		{".json", `{"org":"nato"} {}`, "more than one value"},
		{".json", `{"1org":"nato"}`, "not a parameter name"},
		{".json", `{"n": 1e999}`, "does not fit"},
		{".yaml", "- nato\n", "want a mapping"},
		{".yaml", "org: [nato\n", "not valid YAML"},
		{".yaml", "m: {1: 2}\n", "not a string"},
		{".yaml", "org-id: nato\n", "not a parameter name"},
	}
	for _, tt := range tests {
		_, err := Decode(tt.ext, []byte(tt.content))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Decode(%s, %q): error %v, want one containing %q", tt.ext, tt.content, err, tt.want)
		}
	}
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(file, []byte("org: csto\nat: 2012-02-01\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Collect(file, []string{"org=nato", "depth=2"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"org": "nato", "at": graph.Date{Year: 2012, Month: 2, Day: 1}, "depth": int64(2)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("flags should override the file: got %#v, want %#v", got, want)
	}
	if got, err := Collect("", nil); err != nil || len(got) != 0 {
		t.Errorf("nothing given: %v, %v", got, err)
	}
	if _, err := Collect(filepath.Join(dir, "missing.json"), nil); err == nil {
		t.Error("a missing file was accepted")
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("[]"), 0o644)
	if _, err := Collect(bad, nil); err == nil || !strings.Contains(err.Error(), "bad.json") {
		t.Errorf("the error should name the file: %v", err)
	}
}

func TestFormatRoundTrip(t *testing.T) {
	values := []any{
		nil, true, false, int64(0), int64(-7), int64(math.MinInt64), 1.0, -0.5, 1e21, 1e-7,
		"", "nato", "42", "true", "null", `"quoted"`, "'", "it's", "[1]", "{", "line\nbreak", "Қазақстан",
		[]any{}, []any{1.0, int64(1), "a", nil, []any{false}},
		map[string]any{"b": 2.0, "a": map[string]any{"x": "y"}},
	}
	for _, v := range values {
		s := Format(v)
		back, err := ParseValue(s)
		if err != nil {
			t.Errorf("Format(%#v) = %q, which does not parse: %v", v, s, err)
			continue
		}
		if !reflect.DeepEqual(back, v) {
			t.Errorf("Format(%#v) = %q, which parses as %#v", v, s, back)
		}
	}
	if got := Format("nato"); got != "nato" {
		t.Errorf("a plain string should stay bare, got %q", got)
	}
}
