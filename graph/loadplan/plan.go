// Package loadplan works out what a load must write: it compares the
// datasets read from files with what the graph holds of them (a snapshot) and
// returns, per dataset, the documents, actors and ties to create, update and
// remove. It also holds the rules a plan must pass before anything is
// written: no item another dataset owns is touched, and a load that would
// empty most of a dataset needs saying so. It does no input or output, so
// every rule is tested without a database; graph/neo4jstore writes plans.
package loadplan

import (
	"bytes"
	"sort"

	"github.com/relmap/relmap/graph"
)

// Items is the plan for one kind of item of a dataset.
type Items struct {
	// Write holds the indexes, in the wanted dataset's slice, of the items
	// that are new or changed; New says for each whether the graph lacks it.
	Write []int
	New   []bool
	// Remove holds the ids (keys for ties) of items the graph holds and the
	// files no longer do, sorted.
	Remove []string
	Change graph.Change
}

// Plan is what a load of one dataset writes.
type Plan struct {
	Dataset   string
	Documents Items
	Actors    Items
	Ties      Items
	// RemoveTies groups Ties.Remove by relationship type (a type cannot be a
	// statement parameter, so removals run type by type).
	RemoveTies map[string][]string
	// Details lists each change ("+ actor nato", "~ tie …", "- document …"),
	// sorted; filled only when asked for (dry runs).
	Details []string
}

// Diff compares old, the graph's copy of a dataset, with want, the dataset
// as the files have it, by canonical form. With details, each change is
// listed in the plan's Details.
func Diff(old, want *graph.Dataset, details bool) Plan {
	p := Plan{Dataset: want.Name}
	var d *[]string
	if details {
		d = &p.Details
	}
	p.Documents = diffItems(old.Documents, want.Documents, "document",
		func(x *graph.Document) string { return x.ID }, (*graph.Document).AppendCanon, d)
	p.Actors = diffItems(old.Actors, want.Actors, "actor",
		func(x *graph.Actor) string { return x.ID }, (*graph.Actor).AppendCanon, d)
	p.Ties = diffItems(old.Ties, want.Ties, "tie",
		func(x *graph.Tie) string { return x.Key }, (*graph.Tie).AppendCanon, d)
	p.RemoveTies = map[string][]string{}
	if len(p.Ties.Remove) > 0 {
		relOf := make(map[string]string, len(old.Ties))
		for _, x := range old.Ties {
			info, _ := graph.LookupTieType(x.Type)
			relOf[x.Key] = info.RelType
		}
		for _, k := range p.Ties.Remove {
			p.RemoveTies[relOf[k]] = append(p.RemoveTies[relOf[k]], k)
		}
	}
	sort.Strings(p.Details)
	return p
}

// diffItems plans one kind of item. Canonical forms are only made for items
// in both, into two reused buffers: a reload of a million unchanged ties
// allocates nothing per tie.
func diffItems[T any](old, want []T, what string, id func(*T) string, canon func(*T, []byte) []byte, details *[]string) Items {
	var it Items
	before := make(map[string]int, len(old))
	for i := range old {
		before[id(&old[i])] = i
	}
	var a, b []byte
	for i := range want {
		x := &want[i]
		j, ok := before[id(x)]
		delete(before, id(x))
		if ok {
			a, b = canon(&old[j], a[:0]), canon(x, b[:0])
		}
		switch {
		case !ok:
			it.Change.Created++
			note(details, "+ "+what+" "+id(x))
		case !bytes.Equal(a, b):
			it.Change.Updated++
			note(details, "~ "+what+" "+id(x))
		default:
			it.Change.Kept++
			continue
		}
		it.Write = append(it.Write, i)
		it.New = append(it.New, !ok)
	}
	it.Remove = make([]string, 0, len(before))
	for k := range before {
		it.Remove = append(it.Remove, k)
		note(details, "- "+what+" "+k)
	}
	sort.Strings(it.Remove)
	it.Change.Removed = len(it.Remove)
	return it
}

func note(details *[]string, line string) {
	if details != nil {
		*details = append(*details, line)
	}
}

// Writes is the number of items the plan creates, updates or removes.
func (p *Plan) Writes() int {
	n := 0
	for _, it := range []*Items{&p.Documents, &p.Actors, &p.Ties} {
		n += len(it.Write) + len(it.Remove)
	}
	return n
}

// Held is the number of items the graph held of the dataset before the load.
func (p *Plan) Held() int {
	n := 0
	for _, it := range []*Items{&p.Documents, &p.Actors, &p.Ties} {
		n += it.Change.Updated + it.Change.Kept + it.Change.Removed
	}
	return n
}

// Removed is the number of items the plan removes.
func (p *Plan) Removed() int {
	return p.Documents.Change.Removed + p.Actors.Change.Removed + p.Ties.Change.Removed
}

// Created lists the ids of the documents and actors and the keys of the
// ties, by relationship type, that the plan creates: the items whose owner
// in the graph must be checked (see Owners), as every other item of the plan
// is the dataset's own already.
func (p *Plan) Created(want *graph.Dataset) (docs, actors []string, ties map[string][]string) {
	for j, i := range p.Documents.Write {
		if p.Documents.New[j] {
			docs = append(docs, want.Documents[i].ID)
		}
	}
	for j, i := range p.Actors.Write {
		if p.Actors.New[j] {
			actors = append(actors, want.Actors[i].ID)
		}
	}
	ties = map[string][]string{}
	for j, i := range p.Ties.Write {
		if p.Ties.New[j] {
			t := &want.Ties[i]
			info, _ := graph.LookupTieType(t.Type)
			ties[info.RelType] = append(ties[info.RelType], t.Key)
		}
	}
	return docs, actors, ties
}
