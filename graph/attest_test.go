package graph

import (
	"strings"
	"testing"
)

func TestDateLast(t *testing.T) {
	for in, want := range map[string]string{
		"2012":       "2012-12-31",
		"2012-02":    "2012-02-29",
		"2011-02":    "2011-02-28",
		"2026-11":    "2026-11-30",
		"2026-12":    "2026-12-31",
		"2014-06-03": "2014-06-03",
	} {
		if got := Day(MustDate(in).Last()).String(); got != want {
			t.Errorf("Last(%s) = %s, want %s", in, got, want)
		}
	}
}

// The attestation rule's boundaries, at every precision an attestation may
// have: attested on D exactly, the day after, and the ends of months and
// years.
func TestConfirmedAtBoundaries(t *testing.T) {
	tests := []struct {
		name                string
		since, until, attst string
		at                  string
		confirmed, unconf   bool
	}{
		{"day: attested on D exactly", "2010", "", "2014-06-03", "2014-06-03", true, false},
		{"day: the day after", "2010", "", "2014-06-03", "2014-06-04", false, true},
		{"month: first day", "2010", "", "2026-11", "2026-11-01", true, false},
		{"month: last day", "2010", "", "2026-11", "2026-11-30", true, false},
		{"month: the day after", "2010", "", "2026-11", "2026-12-01", false, true},
		{"month: February of a leap year", "2010", "", "2012-02", "2012-02-29", true, false},
		{"month: after February of a leap year", "2010", "", "2012-02", "2012-03-01", false, true},
		{"year: last day", "2010", "", "2012", "2012-12-31", true, false},
		{"year: the day after", "2010", "", "2012", "2013-01-01", false, true},
		{"at of month precision is its first day", "2010", "", "2012-06-30", "2012-07", false, true},
		{"at of year precision is its first day", "2010", "", "2012-01-01", "2012", true, false},
		{"not attested at all", "2010", "", "", "2010-06-01", false, true},
		{"not in force: neither", "2013", "", "2026-12", "2012-06-01", false, false},
		{"ended: neither after its end", "2010", "2014-06-03", "2014-06-03", "2014-06-03", false, false},
		{"ended: confirmed the day before its end", "2010", "2014-06-03", "2014-06-03", "2014-06-02", true, false},
		{"ended but attested only earlier: neither confirmed nor open", "2010", "2014", "2012", "2013-06-01", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tie := Tie{Since: MustDate(tt.since), Until: MustDate(tt.until), Attested: MustDate(tt.attst)}
			at := MustDate(tt.at)
			if got := tie.ConfirmedAt(at); got != tt.confirmed {
				t.Errorf("ConfirmedAt(%s) = %v, want %v", tt.at, got, tt.confirmed)
			}
			if got := tie.UnconfirmedAt(at); got != tt.unconf {
				t.Errorf("UnconfirmedAt(%s) = %v, want %v", tt.at, got, tt.unconf)
			}
			if tie.ConfirmedAt(at) && tie.UnconfirmedAt(at) {
				t.Error("confirmed and unconfirmed at once")
			}
		})
	}
}

func TestAttest(t *testing.T) {
	published := map[string]Date{"eucam": MustDate("2012"), "ref": {}}
	pub := func(doc string) Date { return published[doc] }
	tests := []struct {
		name    string
		sources []Citation
		until   string
		want    string
	}{
		{"a document speaks up to its publication", []Citation{{Doc: "eucam"}}, "", "2012"},
		{"a reference without checked date speaks for nothing", []Citation{{Doc: "ref"}}, "", ""},
		{"a checked reference speaks up to its check", []Citation{{Doc: "ref", Checked: MustDate("2026-11")}}, "", "2026-11"},
		{"the latest citation wins", []Citation{{Doc: "eucam"}, {Doc: "ref", Checked: MustDate("2026-12")}}, "", "2026-12"},
		{"a check earlier than publication: publication", []Citation{{Doc: "eucam", Checked: MustDate("2011-05")}}, "", "2012"},
		{"an explicit until is attested", []Citation{{Doc: "eucam"}}, "2014-06-03", "2014-06-03"},
		{"until before the latest attestation", []Citation{{Doc: "ref", Checked: MustDate("2026-12")}}, "2014-06-03", "2026-12"},
		{"imprecise dates compare by their last day", []Citation{{Doc: "ref", Checked: MustDate("2012-12-31")}, {Doc: "eucam"}}, "", "2012-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Attest(tt.sources, MustDate(tt.until), pub).String(); got != tt.want {
				t.Errorf("Attest = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckChecked(t *testing.T) {
	today := MustDate("2026-12-04")
	tests := []struct {
		checked, since string
		want           string // a word of the problem, or ""
	}{
		{"", "2012", ""},
		{"2026-12", "2012", ""},
		{"2026-12-04", "2012", ""},
		{"2026-12-05", "2012", "future"},
		{"2027", "2012", "future"},
		{"2012", "2012-06", ""}, // the year's end follows the start
		{"2012-05", "2012-06", "precedes"},
		{"2012-06", "2012-06-15", ""}, // checked some day in June
		{"2012-06-14", "2012-06-15", "precedes"},
		{"2012-06-15", "2012-06-15", ""},
	}
	for _, tt := range tests {
		got := CheckChecked(MustDate(tt.checked), MustDate(tt.since), today)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("CheckChecked(%q, since %q) = %q, want a problem with %q", tt.checked, tt.since, got, tt.want)
		}
	}
}

// ConfirmedAtCypher and UnconfirmedAtCypher state the rules of ConfirmedAt and
// UnconfirmedAt; the database check
// is in internal/itest. Here: each contains the time rule and compares $at
// with the stored last day.
func TestConfirmedAtCypherForm(t *testing.T) {
	got := ConfirmedAtCypher("r")
	for _, part := range []string{ValidAtCypher("r"), "r.attested IS NOT NULL", "$at <= r.attested"} {
		if !strings.Contains(got, part) {
			t.Errorf("ConfirmedAtCypher(r) = %s lacks %s", got, part)
		}
	}
	got = UnconfirmedAtCypher("r")
	for _, part := range []string{ValidAtCypher("r"), "r.until IS NULL", "r.attested IS NULL", "r.attested < $at"} {
		if !strings.Contains(got, part) {
			t.Errorf("UnconfirmedAtCypher(r) = %s lacks %s", got, part)
		}
	}
}
