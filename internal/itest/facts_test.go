package itest

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/seed"
	"github.com/relmap/relmap/internal/seed/seedtest"
	"github.com/relmap/relmap/seeds"
)

// factsPath is the list of facts the loaded graph must show; its "Line format"
// section defines the lines parsed here.
const factsPath = "../../seeds/FACTS.md"

// factsDefaultDate is the day a fact is checked on when its line gives none:
// the date of the source.
var factsDefaultDate = graph.MustDate("2012-02-01")

// The kinds of fact line.
const (
	factTie   = "tie"   // TYPE FROM -> TO, or !TYPE FROM -> TO
	factRoute = "route" // route ROUTE = A > B > C
	factCount = "count" // count TYPE * -> TO = N
)

type factAttr struct{ Name, Value string }

// fact is one case: a line of FACTS.md with its {a,b} sets expanded.
type fact struct {
	Line    int
	Section string
	Kind    string
	Negated bool
	Type    graph.TieType
	From    string // empty for count and route
	To      string // for count: the common end
	Attrs   []factAttr
	At      graph.Date
	AtGiven bool
	Route   string
	Stops   []string
	Want    int // for count
	// Evidence is "" (in force), factConfirmed (+: in force and attested on
	// the day) or factUnconfirmed (?: in force only through an open end,
	// last attested before the day).
	Evidence string
}

// The evidence a fact asks for.
const (
	factConfirmed   = "+"
	factUnconfirmed = "?"
)

// evidencePrefix strips a leading + or ? from a tie type word.
func evidencePrefix(word string) (string, string) {
	if strings.HasPrefix(word, factConfirmed) || strings.HasPrefix(word, factUnconfirmed) {
		return word[:1], word[1:]
	}
	return "", word
}

// Name is the subtest name: the section in brackets, then the case.
func (f fact) Name() string {
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] ", f.Section)
	switch f.Kind {
	case factRoute:
		fmt.Fprintf(&b, "route %s = %s", f.Route, strings.Join(f.Stops, " > "))
	case factCount:
		fmt.Fprintf(&b, "count %s%s * -> %s", f.Evidence, f.Type, f.To)
	default:
		if f.Negated {
			b.WriteString("!")
		}
		fmt.Fprintf(&b, "%s%s %s -> %s", f.Evidence, f.Type, f.From, f.To)
	}
	for _, a := range f.Attrs {
		fmt.Fprintf(&b, " %s=%s", a.Name, a.Value)
	}
	if f.Kind == factCount {
		fmt.Fprintf(&b, " = %d", f.Want)
	}
	if f.AtGiven {
		fmt.Fprintf(&b, " @%s", f.At)
	}
	return b.String()
}

var (
	factSectionRE = regexp.MustCompile(`^\[([^\]]+)\]\s+(.*)$`)
	factDateRE    = regexp.MustCompile(`\s@(\S+)$`)
	factCountRE   = regexp.MustCompile(`\s=\s*(\d+)$`)
	factEndsRE    = regexp.MustCompile(`^(\{[^}]*\}|\S+)\s+->\s+(\{[^}]*\}|\S+)(.*)$`)
	factAttrRE    = regexp.MustCompile(`(?:^|\s)([a-z_]+)=`)
)

// stripComment removes the parenthesised comment that ends a line, if any.
func stripComment(s string) string {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ")") {
		return s
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')':
			depth++
		case '(':
			depth--
			if depth == 0 {
				return strings.TrimSpace(s[:i])
			}
		}
	}
	return s
}

