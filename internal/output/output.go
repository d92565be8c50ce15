// Package output writes query results as they stream from the database, in a
// format chosen for the reader: an aligned table for a person at a terminal,
// CSV or TSV for spreadsheets and shell pipelines, JSON or JSON Lines for
// programs.
//
// Every writer holds at most a bounded number of records, so a query that
// returns millions of rows prints them without memory growing with the row
// count: csv, tsv and jsonl write each record to the underlying writer as soon
// as it arrives, json writes one array element per record, and table keeps at
// most one chunk of rows (see TableOptions) to size its columns.
package output

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/relmap/relmap/graph"
)

// Writer writes the records of one result.
type Writer interface {
	// Write writes one record. Its values are matched to the writer's keys
	// by position.
	Write(graph.Record) error
	// Close writes what a format needs at the end (the closing bracket of a
	// JSON array, the last chunk of a table) and, for an empty result, the
	// header. It does not close the underlying io.Writer.
	Close() error
}

// The formats.
const (
	Table    = "table"    // aligned columns for a terminal
	CSV      = "csv"      // RFC 4180, with a header row
	TSV      = "tsv"      // tab-separated, with a header row and backslash escapes
	JSON     = "json"     // one array of objects
	JSONL    = "jsonl"    // one object per line
	Markdown = "markdown" // a Markdown table, for reports
)

// Formats lists the formats New accepts.
var Formats = []string{Table, CSV, TSV, JSON, JSONL, Markdown}

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("output: write after close")

// New returns a writer of format to w for a result with the given column
// keys. When keys is nil the writer takes the keys of the first record, for
// callers that learn the columns only when the first record arrives; an empty
// result then has no header.
//
// Each record reaches w in one Write call as soon as it is formatted (except
// for table, which writes chunk by chunk). Callers writing to a file or pipe
// may wrap w in a bufio.Writer and flush it after Close.
func New(format string, w io.Writer, keys []string) (Writer, error) {
	return NewWith(format, w, keys, TableOptions{})
}

// NewWith is New with the options of a table (its width on a terminal);
// other formats pass them over.
func NewWith(format string, w io.Writer, keys []string, opt TableOptions) (Writer, error) {
	switch format {
	case Table:
		return NewTable(w, keys, opt), nil
	case Markdown:
		return newMarkdown(w, keys), nil
	case CSV:
		return newDelimited(w, keys, false), nil
	case TSV:
		return newDelimited(w, keys, true), nil
	case JSON:
		return newJSON(w, keys, true), nil
	case JSONL:
		return newJSON(w, keys, false), nil
	}
	return nil, fmt.Errorf("unknown output format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// AutoFormat is the format used when none is asked for: a table for a person
// at a terminal, CSV otherwise. CSV rather than TSV for pipes and files
// because its quoting carries every value unchanged (a note with a newline
// or tab stays one field) and every spreadsheet and data tool reads it
// without being told the dialect.
func AutoFormat(isTerminal bool) string {
	if isTerminal {
		return Table
	}
	return CSV
}

// columns tracks the keys of a result and checks records against them.
type columns struct {
	keys   []string
	known  bool // keys were given or taken from the first record
	closed bool
}

func newColumns(keys []string) columns {
	return columns{keys: keys, known: keys != nil}
}

// check validates rec and reports whether it is the first record that fixed
// the keys.
func (c *columns) check(rec graph.Record) error {
	if c.closed {
		return ErrClosed
	}
	if !c.known {
		c.keys = append([]string(nil), rec.Keys...)
		if c.keys == nil {
			c.keys = []string{}
		}
		c.known = true
	}
	if len(rec.Values) != len(c.keys) {
		return fmt.Errorf("output: record has %d values for %d columns (%s)", len(rec.Values), len(c.keys), strings.Join(c.keys, ", "))
	}
	return nil
}
