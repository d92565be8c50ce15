package queries

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/relmap/relmap/graph"
)

func TestEveryFileParses(t *testing.T) {
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
	qs := All()
	if len(qs) < 14 {
		t.Errorf("%d queries, want at least 14", len(qs))
	}
	for _, q := range qs {
		if got, ok := Get(q.Name); !ok || got.Cypher != q.Cypher {
			t.Errorf("Get(%q) does not return the query", q.Name)
		}
	}
	if !sort.StringsAreSorted(Names()) {
		t.Error("Names is not sorted")
	}
	if _, ok := Get("no-such-query"); ok {
		t.Error("Get found a query that does not exist")
	}
}

// stripped is the Cypher with comments and string literals blanked out, so
// that a '$' or ':' inside them is not mistaken for syntax.
func stripped(cypher string) string {
	b := []byte(cypher)
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
			for ; i < len(b) && b[i] != '\n'; i++ {
				b[i] = ' '
			}
		case b[i] == '\'' || b[i] == '"':
			q := b[i]
			for i++; i < len(b) && b[i] != q; i++ {
				if b[i] == '\\' {
					b[i] = ' '
					i++
				}
				if i < len(b) {
					b[i] = ' '
				}
			}
		}
	}
	return string(b)
}

var paramRE = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)

func TestParamsDeclaredAndUsed(t *testing.T) {
	for _, q := range All() {
		used := map[string]bool{}
		for _, m := range paramRE.FindAllStringSubmatch(stripped(q.Cypher), -1) {
			used[m[1]] = true
		}
		for name := range used {
			if _, ok := q.Param(name); !ok {
				t.Errorf("%s uses $%s but does not declare it", q.Name, name)
			}
		}
		for _, p := range q.Parameters {
			if !used[p.Name] {
				t.Errorf("%s declares %s but does not use $%s", q.Name, p.Name, p.Name)
			}
		}
	}
}

// names returns the labels (inside (…)) and relationship types (inside […])
// a statement mentions, including the alternatives of A|B.
func names(cypher string) (labels, rels map[string]bool) {
	labels, rels = map[string]bool{}, map[string]bool{}
	s := stripped(cypher)
	var stack []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '(', '[', '{':
			stack = append(stack, c)
			continue
		case ')', ']', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			continue
		case ':', '|':
		default:
			continue
		}
		if len(stack) == 0 || i+1 >= len(s) || s[i+1] < 'A' || s[i+1] > 'Z' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '_' || s[j] >= 'A' && s[j] <= 'Z' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= '0' && s[j] <= '9') {
			j++
		}
		switch stack[len(stack)-1] {
		case '(':
			labels[s[i+1:j]] = true
		case '[':
			rels[s[i+1:j]] = true
		}
	}
	return labels, rels
}

func TestLabelsAndTypesExist(t *testing.T) {
	known := map[string]bool{graph.ActorLabel: true, graph.LabelDocument: true, graph.LabelDataset: true}
	for _, k := range graph.Kinds {
		known[k.Label] = true
	}
	relTypes := map[string]bool{}
	for _, tt := range graph.TieTypes {
		relTypes[tt.RelType] = true
	}
	// Types named as strings, as in type(r) = 'HAS_IPAP', are checked too.
	typeString := regexp.MustCompile(`type\(\w+\)\s*(?:=|<>)\s*'([A-Z_]+)'|WHEN '([A-Z_]+)'`)
	for _, q := range All() {
		labels, rels := names(q.Cypher)
		if len(labels) == 0 {
			t.Errorf("%s: found no labels; the scanner is broken", q.Name)
		}
		for l := range labels {
			if !known[l] {
				t.Errorf("%s: label %s is not an actor kind's label, %s, %s or %s", q.Name, l, graph.ActorLabel, graph.LabelDocument, graph.LabelDataset)
			}
		}
		for r := range rels {
			if !relTypes[r] {
				t.Errorf("%s: relationship type %s is not in graph.TieTypes", q.Name, r)
			}
		}
		for _, m := range typeString.FindAllStringSubmatch(q.Cypher, -1) {
			if r := m[1] + m[2]; !relTypes[r] {
				t.Errorf("%s: relationship type '%s' is not in graph.TieTypes", q.Name, r)
			}
		}
	}
}