// expandSet turns "{a,b}" into [a b] and "a" into [a].
func expandSet(s string) ([]string, error) {
	if !strings.HasPrefix(s, "{") {
		return []string{s}, nil
	}
	if !strings.HasSuffix(s, "}") {
		return nil, fmt.Errorf("unclosed set %q", s)
	}
	var out []string
	for _, m := range strings.Split(s[1:len(s)-1], ",") {
		if m = strings.TrimSpace(m); m != "" {
			out = append(out, m)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("empty set %q", s)
	}
	return out, nil
}

// parseAttrs reads "name=value name=value", each value running to the next
// " name=", and checks the names against the tie type.
func parseAttrs(s string, info graph.TieTypeInfo) ([]factAttr, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	locs := factAttrRE.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, fmt.Errorf("%q is not NAME=VALUE", s)
	}
	var out []factAttr
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		a := factAttr{Name: s[l[2]:l[3]], Value: strings.TrimSpace(s[l[1]:end])}
		if a.Value == "" {
			return nil, fmt.Errorf("attribute %s has no value", a.Name)
		}
		switch a.Name {
		case graph.PropSince, graph.PropUntil, graph.PropAttested:
			if _, err := graph.ParseDate(a.Value); err != nil {
				return nil, fmt.Errorf("attribute %s: %v", a.Name, err)
			}
		default:
			attr, ok := info.Attr(a.Name)
			if !ok {
				return nil, fmt.Errorf("tie type %s has no attribute %s", info.Type, a.Name)
			}
			if attr.Int {
				if _, err := strconv.ParseInt(a.Value, 10, 64); err != nil {
					return nil, fmt.Errorf("attribute %s: %q is not an integer", a.Name, a.Value)
				}
			}
		}
		out = append(out, a)
	}
	return out, nil
}

func lookupType(name string) (graph.TieTypeInfo, error) {
	info, ok := graph.LookupTieType(graph.TieType(name))
	if !ok {
		return info, fmt.Errorf("unknown tie type %q", name)
	}
	return info, nil
}

// parseFactLine parses one fact line (without the leading "- ") into its
// cases, one per member of each {a,b} set.
func parseFactLine(line string) ([]fact, error) {
	m := factSectionRE.FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return nil, fmt.Errorf("no [SECTION] at the start")
	}
	base := fact{Section: strings.TrimSpace(m[1]), At: factsDefaultDate}
	body := stripComment(m[2])
	if d := factDateRE.FindStringSubmatchIndex(body); d != nil {
		at, err := graph.ParseDate(body[d[2]:d[3]])
		if err != nil {
			return nil, fmt.Errorf("@date: %v", err)
		}
		base.At, base.AtGiven = at, true
		body = strings.TrimSpace(body[:d[0]])
	}
	word, rest, _ := strings.Cut(body, " ")
	rest = strings.TrimSpace(rest)

	switch word {
	case factRoute:
		name, stops, ok := strings.Cut(rest, "=")
		base.Kind, base.Type, base.Route = factRoute, graph.TieTransit, strings.TrimSpace(name)
		if !ok || base.Route == "" || strings.Contains(base.Route, " ") {
			return nil, fmt.Errorf("route line is not `route ROUTE = A > B ...`")
		}
		for _, s := range strings.Split(stops, ">") {
			if s = strings.TrimSpace(s); s == "" || strings.Contains(s, " ") {
				return nil, fmt.Errorf("route %s: bad stop %q", base.Route, s)
			}
			base.Stops = append(base.Stops, s)
		}
		if len(base.Stops) < 2 {
			return nil, fmt.Errorf("route %s: fewer than two stops", base.Route)
		}
		return []fact{base}, nil

	case factCount:
		typ, rest, _ := strings.Cut(rest, " ")
		base.Evidence, typ = evidencePrefix(typ)
		info, err := lookupType(typ)
		if err != nil {
			return nil, err
		}
		c := factCountRE.FindStringSubmatchIndex(rest)
		if c == nil {
			return nil, fmt.Errorf("count line does not end in `= N`")
		}
		base.Want, _ = strconv.Atoi(rest[c[2]:c[3]])
		e := factEndsRE.FindStringSubmatch(strings.TrimSpace(rest[:c[0]]))
		if e == nil || e[1] != "*" {
			return nil, fmt.Errorf("count line is not `count TYPE * -> TO ... = N`")
		}
		base.Kind, base.Type = factCount, info.Type
		if base.Attrs, err = parseAttrs(e[3], info); err != nil {
			return nil, err
		}
		return expandEnds(base, "", e[2])
	}

	base.Kind = factTie
	if strings.HasPrefix(word, "!") {
		base.Negated, word = true, word[1:]
	}
	base.Evidence, word = evidencePrefix(word)
	if base.Negated && base.Evidence != "" {
		return nil, fmt.Errorf("! cannot be combined with %s", base.Evidence)
	}
	info, err := lookupType(word)
	if err != nil {
		return nil, err
	}
	base.Type = info.Type
	e := factEndsRE.FindStringSubmatch(rest)
	if e == nil {
		return nil, fmt.Errorf("no `FROM -> TO` after %s", word)
	}
	if base.Attrs, err = parseAttrs(e[3], info); err != nil {
		return nil, err
	}
	return expandEnds(base, e[1], e[2])
}

