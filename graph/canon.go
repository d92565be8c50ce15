package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// The canonical form of an item is what "equal" means for relmap: the loader
// compares it to decide what to update, and Fingerprint hashes it, whether the
// items come from seed files or are read back from the database. File and
// line positions are not content and are left out.

type canonCitation struct {
	Doc, Section, Evidence string
}

func canonCitations(cs []Citation) []canonCitation {
	out := make([]canonCitation, len(cs))
	for i, c := range cs {
		out[i] = canonCitation{c.Doc, c.Section, c.Evidence}
	}
	return out
}

func canonJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain strings, slices and maps reach here
	}
	return string(b)
}

// Canon returns the document's canonical form.
func (d Document) Canon() string {
	return canonJSON([]any{"document", d.Dataset, d.ID, d.Title, d.Publisher, d.Published.String(), d.URL, d.Kind, d.Note})
}

// Canon returns the actor's canonical form.
func (a Actor) Canon() string {
	aliases := a.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return canonJSON([]any{"actor", a.Dataset, a.ID, string(a.Kind), a.Name, a.Short, aliases, a.Region, a.Note, canonCitations(a.Sources)})
}

// Canon returns the tie's canonical form. Attributes are sorted by name.
func (t Tie) Canon() string {
	names := make([]string, 0, len(t.Attrs))
	for n, v := range t.Attrs {
		if v != "" {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	attrs := make([][2]string, len(names))
	for i, n := range names {
		attrs[i] = [2]string{n, t.Attrs[n]}
	}
	return canonJSON([]any{"tie", t.Dataset, t.Key, string(t.Type), t.From, t.To, attrs,
		t.Since.String(), t.Until.String(), t.Note, canonCitations(t.Sources)})
}

// Hash is the content hash of a dataset: equal datasets have equal hashes,
// whatever order their files list items in.
func (d *Dataset) Hash() string {
	return FingerprintOf([]*Dataset{d}).Hash
}

// FingerprintOf computes the fingerprint of datasets: a SHA-256 over the
// sorted canonical forms of every item, with the counts.
func FingerprintOf(ds []*Dataset) Fingerprint {
	var lines []string
	var fp Fingerprint
	for _, d := range ds {
		for _, x := range d.Documents {
			lines = append(lines, x.Canon())
		}
		for _, x := range d.Actors {
			lines = append(lines, x.Canon())
		}
		for _, x := range d.Ties {
			lines = append(lines, x.Canon())
		}
		fp.Documents += len(d.Documents)
		fp.Actors += len(d.Actors)
		fp.Ties += len(d.Ties)
	}
	sort.Strings(lines)
	h := sha256.New()
	for _, l := range lines {
		h.Write([]byte(l))
		h.Write([]byte{'\n'})
	}
	fp.Hash = hex.EncodeToString(h.Sum(nil))
	return fp
}
