package output

import (
	"bytes"
	"io"
	"strings"

	"github.com/relmap/relmap/graph"
)

// markdown writes a GitHub-flavoured Markdown table, for pasting into
// reports and notes. Rows stream: Markdown needs no alignment, so nothing is
// held. A pipe in a value is escaped (\|), & and < become entities (a value
// is text, not HTML) and a line break becomes <br>, so
// that one record stays one row; other control characters are written as
// \xNN, as the table writes them.
type markdown struct {
	cols   columns
	w      io.Writer
	header bool
	buf    bytes.Buffer
}

func newMarkdown(w io.Writer, keys []string) *markdown {
	return &markdown{cols: newColumns(keys), w: w}
}

var markdownEscaper = strings.NewReplacer("|", `\|`, "&", "&amp;", "<", "&lt;", "\r\n", "<br>", "\n", "<br>", "\r", "<br>")

func (m *markdown) Write(rec graph.Record) error {
	if err := m.cols.check(rec); err != nil {
		return err
	}
	m.buf.Reset()
	m.writeHeader()
	cells := make([]string, len(rec.Values))
	for i, v := range rec.Values {
		cells[i] = Text(v)
	}
	m.row(cells)
	_, err := m.w.Write(m.buf.Bytes())
	return err
}

func (m *markdown) writeHeader() {
	if m.header || len(m.cols.keys) == 0 {
		return
	}
	m.header = true
	m.row(m.cols.keys)
	rule := make([]string, len(m.cols.keys))
	for i := range rule {
		rule[i] = "---"
	}
	m.row(rule)
}

func (m *markdown) row(cells []string) {
	m.buf.WriteString("|")
	for _, c := range cells {
		m.buf.WriteString(" ")
		m.buf.WriteString(escapeOtherControls(markdownEscaper.Replace(c)))
		m.buf.WriteString(" |")
	}
	m.buf.WriteByte('\n')
}

func (m *markdown) Close() error {
	if m.cols.closed {
		return nil
	}
	m.cols.closed = true
	m.buf.Reset()
	m.writeHeader()
	_, err := m.w.Write(m.buf.Bytes())
	return err
}