// expandEnds makes one case of base per pair of members of the sets from and
// to ("" for no FROM end).
func expandEnds(base fact, from, to string) ([]fact, error) {
	froms, err := expandSet(from)
	if err != nil {
		return nil, err
	}
	tos, err := expandSet(to)
	if err != nil {
		return nil, err
	}
	var out []fact
	for _, fr := range froms {
		for _, t := range tos {
			f := base
			f.From, f.To = fr, t
			out = append(out, f)
		}
	}
	return out, nil
}

// parseFacts reads every fact line ("- [SECTION] ...") outside code blocks.
func parseFacts(text string) ([]fact, []error) {
	var facts []fact
	var errs []error
	fenced := false
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") {
			fenced = !fenced
			continue
		}
		if fenced || !strings.HasPrefix(t, "- [") {
			continue
		}
		fs, err := parseFactLine(strings.TrimPrefix(t, "- "))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %v", factsPath, i+1, err))
			continue
		}
		for j := range fs {
			fs[j].Line = i + 1
		}
		facts = append(facts, fs...)
	}
	return facts, errs
}

func readFacts(t *testing.T) []fact {
	t.Helper()
	b, err := os.ReadFile(factsPath)
	if err != nil {
		t.Fatal(err)
	}
	facts, errs := parseFacts(string(b))
	for _, err := range errs {
		t.Error(err)
	}
	return facts
}

func TestFactsParsed(t *testing.T) {
	facts := readFacts(t)
	if len(facts) < 35 {
		t.Fatalf("parsed %d cases from %s, want at least 35", len(facts), factsPath)
	}
	kinds := map[string]int{}
	for _, f := range facts {
		k := f.Kind
		if f.Negated {
			k = "!" + k
		}
		kinds[f.Evidence+k]++
	}
	for _, k := range []string{factTie, "!" + factTie, factRoute, factCount, factConfirmed + factTie, factUnconfirmed + factTie, factConfirmed + factCount} {
		if kinds[k] == 0 {
			t.Errorf("no %s case parsed: %v", k, kinds)
		}
	}
	t.Logf("%d cases: %v", len(facts), kinds)
}