func TestScanner(t *testing.T) {
	labels, rels := names("MATCH (a:Actor:State)-[r:MEMBER_OF|:HAS_IPAP]->(b {id: 'X:Y'}) WHERE [(a)-[:LEADS]->(c:Organisation) | c.id] // (x:Nope)")
	if want := map[string]bool{"Actor": true, "State": true, "Organisation": true}; !reflect.DeepEqual(labels, want) {
		t.Errorf("labels %v, want %v", labels, want)
	}
	if want := map[string]bool{"MEMBER_OF": true, "HAS_IPAP": true, "LEADS": true}; !reflect.DeepEqual(rels, want) {
		t.Errorf("types %v, want %v", rels, want)
	}
}

// Time queries must state the time rule exactly as graph.ValidAtCypher does,
// and the attestation rule exactly as graph.ConfirmedAtCypher does, and use
// $at nowhere else, so that every query agrees with load, render and
// compare on what "in force" and "confirmed" mean.
func TestTimeRule(t *testing.T) {
	var validAt = regexp.MustCompile(`\(\((\w+)\.since IS NULL`)
	var confirmedAt = regexp.MustCompile(`\(\(\((\w+)\.since IS NULL`)
	for _, q := range All() {
		body := stripped(q.Cypher)
		for _, m := range confirmedAt.FindAllStringSubmatch(body, -1) {
			// The confirmed rule holds the time rule; what is left of a
			// copy that differs fails below.
			body = strings.Replace(body, graph.ConfirmedAtCypher(m[1]), "", 1)
		}
		_, hasAt := q.Param("at")
		if hasAt != q.Time {
			t.Errorf("%s: time: %v but declares at: %v", q.Name, q.Time, hasAt)
		}
		if !q.Time {
			continue
		}
		rest := body
		n := 0
		for _, m := range validAt.FindAllStringSubmatch(body, -1) {
			rule := graph.ValidAtCypher(m[1])
			if !strings.Contains(rest, rule) {
				t.Errorf("%s: the time rule for %s is not written as graph.ValidAtCypher(%q) = %s", q.Name, m[1], m[1], rule)
				continue
			}
			rest = strings.Replace(rest, rule, "", 1)
			n++
		}
		rest = strings.ReplaceAll(rest, "$at IS NULL", "")
		if n == 0 {
			t.Errorf("%s: time: yes but no graph.ValidAtCypher predicate", q.Name)
		}
		if strings.Contains(rest, "$at") {
			t.Errorf("%s: uses $at outside the time rule", q.Name)
		}
	}
}

// The attribute lists used to show a tie's attributes must name every
// attribute some tie type takes, in the order of graph.TieTypes.
func TestAttributeLists(t *testing.T) {
	var want []string
	seen := map[string]bool{}
	for _, tt := range graph.TieTypes {
		for _, a := range tt.Attrs {
			if !seen[a.Name] {
				seen[a.Name] = true
				want = append(want, "'"+a.Name+"'")
			}
		}
	}
	list := "[" + strings.Join(want, ", ") + "]"
	found := 0
	for _, q := range All() {
		if !strings.Contains(q.Cypher, "WHERE r[k] IS NOT NULL") {
			continue
		}
		found++
		if !strings.Contains(q.Cypher, "[k IN "+list+" WHERE r[k] IS NOT NULL") {
			t.Errorf("%s: the attribute list is not %s", q.Name, list)
		}
	}
	if found == 0 {
		t.Error("no query lists attributes; the check is stale")
	}
}

