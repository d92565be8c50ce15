// Package params reads the parameters of a Cypher query from the command line
// (--param name=value) and from files (--params-file FILE.json|.yaml|.yml).
//
// Values are typed the way a person typing them expects, so that
// --param limit=10 reaches Cypher as an integer and --param org=nato as a
// string, without a type annotation:
//
//	null                 nil
//	true, false          bool
//	42, -7               int64 (a JSON number without fraction or exponent)
//	2.5, 1e3, -0.0       float64 (a JSON number with either)
//	"text", 'text'       string: double quotes take JSON escapes, single
//	                     quotes none; use them for "42" or "true" as text
//	[1, "a"], {"a": 1}   list or map, written as JSON
//	2012-02-01           graph.Date, a Cypher DATE: a valid calendar day
//	                     written YYYY-MM-DD (years 0001-9999)
//	anything else        string as written: nato, 2012-02, 007, +5
//
// A date becomes a DATE because the graph's dates are DATEs, and a string
// compared with one is null: `WHERE r.since <= $at` with at as text would
// silently match nothing. To keep such a value as text, quote it
// ('2012-02-01') or give the type after the name: name:string=2012-02-01
// passes the text after '=' exactly as written. name:date=VALUE takes any
// date a command's --at takes (YYYY-MM-DD, YYYY-MM, YYYY or today) as the
// DATE of its first day. Inside a JSON list or map, and in a JSON
// parameters file, quoted text stays text; an unquoted YAML date is a DATE.
//
// Every value is one of nil, bool, int64, float64, string, graph.Date,
// []any or map[string]any.
package params

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/fileio"
	"github.com/relmap/relmap/internal/lazyre"
	"gopkg.in/yaml.v3"
)

var nameRE = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// ValidName reports whether name can be a parameter: Cypher writes it as
// $name without quoting.
func ValidName(name string) bool { return nameRE().MatchString(name) }

func checkName(name string) error {
	if name == "" {
		return errors.New("the parameter has no name")
	}
	if !ValidName(name) {
		return fmt.Errorf("%q is not a parameter name: use letters, digits and _, not starting with a digit", name)
	}
	return nil
}

// Parse parses one --param argument, name=value. Only the first = separates
// the two, so the value may contain more.
func Parse(arg string) (string, any, error) {
	name, raw, ok := strings.Cut(arg, "=")
	if !ok {
		return "", nil, fmt.Errorf("--param %q: want name=value", arg)
	}
	name, typ, typed := strings.Cut(name, ":")
	if err := checkName(name); err != nil {
		return "", nil, fmt.Errorf("--param %q: %w", arg, err)
	}
	var v any
	var err error
	switch {
	case !typed:
		v, err = ParseValue(raw)
	case typ == "string":
		v = raw
	case typ == "date":
		var d graph.Date
		if d, err = graph.ParseDay(raw); err == nil {
			v = graph.Day(d.First())
		}
	default:
		return "", nil, fmt.Errorf("--param %q: unknown type %q after the name (want name:string=… or name:date=…)", arg, typ)
	}
	if err != nil {
		return "", nil, fmt.Errorf("--param %s: %w", name, err)
	}
	return name, v, nil
}

