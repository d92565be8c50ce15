// Package timeline lays out where each state of a region stood towards each
// organisation over the years: the spans of membership, observer status,
// partnership level and suspension, the events that open and close them
// (accession, suspension, withdrawal), and the sources behind them. It draws
// them as an SVG figure written here, byte for byte the same for the same
// data, and lists them as rows for CSV and JSON.
//
// A state's relation to an organisation on a day is the comparison's
// (compare.Compare): the deepest tie in force decides and a suspension
// overrides. The timeline asks that question on every day a relevant tie
// starts or ends, or its sources stop speaking for it, so each span is
// exactly the stretch of days on which the comparison gives one answer,
// confirmed or not (graph.Tie.ConfirmedAt).
package timeline

import (
	"fmt"
	"sort"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/compare"
)

// Span is a stretch of days on which a state stood in one relation to an
// organisation.
type Span struct {
	State, Org string
	Relation   compare.Relation
	Level      int    // the rung's level for a partnership or interest; 0 otherwise
	Label      string // as the comparison writes the cell: "member", "IPAP", ...
	// From is the first day, To the first day after the span. Open says the
	// relation still held on the timeline's last day, so To is only where the
	// figure stops.
	From, To time.Time
	Open     bool
	Ties     []string // keys of the ties that decided it, sorted
	Sources  []graph.Citation
	// Unconfirmed says no deciding tie is confirmed on these days
	// (graph.Tie.ConfirmedAt): the relation holds only because an end is
	// open, and no source speaks for it after Attested, the latest
	// attestation of its ties.
	Unconfirmed bool
	Attested    graph.Date
}

// The kinds of event.
const (
	Accession  = "accession"  // the state becomes a member
	Suspension = "suspension" // its membership is suspended; the data has no separate mark for a freeze
	Withdrawal = "withdrawal" // a membership or suspension ends with nothing after it
)

// Event is a change of a state's relation to an organisation.
type Event struct {
	State, Org string
	Kind       string
	At         time.Time
}

// Timeline is the whole figure's content.
type Timeline struct {
	Region   string
	From, To time.Time // the first and the last day shown
	Orgs     []graph.Actor
	States   []graph.Actor
	Spans    []Span  // by state row, organisation column, then time
	Events   []Event // by state, organisation, then time
	// Documents are those the spans cite, in order of first citation.
	Documents []graph.Document
}

// Options say what to lay out.
type Options struct {
	Orgs   []string   // organisations; the default spheres when empty
	Region string     // as compare takes it; central-asia when empty
	From   graph.Date // first day shown; zero: 1 January of the year of the earliest span
	To     graph.Date // last day shown; required
}