// The ladder, wherever a query names it, must be graph.NATOLadder, the one
// place that orders it; the spheres compared must be graph.SphereOrgs.
func TestLadderAndSpheres(t *testing.T) {
	var want []any
	var quoted []string
	for _, r := range graph.NATOLadder {
		want = append(want, r.Programme)
		quoted = append(quoted, "'"+r.Programme+"'")
	}
	literal := "[" + strings.Join(quoted, ", ") + "]"
	for _, q := range All() {
		if p, ok := q.Param("ladder"); ok && !reflect.DeepEqual(p.Default, want) {
			t.Errorf("%s: ladder default %v, want graph.NATOLadder %v", q.Name, p.Default, want)
		}
		if strings.Contains(q.Cypher, quoted[0]) && !strings.Contains(q.Cypher, literal) {
			t.Errorf("%s: names the ladder, but not as %s", q.Name, literal)
		}
	}
	sphereOrgs := "['" + strings.Join(graph.SphereOrgs(), "', '") + "']"
	if q, _ := Get("multi-sphere"); !strings.Contains(q.Cypher, sphereOrgs) {
		t.Errorf("multi-sphere should compare graph.SphereOrgs %s", sphereOrgs)
	}
}

func TestDescriptionsAndHelp(t *testing.T) {
	for _, q := range All() {
		if len(q.Description) < 60 {
			t.Errorf("%s: the description %q is too short to say what the query returns", q.Name, q.Description)
		}
		for _, p := range q.Parameters {
			if p.Help == "" {
				t.Errorf("%s: parameter %s has no help", q.Name, p.Name)
			}
		}
	}
}

func TestDefaultsConvert(t *testing.T) {
	today := graph.MustDate("2012-02-01")
	for _, q := range All() {
		var required []string
		user := map[string]any{}
		for _, p := range q.Parameters {
			if p.Required() {
				required = append(required, p.Name)
				user[p.Name] = "2010-01-01" // every required parameter is a date today
			}
		}
		got, err := q.ParamsOn(user, today)
		if err != nil {
			t.Errorf("%s (required: %v): %v", q.Name, required, err)
			continue
		}
		if len(got) != len(q.Parameters) {
			t.Errorf("%s: %d parameters, want %d", q.Name, len(got), len(q.Parameters))
		}
		for _, p := range q.Parameters {
			v := got[p.Name]
			if v == nil {
				if !p.Optional() {
					t.Errorf("%s: %s is null but not optional", q.Name, p.Name)
				}
				continue
			}
			ok := false
			switch p.Type {
			case String, Actor, Document:
				_, ok = v.(string)
			case Role:
				_, ok = v.(string)
			case Kind:
				var k string
				k, ok = v.(string)
				_, err := graph.ParseKind(k)
				ok = ok && err == nil
			case Int:
				_, ok = v.(int64)
			case Float:
				_, ok = v.(float64)
			case Bool:
				_, ok = v.(bool)
			case Date:
				var d graph.Date
				d, ok = v.(graph.Date)
				ok = ok && d.Precision() == graph.PrecisionDay
			case List:
				_, ok = v.([]any)
			}
			if !ok {
				t.Errorf("%s: %s = %#v is not a %s", q.Name, p.Name, v, p.Type)
			}
		}
		if at, ok := q.Param("at"); ok && at.DefaultToday && got["at"] != today {
			t.Errorf("%s: at = %v, want today %v", q.Name, got["at"], today)
		}
	}
}

