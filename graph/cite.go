package graph

import "strings"

// Citations as people read them. Every output that shows a citation as text
// (compare's sources, the tooltips of a drawing, the report's notes, the
// rendered "sources" property) goes through these, so that a citation reads
// the same everywhere.

// String renders a citation for humans: "doc, section: evidence".
func (c Citation) String() string {
	s := c.Doc
	if c.Section != "" {
		s += ", " + c.Section
	}
	if c.Evidence != "" {
		s += ": " + c.Evidence
	}
	if !c.Checked.IsZero() {
		s += " (checked " + c.Checked.String() + ")"
	}
	return s
}

// Detail is the citation without its document, for places that name the
// document on their own: "section: evidence".
func (c Citation) Detail() string {
	s := c.Section
	if c.Evidence != "" {
		if s != "" {
			s += ": "
		}
		s += c.Evidence
	}
	return s
}

// CitationsText joins citations for one line of text: "a, p. 3; b, p. 4".
func CitationsText(cs []Citation) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.String()
	}
	return strings.Join(s, "; ")
}

// CitedDocs lists the documents the citations point at, once each, in the
// order first cited.
func CitedDocs(cs []Citation) []string {
	var out []string
	seen := map[string]bool{}
	for _, c := range cs {
		if !seen[c.Doc] {
			seen[c.Doc] = true
			out = append(out, c.Doc)
		}
	}
	return out
}
