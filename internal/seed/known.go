package seed

import (
	"sort"
	"sync"

	"github.com/relmap/relmap/graph"
)

// external is what the graph holds beyond the files: actors and documents
// the files may refer to (see LoadKnown), and where each was first referred
// to, to check once every dataset of the files is known that the item is
// not one of theirs (a dataset loaded again without an actor cannot keep
// ties to it).
type external struct {
	known    *graph.KnownItems
	actorIDs []string // sorted, for suggestions
	docIDs   []string
	mu       sync.Mutex
	used     map[string]extUse
}

type extUse struct {
	kind, owner string
	at          pos
}

func newExternal(k *graph.KnownItems) *external {
	if k == nil {
		return nil
	}
	e := &external{known: k, used: map[string]extUse{}}
	for id := range k.Actors {
		e.actorIDs = append(e.actorIDs, id)
	}
	for id := range k.Documents {
		e.docIDs = append(e.docIDs, id)
	}
	sort.Strings(e.actorIDs)
	sort.Strings(e.docIDs)
	return e
}

// actor looks id up among the graph's actors, noting the use at at.
func (e *external) actor(id string, at pos) (actorDef, bool) {
	if e == nil {
		return actorDef{}, false
	}
	a, ok := e.known.Actors[id]
	if !ok {
		return actorDef{id: id, at: at}, e.known.Unasked
	}
	e.note("actor "+id, "actor", a.Dataset, at)
	return actorDef{id: id, kind: a.Kind, at: at}, true
}

// document looks id up among the graph's documents, noting the use at at.
func (e *external) document(id string, at pos) bool {
	if e == nil {
		return false
	}
	d, ok := e.known.Documents[id]
	if ok {
		e.note("document "+id, "document", d.Dataset, at)
	}
	return ok || e.known.Unasked
}

func (e *external) note(key, kind, owner string, at pos) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if _, seen := e.used[key]; !seen {
		e.used[key] = extUse{kind: kind, owner: owner, at: at}
	}
}

// owner returns the dataset that owns an actor or document id in the graph.
func (e *external) owner(kind, id string) (string, bool) {
	if e == nil {
		return "", false
	}
	if kind == "actor" {
		a, ok := e.known.Actors[id]
		return a.Dataset, ok
	}
	d, ok := e.known.Documents[id]
	return d.Dataset, ok
}

// published is the publication date of a document the graph holds.
func (e *external) published(id string) graph.Date {
	if e == nil {
		return graph.Date{}
	}
	return e.known.Documents[id].Published
}

// checkUses reports each use of a graph item whose dataset the files load
// again without it.
func (b *builder) checkUses() {
	if b.ext == nil {
		return
	}
	for key, u := range b.ext.used {
		if _, loaded := b.sets[u.owner]; loaded {
			b.p.add(u.at, "define it in "+u.owner+"'s files again, or refer to another "+u.kind,
				"%s '%s' belongs to dataset %s, which these files load without it", u.kind, key[len(u.kind)+1:], u.owner)
		}
	}
}

// checkOwned reports an item the files define for dataset ds that the
// graph holds for another dataset: a load may not take it over (to move an
// item, remove it from its dataset's files and load those first).
func (b *builder) checkOwned(kind, id, ds string, at pos) {
	owner, ok := b.ext.owner(kind, id)
	if !ok || owner == ds || owner == "" {
		return
	}
	b.p.add(at, "give it another id, or refer to "+owner+"'s "+kind+" by id without defining it",
		"%s '%s' belongs to dataset %s in the graph; dataset %s cannot define it", kind, id, owner, ds)
}

// allActorIDs are the actor ids a reference may name, for suggestions.
func (b *builder) allActorIDs() []string {
	if b.ext == nil {
		return b.actorIDs
	}
	return append(append([]string(nil), b.actorIDs...), b.ext.actorIDs...)
}

func (b *builder) allDocIDs() []string {
	if b.ext == nil {
		return b.docIDs
	}
	return append(append([]string(nil), b.docIDs...), b.ext.docIDs...)
}

// notInGraph adds to an unknown reference that the graph was asked too.
// defineHint is what to do about an id nothing defines: define it in
// section, or, without a graph to look in (relmap validate), give the
// files that define it as well.
func (b *builder) defineHint(section string) string {
	h := "define it under `" + section + "`"
	if b.ext == nil {
		h += ", or give relmap validate the files that define it too: it knows only the files it is given"
	}
	return h
}

func (b *builder) notInGraph() string {
	if b.ext == nil {
		return ""
	}
	return " (neither in these files nor in the graph)"
}
