package graph

// What the attestation rule (attest.go) means for the questions relmap
// answers: whether a sphere standing rests on ties a source speaks for on the
// day asked about, whether a tie's end is one a source states, and the two
// ways --confirmed-only hides what no source speaks for. Every command takes
// these from here, so a figure, a table and a query agree on what is
// unconfirmed.

// spokenForAt reports a tie in force on day at that is not unconfirmed: its
// end is stated, or a source attests it on or after at.
func spokenForAt(t Tie, at Date) bool { return t.ValidAt(at) && !t.UnconfirmedAt(at) }

// ConfirmedStandingAt is state's standing towards the sphere on day at from
// the ties the sources speak for on that day alone (a tie in force only
// because its end is open and last attested before at is left out).
func (s Sphere) ConfirmedStandingAt(state string, ties []Tie, at Date) Standing {
	var now []Tie
	for _, t := range ties {
		if spokenForAt(t, at) {
			now = append(now, t)
		}
	}
	return s.Standing(state, now)
}

// AllUnconfirmedAt reports whether ties is not empty and every one of them
// is unconfirmed on day at: a cell, row or figure element resting on them
// rests on no source for that day.
func AllUnconfirmedAt(ties []Tie, at Date) bool {
	for _, t := range ties {
		if !t.UnconfirmedAt(at) {
			return false
		}
	}
	return len(ties) > 0
}

// LastAttested is the latest attestation among ties (zero when none has
// one): how far the sources of an answer resting on them reach.
func LastAttested(ties []Tie) Date {
	var best Date
	for _, t := range ties {
		if !t.Attested.IsZero() && (best.IsZero() || t.Attested.Last().After(best.Last())) {
			best = t.Attested
		}
	}
	return best
}

// EndStated reports a tie whose end a source states: it has an until and is
// attested to it. A tie that stops being in force only where its sources
// stop speaking (see ConfirmedOnly's every-day form) has an until but is not
// attested to it, so a comparison can tell "ended" from "no longer
// attested".
func (t Tie) EndStated() bool { return !t.Until.IsZero() && AttestedAt(t.Attested, t.Until) }

// ConfirmedOnly is what --confirmed-only shows: a copy of ds without what
// no source speaks for. With a day, the ties unconfirmed on that day are
// left out (every other tie is kept as it is). Without one (the zero Date),
// for outputs that span time (a timeline, the changes between two days),
// each open tie is read only as far as its sources speak: its until becomes
// the day after its attestation ends, and a tie no source dates, or attested
// only before it began, is left out; EndStated tells such an end from a
// stated one. Actors and documents are shared with ds.
func ConfirmedOnly(ds *Dataset, at Date) *Dataset {
	return &Dataset{Name: ds.Name, Documents: ds.Documents, Actors: ds.Actors, Ties: ConfirmedTies(ds.Ties, at)}
}

// ConfirmedTies is ConfirmedOnly for a list of ties (a drawing's edges).
func ConfirmedTies(ties []Tie, at Date) []Tie {
	out := make([]Tie, 0, len(ties))
	for _, t := range ties {
		switch {
		case !at.IsZero():
			if t.UnconfirmedAt(at) {
				continue
			}
		case t.Until.IsZero():
			if t.Attested.IsZero() {
				continue
			}
			end := t.Attested.Last().AddDate(0, 0, 1)
			if !t.Since.IsZero() && !end.After(t.Since.First()) {
				continue
			}
			t.Until = Day(end)
		}
		out = append(out, t)
	}
	return out
}
