package graph

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Lookup finds actors by what people call them: an id, a name, a short name
// or an alias, in any case and with or without accents, so "Kyrgyz
// Republic", "KYRGYZSTAN" and "kyrgyzstan" all name one actor. It is the one
// place relmap turns a name typed on a command line into an actor id: view
// and question parameters, compare's organisations, report and export
// filters all go through it.
type Lookup struct {
	actors []Actor
	byID   map[string]int
	byKey  map[string][]int // FoldName of an id, name, short name or alias
	keys   []string         // byKey's keys, sorted, for suggestions
	ids    []string         // the actors' ids, sorted
}

// NewLookup indexes actors. An actor listed twice (the same id in two
// snapshots) counts once.
func NewLookup(actors []Actor) *Lookup {
	l := &Lookup{byID: map[string]int{}, byKey: map[string][]int{}}
	for _, a := range actors {
		if _, dup := l.byID[a.ID]; dup || a.ID == "" {
			continue
		}
		i := len(l.actors)
		l.actors = append(l.actors, a)
		l.byID[a.ID] = i
		for _, name := range append([]string{a.ID, a.Name, a.Short}, a.Aliases...) {
			k := FoldName(name)
			if k == "" {
				continue
			}
			if ids := l.byKey[k]; len(ids) == 0 || ids[len(ids)-1] != i {
				l.byKey[k] = append(ids, i)
			}
		}
	}
	for k := range l.byKey {
		l.keys = append(l.keys, k)
	}
	sort.Strings(l.keys)
	for id := range l.byID {
		l.ids = append(l.ids, id)
	}
	sort.Strings(l.ids)
	return l
}

// Len is how many actors the lookup knows.
func (l *Lookup) Len() int { return len(l.actors) }

// Has reports whether id is an actor's id, exactly as stored.
func (l *Lookup) Has(id string) bool {
	_, ok := l.byID[id]
	return ok
}

// Find returns the actor name names: the actor with that id, or else the one
// actor whose id, name, short name or alias folds (FoldName) to the same
// text. A name that fits no actor or several is a *LookupError listing the
// candidates.
func (l *Lookup) Find(name string) (Actor, error) {
	if i, ok := l.byID[name]; ok {
		return l.actors[i], nil
	}
	k := FoldName(name)
	switch ids := l.byKey[k]; len(ids) {
	case 1:
		return l.actors[ids[0]], nil
	case 0:
		return Actor{}, &LookupError{Name: name, Nearest: l.nearest(k, 5)}
	default:
		e := &LookupError{Name: name}
		for _, i := range ids {
			e.Matches = append(e.Matches, l.actors[i])
		}
		sort.Slice(e.Matches, func(a, b int) bool { return e.Matches[a].ID < e.Matches[b].ID })
		return Actor{}, e
	}
}

