package seed

import (
	"bytes"
	"unicode/utf8"
)

// Both readers, YAML and CSV, turn a file into the same neutral items, and
// one validation pass (build) turns items into datasets. That keeps the
// rules in one place: a CSV row is checked exactly like a YAML entry.

// value is a scalar as written in a file, with where it was written.
type value struct {
	s  string
	at pos
	// bad marks a value a reader could not take (a list where text belongs,
	// say) and has already reported; validation then stays silent about it
	// instead of adding "missing" to the same mistake.
	bad bool
}

// stand puts a bad placeholder for field name when a misspelt field
// (reported as unknown, with name as the suggestion) stands in for it.
func stand(fields map[string]value, name string, at pos) {
	if _, found := fields[name]; !found && name != "" {
		fields[name] = value{at: at, bad: true}
	}
}

// item is one document, actor, tie or citation before validation.
type item struct {
	at      pos
	dataset value
	fields  map[string]value // scalar fields; a tie's attributes too
	aliases []value
	sources []item // citations: fields doc, section, evidence
}

// parsed is what the readers found in all files.
type parsed struct {
	docs, actors, ties []item
}

func (p *parsed) add(q parsed) {
	p.docs = append(p.docs, q.docs...)
	p.actors = append(p.actors, q.actors...)
	p.ties = append(p.ties, q.ties...)
}

// The fields of each kind of entry. They are also the CSV columns (with
// dataset, and with a tie's attributes gathered in one attrs column).
var (
	topFields      = []string{"dataset", "documents", "actors", "ties"}
	docFields      = []string{"id", "title", "publisher", "published", "url", "kind", "note"}
	actorFields    = []string{"id", "kind", "name", "short", "aliases", "region", "note", "sources"}
	tieFields      = []string{"type", "from", "to", "since", "until", "key", "note", "sources"}
	citationFields = []string{"doc", "section", "evidence"}
)

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

var bom = []byte("\xef\xbb\xbf")

// maxFileSize bounds what is read into memory; a seed file is hand-written,
// so anything near this is a mistake (a wrong path, a binary).
const maxFileSize = 32 << 20

// checkText strips a UTF-8 byte order mark (editors on Windows and
// spreadsheet exports add one) and reports the first byte that is not UTF-8
// or is a control character, with its line: both readers would otherwise
// fail later with a message that names no line, or pass garbage on.
func checkText(file string, data []byte, p *problems) ([]byte, bool) {
	data = bytes.TrimPrefix(data, bom)
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		at := pos{file, line, col}
		switch {
		case r == utf8.RuneError && n <= 1:
			p.add(at, "save the file as UTF-8", "invalid UTF-8 (byte 0x%02x)", data[i])
			return nil, false
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfffe || r == 0xffff:
			p.add(at, "remove it", "control character %U", r)
			return nil, false
		}
		i += n
		col++
	}
	return data, true
}

func isBlank(data []byte) bool {
	return len(bytes.TrimSpace(data)) == 0
}
