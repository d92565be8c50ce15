package cypher

import "strings"

// Split splits a script into statements at each ';' that stands outside
// strings, quoted names and comments. Each statement keeps its text as
// written (comments included, surrounding space trimmed); a part with no
// token at all, such as a lone comment or an empty part between two ';',
// is no statement.
func Split(src string) []string {
	var out []string
	start, tokens := 0, 0
	flush := func(end int) {
		if tokens > 0 {
			out = append(out, strings.TrimSpace(src[start:end]))
		}
		tokens = 0
	}
	lex(src, func(t Token) {
		if t.Kind == Symbol && t.Text == ";" {
			flush(t.Pos)
			start = t.Pos + 1
			return
		}
		tokens++
	})
	flush(len(src))
	return out
}
