// Package queryrun runs one Cypher statement against a graph.Store and
// streams its records to an output writer as they arrive, then reports on a
// status line what the statement returned and changed: the part of `relmap
// query` that is neither flags nor where the statements come from.
package queryrun

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
)

// Statement is one statement to run.
type Statement struct {
	Text   string
	Params map[string]any
	// Recheck, when set, runs after the statement answered no record,
	// before anything is printed: a named question checks there that its
	// arguments name something. An error is the command's (nothing is
	// printed); a statement is run instead, once (an argument was a name,
	// now an id); nil and nil print the empty answer.
	Recheck func(context.Context, graph.Store) (*Statement, error)
}

// Options say how statements run and where their output goes.
type Options struct {
	Format  string        // one of output.Formats
	Out     io.Writer     // the records
	Status  func(string)  // a status line (row count, timing, changes, notes)
	Write   bool          // run in write mode and report the changes
	Timeout time.Duration // 0: the server's limit
	Limit   int64         // print at most this many records; 0: all
	// Width is the terminal's width a table is fitted to; 0 keeps every
	// value whole (a pipe, a file).
	Width int
	// ConfirmedOnly leaves out the rows that rest on ties no source speaks
	// for on the day asked about (queries.Attestation).
	ConfirmedOnly bool
}

// Run runs st and writes its records to o.Out in o.Format. An empty result
// still gets its header (or an empty JSON array).
func Run(ctx context.Context, s graph.Store, st Statement, o Options) error {
	var w output.Writer
	var printed int64
	tally := attestTally{hide: o.ConfirmedOnly}
	start := time.Now()
	sum, err := s.Query(ctx, st.Text, st.Params, graph.QueryOptions{Write: o.Write, Timeout: o.Timeout},
		func(r graph.Record) error {
			if w == nil {
				var err error
				if w, err = output.NewWith(o.Format, o.Out, r.Keys, output.TableOptions{Width: o.Width}); err != nil {
					return err
				}
			}
			if tally.skip(r) || o.Limit > 0 && printed >= o.Limit {
				return nil
			}
			printed++
			return w.Write(r)
		})
	if err != nil {
		if w != nil {
			w.Close()
		}
		return ExplainError(err, st.Text)
	}
	if sum.Records == 0 && st.Recheck != nil {
		again, err := st.Recheck(ctx, s)
		if err != nil {
			return err
		}
		if again != nil {
			again.Recheck = nil // once: the ids were checked
			return Run(ctx, s, *again, o)
		}
	}
	if w == nil {
		if w, err = output.NewWith(o.Format, o.Out, sum.Keys, output.TableOptions{Width: o.Width}); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	for _, line := range statusLines(sum, printed, time.Since(start), o) {
		o.Status(line)
	}
	if line := tally.summary(); line != "" {
		o.Status(line)
	}
	return nil
}

// statusLines are what Run reports after a statement.
func statusLines(sum graph.QuerySummary, printed int64, elapsed time.Duration, o Options) []string {
	note := ""
	if o.Limit > 0 && sum.Records > printed {
		note = fmt.Sprintf(" (%d printed, --limit %d)", printed, o.Limit)
	}
	lines := []string{fmt.Sprintf("%d row(s)%s in %s (server %s)", sum.Records, note, elapsed.Round(time.Millisecond),
		(sum.ResultAvail + sum.ResultCons).Round(time.Millisecond))}
	if o.Write && len(sum.Counters) > 0 {
		keys := make([]string, 0, len(sum.Counters))
		for k := range sum.Counters {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s=%d", k, sum.Counters[k])
		}
		lines = append(lines, "changed: "+strings.Join(parts, " "))
	}
	for _, n := range sum.Notification {
		lines = append(lines, "note: "+n)
	}
	return lines
}

// ExplainError marks the position the server names in the statement, and
// points at --write when a read-only statement tried to write.
func ExplainError(err error, text string) error {
	qe, ok := err.(*graph.QueryError)
	if !ok {
		return err
	}
	msg, _, _ := strings.Cut(qe.Message, "\n")
	msg += cypher.Excerpt(text, qe.Line, qe.Column)
	if strings.Contains(qe.Code, "ForbiddenDueToTransactionType") || strings.Contains(qe.Message, "read access mode") ||
		strings.Contains(qe.Code, "WriteOnReadOnlyAccessDbException") {
		msg += "\n  the statement writes: run it with --write if that is intended"
	}
	return &graph.QueryError{Code: qe.Code, Message: msg}
}

// attestTally counts the rows of an answer that rest on unconfirmed ties
// (queries.Attestation: a named question's confirmed column is false), and
// with ConfirmedOnly skips them.
type attestTally struct {
	hide              bool
	rows, unconfirmed int
}

// skip counts r and reports whether to leave it out.
func (a *attestTally) skip(r graph.Record) bool {
	has, un := queries.Attestation(r)
	if !has {
		return false
	}
	a.rows++
	if un {
		a.unconfirmed++
	}
	return un && a.hide
}

// summary is the status line, or "" when no row carried a confirmed flag.
func (a *attestTally) summary() string {
	switch {
	case a.rows == 0:
		return ""
	case a.hide:
		return fmt.Sprintf("%d row(s) rested on ties no source speaks for on the day asked about: left out (--confirmed-only)", a.unconfirmed)
	}
	return fmt.Sprintf("%d of %d row(s) rest on ties no source speaks for on the day asked about (confirmed = false; --confirmed-only leaves them out)", a.unconfirmed, a.rows)
}