var isoDateRE = lazyre.New(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// parseISODate reads YYYY-MM-DD as a graph.Date; ok is false when s does
// not have that shape.
func parseISODate(s string) (d graph.Date, ok bool, err error) {
	if !isoDateRE().MatchString(s) {
		return d, false, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1 {
		return d, true, fmt.Errorf("%s looks like a date but is no day of the calendar; quote it ('%s') or write name:string=%s to pass it as text", s, s, s)
	}
	return graph.Day(t), true, nil
}

var numberRE = lazyre.New(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// ParseValue types a value as the package documentation describes.
func ParseValue(s string) (any, error) {
	switch s {
	case "null":
		return nil, nil
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	if m := numberRE().FindStringSubmatch(s); m != nil {
		return parseNumber(s, m[2] == "" && m[3] == "")
	}
	if s == "" {
		return "", nil
	}
	if d, ok, err := parseISODate(s); ok {
		return d, err
	}
	switch s[0] {
	case '"':
		var str string
		if err := json.Unmarshal([]byte(s), &str); err != nil {
			return nil, fmt.Errorf("%s is not a complete quoted string (JSON escapes such as \\\" and \\n are allowed)", s)
		}
		return str, nil
	case '\'':
		if len(s) < 2 || s[len(s)-1] != '\'' {
			return nil, fmt.Errorf("%s has no closing single quote", s)
		}
		return s[1 : len(s)-1], nil
	case '[', '{':
		v, err := decodeJSON([]byte(s))
		if err != nil {
			return nil, fmt.Errorf("%s is not a valid JSON list or map (%v); quote the value to pass it as text", s, err)
		}
		return v, nil
	}
	return s, nil
}

func parseNumber(s string, integer bool) (any, error) {
	if integer {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s does not fit a 64-bit integer; quote it to pass it as text", s)
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%s does not fit a 64-bit float; quote it to pass it as text", s)
	}
	return f, nil
}

// decodeJSON decodes one JSON value, typing its numbers as ParseValue does.
func decodeJSON(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("more than one value")
	}
	return normalise(v)
}

// normalise brings decoded JSON and YAML values to the package's types.
func normalise(v any) (any, error) {
	switch x := v.(type) {
	case nil, bool, int64, float64, string, graph.Date:
		return x, nil
	case int:
		return int64(x), nil
	case uint64:
		if x > math.MaxInt64 {
			return nil, fmt.Errorf("%d does not fit a 64-bit integer", x)
		}
		return int64(x), nil
	case json.Number:
		m := numberRE().FindStringSubmatch(string(x))
		if m == nil {
			return nil, fmt.Errorf("%s is not a number", x)
		}
		return parseNumber(string(x), m[2] == "" && m[3] == "")
	case time.Time:
		// YAML reads an unquoted 2012-02-01 as a time; as on the command
		// line, it is a DATE.
		if x.Equal(time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, x.Location())) && x.Location() == time.UTC && x.Year() >= 1 {
			return graph.Day(x), nil
		}
		return x.Format(time.RFC3339Nano), nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			n, err := normalise(e)
			if err != nil {
				return nil, err
			}
			out[i] = n
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			n, err := normalise(e)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = n
		}
		return out, nil
	case map[any]any:
		return nil, errors.New("a map has a key that is not a string")
	}
	return nil, fmt.Errorf("unsupported value %v (%T)", v, v)
}

// ParseAll parses --param arguments in order. Naming a parameter twice is an
// error, since one of the two would be silently lost.
func ParseAll(args []string) (map[string]any, error) {
	out := make(map[string]any, len(args))
	for _, a := range args {
		name, v, err := Parse(a)
		if err != nil {
			return nil, err
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("--param %s is given twice", name)
		}
		out[name] = v
	}
	return out, nil
}

// ReadFile reads a parameters file: a JSON object or a YAML mapping, chosen
// by the extension (.json, .yaml or .yml), from parameter names to values.
// The file must be a regular file of at most MaxFileSize bytes.
func ReadFile(path string) (map[string]any, error) {
	b, err := fileio.ReadFile(path, MaxFileSize)
	if err != nil {
		return nil, &FileError{err}
	}
	m, err := Decode(filepath.Ext(path), b)
	if err != nil {
		return nil, &FileError{fmt.Errorf("%s: %w", path, err)}
	}
	return m, nil
}

// MaxFileSize bounds a parameters file: parameters are values for one
// query, not data to load.
const MaxFileSize = 16 << 20

// FileError is a parameters file that could not be read or decoded, as
// opposed to a mistake in a --param argument.
type FileError struct{ Err error }

func (e *FileError) Error() string { return e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Decode decodes the content of a parameters file with extension ext.
func Decode(ext string, b []byte) (map[string]any, error) {
	var v any
	switch strings.ToLower(ext) {
	case ".json":
		d, err := decodeJSON(b)
		if err != nil {
			return nil, fmt.Errorf("not valid JSON: %w", err)
		}
		v = d
	case ".yaml", ".yml":
		if err := yaml.Unmarshal(b, &v); err != nil {
			return nil, fmt.Errorf("not valid YAML: %w", err)
		}
		if v == nil {
			return map[string]any{}, nil // an empty file
		}
		if _, ok := v.(map[string]any); !ok {
			return nil, fmt.Errorf("want a mapping of parameter names to values, not %s", kind(v))
		}
		d, err := normalise(v)
		if err != nil {
			return nil, err
		}
		v = d
	default:
		return nil, fmt.Errorf("a parameters file must end in .json, .yaml or .yml, not %q", ext)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want an object of parameter names to values, not %s", kind(v))
	}
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := checkName(k); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func kind(v any) string {
	switch v.(type) {
	case []any, map[any]any:
		return "a list"
	case string:
		return "a string"
	case nil:
		return "null"
	}
	return fmt.Sprintf("a single value (%v)", v)
}

// Collect gathers the parameters of one command: those of file (if not
// empty), then the --param arguments, which override the file's so that a
// saved set can be varied from the command line.
func Collect(file string, args []string) (map[string]any, error) {
	out := map[string]any{}
	if file != "" {
		m, err := ReadFile(file)
		if err != nil {
			return nil, err
		}
		out = m
	}
	flags, err := ParseAll(args)
	if err != nil {
		return nil, err
	}
	for k, v := range flags {
		out[k] = v
	}
	return out, nil
}

// Format writes v as a --param value that ParseValue reads back as v: a
// string bare where that is unambiguous and in single quotes otherwise
// (they take no escapes, so any text survives), everything else as JSON.
// NaN and infinities, which ParseValue never returns, become null.
// Commands use it to show the parameters a query ran with.
func Format(v any) string {
	if d, ok := v.(graph.Date); ok {
		return d.String()
	}
	if s, ok := v.(string); ok {
		if back, err := ParseValue(s); err == nil && back == any(s) {
			return s
		}
		return "'" + s + "'"
	}
	var b strings.Builder
	formatJSON(&b, v)
	return b.String()
}

func quote(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(buf.String(), "\n")
}

// formatJSON writes v as JSON in which every float keeps a fraction or an
// exponent, so that it reads back as a float and not an integer.
func formatJSON(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.WriteString("null") // JSON has no such number
			return
		}
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".e") {
			s += ".0"
		}
		b.WriteString(s)
	case string:
		b.WriteString(quote(x))
	case graph.Date:
		// JSON has no date: inside a list or map a date is its text.
		b.WriteString(quote(x.String()))
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			formatJSON(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(quote(k))
			b.WriteByte(':')
			formatJSON(b, x[k])
		}
		b.WriteByte('}')
	default:
		b.WriteString(quote(fmt.Sprint(x)))
	}
}
