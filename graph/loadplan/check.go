package loadplan

import (
	"fmt"
	"sort"
	"strings"
)

// Owners says which other dataset owns each id (key for ties) in the
// graph, for the ids a plan would create; an id no other dataset owns is
// absent.
type Owners struct {
	Documents map[string]string
	Actors    map[string]string
	Ties      map[string]string
}

// OwnedError is a load refused because it would change items that another
// dataset owns: a dataset's items change only by loading that dataset.
type OwnedError struct {
	Dataset string  // the dataset being loaded
	Items   []Owned // sorted by kind, then id
}

// Owned is one item of another dataset that a load would have taken over.
type Owned struct {
	Kind  string // document, actor or tie
	ID    string
	Owner string
}

// maxListed is how many items an OwnedError spells out.
const maxListed = 10

func (e *OwnedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dataset %s cannot change items of other datasets; nothing was written:", e.Dataset)
	for i, o := range e.Items {
		if i == maxListed {
			fmt.Fprintf(&b, "\n  … and %d more", len(e.Items)-maxListed)
			break
		}
		fmt.Fprintf(&b, "\n  %s '%s' belongs to dataset %s", o.Kind, o.ID, o.Owner)
	}
	fmt.Fprintf(&b, "\n(give the item another id in %s, or put the change in the files of the dataset that owns it;"+
		" refer to another dataset's actors and documents by id without defining them)", e.Dataset)
	return b.String()
}

// CheckOwners refuses a plan that would create, in its dataset, an item
// the graph holds for another dataset (Created lists those that could be).
func (p *Plan) CheckOwners(docs, actors []string, ties map[string][]string, o Owners) error {
	var items []Owned
	add := func(kind string, ids []string, owners map[string]string) {
		for _, id := range ids {
			if owner, ok := owners[id]; ok && owner != p.Dataset {
				items = append(items, Owned{Kind: kind, ID: id, Owner: owner})
			}
		}
	}
	add("document", docs, o.Documents)
	add("actor", actors, o.Actors)
	rels := make([]string, 0, len(ties))
	for rel := range ties {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		add("tie", ties[rel], o.Ties)
	}
	if len(items) == 0 {
		return nil
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Kind != items[j].Kind {
			return items[i].Kind < items[j].Kind
		}
		return items[i].ID < items[j].ID
	})
	return &OwnedError{Dataset: p.Dataset, Items: items}
}

// PruneError is a load refused because it would remove more than half of
// what a dataset holds: most often a file cut short or the wrong folder,
// rarely meant. The load goes ahead with Prune (relmap load --prune).
type PruneError struct {
	Dataset          string
	Removed, Held    int
	Docs, Acts, Ties int // removed, by kind
}

func (e *PruneError) Error() string {
	return fmt.Sprintf("dataset %s: this load would remove %d of its %d items (%d documents, %d actors, %d ties); nothing was written\n"+
		"(pass --prune if that is meant, or remove the whole dataset with `relmap unload %s`)",
		e.Dataset, e.Removed, e.Held, e.Docs, e.Acts, e.Ties, e.Dataset)
}

// CheckPrune refuses a plan that removes more than half of the items the
// dataset held, unless prune is set.
func (p *Plan) CheckPrune(prune bool) error {
	if prune || p.Removed()*2 <= p.Held() {
		return nil
	}
	return &PruneError{Dataset: p.Dataset, Removed: p.Removed(), Held: p.Held(),
		Docs: p.Documents.Change.Removed, Acts: p.Actors.Change.Removed, Ties: p.Ties.Change.Removed}
}
