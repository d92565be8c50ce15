package output

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/relmap/relmap/graph"
)

// DefaultChunkRows is how many rows a table holds to size its columns.
const DefaultChunkRows = 1000

// TableOptions tune a table writer.
type TableOptions struct {
	// ChunkRows is how many rows are held before they are written; 0 means
	// DefaultChunkRows. The first chunk sets the column widths. A later
	// chunk with a wider value widens its column and repeats the header, so
	// that a long result stays aligned within each chunk and readable across
	// them, while memory holds one chunk at most.
	ChunkRows int
	// MaxWidth cuts values wider than this many terminal columns, ending them
	// with "…"; 0 keeps every value whole.
	MaxWidth int
	// Width is the terminal's width: a table wider than that has its widest
	// columns narrowed until it fits, their values cut with "…", so that a
	// row stays one line instead of the terminal wrapping it mid-word. 0
	// (a pipe or a file) keeps every value whole.
	Width int
}

// table writes aligned columns separated by two spaces, under a header and a
// rule. Values are escaped so that one record is one line and nothing in the
// data can move the cursor or change the terminal's colours: newline, tab and
// carriage return become \n, \t and \r, other control characters \xNN.
// Widths count terminal columns: CJK wide characters take two, combining
// marks none.
type table struct {
	cols    columns
	w       io.Writer
	opt     TableOptions
	rows    [][]string
	widths  []int // widths of the chunks written so far; nil before the first
	written bool
	buf     bytes.Buffer
}

// NewTable returns a table writer with options; New(Table, …) uses the
// defaults.
func NewTable(w io.Writer, keys []string, opt TableOptions) Writer {
	if opt.ChunkRows <= 0 {
		opt.ChunkRows = DefaultChunkRows
	}
	return &table{cols: newColumns(keys), w: w, opt: opt}
}

func (t *table) Write(rec graph.Record) error {
	if err := t.cols.check(rec); err != nil {
		return err
	}
	row := make([]string, len(rec.Values))
	for i, v := range rec.Values {
		row[i] = t.cell(Text(v))
	}
	t.rows = append(t.rows, row)
	if len(t.rows) >= t.opt.ChunkRows {
		return t.flush()
	}
	return nil
}

func (t *table) Close() error {
	if t.cols.closed {
		return nil
	}
	t.cols.closed = true
	if len(t.rows) > 0 || !t.written && len(t.cols.keys) > 0 {
		return t.flush()
	}
	return nil
}

func (t *table) cell(s string) string {
	s = escapeControls(s)
	if t.opt.MaxWidth > 0 && displayWidth(s) > t.opt.MaxWidth {
		s = truncate(s, t.opt.MaxWidth)
	}
	return s
}

// flush writes the held rows, with the header first when the widths changed.
func (t *table) flush() error {
	header := make([]string, len(t.cols.keys))
	for i, k := range t.cols.keys {
		header[i] = t.cell(k)
	}
	widths := make([]int, len(header))
	for i := range widths {
		widths[i] = displayWidth(header[i])
		if t.widths != nil && t.widths[i] > widths[i] {
			widths[i] = t.widths[i]
		}
	}
	for _, row := range t.rows {
		for i, c := range row {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	if t.opt.Width > 0 {
		widths = fit(widths, t.opt.Width)
		cut(header, widths)
		for _, row := range t.rows {
			cut(row, widths)
		}
	}
	t.buf.Reset()
	if !t.written || !equalInts(widths, t.widths) {
		if t.written {
			t.buf.WriteByte('\n')
		}
		t.line(header, widths)
		rule := make([]string, len(widths))
		for i, w := range widths {
			rule[i] = strings.Repeat("-", w)
		}
		t.line(rule, widths)
	}
	for _, row := range t.rows {
		t.line(row, widths)
	}
	clear(t.rows)
	t.rows = t.rows[:0]
	t.widths, t.written = widths, true
	_, err := t.w.Write(t.buf.Bytes())
	return err
}

func (t *table) line(cells []string, widths []int) {
	last := len(cells) - 1
	for last >= 0 && cells[last] == "" {
		last-- // no trailing spaces
	}
	for i := 0; i <= last; i++ {
		if i > 0 {
			t.buf.WriteString("  ")
		}
		t.buf.WriteString(cells[i])
		if i < last {
			t.buf.WriteString(strings.Repeat(" ", widths[i]-displayWidth(cells[i])))
		}
	}
	t.buf.WriteByte('\n')
}

// minColumn is the narrowest a column is cut to: room for two characters
// and the ellipsis, enough to tell values apart.
const minColumn = 3

// fit narrows widths so that the columns and the two spaces between them
// take at most total terminal columns. Narrow columns keep their width and
// the wide ones share what is left evenly, so an id column stays whole while
// two long descriptions are cut alike. When even minColumn each does not
// fit, every wide column gets minColumn and the terminal wraps the rest.
func fit(widths []int, total int) []int {
	avail := total - 2*(len(widths)-1)
	sum := 0
	for _, w := range widths {
		sum += w
	}
	if sum <= avail {
		return widths
	}
	out := make([]int, len(widths))
	order := make([]int, len(widths))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return widths[order[a]] < widths[order[b]] })
	for k, i := range order {
		share := avail / (len(order) - k)
		out[i] = max(min(widths[i], share), min(widths[i], minColumn))
		avail -= out[i]
	}
	return out
}

// cut truncates the cells wider than their column.
func cut(cells []string, widths []int) {
	for i, c := range cells {
		if displayWidth(c) > widths[i] {
			cells[i] = truncate(c, widths[i])
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// escapeControls makes control characters visible.
func escapeControls(s string) string {
	clean := true
	for _, r := range s {
		if unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case unicode.IsControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// runeWidth is how many terminal columns r takes.
func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// truncate cuts s to at most w columns, the last of them an ellipsis.
func truncate(s string, w int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := runeWidth(r)
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	b.WriteString("…")
	return b.String()
}

// FitRows cuts the cells of rows (the header first) in place, as a table
// on a terminal of width columns is cut, for writers that align columns two
// spaces apart themselves. A width of 0 leaves them whole.
func FitRows(rows [][]string, width int) {
	if width <= 0 || len(rows) == 0 {
		return
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			if i < len(widths) {
				widths[i] = max(widths[i], displayWidth(c))
			}
		}
	}
	widths = fit(widths, width)
	for _, row := range rows {
		if len(row) == len(widths) {
			cut(row, widths)
		}
	}
}
