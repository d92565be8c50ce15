package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// EmptyError is an answer that came back empty because an argument names
// nothing to answer about: an organisation nothing is a member of, an actor
// without ties, a day before any of the ties asked about. An empty table or
// drawing would look like an answer when it is a mistake, so commands fail
// with it (exit 1) instead. An empty answer with no such cause is not an
// error; commands say on standard error that it is empty.
type EmptyError struct {
	Why  string // what the argument names, or fails to
	Hint string // what would give an answer; may be empty
}

func (e *EmptyError) Error() string {
	if e.Hint == "" {
		return "nothing to answer: " + e.Why
	}
	return "nothing to answer: " + e.Why + "; " + e.Hint
}

// Asked is an actor an empty answer was asked about.
type Asked struct {
	Param string // the argument that named it ("org"), or "" when it has no name
	ID    string
	// Sphere: the question is about who is in the actor's sphere (its
	// members, and the states in the programmes it leads), as the sphere
	// view, members-at and compare are; otherwise about any of its ties.
	Sphere bool
	// Kind, when set, is the kind of actor the question is about (a
	// network's route): an actor of another kind answers nothing.
	Kind Kind
}

// ExplainEmpty says why a question about asked, on day at (zero: every
// period), answers nothing from ds: an *EmptyError when an argument names
// nothing to answer about, or nil when every argument is sound and the empty
// answer is the answer. With nothing asked it checks the day alone: a day
// before the first tie of the graph, or after every tie ended.
func ExplainEmpty(ds *Dataset, asked []Asked, at Date) error {
	asked = slices.Clone(asked)
	sort.SliceStable(asked, func(i, j int) bool { return asked[i].Param < asked[j].Param })
	var whys, hints []string
	for _, q := range asked {
		e := explainOne(ds, q, at)
		if e == nil {
			continue
		}
		whys = append(whys, e.Why)
		if e.Hint != "" && !slices.Contains(hints, e.Hint) {
			hints = append(hints, e.Hint)
		}
	}
	if len(whys) > 0 {
		return &EmptyError{Why: strings.Join(whys, "; "), Hint: strings.Join(hints, "; ")}
	}
	if len(asked) == 0 && !at.IsZero() {
		return ExplainDay("no tie in the graph", ds.Ties, at)
	}
	return nil
}

func explainOne(ds *Dataset, q Asked, at Date) *EmptyError {
	prefix := ""
	if q.Param != "" {
		prefix = q.Param + ": "
	}
	a, ok := ds.Actor(q.ID)
	if !ok {
		return &EmptyError{Why: fmt.Sprintf("%sno actor has the id %q in the graph", prefix, q.ID),
			Hint: "`relmap load` loads the built-in dataset; `relmap query --named actors-by-kind --param kind=KIND` lists the actors there are"}
	}
	name := a.ID
	if a.Name != "" && FoldName(a.Name) != FoldName(a.ID) {
		name += " (" + a.Name + ")"
	}
	if q.Kind != "" && a.Kind != q.Kind {
		var ids []string
		for _, o := range ds.Actors {
			if o.Kind == q.Kind {
				ids = append(ids, o.ID)
			}
		}
		sort.Strings(ids)
		return &EmptyError{Why: fmt.Sprintf("%s%s is a %s, not a %s", prefix, name, a.Kind, q.Kind),
			Hint: fmt.Sprintf("%ss in the graph: %s", q.Kind, strings.Join(ids, ", "))}
	}
	var ties []Tie
	var what string
	if q.Sphere {
		ties = SphereTies(ds, a.ID)
		what = "membership or partnership of " + a.ID
		if len(ties) == 0 {
			why := fmt.Sprintf("%s%s has no members or partners in the graph", prefix, name)
			if a.Kind != KindOrganisation {
				why = fmt.Sprintf("%s%s is a %s, not an organisation with members", prefix, name, a.Kind)
			}
			return &EmptyError{Why: why, Hint: "organisations with members: " + strings.Join(OrgsWithMembers(ds), ", ")}
		}
	} else {
		for _, t := range ds.Ties {
			if t.From == a.ID || t.To == a.ID {
				ties = append(ties, t)
			}
		}
		what = "tie of " + a.ID
		if len(ties) == 0 {
			return &EmptyError{Why: fmt.Sprintf("%s%s has no ties in the graph", prefix, name),
				Hint: "`relmap query --named no-ties` lists the actors without ties"}
		}
	}
	if at.IsZero() {
		return nil
	}
	if e := dayOutside("no "+what, ties, at); e != nil {
		e.Why = prefix + e.Why
		return e
	}
	return nil
}

