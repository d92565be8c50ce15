// Package queries holds the analysts' named questions that ship inside the
// relmap binary: one Cypher file each under cypher/, with a header that names
// the question, says what it answers and declares its parameters. Keeping the
// header next to the statement means a question and its contract are
// reviewed together, and the tests check that they agree.
//
// A header is the file's leading block of // lines:
//
//	// name: members-at
//	// description: Members of an organisation on a day, ...
//	//   continued on lines indented under it
//	// param: org actor nato "the organisation's id"
//	// param: at date today "the day asked about"
//	// time: yes
//
// A param line is NAME TYPE [DEFAULT] "HELP". TYPE is string, int, float,
// bool, date, list, actor (an actor's id, text that an empty answer gets
// checked against), kind (an actor kind) or role (a membership role).
// DEFAULT is written as a --param value (package params): nato, 2,
// "quoted text", ["pfp","ipcp"], or null for an optional parameter
// the query tests with IS NULL; the date default today is the day the query
// runs. A parameter without a default is required. The header ends at the
// first line that is not a // line or blank, so comments inside the
// statement go after its first line. "time: yes" marks a
// question asked about one day, $at, under the time rule of graph.ValidAt.
//
// Every value reaches Cypher as a parameter; no query text is ever built
// from user input.
package queries

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/lazyre"
	"github.com/relmap/relmap/internal/params"
)

//go:embed cypher/*.cypher
var files embed.FS

// Type is the type of a query parameter.
type Type string

// The parameter types.
const (
	String Type = "string"
	Int    Type = "int"
	Float  Type = "float"
	Bool   Type = "bool"
	Date   Type = "date" // passed to Cypher as a DATE (see Query.Params)
	List   Type = "list"
	// Actor is an actor's id: text that must name an actor in the graph. A
	// typo would otherwise look like an actor with no ties, so a command
	// that gets no rows checks these (Query.ActorIDs).
	Actor Type = "actor"
	// Document is a source document's id: like Actor, a typo would look
	// like a document that attests nothing, so a command that gets no rows
	// checks these (Query.DocIDs).
	Document Type = "document"
	// Kind is an actor kind, one of graph.Kinds, checked when given.
	Kind Type = "kind"
	// Role is a membership role, one of the values graph.TieTypes allows
	// for MEMBER_OF, checked when given.
	Role Type = "role"
)

var types = []Type{String, Int, Float, Bool, Date, List, Actor, Document, Kind, Role}

// memberRoles are the values of a MEMBER_OF tie's role.
func memberRoles() []string {
	info, _ := graph.LookupTieType(graph.TieMemberOf)
	for _, a := range info.Attrs {
		if a.Name == "role" {
			return a.Values
		}
	}
	return nil
}

// Today is the date default that stands for the day a query runs.
const Today = "today"

// Param is a declared parameter of a query.
type Param struct {
	Name string
	Type Type
	// Default is the value used when the caller gives none, already of the
	// parameter's type; nil with HasDefault means null (an optional
	// parameter). Unused when DefaultToday.
	Default      any
	HasDefault   bool
	DefaultToday bool
	Help         string
}

// Required reports whether the caller must give the parameter.
func (p Param) Required() bool { return !p.HasDefault && !p.DefaultToday }

// Optional reports whether the parameter may be null.
func (p Param) Optional() bool { return p.HasDefault && p.Default == nil }

// DefaultText renders the default as written in the header, "" when the
// parameter is required.
func (p Param) DefaultText() string {
	switch {
	case p.DefaultToday:
		return Today
	case !p.HasDefault:
		return ""
	}
	switch d := p.Default.(type) {
	case graph.Date:
		return d.String()
	case string:
		if d == "" {
			return `""`
		}
	}
	return params.Format(p.Default)
}

