package seed

import (
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/relmap/relmap/graph"
)

// Limits on values. Seed files are written by hand; a value past these is a
// paste gone wrong, and it would otherwise travel into every view.
const (
	maxID       = 64
	maxName     = 200
	maxTitle    = 300
	maxNote     = 2000
	maxEvidence = 300
	maxURL      = 2000
)

var slugRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

const slugHint = "use lower-case a-z, 0-9 and '-', starting with a letter or digit"

// rule says what a field may hold.
type rule struct {
	max       int
	required  bool
	slug      bool
	multiline bool
	forbid    string // a separator of the CSV form, see csv.go
	hint      string // for a missing value
}

var (
	ruleID       = rule{max: maxID, required: true, slug: true}
	ruleRef      = rule{max: maxID, required: true, slug: true}
	ruleName     = rule{max: maxName, required: true}
	ruleLine     = rule{max: maxName}
	ruleNote     = rule{max: maxNote, multiline: true}
	ruleWord     = rule{max: maxID, required: true}
	ruleAlias    = rule{max: maxName, required: true, forbid: listSep}
	ruleAttr     = rule{max: maxName, forbid: listSep}
	ruleSection  = rule{max: maxName, required: true, forbid: partSep}
	ruleEvidence = rule{max: maxEvidence, required: true, forbid: partSep}
)

type actorDef struct {
	kind graph.Kind
	at   pos
}

// leg is a transit tie, kept to check each route's order and connections.
type leg struct {
	route, period string
	order         int
	from, to      string
	at            pos
}

// builder validates items and assembles datasets. Identifiers are global
// across every dataset loaded together, because the graph makes them so:
// actor and document ids are unique in Neo4j, and ties may join actors of
// other datasets.
type builder struct {
	p        *problems
	sets     map[string]*graph.Dataset
	docs     map[string]pos
	docIDs   []string
	actors   map[string]actorDef
	actorIDs []string
	routeIDs []string
	ties     map[string]pos
	legs     []leg
}

func build(in parsed, p *problems) []*graph.Dataset {
	b := &builder{p: p, sets: map[string]*graph.Dataset{}, docs: map[string]pos{},
		actors: map[string]actorDef{}, ties: map[string]pos{}}
	for _, it := range in.docs {
		b.document(it)
	}
	sort.Strings(b.docIDs)
	for _, it := range in.actors {
		b.registerActor(it)
	}
	sort.Strings(b.actorIDs)
	sort.Strings(b.routeIDs)
	for _, it := range in.actors {
		b.actor(it)
	}
	for _, it := range in.ties {
		b.tie(it)
	}
	b.checkRoutes()
	names := make([]string, 0, len(b.sets))
	for n := range b.sets {
		names = append(names, n)
	}
	sort.Strings(names)
	out := make([]*graph.Dataset, len(names))
	for i, n := range names {
		out[i] = b.sets[n]
		out[i].Sort()
	}
	return out
}

func (b *builder) set(it item) *graph.Dataset {
	name := strings.TrimSpace(it.dataset.s)
	if name != "" {
		b.check(it.dataset, "dataset", rule{max: maxID, slug: true}, it.at)
	}
	ds := b.sets[name]
	if ds == nil {
		ds = &graph.Dataset{Name: name}
		b.sets[name] = ds
	}
	return ds
}

// get checks the field name of it against r and returns its trimmed value;
// ok is false when the value is missing or invalid.
func (b *builder) get(it item, name string, r rule) (string, bool) {
	return b.check(it.fields[name], name, r, it.at)
}

func (b *builder) check(v value, name string, r rule, owner pos) (string, bool) {
	if v.bad {
		return "", false
	}
	s := strings.TrimSpace(v.s)
	if s == "" {
		if r.required {
			b.p.add(owner, r.hint, "missing `%s`", name)
		}
		return "", false
	}
	if n := utf8.RuneCountInString(s); n > r.max {
		b.p.add(v.at, "shorten it", "`%s` is %d characters long; at most %d are allowed", name, n, r.max)
		return "", false
	}
	for _, c := range s {
		if c == '\n' && !r.multiline {
			b.p.add(v.at, "keep it on one line", "`%s` spans several lines", name)
			return "", false
		}
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0 {
			b.p.add(v.at, "remove it", "`%s` contains the control character %U", name, c)
			return "", false
		}
	}
	if r.slug && !slugRE.MatchString(s) {
		b.p.add(v.at, slugHint, "`%s` '%s' is not a valid id", name, s)
		return "", false
	}
	if r.forbid != "" && strings.Contains(s, r.forbid) {
		b.p.add(v.at, "it separates values in CSV files; rephrase", "`%s` contains '%s'", name, r.forbid)
		return "", false
	}
	return s, true
}

