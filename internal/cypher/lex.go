// Package cypher reads Cypher text as far as relmap needs to before the
// server sees it: it splits a script into statements and decides whether a
// statement may run in read mode. Both work on one tokenizer, so a ';' or a
// keyword inside a string, a quoted name or a comment is never taken for
// one outside; the server's own parser remains the judge of everything else.
package cypher

import (
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of a token.
type Kind int

// The token kinds. Comments and white space separate tokens and are not
// returned.
const (
	Word       Kind = iota // a keyword or an unquoted name: letters, digits, _
	Number                 // 42, 2.5, 1e3, 0x1F
	String                 // 'text' or "text", with backslash escapes
	QuotedName             // `name`, never a keyword
	Symbol                 // any other single character
)

// Token is one token of Cypher text. Text is exactly as written (quotes
// included); Pos is its byte offset in the source.
type Token struct {
	Kind Kind
	Text string
	Pos  int
}

// Tokens returns the tokens of src in order. It never fails: an unclosed
// string, name or comment runs to the end of src, which the server then
// refuses as a syntax error.
func Tokens(src string) []Token {
	var out []Token
	lex(src, func(t Token) { out = append(out, t) })
	return out
}

// lex calls emit for each token of src.
func lex(src string, emit func(Token)) {
	i := 0
	for i < len(src) {
		r, n := utf8.DecodeRuneInString(src[i:])
		start := i
		switch {
		case isSpace(r):
			i += n
		case r == '/' && i+1 < len(src) && src[i+1] == '/':
			// Any line break ends it: ending a comment sooner than the
			// server would only shows more text to the read-mode check.
			for i < len(src) {
				r, n := utf8.DecodeRuneInString(src[i:])
				if r == '\n' || r == '\r' || r == '\u0085' || r == '\u2028' || r == '\u2029' {
					break
				}
				i += n
			}
		case r == '/' && i+1 < len(src) && src[i+1] == '*':
			end := indexFrom(src, i+2, "*/")
			if end < 0 {
				i = len(src)
			} else {
				i = end + 2
			}
		case r == '\'' || r == '"':
			i = skipQuoted(src, i+1, byte(r), true)
			emit(Token{String, src[start:i], start})
		case r == '`':
			i = skipQuoted(src, i+1, '`', false)
			emit(Token{QuotedName, src[start:i], start})
		case r >= '0' && r <= '9':
			i = skipNumber(src, i)
			emit(Token{Number, src[start:i], start})
		case isWordRune(r):
			for i < len(src) {
				r, n := utf8.DecodeRuneInString(src[i:])
				if !isWordRune(r) {
					break
				}
				i += n
			}
			emit(Token{Word, src[start:i], start})
		default:
			i += n
			emit(Token{Symbol, src[start:i], start})
		}
	}
}

// isSpace counts every Unicode space and control character as white space,
// so that no odd separator can glue two keywords into one word here while
// the server reads them apart.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r)
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func indexFrom(s string, from int, sub string) int {
	for j := from; j+len(sub) <= len(s); j++ {
		if s[j:j+len(sub)] == sub {
			return j
		}
	}
	return -1
}

// skipQuoted returns the offset after the closing quote q of a literal
// whose text starts at i. A backslash escapes the next character in
// strings; in quoted names a doubled backtick stands for one.
func skipQuoted(src string, i int, q byte, escapes bool) int {
	for i < len(src) {
		switch src[i] {
		case '\\':
			if escapes {
				i += 2
				continue
			}
		case q:
			if !escapes && i+1 < len(src) && src[i+1] == q {
				i += 2 // `` is a backtick inside the name
				continue
			}
			return i + 1
		}
		i++
	}
	return len(src)
}

// skipNumber returns the offset after the number starting at i: decimal
// digits with an optional fraction and exponent, or 0x/0o with their
// digits. A letter after a number starts a new word, as in the server's
// lexer, so "1TERMINATE" is two tokens here too.
func skipNumber(src string, i int) int {
	digits := func(i int, ok func(byte) bool) int {
		for i < len(src) && (ok(src[i]) || src[i] == '_') {
			i++
		}
		return i
	}
	dec := func(c byte) bool { return c >= '0' && c <= '9' }
	hex := func(c byte) bool { return dec(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
	oct := func(c byte) bool { return c >= '0' && c <= '7' }
	if src[i] == '0' && i+2 < len(src) {
		switch src[i+1] {
		case 'x', 'X':
			if hex(src[i+2]) {
				return digits(i+2, hex)
			}
		case 'o', 'O':
			if oct(src[i+2]) {
				return digits(i+2, oct)
			}
		}
	}
	i = digits(i, dec)
	if i+1 < len(src) && src[i] == '.' && dec(src[i+1]) {
		i = digits(i+1, dec)
	}
	if i+1 < len(src) && (src[i] == 'e' || src[i] == 'E') {
		j := i + 1
		if j < len(src) && (src[j] == '+' || src[j] == '-') {
			j++
		}
		if j < len(src) && dec(src[j]) {
			i = digits(j, dec)
		}
	}
	return i
}