// Query is a named question.
type Query struct {
	Name        string
	Description string
	Parameters  []Param
	// Time is true for a question about one day: it takes $at.
	Time bool
	// Cypher is the statement without its header.
	Cypher string
	// File is the file the query was read from, for messages.
	File string
}

// Param returns the declared parameter named name.
func (q Query) Param(name string) (Param, bool) {
	for _, p := range q.Parameters {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// ActorIDs returns the actor ids among the values p gives the query's
// actor parameters, by parameter name; a null one is left out.
func (q Query) ActorIDs(p map[string]any) map[string]string { return q.idsOf(p, Actor) }

// DocIDs returns the document ids among the values p gives the query's
// document parameters, by parameter name; a null one is left out.
func (q Query) DocIDs(p map[string]any) map[string]string { return q.idsOf(p, Document) }

// idsOf returns the values p gives the query's parameters of type t, by
// parameter name; a null one is left out.
func (q Query) idsOf(p map[string]any, t Type) map[string]string {
	out := map[string]string{}
	for _, x := range q.Parameters {
		if id, ok := p[x.Name].(string); ok && x.Type == t {
			out[x.Name] = id
		}
	}
	return out
}

// Unknown says that name is no named question, with the ones it may be a
// slip of, and where the list is (listed: "`relmap queries` lists them").
func Unknown(name, listed string) string {
	msg := fmt.Sprintf("no named question %q", name)
	if near := graph.Nearest(name, Names(), 3); len(near) > 0 {
		msg += " (did you mean " + strings.Join(near, " or ") + "?)"
	}
	return msg + "; " + listed
}

// ListKeys are the columns of Listing.
var ListKeys = []string{"name", "parameters", "description"}

// Listing is the named questions as records, for `relmap queries` to print in
// any output format: the name, the parameters (name=default, or the name
// alone when required) and the description's first sentence.
func Listing() []graph.Record {
	var out []graph.Record
	for _, q := range All() {
		var ps []string
		for _, p := range q.Parameters {
			s := p.Name
			if !p.Required() {
				s += "=" + p.DefaultText()
			}
			ps = append(ps, s)
		}
		desc := strings.Join(strings.Fields(q.Description), " ")
		if i := strings.Index(desc, ". "); i > 0 {
			desc = desc[:i+1]
		}
		out = append(out, graph.Record{Keys: ListKeys, Values: []any{q.Name, strings.Join(ps, " "), desc}})
	}
	return out
}

// SphereParam is the parameter that names an organisation whose sphere a
// question asks about (members-at, the sphere view): its empty answer is
// explained by the organisation's members and partners, not by any tie.
const SphereParam = "org"

// RouteParam is the parameter that names the network whose routes a
// question follows (ndn-legs, the ndn and map views): an actor that is no
// route answers nothing.
const RouteParam = "network"

// Asked lists the actors the values p gives the question's actor
// parameters name, for explaining an empty answer (graph.ExplainEmpty).
func (q Query) Asked(p map[string]any) []graph.Asked {
	var out []graph.Asked
	for name, id := range q.ActorIDs(p) {
		a := graph.Asked{Param: name, ID: id, Sphere: name == SphereParam}
		if name == RouteParam {
			a.Kind = graph.KindRoute
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Param < out[j].Param })
	return out
}

// Day is the day a question that takes one (Time) was asked about; zero for
// a question of every period.
func (q Query) Day(p map[string]any) graph.Date {
	if !q.Time {
		return graph.Date{}
	}
	d, _ := p["at"].(graph.Date)
	return d
}

// ParamNames lists the declared parameters in header order.
func (q Query) ParamNames() []string {
	out := make([]string, len(q.Parameters))
	for i, p := range q.Parameters {
		out[i] = p.Name
	}
	return out
}

var load = sync.OnceValues(func() ([]Query, error) {
	names, err := fs.Glob(files, "cypher/*.cypher")
	if err != nil {
		return nil, err
	}
	var qs []Query
	var errs []error
	seen := map[string]string{}
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		q, err := Parse(n, b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if other, dup := seen[q.Name]; dup {
			errs = append(errs, fmt.Errorf("%s: query %s is also defined in %s", n, q.Name, other))
			continue
		}
		seen[q.Name] = n
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].Name < qs[j].Name })
	return qs, errors.Join(errs...)
})