func (b *builder) date(it item, name string, required bool) (graph.Date, bool) {
	s, ok := b.get(it, name, rule{max: maxID, required: required,
		hint: "give the earliest date the source attests, and say so in `note`"})
	if !ok {
		return graph.Date{}, false
	}
	d, err := graph.ParseDate(s)
	if err != nil {
		b.p.add(it.fields[name].at, "", "`%s`: %v", name, err)
		return graph.Date{}, false
	}
	return d, true
}

func (b *builder) document(it item) {
	ds := b.set(it)
	d := graph.Document{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	id, idOK := b.get(it, "id", ruleID)
	d.ID = id
	d.Title, _ = b.get(it, "title", rule{max: maxTitle, required: true})
	d.Publisher, _ = b.get(it, "publisher", ruleLine)
	d.Published, _ = b.date(it, "published", false)
	if u, ok := b.get(it, "url", rule{max: maxURL}); ok {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			b.p.add(it.fields["url"].at, "write a full http:// or https:// address", "`url` '%s' is not a web address", u)
		}
		d.URL = u
	}
	if k, ok := b.get(it, "kind", ruleLine); ok {
		if k != "document" && k != "reference" {
			b.p.add(it.fields["kind"].at, "a document is a publication; a reference is general reference material",
				"document kind '%s' is not document or reference", k)
		}
		d.Kind = k
	}
	d.Note, _ = b.get(it, "note", ruleNote)
	if idOK {
		if first, dup := b.docs[id]; dup {
			b.p.add(it.at, "document ids are unique across all datasets; rename or remove one",
				"document '%s' is defined twice (also at %s)", id, first.ref(it.at))
		} else {
			b.docs[id] = it.at
			b.docIDs = append(b.docIDs, id)
		}
	}
	ds.Documents = append(ds.Documents, d)
}

// registerActor records ids and kinds before any actor's fields are checked,
// so that the first definition of a duplicate is the one that counts.
func (b *builder) registerActor(it item) {
	id := strings.TrimSpace(it.fields["id"].s)
	if !slugRE.MatchString(id) || len(id) > maxID {
		return
	}
	if first, dup := b.actors[id]; dup {
		b.p.add(it.at, "actor ids are unique across all datasets; rename or remove one",
			"actor '%s' is defined twice (also at %s)", id, first.at.ref(it.at))
		return
	}
	k, _ := graph.ParseKind(strings.TrimSpace(it.fields["kind"].s))
	b.actors[id] = actorDef{kind: k, at: it.at}
	b.actorIDs = append(b.actorIDs, id)
	if k == graph.KindRoute {
		b.routeIDs = append(b.routeIDs, id)
	}
}

