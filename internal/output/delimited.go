package output

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
)

// delimited writes CSV (RFC 4180 quoting) or TSV. TSV cannot quote, so a tab,
// newline, carriage return or backslash inside a value is written as \t, \n,
// \r or \\, the convention of PostgreSQL's text format and of most TSV
// readers; it keeps one record on one line and can be undone exactly.
//
// Other control characters (ESC, BEL, backspace, DEL, the C1 range) are
// written as \xNN in both formats, as the table writes them: output often
// ends on a terminal, which would act on them. In TSV this is PostgreSQL's
// escape too and undoes exactly; in CSV, which has no escapes, it is the one
// change made to a value.
type delimited struct {
	cols    columns
	w       io.Writer
	tsv     bool
	header  bool // the header row is written
	buf     bytes.Buffer
	cw      *csv.Writer
	fields  []string
	escaped []string
}

func newDelimited(w io.Writer, keys []string, tsv bool) *delimited {
	d := &delimited{cols: newColumns(keys), w: w, tsv: tsv}
	d.cw = csv.NewWriter(&d.buf)
	return d
}

func (d *delimited) Write(rec graph.Record) error {
	if err := d.cols.check(rec); err != nil {
		return err
	}
	if err := d.writeHeader(); err != nil {
		return err
	}
	d.fields = d.fields[:0]
	for _, v := range rec.Values {
		d.fields = append(d.fields, Text(v))
	}
	return d.writeRow(d.fields)
}

func (d *delimited) writeHeader() error {
	if d.header || len(d.cols.keys) == 0 {
		return nil
	}
	d.header = true
	return d.writeRow(d.cols.keys)
}

func (d *delimited) writeRow(fields []string) error {
	d.buf.Reset()
	if d.tsv {
		for i, f := range fields {
			if i > 0 {
				d.buf.WriteByte('\t')
			}
			d.buf.WriteString(escapeOtherControls(tsvEscaper.Replace(f)))
		}
		d.buf.WriteByte('\n')
	} else {
		d.escaped = d.escaped[:0]
		for _, f := range fields {
			d.escaped = append(d.escaped, escapeOtherControls(f))
		}
		if len(d.escaped) == 1 && d.escaped[0] == "" {
			// A lone empty field would be an empty line, which CSV
			// readers skip: the row would vanish. Quoted, it stays.
			d.buf.WriteString("\"\"\n")
		} else {
			if err := d.cw.Write(d.escaped); err != nil {
				return err
			}
			d.cw.Flush()
			if err := d.cw.Error(); err != nil {
				return err
			}
		}
	}
	_, err := d.w.Write(d.buf.Bytes())
	return err
}

func (d *delimited) Close() error {
	if d.cols.closed {
		return nil
	}
	d.cols.closed = true
	return d.writeHeader()
}

var tsvEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// escapeOtherControls writes control characters other than tab, newline and
// carriage return as \xNN.
func escapeOtherControls(s string) string {
	if !strings.ContainsFunc(s, isOtherControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isOtherControl(r) {
			fmt.Fprintf(&b, `\x%02x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isOtherControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}
