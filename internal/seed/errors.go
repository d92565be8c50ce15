package seed

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Error is one problem in a seed file. Line and Col are 1-based; Line is 0
// only when the problem concerns a file or path as a whole (it cannot be
// read, or its name says nothing about what it holds).
type Error struct {
	File string
	Line int
	Col  int
	Msg  string // what is wrong
	Hint string // what to do about it; may be empty
}

// Error renders the problem as "file:line: what is wrong (what to do)", the
// form editors and terminals recognise as a jump target.
func (e Error) Error() string {
	var b strings.Builder
	b.WriteString(displayName(e.File))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// displayName is a file name fit for a terminal: quoted with Go escapes
// when it holds a character that is not printable (ESC, a line break, a
// right-to-left override), which would otherwise act on the terminal or
// make one name read as another.
func displayName(name string) string {
	if strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(name)
	}
	return name
}

// Errors is every problem found in one load, in file and line order. Load
// returns all of them at once so that a hand-edited dataset can be fixed in
// one pass rather than one error per run.
type Errors []Error

// Error prints one problem per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap lets errors.As find a single Error among them.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// pos is where a value sits in a file.
type pos struct {
	file      string
	line, col int
}

// ref names p as seen from a message about from: just the line when both are
// in one file.
func (p pos) ref(from pos) string {
	if p.file == from.file {
		return fmt.Sprintf("line %d", p.line)
	}
	return fmt.Sprintf("%s:%d", p.file, p.line)
}

// problems collects errors as parsing and validation go on.
type problems struct {
	list Errors
}

func (p *problems) add(at pos, hint, format string, args ...any) {
	p.list = append(p.list, Error{File: at.file, Line: at.line, Col: at.col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// result sorts the problems and drops repeats: a fact stated once per file
// (a missing dataset name, say) is reported once, not once per item.
func (p *problems) result() error {
	if len(p.list) == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool {
		a, b := p.list[i], p.list[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	out := p.list[:0:0]
	seen := map[Error]bool{}
	for _, e := range p.list {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out
}