// All returns the built-in queries, sorted by name.
func All() []Query {
	qs, err := load()
	if err != nil {
		// The files are part of the binary and the tests parse every one.
		panic("queries: " + err.Error())
	}
	return append([]Query(nil), qs...)
}

// Get returns the built-in query named name.
func Get(name string) (Query, bool) {
	for _, q := range All() {
		if q.Name == name {
			return q, true
		}
	}
	return Query{}, false
}

// Names lists the built-in queries' names, sorted.
func Names() []string {
	qs := All()
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Name
	}
	return out
}

var (
	queryNameRE = lazyre.New(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	headerRE    = lazyre.New(`^//\s?([a-z]+):\s*(.*?)\s*$`)
)

// Parse reads a query file: its header and its statement. file names it in
// messages.
func Parse(file string, src []byte) (Query, error) {
	q := Query{File: file}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	fail := func(i int, format string, a ...any) (Query, error) {
		return Query{}, fmt.Errorf("%s:%d: %s", file, i+1, fmt.Sprintf(format, a...))
	}
	var i int
	last := ""
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "//") {
			break
		}
		m := headerRE().FindStringSubmatch(lines[i])
		if m == nil {
			text := strings.TrimSpace(strings.TrimPrefix(line, "//"))
			if last == "description" && strings.HasPrefix(lines[i], "//  ") && text != "" {
				q.Description += " " + text
				continue
			}
			if text == "" {
				continue
			}
			return fail(i, "header lines are // key: value (name, description, param, time); indent a line to continue the description")
		}
		key, val := m[1], m[2]
		last = key
		switch key {
		case "name":
			if q.Name != "" {
				return fail(i, "a second name")
			}
			if !queryNameRE().MatchString(val) {
				return fail(i, "query name %q: use lower-case words joined by -", val)
			}
			q.Name = val
		case "description":
			if q.Description != "" {
				return fail(i, "a second description; indent a line to continue the first")
			}
			q.Description = val
		case "param":
			p, err := parseParam(val)
			if err != nil {
				return fail(i, "%v", err)
			}
			if _, dup := q.Param(p.Name); dup {
				return fail(i, "parameter %s is declared twice", p.Name)
			}
			q.Parameters = append(q.Parameters, p)
		case "time":
			switch val {
			case "yes":
				q.Time = true
			case "no":
			default:
				return fail(i, "time is yes or no, not %q", val)
			}
		default:
			return fail(i, "unknown header key %q (want name, description, param or time)", key)
		}
	}
	q.Cypher = strings.TrimSpace(strings.Join(lines[i:], "\n"))
	switch {
	case q.Name == "":
		return Query{}, fmt.Errorf("%s: the header has no // name:", file)
	case q.Description == "":
		return Query{}, fmt.Errorf("%s: the header has no // description:", file)
	case q.Cypher == "":
		return Query{}, fmt.Errorf("%s: no statement after the header", file)
	}
	if want := strings.TrimSuffix(path.Base(file), ".cypher"); path.Ext(file) == ".cypher" && want != q.Name {
		return Query{}, fmt.Errorf("%s: the query is named %s; name the file after it", file, q.Name)
	}
	if p, ok := q.Param("at"); q.Time && (!ok || p.Type != Date) {
		return Query{}, fmt.Errorf("%s: time: yes needs a date parameter at", file)
	}
	return q, nil
}