// ExplainDay explains an empty answer on day at about ties (what names
// them, "no tie of kazakhstan"), when at falls before the first of them
// begins or after the last has ended: an *EmptyError, or nil when one of them
// is in force on at, or at falls between them, or there are none.
func ExplainDay(what string, ties []Tie, at Date) error {
	if e := dayOutside(what, ties, at); e != nil {
		return e
	}
	return nil
}

// dayOutside is ExplainDay with the error's type.
func dayOutside(what string, ties []Tie, at Date) *EmptyError {
	if len(ties) == 0 {
		return nil
	}
	var first, last Date // the earliest since, the latest until
	open, beginless := false, false
	for _, t := range ties {
		if t.ValidAt(at) {
			return nil
		}
		if t.Since.IsZero() {
			beginless = true // in force from the start of the record
		} else if first.IsZero() || t.Since.First().Before(first.First()) {
			first = t.Since
		}
		if t.Until.IsZero() {
			open = true
		} else if last.IsZero() || last.First().Before(t.Until.First()) {
			last = t.Until
		}
	}
	day := at.First()
	switch {
	case !beginless && day.Before(first.First()):
		return &EmptyError{Why: fmt.Sprintf("%s is in force on %s: the first begins %s", what, at, first),
			Hint: fmt.Sprintf("ask about a day from %s on", first)}
	case !open && !day.Before(last.First()):
		return &EmptyError{Why: fmt.Sprintf("%s is in force on %s: the last ended %s", what, at, last),
			Hint: fmt.Sprintf("ask about a day before %s", last)}
	}
	return nil
}

// SphereTies are the ties that place an actor in org's sphere at some time:
// membership ties of any role to org, and the ties of states to the
// programmes of its sphere (SphereProgrammes), as the sphere view draws.
func SphereTies(ds *Dataset, org string) []Tie {
	var progs map[string]bool
	var out []Tie
	for _, t := range ds.Ties {
		switch t.Type {
		case TieMemberOf:
			if t.To == org {
				out = append(out, t)
			}
		case TieParticipates, TieIPAP:
			if progs == nil {
				progs = SphereProgrammes(ds, org)
			}
			if progs[t.To] {
				out = append(out, t)
			}
		}
	}
	return out
}

// OrgsWithMembers lists the ids of the organisations that have members or
// partners at some time (SphereTies), sorted: what a question about an
// organisation's sphere can be asked of.
func OrgsWithMembers(ds *Dataset) []string {
	var out []string
	for _, a := range ds.Actors {
		if a.Kind == KindOrganisation && len(SphereTies(ds, a.ID)) > 0 {
			out = append(out, a.ID)
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// ExplainEmptyIn looks into an empty answer the database gave, against one
// snapshot of the graph behind s: a document parameter that names no
// document (CheckDocuments, docs parameter → id), then an argument that
// names nothing to answer about (ExplainEmpty). When the graph cannot be
// read the empty answer stands (nil): the explanation must not turn an
// answer into a failure. An interrupt is passed on, so that the command
// ends as interrupted.
func ExplainEmptyIn(ctx context.Context, s Store, docs map[string]string, asked []Asked, at Date) error {
	snap, err := s.Snapshot(ctx)
	if err != nil {
		return ctx.Err()
	}
	ds := Merge(snap)
	if err := CheckDocuments(ds, docs); err != nil {
		return err
	}
	return ExplainEmpty(ds, asked, at)
}
