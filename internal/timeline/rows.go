package timeline

import (
	"io"
	"strings"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/output"
)

// Columns are the keys of Rows.
var Columns = []string{"state", "organisation", "what", "label", "from", "until", "open", "confirmed", "attested", "sources"}

// Rows lists the spans, then the events, as output records: what is "span"
// or the event's kind; from is the first day, until the first day after a
// span (the data's time rule; empty for an event); open says a span still
// held on the timeline's last day; confirmed says some source attests the
// span's relation on its days, attested is the latest date its ties'
// sources speak for; sources are the citations, joined by " || " as in the
// exports.
func (tl *Timeline) Rows() [][]any {
	var out [][]any
	for _, s := range tl.Spans {
		cites := make([]string, len(s.Sources))
		for i, c := range s.Sources {
			cites[i] = c.String()
		}
		until := ""
		if !s.Open {
			until = day(s.To)
		}
		out = append(out, []any{s.State, s.Org, "span", s.Label, day(s.From), until, s.Open, !s.Unconfirmed,
			s.Attested.String(), strings.Join(cites, " || ")})
	}
	for _, e := range tl.Events {
		out = append(out, []any{e.State, e.Org, e.Kind, e.Kind, day(e.At), "", false, nil, "", ""})
	}
	return out
}

// WriteRows prints Rows in a format of internal/output.
func WriteRows(w io.Writer, tl *Timeline, format string) error {
	out, err := output.New(format, w, Columns)
	if err != nil {
		return err
	}
	for _, row := range tl.Rows() {
		if err := out.Write(graph.Record{Keys: Columns, Values: row}); err != nil {
			return err
		}
	}
	return out.Close()
}