func TestFactsLineParser(t *testing.T) {
	facts, errs := parseFacts("```\n- [SECTION] TYPE FROM -> TO\n```\n" +
		"- [A] member_of {x,y} -> {o,p} role=member (a comment (nested))\n" +
		"- [B] !ipap x -> ipap @2003\n" +
		"- [C] deploys_alongside k -> p where=Iraq (demining) @2005-01-01 (comment)\n" +
		"- [D] consults nato -> {osce, eu} format=consultations on security\n" +
		"- [E] route r1 = a > b > c\n" +
		"- [F] count member_of * -> nato role=member = 28 @2026-11-28\n" +
		"- [G] participates_in t -> pfp since=2002-02-20 status=active\n" +
		"- [H] +member_of x -> nato @2026-12-04\n" +
		"- [I] ?ipap x -> ipap attested=2012 @2026-12-04\n" +
		"- [J] count +member_of * -> osce = 9 @2026-12-04\n" +
		"- Not a fact (ignored)\n")
	for _, err := range errs {
		t.Error(err)
	}
	got := make([]string, len(facts))
	for i, f := range facts {
		got[i] = f.Name()
	}
	want := []string{
		"[A] member_of x -> o role=member",
		"[A] member_of x -> p role=member",
		"[A] member_of y -> o role=member",
		"[A] member_of y -> p role=member",
		"[B] !ipap x -> ipap @2003",
		"[C] deploys_alongside k -> p where=Iraq (demining) @2005-01-01",
		"[D] consults nato -> osce format=consultations on security",
		"[D] consults nato -> eu format=consultations on security",
		"[E] route r1 = a > b > c",
		"[F] count member_of * -> nato role=member = 28 @2026-11-28",
		"[G] participates_in t -> pfp since=2002-02-20 status=active",
		"[H] +member_of x -> nato @2026-12-04",
		"[I] ?ipap x -> ipap attested=2012 @2026-12-04",
		"[J] count +member_of * -> osce = 9 @2026-12-04",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("cases:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f := facts[4]; !f.Negated || f.At != graph.MustDate("2003") || f.Line != 5 {
		t.Errorf("negated case: %+v", f)
	}
	if f := facts[0]; f.Negated || f.At != factsDefaultDate || f.AtGiven {
		t.Errorf("default date: %+v", f)
	}
	if f := facts[9]; f.Kind != factCount || f.Want != 28 || f.To != "nato" {
		t.Errorf("count case: %+v", f)
	}
	if f := facts[11]; f.Evidence != factConfirmed || f.Type != graph.TieMemberOf {
		t.Errorf("confirmed case: %+v", f)
	}
	if f := facts[12]; f.Evidence != factUnconfirmed || len(f.Attrs) != 1 || f.Attrs[0].Name != graph.PropAttested {
		t.Errorf("unconfirmed case: %+v", f)
	}
	if f := facts[13]; f.Evidence != factConfirmed || f.Kind != factCount {
		t.Errorf("confirmed count case: %+v", f)
	}

	for _, bad := range []string{
		"no section",
		"[X] nosuch_type a -> b",
		"[X] member_of a b",
		"[X] member_of a -> b nosuch=1",
		"[X] transit a -> b order=first",
		"[X] ipap a -> b since=2012-13",
		"[X] ipap a -> b @yesterday",
		"[X] ipap {} -> b",
		"[X] route r1 = a",
		"[X] count member_of a -> b = 3",
		"[X] count member_of * -> b",
		"[X] !+member_of a -> b",
		"[X] ?ipap a -> b attested=2012-13",
	} {
		if fs, err := parseFactLine(bad); err == nil {
			t.Errorf("%q parsed as %+v, want an error", bad, fs)
		}
	}
}

// tiePattern is the MATCH pattern of a tie of type info between (a) and (b):
// either direction for symmetric types.
func tiePattern(info graph.TieTypeInfo) string {
	if info.Symmetric {
		return "(a:Actor {id: $from})-[r:" + info.RelType + "]-(b:Actor {id: $to})"
	}
	return "(a:Actor {id: $from})-[r:" + info.RelType + "]->(b:Actor {id: $to})"
}

// factWhere is the condition on r: each attribute of $attrs equal, each
// date of $dates (since, until) with that first day (attested: last day).
const factWhere = " AND all(k IN keys($attrs) WHERE r[k] = $attrs[k])" +
	" AND all(k IN keys($dates) WHERE toString(r[k]) = $dates[k])"

func factParams(f fact, info graph.TieTypeInfo) map[string]any {
	attrs, dates := map[string]any{}, map[string]any{}
	for _, a := range f.Attrs {
		if a.Name == graph.PropSince || a.Name == graph.PropUntil {
			dates[a.Name] = graph.MustDate(a.Value).First().Format("2006-01-02")
			continue
		}
		if a.Name == graph.PropAttested {
			dates[a.Name] = graph.MustDate(a.Value).Last().Format("2006-01-02")
			continue
		}
		if def, _ := info.Attr(a.Name); def.Int {
			n, _ := strconv.ParseInt(a.Value, 10, 64)
			attrs[a.Name] = n
			continue
		}
		attrs[a.Name] = a.Value
	}
	return map[string]any{"from": f.From, "to": f.To, "at": f.At, "attrs": attrs, "dates": dates}
}

// tiesBetween describes every tie of the fact's type between its ends,
// whatever its dates and attributes, for failure messages.
func tiesBetween(t *testing.T, s graph.Store, f fact, info graph.TieTypeInfo) string {
	t.Helper()
	rows := readRows(t, s, "MATCH "+tiePattern(info)+" RETURN r", map[string]any{"from": f.From, "to": f.To})
	if len(rows) == 0 {
		return "none"
	}
	var out []string
	for _, row := range rows {
		r, _ := row[0].(graph.Relationship)
		var kv []string
		for k, v := range r.Props {
			if _, ok := info.Attr(k); ok || k == graph.PropSince || k == graph.PropUntil || k == graph.PropAttested {
				kv = append(kv, fmt.Sprintf("%s=%v", k, v))
			}
		}
		sort.Strings(kv)
		out = append(out, "{"+strings.Join(kv, " ")+"}")
	}
	return strings.Join(out, ", ")
}

func actorExists(t *testing.T, s graph.Store, id string) bool {
	t.Helper()
	rows := readRows(t, s, "MATCH (a:Actor {id: $id}) RETURN count(a)", map[string]any{"id": id})
	return rows[0][0].(int64) > 0
}

// evidenceCypher is the condition a fact puts on r for its evidence.
func evidenceCypher(f fact) string {
	switch f.Evidence {
	case factConfirmed:
		return graph.ConfirmedAtCypher("r")
	case factUnconfirmed:
		return graph.UnconfirmedAtCypher("r")
	}
	return graph.ValidAtCypher("r")
}

func checkTieFact(t *testing.T, s graph.Store, f fact) {
	info, _ := graph.LookupTieType(f.Type)
	q := "MATCH " + tiePattern(info) + " WHERE " + evidenceCypher(f) + factWhere + " RETURN count(r)"
	n := readRows(t, s, q, factParams(f, info))[0][0].(int64)
	if f.Evidence == factUnconfirmed {
		// Unconfirmed means no matching tie is confirmed either.
		q := "MATCH " + tiePattern(info) + " WHERE " + graph.ConfirmedAtCypher("r") + factWhere + " RETURN count(r)"
		if c := readRows(t, s, q, factParams(f, info))[0][0].(int64); c > 0 {
			t.Errorf("%s:%d: %d matching ties confirmed on %s, want none; ties of that type: %s",
				factsPath, f.Line, c, f.At, tiesBetween(t, s, f, info))
		}
	}
	switch {
	case f.Negated && n > 0:
		t.Errorf("%s:%d: %d matching ties in force on %s, want none; ties of that type: %s",
			factsPath, f.Line, n, f.At, tiesBetween(t, s, f, info))
	case f.Negated:
		// A misspelt id must not make the absence pass.
		for _, id := range []string{f.From, f.To} {
			if !actorExists(t, s, id) {
				t.Errorf("%s:%d: no actor %q", factsPath, f.Line, id)
			}
		}
	case n == 0:
		t.Errorf("%s:%d: no matching tie in force%s on %s; ties of that type: %s",
			factsPath, f.Line, evidenceWords[f.Evidence], f.At, tiesBetween(t, s, f, info))
	}
}

var evidenceWords = map[string]string{factConfirmed: " and confirmed", factUnconfirmed: " and unconfirmed"}

func checkCountFact(t *testing.T, s graph.Store, f fact) {
	info, _ := graph.LookupTieType(f.Type)
	pattern := "(a:Actor)-[r:" + info.RelType + "]->(b:Actor {id: $to})"
	if info.Symmetric {
		pattern = "(a:Actor)-[r:" + info.RelType + "]-(b:Actor {id: $to})"
	}
	q := "MATCH " + pattern + " WHERE " + evidenceCypher(f) + factWhere +
		" RETURN count(DISTINCT a), collect(DISTINCT a.id)"
	row := readRows(t, s, q, factParams(f, info))[0]
	if n := row[0].(int64); n != int64(f.Want) {
		ids := fmt.Sprint(row[1])
		t.Errorf("%s:%d: %d distinct actors on %s, want %d: %s", factsPath, f.Line, n, f.At, f.Want, ids)
	}
}

func checkRouteFact(t *testing.T, s graph.Store, f fact) {
	info, _ := graph.LookupTieType(graph.TieTransit)
	q := "MATCH (a:Actor)-[r:" + info.RelType + "]->(b:Actor) WHERE r.route = $route AND " +
		graph.ValidAtCypher("r") + " RETURN r.order, a.id, b.id ORDER BY r.order"
	rows := readRows(t, s, q, map[string]any{"route": f.Route, "at": f.At})
	if len(rows) == 0 {
		t.Fatalf("%s:%d: route %s has no legs in force on %s", factsPath, f.Line, f.Route, f.At)
	}
	var visited []string
	for i, row := range rows {
		order, _ := row[0].(int64)
		from, _ := row[1].(string)
		to, _ := row[2].(string)
		if order != int64(i+1) {
			t.Errorf("%s:%d: leg %d of %s has order %v", factsPath, f.Line, i+1, f.Route, row[0])
		}
		if i == 0 {
			visited = append(visited, from)
		} else if prev := visited[len(visited)-1]; from != prev {
			t.Errorf("%s:%d: leg %d of %s starts at %s, the previous leg ends at %s", factsPath, f.Line, i+1, f.Route, from, prev)
		}
		visited = append(visited, to)
	}
	if !slices.Equal(visited, f.Stops) {
		t.Errorf("%s:%d: route %s on %s visits %s, want %s", factsPath, f.Line, f.Route, f.At,
			strings.Join(visited, " > "), strings.Join(f.Stops, " > "))
	}
}

// TestFacts checks every fact of seeds/FACTS.md in the graph loaded from the
// built-in dataset.
func TestFacts(t *testing.T) {
	facts := readFacts(t)
	if len(facts) == 0 {
		t.Fatal("no facts parsed")
	}
	s := openStore(t)
	ds, err := seed.LoadFS(seeds.FS)
	if err != nil {
		t.Fatalf("built-in seed files: %v", err)
	}
	if _, err := s.Load(context.Background(), ds, graph.LoadOptions{}); err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, f := range facts {
		t.Run(f.Name(), func(t *testing.T) {
			switch f.Kind {
			case factRoute:
				checkRouteFact(t, s, f)
			case factCount:
				checkCountFact(t, s, f)
			default:
				checkTieFact(t, s, f)
			}
		})
	}
}

// The attestation rule's Cypher forms agree with graph.Tie.ConfirmedAt and
// UnconfirmedAt on
// every tie of the built-in dataset, on the last day each tie is attested,
// the day after, and a few fixed days; and every tie's attestation reads
// back from the graph as it was built from the seed files.
func TestConfirmedAtCypherAgrees(t *testing.T) {
	s, snap := loadBuiltIn(t)
	built := seedtest.Sets(t)
	want := map[string]graph.Date{}
	for _, tie := range built[0].Ties {
		want[tie.Key] = tie.Attested
	}
	days := map[graph.Date]bool{graph.MustDate("2012-02-01"): true, graph.MustDate("2013-01-01"): true, graph.Today(): true}
	for _, tie := range snap.Ties {
		if tie.Attested != want[tie.Key] {
			t.Errorf("%s: attested %q read back, %q built", tie.Key, tie.Attested, want[tie.Key])
		}
		if !tie.Attested.IsZero() {
			last := graph.Day(tie.Attested.Last())
			days[last] = true
			days[graph.Day(tie.Attested.Last().AddDate(0, 0, 1))] = true
		}
	}
	if len(days) < 5 {
		t.Fatalf("only %d days to check; the dataset has too few attested ties", len(days))
	}
	byKey := map[string]graph.Tie{}
	for _, tie := range snap.Ties {
		byKey[tie.Key] = tie
	}
	confirmed := 0
	for day := range days {
		rows := readRows(t, s, "MATCH ()-[r]->() WHERE r.dataset = $ds RETURN r.key, "+graph.ConfirmedAtCypher("r")+", "+graph.UnconfirmedAtCypher("r"),
			map[string]any{"ds": snap.Name, "at": day})
		if len(rows) != len(snap.Ties) {
			t.Fatalf("%d ties in the graph, %d in the snapshot", len(rows), len(snap.Ties))
		}
		for _, row := range rows {
			key, _ := row[0].(string)
			got, _ := row[1].(bool)
			if w := byKey[key].ConfirmedAt(day); got != w {
				t.Errorf("%s on %s: Cypher says confirmed=%v, Go %v (attested %s)", key, day, got, w, byKey[key].Attested)
			}
			un, _ := row[2].(bool)
			if w := byKey[key].UnconfirmedAt(day); un != w {
				t.Errorf("%s on %s: Cypher says unconfirmed=%v, Go %v (attested %s)", key, day, un, w, byKey[key].Attested)
			}
			if got {
				confirmed++
			}
		}
	}
	if confirmed == 0 {
		t.Error("no tie confirmed on any day checked")
	}
}
