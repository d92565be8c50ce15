package cypher

import (
	"fmt"
	"strings"
)

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

// Excerpt shows line of text with a caret under column (both 1-based, as
// the server reports a position), on lines of their own; "" when the
// position is not in text.
func Excerpt(text string, line, column int) string {
	lines := strings.Split(text, "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	l := lines[line-1]
	width := len([]rune(l[:min(len(l), max(0, column-1))]))
	num := fmt.Sprint(line)
	return fmt.Sprintf("\n  %s | %s\n  %s | %s^", num, l, strings.Repeat(" ", len(num)), strings.Repeat(" ", width))
}
