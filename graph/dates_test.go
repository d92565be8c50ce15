package graph

import (
	"strings"
	"testing"
)

// The time rule is shared by load, query, render and compare, so its
// boundaries are pinned here once, at every precision a date may have.
func TestValidAtBoundaries(t *testing.T) {
	tests := []struct {
		name         string
		since, until string
		at           string
		want         bool
	}{
		{"year since: first day", "2012", "", "2012-01-01", true},
		{"year since: day before", "2012", "", "2011-12-31", false},
		{"month since: first day", "2012-06", "", "2012-06-01", true},
		{"month since: day before", "2012-06", "", "2012-05-31", false},
		{"day since: that day", "2012-06-28", "", "2012-06-28", true},
		{"day since: day before", "2012-06-28", "", "2012-06-27", false},

		{"year until: first day excluded", "", "2012", "2012-01-01", false},
		{"year until: day before", "", "2012", "2011-12-31", true},
		{"month until: first day excluded", "", "2012-06", "2012-06-01", false},
		{"month until: day before", "", "2012-06", "2012-05-31", true},
		{"day until: that day excluded", "", "2012-06-28", "2012-06-28", false},
		{"day until: day before", "", "2012-06-28", "2012-06-27", true},

		{"open both ends", "", "", "1900-01-01", true},
		{"since equals until: never", "2012-06", "2012-06", "2012-06-01", false},
		{"at with month precision is its first day", "2012-06-15", "", "2012-06", false},
		{"at with year precision is its first day", "", "2012-03", "2012", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			since, until, at := MustDate(tt.since), MustDate(tt.until), MustDate(tt.at)
			if got := ValidAt(since, until, at); got != tt.want {
				t.Errorf("ValidAt(%q, %q, %q) = %v, want %v", tt.since, tt.until, tt.at, got, tt.want)
			}
			tie := Tie{Since: since, Until: until}
			if got := tie.ValidAt(at); got != tt.want {
				t.Errorf("Tie.ValidAt = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseDatePrecision(t *testing.T) {
	tests := []struct {
		in   string
		want Precision
		bad  bool
	}{
		{"", PrecisionNone, false},
		{"2012", PrecisionYear, false},
		{"2012-06", PrecisionMonth, false},
		{"2012-02-29", PrecisionDay, false},
		{"2011-02-29", "", true},
		{"2012-13", "", true},
		{"12-06", "", true},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("ParseDate(%q) error = %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if err == nil && (d.Precision() != tt.want || d.String() != tt.in) {
			t.Errorf("ParseDate(%q) = %v (%s), want precision %s and the same text back", tt.in, d, d.Precision(), tt.want)
		}
	}
}

func TestSphereLadder(t *testing.T) {
	nato, ok := LookupSphere(OrgNATO)
	if !ok {
		t.Fatal("no NATO sphere")
	}
	var prev int
	for _, p := range []string{"pfp", "ipcp", "parp", "ipap"} {
		l := nato.Level(p)
		if l <= prev {
			t.Errorf("level of %s = %d, want deeper than %d", p, l, prev)
		}
		prev = l
	}
	if l := nato.Level("csto"); l != 0 {
		t.Errorf("level of a non-programme = %d, want 0", l)
	}
	if s, ok := LookupSphere("eu"); ok || s.Org != "eu" || s.Ladder != nil {
		t.Errorf("LookupSphere(eu) = %+v, %v; want a bare sphere, false", s, ok)
	}
}

func TestParseDay(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"2012-02-01", "2012-02-01", ""},
		{" 2012 ", "2012", ""},
		{"2012-06", "2012-06", ""},
		{"today", Today().String(), ""},
		{"ToDay", Today().String(), ""},
		{"", "", "not an empty one"},
		{"  ", "", "not an empty one"},
		{"2012-13", "", "month 13"},
		{"2013-02-29", "", "day 29"},
		{"yesterday", "", "want YYYY-MM-DD"},
	} {
		d, err := ParseDay(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseDay(%q) = %v, %v; want an error with %q", tc.in, d, err, tc.err)
		case tc.err == "" && (err != nil || d.String() != tc.want):
			t.Errorf("ParseDay(%q) = %v, %v; want %s", tc.in, d, err, tc.want)
		}
	}
}