// parseParam parses NAME TYPE [DEFAULT] "HELP".
func parseParam(s string) (Param, error) {
	toks, err := tokens(s)
	if err != nil {
		return Param{}, err
	}
	if len(toks) < 3 || len(toks) > 4 || !strings.HasPrefix(toks[len(toks)-1], `"`) {
		return Param{}, fmt.Errorf("param %q: want NAME TYPE [DEFAULT] \"HELP\"", s)
	}
	p := Param{Name: toks[0], Type: Type(toks[1])}
	if !params.ValidName(p.Name) {
		return Param{}, fmt.Errorf("%q is not a parameter name", p.Name)
	}
	if !validType(p.Type) {
		return Param{}, fmt.Errorf("parameter %s: unknown type %q (want one of %s)", p.Name, p.Type, typeNames())
	}
	if err := json.Unmarshal([]byte(toks[len(toks)-1]), &p.Help); err != nil || p.Help == "" {
		return Param{}, fmt.Errorf("parameter %s: the help text must be a non-empty quoted string", p.Name)
	}
	if len(toks) == 4 {
		def := toks[2]
		if def == Today {
			if p.Type != Date {
				return Param{}, fmt.Errorf("parameter %s: the default today is for dates", p.Name)
			}
			p.DefaultToday = true
			return p, nil
		}
		v, err := params.ParseValue(def)
		if err != nil {
			return Param{}, fmt.Errorf("parameter %s: default: %w", p.Name, err)
		}
		p.HasDefault = true
		if v != nil {
			if v, err = p.convert(v, graph.Date{}); err != nil {
				return Param{}, fmt.Errorf("parameter %s: default: %w", p.Name, err)
			}
		}
		p.Default = v
	}
	return p, nil
}

// tokens splits a param line into bare words and double-quoted strings,
// which keep their quotes.
func tokens(s string) ([]string, error) {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		end := strings.IndexAny(s, " \t")
		if s[0] == '"' {
			end = -1
			for i := 1; i < len(s); i++ {
				if s[i] == '\\' {
					i++
				} else if s[i] == '"' {
					end = i + 1
					break
				}
			}
			if end < 0 {
				return nil, fmt.Errorf("unclosed quote in %q", s)
			}
		}
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out, nil
}

func validType(t Type) bool {
	for _, x := range types {
		if x == t {
			return true
		}
	}
	return false
}

