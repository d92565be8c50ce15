package shell

import (
	"sort"
	"strings"
	"unicode"

	"github.com/relmap/relmap/graph"
	"github.com/relmap/relmap/internal/cypher"
	"github.com/relmap/relmap/internal/output"
	"github.com/relmap/relmap/internal/queries"
)

// Labels are the node labels relmap writes: the actor label, one per kind,
// and the documents' and datasets'.
func Labels() []string {
	out := []string{graph.ActorLabel, graph.LabelDocument, graph.LabelDataset}
	for _, k := range graph.Kinds {
		out = append(out, k.Label)
	}
	sort.Strings(out)
	return out
}

// RelTypes are the relationship types of the tie types.
func RelTypes() []string {
	out := make([]string, 0, len(graph.TieTypes))
	for _, t := range graph.TieTypes {
		out = append(out, t.RelType)
	}
	sort.Strings(out)
	return out
}

// Completer completes what is typed at a position in a line. Actors are
// the actor ids offered inside quotes.
type Completer struct {
	Actors []string
	// Params returns the parameter names set, for $name.
	Params func() []string
}

// Complete returns the words that may stand for the word ending at pos in
// line, and that word's length in runes.
func (c Completer) Complete(line []rune, pos int) (candidates []string, length int) {
	start := pos
	for start > 0 && (isWordRune(line[start-1])) {
		start--
	}
	word := string(line[start:pos])
	before := string(line[:start])
	trimmed := strings.TrimSpace(before)
	typed := strings.TrimLeft(string(line[:pos]), " \t")
	switch {
	case strings.HasPrefix(typed, ":") && !strings.ContainsAny(typed, " \t"):
		// The command itself, including its ':'.
		return matching(CommandNames(), typed), len([]rune(typed))
	case trimmed == ":named":
		return matching(queries.Names(), word), len([]rune(word))
	case trimmed == ":format":
		return matching(output.Formats, word), len([]rune(word))
	case strings.HasSuffix(before, "$") && c.Params != nil:
		return matching(c.Params(), word), len([]rune(word))
	case inQuote(before):
		return matching(c.Actors, word), len([]rune(word))
	case strings.HasSuffix(before, ":") || strings.HasSuffix(before, "|"):
		if openBracket(before) == '[' {
			return matching(RelTypes(), word), len([]rune(word))
		}
		return matching(Labels(), word), len([]rune(word))
	}
	return nil, 0
}

func isWordRune(r rune) bool {
	return r == '_' || r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// inQuote reports whether text ends inside a string literal.
func inQuote(text string) bool {
	ts := cypher.Tokens(text)
	if len(ts) == 0 {
		return false
	}
	last := ts[len(ts)-1]
	if last.Kind != cypher.String {
		return false
	}
	q := last.Text[0]
	// An unclosed string runs to the end of the text.
	return len(last.Text) == 1 || last.Text[len(last.Text)-1] != q
}

// openBracket returns the innermost '(' or '[' left open in text, or 0.
func openBracket(text string) byte {
	var stack []byte
	for _, t := range cypher.Tokens(text) {
		if t.Kind != cypher.Symbol {
			continue
		}
		switch t.Text {
		case "(", "[":
			stack = append(stack, t.Text[0])
		case ")", "]":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return 0
	}
	return stack[len(stack)-1]
}

func matching(all []string, prefix string) []string {
	var out []string
	for _, s := range all {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out
}