func (b *builder) actor(it item) {
	ds := b.set(it)
	a := graph.Actor{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	a.ID, _ = b.get(it, "id", ruleID)
	if k, ok := b.get(it, "kind", ruleWord); ok {
		kind, err := graph.ParseKind(k)
		if err != nil {
			hint := didYouMean(k, graph.KindNames())
			if hint == "" {
				hint = "one of " + strings.Join(graph.KindNames(), ", ")
			}
			b.p.add(it.fields["kind"].at, hint, "unknown actor kind '%s'", k)
		}
		a.Kind = kind
	}
	a.Name, _ = b.get(it, "name", ruleName)
	a.Short, _ = b.get(it, "short", ruleLine)
	for _, v := range it.aliases {
		if s, ok := b.check(v, "aliases", ruleAlias, v.at); ok {
			a.Aliases = append(a.Aliases, s)
		}
	}
	if r, ok := b.get(it, "region", rule{max: maxID, slug: true}); ok {
		a.Region = r
	}
	a.Note, _ = b.get(it, "note", ruleNote)
	a.Sources = b.citations(it, false)
	ds.Actors = append(ds.Actors, a)
}

func (b *builder) citations(it item, required bool) []graph.Citation {
	if len(it.sources) == 0 {
		if required {
			b.p.add(it.at, "add `sources` with `doc`, `section` and `evidence`", "a tie needs at least one source")
		}
		return nil
	}
	out := make([]graph.Citation, 0, len(it.sources))
	for _, c := range it.sources {
		var cit graph.Citation
		if doc, ok := b.check(c.fields["doc"], "doc", ruleRef, c.at); ok {
			if _, found := b.docs[doc]; !found {
				b.p.add(c.fields["doc"].at, b.refHint(doc, b.docIDs, "define it under `documents:`"), "unknown document '%s'", doc)
			}
			cit.Doc = doc
		}
		cit.Section, _ = b.check(c.fields["section"], "section", ruleSection, c.at)
		cit.Evidence, _ = b.check(c.fields["evidence"], "evidence", ruleEvidence, c.at)
		out = append(out, cit)
	}
	return out
}

func (b *builder) refHint(s string, ids []string, otherwise string) string {
	if h := didYouMean(s, ids); h != "" {
		return h
	}
	return otherwise
}

// end resolves a tie's from or to.
func (b *builder) end(it item, name string) (actorDef, string, bool) {
	id, ok := b.get(it, name, ruleRef)
	if !ok {
		return actorDef{}, "", false
	}
	a, found := b.actors[id]
	if !found {
		b.p.add(it.fields[name].at, b.refHint(id, b.actorIDs, "define it under `actors:`"), "unknown actor '%s'", id)
		return actorDef{}, id, false
	}
	return a, id, true
}

func (b *builder) tie(it item) {
	ds := b.set(it)
	t := graph.Tie{Dataset: ds.Name, File: it.at.file, Line: it.at.line}
	typ, typeOK := b.get(it, "type", ruleWord)
	var info graph.TieTypeInfo
	if typeOK {
		info, typeOK = graph.LookupTieType(graph.TieType(typ))
		if !typeOK {
			b.p.add(it.fields["type"].at, b.refHint(typ, graph.TieTypeNames(), "see the tie types in seeds/README.md"),
				"unknown tie type '%s'", typ)
		}
		t.Type = graph.TieType(typ)
	}
	from, fromID, fromOK := b.end(it, "from")
	to, toID, toOK := b.end(it, "to")
	t.From, t.To = fromID, toID
	if typeOK && fromOK && toOK && from.kind != "" && to.kind != "" {
		if err := info.CheckEnds(from.kind, to.kind); err != nil {
			at := it.fields["from"].at
			if !strings.Contains(err.Error(), "cannot start") {
				at = it.fields["to"].at
			}
			b.p.add(at, "", "%v", err)
		}
	}
	attrsOK := typeOK && b.attrs(it, info, &t)
	var sinceOK, untilOK bool
	t.Since, sinceOK = b.date(it, "since", true)
	t.Until, untilOK = b.date(it, "until", false)
	if sinceOK && untilOK && !t.Until.First().After(t.Since.First()) {
		b.p.add(it.fields["until"].at, "a tie is in force from since up to the day before until",
			"`until` %s is not after `since` %s", t.Until, t.Since)
	}
	key, keyOK := b.get(it, "key", rule{max: maxID, slug: true})
	keyOK = keyOK || strings.TrimSpace(it.fields["key"].s) == ""
	t.Note, _ = b.get(it, "note", ruleNote)
	t.Sources = b.citations(it, true)
	if typeOK && fromID != "" && toID != "" && attrsOK && keyOK {
		t.Key = graph.TieKey(t, key)
		if first, dup := b.ties[t.Key]; dup {
			b.p.add(it.at, "if these are two periods of one relation, give one a `key` to tell them apart",
				"tie %s is defined twice (also at %s)", t.Key, first.ref(it.at))
		} else {
			b.ties[t.Key] = it.at
			if t.Type == graph.TieTransit {
				order, _ := strconv.Atoi(t.Attrs["order"])
				b.legs = append(b.legs, leg{t.Attrs["route"], key, order, fromID, toID, it.at})
			}
		}
	}
	ds.Ties = append(ds.Ties, t)
}

// attrs reads a tie's attributes: every field that is not a common one. It
// reports whether they are all valid.
func (b *builder) attrs(it item, info graph.TieTypeInfo, t *graph.Tie) bool {
	var names []string
	for n := range it.fields {
		if !has(tieFields, n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	known := make([]string, 0, len(tieFields)+len(info.Attrs))
	known = append(known, tieFields...)
	for _, a := range info.Attrs {
		known = append(known, a.Name)
	}
	ok := true
	attrs := map[string]string{}
	bad := map[string]bool{}
	for _, n := range names {
		v := it.fields[n]
		if _, found := info.Attr(n); !found {
			guess := suggest(n, known)
			stand(it.fields, guess, v.at)
			hint := didYouMean(n, known)
			if hint == "" && len(info.Attrs) == 0 {
				hint = fmt.Sprintf("a %s tie takes no attributes", info.Type)
			} else if hint == "" {
				hint = fmt.Sprintf("a %s tie takes %s", info.Type, strings.Join(known[len(tieFields):], ", "))
			}
			b.p.add(v.at, hint, "unknown field '%s'", n)
			ok = false
			continue
		}
		if v.bad {
			bad[n] = true
			ok = false
		} else if s, valid := b.check(v, n, ruleAttr, v.at); valid {
			attrs[n] = s
		} else if strings.TrimSpace(v.s) != "" {
			ok = false
		}
	}
	for _, err := range info.CheckAttrs(attrs) {
		if a := info.Attrs; len(a) > 0 && missingBad(err, bad) {
			continue
		}
		at := it.at
		for _, n := range names {
			if strings.HasPrefix(err.Error(), n+" ") {
				at = it.fields[n].at
			}
		}
		b.p.add(at, "", "%v", err)
		ok = false
	}
	for _, a := range info.Attrs {
		if a.Int && attrs[a.Name] != "" {
			// "01" and "1" are one leg; the key must not tell them apart.
			if i, err := strconv.Atoi(attrs[a.Name]); err == nil {
				attrs[a.Name] = strconv.Itoa(i)
			}
		}
	}
	if r, found := attrs["route"]; found && info.Type == graph.TieTransit {
		if a, isActor := b.actors[r]; !isActor {
			b.p.add(it.fields["route"].at, b.refHint(r, b.routeIDs, "define it under `actors:` with kind route"), "unknown route '%s'", r)
			ok = false
		} else if a.kind != graph.KindRoute && a.kind != "" {
			b.p.add(it.fields["route"].at, "`route` names the route actor this leg belongs to", "'%s' is a %s, not a route", r, a.kind)
			ok = false
		}
	}
	if len(attrs) > 0 {
		t.Attrs = attrs
	}
	return ok
}

// missingBad reports whether err is CheckAttrs' complaint about a missing
// attribute that was given, but unreadably (and so already reported).
func missingBad(err error, bad map[string]bool) bool {
	for n := range bad {
		if strings.HasSuffix(err.Error(), fmt.Sprintf("needs %q", n)) {
			return true
		}
	}
	return false
}

// checkRoutes checks that each route's legs run 1, 2, ... n and that each
// leg starts where the one before it ends. Legs given a key form a route of
// their own: a separate period of the same route.
func (b *builder) checkRoutes() {
	type routeID struct{ route, period string }
	routes := map[routeID][]leg{}
	var ids []routeID
	for _, l := range b.legs {
		id := routeID{l.route, l.period}
		if routes[id] == nil {
			ids = append(ids, id)
		}
		routes[id] = append(routes[id], l)
	}
	for _, id := range ids {
		legs := routes[id]
		sort.SliceStable(legs, func(i, j int) bool { return legs[i].order < legs[j].order })
		name := id.route
		if id.period != "" {
			name += " (key " + id.period + ")"
		}
		for i, l := range legs {
			if i == 0 {
				if l.order != 1 {
					b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
						"route '%s' starts at leg %d: leg 1 is missing", name, l.order)
				}
				continue
			}
			prev := legs[i-1]
			switch {
			case l.order == prev.order:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' has two legs numbered %d (the other at %s)", name, l.order, prev.at.ref(l.at))
			case l.order == prev.order+2:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' jumps from leg %d to leg %d: leg %d is missing", name, prev.order, l.order, prev.order+1)
			case l.order != prev.order+1:
				b.p.add(l.at, "number a route's legs 1, 2, 3, ... without gaps",
					"route '%s' jumps from leg %d to leg %d: legs %d to %d are missing", name, prev.order, l.order, prev.order+1, l.order-1)
			case l.from != prev.to:
				b.p.add(l.at, "each leg starts where the one before it ends",
					"leg %d of route '%s' starts at '%s', but leg %d ends at '%s' (%s)", l.order, name, l.from, prev.order, prev.to, prev.at.ref(l.at))
			}
		}
	}
}