// Build lays out the timeline of ds.
func Build(ds *graph.Dataset, o Options) (*Timeline, error) {
	if o.To.IsZero() {
		return nil, fmt.Errorf("timeline needs its last day")
	}
	to := o.To.First()
	frame, err := compare.Compare(ds, o.Orgs, o.Region, o.To)
	if err != nil {
		return nil, err
	}
	tl := &Timeline{Region: frame.Region, Orgs: frame.Orgs, States: frame.States, To: to}
	if !o.From.IsZero() {
		tl.From = o.From.First()
		if !tl.From.Before(to) {
			return nil, fmt.Errorf("the timeline starts on %s, not before its last day %s", day(tl.From), day(to))
		}
	}

	// The days on which some cell may change: every start and end of a tie
	// from a state of the region, within the timeline.
	rows := map[string]bool{}
	for _, s := range frame.States {
		rows[s.ID] = true
	}
	changes := map[time.Time]bool{}
	earliest := to
	for _, t := range ds.Ties {
		if !rows[t.From] || (t.Type != graph.TieMemberOf && t.Type != graph.TieParticipates && t.Type != graph.TieIPAP) {
			continue
		}
		for _, d := range []graph.Date{t.Since, t.Until} {
			if !d.IsZero() && d.First().Before(earliest) {
				earliest = d.First()
			}
			if !d.IsZero() && !d.First().After(to) {
				changes[d.First()] = true
			}
		}
		// The day after the sources last speak for an open tie, it may
		// become unconfirmed.
		if t.Until.IsZero() && !t.Attested.IsZero() {
			if d := t.Attested.Last().AddDate(0, 0, 1); !d.After(to) {
				changes[d] = true
			}
		}
	}
	if tl.From.IsZero() {
		tl.From = time.Date(earliest.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		if !tl.From.Before(to) {
			tl.From = time.Date(to.Year()-1, 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	days := []time.Time{tl.From}
	for d := range changes {
		if d.After(tl.From) {
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	end := to.AddDate(0, 0, 1)

	// cur[i][j] is the span being extended for state i and organisation j.
	cur := make([][]*Span, len(tl.States))
	prev := make([][]compare.Cell, len(tl.States))
	for i := range cur {
		cur[i] = make([]*Span, len(tl.Orgs))
		prev[i] = make([]compare.Cell, len(tl.Orgs))
	}
	spans := make([][]Span, len(tl.States)*len(tl.Orgs))
	for k, d := range days {
		res, err := compare.Compare(ds, o.Orgs, o.Region, graph.Day(d))
		if err != nil {
			return nil, err
		}
		next := end
		if k+1 < len(days) {
			next = days[k+1]
		}
		for i := range tl.States {
			for j := range tl.Orgs {
				c := res.Cells[i][j]
				if k > 0 {
					if ev := event(prev[i][j], c); ev != "" {
						tl.Events = append(tl.Events, Event{State: tl.States[i].ID, Org: tl.Orgs[j].ID, Kind: ev, At: d})
					}
				}
				prev[i][j] = c
				s := cur[i][j]
				unconfirmed := c.Relation != compare.None && !confirmed(c.Ties, graph.Day(d))
				if s != nil && (c.Relation != s.Relation || c.Level != s.Level || unconfirmed != s.Unconfirmed) {
					spans[i*len(tl.Orgs)+j] = append(spans[i*len(tl.Orgs)+j], *s)
					s, cur[i][j] = nil, nil
				}
				if c.Relation == compare.None {
					continue
				}
				if s == nil {
					s = &Span{State: c.State, Org: c.Org, Relation: c.Relation, Level: c.Level, Label: c.Label(), From: d,
						Unconfirmed: unconfirmed}
					cur[i][j] = s
				}
				s.To = next
				s.Open = next == end
				for _, t := range c.Ties {
					s.Ties = append(s.Ties, t.Key)
					if t.Attested.Last().After(s.Attested.Last()) || s.Attested.IsZero() {
						s.Attested = t.Attested
					}
				}
				s.Sources = append(s.Sources, c.Sources()...)
			}
		}
	}
	for i := range tl.States {
		for j := range tl.Orgs {
			if s := cur[i][j]; s != nil {
				spans[i*len(tl.Orgs)+j] = append(spans[i*len(tl.Orgs)+j], *s)
			}
		}
	}
	for _, ss := range spans {
		for _, s := range ss {
			s.Ties = uniqueSorted(s.Ties)
			s.Sources = uniqueCitations(s.Sources)
			tl.Spans = append(tl.Spans, s)
		}
	}
	row, col := map[string]int{}, map[string]int{}
	for i, s := range tl.States {
		row[s.ID] = i
	}
	for j, o := range tl.Orgs {
		col[o.ID] = j
	}
	sort.SliceStable(tl.Events, func(a, b int) bool {
		x, y := tl.Events[a], tl.Events[b]
		if row[x.State] != row[y.State] {
			return row[x.State] < row[y.State]
		}
		return col[x.Org] < col[y.Org]
	})
	tl.Documents = citedDocuments(ds, tl.Spans)
	return tl, nil
}

// confirmed reports whether a source attests one of ties on day at.
func confirmed(ties []graph.Tie, at graph.Date) bool {
	for _, t := range ties {
		if t.ConfirmedAt(at) {
			return true
		}
	}
	return false
}

// event names the change from cell a to cell b, or "" for none worth a
// marker.
func event(a, b compare.Cell) string {
	switch {
	case a.Relation == b.Relation:
		return ""
	case b.Relation == compare.Member:
		return Accession
	case b.Relation == compare.Suspended:
		return Suspension
	case b.Relation == compare.None && (a.Relation == compare.Member || a.Relation == compare.Suspended):
		return Withdrawal
	}
	return ""
}

func uniqueSorted(ss []string) []string {
	sort.Strings(ss)
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}

func uniqueCitations(cs []graph.Citation) []graph.Citation {
	seen := map[graph.Citation]bool{}
	var out []graph.Citation
	for _, c := range cs {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// citedDocuments lists the documents the spans cite, in order of first
// citation; a citation of a document the data does not list gets a bare
// entry with its ID as title.
func citedDocuments(ds *graph.Dataset, spans []Span) []graph.Document {
	byID := map[string]graph.Document{}
	for _, d := range ds.Documents {
		byID[d.ID] = d
	}
	seen := map[string]bool{}
	var out []graph.Document
	for _, s := range spans {
		for _, c := range s.Sources {
			if seen[c.Doc] {
				continue
			}
			seen[c.Doc] = true
			d, ok := byID[c.Doc]
			if !ok {
				d = graph.Document{ID: c.Doc, Title: c.Doc}
			}
			out = append(out, d)
		}
	}
	return out
}

func day(t time.Time) string { return t.Format("2006-01-02") }
