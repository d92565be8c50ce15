package graph

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// The canonical form of an item is what "equal" means for relmap: the loader
// compares it to decide what to update, and Fingerprint hashes it, whether the
// items come from seed files or are read back from the database. File and
// line positions are not content and are left out.
//
// The form is the JSON that encoding/json gives for a list of the item's
// fields (citations as objects with fields Doc, Section, Evidence and
// Checked; a tie's attestation last, so that a change of what its sources
// attest is a change of content). It is
// written by hand here because fingerprints are taken of millions of items
// and reflection made that the slowest part of a load; canon_test.go checks
// the output against encoding/json byte for byte.

// Canon returns the document's canonical form.
func (d Document) Canon() string { return string(d.AppendCanon(nil)) }

// Canon returns the actor's canonical form.
func (a Actor) Canon() string { return string(a.AppendCanon(nil)) }

// Canon returns the tie's canonical form. Attributes are sorted by name.
func (t Tie) Canon() string { return string(t.AppendCanon(nil)) }

// AppendCanon appends the document's canonical form to b.
func (d Document) AppendCanon(b []byte) []byte {
	b = append(b, `["document",`...)
	b = appendStrings(b, d.Dataset, d.ID, d.Title, d.Publisher)
	b = append(b, ',')
	b = appendDate(b, d.Published)
	b = append(b, ',')
	b = appendStrings(b, d.URL, d.Kind, d.Note)
	return append(b, ']')
}

// AppendCanon appends the actor's canonical form to b.
func (a Actor) AppendCanon(b []byte) []byte {
	b = append(b, `["actor",`...)
	b = appendStrings(b, a.Dataset, a.ID, string(a.Kind), a.Name, a.Short)
	b = append(b, ",["...)
	for i, s := range a.Aliases {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	b = append(b, "],"...)
	b = appendStrings(b, a.Region, a.Note)
	b = append(b, ',')
	b = appendCitations(b, a.Sources)
	if a.At != nil {
		// Only an actor with coordinates has the field, so that the
		// fingerprints of data without any stay as they were.
		b = append(b, ',')
		b = appendPoint(b, a.At)
	}
	return append(b, ']')
}

// AppendCanon appends the tie's canonical form to b.
func (t Tie) AppendCanon(b []byte) []byte {
	b = append(b, `["tie",`...)
	b = appendStrings(b, t.Dataset, t.Key, string(t.Type), t.From, t.To)
	b = append(b, ",["...)
	b = appendAttrs(b, t.Attrs)
	b = append(b, "],"...)
	b = appendDate(b, t.Since)
	b = append(b, ',')
	b = appendDate(b, t.Until)
	b = append(b, ',')
	b = appendJSONString(b, t.Note)
	b = append(b, ',')
	b = appendCitations(b, t.Sources)
	b = append(b, ',')
	b = appendDate(b, t.Attested)
	return append(b, ']')
}

// appendAttrs writes the non-empty attributes as ["name","value"] pairs
// sorted by name, without the enclosing brackets.
func appendAttrs(b []byte, attrs map[string]string) []byte {
	var small [4]string
	names := small[:0]
	for n, v := range attrs {
		if v != "" {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, n)
		b = append(b, ',')
		b = appendJSONString(b, attrs[n])
		b = append(b, ']')
	}
	return b
}

func appendCitations(b []byte, cs []Citation) []byte {
	b = append(b, '[')
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"Doc":`...)
		b = appendJSONString(b, c.Doc)
		b = append(b, `,"Section":`...)
		b = appendJSONString(b, c.Section)
		b = append(b, `,"Evidence":`...)
		b = appendJSONString(b, c.Evidence)
		b = append(b, `,"Checked":`...)
		b = appendDate(b, c.Checked)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStrings writes JSON strings separated by commas.
func appendStrings(b []byte, ss ...string) []byte {
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return b
}

// appendDate writes d as its seed-file text, a JSON string. Dates hold only
// digits and '-', so nothing needs escaping.
func appendDate(b []byte, d Date) []byte {
	b = append(b, '"')
	b = d.appendText(b)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes a JSON string holds as they are.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString writes s as encoding/json.Marshal does: quoted, with
// HTML-sensitive characters, control characters, U+2028 and U+2029 escaped
// and invalid UTF-8 replaced by \ufffd.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Hash is the content hash of a dataset: equal datasets have equal hashes,
// whatever order their files list items in.
func (d *Dataset) Hash() string {
	return FingerprintOf([]*Dataset{d}).Hash
}

// FingerprintOf computes the fingerprint of datasets: a SHA-256 over the
// sorted canonical forms of every item, each followed by a newline, with
// the counts.
//
// Sorted datasets (see Dataset.Sort) nearly always list their items in the
// order of their canonical forms already: actors, then documents, then ties,
// each by dataset name and id or key. So the forms are hashed as they are
// made, checking that each is not less than the one before; only when one
// is (a key that sorts differently once quoted, an unsorted dataset) are
// all forms collected and sorted.
func FingerprintOf(ds []*Dataset) Fingerprint {
	var fp Fingerprint
	for _, d := range ds {
		fp.Documents += len(d.Documents)
		fp.Actors += len(d.Actors)
		fp.Ties += len(d.Ties)
	}
	byName := slices.Clone(ds)
	slices.SortStableFunc(byName, func(a, b *Dataset) int { return strings.Compare(a.Name, b.Name) })
	if h, ok := hashInOrder(byName); ok {
		fp.Hash = h
		return fp
	}
	var lines []string
	eachCanon(byName, func(line []byte) bool {
		lines = append(lines, string(line))
		return true
	})
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	fp.Hash = hex.EncodeToString(h.Sum(nil))
	return fp
}

// hashInOrder hashes the canonical forms in the order eachCanon makes them,
// and reports false as soon as one is out of order.
func hashInOrder(ds []*Dataset) (string, bool) {
	h := sha256.New()
	var prev []byte
	first := true
	var buf bytes.Buffer
	ok := eachCanon(ds, func(line []byte) bool {
		if !first && bytes.Compare(line, prev) < 0 {
			return false
		}
		first = false
		buf.Write(line)
		buf.WriteByte('\n')
		if buf.Len() >= 64<<10 {
			h.Write(buf.Bytes())
			buf.Reset()
		}
		prev = append(prev[:0], line...)
		return true
	})
	if !ok {
		return "", false
	}
	h.Write(buf.Bytes())
	return hex.EncodeToString(h.Sum(nil)), true
}

// eachCanon calls fn with the canonical form of every item, actors first,
// then documents, then ties (the order of `["actor"`, `["document"` and
// `["tie"`), until fn returns false. The slice fn gets is reused.
func eachCanon(ds []*Dataset, fn func(line []byte) bool) bool {
	var b []byte
	for _, d := range ds {
		for _, x := range d.Actors {
			if b = x.AppendCanon(b[:0]); !fn(b) {
				return false
			}
		}
	}
	for _, d := range ds {
		for _, x := range d.Documents {
			if b = x.AppendCanon(b[:0]); !fn(b) {
				return false
			}
		}
	}
	for _, d := range ds {
		for _, x := range d.Ties {
			if b = x.AppendCanon(b[:0]); !fn(b) {
				return false
			}
		}
	}
	return true
}