func TestActorAndKindParameters(t *testing.T) {
	q, ok := Get("members-at")
	if !ok {
		t.Fatal("members-at is missing")
	}
	p, err := q.Params(map[string]any{"org": "NATO"})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.ActorIDs(p); len(got) != 1 || got["org"] != "NATO" {
		t.Errorf("ActorIDs = %v, want org=NATO (role is text, not an actor)", got)
	}
	ties, _ := Get("actor-ties")
	p, err = ties.Params(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := ties.ActorIDs(p); got["id"] != "kazakhstan" {
		t.Errorf("a default actor id is checked too: %v", got)
	}
	says, _ := Get("source-says")
	p, err = says.Params(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := says.ActorIDs(p); len(got) != 0 {
		t.Errorf("a null actor parameter is not an id to check: %v", got)
	}
	kinds, _ := Get("actors-by-kind")
	if _, err := kinds.Params(map[string]any{"kind": "country"}); err == nil || !strings.Contains(err.Error(), "state") {
		t.Errorf("kind=country: %v, want an error listing the kinds", err)
	}
	if p, err := kinds.Params(map[string]any{"kind": "route"}); err != nil || p["kind"] != "route" {
		t.Errorf("kind=route: %v, %v", p["kind"], err)
	}
	if _, err := q.Params(map[string]any{"role": "memeber"}); err == nil || !strings.Contains(err.Error(), "dialogue_partner") {
		t.Errorf("role=memeber: %v, want an error listing the roles", err)
	}
	if p, err := q.Params(map[string]any{"role": "observer"}); err != nil || p["role"] != "observer" {
		t.Errorf("role=observer: %v, %v", p["role"], err)
	}
	changed, _ := Get("changed-between")
	if _, err := changed.Params(map[string]any{"from": "2020", "to": "2010"}); err == nil || !strings.Contains(err.Error(), "after") {
		t.Errorf("from after to: %v, want an error", err)
	}
	if _, err := changed.Params(map[string]any{"from": "2010", "to": "2010"}); err != nil {
		t.Errorf("from = to: %v", err)
	}
}

// The actors a question was asked about, for explaining an empty answer:
// the organisation of members-at by its sphere, other actors by any tie.
func TestAskedAndDay(t *testing.T) {
	q, _ := Get("members-at")
	p, err := q.Params(map[string]any{"org": "eu", "at": graph.MustDate("2012-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Asked(p); len(got) != 1 || got[0] != (graph.Asked{Param: "org", ID: "eu", Sphere: true}) {
		t.Errorf("members-at: %+v", got)
	}
	if d := q.Day(p); d != graph.MustDate("2012-02-01") {
		t.Errorf("members-at day: %v", d)
	}
	q, _ = Get("shortest-path")
	p, err = q.Params(map[string]any{"from": "kazakhstan", "to": "csto"})
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Asked(p); len(got) != 2 || got[0] != (graph.Asked{Param: "from", ID: "kazakhstan"}) || got[1].Sphere {
		t.Errorf("shortest-path: %+v", got)
	}
	// A network is asked about as a route.
	for _, name := range []string{"ndn-legs", "view-ndn"} {
		q, _ = Get(name)
		p, err = q.Params(map[string]any{"network": "kazakhstan"})
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Asked(p); len(got) != 1 || got[0] != (graph.Asked{Param: "network", ID: "kazakhstan", Kind: graph.KindRoute}) {
			t.Errorf("%s: %+v", name, got)
		}
	}
}

// The list `relmap queries` prints: every question once, its parameters
// with their defaults, its description's first sentence on one line.
func TestListing(t *testing.T) {
	rows := Listing()
	if len(rows) != len(All()) {
		t.Fatalf("%d rows for %d questions", len(rows), len(All()))
	}
	for _, r := range rows {
		if r.Values[0] == "members-at" {
			if r.Values[1] != "org=nato at=today role=null" || r.Values[2] != "Members of an organisation on a day: every actor with a MEMBER_OF tie to the organisation in force at $at (since <= at < until), whatever its role (member, observer, dialogue_partner, partner, suspended) unless $role picks one." {
				t.Errorf("members-at: %q", r.Values)
			}
		}
		if d := r.Values[2].(string); strings.Contains(d, "\n") {
			t.Errorf("%s: a line break in %q", r.Values[0], d)
		}
	}
}

// A named question's name with a slip in it gets the one it may be.
func TestUnknownSuggests(t *testing.T) {
	for name, want := range map[string]string{
		"memebers-at": `no named question "memebers-at" (did you mean members-at?); see the list`,
		"zzz":         `no named question "zzz"; see the list`,
	} {
		if got := Unknown(name, "see the list"); got != want {
			t.Errorf("%s: %s\nwant %s", name, got, want)
		}
	}
}
