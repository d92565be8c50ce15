package graph

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision string

// The precisions a date may have.
const (
	PrecisionNone  Precision = ""      // no date: an open end
	PrecisionYear  Precision = "year"  // 2012
	PrecisionMonth Precision = "month" // 2012-06
	PrecisionDay   Precision = "day"   // 2012-06-28
)

// Date is a calendar date known to a year, a month or a day. The zero Date is
// an open end.
//
// Time rule (the one definition used by load, query, render and compare):
// a tie is in force on day D when since <= D < until, where an imprecise date
// stands for the first day of its period ("2012" is 1 January 2012, "2012-06"
// is 1 June 2012) and an open end never excludes D. So a tie with
// since: 2012 is in force on 2012-01-01, and one with until: 2012-06 is no
// longer in force on 2012-06-01.
type Date struct {
	Year  int
	Month int // 0 when unknown
	Day   int // 0 when unknown
}

// ParseDate parses "YYYY", "YYYY-MM" or "YYYY-MM-DD". The empty string is the
// open date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	y, okY := digits(s, 0, 4)
	m, okM := digits(s, 5, 2)
	day, okD := digits(s, 8, 2)
	switch {
	case len(s) == 4 && okY:
		m, day = -1, -1
	case len(s) == 7 && okY && s[4] == '-' && okM:
		day = -1
	case len(s) == 10 && okY && s[4] == '-' && okM && s[7] == '-' && okD:
	default:
		return Date{}, fmt.Errorf("date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	d := Date{Year: y}
	if y < 1800 || y > 2200 {
		return Date{}, fmt.Errorf("date %q: year %d is out of range (1800-2200)", s, y)
	}
	if m >= 0 {
		d.Month = m
		if d.Month < 1 || d.Month > 12 {
			return Date{}, fmt.Errorf("date %q: month %d does not exist", s, d.Month)
		}
	}
	if day >= 0 {
		d.Day = day
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
		if d.Day < 1 || t.Day() != d.Day {
			return Date{}, fmt.Errorf("date %q: day %d does not exist in that month", s, d.Day)
		}
	}
	return d, nil
}

// digits reads the n ASCII digits of s at i.
func digits(s string, i, n int) (int, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s[i : i+n]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

// MustDate parses s and panics on error; for tests and constants.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is an open end.
func (d Date) IsZero() bool { return d.Year == 0 }

// Precision reports how much of d is known.
func (d Date) Precision() Precision {
	switch {
	case d.Year == 0:
		return PrecisionNone
	case d.Month == 0:
		return PrecisionYear
	case d.Day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// String renders d as written in seed files.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var buf [10]byte
	return string(d.appendText(buf[:0]))
}

// appendText appends d as String renders it.
func (d Date) appendText(b []byte) []byte {
	if d.Year < 0 || d.Year > 9999 || d.Month < 0 || d.Month > 99 || d.Day < 0 || d.Day > 99 {
		// Not a date ParseDate accepts; only the padding rule matters.
		switch d.Precision() {
		case PrecisionYear:
			return fmt.Appendf(b, "%04d", d.Year)
		case PrecisionMonth:
			return fmt.Appendf(b, "%04d-%02d", d.Year, d.Month)
		case PrecisionDay:
			return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
		}
		return b
	}
	switch d.Precision() {
	case PrecisionYear:
		return appendDigits(b, d.Year, 4)
	case PrecisionMonth:
		b = appendDigits(b, d.Year, 4)
		return appendDigits(append(b, '-'), d.Month, 2)
	case PrecisionDay:
		b = appendDigits(b, d.Year, 4)
		b = appendDigits(append(b, '-'), d.Month, 2)
		return appendDigits(append(b, '-'), d.Day, 2)
	}
	return b
}

// appendDigits writes 0 <= n < 10^width zero-padded to width digits.
func appendDigits(b []byte, n, width int) []byte {
	var buf [4]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return append(b, buf[:width]...)
}

// First returns the first day of d's period (see the time rule on Date).
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Day returns a day-precision Date for t.
func Day(t time.Time) Date {
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}
}

// Today is the day-precision date of now in UTC.
func Today() Date { return Day(time.Now().UTC()) }

// ParseDay reads the day a question is asked about, as every command and
// named question takes it: "today" (in any case) or a date as ParseDate reads
// it (an imprecise date stands for its first day, under the time rule);
// spaces around it are ignored. Unlike ParseDate it refuses an empty string.
func ParseDay(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "today") {
		return Today(), nil
	}
	if s == "" {
		return Date{}, errors.New("want a date (YYYY-MM-DD, YYYY-MM, YYYY or today), not an empty one")
	}
	d, err := ParseDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("%v (want YYYY-MM-DD, YYYY-MM, YYYY or today)", err)
	}
	return d, nil
}

// ValidAt reports whether a tie running from since to until is in force on
// day at, following the time rule on Date.
func ValidAt(since, until Date, at Date) bool {
	day := at.First()
	if !since.IsZero() && day.Before(since.First()) {
		return false
	}
	if !until.IsZero() && !day.Before(until.First()) {
		return false
	}
	return true
}

// ValidAt reports whether the tie is in force on day at.
func (t Tie) ValidAt(at Date) bool { return ValidAt(t.Since, t.Until, at) }

// ValidAtCypher is the Cypher predicate form of ValidAt for a relationship
// variable r and a date parameter $at. Ties store since/until as Neo4j dates
// holding the first day of their period, so the rule is a plain comparison.
func ValidAtCypher(r string) string {
	return fmt.Sprintf("((%[1]s.since IS NULL OR %[1]s.since <= $at) AND (%[1]s.until IS NULL OR $at < %[1]s.until))", r)
}