// FindAll resolves each named parameter's value (parameter → name) to an
// actor id, returning the ids by parameter. Every parameter that names no
// actor, or several, is reported (LookupErrors, one *LookupError each).
func (l *Lookup) FindAll(names map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(names))
	var params []string
	for p := range names {
		params = append(params, p)
	}
	sort.Strings(params)
	var errs LookupErrors
	for _, p := range params {
		a, err := l.Find(names[p])
		if le, ok := err.(*LookupError); ok {
			le.Param = p
			errs = append(errs, le)
			continue
		}
		out[p] = a.ID
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// FindEach resolves a list of names (compare's, report's and timeline's
// organisations) to actor ids, in order. Every name that fits no actor or
// several is reported (LookupErrors).
func (l *Lookup) FindEach(names []string) ([]string, error) {
	out := make([]string, 0, len(names))
	var errs LookupErrors
	for _, n := range names {
		a, err := l.Find(n)
		if le, ok := err.(*LookupError); ok {
			errs = append(errs, le)
			continue
		}
		out = append(out, a.ID)
	}
	if len(errs) > 0 {
		return out, errs
	}
	return out, nil
}

// nearest suggests actors for a folded name that matched none: those whose
// id, name, short name or alias is a plausible typo of it, then those whose
// names begin with it (for "kazak" or "collective security"), closest first.
func (l *Lookup) nearest(k string, n int) []Actor {
	var out []Actor
	seen := map[int]bool{}
	add := func(key string) {
		for _, i := range l.byKey[key] {
			if !seen[i] && len(out) < n {
				seen[i] = true
				out = append(out, l.actors[i])
			}
		}
	}
	for _, key := range Nearest(k, l.keys, n) {
		add(key)
	}
	if len([]rune(k)) >= 3 {
		// Ids that begin with it first ("kazak": kazakhstan), then other
		// names ("Kazakh peacekeeping battalion").
		for _, id := range l.ids {
			if strings.HasPrefix(FoldName(id), k) {
				add(FoldName(id))
			}
		}
		for _, key := range l.keys {
			if strings.HasPrefix(key, k) {
				add(key)
			}
		}
	}
	return out
}

// LookupError is a name that fits no actor (Matches empty; Nearest lists
// what it may have meant) or several (Matches lists them).
type LookupError struct {
	Name    string
	Param   string // the parameter that gave the name, when there is one
	Matches []Actor
	Nearest []Actor
}

func (e *LookupError) Error() string {
	var b strings.Builder
	if e.Param != "" {
		b.WriteString(e.Param + ": ")
	}
	if len(e.Matches) > 1 {
		fmt.Fprintf(&b, "%q names %d actors: %s; give one's id", e.Name, len(e.Matches), describe(e.Matches))
		return b.String()
	}
	fmt.Fprintf(&b, "no actor has the id, name or alias %q", e.Name)
	if len(e.Nearest) > 0 {
		fmt.Fprintf(&b, " (did you mean %s?)", describe(e.Nearest))
	} else {
		b.WriteString("; `relmap query --named actors-by-kind --param kind=KIND` lists the actors")
	}
	return b.String()
}

// LookupErrors are the names of several parameters that fit no actor or
// several.
type LookupErrors []*LookupError

func (e LookupErrors) Error() string {
	parts := make([]string, len(e))
	for i, x := range e {
		parts[i] = x.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.As find each *LookupError.
func (e LookupErrors) Unwrap() []error {
	out := make([]error, len(e))
	for i, x := range e {
		out[i] = x
	}
	return out
}

// describe lists actors as "kyrgyzstan (Kyrgyzstan), ..." so both the id to
// type and the name people know appear; an id equal to its name folded says
// it once.
func describe(actors []Actor) string {
	parts := make([]string, len(actors))
	for i, a := range actors {
		parts[i] = a.ID
		if a.Name != "" && FoldName(a.Name) != FoldName(a.ID) {
			parts[i] += " (" + a.Name + ")"
		}
	}
	return strings.Join(parts, ", ")
}

// FoldName is the form in which names are compared: accents dropped
// ("Türkiye" is "turkiye"), case folded, apostrophes and full stops dropped
// ("U.S." is "us", "People's" is "peoples"), and every other run of
// punctuation or space one space, so "north-macedonia", "North Macedonia"
// and "north_macedonia" are one name.
func FoldName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent, split off by NFKD
		case r == '\'' || r == '’' || r == '.' || r == 'ʼ':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// StoredActorsCypher reads what Lookup needs of every actor in the graph:
// a few properties each, not the snapshot with its ties and citations.
var StoredActorsCypher = fmt.Sprintf("MATCH (a:%s) RETURN a.%s, a.%s, a.%s, a.%s, a.%s",
	ActorLabel, PropID, PropKind, PropName, PropShort, PropAliases)

// StoredActors reads the actors of the graph behind s, for a Lookup.
func StoredActors(ctx context.Context, s Store) ([]Actor, error) {
	var out []Actor
	_, err := s.Query(ctx, StoredActorsCypher, nil, QueryOptions{}, func(r Record) error {
		if len(r.Values) != 5 {
			return nil
		}
		m := map[string]any{PropID: r.Values[0], PropKind: r.Values[1], PropName: r.Values[2],
			PropShort: r.Values[3], PropAliases: r.Values[4]}
		if a := ActorFromProps(nil, m); a.ID != "" {
			out = append(out, a)
		}
		return nil
	})
	return out, err
}

// IsID reports whether s has the form of an actor id: lower-case a-z, 0-9
// and '-', starting with a letter or digit.
func IsID(s string) bool {
	if s == "" || s[0] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// ResolveNames turns the names parameters give (parameter → name) into
// actor ids before a question is asked. A name written as an id
// ("kazakhstan") is taken as one and costs nothing: most names are ids, and
// a wrong one shows in an empty answer, which RecheckIDs then looks into.
// Any other name ("Kyrgyz Republic", "NATO") is looked up among the graph's
// actors, read once (StoredActors). The error is a LookupErrors.
func ResolveNames(ctx context.Context, s Store, names map[string]string) (map[string]string, error) {
	allIDs := true
	for _, n := range names {
		allIDs = allIDs && IsID(n)
	}
	if allIDs {
		return maps.Clone(names), nil
	}
	actors, err := StoredActors(ctx, s)
	if err != nil {
		return nil, err
	}
	// With the actors read, every name is checked, so that one message
	// names every mistake.
	return NewLookup(actors).FindAll(names)
}

// RecheckIDs looks into the ids a question was given (parameter → id) after
// it answered nothing: an id that is no actor's may still be a name written
// like one ("turkiye", an alias of turkey) or a typo. It returns the ids to
// ask again with when a name was found (nil when every id is an actor's),
// or a LookupErrors naming the ones that fit no actor, with the closest.
func RecheckIDs(ctx context.Context, s Store, ids map[string]string) (map[string]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	actors, err := StoredActors(ctx, s)
	if ctx.Err() != nil {
		return nil, ctx.Err() // interrupted: the command ends as interrupted, not with an answer
	}
	if err != nil || len(actors) == 0 {
		// The empty answer stands: the check is an explanation, and a
		// graph without actors is ExplainEmpty's to report.
		return nil, nil
	}
	l := NewLookup(actors)
	names := map[string]string{}
	for p, id := range ids {
		if !l.Has(id) {
			names[p] = id
		}
	}
	if len(names) == 0 {
		return nil, nil
	}
	found, err := l.FindAll(names)
	if err != nil {
		return nil, err
	}
	out := maps.Clone(ids)
	maps.Copy(out, found)
	return out, nil
}
