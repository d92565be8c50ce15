package graph

import (
	"fmt"
	"time"
)

// Attestation rule (the one definition used by seeds, load, query, render
// and compare): besides the span in which a tie held (since/until, see the
// time rule on Date), a tie has the date up to which its sources speak for
// it, Tie.Attested.
//
//   - A citation of a dated document speaks up to the document's publication
//     date; a citation that names the day its record was checked
//     (Citation.Checked, written `checked:`) speaks up to that date; a
//     citation with both speaks up to the later.
//   - A tie is attested to the latest date any of its citations speaks for,
//     and a tie with an explicit until is attested at least to until (its
//     end is itself what a source says).
//   - A date known only to the year or month attests its whole period:
//     `checked: 2026-11` speaks through 30 November 2026, a document
//     published in 2012 through 31 December 2012. (The time rule reads an
//     imprecise since or until as the first day of its period; an attestation
//     names the period in which the source was written or the record read,
//     and the source speaks for all of it.)
//
// On day D a tie is confirmed when it is in force on D and attested on or
// after D, and unconfirmed when it is in force on D only because its end is
// open and its attestation ends before D.

// Last returns the last day of d's period: the day itself at day
// precision, the last day of the month or year otherwise. It is the last
// day an attestation dated d speaks for.
func (d Date) Last() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(d.Year, time.December, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

// Attest returns the date up to which the citations speak for a tie ending
// at until, under the attestation rule: the latest of each citation's
// Checked date and its document's publication date (published returns the
// zero Date for a document without one), and at least until. The zero Date
// means no source dates the tie.
func Attest(sources []Citation, until Date, published func(doc string) Date) Date {
	var best Date
	later := func(d Date) {
		if !d.IsZero() && (best.IsZero() || d.Last().After(best.Last())) {
			best = d
		}
	}
	for _, c := range sources {
		if published != nil {
			later(published(c.Doc))
		}
		later(c.Checked)
	}
	later(until)
	return best
}

// AttestedAt reports whether an attestation dated attested speaks for day
// at (an imprecise at stands for its first day, as under the time rule).
func AttestedAt(attested, at Date) bool {
	return !attested.IsZero() && !at.First().After(attested.Last())
}

// ConfirmedAt reports whether the tie is in force on day at and some source
// attests it on or after at.
func (t Tie) ConfirmedAt(at Date) bool {
	return t.ValidAt(at) && AttestedAt(t.Attested, at)
}

// UnconfirmedAt reports whether the tie is in force on day at only because
// its end is open, its sources speaking for it last before at.
func (t Tie) UnconfirmedAt(at Date) bool {
	return t.ValidAt(at) && t.Until.IsZero() && !AttestedAt(t.Attested, at)
}

// ConfirmedAtCypher is the Cypher predicate form of ConfirmedAt for a
// relationship variable r and a date parameter $at. The loader stores
// attested as a Neo4j date holding the last day the attestation speaks for
// (see Date.Last), so the rule is a plain comparison.
func ConfirmedAtCypher(r string) string {
	return fmt.Sprintf("(%[2]s AND %[1]s.attested IS NOT NULL AND $at <= %[1]s.attested)", r, ValidAtCypher(r))
}

// UnconfirmedAtCypher is the Cypher predicate form of UnconfirmedAt for a
// relationship variable r and a date parameter $at.
func UnconfirmedAtCypher(r string) string {
	return fmt.Sprintf("(%[2]s AND %[1]s.until IS NULL AND (%[1]s.attested IS NULL OR %[1]s.attested < $at))", r, ValidAtCypher(r))
}

// CheckChecked says what is wrong with a citation's checked date for a tie
// starting at since, on day today: a record cannot be checked before the tie
// began nor on a day still to come. It returns "" when nothing is.
func CheckChecked(checked, since, today Date) string {
	switch {
	case checked.IsZero():
		return ""
	case checked.First().After(today.First()):
		return fmt.Sprintf("checked date %s is in the future (today is %s)", checked, today)
	case !since.IsZero() && checked.Last().Before(since.First()):
		return fmt.Sprintf("checked date %s precedes the tie's since %s", checked, since)
	}
	return ""
}
