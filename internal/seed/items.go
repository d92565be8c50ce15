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

// item is one document, actor, tie or citation before validation.
type item struct {
	at      pos
	dataset value
	fields  []field // scalar fields; a tie's attributes too
	aliases []value
	sources []item // citations: fields doc, section, evidence, checked
}

// field is a named scalar of an item. An item has about ten, so a list
// searched in order is cheaper than a map, and the CSV reader reuses one
// item, fields and all, for every row of a file.
type field struct {
	name string
	v    value
}

// field returns the value of the field name, or the zero value.
func (it *item) field(name string) value {
	for i := range it.fields {
		if it.fields[i].name == name {
			return it.fields[i].v
		}
	}
	return value{}
}

func (it *item) has(name string) bool {
	for i := range it.fields {
		if it.fields[i].name == name {
			return true
		}
	}
	return false
}

// set gives the field name the value v.
func (it *item) set(name string, v value) {
	for i := range it.fields {
		if it.fields[i].name == name {
			it.fields[i].v = v
			return
		}
	}
	it.fields = append(it.fields, field{name, v})
}

// stand puts a bad placeholder for field name when a misspelt field
// (reported as unknown, with name as the suggestion) stands in for it.
func (it *item) stand(name string, at pos) {
	if name != "" && !it.has(name) {
		it.fields = append(it.fields, field{name, value{at: at, bad: true}})
	}
}

// reset empties the item for the next row, keeping its storage.
func (it *item) reset(at pos) {
	it.at = at
	it.dataset = value{}
	it.fields = it.fields[:0]
	it.aliases = it.aliases[:0]
	it.sources = it.sources[:0]
}

// parsed is what the readers found in all files.
type parsed struct {
	docs, actors, ties []item
	coords             []item
	// dataset is the file's `dataset:`, which makes the dataset (and is
	// checked) even when the file lists no items: a file of only
	// `dataset: x` loads x empty.
	dataset value
}

func (p *parsed) add(q parsed) {
	p.docs = append(p.docs, q.docs...)
	p.actors = append(p.actors, q.actors...)
	p.ties = append(p.ties, q.ties...)
	p.coords = append(p.coords, q.coords...)
}

// The fields of each kind of entry. They are also the CSV columns (with
// dataset, and with a tie's attributes gathered in one attrs column).
var (
	topFields      = []string{"dataset", "documents", "actors", "ties", "coordinates"}
	coordFields    = []string{"actor", "lat", "lon", "sources"}
	docFields      = []string{"id", "title", "publisher", "published", "url", "kind", "note"}
	actorFields    = []string{"id", "kind", "name", "short", "aliases", "region", "note", "sources"}
	tieFields      = []string{"type", "from", "to", "since", "until", "key", "note", "sources"}
	citationFields = []string{"doc", "section", "evidence", "checked"}
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
		if c := data[i]; c < utf8.RuneSelf {
			switch {
			case c == '\n':
				line, col = line+1, 0
			case c == '\t' || c == '\r':
			case c < 0x20 || c == 0x7f:
				p.add(pos{file, line, col}, "remove it", "control character %U", rune(c))
				return nil, false
			}
			i++
			col++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		at := pos{file, line, col}
		switch {
		case r == utf8.RuneError && n <= 1:
			p.add(at, "save the file as UTF-8", "invalid UTF-8 (byte 0x%02x)", data[i])
			return nil, false
		case r < 0xa0 || r == 0xfffe || r == 0xffff:
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