func typeNames() string {
	s := make([]string, len(types))
	for i, t := range types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Params returns the parameters to run q with: the caller's values (from
// package params) converted to the declared types, and defaults for the rest,
// with today resolved to the current UTC day.
//
// A date parameter accepts YYYY-MM-DD, YYYY-MM or YYYY (standing for the first
// day of the period, as in the time rule), a bare year as a number, or
// "today", and becomes a day-precision graph.Date. The store sends a
// graph.Date as a Neo4j DATE, so the Cypher compares r.since <= $at directly,
// with no date() call and no string comparison.
//
// Unknown parameters, missing required ones, nulls for parameters that are
// not optional, and values that do not convert are errors naming the
// parameters the query takes.
func (q Query) Params(user map[string]any) (map[string]any, error) {
	return q.ParamsOn(user, graph.Today())
}

// ParamsOn is Params with today fixed, for tests and for repeatable runs.
func (q Query) ParamsOn(user map[string]any, today graph.Date) (map[string]any, error) {
	var unknown []string
	for k := range user {
		if _, ok := q.Param(k); !ok {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		// The callers name the question (--named NAME, --view NAME), so the
		// message does not.
		return nil, fmt.Errorf("has no parameter %s; it takes %s", strings.Join(unknown, ", "), q.takes())
	}
	out := make(map[string]any, len(q.Parameters))
	for _, p := range q.Parameters {
		v, given := user[p.Name]
		switch {
		case given:
		case p.DefaultToday:
			out[p.Name] = today
			continue
		case p.HasDefault:
			out[p.Name] = p.Default
			continue
		default:
			return nil, fmt.Errorf("needs --param %s=… (%s, %s); it takes %s", p.Name, p.Type, p.Help, q.takes())
		}
		if v == nil {
			if !p.Optional() {
				return nil, fmt.Errorf("parameter %s cannot be null", p.Name)
			}
			out[p.Name] = nil
			continue
		}
		c, err := p.convert(v, today)
		if err != nil {
			return nil, fmt.Errorf("parameter %s: %w", p.Name, err)
		}
		out[p.Name] = c
	}
	// A period given backwards would match nothing, silently.
	if from, ok := out["from"].(graph.Date); ok {
		if to, ok := out["to"].(graph.Date); ok && to.First().Before(from.First()) {
			return nil, fmt.Errorf("from %s is after to %s", from, to)
		}
	}
	return out, nil
}

func (q Query) takes() string {
	if len(q.Parameters) == 0 {
		return "no parameters"
	}
	s := make([]string, len(q.Parameters))
	for i, p := range q.Parameters {
		s[i] = p.Name + " (" + string(p.Type) + ")"
	}
	return strings.Join(s, ", ")
}

// convert brings a value from the command line or a parameters file to the
// parameter's type. Text is accepted for every scalar type, since a
// parameters file may quote what the command line would not.
func (p Param) convert(v any, today graph.Date) (any, error) {
	switch p.Type {
	case String, Actor, Document:
		switch x := v.(type) {
		case string:
			return x, nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		}
	case Role:
		if x, ok := v.(string); ok {
			if !slices.Contains(memberRoles(), x) {
				return nil, fmt.Errorf("unknown role %q (want one of %s)", x, strings.Join(memberRoles(), ", "))
			}
			return x, nil
		}
	case Kind:
		if x, ok := v.(string); ok {
			k, err := graph.ParseKind(x)
			if err != nil {
				return nil, err
			}
			return string(k), nil
		}
	case Int:
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == float64(int64(x)) && x >= -(1<<63) && x < 1<<63 {
				return int64(x), nil
			}
		case string:
			if n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64); err == nil {
				return n, nil
			}
		}
	case Float:
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		case string:
			if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				return f, nil
			}
		}
	case Bool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			if b, err := strconv.ParseBool(x); err == nil {
				return b, nil
			}
		}
	case Date:
		return toDate(v, today)
	case List:
		if l, ok := v.([]any); ok {
			return l, nil
		}
		if _, isMap := v.(map[string]any); !isMap {
			return []any{v}, nil // one value is a list of one
		}
	}
	return nil, fmt.Errorf("want %s, not %s", describeType(p.Type), params.Format(v))
}

func describeType(t Type) string {
	switch t {
	case String:
		return "text"
	case Actor:
		return "an actor's id"
	case Document:
		return "a document's id"
	case Kind:
		return "an actor kind (" + strings.Join(graph.KindNames(), ", ") + ")"
	case Role:
		return "a membership role (" + strings.Join(memberRoles(), ", ") + ")"
	case Int:
		return "a whole number"
	case Float:
		return "a number"
	case Bool:
		return "true or false"
	case List:
		return "a list"
	}
	return string(t)
}

func toDate(v any, today graph.Date) (any, error) {
	var d graph.Date
	var err error
	switch x := v.(type) {
	case graph.Date:
		d = x
	case time.Time:
		d = graph.Day(x)
	case int64:
		d, err = graph.ParseDay(strconv.FormatInt(x, 10))
	case string:
		if strings.EqualFold(strings.TrimSpace(x), Today) {
			return today, nil
		}
		d, err = graph.ParseDay(x)
	default:
		return nil, fmt.Errorf("want a date (YYYY-MM-DD, YYYY-MM, YYYY or today), not %s", params.Format(v))
	}
	if err != nil {
		return nil, err
	}
	if d.IsZero() {
		return nil, errors.New("want a date (YYYY-MM-DD, YYYY-MM, YYYY or today), not an empty one")
	}
	return graph.Day(d.First()), nil
}
